"""One spec in several languages: a zh-CN source with English translations (one daily task left
untranslated), zh-TW derived by OpenCC with Taiwan phrasing, and a bilingual zh-CN + English job
description; every language's documents, warnings, incremental rebuilds, the diff per language."""

import json
import subprocess

import pytest

from rolebook.render.context import glossary_order

from clients import html_problems, pdf_text, schema_problems, to_pdf
from conftest import REPO, build_copy, copy_project, run_rolebook, serving
from test_jd_fields import html_text, word_text

LANGUAGES = REPO / "tests" / "render_projects" / "languages"
UNTRANSLATED = "在客户信息系统中记录每次拜访"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_copy(LANGUAGES, tmp_path_factory.mktemp("languages") / "p")


def texts(built, language, kind="jd", role="sales-rep"):
    """The document's text in Word and in HTML."""
    folder = built / language / kind
    return [" ".join(word_text(folder / f"{role}.docx").split()), html_text(folder / f"{role}.html")]


def test_layout(built):
    for language in ("zh-CN", "en", "zh-TW"):
        for name in ("jd/sales-rep", "forms/sales-rep", "postings/sales-rep", "handbook"):
            for fmt in ("docx", "html"):
                assert (built / language / f"{name}.{fmt}").is_file(), (language, name, fmt)
    assert sorted(p.name for p in (built / "bilingual").iterdir() if p.is_dir()) == ["jd", "postings"]
    assert not (built / "jd").exists()  # several languages: nothing at the top


def test_the_top_index_links_each_language_named_in_itself(built):
    page = (built / "index.html").read_text(encoding="utf-8")
    for folder, name in [("zh-CN", "简体中文"), ("en", "English"), ("zh-TW", "繁體中文"), ("bilingual", "English")]:
        assert f'<a href="{folder}/index.html">' in page and name in page
        assert (built / folder / "index.html").is_file()
    assert html_problems(built / "index.html", built / "bilingual" / "jd" / "sales-rep.html",
                         built / "en" / "handbook.html") == []


def test_english_documents_have_the_english_text_and_the_source_where_untranslated(built):
    for text in texts(built, "en"):
        assert "Sales Representative" in text and "Job description" in text
        assert "Find new customers by telephone and online" in text
        assert "Example Technology Co., Ltd." in text
        assert UNTRANSLATED in text  # the untranslated task shows its source text
        assert "销售人员" not in text and "岗位职责" not in text
    for text in texts(built, "en", "forms"):
        assert "Sales target achievement" in text and "≥ 6 customers" in text


def test_zh_tw_is_derived_with_taiwan_phrasing(built):
    for text in texts(built, "zh-TW"):
        assert "銷售人員" in text and "職位說明書" in text
        assert "網路和軟體工具" in text  # s2twp: 网络 → 網路, 软件 → 軟體 (s2t alone gives 網絡 and 軟件)
        assert "在客戶資訊系統中記錄每次拜訪" in text  # 信息 → 資訊
        assert "软件" not in text and "軟件" not in text
    handbook = html_text(built / "zh-TW" / "handbook.html")
    assert "銷售崗位職責與考核制度" in handbook and "不得洩露公司軟體的報價" in handbook  # the policy, converted


def test_zh_cn_is_the_source(built):
    for text in texts(built, "zh-CN"):
        assert "销售人员" in text and "负责开发新客户" in text and "Sales Representative" not in text


def test_bilingual_job_description_has_both_languages_source_first(built):
    for text in texts(built, "bilingual"):
        assert "岗位职责 Duties" in text  # headings in both
        assert "开发与维护客户 Find and keep customers" in text
        summary = text.index("负责开发新客户")
        assert summary < text.index("Finds new customers, looks after existing ones")  # source first
        assert text.index("通过电话、网络等渠道开发新客户") < text.index("Find new customers by telephone")
        assert "10 个" in text and "customers customers" not in text  # a unit in the first language only
        assert "客户档案、拜访记录 Customer files, Visit notes" in text  # each language's list apart
        assert "任职者 Employee" in text and "日期 Date" in text  # who signs, in both
        assert "客户关系系统 CRM" in text  # the library's term the role uses, found in either language
    pdf = to_pdf(built / "bilingual" / "jd" / "sales-rep.docx", outdir=built.parent / "pdf")[0]
    printed = " ".join(pdf_text(pdf).split())
    assert "岗位职责 Duties" in printed and "Find and keep customers" in printed


