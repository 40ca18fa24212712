"""The command line speaks the project's language from one gettext catalogue: every marked message has a
translation with the same placeholders, the compiled catalogues are current, and a Chinese project's
validate, build and score speak Chinese while codes, positions and exit statuses stay as they are."""

import io
import re
import sys

from babel.messages.mofile import read_mo

from conftest import REPO, run_rolebook, write_files

sys.path.insert(0, str(REPO / "tools"))
import messages as tool  # noqa: E402  (tools/messages.py: the catalogues' own maker)


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{[^{}]*\}", text.replace("{{", "").replace("}}", "")))


def test_every_message_in_the_code_has_a_translation_with_its_placeholders():
    extracted = {message.id for message in tool.extracted() if message.id}
    assert len(extracted) > 150 and "KPI weights add up to {total}, expected {total_weight}" in extracted
    for name in ("zh_CN", "zh_TW"):
        catalogue = {message.id: message.string for message in tool.read(name) if message.id}
        missing = sorted(extracted - {key for key, value in catalogue.items() if value})
        assert missing == [], f"{name}: messages without a translation (run python tools/messages.py): {missing[:5]}"
        wrong = [key for key in extracted if placeholders(key) != placeholders(catalogue[key])]
        assert wrong == [], f"{name}: translations whose placeholders differ: {wrong[:5]}"


def test_the_compiled_catalogues_are_the_sources_compiled():
    simplified = tool.read("zh_CN")
    for name in ("zh_CN", "zh_TW"):
        expected = simplified if name == "zh_CN" else tool.traditional(simplified)
        compiled = read_mo(io.BytesIO(tool.po_path(name).with_suffix(".mo").read_bytes()))
        assert {m.id: m.string for m in compiled if m.id} == {m.id: m.string for m in expected if m.id}, \
            f"{name}: rolebook.mo is out of date (run python tools/messages.py)"


def test_the_traditional_catalogue_is_the_simplified_one_converted():
    traditional = {m.id: m.string for m in tool.read("zh_TW") if m.id}
    assert traditional == {m.id: m.string for m in tool.traditional(tool.read("zh_CN")) if m.id}
    assert traditional["KPI weights add up to {total}, expected {total_weight}"] == "考核指標權重合計為 {total}，應為 {total_weight}"


BROKEN = "id: clerk\ntitle: 出纳\nduties: [{title: 收款, share: 120}]\n"


def test_a_chinese_project_speaks_chinese_with_the_same_codes_and_statuses(tmp_path):
    for language, words in (("zh-CN", "时间占比应大于 0"), ("zh-TW", "時間佔比應大於 0"), ("en", "a share is above 0")):
        root = write_files(tmp_path / language, {"rolebook.yaml": f"language: {language}\n",
                                                 "role_specs/clerk.yaml": BROKEN})
        result = run_rolebook("validate", cwd=root)
        assert result.returncode == 1
        assert result.stdout.startswith("role_specs/clerk.yaml:3:9: error[duty-share]: "), result.stdout
        assert words in result.stdout, result.stdout
        built = run_rolebook("build", cwd=root)
        assert built.returncode == 1 and not (root / "build").exists()
        if language == "zh-CN":
            assert "个错误" in result.stderr and "未写入任何文件" in built.stderr
    # a path argument names the project whose language is spoken, wherever the command runs
    result = run_rolebook("validate", str(tmp_path / "zh-CN"), cwd=tmp_path)
    assert "时间占比" in result.stdout


def test_the_summary_csv_heads_are_in_the_projects_language(tmp_path):
    spec = ("id: clerk\ntitle: 出纳\nduties: [{title: 收款}]\nassessment:\n  dimensions:\n    - id: d\n      name: 准确性\n"
            "      kpis:\n        - {id: errors, name: 差错次数, direction: lower, weight: 100, target: 2, "
            "thresholds: {pass: 5, excellent: 1}}\n  grades:\n    - {grade: A, min: 90}\n    - {grade: B, min: 0}\n")
    root = write_files(tmp_path / "p", {"rolebook.yaml": "language: zh-CN\n", "role_specs/clerk.yaml": spec,
                                        "results.csv": "employee,role,period,errors\n张三,clerk,2026Q1,2\n"})
    result = run_rolebook("score", "results.csv", cwd=root)
    assert result.returncode == 0, result.stderr
    summary = (root / "build" / "appraisals" / "2026Q1" / "summary.csv").read_text(encoding="utf-8-sig")
    assert summary.splitlines()[0] == "员工,岗位,考核期,总分,等级,文件名"
    assert "已为 2026Q1 评分 1 名员工" in result.stderr
