"""The policy handbook: order, chapters, one glossary, TOC and page fields, navigation, git revision."""

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from rolebook.render.context import glossary_order
from rolebook.render.ooxml import NS

from clients import pdf_text, schema_problems, to_pdf, xml_part
from conftest import REPO, build_copy, run_rolebook, write_files

FAMILY = REPO / "tests" / "render_projects" / "family"


def build(source, root):
    return build_copy(source, root, "--kind", "handbook")


@pytest.fixture(scope="module")
def family(tmp_path_factory):
    return build(FAMILY, tmp_path_factory.mktemp("family") / "p")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return build(REPO, tmp_path_factory.mktemp("example") / "p")


def body_text(docx) -> str:
    """The document's text, no-break spaces read as spaces (numbers and units are joined by them)."""
    return "".join(xml_part(docx, "word/document.xml").itertext()).replace("\u00a0", " ").replace("\u2060", "")


def headings(docx, level: int) -> list[str]:
    document = xml_part(docx, "word/document.xml")
    return ["".join(p.itertext()) for p in document.xpath(f"//w:p[w:pPr/w:pStyle/@w:val='Heading{level}']",
                                                          namespaces=NS)]


def test_chapters_in_order_and_the_family_absent(family):
    assert headings(family / "handbook.docx", 1) == [
        "Roles", "Rules common to every role", "Support Engineer", "Account Executive", "Appraisal policy",
        "Change history", "Glossary"]
    assert "Customer-facing family" not in body_text(family / "handbook.docx")
    page = (family / "handbook.html").read_text(encoding="utf-8")
    assert page.index("Support Engineer</h1>") < page.index("Account Executive</h1>")


def test_each_role_chapter_starts_a_new_page_and_holds_its_scheme(family):
    document = xml_part(family / "handbook.docx", "word/document.xml")
    # a page starts at a paragraph that breaks before it, or at a break before a table
    breaks = document.xpath("//w:br[@w:type='page'] | //w:pPr/w:pageBreakBefore", namespaces=NS)
    assert len(breaks) == 8  # the cover, then the overview, common rules, 2 roles, the policy, history, glossary
    text = body_text(family / "handbook.docx")
    for part in ("Bookings attainment", "≥ 90%", "Grade bands and scoring", "total ≥ 90", "Appeal to the People Team",
                 "Grow the pipeline", "Keep customers happy", "≥ 85%", "KPI definitions",
                 "Average post-contact survey score, as a share of the best score.", "Source: Survey tool"):
        assert part in text


def page_starts(docx) -> list[str]:
    """The text each page break starts a page with."""
    found = []
    document = xml_part(docx, "word/document.xml")
    for mark in document.xpath("//w:br[@w:type='page'] | //w:pPr/w:pageBreakBefore", namespaces=NS):
        paragraph = next(a for a in mark.iterancestors() if a.tag == f"{{{NS['w']}}}p")
        start = paragraph if mark.tag.endswith("pageBreakBefore") else paragraph.getnext()
        while start is not None and not "".join(start.itertext()).strip():
            start = start.getnext()
        found.append("".join(start.itertext()))
    return found


def test_a_regulations_chapters_run_on_and_its_attachments_start_pages(example):
    """A 制度 prints its chapters one after another (each on a page of its own left six pages half empty);
    the contents, the first chapter and each attachment start a page."""
    assert page_starts(example / "handbook.docx") == [
        "目录", "第一章　总则", "附件一　销售人员岗位说明书及考核方案", "附件二　销售经理岗位说明书及考核方案",
        "附件三　电话销售主管岗位说明书及考核方案", "附件四　术语表"]
    page = (example / "handbook.html").read_text(encoding="utf-8")
    assert page.count('<div class="pagebreak"') == 6


def test_a_kpis_levels_say_what_each_scores_as_the_form_does(example):
    """The scheme HR files lists a qualitative KPI's levels with the points the form gives each."""
    text = body_text(example / "handbook.docx")
    assert "优秀（115 分）：培养出关键岗位人才" in text and "待改进（50 分）：未达合格标准" in text


def test_a_paragraph_under_a_table_stands_apart_from_it(example):
    """The cover's publication line touched the approval table above it: a paragraph right under a table
    is 6 pt below it; one under a paragraph is not moved."""
    document = xml_part(example / "handbook.docx", "word/document.xml")
    under = document.xpath("//w:body/w:tbl/following-sibling::*[1][self::w:p][not(w:pPr/w:pStyle)]", namespaces=NS)
    assert under and all(p.xpath("w:pPr/w:spacing/@w:before", namespaces=NS) == ["120"] for p in under)
    publication = next(p for p in under if "公示" in "".join(p.itertext()))
    assert publication is not None
    others = document.xpath("//w:body/w:p/following-sibling::*[1][self::w:p][not(w:pPr)]", namespaces=NS)
    assert others and not any(p.xpath("w:pPr/w:spacing", namespaces=NS) for p in others)