def test_every_word_document_is_schema_valid(built):
    assert schema_problems(*sorted(built.rglob("*.docx"))) == ""


def test_validate_warns_at_the_untranslated_field_and_says_how_complete(tmp_path):
    root = copy_project(LANGUAGES, tmp_path / "p")
    result = run_rolebook("validate", cwd=root)
    assert result.returncode == 0, result.stderr
    # the project's source language is Chinese: rolebook speaks it (codes and positions stay as they are)
    assert result.stdout.splitlines() == [
        "role_specs/sales-rep.yaml:15:9: warning[missing-translation]: 此处没有 en 文本：en 文档将显示原文"]
    assert "en：已翻译 28 段文字中的 27 段（96%）" in result.stderr
    assert run_rolebook("validate", "--strict", cwd=root).returncode == 1
    found = json.loads(run_rolebook("validate", "--format", "json", cwd=root).stdout)
    assert [(p["line"], p["code"]) for p in found] == [(15, "missing-translation")]


def test_an_explicit_translation_wins_over_the_derived_one(tmp_path):
    root = copy_project(LANGUAGES, tmp_path / "p")
    spec = root / "role_specs" / "sales-rep.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace(
        "title: {zh-CN: 销售人员, en: Sales Representative}",
        "title: {zh-CN: 销售人员, en: Sales Representative, zh-TW: 業務專員}"), encoding="utf-8")
    assert run_rolebook("build", "--language", "zh-TW", "--kind", "jd", cwd=root).returncode == 0
    assert not (root / "build" / "en").exists()  # --language builds that one only
    for text in texts(root / "build", "zh-TW"):
        assert "業務專員" in text and "銷售人員" not in text


def test_a_project_of_one_language_keeps_its_layout(tmp_path):
    built = build_copy(REPO / "tests" / "render_projects" / "zh-tw", tmp_path / "p", "--kind", "jd")
    assert (built / "jd" / "telesales-supervisor.docx").is_file()
    assert not [p for p in built.iterdir() if p.is_dir() and p.name not in ("jd",)]


def test_a_rebuild_after_editing_one_translation_renders_only_that_language(tmp_path):
    root = copy_project(LANGUAGES, tmp_path / "p")
    assert run_rolebook("build", "--kind", "jd", cwd=root).returncode == 0
    spec = root / "role_specs" / "sales-rep.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("en: Sales analysis", "en: Sales figures"),
                    encoding="utf-8")
    result = run_rolebook("build", "--kind", "jd", "-v", cwd=root)
    assert result.returncode == 0, result.stderr
    written = sorted(line.split()[-1] for line in result.stderr.splitlines() if line.startswith("已写入 build"))
    assert written == ["build/bilingual/jd/sales-rep.docx", "build/bilingual/jd/sales-rep.html",
                       "build/en/jd/sales-rep.docx", "build/en/jd/sales-rep.html"]
    assert "Sales figures" in html_text(root / "build" / "en" / "jd" / "sales-rep.html")


def git(root, *args):
    subprocess.run(["git", "-c", "user.name=HR", "-c", "user.email=hr@example.com", *args], cwd=root, check=True,
                   capture_output=True)


def committed_copy(tmp_path):
    """A copy of the project in a git repository of one commit; returns the project and its role spec."""
    root = copy_project(LANGUAGES, tmp_path / "p")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first")
    return root, root / "role_specs" / "sales-rep.yaml"


def test_the_diff_says_when_only_one_translation_changed(tmp_path):
    root, spec = committed_copy(tmp_path)
    spec.write_text(spec.read_text(encoding="utf-8").replace("en: Find new customers by telephone and online",
                                                             "en: Win new customers by telephone and online"),
                    encoding="utf-8")
    shown = run_rolebook("diff", cwd=root).stdout  # the project's source language is Chinese: so are its words
    assert ("~ 仅英文文本：开发与维护客户 日常任务 Find new customers by telephone and online → "
            "Win new customers by telephone and online") in shown  # reworded: one change
    english = run_rolebook("diff", "--language", "en", cwd=root).stdout
    assert "sales-rep (Sales Representative)" in english and "en text of" not in english
    result = run_rolebook("diff", "--language", "en", "--format", "docx", "--out", "en.docx", cwd=root)
    assert result.returncode == 0, result.stderr
    assert schema_problems(root / "en.docx") == ""
    assert "Win new customers" in word_text(root / "en.docx")
    assert run_rolebook("diff", "--language", "fr", cwd=root).returncode == 2


