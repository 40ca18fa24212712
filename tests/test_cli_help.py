"""--help speaks the project's language (outside a project, the system's), wrapped as a terminal shows it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import write_files
from rolebook.cli_help import width, wrap


def help_of(*args: str, cwd, **environment) -> str:
    env = {**os.environ, "LANG": "C.UTF-8", **environment}
    env.pop("LC_ALL", None), env.pop("LC_MESSAGES", None)
    result = subprocess.run([sys.executable, "-m", "rolebook", *args, "--help"], cwd=cwd, capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_chinese_project_gets_its_help_in_chinese_within_eighty_columns(tmp_path):
    root = write_files(tmp_path, {"rolebook.yaml": "language: zh-CN\n", "role_specs/.keep": ""})
    page = help_of(cwd=root)
    for words in ("用法：python -m rolebook", "选项：", "命令：", "显示本帮助并退出。", "校验岗位说明文件",
                  "把岗位说明书（.docx、.html、.md、.txt、.pdf）和考核指标表"):
        assert words in page, page
    assert "[默认：text]" in help_of("diff", cwd=root)
    build = help_of("build", cwd=root)
    assert "生成哪些格式（默认：docx 和 html" in build and "[默认: text]" not in build
    for page in (help_of(cwd=root), build, help_of("score", cwd=root), help_of("validate", cwd=root)):
        assert "Show this message" not in page and "Usage:" not in page
        for line in page.splitlines():
            assert width(line) <= 80, line  # a Chinese character takes two columns
            assert not line.lstrip().startswith(("，", "。", "、", "）", "：")), line  # no line starts a clause's end


def test_a_misused_command_is_told_so_in_the_projects_language(tmp_path):
    """click's own errors were English under a Chinese usage line ("Error: Missing argument 'ROLE_ID'.")."""
    root = write_files(tmp_path / "zh", {"rolebook.yaml": "language: zh-CN\n",
                                         "role_specs/sales-manager.yaml": "id: sales-manager\ntitle: 销售经理\n"
                                                                         "duties: [{title: 带领团队}]\n"})
    english = write_files(tmp_path / "en", {"rolebook.yaml": "language: en\n", "role_specs/.keep": ""})

    def misuse(*args: str, cwd) -> str:
        env = {**os.environ, "LANG": "C.UTF-8"}
        result = subprocess.run([sys.executable, "-m", "rolebook", *args], cwd=cwd, capture_output=True, text=True,
                                env=env, timeout=60)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        return result.stderr

    missing = misuse("log", cwd=root)
    assert "错误：缺少参数 'ROLE_ID'" in missing and "运行 'python -m rolebook log --help' 查看帮助。" in missing
    assert "'xml' 不是 'text', 'json' 之一" in misuse("validate", "--format", "xml", cwd=root)
    assert "没有选项 '--bogus'" in misuse("build", "--bogus", cwd=root)
    assert "本项目没有岗位 'sales-manger'；您是否要用 'sales-manager'？" in misuse("build", "--role", "sales-manger",
                                                                             cwd=root)
    assert "Error: Missing argument 'ROLE_ID'." in misuse("log", cwd=english)  # English stays click's


def test_outside_a_project_help_follows_the_system_and_english_stays_clicks(tmp_path):
    assert "校驗職位說明檔案" in help_of(cwd=tmp_path, LANG="zh_TW.UTF-8")
    assert "校验岗位说明文件" in help_of(cwd=tmp_path, LANG="zh_CN.UTF-8")
    english = help_of(cwd=tmp_path)
    assert english.startswith("Usage: python -m rolebook [OPTIONS] COMMAND") and "Show this message and exit." in english
    root = write_files(tmp_path / "en", {"rolebook.yaml": "language: en\n", "role_specs/.keep": ""})
    assert "Check role specs; print every problem" in help_of(cwd=root, LANG="zh_CN.UTF-8")  # the project decides


def test_a_message_outside_a_project_follows_the_system(tmp_path):
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    env.pop("LC_ALL", None), env.pop("LC_MESSAGES", None)
    result = subprocess.run([sys.executable, "-m", "rolebook", "validate"], cwd=tmp_path, capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 2 and "不在 rolebook 项目中（此处及上级文件夹都没有 role_specs/ 文件夹）" in result.stderr


@pytest.mark.parametrize("text, columns", [
    ("把岗位说明书（.docx、.html、.md、.txt、.pdf）和考核指标表（.xlsx、.csv）转成岗位说明文件。", 40),
    ("在浏览器中预览文档，编辑后自动重新生成并刷新（按 Ctrl-C 停止）。", 30),
    ("Which formats (default: docx and html; pdf through LibreOffice).", 20),
])
def test_wrapping_counts_two_columns_for_chinese_and_keeps_punctuation_on_its_line(text, columns):
    lines = wrap(text, columns)
    assert all(width(line) <= columns for line in lines), lines
    assert not any(line.startswith(("，", "。", "、", "）")) or line.endswith("（") for line in lines), lines
    joined = ("" if width(text) > len(text) else " ").join(lines)
    assert joined == text
