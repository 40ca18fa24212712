"""Load a project as it is at a git revision, or in the working tree."""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from rolebook.history import gitinfo
from rolebook.messages import _
from rolebook.project import Project, load_project

WORKING_TREE = "working tree"


def said(label: str) -> str:
    """A side's label in the reader's words: 工作区 for the working tree, a revision as the user named it."""
    return _("the working tree") if label == WORKING_TREE else label


@dataclass
class Side:
    project: Project
    label: str  # the revision as the user named it, or "working tree"
    time: str | None  # commit time (ISO 8601, UTC); None for the working tree
    commit: str | None = None  # the full hash; None for the working tree


@contextmanager
def side(root: Path, revision: str | None, language: str | None = None) -> Iterator[Side]:
    """The project at `revision` (None: the working tree), loaded from a temporary export; its texts in
    `language` (default: the source language)."""
    gitinfo.require_repository(root)
    if revision is None:
        yield Side(load_project(root, language=language), WORKING_TREE, None)
        return
    commit = gitinfo.resolve(root, revision)
    with tempfile.TemporaryDirectory(prefix="rolebook-") as folder:
        export = Path(folder)
        gitinfo.export_project(root, commit, export)
        (export / "role_specs").mkdir(exist_ok=True)
        yield Side(load_project(export, label=revision, language=language), revision, gitinfo.commit_time(root, commit), commit)
