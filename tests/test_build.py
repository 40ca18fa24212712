"""`rolebook build --kind jd`: what it writes, what it refuses, and that rebuilds are identical."""

import os
import shutil
import zipfile

import pytest

from clients import normalised, xml_part
from conftest import REPO, copy_project, run_rolebook, write_files

ENGLISH = REPO / "tests" / "render_projects" / "english"
GOLDEN = REPO / "tests" / "golden"


def assert_golden(golden, actual: str) -> None:
    """Compare with a reviewed golden file; ROLEBOOK_UPDATE_GOLDEN=1 rewrites it (then review the diff)."""
    if os.environ.get("ROLEBOOK_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing; run with ROLEBOOK_UPDATE_GOLDEN=1 and review it"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.fixture
def english(tmp_path):
    return copy_project(ENGLISH, tmp_path / "english")


def test_build_writes_every_concrete_role_and_an_index(tmp_path):
    root = copy_project(REPO, tmp_path / "example")
    result = run_rolebook("build", "--kind", "jd", cwd=root)
    assert result.returncode == 0, result.stderr
    built = sorted(p.relative_to(root / "build").as_posix() for p in (root / "build").rglob("*.*")
                   if not p.name.startswith("."))  # the manifest of the build's inputs
    roles = ["sales-manager", "sales-rep", "telesales-supervisor"]
    assert built == ["index.html"] + [f"jd/{r}.{f}" for r in roles for f in ("docx", "html")]
    index = (root / "build" / "index.html").read_text(encoding="utf-8")
    for role in roles:
        assert f'href="jd/{role}.docx"' in index and f'href="jd/{role}.html"' in index
    assert "sales-family" not in index
    # the first column lists the handbook and the catalogue as well as the roles: not headed 岗位名称
    assert '<th scope="col">名称</th>' in index and "岗位名称</th>" not in index


def test_rebuild_is_byte_identical(english):
    run_rolebook("build", cwd=english)
    first = {p.relative_to(english): p.read_bytes() for p in (english / "build").rglob("*.*")}
    shutil.rmtree(english / "build")
    run_rolebook("build", cwd=english)
    second = {p.relative_to(english): p.read_bytes() for p in (english / "build").rglob("*.*")}
    # 2 roles × (jd, form, posting) × 2 formats, handbook × 2, catalogue × 3, org chart, index, manifest
    assert first == second and len(first) == 20


def test_role_format_and_out_options(english, tmp_path):
    out = tmp_path / "elsewhere"
    result = run_rolebook("build", "--role", "data-analyst", "--format", "html", "--kind", "jd", "--out", str(out),
                          cwd=english)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.rglob("*.*")) == [".rolebook-manifest.json", "data-analyst.html", "index.html"]
    assert not (english / "build").exists()


def test_a_build_of_some_roles_leaves_the_index_to_a_build_of_all(english):
    """Like the handbook, the index covers every role: `--role` writes it only into a folder without one, or
    when the build adds or removes files (the index must not link a removed document)."""
    assert run_rolebook("build", "--format", "html", cwd=english).returncode == 0
    index = english / "build" / "index.html"
    before = index.read_bytes()
    assert b"Field Sales" not in before
    spec = english / "role_specs" / "sales-lead.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("department: Sales", "department: Field Sales", 1),
                    encoding="utf-8")
    result = run_rolebook("build", "--format", "html", "--role", "sales-lead", cwd=english)
    assert result.returncode == 0 and "removed" not in result.stderr, result.stderr
    assert "Field Sales" in (english / "build" / "jd" / "sales-lead.html").read_text(encoding="utf-8")
    assert index.read_bytes() == before  # its department there is the last full build's
    assert run_rolebook("build", "--format", "html", cwd=english).returncode == 0
    assert "Field Sales" in index.read_text(encoding="utf-8")


