"""The handbook as a regulation (制度): 总则 and 附则, 第一章 / 第一条, the document number, approval and
publication, what every role shares printed once, a change history in HR's words (never commit
messages), real page numbers in the Word file, and PDF output through LibreOffice."""

import re
import subprocess
import zipfile

import pytest

from rolebook.render.ooxml import NS

from clients import need, pdf_pages, pdf_text, schema_problems, xml_part
from conftest import REPO, copy_project, run_rolebook

REGULATION = REPO / "tests" / "render_projects" / "regulation"
W = "{%s}" % NS["w"]


def git(root, *args, author="Li Wei"):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "hr@example.com", "GIT_COMMITTER_NAME": author,
                        "GIT_COMMITTER_EMAIL": "hr@example.com", "HOME": str(root), "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The regulation in git, with English commit messages; one role changed and bumped since."""
    root = copy_project(REGULATION, tmp_path_factory.mktemp("regulation") / "p")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Initial import of the sales roles")
    spec = root / "role_specs" / "xiaoshou-daibiao.yaml"
    spec.write_text(spec.read_text().replace("weight: 40", "weight: 35").replace("weight: 60", "weight: 65")
                    .replace("version: 1.0.0", "version: 1.1.0"))
    git(root, "commit", "-q", "-am", "Rebalance the rep's weights", author="Zhang San")
    result = run_rolebook("build", "--kind", "handbook", "--format", "docx", "--format", "html", "--format", "pdf",
                          cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "build"


def paragraphs(docx) -> list[tuple[str, str]]:
    """(style, text) of every paragraph in the body."""
    document = xml_part(docx, "word/document.xml")
    return [(p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS),
             "".join(p.itertext()).replace("\u00a0", " ").replace("\u2060", ""))
            for p in document.iter(W + "p")]


def test_chapters_and_articles_are_numbered_with_general_provisions_first_and_supplementary_last(built):
    """The regulation's own text is chapters and articles from 总则 to 附则; each role's job description
    and appraisal scheme, then the glossary, are attachments after 附则, their headings not articles."""
    headings = [(style, text) for style, text in paragraphs(built / "handbook.docx") if style in ("Heading1",
                                                                                             "Heading2")]
    first_attachment = next(i for i, (style, text) in enumerate(headings) if text.startswith("附件"))
    regulation, attachments = headings[:first_attachment], headings[first_attachment:]
    chapters = [text for style, text in regulation if style == "Heading1"]
    assert chapters[0] == "第一章　总则" and chapters[-1].endswith("附则")
    assert chapters[-1].startswith(f"第{'二三四五六七八九十'[len(chapters) - 2]}章")
    articles = [text for style, text in regulation if style == "Heading2"]
    assert articles[:2] == ["第一条　目的", "第二条　适用范围"]  # articles run through the whole regulation
    assert re.fullmatch(r"第[一二三四五六七八九十]+条　生效日期", articles[-1])
    assert [text for style, text in attachments if style == "Heading1"] == [
        "附件一　销售代表岗位说明书及考核方案", "附件二　销售经理岗位说明书及考核方案"]  # no glossary here
    assert not [text for _, text in attachments if re.match("第.+[章条]", text)], "no article in a job description"
    assert "岗位职责" in [text for style, text in attachments if style == "Heading2"]
    page = (built / "handbook.html").read_text(encoding="utf-8")
    main = page[page.index("<main"):]
    regulation_text = main.split('<div class="attachment">')[0]
    assert "第一章　总则</h1>" in main and "附则</h1>" in regulation_text.split("<h1")[-1]


def test_cover_has_the_document_number_approval_and_publication(built):
    text = " ".join(text for _, text in paragraphs(built / "handbook.docx"))
    assert "文件编号：HD-ZD-2026-03" in text
    for part in ("编制", "人力资源部", "2026-02-01", "审核", "王芳", "批准", "总经理办公会", "2026-02-20",
                 "本制度经职工代表大会讨论通过，于 2026-02-25 在公司内网公示。"):
        assert part in text
    header = xml_part(built / "handbook.docx", "word/header1.xml")
    assert "HD-ZD-2026-03" in "".join(header.itertext())
    assert "版本：2.1" in text and "生效日期：2026-03-01" in text


