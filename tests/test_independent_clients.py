"""Every document passes software nobody here wrote: the Nu Html Checker, axe-core in Chromium, Chromium's
and LibreOffice's print, and the checks of Chinese typography a reader makes by eye.

Over the example project (simplified Chinese), the English and the traditional Chinese test projects.
"""

import html
import re
import subprocess
import zipfile

import lxml.html
import pytest
from lxml import etree

from rolebook.project import load_project

from clients import (JOINERS, axe_violations, body_pages, browser, chromium_pdf, html_problems, need, pdf_text,
                     to_pdf)
from conftest import REPO, build_copy, run_rolebook

PROJECTS = {
    "example": REPO,
    "english": REPO / "tests" / "render_projects" / "english",
    "zh-tw": REPO / "tests" / "render_projects" / "zh-tw",
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every project built once, and the example's redline of its last role change as HTML:
    {project: (project, build folder)}."""
    out = {}
    for name, source in PROJECTS.items():
        root = tmp_path_factory.mktemp(name) / "p"
        folder = build_copy(source, root)
        out[name] = (load_project(root), folder)
    out["diff"] = (None, diff_page(out["example"][0].root, tmp_path_factory.mktemp("diff")))
    return out


def diff_page(root, out):
    """The example's HTML report of a change of wording and of a weight."""
    def git(*args):
        subprocess.run(["git", "-C", str(root), "-c", "user.name=HR", "-c", "user.email=hr@example.com", *args],
                       check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "v1")
    spec = root / "role_specs" / "telesales-supervisor.yaml"
    text = spec.read_text(encoding="utf-8")
    changed = text.replace("          weight: 20", "          weight: 25", 1)
    changed = changed.replace("          weight: 10", "          weight: 5", 1)
    changed = changed.replace("电话销售团队是企业", "电销团队是企业", 1)
    assert changed != text
    spec.write_text(changed, encoding="utf-8")
    policy = root / "policies" / "appeals.md"  # a policy chapter's paragraph too
    policy.write_text(policy.read_text(encoding="utf-8").replace("可按规定程序", "可在 15 个工作日内", 1), encoding="utf-8")
    result = run_rolebook("diff", "--format", "html", "--out", str(out / "diff.html"), cwd=root)
    assert result.returncode == 0 and (out / "diff.html").is_file(), result.stderr
    return out


def pages_of(built) -> list:
    pages = sorted(page for _, folder in built.values() for page in folder.rglob("*.html"))
    assert len(pages) >= 3 * 6 + 3 + 3 + 1  # job descriptions, forms, postings, handbooks, indexes, the diff
    return pages


def test_every_page_passes_the_nu_html_checker(built):
    assert html_problems(*pages_of(built)) == []


@pytest.mark.parametrize("width, height", [(1400, 900), (390, 844)], ids=["wide", "phone"])
def test_every_page_has_no_axe_violation(built, width, height):
    """WCAG 2.0–2.2 A/AA and best practices: landmarks, 24×24 px targets (the handbook's sidebar at
    1400 px), table headers, language of parts, no scrolling region a keyboard cannot reach (phone)."""
    with browser() as driver:
        driver.set_window_size(width, height)
        problems = {page.name: axe_violations(driver, page) for page in pages_of(built)}
    assert {name: found for name, found in problems.items() if found} == {}


def test_table_headings_and_categories_do_not_split_mid_word_in_chromium(built):
    """Chromium gave the relationships table's first column one character's width (关系类 / 别, 内部工 /
    作关系): every column heading of a job description stands on one line, and so does 内部 / 外部."""
    _project, folder = built["example"]
    with browser() as driver:
        driver.set_window_size(1000, 900)
        driver.get((folder / "jd" / "sales-rep.html").as_uri())
        heights = driver.execute_script(
            "return [...document.querySelectorAll('main thead th, main tbody td:first-child strong')]"
            ".filter(e => e.textContent.trim().length <= 6)"
            ".map(e => [e.textContent.trim(), e.getClientRects().length])")
    assert ["关系类别", 1] in heights and ["内部", 1] in heights and ["外部", 1] in heights
    assert [name for name, lines in heights if lines != 1] == []


def running_header(page) -> str:
    header = lxml.html.parse(str(page)).getroot().find(".//header")
    assert header is not None, f"{page.name} has no running header"
    return re.sub(r"\s+", "", header.text_content())


@pytest.mark.parametrize("name", ["example", "english"])
def test_printed_job_descriptions_carry_the_running_header_and_page_x_of_y_on_every_page(built, name, tmp_path):
    project, folder = built[name]
    for role in project.concrete_roles():
        page = folder / "jd" / f"{role.id}.html"
        pages = [re.sub(r"\s+", "", text) for text in
                 pdf_text(chromium_pdf(page, tmp_path / f"{role.id}.pdf")).split("\f") if text.strip()]
        assert len(pages) >= 2, f"{role.id} prints on one page; the test needs a second"
        for number, text in enumerate(pages, 1):
            assert running_header(page) in text, f"{role.id}: page {number} has no running header"
            assert (f"第{number}页，共{len(pages)}页" in text if name == "example"
                    else f"Page{number}of{len(pages)}" in text), f"{role.id}: page {number} has no page number"


def docx_headings(docx) -> list[str]:
    with zipfile.ZipFile(docx) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    return ["".join(p.itertext()) for p in body.iter(W + "p")
            if (p.find(f"{W}pPr/{W}pStyle") is not None
                and p.find(f"{W}pPr/{W}pStyle").get(W + "val").startswith("Heading"))]


def html_headings(page) -> list[str]:
    root = lxml.html.parse(str(page)).getroot()
    return [e.text_content() for e in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "dt")]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("\u00a0", "").translate(JOINERS)


