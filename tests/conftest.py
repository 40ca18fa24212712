import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PROJECTS = Path(__file__).resolve().parent / "projects"


def write_files(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def run_rolebook(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run the real command line, as a user would."""
    return subprocess.run([sys.executable, "-m", "rolebook", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture
def project(tmp_path):
    """A factory for throw-away projects: project({'role_specs/a.yaml': '...'})."""

    def make(files: dict[str, str]) -> Path:
        return write_files(tmp_path, files)

    return make


def copy_project(source: Path, root: Path) -> Path:
    """A throw-away copy of a sample project (or of the repository's example project)."""
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("build", ".setuptools-build", "tests", ".git",
                                                                "*.egg-info", ".hypothesis"))
    return root


def build_copy(source: Path, root: Path, *args: str) -> Path:
    """Copy a sample project to `root`, build it with `args`, and return its build folder."""
    copy_project(source, root)
    result = run_rolebook("build", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "build"


# Every test fails when it opens a file outside the repository and the temporary folder (path_guard.py).
from path_guard import (_only_repository_and_temporary_files, pytest_configure,  # noqa: E402,F401
                        pytest_sessionfinish)