def test_the_document_control_holds_the_history_and_the_revision_before_the_contents(built):
    """The change history is the document control on the cover, with the commit in its small print only;
    the roles overview lists the 岗位编号 where roles have one."""
    body = paragraphs(built / "handbook.docx")
    texts = [text for _, text in body]
    control = texts.index("修订记录")
    contents = next(i for i, (style, _) in enumerate(body) if style.startswith("TOC"))
    assert control < contents
    revision = next(text for text in texts if text.startswith("修订版本："))
    assert re.search(r"[0-9a-f]{7}", revision) and texts.index(revision) < contents
    assert not [text for text in texts[contents:] if re.search(r"\b[0-9a-f]{7}\b", text)], "no commit id later"
    assert not [text for style, text in body if style == "Heading1" and text.endswith("修订记录")]
    page = (built / "handbook.html").read_text(encoding="utf-8")
    overview = page.split("岗位一览</h1>")[1].split("</table>")[0]
    assert ">岗位编号</th>" in overview and "<td>XS-01</td>" in overview and "xiaoshou-daibiao" not in overview


def test_what_every_role_shares_is_printed_once(built):
    text = " ".join(text for _, text in paragraphs(built / "handbook.docx"))
    for shared in ("考核期初由直接上级与员工共同确定考核指标", "对考核结果有异议的，可在结果公布后五个工作日内", "75 ≤ 总分 < 90"):
        assert text.count(shared) == 1, shared
    assert "通用考核规定" in text and text.count("：见第三章“通用考核规定”。") == 2  # each role refers to it
    page = (built / "handbook.html").read_text(encoding="utf-8")
    assert page.count('href="#rolebook-shared"') >= 2 and 'id="rolebook-shared"' in page


def test_shared_rules_left_to_a_policy_chapter_are_printed_nowhere_twice(tmp_path):
    """handbook.shared_rules: [grades]: the 通用考核规定 chapter prints the grades alone (an org-wide policy
    chapter states the process and the appeal), the role chapters refer to it for the grades only and
    still leave the shared process and appeal out."""
    root = copy_project(REGULATION, tmp_path / "p")
    settings = root / "rolebook.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("handbook:\n", "handbook:\n  shared_rules: [grades]\n", 1), encoding="utf-8")
    result = run_rolebook("build", "--kind", "handbook", "--format", "docx", cwd=root)
    assert result.returncode == 0, result.stderr
    body = paragraphs(root / "build" / "handbook.docx")
    text = " ".join(text for _, text in body)
    assert "75 ≤ 总分 < 90" in text and text.count("75 ≤ 总分 < 90") == 1
    for left in ("考核期初由直接上级与员工共同确定考核指标", "对考核结果有异议的，可在结果公布后五个工作日内"):
        assert left not in text, left
    shared = [text for style, text in body if style == "Heading1" and text.endswith("通用考核规定")]
    assert len(shared) == 1
    assert text.count("等级划分与计分方法：见第三章“通用考核规定”。") == 2 and "考核流程、" not in text


def test_change_history_reads_like_hr_writes_and_holds_no_commit_text(built):
    text = " ".join(text for _, text in paragraphs(built / "handbook.docx"))
    history = text.split("修订记录")[-1]
    assert "团队人员保留率纳入考核" in history and "首次发布" in history  # the manager's `changes:`
    assert "销售额达成率 权重 40% → 35%" in history and "回款率 权重 60% → 65%" in history  # from the diff
    assert "1.1.0" in history and "1.0.0" in history
    for commit_text in ("Initial import", "Rebalance", "Zhang San", "Li Wei"):
        assert commit_text not in text and commit_text not in (built / "handbook.html").read_text(encoding="utf-8")
    body = "".join(text for style, text in paragraphs(built / "handbook.docx") if style != "Note")
    assert not re.search(r"\b[0-9a-f]{7}\b", body)  # no commit hash outside the small cover line


def test_title_has_no_outline_level_and_word_is_not_asked_to_update_fields(built):
    styles = xml_part(built / "handbook.docx", "word/styles.xml")
    assert not styles.xpath("//w:style[@w:styleId='Title']//w:outlineLvl", namespaces=NS)
    with zipfile.ZipFile(built / "handbook.docx") as archive:
        assert b"updateFields" not in archive.read("word/settings.xml")


def test_word_file_holds_real_page_numbers(built):
    """The contents' page numbers and the footer's page count are cached in the file, right as laid out."""
    document = xml_part(built / "handbook.docx", "word/document.xml")
    links = document.xpath("//w:p[starts-with(w:pPr/w:pStyle/@w:val,'TOC')]/w:hyperlink", namespaces=NS)
    pages = []
    for link in links:
        runs = link.findall(W + "r")
        texts = [r.findtext(W + "t") for r in runs]
        pages.append(next(t for t in reversed(texts) if t))
    assert all(p.isdigit() for p in pages) and len(links) > 10
    numbers = [int(p) for p in pages]
    assert numbers == sorted(numbers) and numbers[0] >= 2
    footer = "".join(xml_part(built / "handbook.docx", "word/footer1.xml").xpath("//w:t/text()", namespaces=NS))
    assert f"共 {pdf_pages(built / 'handbook.pdf')} 页" in footer