def pages_ending_on_a_heading(pages: list[list[str]], headings: list[str]) -> list[str]:
    """The pages (but the last) whose last lines of body text are a heading, whole or wrapped over several
    lines (a line that merely ends like a heading, 价值 after 客户生命周期价值, is body text)."""
    endings = {squeeze(h) for h in headings if squeeze(h)}
    found = []
    for number, lines in enumerate(pages[:-1], 1):
        if any(squeeze("".join(lines[-count:])) in endings for count in range(1, min(4, len(lines)) + 1)):
            found.append(f"page {number} ends on '{lines[-1]}'")
    return found


def test_pages_ending_on_a_heading_finds_a_lone_label():
    """The check below can fail: a page whose last line is a label, or a wrapped heading's end, is found."""
    pages = [["Duties", "Some text", "Daily tasks"], ["Check the figures", "Report to the manager and"],
             ["the team", "Deliverables"]]
    headings = ["Duties", "Daily tasks", "Deliverables", "Report to the manager and the team", "客户生命周期价值"]
    assert pages_ending_on_a_heading(pages, headings) == ["page 1 ends on 'Daily tasks'"]
    pages[1].append("the team")  # the wrapped heading ends the page
    assert pages_ending_on_a_heading(pages, headings) == ["page 1 ends on 'Daily tasks'",
                                                          "page 2 ends on 'the team'"]
    pages[1][-2:] = ["让客户更加了解产品的", "价值"]  # body text that merely ends like a heading
    assert pages_ending_on_a_heading(pages, headings) == ["page 1 ends on 'Daily tasks'"]


@pytest.mark.parametrize("name", list(PROJECTS))
def test_no_page_of_a_job_description_ends_on_a_lone_heading_or_label(built, name, tmp_path):
    project, folder = built[name]
    roles = project.concrete_roles()
    documents = [folder / "jd" / f"{role.id}.docx" for role in roles]
    for docx, pdf in zip(documents, to_pdf(*documents, outdir=tmp_path)):
        assert pages_ending_on_a_heading(body_pages(pdf), docx_headings(docx)) == [], f"LibreOffice: {docx.name}"
    for role in roles:
        page = folder / "jd" / f"{role.id}.html"
        pdf = chromium_pdf(page, tmp_path / f"{role.id}-chromium.pdf")
        assert pages_ending_on_a_heading(body_pages(pdf), html_headings(page)) == [], f"Chromium: {page.name}"


def signed_for(docx) -> tuple[str, str]:
    """(the paragraph just before the signature block, the first signer's line) of a .docx."""
    with zipfile.ZipFile(docx) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    for table in body.iter(W + "tbl"):
        styles = [s.get(W + "val") for s in table.iter(W + "pStyle")]
        if "Signature" in styles:
            signer = "".join(next(table.iter(W + "p")).itertext())
            return "".join(table.getprevious().itertext()), signer
    raise AssertionError(f"{docx.name} has no signature block")


