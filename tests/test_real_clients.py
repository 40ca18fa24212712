"""Generated documents in real clients: the ISO/IEC 29500 schema check, LibreOffice and Chromium.

Every duty, task, deliverable, collaboration partner, requirement, scenario and
glossary term of each role must be readable in both formats as a reader sees
them (text extracted from the PDF that LibreOffice or Chromium makes).
"""

import json
import re

import pytest

from rolebook.project import load_project
from rolebook.render.html import render_body
from rolebook.render.markdown import parse, parser
from rolebook.render.wordpackage import PACKAGED_REFERENCE, DocumentInfo, Reference, build_docx

from clients import body_pages, chromium_pdf, schema_problems, to_pdf
from conftest import REPO, build_copy

PROJECTS = {
    "example": REPO,  # a role family with inheritance and library KPIs, simplified Chinese
    "english": REPO / "tests" / "render_projects" / "english",
    "zh-tw": REPO / "tests" / "render_projects" / "zh-tw",
}


def plain(markdown: str) -> str:
    """What a reader sees of a Markdown text (first line), without spaces, for matching PDF text."""
    tokens = parser().parseInline(markdown.strip().splitlines()[0])[0].children or []
    text = "".join(t.content for t in tokens if t.type in ("text", "code_inline"))
    return re.sub(r"\s+", "", text)


def body_text(pdf) -> str:
    """A PDF's text without its page furniture (each page's running header and page number), spaces
    removed: a paragraph that runs over a page break reads on."""
    text = "".join(line for page in body_pages(pdf) for line in page)
    return re.sub(r"\s+", "", text).replace("\u00a0", "")


def expected_texts(role) -> list[str]:
    texts = [role.title]
    for duty in role.duties:
        texts += [duty.title, *duty.daily_tasks, *duty.deliverables]
        for partner in duty.collaboration:
            texts += [partner] if isinstance(partner, str) else [*partner.with_, partner.purpose or ""]
    if role.requirements:
        r = role.requirements
        texts += [r.education or "", r.experience or "", *(s if isinstance(s, str) else s.name for s in r.skills),
                  *(c.name for c in r.competencies)]
    texts += [s.title for s in role.scenarios]
    texts += [term.term for term in role.glossary] + [kpi.name for kpi in role.kpis()]
    if role.assessment:
        texts += [role.assessment.schedule or "", role.assessment.description or ""]
    return [plain(t) for t in texts if t and t.strip()]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every sample project built once: {project: (project, build folder)}."""
    out = {}
    for name, source in PROJECTS.items():
        root = tmp_path_factory.mktemp(name) / "p"
        folder = build_copy(source, root)
        out[name] = (load_project(root), folder)
    return out


@pytest.fixture(scope="module")
def docx_files(built):
    return sorted(path for _, folder in built.values() for path in folder.rglob("*.docx"))


def test_every_docx_passes_the_schema_check(docx_files):
    assert len(docx_files) == 21  # 6 roles with a job description, a form and a posting each, 3 handbooks
    assert schema_problems(*docx_files) == ""


def test_every_docx_opens_in_libreoffice_with_all_its_content(built, tmp_path):
    for name, (project, folder) in built.items():
        roles = project.concrete_roles()
        pdfs = to_pdf(*[folder / "jd" / f"{role.id}.docx" for role in roles], outdir=tmp_path / name)
        for role, pdf in zip(roles, pdfs):
            text = body_text(pdf)
            missing = [t for t in expected_texts(role) if t not in text]
            assert missing == [], f"{name}/{role.id}: not in the Word document as LibreOffice shows it"


def test_every_html_page_prints_in_chromium_with_all_its_content(built, tmp_path):
    for name, (project, folder) in built.items():
        for role in project.concrete_roles():
            pdf = chromium_pdf(folder / "jd" / f"{role.id}.html", tmp_path / f"{name}-{role.id}.pdf")
            text = body_text(pdf)
            missing = [t for t in expected_texts(role) if t not in text]
            assert missing == [], f"{name}/{role.id}: not on the page as Chromium prints it"


def test_html_is_self_contained_and_declares_its_language(built):
    for project, folder in built.values():
        for role in project.concrete_roles():
            page = (folder / "jd" / f"{role.id}.html").read_text(encoding="utf-8")
            assert f'<html lang="{project.language_of(role)}">' in page
            assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', page)
            assert "@media print" in page and 'name="viewport"' in page


def test_html_escapes_text(built):
    page = (built["english"][1] / "jd" / "data-analyst.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Acme &amp; Sons &lt;Ltd&gt;" in page


COMMONMARK = json.loads((REPO / "tests" / "data" / "commonmark" / "commonmark.json").read_text(encoding="utf-8"))


def test_every_commonmark_example_renders_in_both_writers_and_validates(tmp_path):
    reference = Reference.load(PACKAGED_REFERENCE)
    files = []
    for example in COMMONMARK:
        tokens = parse(example["markdown"])
        render_body(tokens)
        data = build_docx(parse(example["markdown"]), DocumentInfo("t", "s", "en"), reference)
        path = tmp_path / f"example-{example['example']:03d}.docx"
        path.write_bytes(data)
        files.append(path)
    assert len(files) == 652
    assert schema_problems(*files) == ""
