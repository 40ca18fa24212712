"""`rolebook diff` and `validate --against` on temporary git repositories with several commits."""

import json
import os
import shutil
import subprocess

import pytest

from rolebook.render.ooxml import NS

from clients import pdf_text, schema_problems, to_pdf, xml_part
from conftest import REPO, run_rolebook

FAMILY = REPO / "tests" / "render_projects" / "family"


def git(root, *args, date="2026-04-01T10:00:00Z"):
    env = {**os.environ, "GIT_AUTHOR_NAME": "HR", "GIT_AUTHOR_EMAIL": "hr@example.com", "GIT_COMMITTER_NAME": "HR",
           "GIT_COMMITTER_EMAIL": "hr@example.com", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env).stdout


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    """The family project committed twice: v1, then weights, a library threshold, a duty and a title changed."""
    root = tmp_path / "hr"
    shutil.copytree(FAMILY, root)
    (root / ".gitignore").write_text("build/\n")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "v1")
    specs = root / "role_specs"
    edit(specs / "account-executive.yaml", "weight: 70", "weight: 60")
    edit(specs / "account-executive.yaml", "{use: csat, weight: 30}",
         "{use: csat, weight: 40, thresholds: {pass: 85, excellent: 95}}")
    edit(specs / "account-executive.yaml",
         "  - id: selling\n    title: Grow the pipeline\n    daily_tasks: [Qualify ten new leads a week]",
         "  - id: renewals\n    title: Renew contracts\n    daily_tasks: [Call customers 90 days before renewal]")
    edit(specs / "account-executive.yaml", "title: Account Executive", "title: Senior Account Executive")
    edit(specs / "account-executive.yaml", "version: 1.1.0", "version: 1.2.0")
    edit(root / "library" / "kpis.yaml", "source: Survey tool", "source: Survey tool (quarterly)")
    edit(specs / "support-engineer.yaml", "title: Resolve tickets within the SLA",
         "title: Resolve tickets within the agreed SLA")
    git(root, "commit", "-q", "-am", "v2", date="2026-05-02T09:30:00Z")
    return root


