"""A project received from someone else runs nothing when rolebook reads its git history: commands that a
repository's settings name (core.fsmonitor, pager, hooks, signature checks, diff, filter and text
conversion drivers, credential helpers) are switched off in every git call rolebook makes."""

import stat
import subprocess

from conftest import git, run_rolebook, write_files

ROLE = """id: clerk
title: Clerk
version: {version}
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



def booby_trapped(tmp_path):
    """A project with two commits, whose repository settings then name a command in every place they can."""
    root = write_files(tmp_path / "received", {"rolebook.yaml": "language: en\n",
                                               "role_specs/clerk.yaml": ROLE.format(version="1.0.0"),
                                               ".gitignore": "build/\n"})
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "first")
    (root / "role_specs" / "clerk.yaml").write_text(ROLE.format(version="1.1.0").replace("target: 2", "target: 3"))
    git(root, "commit", "-qam", "second")
    marker = tmp_path / "ran"
    trap = tmp_path / "trap.sh"
    trap.write_text(f"#!/bin/sh\necho \"$0 $*\" >> {marker}\ncat\n")
    trap.chmod(trap.stat().st_mode | stat.S_IEXEC)
    (root / ".gitattributes").write_text("*.yaml filter=trap diff=trap\n")
    for key in ("core.fsmonitor", "core.pager", "core.editor", "core.askPass", "core.sshCommand", "diff.external",
                "gpg.program", "credential.helper", "filter.trap.clean", "filter.trap.smudge",
                "filter.trap.process", "diff.trap.textconv", "diff.trap.command", "sequence.editor"):
        git(root, "config", key, str(trap))
    git(root, "config", "filter.trap.required", "true")
    git(root, "config", "log.showSignature", "true")
    git(root, "config", "core.hooksPath", str(tmp_path / "hooks"))
    (tmp_path / "hooks").mkdir()
    for hook in ("post-checkout", "post-index-change", "reference-transaction", "pre-auto-gc"):
        (tmp_path / "hooks" / hook).write_text(trap.read_text())
        (tmp_path / "hooks" / hook).chmod(0o755)
    # the trap is armed: git itself runs it (so the test would see a rolebook call that did)
    subprocess.run(["git", "-C", str(root), "status"], capture_output=True)
    assert marker.exists(), "the booby trap does not fire for plain git"
    marker.unlink()
    # an edit in the working tree, so that diff and blame read it
    (root / "role_specs" / "clerk.yaml").write_text(ROLE.format(version="1.2.0").replace("target: 2", "target: 4"))
    return root, marker


def test_no_rolebook_command_runs_what_the_repository_settings_name(tmp_path):
    root, marker = booby_trapped(tmp_path)
    (root / "results.csv").write_text("employee,role,period,errors\nAnn,clerk,2026Q1,2\n")
    commands = [("validate", "--against", "HEAD~1"), ("build",), ("build", "--kind", "handbook", "--format", "docx"),
                ("score", "results.csv"), ("diff",), ("diff", "HEAD~1", "HEAD"), ("diff", "--format", "docx", "--out",
                                                                                   str(tmp_path / "r.docx")),
                ("diff", "--format", "json"), ("log", "clerk"), ("bump", "clerk", "--patch")]
    for command in commands:
        result = run_rolebook(*command, cwd=root)
        assert result.returncode in (0, 1), (command, result.stderr)
        assert "Traceback" not in result.stderr, command
        assert not marker.exists(), f"rolebook {' '.join(command)} ran {marker.read_text()}"