def test_a_regulations_attachments_cite_the_shared_chapter_by_its_number(example, family):
    """Printed, a link goes nowhere: each attachment of a 制度 says where the shared rules are by the
    chapter's number. A handbook without chinese numbering keeps the title alone."""
    text = body_text(example / "handbook.docx")
    assert text.count("见第三章“通用考核规定”。") == 3 and "见通用考核规定" not in text
    assert "：见第三章“通用考核规定”" in (example / "handbook.html").read_text(encoding="utf-8").replace(
        '<a href="#rolebook-shared">', "").replace("</a>", "")
    assert "see Rules common to every role" in body_text(family / "handbook.docx")


def test_policy_chapter_keeps_its_markdown(family):
    document = xml_part(family / "handbook.docx", "word/document.xml")
    text = body_text(family / "handbook.docx")
    assert "<b>Raw HTML stays text.</b>" in text
    assert document.xpath("//w:tbl[.//w:t='90 or more']", namespaces=NS)
    assert document.xpath("//w:hyperlink[w:r/w:t='intranet']", namespaces=NS)
    assert document.xpath("//w:p[w:pPr/w:numPr/w:ilvl/@w:val='1'][.//w:t='by the employee,']", namespaces=NS)


def glossary_terms(docx, title: str) -> list[str]:
    """The terms of the glossary chapter (KPI definitions elsewhere are definition lists too)."""
    document = xml_part(docx, "word/document.xml")
    terms, inside = [], False
    for paragraph in document.xpath("//w:body/w:p", namespaces=NS):
        style = paragraph.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS)
        if style == "Heading1":
            inside = "".join(paragraph.itertext()).endswith(title)  # after 第十章　when chapters are numbered
        elif inside and style == "DefinitionTerm":
            terms.append("".join(paragraph.itertext()))
    return terms


def test_glossary_once_each_and_in_order(family, example):
    assert glossary_terms(family / "handbook.docx", "Glossary") == ["CSAT", "Pipeline", "SLA"]
    terms = glossary_terms(example / "handbook.docx", "术语表")
    assert len(terms) == len(set(terms)) == 15  # 5 in the library, 10 in the roles
    assert terms == sorted(terms, key=glossary_order("zh-CN"))
    assert terms.index("话术") < terms.index("客单价") < terms.index("销售漏斗")  # hua < ke < xiao


def test_toc_field_links_every_heading_bookmark(family):
    document = xml_part(family / "handbook.docx", "word/document.xml")
    instructions = " ".join(document.xpath("//w:instrText/text()", namespaces=NS))
    assert re.search(r"TOC \\o \"1-2\" \\h", instructions)
    anchors = set(document.xpath("//w:hyperlink/@w:anchor", namespaces=NS))
    bookmarks = set(document.xpath("//w:bookmarkStart/@w:name", namespaces=NS))
    assert anchors and anchors <= bookmarks
    toc_entries = ["".join(h.xpath("w:r/w:t/text()", namespaces=NS)[:1])
                   for h in document.xpath("//w:p[starts-with(w:pPr/w:pStyle/@w:val,'TOC')]/w:hyperlink",
                                           namespaces=NS)]
    assert toc_entries[:5] == ["Roles", "Organisation chart", "Rules common to every role", "Grade bands and scoring",
                               "Appeal"]
    assert toc_entries[-2:] == ["Change history", "Glossary"]


def test_header_title_and_page_x_of_y_footer(family):
    footer = xml_part(family / "handbook.docx", "word/footer1.xml")
    assert [t.strip() for t in footer.xpath("//w:instrText/text()", namespaces=NS)] == ["PAGE", "NUMPAGES"]
    header = "".join(xml_part(family / "handbook.docx", "word/header1.xml").itertext())
    assert header == "Sales Roles & Appraisal Handbook"
    raw = __import__("zipfile").ZipFile(family / "handbook.docx").read("word/header1.xml")
    assert b"Sales Roles &amp; Appraisal Handbook" in raw


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href", "").startswith("#"):
            self.hrefs.append(attrs["href"][1:])


def test_html_navigation_links_all_resolve(family, example):
    for build_dir in (family, example):
        page = (build_dir / "handbook.html").read_text(encoding="utf-8")
        links = Links()
        links.feed(page)
        assert len(links.hrefs) > 5 and set(links.hrefs) <= links.ids
        assert '<nav class="toc">' in page and "@media print" in page
    page = (family / "handbook.html").read_text(encoding="utf-8")
    assert "<title>Sales Roles &amp; Appraisal Handbook</title>" in page


