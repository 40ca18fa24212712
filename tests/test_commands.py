"""The commands that write for the user: init's next steps, new, bump, build and diff given a project folder,
and build --out into a folder holding files of the user's own."""

import subprocess

import pytest

from rolebook.bump import BumpError, bump_text, next_version

from conftest import REPO, copy_project, run_rolebook, write_files

FAMILY = REPO / "tests" / "render_projects" / "family"


def test_init_prints_the_next_commands(tmp_path):
    result = run_rolebook("init", "hr", cwd=tmp_path)
    assert result.returncode == 0
    assert "Next:\n  cd hr\n  rolebook validate" in result.stdout and "rolebook new my-role" in result.stdout


@pytest.mark.parametrize("language, title, chapters", [
    ("zh-CN", "销售代表", ["第一章　总则", "第一条　目的", "附则", "文件编号：ZD-2026-01"]),
    ("zh-TW", "銷售代表", ["第一章　總則", "第一條　目的", "附則", "審核", "職位"]),
    ("en", "Customer Support Agent", ["Appraisal policy"])])
def test_init_writes_a_starter_in_its_language_that_validates_and_builds(tmp_path, language, title, chapters):
    result = run_rolebook("init", "hr", "--language", language, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "hr"
    assert f"language: {language}" in (root / "rolebook.yaml").read_text(encoding="utf-8")
    assert ".rolebook/" in (root / ".gitignore").read_text()  # the cache is never committed
    assert run_rolebook("validate", "--strict", cwd=root).returncode == 0
    assert run_rolebook("build", "--kind", "jd", "--kind", "handbook", "--format", "html", cwd=root).returncode == 0
    handbook = (root / "build" / "handbook.html").read_text(encoding="utf-8")
    for text in [title, *chapters]:
        assert text in handbook, text
    if language == "zh-TW":  # Taiwan's characters and words: not the mainland's, nor OpenCC's software phrasing
        from rolebook.spec.languages import convert

        starter = "".join(path.read_text(encoding="utf-8") for path in sorted(root.rglob("*"))
                          if path.is_file() and ".rolebook" not in path.parts and "build" not in path.parts)
        for wrong in ("崗位", "示例", "合同", "髮放", "稽核", "程式", "專案", "第一条"):
            assert wrong not in starter and wrong not in handbook, wrong
        assert convert("s2tw", starter) == starter, "a simplified character is left"
        assert "jurisdictions: [TW]" in starter  # its postings are checked against Taiwan's law, not the PRC's
        assert "32,000–42,000 元/月" in handbook  # its pay shown (a posting below NT$40,000 must), as Taiwan writes it


@pytest.mark.parametrize("environment, language", [({"LANG": "zh_CN.UTF-8"}, "zh-CN"), ({"LANG": "zh_TW.UTF-8"}, "zh-TW"),
                                                   ({"LC_ALL": "zh_HK.UTF-8", "LANG": "en_US"}, "zh-TW"),
                                                   ({"LANG": "de_DE.UTF-8"}, "en"), ({}, "en")])
def test_init_takes_its_language_from_the_system(environment, language):
    from rolebook.messages import system_language as default_language

    assert default_language(environment) == language


@pytest.mark.parametrize("language, placeholder", [("en", "To do:"), ("zh-CN", "待填写"), ("zh-TW", "待填寫：職位名稱")])
def test_new_writes_a_starter_that_validates(tmp_path, language, placeholder):
    root = write_files(tmp_path / "p", {"rolebook.yaml": f"language: {language}\n",
                                        "role_specs/.keep": ""})
    result = run_rolebook("new", "support-lead", cwd=root)
    assert result.returncode == 0, result.stderr
    text = (root / "role_specs" / "support-lead.yaml").read_text(encoding="utf-8")
    assert "id: support-lead" in text and placeholder in text
    # a Chinese summary broken over lines is joined without a space (a folded >- scalar put one in)
    assert ("summary: |-" in text) == language.startswith("zh")
    if language == "zh-TW":
        from rolebook.spec.languages import convert

        assert convert("s2tw", text) == text, "simplified characters in a zh-TW project's new role"
    check = run_rolebook("validate", cwd=root)
    assert check.returncode == 0  # it validates; what is still to fill is a warning at each placeholder
    assert "warning[placeholder]" in check.stdout
    assert run_rolebook("validate", "--strict", cwd=root).returncode == 1
    again = run_rolebook("new", "support-lead", cwd=root)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert (root / "role_specs" / "support-lead.yaml").read_text(encoding="utf-8") == text


def test_new_in_a_family_inherits_and_validates(tmp_path):
    root = copy_project(FAMILY, tmp_path / "p")
    result = run_rolebook("new", "key-account-executive", "--extends", "customer-facing", "--title",
                          "Key account executive", cwd=root)
    assert result.returncode == 0, result.stderr
    text = (root / "role_specs" / "key-account-executive.yaml").read_text(encoding="utf-8")
    assert "extends: customer-facing" in text and "title: Key account executive" in text
    assert "duties:" not in text  # the family's duties are inherited
    check = run_rolebook("validate", cwd=root)
    assert check.returncode == 0, check.stdout
    # the family's appraisal scheme has no KPIs of its own: the new role is told to add its own
    assert check.stdout.splitlines() == ["role_specs/key-account-executive.yaml:4:5: warning[no-kpis]: role "
                                         "'key-account-executive' has no KPI, so it gets no appraisal form; add KPIs "
                                         "under assessment.dimensions[].kpis",
                                         "role_specs/key-account-executive.yaml:10:10: warning[placeholder]: a "
                                         "placeholder is still here: replace it with the role's own words, or delete "
                                         "what the role does not need"]
    typo = run_rolebook("new", "x", "--extends", "customer-facin", cwd=root)
    assert typo.returncode == 2 and "did you mean 'customer-facing'?" in typo.stderr
    bad = run_rolebook("new", "Key_Account", cwd=root)
    assert bad.returncode == 2 and "cannot be a role id" in bad.stderr


SPEC = """\
# The role's owner keeps this comment.
id: r
title: R   # and this one
version: "1.9.0"
effective: 2026-01-01
duties:
    -   title: T          # odd indentation, kept
changes:
  - version: "1.9.0"
    date: 2026-01-01
    summary: First
"""


def test_bump_changes_only_the_version_date_and_history(tmp_path):
    bumped = bump_text(SPEC, "r.yaml", "minor", effective=__import__("datetime").date(2026, 7, 1),
                       summary="Weights: 60/40")
    assert bumped.old == "1.9.0" and bumped.new == "1.10.0"
    assert bumped.text == SPEC.replace('version: "1.9.0"\neffective: 2026-01-01',
                                       'version: "1.10.0"\neffective: 2026-07-01') \
        .replace("changes:\n", 'changes:\n  - version: 1.10.0\n    date: 2026-07-01\n    summary: "Weights: 60/40"\n')
    assert bumped.warnings == ()


def test_bump_warns_of_an_effective_date_kept_or_moved_back():
    """1.1.0 took 1.0.0's effective date without a word, and a date before it was taken as silently."""
    import datetime

    kept = bump_text(SPEC, "r.yaml", "minor", summary="Weights")
    assert kept.warnings == ("r.yaml: effective is still 2026-01-01, the previous version's; give this version's "
                             "date with --effective YYYY-MM-DD",)
    back = bump_text(SPEC, "r.yaml", "minor", effective=datetime.date(2025, 12, 1), summary="Weights")
    assert back.warnings == ("r.yaml: --effective 2025-12-01 is before the previous version's 2026-01-01",)
    assert "effective: 2025-12-01" in back.text  # said, not refused: backdating can be what HR means


def test_bump_through_the_command_keeps_comments_and_validates(tmp_path):
    root = copy_project(FAMILY, tmp_path / "p")
    spec = root / "role_specs" / "account-executive.yaml"
    before = spec.read_text(encoding="utf-8")
    result = run_rolebook("bump", "account-executive", "--minor", cwd=root)
    assert result.returncode == 0, result.stderr
    after = spec.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines())
    # the version, and the status: a new version is a draft until someone approves it
    assert changed == [("version: 1.1.0", "version: 1.2.0"), ("status: approved", "status: draft")]
    assert "→" in result.stdout
    assert run_rolebook("validate", "--strict", cwd=root).returncode == 0
    result = run_rolebook("bump", "account-executive", "--patch", "--status", "approved", cwd=root)
    assert result.returncode == 0 and "status: approved" in spec.read_text(encoding="utf-8")


