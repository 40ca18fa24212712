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