@pytest.mark.parametrize("name", list(PROJECTS))
def test_what_is_signed_for_prints_on_the_page_of_the_signature_lines(built, name, tmp_path):
    """The acknowledgement (本人已阅读并理解…) is not left on one page while its lines go to the next."""
    project, folder = built[name]
    documents = [folder / "jd" / f"{role.id}.docx" for role in project.concrete_roles()]
    for docx, pdf in zip(documents, to_pdf(*documents, outdir=tmp_path)):
        statement, signer = signed_for(docx)
        for printed, client in ((pdf, "LibreOffice"),
                                (chromium_pdf(docx.with_suffix(".html"), tmp_path / f"{docx.stem}-c.pdf"), "Chromium")):
            page = next(squeeze("".join(lines)) for lines in reversed(body_pages(printed))
                        if squeeze(signer) in squeeze("".join(lines)))
            assert squeeze(statement) in page, f"{client}: {docx.name}"


def test_headings_nest_from_heading_1_in_every_document(built):
    for name in PROJECTS:
        project, folder = built[name]
        for docx in folder.rglob("*.docx"):
            with zipfile.ZipFile(docx) as archive:
                body = etree.fromstring(archive.read("word/document.xml"))
            levels = [int(style.get(W + "val")[len("Heading"):]) for style in body.iter(W + "pStyle")
                      if re.fullmatch(r"Heading\d", style.get(W + "val"))]
            # A form is its title and its tables: no headings at all.
            assert levels[:1] in ([], [1]), f"{name}/{docx.relative_to(folder)} starts at Heading {levels[:1]}"
            jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
            assert jumps == [], f"{name}/{docx.name} skips a level"
        for page in folder.rglob("*.html"):
            root = lxml.html.parse(str(page)).getroot()
            levels = [int(e.tag[1]) for e in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
            assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), page.name


