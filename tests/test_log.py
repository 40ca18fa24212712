"""`rolebook log` lists every committed version, the first included, also once the role keeps a change
history of its own (changes:)."""

import json

from conftest import git, run_rolebook, write_files

ROLE = "id: cashier\ntitle: 出纳\nversion: {version}\nduties: [{{title: {duty}}}]\n"



def test_log_keeps_the_versions_before_the_change_history(tmp_path):
    root = write_files(tmp_path / "p", {"rolebook.yaml": "language: zh-CN\n",
                                        "role_specs/cashier.yaml": ROLE.format(version="1.0.0", duty="收款")})
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "first", author="李华")
    (root / "role_specs" / "cashier.yaml").write_text(ROLE.format(version="1.1.0", duty="付款"), encoding="utf-8")
    git(root, "commit", "-qam", "second", author="李华")
    assert run_rolebook("bump", "cashier", "-m", "新增复核职责", cwd=root).returncode == 0
    git(root, "commit", "-qam", "third", author="李华")
    versions = json.loads(run_rolebook("log", "cashier", "--format", "json", cwd=root).stdout)["versions"]
    assert [(v["version"], v["changes"][0]) for v in versions] == [
        ("1.2.0", "新增复核职责"), ("1.1.0", "删除职责：收款"), ("1.0.0", "首次发布")]
    assert all(v["author"] == "李华" for v in versions)


def test_log_follows_a_role_through_its_rename(tmp_path):
    """git mv and a new id: the log of the new id began at the rename, as a first issue by whoever renamed it."""
    spec = "id: {id}\ntitle: {title}\nversion: {version}\nduties:\n  - title: 收款\n    daily_tasks: [核对现金, 开具收据, 登记日记账]\n" \
           "  - title: 付款\n    daily_tasks: [审核单据, 办理转账]\nrequirements: {{education: 大专以上, experience: 两年出纳经验}}\n"
    root = write_files(tmp_path / "p", {"rolebook.yaml": "language: zh-CN\n",
                                        "role_specs/cashier.yaml": spec.format(id="cashier", title="出纳", version="1.0.0"),
                                        "role_specs/clerk.yaml": "id: clerk\ntitle: 文员\nversion: 1.0.0\n"
                                                                 "duties: [{title: 归档}]\n"})
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "first", author="李华")
    git(root, "mv", "role_specs/cashier.yaml", "role_specs/treasurer.yaml")
    (root / "role_specs" / "treasurer.yaml").write_text(spec.format(id="treasurer", title="资金专员", version="1.1.0"),
                                                        encoding="utf-8")
    for state in ("uncommitted", "committed"):
        if state == "committed":
            git(root, "commit", "-qam", "renamed", author="王芳")
        versions = json.loads(run_rolebook("log", "treasurer", "--format", "json", cwd=root).stdout)["versions"]
        assert [(v["version"], v["changes"]) for v in versions] == [
            ("1.1.0", ["岗位编号 cashier → treasurer", "名称 出纳 → 资金专员"]), ("1.0.0", ["首次发布"])], state
        assert versions[1]["author"] == "李华"
    clerk = json.loads(run_rolebook("log", "clerk", "--format", "json", cwd=root).stdout)["versions"]
    assert [v["version"] for v in clerk] == ["1.0.0"]  # an unrelated role is nobody's past