def test_bump_writes_draft_where_a_family_gives_another_status(tmp_path):
    root = write_files(tmp_path / "p", {
        "role_specs/family.yaml": "id: family\ntitle: F\nabstract: true\nstatus: approved\n",
        "role_specs/r.yaml": "id: r\nextends: family\ntitle: R\nversion: 1.0.0\nduties: [{title: T}]\n"})
    assert run_rolebook("bump", "r", cwd=root).returncode == 0
    assert (root / "role_specs" / "r.yaml").read_text(encoding="utf-8").splitlines()[3:5] == [
        "version: 1.1.0", "status: draft"]


def test_bump_refuses_what_it_cannot_do_and_writes_nothing(tmp_path):
    root = write_files(tmp_path / "p", {"role_specs/r.yaml": SPEC})
    assert run_rolebook("bump", "r", cwd=root).returncode == 2  # a history needs --summary
    assert run_rolebook("bump", "q", cwd=root).returncode == 2
    assert run_rolebook("bump", "r", "--effective", "1 July", "-m", "x", cwd=root).returncode == 2
    (root / "role_specs" / "r.yaml").write_text(SPEC.replace('"1.9.0"', "V2"), encoding="utf-8")
    result = run_rolebook("bump", "r", "-m", "x", cwd=root)
    assert result.returncode == 1 and "not numbers separated by dots" in result.stderr
    assert (root / "role_specs" / "r.yaml").read_text(encoding="utf-8") == SPEC.replace('"1.9.0"', "V2")