@pytest.mark.parametrize("settings, message", [
    ("derive: {zh-TW: {from: en-GB, convert: s2twp}}", "zh-TW 由 en-GB 派生，但 en-GB 不是本项目的语言"),
    ("bilingual: [zh-CN]", "bilingual 需要两种语言，实际为 1"),
    ("derive: {zh-TW: {convert: s2x}}", "derive.zh-TW.convert"),
])
def test_language_settings_that_cannot_hold_are_errors(tmp_path, settings, message):
    root = copy_project(LANGUAGES, tmp_path / "p")
    text = (root / "rolebook.yaml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith(("derive", "  zh-TW", "bilingual"))]
    (root / "rolebook.yaml").write_text("\n".join(lines + [settings]) + "\n", encoding="utf-8")
    result = run_rolebook("validate", cwd=root)
    assert result.returncode == 1 and message in result.stdout, result.stdout


def test_build_refuses_a_language_the_project_does_not_build(tmp_path):
    root = copy_project(LANGUAGES, tmp_path / "p")
    result = run_rolebook("build", "--language", "zh-tw", cwd=root)
    assert result.returncode == 2 and "是否应为“zh-TW”" in result.stderr  # the project's language: zh-CN
    assert not (root / "build").exists()


def test_glossaries_sort_by_each_languages_rules():
    terms = ["銷售管理", "回款率", "毛利率", "客戶關係"]
    assert sorted(terms, key=glossary_order("zh-TW")) == ["毛利率", "客戶關係", "回款率", "銷售管理"]  # ㄇ ㄎ ㄏ ㄒ
    assert sorted(terms, key=glossary_order("zh-CN")) == ["回款率", "客戶關係", "毛利率", "銷售管理"]  # hui ke mao xiao
    assert sorted(["collection", "Appraisal", "bonus"], key=glossary_order("en")) == ["Appraisal", "bonus",
                                                                                        "collection"]


def test_derived_languages_need_no_translation(tmp_path):
    root = copy_project(LANGUAGES, tmp_path / "p")
    text = (root / "rolebook.yaml").read_text(encoding="utf-8")
    (root / "rolebook.yaml").write_text(text.replace("languages: [zh-CN, en, zh-TW]", "languages: [zh-CN, zh-TW]")
                                        .replace("bilingual: [zh-CN, en]\n", ""), encoding="utf-8")
    result = run_rolebook("validate", cwd=root)
    assert result.returncode == 0 and result.stdout == "" and "translated" not in result.stderr


def test_the_log_names_the_translation_a_version_changed(tmp_path):
    root, spec = committed_copy(tmp_path)
    spec.write_text(spec.read_text(encoding="utf-8").replace("en: Sales analysis", "en: Sales figures")
                    .replace("version: 1.0.0", "version: 1.0.1"), encoding="utf-8")
    git(root, "commit", "-qam", "English title of a duty")
    versions = json.loads(run_rolebook("log", "sales-rep", "--format", "json", cwd=root).stdout)["versions"]
    assert versions[0]["version"] == "1.0.1"
    assert versions[0]["changes"] == ["仅英文文本：销售数据分析 名称 Sales analysis → Sales figures"]


def test_a_project_built_only_in_a_derived_language_keeps_one_folder(tmp_path):
    root = copy_project(LANGUAGES, tmp_path / "p")
    text = (root / "rolebook.yaml").read_text(encoding="utf-8")
    (root / "rolebook.yaml").write_text(text.replace("languages: [zh-CN, en, zh-TW]", "languages: [zh-TW]")
                                        .replace("bilingual: [zh-CN, en]\n", ""), encoding="utf-8")
    result = run_rolebook("build", "--kind", "jd", cwd=root)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (root / "build").iterdir() if p.is_dir()) == ["jd"]
    for text in [" ".join(word_text(root / "build" / "jd" / "sales-rep.docx").split()),
                 html_text(root / "build" / "jd" / "sales-rep.html")]:
        assert "職位說明書" in text and "網路和軟體工具" in text


def test_serve_previews_the_language_asked_for(tmp_path):
    import urllib.request

    root = copy_project(LANGUAGES, tmp_path / "p")
    with serving(root, "--language", "en", temp=tmp_path / "tmp") as (_, url):
        page = urllib.request.urlopen(url + "jd/sales-rep.html", timeout=30).read().decode("utf-8")
        assert '<html lang="en">' in page and "Sales Representative" in page and "销售人员" not in page