def whole_on_one_line(pdf, text: str) -> int:
    """How many times the text is printed whole on one line (word joiners aside), from where each
    printed word is (LibreOffice prints a line as a word, Chromium each Chinese character)."""
    page = subprocess.run([need("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = re.findall(r'<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)"[^>]*>([^<]*)</word>', page)
    glyphs = [(char, float(top), float(bottom)) for top, bottom, word in words
              for char in html.unescape(word).translate(JOINERS)]
    chars = "".join(char for char, _, _ in glyphs)

    def one_line(run) -> bool:  # Latin and Chinese faces differ in height: lines are where the boxes overlap
        return min(bottom for _, _, bottom in run) > max(top for _, top, _ in run)

    return sum(1 for match in re.finditer(re.escape(text), chars) if one_line(glyphs[match.start():match.end()]))


INVISIBLE = "\u2060\u200b\u200c\u200d\ufeff\ue000\ue001"  # joiners, zero widths, BOM, rolebook's keep marks


def kept_occurrences(document, text: str) -> int:
    """How often rolebook kept `text` on one line in a document: in HTML each occurrence in a nowrap span;
    in Word each table cell (where titles and units are kept, by their column's width) that holds it as
    its text, or as a threshold or amount's unit (≥ 48 次/季度)."""
    if document.suffix == ".html":
        root = lxml.html.parse(str(document)).getroot()
        return sum(span.text_content().count(text) for span in root.xpath("//span[@class='nowrap']"))
    with zipfile.ZipFile(document) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    cells = ["".join(cell.itertext()) for cell in body.iter(W + "tc")]
    return sum(1 for cell in cells if re.sub(r"^[≥≤]?[\s\u00a0]*[\d.]*[\s\u00a0]*", "", cell).strip() == text)


def test_no_line_breaks_inside_a_unit_or_a_short_title(built, tmp_path):
    """"≥ 48 次/季度" and "电话销售主管" stay whole where they are kept (in narrow table cells: forms in
    landscape, job descriptions), in LibreOffice and in Chromium: every kept occurrence prints on one line."""
    project, folder = built["example"]
    roles = project.concrete_roles()
    keep = {text for text in {role.title for role in roles} | {kpi.unit for role in roles for kpi in role.kpis()}
            if text and len(text) > 1 and re.search(f"[{CJK}]", text)}
    assert "次/季度" in keep and "电话销售主管" in keep
    broken, checked = {}, 0
    for kind in ("jd", "forms"):
        out = tmp_path / kind
        out.mkdir()
        documents = [folder / kind / f"{role.id}.docx" for role in roles]
        printed = [(document, pdf) for document, pdf in zip(documents, to_pdf(*documents, outdir=out))]
        for role in roles:
            page = folder / kind / f"{role.id}.html"
            printed.append((page, chromium_pdf(page, out / f"{role.id}-chromium.pdf")))
        for document, pdf in printed:
            for text in keep:
                wanted = kept_occurrences(document, text)
                checked += wanted
                if whole_on_one_line(pdf, text) < wanted:
                    broken.setdefault(f"{kind}/{document.name}", []).append(text)
    assert checked >= 4 * len(roles)  # at least each form's title block in Word and HTML, and its units
    assert broken == {}


def test_no_invisible_characters_in_any_output(built):
    """Text a reader copies or searches for holds no joiners, zero-width characters or keep marks: short
    texts are kept on one line by layout alone."""
    found = {}
    for name, (_, folder) in built.items():
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".docx", ".xlsx"):
                with zipfile.ZipFile(path) as archive:
                    text = "".join(archive.read(part).decode("utf-8") for part in archive.namelist()
                                   if part.endswith(".xml"))
            elif path.suffix in (".html", ".csv", ".json", ".svg"):
                text = path.read_text(encoding="utf-8-sig")
            else:
                continue
            hits = sorted({f"U+{ord(char):04X}" for char in text if char in INVISIBLE})
            if hits:
                found[f"{name}:{path.relative_to(folder)}"] = hits
    assert found == {}


HALF_WIDTH_AFTER_CHINESE = re.compile(f"[{CJK}\u3000-\u303f\uff00-\uffef][()\\[\\]:;,?!]|[(\\[][{CJK}]")


def document_text(path) -> str:
    if path.suffix == ".html":
        root = lxml.html.parse(str(path)).getroot()
        for script in root.iter("script", "style", "title"):
            script.getparent().remove(script)
        return root.find("body").text_content()
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    return "\n".join("".join(p.itertext()) for p in body.iter(W + "p"))


@pytest.mark.parametrize("name", ["example", "zh-tw"])
def test_chinese_text_has_full_width_brackets_and_punctuation(built, name):
    _, folder = built[name]
    found = {}
    for path in sorted(folder.rglob("*.docx")) + sorted(folder.rglob("*.html")):
        text = document_text(path)
        hits = [text[max(0, m.start() - 8):m.end() + 8] for m in HALF_WIDTH_AFTER_CHINESE.finditer(text)]
        if hits:
            found[str(path.relative_to(folder))] = hits
    assert found == {}


def test_chinese_documents_ask_for_the_faces_chinese_offices_have(built):
    """Word: SimSun/SimHei (zh-CN) or PMingLiU/Microsoft JhengHei (zh-TW) with Times New Roman and Arial,
    declared with alternative names, Panose and character sets. HTML: faces of Windows, macOS, Linux."""
    cases = [("example", "SimSun", "SimHei", "宋体", ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC"]),
             ("zh-tw", "PMingLiU", "Microsoft JhengHei", "新細明體",
              ["Microsoft JhengHei", "PingFang TC", "Noto Sans CJK TC"])]
    for name, body, heading, alt, stack in cases:
        _, folder = built[name]
        for docx in folder.rglob("*.docx"):
            with zipfile.ZipFile(docx) as archive:
                styles = etree.fromstring(archive.read("word/styles.xml"))
                fonts = etree.fromstring(archive.read("word/fontTable.xml"))
            defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
            assert defaults.get(W + "eastAsia") == body and defaults.get(W + "ascii") == "Times New Roman"
            declared = {f.get(W + "name"): f for f in fonts.iter(W + "font")}
            assert {body, heading, "Times New Roman", "Arial"} <= set(declared), docx.name
            assert declared[body].find(W + "altName").get(W + "val") == alt
            assert declared[body].find(W + "panose1") is not None and declared[body].find(W + "charset") is not None
        with browser() as driver:
            driver.get((folder / "jd" / next((folder / "jd").glob("*.html")).name).resolve().as_uri())
            family = driver.execute_script("return getComputedStyle(document.body).fontFamily")
        faces = [face.strip().strip('"') for face in family.split(",")]
        assert [face for face in faces if face in stack] == stack and faces[-1] == "sans-serif", family


def test_libreoffice_on_linux_renders_chinese_and_digits_with_cjk_and_metric_faces(built, tmp_path):
    """Without SimSun, LibreOffice falls back to Noto CJK for Chinese and Liberation (Times New Roman's and
    Arial's metric twins) for digits, never to DejaVu."""
    project, folder = built["example"]
    pdf = to_pdf(folder / "jd" / f"{project.concrete_roles()[0].id}.docx", outdir=tmp_path)[0]
    fonts = subprocess.run([need("pdffonts"), str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in fonts}
    assert any(n.startswith("NotoSerifCJK") for n in names) and any(n.startswith("Liberation") for n in names)
    assert not any(n.startswith("DejaVu") for n in names), names