@pytest.mark.parametrize("old, part, new", [("1.4.2", "major", "2.0.0"), ("1.4.2", "minor", "1.5.0"),
                                            ("1.4.2", "patch", "1.4.3"), ("1.9", "minor", "1.10.0"),
                                            ("1", "minor", "1.1.0"), (None, "minor", "0.1.0"),
                                            ("1.4", "patch", "1.4.1")])
def test_next_version(old, part, new):
    assert next_version(old, part) == new


def test_next_version_refuses_words():
    with pytest.raises(BumpError):
        next_version("2024版", "minor")


def test_build_and_diff_take_the_project_folder(tmp_path):
    root = copy_project(FAMILY, tmp_path / "p")
    result = run_rolebook("build", "p", "--kind", "jd", "--format", "html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (root / "build" / "jd" / "account-executive.html").is_file()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "."], cwd=root, check=True)
    subprocess.run(["git", "-c", "user.name=HR", "-c", "user.email=hr@example.com", "commit", "-qm", "v1"],
                   cwd=root, check=True)
    diff = run_rolebook("diff", "p", "HEAD", cwd=tmp_path)
    assert diff.returncode == 0 and "no changes" in diff.stdout
    typo = run_rolebook("diff", "p", "--role", "acount-executive", cwd=tmp_path)
    assert typo.returncode == 2 and "did you mean 'account-executive'?" in typo.stderr


def test_build_out_into_a_folder_of_ones_own_replaces_only_its_own_files(tmp_path):
    root = copy_project(FAMILY, tmp_path / "p")
    site = write_files(tmp_path / "site", {"index.html": "mine", "notes.txt": "notes", "jd/other.docx": "old"})
    refused = run_rolebook("build", "--out", str(site), cwd=root)
    assert refused.returncode == 1 and "index.html" in refused.stderr and "Nothing was written" in refused.stderr
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == [
        "index.html", "jd/other.docx", "notes.txt"]
    (site / "index.html").unlink()
    assert run_rolebook("build", "--out", str(site), cwd=root).returncode == 0
    spec = root / "role_specs" / "account-executive.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("Grow the pipeline", "Grow the sales pipeline"),
                    encoding="utf-8")
    assert run_rolebook("build", "--out", str(site), cwd=root).returncode == 0  # its own files: replaced
    assert (site / "notes.txt").read_text() == "notes" and (site / "jd" / "other.docx").read_text() == "old"
    assert "Grow the sales pipeline" in (site / "jd" / "account-executive.html").read_text(encoding="utf-8")