def test_the_pdf_has_page_numbered_contents_bookmarks_and_embedded_fonts(built):
    pdf = built / "handbook.pdf"
    contents = pdf_text(pdf).split("目录")[1][:2000]
    assert re.search(r"第一章\s*总则\.*\s*\d+", contents)
    outline = subprocess.run([need("pdftohtml"), "-stdout", "-xml", "-i", "-q", str(pdf)], capture_output=True,
                             text=True).stdout
    assert "<outline>" in outline and re.search(r'<item page="\d+">第一章', outline)
    fonts = subprocess.run([need("pdffonts"), str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the "emb" column


def test_pdf_a_for_archiving_and_incremental_pdfs(tmp_path):
    root = copy_project(REGULATION, tmp_path / "p")
    result = run_rolebook("build", "--kind", "jd", "--format", "pdf", "--pdf-a", "--verbose", cwd=root)
    assert result.returncode == 0, result.stderr
    pdf = root / "build" / "jd" / "xiaoshou-daibiao.pdf"
    assert b"pdfaid:part>2<" in pdf.read_bytes() or b'pdfaid:part="2"' in pdf.read_bytes()
    assert (root / "build" / "jd" / "xiaoshou-daibiao.docx").is_file()  # the Word file it is made of, beside it
    again = run_rolebook("build", "--kind", "jd", "--format", "pdf", "--pdf-a", cwd=root)
    assert "已是最新" in again.stderr  # "is up to date", in the Chinese project's words
    spec = root / "role_specs" / "xiaoshou-jingli.yaml"
    spec.write_text(spec.read_text().replace("辅导销售代表", "辅导并考核销售代表"))
    rebuilt = run_rolebook("build", "--kind", "jd", "--format", "pdf", "--pdf-a", "--verbose", cwd=root)
    assert [line for line in rebuilt.stderr.splitlines() if line.startswith("已写入 build/")] == [
        "已写入 build/jd/xiaoshou-jingli.docx", "已写入 build/jd/xiaoshou-jingli.pdf"]


def test_pdfs_are_the_same_for_the_same_inputs(tmp_path):
    family = REPO / "tests" / "render_projects" / "family"
    outs = []
    for name in ("one", "two"):
        root = copy_project(family, tmp_path / name)
        assert run_rolebook("build", "--format", "pdf", cwd=root).returncode == 0
        outs.append({p.relative_to(root / "build"): p.read_bytes() for p in (root / "build").rglob("*.pdf")})
    assert outs[0] == outs[1] and len(outs[0]) == 7


def test_missing_libreoffice_is_a_clear_error(tmp_path):
    import os
    import sys

    root = copy_project(REGULATION, tmp_path / "p")
    result = subprocess.run([sys.executable, "-m", "rolebook", "build", "--format", "pdf"], cwd=root,
                            capture_output=True, text=True,
                            env={**os.environ, "PATH": os.path.dirname(sys.executable), "ROLEBOOK_UNO_PYTHON": "/none"})
    assert result.returncode == 2 and "PDF output needs LibreOffice" in result.stderr
    assert "apt-get install libreoffice-writer-nogui python3-uno" in result.stderr
    assert not (root / "build").exists() or not list((root / "build").rglob("*.pdf"))


def test_the_regulation_passes_the_schema_check(built):
    assert schema_problems(built / "handbook.docx") == ""


def test_the_cover_shows_no_running_header_or_page_number(built):
    """The handbook's first section has a first page of its own (w:titlePg): LibreOffice prints the cover
    without the running header and the page number, which every later page has."""
    pages = pdf_text(built / "handbook.pdf").split("\f")
    header = "".join(xml_part(built / "handbook.docx", "word/header1.xml").xpath("//w:t/text()", namespaces=NS))
    squeeze = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
    assert header and squeeze(header) not in squeeze(pages[0]) and squeeze(header) in squeeze(pages[1])
    assert not re.search(r"第\s*1\s*页", pages[0]) and re.search(r"第\s*2\s*页", pages[1])
    body = xml_part(built / "handbook.docx", "word/document.xml")
    assert len(body.xpath("(//w:sectPr)[1]/w:titlePg", namespaces=NS)) == 1
    assert len(body.xpath("//w:titlePg", namespaces=NS)) == 1  # the first section only
