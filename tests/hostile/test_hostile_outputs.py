"""The output folder is the only place rolebook writes or deletes, whatever the manifest, the folder
or the machine says."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, run_rolebook
from hostile import clean_failure, family  # noqa: F401 (family is a fixture)

MANIFEST = Path("build") / ".rolebook-manifest.json"


def built(root):
    result = run_rolebook("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return json.loads((root / MANIFEST).read_text())


def plant(root, entries):
    data = json.loads((root / MANIFEST).read_text())
    data["outputs"].update(entries)
    (root / MANIFEST).write_text(json.dumps(data))


@pytest.mark.parametrize("name", ["ABSOLUTE", "../../victim.txt", "jd/../../../victim.txt", "../victim.txt"])
def test_a_manifest_naming_a_file_outside_the_output_folder_deletes_nothing(family, tmp_path, name):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    built(family)
    name = str(victim) if name == "ABSOLUTE" else name
    plant(family, {name: {"key": "0" * 64, "kind": "jd", "role": "removed-role"}})
    result = run_rolebook("build", cwd=family)
    assert result.returncode == 0, result.stderr
    assert victim.read_text() == "keep me"
    assert "is not a manifest rolebook wrote" in result.stderr and "Traceback" not in result.stderr
    # The bad manifest was replaced by a good one, so the next build is quiet.
    assert name not in json.loads((family / MANIFEST).read_text())["outputs"]


def test_a_manifest_entry_of_a_removed_role_deletes_only_that_roles_documents(family, tmp_path):
    built(family)
    stale = family / "build" / "jd" / "gone.html"
    stale.write_text("old")
    plant(family, {"jd/gone.html": {"key": "0" * 64, "kind": "jd", "role": "gone"}})
    (family / "role_specs" / "support-engineer.yaml").write_text(
        (family / "role_specs" / "support-engineer.yaml").read_text() + "\n")  # a change: not a no-op
    assert run_rolebook("build", cwd=family).returncode == 0
    assert not stale.exists()


@pytest.mark.parametrize("content", [
    '{"format": 2, "rolebook": "x", "inputs": "", "outputs": [1, 2]}',
    '{"format": 2, "rolebook": "x", "inputs": "", "outputs": {"jd/a.html": "string"}}',
    "[" * 100_000 + "]" * 100_000,
    "\x00\xff not json",
    '{"format": 2, "rolebook": "x", "inputs": "", "outputs": {"jd/a.html": {"key": 1, "kind": "jd", "role": "a"}}}',
    '{"format": 2, "rolebook": "x", "inputs": "", "outputs": {"/etc/x": {"key": "' + "0" * 64
    + '", "kind": "handbook", "role": null}}}',
], ids=["outputs-a-list", "string-entry", "deep-nesting", "not-json", "bad-key", "absolute-name"])
def test_a_corrupt_manifest_is_a_warning_and_a_full_rebuild(family, content):
    built(family)
    (family / MANIFEST).write_bytes(content.encode("utf-8", "surrogateescape"))
    result = run_rolebook("build", "--verbose", cwd=family)
    assert result.returncode == 0, result.stderr
    assert "warning:" in result.stderr and "everything is rebuilt" in result.stderr
    assert "Traceback" not in result.stderr
    assert "wrote build/handbook.docx" in result.stderr  # rebuilt, not trusted


@pytest.mark.parametrize("kind", ["folder", "symlink"])
def test_a_manifest_that_is_a_folder_or_a_link_is_not_followed(family, tmp_path, kind):
    built(family)
    (family / MANIFEST).unlink()
    if kind == "folder":
        (family / MANIFEST).mkdir()
    else:
        outside = tmp_path / "outside.json"
        outside.write_text("{}")
        (family / MANIFEST).symlink_to(outside)
    result = run_rolebook("build", cwd=family)
    assert "Traceback" not in result.stderr
    if kind == "symlink":
        assert result.returncode == 0 and (tmp_path / "outside.json").read_text() == "{}"
        assert not (family / MANIFEST).is_symlink()  # replaced by a real manifest
    else:
        clean_failure(result, 1)


def test_build_being_a_file_is_a_one_line_error(family):
    (family / "build").write_text("not a folder")
    message = clean_failure(run_rolebook("build", cwd=family), 1)
    assert message.strip().splitlines() == [f"rolebook: {family / 'build'} exists and is not a folder"]
    assert (family / "build").read_text() == "not a folder"


@pytest.mark.parametrize("target", ["outside", "dangling-outside"])
def test_a_build_link_leading_out_of_the_project_is_refused(family, tmp_path, target):
    outside = tmp_path / "elsewhere"
    if target == "outside":
        outside.mkdir()
    (family / "build").symlink_to(outside)
    message = clean_failure(run_rolebook("build", cwd=family), 1)
    assert "outside the project" in message or "link to nothing" in message
    assert not outside.exists() or list(outside.iterdir()) == []


def test_a_build_link_inside_the_project_is_followed(family):
    (family / "out").mkdir()
    (family / "build").symlink_to(family / "out")
    assert run_rolebook("build", cwd=family).returncode == 0
    assert (family / "out" / "handbook.html").is_file()


def test_a_link_inside_the_output_folder_is_not_written_through(family, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (family / "build").mkdir()
    (family / "build" / "jd").symlink_to(outside)
    message = clean_failure(run_rolebook("build", cwd=family), 1)
    assert "is a link" in message and list(outside.iterdir()) == []


def test_a_folder_where_a_file_goes_is_a_one_line_error(family):
    (family / "build" / "handbook.html").mkdir(parents=True)
    clean_failure(run_rolebook("build", cwd=family), 1)


def test_a_write_that_fails_is_one_line_and_leaves_the_previous_files(family):
    built(family)
    before = {p: p.read_bytes() for p in (family / "build").rglob("*") if p.is_file()}
    spec = family / "role_specs" / "support-engineer.yaml"
    spec.write_text(spec.read_text().replace("Resolve tickets", "Close tickets"))

    def small_files():  # the machine refuses any file over 1 KB: as a full disk would, mid-build
        import resource
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    result = subprocess.run([sys.executable, "-m", "rolebook", "build", "-j", "1"], cwd=family, capture_output=True,
                            text=True, preexec_fn=small_files, timeout=120)
    message = clean_failure(result, 1)
    assert message.startswith("rolebook: cannot write ") and len(message.strip().splitlines()) == 1
    after = {p: p.read_bytes() for p in (family / "build").rglob("*") if p.is_file()}
    assert after == before  # nothing half-written, nothing left behind


def test_leftovers_of_killed_builds_are_removed_by_the_next_build(family):
    built(family)
    staging = family / "build" / ".rolebook-staging-abc123"
    (staging / "jd").mkdir(parents=True)
    (staging / "jd" / "x.html").write_text("half")
    temporary = family / "build" / "jd" / ".x.html.rolebook-k2j4_9zq.tmp"
    temporary.write_text("half")
    mine = family / "build" / "jd" / "notes.tmp"  # not a name rolebook makes: left alone
    mine.write_text("the user's")
    spec = family / "role_specs" / "support-engineer.yaml"
    spec.write_text(spec.read_text().replace("Resolve tickets", "Close tickets"))
    assert run_rolebook("build", cwd=family).returncode == 0
    assert not staging.exists() and not temporary.exists() and mine.read_text() == "the user's"


def test_concurrent_builds_of_two_kinds_keep_both_entries(family):
    runs = [subprocess.Popen([sys.executable, "-m", "rolebook", "build", "--kind", kind], cwd=family,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for kind in ("jd", "form")]
    for run in runs:
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr
    outputs = json.loads((family / MANIFEST).read_text())["outputs"]
    assert {entry["kind"] for entry in outputs.values()} == {"jd", "form"}
    assert all((family / "build" / name).is_file() for name in outputs)


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        found |= {int(child) for child in children}
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_workers_die_with_the_build(tmp_path, how):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate

    root = tmp_path / "big"
    generate(120, root)
    build = subprocess.Popen([sys.executable, "-m", "rolebook", "build", "-j", "2"], cwd=root,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = _children(build.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the build did not start its workers"
    build.send_signal(how)
    build.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)
    if how == signal.SIGTERM:
        assert build.returncode == 143
        assert not list((root / "build").glob(".rolebook-staging-*"))
    assert not (root / "build" / "handbook.docx").exists()  # a killed build publishes nothing


def test_os_errors_read_as_one_line():
    import errno

    from rolebook.outputs import os_error

    for code, words in ((errno.ENOSPC, "the disk is full"), (errno.EROFS, "the file system is read-only"),
                        (errno.EACCES, "permission denied"), (errno.ENOTDIR, "not a folder")):
        message = str(os_error(OSError(code, os.strerror(code)), "build/jd/x.docx"))
        assert message.startswith("cannot write build/jd/x.docx: ") and words in message