def json_diff(root, *args):
    result = run_rolebook("diff", "--format", "json", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def changes(data, role):
    entry = next(r for r in data["roles"] if r["id"] == role)
    return {(c["kind"], "/".join(c["path"])): (c["old"], c["new"]) for c in entry["changes"]}


def test_text_diff_names_each_change(repo):
    result = run_rolebook("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "account-executive (Senior Account Executive): changed [version 1.1.0 → 1.2.0]" in text
    assert "KPI Bookings attainment (bookings) weight: 70% → 60%" in text
    assert "KPI Customer satisfaction (csat) weight: 30% → 40%" in text
    assert "KPI Customer satisfaction (csat) pass threshold: 80% → 85%" in text
    assert "duty Grow the pipeline removed" in text and "duty Renew contracts added" in text
    assert "title: Account Executive → Senior Account Executive" in text
    assert "\x1b[" not in text  # no colours when the output is not a terminal


def test_json_holds_the_changes_and_library_changes_show_on_every_user(repo):
    data = json_diff(repo, "HEAD~1", "HEAD")
    assert data["from"] == "HEAD~1" and data["to"] == "HEAD"
    executive = changes(data, "account-executive")
    assert executive[("changed", "assessment/kpis/bookings/weight")] == ("70%", "60%")
    assert executive[("changed", "assessment/kpis/csat/thresholds/pass")] == ("80%", "85%")
    assert ("removed", "duties/selling") in executive and ("added", "duties/renewals") in executive
    assert executive[("changed", "title")] == ("Account Executive", "Senior Account Executive")
    engineer = changes(data, "support-engineer")
    assert engineer[("changed", "assessment/kpis/csat/source")] == ("Survey tool", "Survey tool (quarterly)")
    # A duty retitled but with the same id is a change of title, not a removal and an addition.
    assert engineer[("changed", "duties/tickets/title")] == ("Resolve tickets within the SLA",
                                                            "Resolve tickets within the agreed SLA")
    entry = next(r for r in data["roles"] if r["id"] == "support-engineer")
    assert entry["version_not_bumped"] is True
    assert next(r for r in data["roles"] if r["id"] == "account-executive")["version_not_bumped"] is False


def test_working_tree_against_head_and_exit_code(repo):
    assert json_diff(repo)["roles"] == []
    assert run_rolebook("diff", "--exit-code", cwd=repo).returncode == 0
    edit(repo / "role_specs" / "support-engineer.yaml", "weight: 100", "weight: 100\n          target: 92")
    data = json_diff(repo)
    assert data["to"] == "working tree" and changes(data, "support-engineer")[
        ("changed", "assessment/kpis/csat/target")] == ("90%", "92%")
    assert run_rolebook("diff", "--exit-code", cwd=repo).returncode == 1
    assert json_diff(repo, "--role", "account-executive")["roles"] == []


def test_validate_against_flags_a_version_that_was_not_bumped(repo):
    result = run_rolebook("validate", "--against", "HEAD~1", cwd=repo)
    assert result.returncode == 0  # a warning
    lines = [line for line in result.stdout.splitlines() if "version-not-bumped" in line]
    assert len(lines) == 1 and lines[0].startswith("role_specs/support-engineer.yaml:4:")
    assert run_rolebook("validate", "--against", "HEAD~1", "--strict", cwd=repo).returncode == 1


def test_an_invalid_revision_is_reported_not_a_crash(repo):
    edit(repo / "role_specs" / "support-engineer.yaml", "weight: 100", "weight: all of it")
    git(repo, "commit", "-q", "-am", "broken weight")
    result = run_rolebook("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "HEAD:role_specs/support-engineer.yaml:" in result.stdout and "error[type]" in result.stdout
    assert "! support-engineer (Support Engineer): invalid" in result.stdout
    edit(repo / "role_specs" / "support-engineer.yaml", "weight: all of it", "weight: 90")
    result = run_rolebook("diff", cwd=repo)  # a rule broken in the working tree: reported, still compared
    assert "error[weights-sum]" in result.stdout and "weight: 100% → 90%" not in result.stdout


def test_misuse_exits_2(repo, tmp_path):
    result = run_rolebook("diff", "no-such-rev", cwd=repo)
    assert result.returncode == 2 and "unknown revision 'no-such-rev'" in result.stderr
    outside = tmp_path / "plain"
    shutil.copytree(FAMILY, outside)
    result = run_rolebook("diff", cwd=outside)
    assert result.returncode == 2 and "not inside a git repository" in result.stderr
    assert run_rolebook("diff", "a", "b", "c", cwd=repo).returncode == 2


def test_html_report_marks_insertions_and_deletions(repo):
    result = run_rolebook("diff", "HEAD~1", "HEAD", "--format", "html", cwd=repo)
    page = result.stdout
    hidden = '<span class="visually-hidden">[{0}:] </span>{1}<span class="visually-hidden"> [/{0}]</span>'
    assert f"<del>{hidden.format('removed', '70%')}</del> → <ins>{hidden.format('added', '60%')}</ins>" in page
    assert f"<del>{hidden.format('removed', 'Grow the pipeline')}</del>" in page
    assert f"<ins>{hidden.format('added', 'Renew contracts')}</ins>" in page
    assert page.startswith("<!DOCTYPE html>")


def test_word_redline_has_tracked_changes(repo, tmp_path):
    out = tmp_path / "redline.docx"
    result = run_rolebook("diff", "HEAD~1", "HEAD", "--format", "docx", "--out", str(out), cwd=repo)
    assert result.returncode == 0, result.stderr
    document = xml_part(out, "word/document.xml")
    inserted = document.xpath("//w:ins", namespaces=NS)
    deleted = document.xpath("//w:del", namespaces=NS)
    assert inserted and deleted
    assert {e.get("{%s}author" % NS["w"]) for e in inserted + deleted} == {"HR"}  # the commit's author
    assert {e.get("{%s}date" % NS["w"]) for e in inserted} == {"2026-05-02T09:30:00Z"}
    deleted_text = "".join(document.xpath("//w:del//w:delText/text()", namespaces=NS))
    inserted_text = "".join(document.xpath("//w:ins//w:t/text()", namespaces=NS))
    assert "Grow the pipeline" in deleted_text and "Renew contracts" in inserted_text
    heading = document.xpath("//w:p[w:pPr/w:pStyle/@w:val='Heading3'][w:del]", namespaces=NS)[0]
    assert "".join(heading.xpath("w:r/w:t/text()", namespaces=NS)) == "1. "  # kept; the rest replaced
    assert "".join(heading.xpath("w:del//w:delText/text()", namespaces=NS)) == "Grow the pipeline"
    assert "70%" in deleted_text and "60%" in inserted_text  # 70% → 60%, a number whole
    assert schema_problems(out) == ""
    pdf = to_pdf(out, outdir=tmp_path)[0]
    text = pdf_text(pdf)
    assert "Grow the pipeline" in text and "Renew contracts" in text  # LibreOffice shows the changes
    # where it is approved: a line to sign and date for each step (the project names none: the default ones)
    assert all(step in text for step in ("Approval", "Prepared by", "Reviewed by", "Approved by"))
    pages = text.split("\f")
    signed = next(n for n, page in enumerate(pages) if "Approved by" in page)
    assert signed <= 1 and "Call customers 90 days" not in "".join(pages[:signed + 1]), "before the details"
    commits = text.split("Commits", 1)[1].split("Approval", 1)[0]  # where the changes came from, for the file
    assert git(repo, "rev-parse", "--short=7", "HEAD").strip() in commits and "2026-05-02" in commits


def test_the_redline_is_signed_by_the_projects_approval_steps_and_says_a_status_in_words(repo, tmp_path):
    edit(repo / "rolebook.yaml", "language: en", "language: zh-CN")
    edit(repo / "rolebook.yaml", "handbook:\n", "handbook:\n  approval:\n"
         "    - {step: 编制, name: 人力资源部}\n    - {step: 批准, name: 总经理}\n")
    edit(repo / "role_specs" / "account-executive.yaml", "status: approved", "status: draft")
    out = tmp_path / "redline.docx"
    result = run_rolebook("diff", "HEAD", "--format", "docx", "--out", str(out), cwd=repo)
    assert result.returncode == 0, result.stderr
    text = pdf_text(to_pdf(out, outdir=tmp_path)[0])
    assert "审批" in text and "编制（人力资源部）" in text and "批准（总经理）" in text and "审核" not in text
    assert "状态 已批准 → 草稿" in run_rolebook("diff", cwd=repo).stdout


def test_a_redline_names_the_commits_it_compares_and_marks_uncommitted_authors(repo, tmp_path):
    """A filed redline of uncommitted edits looked committed: no base commit named, and the author column
    showed git's user.name as if that person had committed the change."""
    edit(repo / "role_specs" / "support-engineer.yaml", "weight: 100", "weight: 100\n          target: 92")
    out = tmp_path / "redline.docx"
    env = {**os.environ, "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig")}
    (tmp_path / "gitconfig").write_text("[user]\n\tname = Wang Fang\n")
    result = run_rolebook("diff", "--format", "docx", "--out", str(out), cwd=repo, env=env)
    assert result.returncode == 0, result.stderr
    text = pdf_text(to_pdf(out, outdir=tmp_path)[0])
    head = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    assert f"Compared: HEAD ({head}, 2026-05-02) → uncommitted changes" in text
    assert "Wang Fang (not committed)" in " ".join(text.split())
    page = run_rolebook("diff", "--format", "html", cwd=repo, env=env).stdout
    assert f"Compared: HEAD ({head}, 2026-05-02)" in page and "Wang Fang (not committed)" in page
    committed = run_rolebook("diff", "HEAD~1", "HEAD", "--format", "html", cwd=repo, env=env).stdout
    approval = committed.split("<h2", 3)[2]  # after the summary, before the details: where the report is signed
    assert "Approval</h2>" in approval and approval.count('class="signature"') == 3 and "Approved by" in approval
    assert committed.count("<h1") == 1
    assert "not committed" not in committed and f"→ HEAD ({head}, 2026-05-02)" in committed
    assert json_diff(repo, "HEAD~1", "HEAD")["to_commit"] == git(repo, "rev-parse", "HEAD").strip()


def test_a_revision_that_does_not_validate_gets_no_redline(repo, tmp_path):
    """Nothing to approve: a signable redline of a broken spec said "invalid, not compared" and exited 0.
    The text report still shows the problems; an older revision's problems are printed in the redline."""
    spec = repo / "role_specs" / "support-engineer.yaml"
    edit(spec, "weight: 100", "weight: [100")
    for output in ("docx", "html"):
        out = tmp_path / f"redline.{output}"
        result = run_rolebook("diff", "--format", output, "--out", str(out), cwd=repo)
        assert result.returncode == 1 and not out.exists()
        assert "role_specs/support-engineer.yaml:" in result.stderr and "error[yaml-syntax]" in result.stderr
        assert "nothing to approve" in result.stderr and "Traceback" not in result.stderr
    assert run_rolebook("diff", cwd=repo).returncode == 0  # the text report says what is wrong
    git(repo, "commit", "-q", "-am", "broken")
    edit(spec, "weight: [100", "weight: 100")
    out = tmp_path / "fixed.docx"
    result = run_rolebook("diff", "--format", "docx", "--out", str(out), cwd=repo)
    assert result.returncode == 0, result.stderr
    text = pdf_text(to_pdf(out, outdir=tmp_path)[0])
    problems = text.split("Problems (not compared)", 1)[1].split("Summary of changes", 1)[0]
    assert "HEAD:role_specs/support-engineer.yaml:" in problems and "yaml-syntax" in problems
    assert schema_problems(out) == ""


def test_a_renamed_role_is_compared_with_what_it_was(repo, tmp_path):
    """git mv and a new id: it was one role removed and another added, its changes (and its redline) unseen."""
    git(repo, "mv", "role_specs/support-engineer.yaml", "role_specs/service-engineer.yaml")
    spec = repo / "role_specs" / "service-engineer.yaml"
    edit(spec, "id: support-engineer", "id: service-engineer")
    edit(spec, "title: Support Engineer", "title: Service Engineer")
    edit(repo / "rolebook.yaml", "support-engineer", "service-engineer")
    data = json_diff(repo)
    [role] = [r for r in data["roles"] if r["id"] == "service-engineer"]
    assert role["status"] == "changed" and role["old_id"] == "support-engineer"
    assert ("changed", "id") in {(c["kind"], c["path"][0]) for c in role["changes"]}
    assert not [r for r in data["roles"] if r["status"] in ("added", "removed")]
    assert [r["id"] for r in json_diff(repo, "--role", "support-engineer")["roles"]] == ["service-engineer"]
    out = tmp_path / "renamed.docx"
    assert run_rolebook("diff", "--format", "docx", "--out", str(out), cwd=repo).returncode == 0
    deleted = "".join(xml_part(out, "word/document.xml").xpath("//w:del//w:delText/text()", namespaces=NS))
    inserted = "".join(xml_part(out, "word/document.xml").xpath("//w:ins//w:t/text()", namespaces=NS))
    assert "Support" in deleted and "Service" in inserted  # the chapter at both revisions, as tracked changes
    # a role removed and an unrelated one added stay what they are
    spec.unlink()
    (repo / "role_specs" / "clerk.yaml").write_text("id: clerk\ntitle: Clerk\nduties: [{title: File letters}]\n")
    statuses = {r["id"]: r["status"] for r in json_diff(repo)["roles"]}
    assert statuses["support-engineer"] == "removed" and statuses["clerk"] == "added"


def test_pre_commit_hook_definition():
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    ids = {hook["id"]: hook for hook in hooks}
    assert ids["rolebook-validate"]["entry"] == "rolebook validate"
    assert ids["rolebook-validate"]["pass_filenames"] is False


def test_a_reworded_task_is_one_change_and_a_different_one_is_added_and_removed():
    from rolebook.history.diff import _Collector

    collector = _Collector()
    collector.items("task", ["duties", "d", "daily_tasks"],
                    ["通过市场调研，分析竞争对手的销售策略", "审核团队报销单", "Keep the CRM up to date"],
                    ["每季度开展市场调研，分析主要竞争对手的销售策略与价格", "组织新员工入职培训",
                     "Keep the CRM up to date"])
    assert [(c.kind, c.old, c.new) for c in collector.changes] == [
        ("removed", "审核团队报销单", None),
        ("changed", "通过市场调研，分析竞争对手的销售策略", "每季度开展市场调研，分析主要竞争对手的销售策略与价格"),
        ("added", None, "组织新员工入职培训")]
