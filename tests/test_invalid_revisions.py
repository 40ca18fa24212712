"""diff and log across a revision at which a spec does not validate: they say so, with its problems; never
"added", "no changes" or silence for it, and the handbook's published history leaves it out."""

import json

import pytest

from conftest import git, run_rolebook, write_files

GOOD = "id: {id}\ntitle: {title}\nversion: {version}\nduties: [{{title: {duty}}}]\n"
BROKEN = "id: {id}\ntitle: {title}\nduties: [{{title: {duty}}}\n"  # the flow list is never closed



def commit(root, files, message):
    write_files(root, files)
    git(root, "add", ".")
    git(root, "commit", "-qm", message)


@pytest.fixture
def history(tmp_path):
    """clerk: valid, broken, valid again; buyer: broken, then broken differently (invalid at both ends)."""
    root = tmp_path / "hr"
    root.mkdir()
    git(root, "init", "-q")
    commit(root, {"rolebook.yaml": "language: en\n", ".gitignore": "build/\n",
                  "role_specs/clerk.yaml": GOOD.format(id="clerk", title="Clerk", version="1.0.0", duty="File"),
                  "role_specs/buyer.yaml": BROKEN.format(id="buyer", title="Buyer", duty="Buy")}, "first")
    commit(root, {"role_specs/clerk.yaml": BROKEN.format(id="clerk", title="Clerk", duty="File"),
                  "role_specs/buyer.yaml": BROKEN.format(id="buyer", title="Buyer", duty="Buy cheaper")}, "second")
    commit(root, {"role_specs/clerk.yaml": GOOD.format(id="clerk", title="Clerk", version="1.1.0", duty="Archive"),
                  "role_specs/buyer.yaml": GOOD.format(id="buyer", title="Buyer", version="1.0.0", duty="Buy")},
           "third")
    return root


def test_diff_names_the_revision_at_which_a_spec_is_invalid(history):
    result = run_rolebook("diff", "HEAD~2", "HEAD~1", cwd=history)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "! buyer (buyer): invalid at HEAD~2 and HEAD~1, not compared" in lines  # was "no changes"; no title parses
    assert "! clerk (Clerk): invalid at HEAD~1, not compared" in lines
    assert any(line.startswith("HEAD~1:role_specs/clerk.yaml:4:1: error[yaml-syntax]") for line in lines)
    assert any(line.startswith("HEAD~2:role_specs/buyer.yaml:4:1: error[yaml-syntax]") for line in lines)
    result = run_rolebook("diff", "HEAD~1", "HEAD", "--format", "json", cwd=history)
    roles = {role["id"]: role for role in json.loads(result.stdout)["roles"]}
    assert roles["buyer"]["status"] == "invalid" and roles["buyer"]["invalid_at"] == ["HEAD~1"]  # was "added"
    assert roles["clerk"]["invalid_at"] == ["HEAD~1"]
    assert json.loads(result.stdout)["problems"], "the problems are in the report"


def test_log_says_where_a_spec_was_invalid_and_compares_across_it(history):
    result = run_rolebook("log", "clerk", "--format", "json", cwd=history)
    assert result.returncode == 0, result.stderr
    versions = json.loads(result.stdout)["versions"]
    assert [(v["version"], v["invalid"]) for v in versions] == [("1.1.0", False), (None, True), ("1.0.0", False)]
    assert "error[yaml-syntax]" in versions[1]["changes"][0] and "role_specs/clerk.yaml:4:1" in versions[1]["changes"][0]
    assert "Duty added: Archive" in versions[0]["changes"]  # 1.1.0 is compared with 1.0.0, over the gap
    text = run_rolebook("log", "clerk", cwd=history).stdout
    assert "invalid at " in text


def test_log_of_a_working_file_that_does_not_parse_keeps_what_was_committed(history):
    """The title and the author's summaries of the versions were lost with the file; the file's own problems
    were not said."""
    spec = history / "role_specs" / "clerk.yaml"
    spec.write_text(GOOD.format(id="clerk", title="Clerk", version="1.1.0", duty="Archive")
                    + "changes:\n  - {version: 1.1.0, date: 2026-05-01, summary: Archiving replaces filing}\n"
                    + "  - {version: 1.0.0, date: 2026-01-01, summary: First issue}\n", encoding="utf-8")
    git(history, "commit", "-qam", "summaries")
    spec.write_text(BROKEN.format(id="clerk", title="Clerk", duty="File"), encoding="utf-8")
    result = run_rolebook("log", "clerk", cwd=history)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "clerk (Clerk)" and lines[1] == "invalid at the working tree:"
    assert lines[2].startswith("  - role_specs/clerk.yaml:4:1: error[yaml-syntax]")
    assert "  - Archiving replaces filing" in lines
    data = json.loads(run_rolebook("log", "clerk", "--format", "json", cwd=history).stdout)
    assert data["title"] == "Clerk" and data["versions"][0]["invalid"] and data["versions"][0]["commit"] is None


def test_the_handbook_history_leaves_invalid_revisions_out(history):
    result = run_rolebook("build", "--kind", "handbook", "--format", "html", cwd=history)
    assert result.returncode == 0, result.stderr
    page = (history / "build" / "handbook.html").read_text(encoding="utf-8")
    assert "1.1.0" in page and "yaml-syntax" not in page