def test_schema_and_libreoffice(family, example, tmp_path):
    assert schema_problems(family / "handbook.docx", example / "handbook.docx") == ""
    family_pdf = to_pdf(family / "handbook.docx", outdir=tmp_path / "family")[0]  # both are handbook.pdf
    example_pdf = to_pdf(example / "handbook.docx", outdir=tmp_path / "example")[0]
    assert "Glossary" in pdf_text(family_pdf) and "SupportEngineer" in re.sub(r"\s+", "", pdf_text(family_pdf))
    assert "术语表" in pdf_text(example_pdf) and "电话销售主管" in pdf_text(example_pdf)


def test_glossary_conflict_stops_the_build_naming_both_places(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(FAMILY, root)
    spec = root / "role_specs" / "account-executive.yaml"
    spec.write_text(spec.read_text() + "glossary:\n  - term: Pipeline\n    definition: Something else.\n")
    result = run_rolebook("build", cwd=root)
    assert result.returncode == 1 and not (root / "build").exists()
    assert "glossary-conflict" in result.stdout and "library/glossary.yaml:" in result.stdout


@pytest.mark.parametrize("policy, message", [("policies/missing.md", "does not exist"),
                                             ("../outside.md", "outside the project")])
def test_missing_or_outside_policy_is_a_clear_error(tmp_path, policy, message):
    root = tmp_path / "p"
    shutil.copytree(FAMILY, root)
    (tmp_path / "outside.md").write_text("# Outside\n")
    settings = root / "rolebook.yaml"
    settings.write_text(settings.read_text().replace("policies/appraisal.md", policy))
    result = run_rolebook("build", "--kind", "handbook", cwd=root)
    assert result.returncode == 1 and message in result.stdout and "Traceback" not in result.stderr


def git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "HR", "GIT_AUTHOR_EMAIL": "hr@example.com", "GIT_COMMITTER_NAME": "HR",
                        "GIT_COMMITTER_EMAIL": "hr@example.com", "GIT_AUTHOR_DATE": "2026-04-01T10:00:00Z",
                        "GIT_COMMITTER_DATE": "2026-04-01T10:00:00Z", "PATH": "/usr/bin:/bin"})


def test_revision_comes_from_git_and_marks_uncommitted_changes(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(FAMILY, root)
    write_files(root, {".gitignore": "build/\n"})
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Sales roles, first version")
    commit = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=7", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    assert run_rolebook("build", "--kind", "handbook", cwd=root).returncode == 0
    first = (root / "build" / "handbook.docx").read_bytes()
    text = body_text(root / "build" / "handbook.docx")
    assert f"Revision: 2026-04-01 {commit}" in text and "uncommitted" not in text
    assert "Sales roles, first version" not in text  # the change history is in HR's words, not commits
    assert run_rolebook("build", "--kind", "handbook", cwd=root).returncode == 0
    assert (root / "build" / "handbook.docx").read_bytes() == first  # a clean tree: byte-identical
    spec = root / "role_specs" / "support-engineer.yaml"
    spec.write_text(spec.read_text().replace("2.0.0", "2.0.1"))
    assert run_rolebook("build", "--kind", "handbook", cwd=root).returncode == 0
    assert "(with uncommitted changes)" in body_text(root / "build" / "handbook.docx")


def test_outside_git_the_date_comes_from_source_date_epoch_only(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(FAMILY, root)
    assert run_rolebook("build", "--kind", "handbook", "--format", "html", cwd=root).returncode == 0
    page = (root / "build" / "handbook.html").read_text(encoding="utf-8")
    assert "Revision:" not in page and "version control" not in page  # no line that tells the reader nothing
    env_build = subprocess.run(["python", "-m", "rolebook", "build", "--kind", "handbook", "--format", "html"],
                               cwd=root, capture_output=True, text=True,
                               env={**__import__("os").environ, "SOURCE_DATE_EPOCH": "1767225600"})
    assert env_build.returncode == 0
    assert "Revision: 2026-01-01" in (root / "build" / "handbook.html").read_text(encoding="utf-8")


def test_the_roles_overview_shows_no_role_ids(example):
    """A 制度 is read by HR and managers: where the roles have no 岗位编号 (code) the roles overview has no
    such column, rather than the ids that name the project's files (sales-rep); the regulation sample's
    overview lists the codes (test_regulation)."""
    import zipfile

    with zipfile.ZipFile(example / "handbook.docx") as package:
        document = package.read("word/document.xml").decode("utf-8")
    overview = document.split("岗位一览", 1)[1].split("</w:tbl>", 1)[0]
    assert "销售人员" in overview and "sales-rep" not in overview and "岗位编号" not in overview
