"""One sample project per rule code: each must report its code, file and line, and nothing else."""

from pathlib import Path

import pytest

from rolebook.project import load_project

from conftest import PROJECTS

CASES = sorted(p.name for p in PROJECTS.iterdir() if (p / "expected.txt").exists())


def found(root: Path, monkeypatch) -> set[str]:
    monkeypatch.chdir(root)
    project = load_project(root)
    return {f"{p.file}:{p.line}:{p.severity}[{p.code}]" for p in project.problems}


@pytest.mark.parametrize("case", CASES)
def test_sample_project(case, monkeypatch):
    root = PROJECTS / case
    expected = set((root / "expected.txt").read_text().split())
    assert found(root, monkeypatch) == expected


def test_every_rule_code_has_a_sample_project(monkeypatch):
    codes = set()
    for case in CASES:
        codes |= {line.split("[")[1].rstrip("]") for line in (PROJECTS / case / "expected.txt").read_text().split()}
    contract = {"yaml-syntax", "duplicate-key", "unsafe-yaml", "unknown-field", "missing-field", "type",
                "bad-id", "id-mismatch", "duplicate-id", "weights-sum", "dimension-weight", "weight-range",
                "thresholds-order", "grades-order", "unknown-ref", "extends-cycle", "glossary-conflict",
                "unused-term", "scoring-points", "raters-sum", "criteria-score", "distribution-sum",
                "control-character", "duty-share", "changes-order", "not-finite",
                "unknown-grade", "grade-order", "pay-band", "reports-cycle"}
    assert contract <= codes


def test_terms_are_found_whatever_their_spacing_and_case(project, monkeypatch):
    from rolebook.project import load_project

    root = project({"role_specs/r.yaml": "id: r\ntitle: R\nduties: [{title: 按SMART原则设定 sales-funnel 目标}]\n"
                                         "glossary:\n  - {term: SMART 原则, definition: x}\n"
                                         "  - {term: Sales-Funnel, definition: y}\n  - {term: 漏斗, definition: z}\n"})
    monkeypatch.chdir(root)
    problems = load_project(root).problems
    assert [(p.line, p.code) for p in problems] == [(7, "unused-term")]  # only 漏斗 is not mentioned
