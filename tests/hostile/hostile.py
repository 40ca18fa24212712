"""Shared pieces of the hostile-input tests: a small valid project to attack, and checks that a run
failed cleanly (its exit code and one-line message, no traceback)."""

import pytest

from conftest import REPO, copy_project

FAMILY = REPO / "tests" / "render_projects" / "family"


@pytest.fixture
def family(tmp_path):
    """A copy of the family sample project (two roles, a library, a policy), inside tmp_path/project."""
    return copy_project(FAMILY, tmp_path / "project")


def clean_failure(result, code: int) -> str:
    """The run exited with `code`, said why on stderr in rolebook's words, and printed no traceback."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    return result.stderr
