"""Incremental and parallel builds: what a rebuild renders, -j N equal to -j 1, progress and quiet output."""

import os
import pty
import subprocess
import sys

import pytest

from conftest import REPO, copy_project, run_rolebook

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate  # noqa: E402

FAMILY = REPO / "tests" / "render_projects" / "family"


@pytest.fixture
def family(tmp_path):
    return copy_project(FAMILY, tmp_path / "family")


def contents(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def verbose_build(root, *args):
    result = run_rolebook("build", "--verbose", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    return result.stderr


def written(stderr):
    return sorted(line.split(" ", 1)[1] for line in stderr.splitlines() if line.startswith("wrote build/"))


def test_parallel_output_is_identical_to_serial(family, tmp_path):
    assert run_rolebook("build", "-j", "1", "--out", str(tmp_path / "one"), cwd=family).returncode == 0
    assert run_rolebook("build", "-j", "3", "--out", str(tmp_path / "three"), cwd=family).returncode == 0
    one, three = contents(tmp_path / "one"), contents(tmp_path / "three")
    assert one == three and len(one) == 20  # 16 documents, the catalogue's three files and the org chart


def test_a_few_documents_shared_with_a_forked_child_are_the_same_bytes(family, tmp_path):
    """Two to seven documents (an edit's) are shared between the command and a forked child
    (workers.shared_map), not rendered by a pool: the same files as one process makes."""
    roles = ("--role", "support-engineer", "--role", "account-executive")
    for jobs, out in (("1", "one"), ("2", "two")):
        result = run_rolebook("build", "--kind", "jd", *roles, "-j", jobs, "--out", str(tmp_path / out), cwd=family)
        assert result.returncode == 0, result.stderr
    one, two = contents(tmp_path / "one"), contents(tmp_path / "two")
    assert one == two and sum(name.startswith("jd/") for name in one) == 4


def test_noop_rebuild_writes_nothing(family):
    verbose_build(family)
    before = {p: p.stat().st_mtime_ns for p in (family / "build").rglob("*")}
    result = run_rolebook("build", cwd=family)
    assert result.returncode == 0 and "is up to date" in result.stderr
    assert {p: p.stat().st_mtime_ns for p in (family / "build").rglob("*")} == before


def test_noop_rebuild_loads_neither_the_spec_model_nor_the_renderers(family):
    """An up-to-date build answers from the manifest and the input digest: it imports neither pydantic's
    models nor the writers (a quarter of a second of a no-op build's half second)."""
    verbose_build(family)
    check = ("import sys\n"
             "sys.argv = ['rolebook', 'build']\n"
             "from rolebook.cli import main  # the command, without `run`'s ending of the process\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('rolebook.spec.model', 'rolebook.project', 'rolebook.build', "
             "'rolebook.render.docx', 'pydantic') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", check], cwd=family, capture_output=True, text=True, timeout=60)
    assert "is up to date" in result.stderr
    assert result.stdout.strip() == "[]"
    spec = family / "role_specs" / "support-engineer.yaml"
    spec.write_text(spec.read_text().replace("Resolve tickets", "Close tickets"))
    result = subprocess.run([sys.executable, "-c", check], cwd=family, capture_output=True, text=True, timeout=60)
    assert "rolebook.render.docx" in result.stdout  # a change is rendered: the same check sees the writers


def test_editing_one_role_rebuilds_its_documents_and_the_handbook(family):
    verbose_build(family)
    spec = family / "role_specs" / "support-engineer.yaml"
    spec.write_text(spec.read_text().replace("Resolve tickets", "Close tickets"))
    assert written(verbose_build(family)) == [
        "build/forms/support-engineer.docx", "build/forms/support-engineer.html", "build/handbook.docx",
        "build/handbook.html", "build/jd/support-engineer.docx", "build/jd/support-engineer.html",
        "build/postings/support-engineer.docx", "build/postings/support-engineer.html"]


def test_a_family_or_library_change_rebuilds_every_role_that_uses_it(family):
    verbose_build(family)
    library = family / "library" / "kpis.yaml"
    library.write_text(library.read_text().replace("Survey tool", "Survey"))
    assert len([p for p in written(verbose_build(family)) if "/jd/" in p]) == 4  # both roles use csat


def test_templates_settings_and_deleted_outputs_are_noticed(family):
    verbose_build(family)
    (family / "build" / "jd" / "account-executive.html").unlink()
    assert written(verbose_build(family)) == ["build/jd/account-executive.docx", "build/jd/account-executive.html"]
    (family / "templates").mkdir()
    (family / "templates" / "jd.md.j2").write_text('{% extends "!jd.md.j2" %}{% block end %}\nEnd.\n{% endblock %}')
    rebuilt = written(verbose_build(family))
    assert "build/jd/support-engineer.html" in rebuilt
    assert not [name for name in rebuilt if "/forms/" in name], "forms do not use jd.md.j2"
    (family / "templates" / "page.html.j2").write_text('{% extends "!page.html.j2" %}')
    rebuilt = written(verbose_build(family))
    assert "build/jd/support-engineer.html" in rebuilt and "build/forms/support-engineer.html" in rebuilt


def test_a_removed_roles_documents_are_removed(family):
    verbose_build(family)
    (family / "role_specs" / "support-engineer.yaml").unlink()
    settings = family / "rolebook.yaml"
    settings.write_text(settings.read_text().replace("[support-engineer, account-executive]", "[account-executive]"))
    verbose_build(family)
    assert not (family / "build" / "jd" / "support-engineer.docx").exists()
    assert (family / "build" / "jd" / "account-executive.docx").exists()


def test_quiet_and_no_progress_bar_in_logs(family):
    result = run_rolebook("build", "--quiet", cwd=family)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


def test_progress_bar_on_a_terminal(tmp_path):
    root = generate(15, tmp_path / "p")  # 30 documents and the handbook: enough for a bar
    output = bytearray()

    def read(fd):
        data = os.read(fd, 1024)
        output.extend(data)
        return data

    cwd = os.getcwd()
    os.chdir(root)
    try:
        status = pty.spawn([sys.executable, "-m", "rolebook", "build", "-j", "1"], read)
    finally:
        os.chdir(cwd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"rendering" in output and b"100%" in output
    plain = subprocess.run([sys.executable, "-m", "rolebook", "build", "--out", str(tmp_path / "b2")], cwd=root,
                           capture_output=True, text=True)
    assert "rendering" not in plain.stderr


def test_a_manifest_is_read_and_checked_again_when_its_bytes_change(tmp_path):
    """A process remembers the manifest it wrote or read (a preview builds again and again), by the digest of
    its bytes: a build's changes to its record never reach what is remembered, and a manifest that another
    process replaced (here with an entry naming a file outside the folder) is parsed and refused again."""
    import json

    from rolebook.manifest import MANIFEST, Manifest

    out = tmp_path / "build"
    out.mkdir()
    entry = {"key": "b" * 64, "kind": "jd", "role": "sales-lead", "source": ""}
    record = Manifest(out / MANIFEST, "a" * 64, {"jd/sales-lead.html": entry})
    (out / MANIFEST).write_bytes(record.to_bytes())
    loaded = Manifest.load(out)
    assert (loaded.inputs, loaded.outputs, loaded.warning) == (record.inputs, record.outputs, None)
    loaded.outputs.clear()  # what a build does to its copy
    assert Manifest.load(out).outputs == {"jd/sales-lead.html": entry}
    planted = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    planted["outputs"]["../../outside.html"] = dict(entry)
    (out / MANIFEST).write_text(json.dumps(planted), encoding="utf-8")
    refused = Manifest.load(out)
    assert refused.outputs == {} and "not a manifest rolebook wrote" in refused.warning


GOOD = {"key": "b" * 64, "kind": "jd", "role": "sales-lead", "source": "c" * 64}


@pytest.mark.parametrize("entry", [
    {**GOOD, "key": "b" * 128, "source": ""}, {**GOOD, "source": "c" * 63}, {**GOOD, "key": "b" * 64 + "\n"},
    {**GOOD, "key": "B" * 64}, {**GOOD, "source": None}, {**GOOD, "role": "../x"}, {**GOOD, "kind": "jdx"},
    {**GOOD, "extra": 1}, {"key": "b" * 64, "kind": "jd"}, {**GOOD, "role": None}, [1, 2],
], ids=["long-key", "short-source", "newline", "upper-case", "null-source", "path-role", "unknown-kind", "extra-field",
        "missing-role", "jd-without-role", "not-a-mapping"])
def test_a_manifest_entry_that_is_not_exactly_rolebooks_is_refused(tmp_path, entry):
    import json

    from rolebook.manifest import FORMAT, MANIFEST, Manifest

    for data in ({"jd/sales-lead.html": GOOD, "jd/sales-lead.docx": GOOD}, {"jd/sales-lead.html": entry}):
        (tmp_path / MANIFEST).write_text(json.dumps({"format": FORMAT, "rolebook": "1", "inputs": "",
                                                     "outputs": data}), encoding="utf-8")
        loaded = Manifest.load(tmp_path)
    assert loaded.outputs == {} and "not a manifest rolebook wrote" in loaded.warning


def test_a_manifest_of_an_older_format_is_read_without_its_sources(tmp_path):
    import json

    from rolebook.manifest import MANIFEST, Manifest

    for fmt, entry in ((3, GOOD), (2, {k: v for k, v in GOOD.items() if k != "source"})):
        (tmp_path / MANIFEST).write_text(json.dumps({"format": fmt, "rolebook": "1", "inputs": "",
                                                     "outputs": {"jd/sales-lead.html": entry}}), encoding="utf-8")
        assert Manifest.load(tmp_path).outputs == {"jd/sales-lead.html": {**GOOD, "source": ""}}


def test_only_the_documents_that_show_git_notice_a_new_commit(family):
    """The handbook's cover shows the revision: a new commit makes it out of date. Job descriptions show
    nothing of git, so their build asks git nothing and a new commit leaves it a no-op."""
    from conftest import git

    git(family, "init", "-q")
    git(family, "add", ".")
    git(family, "commit", "-qm", "first")
    for kinds in (["--kind", "handbook", "--format", "html"], ["--kind", "jd"]):
        assert run_rolebook("build", *kinds, cwd=family).returncode == 0
    git(family, "commit", "-q", "--allow-empty", "-m", "second")
    assert run_rolebook("build", "--kind", "jd", cwd=family).stderr.strip() == "build is up to date"
    assert run_rolebook("build", "--kind", "handbook", "--format", "html", cwd=family).returncode == 0
    head = git(family, "rev-parse", "--short=7", "HEAD").strip()
    assert head in (family / "build" / "handbook.html").read_text(encoding="utf-8")
