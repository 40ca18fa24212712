"""The output folder never holds a document older than its spec: whatever formats and kinds each build
asks for, after it every file rolebook wrote shows the current spec, and index.html links only those."""

import re
import zipfile

import pytest

from clients import pdf_text
from conftest import run_rolebook, write_files

ROLE = """id: clerk
title: {title}
duties: [{{title: File the records}}]
assessment:
  dimensions:
    - id: d
      name: Accuracy
      kpis:
        - {{id: errors, name: Filing errors, direction: lower, weight: 100, target: 2, thresholds: {{pass: 5, excellent: 1}}}}
  grades:
    - {{grade: A, min: 90}}
    - {{grade: B, min: 0}}
"""


def text_of(path) -> str:
    if path.suffix == ".pdf":
        return pdf_text(path)
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            return re.sub(r"<[^>]+>", "", package.read("word/document.xml").decode("utf-8"))
    return path.read_text(encoding="utf-8")


def check_current(root, title):
    """Every document in the folder (but the handbook's cover page links) shows `title`; the index links
    only files that are there."""
    build = root / "build"
    documents = [p for p in build.rglob("*") if p.suffix in (".docx", ".html", ".pdf") and p.name != "index.html"]
    assert documents
    for path in documents:
        assert title in text_of(path), f"{path.relative_to(root)} is older than the spec"
    index = (build / "index.html").read_text(encoding="utf-8")
    for link in re.findall(r'href="([^"#]+)"', index):
        if not link.startswith("http") and link.endswith((".docx", ".html", ".pdf")):
            assert (build / link).is_file(), f"index.html links {link}, which is gone"


SEQUENCES = [
    # (formats of each build, and whether the title changes before it)
    [("--format", "pdf"), ("--format", "docx")],
    [("--format", "docx", "--format", "html"), ("--format", "pdf")],
    [("--format", "pdf"), ("--kind", "jd", "--format", "html")],
    [("--kind", "form", "--format", "pdf"), ("--kind", "jd", "--format", "docx"), ("--format", "html")],
]


@pytest.mark.parametrize("sequence", SEQUENCES, ids=["pdf-then-docx", "docx-html-then-pdf", "pdf-then-jd-html",
                                                       "form-pdf-then-jd-then-html"])
def test_no_build_leaves_a_document_older_than_its_spec(tmp_path, sequence):
    root = write_files(tmp_path / "p", {"rolebook.yaml": "language: en\n",
                                        "role_specs/clerk.yaml": ROLE.format(title="Records Clerk")})
    for number, options in enumerate(sequence):
        title = f"Records Clerk {number}"
        (root / "role_specs" / "clerk.yaml").write_text(ROLE.format(title=title), encoding="utf-8")
        result = run_rolebook("build", "--kind", "jd", "--kind", "form", *options, cwd=root) \
            if "--kind" not in options else run_rolebook("build", *options, cwd=root)
        assert result.returncode == 0, result.stderr
        check_current(root, title)


def test_pdf_comes_with_its_word_file_and_a_settings_change_reaches_every_format(tmp_path):
    root = write_files(tmp_path / "p", {"rolebook.yaml": "language: en\njd_signatures: [Holder, Manager]\n",
                                        "role_specs/clerk.yaml": ROLE.format(title="Records Clerk")})
    assert run_rolebook("build", "--kind", "jd", cwd=root).returncode == 0
    (root / "rolebook.yaml").write_text("language: en\njd_signatures: [Holder, Team Lead]\n")
    result = run_rolebook("build", "--kind", "jd", "--format", "pdf", cwd=root)
    assert result.returncode == 0, result.stderr
    jd = root / "build" / "jd"
    assert (jd / "clerk.pdf").is_file() and (jd / "clerk.docx").is_file()  # the PDF's Word file beside it
    assert not (jd / "clerk.html").exists(), "the page with the old signature lines is removed"
    assert "build/jd/clerk.html" in result.stderr
    for name in ("clerk.pdf", "clerk.docx"):
        assert "Team Lead" in text_of(jd / name)


def test_a_build_of_some_says_which_command_brings_the_removed_documents_back(tmp_path):
    """A job-description build after an edit removes the handbook it left stale, and says that
    `rolebook build` makes it again; a build of everything removes nothing and has nothing to say."""
    root = write_files(tmp_path, {"rolebook.yaml": "organization: Acme\n",
                                  "role_specs/clerk.yaml": ROLE.format(title="Records Clerk")})
    assert run_rolebook("build", "--format", "html", cwd=root).returncode == 0
    spec = root / "role_specs" / "clerk.yaml"
    spec.write_text(ROLE.format(title="Archive Clerk"), encoding="utf-8")
    some = run_rolebook("build", "--kind", "jd", "--format", "html", cwd=root)
    assert some.returncode == 0 and "build/handbook.html" in some.stderr
    assert "`rolebook build` (every role and kind) makes them again" in some.stderr
    assert not (root / "build" / "handbook.html").exists()
    everything = run_rolebook("build", "--format", "html", cwd=root)
    assert everything.returncode == 0 and "makes them again" not in everything.stderr
    check_current(root, "Archive Clerk")


def test_a_new_rolebook_makes_documents_anew_but_leaves_none_stale(tmp_path, monkeypatch):
    """rolebook itself is in a document's render key, not in the key of its inputs: after an upgrade a full
    build makes every document again, and a build of one role does not remove the others (it removed every
    document of a 1,000-role project, 'older than its spec')."""
    from rolebook import build, manifest
    from rolebook.project import load_project

    root = write_files(tmp_path / "p", {"rolebook.yaml": "language: en\n",
                                        "role_specs/clerk.yaml": ROLE.format(title="Records Clerk")})
    project = load_project(root)

    def jobs() -> list[tuple[str, str]]:
        return [(job.key, job.source) for job in build.plan(project, ("jd",), ("html",), project.summaries())]

    before = jobs()
    monkeypatch.setattr(manifest, "package_digest", lambda: "another rolebook")
    after = jobs()
    assert [source for _key, source in after] == [source for _key, source in before]
    assert all(a != b for (a, _), (b, _) in zip(after, before))


def test_documents_an_older_rolebook_recorded_are_not_removed_by_a_build_of_another_role(tmp_path):
    import json

    root = write_files(tmp_path / "p", {"rolebook.yaml": "language: en\n",
                                        "role_specs/clerk.yaml": ROLE.format(title="Records Clerk"),
                                        "role_specs/typist.yaml": ROLE.format(title="Typist").replace("clerk",
                                                                                                      "typist")})
    assert run_rolebook("build", "--kind", "jd", "--format", "html", cwd=root).returncode == 0
    record = root / "build" / ".rolebook-manifest.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    data["format"] = 3  # as the rolebook before this one wrote it: its sources had rolebook's digest in them
    for entry in data["outputs"].values():
        entry["key"], entry["source"] = "1" * 64, "2" * 64
    record.write_text(json.dumps(data), encoding="utf-8")
    result = run_rolebook("build", "--kind", "jd", "--format", "html", "--role", "clerk", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "build" / "jd" / "typist.html").is_file(), result.stderr
    everything = run_rolebook("build", "--kind", "jd", "--format", "html", "-v", cwd=root)
    assert everything.returncode == 0 and "wrote build/jd/typist.html" in everything.stderr + everything.stdout
