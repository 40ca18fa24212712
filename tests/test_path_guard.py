"""The suite stands on the repository alone: a test opening a file elsewhere fails."""

import os
import sys
import textwrap

from conftest import REPO
from path_guard import outside


def test_the_repository_the_temporary_folder_and_python_are_allowed(tmp_path):
    assert not outside(str(REPO / "docs" / "spec-format.md"))
    assert not outside(str(REPO / "build" / "x.docx"), writing=True)
    assert not outside(str(tmp_path / "a.yaml"), writing=True)
    assert not outside(os.__file__)
    assert not outside("/etc/fonts/fonts.conf")


def test_other_places_are_outside():
    assert outside("/nonexistent-rolebook-probe/spec-format.md")
    assert outside("/etc/rolebook-probe", writing=True)
    assert outside(str(REPO.parent / "sibling-folder" / "spec-format.md")) or REPO.parent == REPO.parent.parent


def test_a_test_reading_outside_fails_the_run(tmp_path):
    """Run pytest with the guard on a test that reads outside: the run fails and names the path."""
    (tmp_path / "conftest.py").write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(REPO / 'tests')!r})
        from path_guard import _only_repository_and_temporary_files, pytest_configure, pytest_sessionfinish
    """), encoding="utf-8")
    (tmp_path / "test_probe.py").write_text(textwrap.dedent("""
        import pytest

        def test_reads_a_sibling():
            with pytest.raises(OSError):
                open("/nonexistent-rolebook-probe/commonmark.json", encoding="utf-8")

        def test_stays_home(tmp_path):
            (tmp_path / "ok.txt").write_text("fine")
    """), encoding="utf-8")
    import subprocess
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout
    assert "2 passed, 1 error" in result.stdout  # the reading test's check fails at its teardown
    assert "ERROR test_probe.py::test_reads_a_sibling" in result.stdout
    assert "/nonexistent-rolebook-probe/commonmark.json" in result.stdout