def test_a_text_given_only_in_other_languages_lacks_the_source(tmp_path):
    root = copy_project(REPO / "tests" / "render_projects" / "zh-tw", tmp_path / "p")
    spec = root / "role_specs" / "telesales-supervisor.yaml"
    lines = spec.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[number] = "title: {en: Telesales Supervisor}"
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_rolebook("validate", cwd=root)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [f"role_specs/telesales-supervisor.yaml:{number + 1}:8: "
                                          "warning[missing-translation]: 此處沒有源語言 zh-TW 的文本：文件顯示給出的第一段文字"]


def test_each_handbook_tells_its_change_history_in_its_language(tmp_path):
    root, spec = committed_copy(tmp_path)
    spec.write_text(spec.read_text(encoding="utf-8").replace("en: Sales analysis", "en: Sales figures")
                    .replace("version: 1.0.0", "version: 1.1.0"), encoding="utf-8")
    git(root, "commit", "-qam", "English title of a duty")
    assert run_rolebook("build", "--kind", "handbook", "--format", "html", cwd=root).returncode == 0
    english = html_text(root / "build" / "en" / "handbook.html")
    assert "1.1.0 " in english and "Sales figures title: Sales analysis → Sales figures" in english
    for language, heading, only in [("zh-CN", "修订记录", "仅更新版本号"), ("zh-TW", "修訂記錄", "僅更新版本號")]:
        history = html_text(root / "build" / language / "handbook.html").rsplit(heading, 1)[1]
        entry = history.split("1.1.0", 1)[1][:30]  # the source did not change: only its version number
        assert only in entry and "Sales" not in entry, entry


def test_a_policy_chapter_without_its_translation_warns_and_says_where_it_goes(tmp_path):
    root = copy_project(LANGUAGES, tmp_path / "p")
    (root / "policies" / "conduct.en.md").unlink()
    result = run_rolebook("validate", cwd=root)
    assert "rolebook.yaml:9:14: warning[missing-translation]: “policies/conduct.md”没有 en 文本（请写成 " \
           "policies/conduct.en.md）：en 手册将显示原文" in result.stdout, result.stdout
    assert run_rolebook("build", "--kind", "handbook", "--language", "en", cwd=root).returncode == 0
    assert "不得泄露公司软件的报价" in html_text(root / "build" / "en" / "handbook.html")


def test_a_first_build_prints_the_missing_translations_once(tmp_path):
    root = copy_project(LANGUAGES, tmp_path / "p")
    result = run_rolebook("build", "--kind", "jd", cwd=root)
    assert result.returncode == 0
    assert result.stderr.count("warning[missing-translation]") == 1, result.stderr


def test_every_traditional_label_is_in_traditional_characters():
    """zh-TW's labels inherit zh-CN's where they are the same: one left in simplified characters printed 计算公式,
    自评 and 元/小时 in a Taiwanese company's documents."""
    from rolebook.render.labels import labels_for
    from rolebook.spec.languages import convert

    def texts(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from texts(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from texts(item)

    left = [text for text in texts(labels_for("zh-TW")) if convert("s2tw", text) != text]
    assert left == []


def test_an_american_project_spells_as_americans_do(tmp_path):
    """language: en-US gets Organization chart, colors and Role catalog; plain en keeps British spelling."""
    from conftest import write_files

    role = "id: {id}\ntitle: {title}\ndepartment: Sales\n{boss}duties: [{{title: Sell}}]\n"
    specs = {"role_specs/lead.yaml": role.format(id="lead", title="Sales Lead", boss=""),
             "role_specs/rep.yaml": role.format(id="rep", title="Sales Rep", boss="reports_to: lead\n")}
    for language, chart, other in (("en-US", "Organization chart", "Organisation"),
                                   ("en", "Organisation chart", "Organization")):
        root = write_files(tmp_path / language, {"rolebook.yaml": f"language: {language}\n", **specs})
        result = run_rolebook("build", "--kind", "handbook", "--format", "html", cwd=root)
        assert result.returncode == 0, result.stderr
        page = (root / "build" / "handbook.html").read_text(encoding="utf-8")
        assert chart in page and other not in page, language
        assert ("colors mark" in page) == (language == "en-US")