def test_a_build_of_one_role_keeps_the_pages_that_name_it_current(tmp_path):
    """A title shows in the superior's job description (its reports) and the reports' forms (their
    supervisor): `--role` renders those again where they were built; another role's document older than
    its inputs is removed, never left to be sent out, and the index then links what is there."""
    root = copy_project(REPO / "tests" / "projects" / "organisation", tmp_path / "org")
    assert run_rolebook("build", "--format", "html", cwd=root).returncode == 0
    build, index = root / "build", root / "build" / "index.html"
    before = index.read_bytes()
    edit = lambda name, old, new: (root / "role_specs" / name).write_text(  # noqa: E731
        (root / "role_specs" / name).read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    edit("sales-manager.yaml", "title: 区域销售经理", "title: 大区销售经理")
    result = run_rolebook("build", "--format", "html", "--role", "sales-manager", "-v", cwd=root)
    assert result.returncode == 0 and "removed" not in result.stderr, result.stderr
    for page in ("jd/sales-manager.html", "jd/sales-director.html", "forms/sales-rep.html"):
        assert "大区销售经理" in (build / page).read_text(encoding="utf-8"), page
    assert "大区销售经理" not in (build / "jd" / "accountant.html").read_text(encoding="utf-8")
    assert index.read_bytes() == before
    edit("accountant.yaml", "title: 会计", "title: 总账会计")  # no relation of the sales manager
    result = run_rolebook("build", "--format", "html", "--role", "sales-manager", cwd=root)
    assert result.returncode == 0 and "jd/accountant.html" in result.stderr
    assert not (build / "jd" / "accountant.html").exists()
    assert b'href="jd/accountant.html"' in before and b'href="jd/accountant.html"' not in index.read_bytes()


def test_unknown_or_abstract_role_is_misuse(english):
    assert run_rolebook("build", "--role", "nobody", cwd=english).returncode == 2
    write_files(english, {"role_specs/family.yaml": "id: family\ntitle: F\nabstract: true\n"})
    result = run_rolebook("build", "--role", "family", cwd=english)
    assert result.returncode == 2 and "abstract" in result.stderr


def test_invalid_spec_writes_nothing_and_keeps_previous_files(english):
    assert run_rolebook("build", cwd=english).returncode == 0
    before = {p: p.read_bytes() for p in (english / "build").rglob("*.*")}
    spec = english / "role_specs" / "data-analyst.yaml"
    spec.write_text(spec.read_text().replace("weight: 60", "weight: 50"))
    result = run_rolebook("build", cwd=english)
    assert result.returncode == 1 and "weights-sum" in result.stdout
    after = {p: p.read_bytes() for p in (english / "build").rglob("*.*")}
    assert after == before


def test_template_override_extending_the_default(english):
    write_files(english, {"templates/jd.md.j2": '{% extends "!jd.md.j2" %}\n{% block end %}\n'
                                                "## Equal opportunities\n\nWe welcome every applicant.\n"
                                                "{% endblock %}\n"})
    assert run_rolebook("build", "--format", "html", cwd=english).returncode == 0
    page = (english / "build" / "jd" / "data-analyst.html").read_text(encoding="utf-8")
    assert "Equal opportunities" in page and "Build the weekly" in page


def test_broken_template_names_its_file_and_line(english):
    write_files(english, {"templates/jd.md.j2": "# {{ role.title }}\n\n{{ role.no_such_field }}\n"})
    result = run_rolebook("build", cwd=english)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "jd.md.j2:3" in result.stderr and "no_such_field" in result.stderr
    write_files(english, {"templates/jd.md.j2": "{% for x in %}\n"})
    result = run_rolebook("build", cwd=english)
    assert result.returncode == 1 and "jd.md.j2:1" in result.stderr and "syntax" in result.stderr
    write_files(english, {"templates/jd.md.j2": "# Title\n\n{% include 'missing.md.j2' %}\n"})
    result = run_rolebook("build", cwd=english)
    assert result.returncode == 1 and "jd.md.j2:3: template 'missing.md.j2' not found (searched" in result.stderr


def test_missing_language_catalogue_falls_back_to_english_with_a_warning(english):
    spec = english / "role_specs" / "data-analyst.yaml"
    spec.write_text(spec.read_text() + "language: fr\n")
    result = run_rolebook("build", "--format", "html", cwd=english)
    assert result.returncode == 0 and "no built-in labels for language 'fr'" in result.stderr
    page = (english / "build" / "jd" / "data-analyst.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Duties" in page


@pytest.mark.parametrize("name", ["document.xml", "numbering.xml", "styles.xml"])
def test_golden_docx_parts(english, name):
    run_rolebook("build", "--format", "docx", cwd=english)
    actual = normalised(xml_part(english / "build" / "jd" / "data-analyst.docx", f"word/{name}"))
    assert_golden(GOLDEN / f"english-jd-{name}", actual)


def test_golden_html(english):
    run_rolebook("build", "--format", "html", cwd=english)
    page = (english / "build" / "jd" / "data-analyst.html").read_text(encoding="utf-8")
    body = page[page.index("<main>"):page.index("</main>") + len("</main>")]  # the page style may change
    assert_golden(GOLDEN / "english-jd.html", body + "\n")


def test_docx_zip_entries_are_in_a_fixed_order(english):
    run_rolebook("build", "--format", "docx", cwd=english)
    with zipfile.ZipFile(english / "build" / "jd" / "data-analyst.docx") as archive:
        names = archive.namelist()
    assert names[0] == "[Content_Types].xml" and names[1] == "_rels/.rels"


def tiny_png(width: int = 4, height: int = 2) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x1f\x4e\x79" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_branding_logo_font_and_colour(english):
    (english / "assets").mkdir()
    (english / "assets" / "logo.png").write_bytes(tiny_png())
    settings = english / "rolebook.yaml"
    settings.write_text(settings.read_text() + "branding:\n  logo: assets/logo.png\n  font: Arial\n"
                        "  accent_color: '#AA3300'\n")
    assert run_rolebook("build", cwd=english).returncode == 0
    docx = english / "build" / "jd" / "data-analyst.docx"
    with zipfile.ZipFile(docx) as archive:
        assert archive.read("word/media/logo.png") == tiny_png()
        assert b'r:embed="rIdLogo"' in archive.read("word/header1.xml")
        assert b"image/png" in archive.read("[Content_Types].xml")
    styles = xml_part(docx, "word/styles.xml")
    assert b'w:ascii="Arial"' in __import__("lxml.etree").etree.tostring(styles)
    page = (english / "build" / "jd" / "data-analyst.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in page and "#AA3300" in page and '"Arial"' in page
    from clients import schema_problems

    assert schema_problems(docx) == ""


def test_project_reference_docx_replaces_the_packaged_styles(english):
    from rolebook.render.wordpackage import PACKAGED_REFERENCE

    custom = english / "templates" / "reference.docx"
    custom.parent.mkdir(exist_ok=True)
    with zipfile.ZipFile(PACKAGED_REFERENCE) as source, zipfile.ZipFile(custom, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/styles.xml":
                data = data.replace(b'w:styleId="Heading2"><w:name w:val="heading 2"/>',
                                    b'w:styleId="Heading2"><w:name w:val="heading 2 (house style)"/>')
            target.writestr(item, data)
    assert run_rolebook("build", "--format", "docx", cwd=english).returncode == 0
    styles = xml_part(english / "build" / "jd" / "data-analyst.docx", "word/styles.xml")
    names = styles.xpath("//w:style[@w:styleId='Heading2']/w:name/@w:val",
                         namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"})
    assert names == ["heading 2 (house style)"]
