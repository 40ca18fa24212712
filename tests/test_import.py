"""`rolebook import` on documents made the ways people make them, written here by the tests: a Chinese Word
岗位说明书 with direct formatting and borderless tables, an English HTML page, Markdown, a PDF printed by
LibreOffice, KPI sheets in Excel (merged dimension cells, fractions) and CSV; rolebook's own job
description back; bad files refused with nothing written."""

import json
import re
import zipfile

import docx
import openpyxl
import pytest
import yaml
from docx.shared import Pt

from rolebook.importers.readers import NUMBERED

from clients import to_pdf
from conftest import REPO, copy_project, run_rolebook, write_files


@pytest.fixture
def project(tmp_path):
    return write_files(tmp_path / "hr", {"rolebook.yaml": "language: en\n", "role_specs/.keep": ""})


def bold(document, text, size=None):
    run = document.add_paragraph().add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)


def table(document, rows):
    made = document.add_table(rows=len(rows), cols=len(rows[0]))  # no style: no borders
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            made.cell(r, c).text = text


def chinese_word_jd(path):
    """A 岗位说明书 as an HR specialist types it: bold lines for headings, numbers typed by hand."""
    document = docx.Document()
    bold(document, "仓库主管岗位说明书", 16)
    table(document, [["岗位名称", "仓库主管", "岗位编号", "CK-02"], ["所属部门", "物流部", "直接上级", "物流经理"],
                     ["工作地点", "上海市嘉定区", "定员", "2人"], ["工作性质", "全职", "岗位职级", "S3"]])
    bold(document, "一、岗位目的")
    document.add_paragraph("负责仓库的日常管理，保证物资安全与账实相符。")
    bold(document, "二、岗位职责")
    document.add_paragraph("1. 入库管理")
    document.add_paragraph("核对到货单据与实物", style="List Bullet")
    document.add_paragraph("组织卸货与验收", style="List Bullet")
    document.add_paragraph("2. 库存盘点")
    document.add_paragraph("每月组织盘点，分析差异原因", style="List Bullet")
    bold(document, "三、任职资格")
    document.add_paragraph("学历：大专及以上学历")
    document.add_paragraph("工作经验：3年以上仓储管理经验")
    document.add_paragraph("持有叉车证者优先")
    document.add_paragraph("熟练使用办公软件，有 WMS 系统使用经验者优先")
    bold(document, "四、考核指标")
    table(document, [["考核维度", "考核指标", "权重", "目标值", "评分标准"],
                     ["运营", "库存准确率", "60%", "≥99%", "每低0.1%扣5分"],
                     ["运营", "发货及时率", "30%", "≥98%", "按比例计分"],
                     ["安全", "安全事故次数", "10%", "≤0次", "发生即不得分"]])
    document.add_paragraph("备注：本说明书每年修订一次。")
    document.save(path)
    return path


def texts_of(path):
    """Every paragraph and table cell of a Word document."""
    document = docx.Document(path)
    found = [p.text for p in document.paragraphs]
    found += [cell.text for t in document.tables for row in t.rows for cell in row.cells]
    return [text.strip() for text in found if text.strip()]


def imported(project, *args):
    result = run_rolebook("import", *args, cwd=project)
    assert result.returncode == 0, result.stderr
    return result


def test_a_chinese_word_jd_imports_each_value_into_its_field(project, tmp_path):
    source = chinese_word_jd(tmp_path / "仓库主管.docx")
    result = imported(project, str(source))
    spec_file = project / "role_specs" / "cangku-zhuguan.yaml"
    assert "cangku-zhuguan.yaml" in result.stdout
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
    assert (spec["title"], spec["code"], spec["department"], spec["location"], spec["headcount"],
            spec["employment_type"], spec["grade"]) == ("仓库主管", "CK-02", "物流部", "上海市嘉定区", 2, "full-time", "S3")
    assert spec["summary"] == "负责仓库的日常管理，保证物资安全与账实相符。"
    assert [(d["title"], d.get("daily_tasks")) for d in spec["duties"]] == [
        ("入库管理", ["核对到货单据与实物", "组织卸货与验收"]), ("库存盘点", ["每月组织盘点，分析差异原因"])]
    requirements = spec["requirements"]
    assert requirements["education"] == "大专及以上学历" and requirements["experience"] == "3年以上仓储管理经验"
    assert {"name": "持有叉车证者优先", "desirable": True} in requirements["skills"]
    # one line, two clauses: only the one that says 优先 is desirable
    assert "熟练使用办公软件" in requirements["skills"]
    assert {"name": "有 WMS 系统使用经验者优先", "desirable": True} in requirements["skills"]
    kpis = {k["name"]: k for d in spec["assessment"]["dimensions"] for k in d["kpis"]}
    assert [d["name"] for d in spec["assessment"]["dimensions"]] == ["运营", "安全"]
    assert (kpis["库存准确率"]["weight"], kpis["库存准确率"]["target"], kpis["库存准确率"]["unit"]) == (60, 99, "%")
    assert kpis["安全事故次数"]["direction"] == "lower" and kpis["安全事故次数"]["unit"] == "次"
    assert "每低0.1%扣5分" in kpis["库存准确率"]["definition"]
    # nothing lost: every paragraph and cell of the document is in the spec file (in a field or kept as written)
    text = spec_file.read_text(encoding="utf-8")
    flat = re.sub(r"\s+", "", text)
    for piece in texts_of(source):
        # a list's own numbers (1. 一、) are its order, which the spec keeps as the order of its items; a label
        # (学历：…) is named among the document's labels, its value is in the field
        for part in re.split(r"[:：]", NUMBERED.sub("", piece, count=1), maxsplit=1):
            number = re.fullmatch(r"\s*[≥≤<>]?\s*(\d+(?:\.\d+)?)\s*\S{0,2}\s*", part)  # 60% → weight: 60
            if number:
                assert number.group(1) in flat, piece
                continue
            for clause in re.split(r"[，；;、]", part):  # a line of several requirements: several items
                assert re.sub(r"\s+", "", clause) in flat, piece
    assert "物流经理" in text and "备注：本说明书每年修订一次。" in text  # kept as written, at the end
    check = run_rolebook("validate", cwd=project)
    assert check.returncode == 0, check.stdout


def test_an_english_html_page_and_markdown_import(project, tmp_path):
    page = tmp_path / "account-manager.html"
    page.write_text("""<!DOCTYPE html><html><head><title>Careers</title><script>track()</script></head><body>
<nav><a href="/">Home</a></nav><h1>Job description: Account Manager</h1>
<table><tr><th>Department</th><td>Sales</td><th>Location</th><td>Leeds</td></tr>
<tr><th>Reports to</th><td>Sales Director</td><th>Headcount</th><td>3</td></tr></table>
<h2>Purpose</h2><p>Grows and keeps a book of key accounts.</p>
<h2>Key responsibilities</h2><ol><li>Manage key accounts<ul><li>Review the pipeline weekly</li>
<li>Visit each key account every quarter</li></ul></li><li>Forecast revenue</li></ol>
<h2>Person specification</h2><ul><li>Education: degree in business or similar</li>
<li>Experience: 5 years in account management</li><li>Salesforce experience is a plus</li></ul>
</body></html>""", encoding="utf-8")
    imported(project, str(page), "--id", "account-manager")
    spec = yaml.safe_load((project / "role_specs" / "account-manager.yaml").read_text(encoding="utf-8"))
    assert (spec["title"], spec["department"], spec["location"], spec["headcount"]) == \
        ("Account Manager", "Sales", "Leeds", 3)
    assert spec["duties"][0] == {"title": "Manage key accounts", "daily_tasks": ["Review the pipeline weekly",
                                                                                   "Visit each key account every quarter"]}
    assert spec["duties"][1]["title"] == "Forecast revenue"
    assert spec["requirements"]["experience"] == "5 years in account management"
    assert {"name": "Salesforce experience is a plus", "desirable": True} in spec["requirements"]["skills"]
    assert "track()" not in (project / "role_specs" / "account-manager.yaml").read_text()
    markdown = tmp_path / "cashier.md"
    markdown.write_text("# 出纳岗位说明书\n\n## 岗位职责\n\n1. 现金收付\n   - 办理现金收付业务\n2. 银行结算\n\n"
                        "## 任职要求\n\n- 学历：大专及以上\n", encoding="utf-8")
    imported(project, str(markdown), "--id", "cashier")
    spec = yaml.safe_load((project / "role_specs" / "cashier.yaml").read_text(encoding="utf-8"))
    assert spec["title"] == "出纳" and spec["duties"][0] == {"title": "现金收付", "daily_tasks": ["办理现金收付业务"]}
    assert spec["requirements"]["education"] == "大专及以上"
    assert run_rolebook("validate", cwd=project).returncode == 0


def test_a_pdf_printed_by_libreoffice_imports(project, tmp_path):
    source = chinese_word_jd(tmp_path / "cangku.docx")
    (pdf,) = to_pdf(source, outdir=tmp_path)
    imported(project, str(pdf), "--id", "cangku-pdf")
    text = (project / "role_specs" / "cangku-pdf.yaml").read_text(encoding="utf-8")
    for value in ("入库管理", "核对到货单据与实物", "大专及以上学历", "库存准确率"):
        assert value in text
    assert run_rolebook("validate", cwd=project).returncode == 0


def test_kpi_sheets_with_merged_dimensions_and_fractions(project, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "考核表"
    for row in [["考核维度", "考核指标", "权重", "目标值", "合格", "优秀", "数据来源"],
                ["业绩", "销售额达成率", 0.5, "100%", "≥90%", "≥105%", "CRM"],
                [None, "回款率", 0.3, "95%", "≥90%", "≥98%", "财务报表"],
                ["服务", "客户投诉处理时长", 0.2, "≤4小时", "≤8小时", "≤2小时", "客服系统"]]:
        sheet.append(row)
    sheet.merge_cells("A2:A3")
    book.save(tmp_path / "kpi.xlsx")
    imported(project, str(tmp_path / "kpi.xlsx"), "--id", "sales-kpis")
    spec = yaml.safe_load((project / "role_specs" / "sales-kpis.yaml").read_text(encoding="utf-8"))
    dimensions = spec["assessment"]["dimensions"]
    assert [(d["name"], [k["name"] for k in d["kpis"]]) for d in dimensions] == [
        ("业绩", ["销售额达成率", "回款率"]), ("服务", ["客户投诉处理时长"])]
    handling = dimensions[1]["kpis"][0]
    assert (handling["weight"], handling["direction"], handling["unit"], handling["thresholds"]) == \
        (20, "lower", "小时", {"pass": 8, "excellent": 2})
    assert dimensions[0]["kpis"][0]["weight"] == 50 and dimensions[0]["kpis"][0]["source"] == "CRM"
    assert "待填写" in spec["title"] and "待填写" in spec["duties"][0]["title"]
    check = run_rolebook("validate", cwd=project)
    assert check.returncode == 0 and "warning[placeholder]" in check.stdout  # what is left to do
    assert run_rolebook("validate", "--strict", cwd=project).returncode == 1
    (tmp_path / "kpi.csv").write_text("指标名称,权重,目标值\n准时率,100,≥95%\n", encoding="utf-8")
    imported(project, str(tmp_path / "kpi.csv"), "--id", "csv-kpis")
    spec = yaml.safe_load((project / "role_specs" / "csv-kpis.yaml").read_text(encoding="utf-8"))
    assert spec["assessment"]["dimensions"][0]["kpis"][0] == {"id": "zhunshi-lv", "name": "准时率", "weight": 100,
                                                              "target": 95, "unit": "%"}


def test_rolebooks_own_job_description_comes_back_from_word_html_and_pdf(tmp_path):
    """At least 95 % of the values a printed job description shows come back into fields of the spec."""
    from clients import pdf_text
    from rolebook.project import load_project

    example = copy_project(REPO, tmp_path / "example")
    assert run_rolebook("build", "--kind", "jd", cwd=example).returncode == 0
    role = load_project(example).roles["sales-manager"]
    folder = example / "build" / "jd"
    (pdf,) = to_pdf(folder / "sales-manager.docx", outdir=tmp_path)
    shown = {"docx": re.sub(r"<[^>]+>", "", zipfile.ZipFile(folder / "sales-manager.docx").read("word/document.xml")
                            .decode("utf-8")),
             # the page's text: not its script or stylesheet, whose "#a1151a" would count a score 115 as shown
             "html": re.sub(r"<[^>]+>", "", re.sub(r"(?s)<(script|style).*?</\1>", "", (folder / "sales-manager.html")
                                                  .read_text(encoding="utf-8"))),
             "pdf": pdf_text(pdf)}
    for kind, source in (("docx", folder / "sales-manager.docx"), ("html", folder / "sales-manager.html"),
                         ("pdf", pdf)):
        imported(example, str(source), "--id", f"round-trip-{kind}")
        spec = example / "role_specs" / f"round-trip-{kind}.yaml"
        body = "\n".join(line for line in spec.read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith("#"))  # in fields, not in the kept comments
        printed = _plain(shown[kind])
        values = [v for v in _values(role.model_dump(by_alias=True, exclude_none=True)) if _plain(v) in printed]
        missing = [v for v in values if _plain(v) not in _plain(body)]
        assert len(values) > 100 and 1 - len(missing) / len(values) >= 0.95, (kind, len(missing), "|".join(missing))
        spec.unlink()  # each on its own: three copies would define the glossary's terms three times


SKIPPED = {"id", "version", "status", "effective", "owner", "language", "extends", "abstract", "use", "changes",
           "signatures", "reports_to", "direction", "type", "external", "desirable"}


def _values(value, key=None):
    if key in SKIPPED:
        return
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _values(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _values(v, key)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield f"{value:g}"
    elif isinstance(value, str) and value.strip():
        yield value


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"[*`_]", "", text))


@pytest.mark.parametrize("name, content, message", [
    ("jd.doc", b"x", "rolebook imports .docx"),
    ("jd.docx", b"this is not a Word file", "not a Word file"),
    ("jd.docx", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "password-protected or an old-format"),
    ("jd.pdf", b"%PDF-1.4 nothing", "PDF"),
    ("jd.txt", b"", "the file is empty"),
    ("kpi.xlsx", b"PK\x03\x04broken", "Excel"),
    ("kpi.csv", "姓名,部门\n张三,销售部\n".encode(), "no KPI table found"),
])
def test_bad_files_are_refused_with_nothing_written(project, tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    result = run_rolebook("import", str(tmp_path / name), "--id", "x", cwd=project)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not (project / "role_specs" / "x.yaml").exists()


def test_an_existing_spec_is_never_overwritten_and_dry_run_writes_nothing(project, tmp_path):
    source = chinese_word_jd(tmp_path / "cangku.docx")
    dry = run_rolebook("import", str(source), "--dry-run", "--format", "json", cwd=project)
    assert dry.returncode == 0 and not (project / "role_specs" / "cangku-zhuguan.yaml").exists()
    summary = json.loads(dry.stdout)[0]
    assert summary["id"] == "cangku-zhuguan" and "title" in summary["placed"] and summary["unplaced"] >= 1
    imported(project, str(source))
    before = (project / "role_specs" / "cangku-zhuguan.yaml").read_bytes()
    again = run_rolebook("import", str(source), cwd=project)
    assert again.returncode == 1 and "never overwrites" in again.stderr
    assert (project / "role_specs" / "cangku-zhuguan.yaml").read_bytes() == before


def test_a_workbook_of_one_sheet_a_role_gives_one_spec_a_sheet(project, tmp_path):
    book = openpyxl.Workbook()
    for number, (title, kpi) in enumerate((("仓库主管", "库存准确率"), ("出纳", "差错次数"))):
        sheet = book.active if number == 0 else book.create_sheet()
        sheet.title = title
        sheet.append(["考核指标", "权重", "目标值"])
        sheet.append([kpi, "100%", "≤1次" if kpi == "差错次数" else "≥99%"])
    book.save(tmp_path / "kpis.xlsx")
    result = imported(project, str(tmp_path / "kpis.xlsx"))
    assert "cangku-zhuguan.yaml" in result.stdout and "chuna.yaml" in result.stdout
    cashier = yaml.safe_load((project / "role_specs" / "chuna.yaml").read_text(encoding="utf-8"))
    assert cashier["title"] == "出纳"
    assert cashier["assessment"]["dimensions"][0]["kpis"][0]["direction"] == "lower"
    assert run_rolebook("validate", cwd=project).returncode == 0


def test_a_kpi_sheets_directions_come_from_its_values_and_words_without_a_number_are_kept(project, tmp_path):
    """A sheet with no direction column: 0次 alone is lower-is-better (at least 0 would score every result full
    marks), a pass above the excellent is too, ≤预算 says lower and, having no number, lands in the closing
    comment instead of vanishing."""
    (tmp_path / "kpi.csv").write_text("考核指标,权重,目标值,合格,优秀\n"
                                      "销售额达成率,40%,≥100%,90%,110%\n"
                                      "费用控制,20%,≤预算,,\n"
                                      "客户投诉,10%,0次,,\n"
                                      "回款天数,20%,,60,30\n"
                                      "投诉处理时效,10%,24小时,48小时,\n", encoding="utf-8")
    result = imported(project, str(tmp_path / "kpi.csv"), "--id", "xs")
    assert "kept as written at the end of the file: 1 block(s)" in result.stdout
    text = (project / "role_specs" / "xs.yaml").read_text(encoding="utf-8")
    kpis = {kpi["name"]: kpi for kpi in yaml.safe_load(text)["assessment"]["dimensions"][0]["kpis"]}
    names = ("销售额达成率", "费用控制", "客户投诉", "回款天数", "投诉处理时效")  # the last: pass above its target
    assert [kpis[name].get("direction", "higher") for name in names] == ["higher", "lower", "lower", "lower", "lower"]
    assert "target" not in kpis["费用控制"] and "#   费用控制 | 目标值：≤预算" in text
    assert run_rolebook("validate", cwd=project).returncode == 0


@pytest.mark.parametrize("text, salary", [
    ("15000–25000 元/月", (15000, 25000, "CNY", "month")), ("8000-12000元", (8000, 12000, "CNY", "month")),
    ("20-30万/年", (200000, 300000, "CNY", "year")), ("9000～14000 人民幣/月", (9000, 14000, "CNY", "month")),
    ("6,000–10,000 CNY per month", (6000, 10000, "CNY", "month")), ("30 – 45 USD per hour", (30, 45, "USD", "hour")),
    ("$19–$23 per hour", (19, 23, "USD", "hour")), ("£62,000–£75,000 per year", (62000, 75000, "GBP", "year")),
    ("面议", None), ("8k-12k", None), ("100-80 元/月", None), ("6000–10000 元/月（不含提成）", None)])
def test_a_pay_range_is_read_as_documents_write_it(text, salary):
    """What rolebook prints (元/月, CNY per month) and what clerks type (20-30万/年) becomes salary; what it
    cannot read whole (面议, no currency, a note after it) is left to the closing comment."""
    from rolebook.importers.recognise import _salary

    found = _salary(text)
    assert (tuple(found.values()) if found else None) == salary


def test_a_qualitative_kpi_row_imports_as_levels(project, tmp_path):
    """rolebook's own KPI table prints a qualitative KPI as 定性评价 | 合格 | 优秀: a KPI rated by levels, the
    best first, not a target of words left in a comment."""
    (tmp_path / "kpi.csv").write_text("考核指标,权重,目标值,合格,优秀\n销售额达成率,80%,100%,90%,110%\n"
                                      "团队协作,20%,定性评价,合格,优秀\n", encoding="utf-8")
    result = imported(project, str(tmp_path / "kpi.csv"), "--id", "xs")
    assert "kept as written" not in result.stdout
    spec = yaml.safe_load((project / "role_specs" / "xs.yaml").read_text(encoding="utf-8"))
    kpi = spec["assessment"]["dimensions"][0]["kpis"][1]
    assert kpi["type"] == "qualitative" and kpi["criteria"] == [{"level": "优秀"}, {"level": "合格"}]
    assert "target" not in kpi and "thresholds" not in kpi
    assert run_rolebook("validate", cwd=project).returncode == 0


def test_a_relationship_table_imports_each_partner_inside_or_outside(project, tmp_path):
    """工作关系 as a table, the category on its first row only (as rolebook prints it): every row a partner
    with its purpose, the outside ones marked external."""
    document = docx.Document()
    document.add_heading("客服专员岗位说明书", 1)
    document.add_heading("岗位职责", 2)
    document.add_paragraph("1. 受理客户咨询")
    document.add_heading("工作关系", 2)
    table(document, [["关系类别", "联系对象", "工作内容"], ["内部工作关系", "销售部、技术部", "转交客户需求"],
                     ["", "财务部", "退款审核"], ["", "产品部、技术支持部、市场部、客服部", "协同解决售后问题"],
                     ["外部工作关系", "客户", "解答咨询与投诉"]])
    document.save(tmp_path / "客服专员.docx")
    imported(project, str(tmp_path / "客服专员.docx"), "--id", "kefu")
    text = (project / "role_specs" / "kefu.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)
    found = [(c["with"], c.get("purpose"), c.get("external", False)) for c in spec["duties"][0]["collaboration"]]
    assert found == [(["销售部", "技术部"], "转交客户需求", False), (["财务部"], "退款审核", False),
                     (["产品部", "技术支持部", "市场部", "客服部"], "协同解决售后问题", False),  # 17 characters of names
                     (["客户"], "解答咨询与投诉", True)]
    assert "关系类别 | 联系对象" not in text  # the header row is no unplaced text


def test_rolebooks_own_kpi_workbook_comes_back(tmp_path):
    """The appraisal workbook rolebook writes imports back: each KPI with its weight, target, thresholds and
    direction, and the title from the workbook's own heading."""
    from rolebook.project import load_project

    example = copy_project(REPO, tmp_path / "example")
    assert run_rolebook("build", "--kind", "workbook", "--role", "sales-manager", cwd=example).returncode == 0
    imported(example, str(example / "build" / "workbooks" / "sales-manager.xlsx"), "--id", "from-workbook")
    spec = yaml.safe_load((example / "role_specs" / "from-workbook.yaml").read_text(encoding="utf-8"))
    assert spec["title"] == "销售经理"
    back = {k["name"]: k for d in spec["assessment"]["dimensions"] for k in d["kpis"]}
    original = load_project(example).roles["sales-manager"].kpis()
    assert len(back) == len(original)
    for kpi in original:
        got = back[kpi.name]
        assert got["weight"] == kpi.weight and got.get("direction", "higher") == kpi.direction, kpi.name
        if kpi.target is not None:
            assert got["target"] == kpi.target, kpi.name
        if kpi.thresholds and kpi.thresholds.pass_ is not None:
            assert got["thresholds"]["pass"] == kpi.thresholds.pass_, kpi.name


def test_an_english_jd_converted_by_pandoc_imports(project, tmp_path):
    """pandoc writes Word with heading styles, real list numbering and a table style: a Word file as tools
    other than Word make it (the Markdown it is made from is tests/data/pandoc-jd.md)."""
    import subprocess

    from clients import need

    source = tmp_path / "csm.docx"
    subprocess.run([need("pandoc"), str(REPO / "tests" / "data" / "pandoc-jd.md"), "-o", str(source)], check=True)
    imported(project, str(source), "--id", "csm")
    spec = yaml.safe_load((project / "role_specs" / "csm.yaml").read_text(encoding="utf-8"))
    assert (spec["title"], spec["department"], spec["location"], spec["employment_type"]) == \
        ("Customer Success Manager", "Customer Success", "Berlin", "full-time")
    assert spec["summary"] == "Keeps our customers successful and renewing."
    assert [d["title"] for d in spec["duties"]] == ["Onboard new customers", "Grow adoption"]
    assert spec["duties"][0]["daily_tasks"] == ["Run the kickoff call within a week of signature",
                                                "Agree the success plan"]
    assert {"name": "German is a plus", "desirable": True} in spec["requirements"]["skills"]
    kpis = {k["name"]: k for d in spec["assessment"]["dimensions"] for k in d["kpis"]}
    assert kpis["Time to first value"]["direction"] == "lower" and kpis["Time to first value"]["unit"] == "days"
    assert kpis["Net revenue retention"]["thresholds"] == {"pass": 100, "excellent": 110}
    assert run_rolebook("validate", cwd=project).returncode == 0


def test_rolebooks_own_blank_form_comes_back(tmp_path):
    """A blank appraisal form imports back with its dimensions (merged down their KPIs in Word) and each
    KPI's weight, direction, formula and data source."""
    from rolebook.project import load_project

    example = copy_project(REPO, tmp_path / "example")
    assert run_rolebook("build", "--kind", "form", "--role", "sales-manager", "--format", "docx",
                        cwd=example).returncode == 0
    imported(example, str(example / "build" / "forms" / "sales-manager.docx"), "--id", "from-form")
    spec = yaml.safe_load((example / "role_specs" / "from-form.yaml").read_text(encoding="utf-8"))
    original = load_project(example).roles["sales-manager"]
    assert [d["name"] for d in spec["assessment"]["dimensions"]] == [d.name for d in original.assessment.dimensions]
    back = {k["name"]: k for d in spec["assessment"]["dimensions"] for k in d["kpis"]}
    for kpi in original.kpis():
        assert (back[kpi.name]["weight"], back[kpi.name].get("direction", "higher")) == (kpi.weight, kpi.direction)
        if kpi.source:
            assert back[kpi.name]["source"] == kpi.source, kpi.name


def test_xml_entities_in_a_package_are_refused(project, tmp_path):
    source = chinese_word_jd(tmp_path / "jd.docx")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(bomb, "w") as out:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>', 1)
            out.writestr(item, data)
    result = run_rolebook("import", str(bomb), "--id", "bomb", cwd=project)
    assert result.returncode == 1 and "declares XML entities" in result.stderr
    assert not (project / "role_specs" / "bomb.yaml").exists()



def test_a_desirable_experience_line_becomes_a_desirable_skill_not_the_experience_required(project, tmp_path):
    """"有 CRM 使用经验者优先" names experience, but the experience field is one text the job description lists
    among the essentials: with nothing else to say of experience it went there, and the JD showed an 优先
    item as a must-have. A desirable line goes to the skills, which can be marked desirable."""
    document = docx.Document()
    bold(document, "客服专员岗位说明书", 16)
    table(document, [["岗位名称", "客服专员", "所属部门", "客服部"]])
    bold(document, "任职资格")
    document.add_paragraph("学历：大专及以上")
    document.add_paragraph("熟练使用办公软件，有 CRM 使用经验者优先")
    source = tmp_path / "客服专员.docx"
    document.save(source)
    imported(project, str(source))
    spec = yaml.safe_load(next((project / "role_specs").glob("*.yaml")).read_text(encoding="utf-8"))
    requirements = spec["requirements"]
    assert "experience" not in requirements and requirements["education"] == "大专及以上"
    assert requirements["skills"] == ["熟练使用办公软件", {"name": "有 CRM 使用经验者优先", "desirable": True}]
    assert run_rolebook("validate", cwd=project).returncode == 0


def test_a_requirement_line_of_several_fields_goes_to_each(project, tmp_path):
    """"3年以上电话销售经验，普通话标准" is the experience and a language (普通话标准 was filed as experience,
    and the JD listed it under 工作经验); a line whose clauses do not each name a field stays one text."""
    document = docx.Document()
    bold(document, "电话销售专员岗位说明书", 16)
    bold(document, "任职资格")
    document.add_paragraph("1. 3年以上电话销售经验，普通话标准；")
    document.add_paragraph("2. 本科及以上学历，市场营销相关专业；")
    document.add_paragraph("3. 熟悉销售流程，能承受较大工作压力。")
    source = tmp_path / "电话销售专员.docx"
    document.save(source)
    imported(project, str(source), "--id", "telesales")
    spec = yaml.safe_load((project / "role_specs" / "telesales.yaml").read_text(encoding="utf-8"))
    requirements = spec["requirements"]
    assert (requirements["experience"], requirements["languages"]) == ("3年以上电话销售经验", ["普通话标准"])
    assert (requirements["education"], requirements["major"]) == ("本科及以上学历", "市场营销相关专业")
    assert requirements["skills"] == ["熟悉销售流程，能承受较大工作压力"]
    assert run_rolebook("validate", cwd=project).returncode == 0


def test_a_word_file_typed_with_numbered_section_lines_and_list_styles(project, tmp_path):
    """As a clerk types one: the sections as plain numbered lines (二、岗位职责), duties in Word's List Number
    with their tasks in List Bullet 2, requirement lines ending in ；/。. The sections are found (they were
    all left as comments), the tasks stay under their duty (they became duties), the punctuation goes."""
    document = docx.Document()
    document.add_paragraph("仓库主管岗位说明书", style="Title")
    table(document, [["岗位名称", "仓库主管", "所属部门", "物流部"]])
    document.add_paragraph("二、岗位职责")
    for duty, tasks in [("负责仓库日常运营管理；", ["组织货物的收发与盘点", "监督出入库单据"]),
                        ("负责库存控制。", ["定期盘点，确保账实相符"])]:  # a duty's title drops the list's mark
        document.add_paragraph(duty, style="List Number")
        for task in tasks:
            document.add_paragraph(task, style="List Bullet 2")
    document.add_paragraph("三、任职资格")
    document.add_paragraph("1. 大专及以上学历，物流管理相关专业；")
    document.add_paragraph("2. 持有叉车操作证者优先。")
    document.add_paragraph("五、维护内外部工作关系")  # only contains a section's name: no section
    source = tmp_path / "仓库主管.docx"
    document.save(source)
    imported(project, str(source))
    spec = yaml.safe_load(next((project / "role_specs").glob("*.yaml")).read_text(encoding="utf-8"))
    assert [(d["title"], d.get("daily_tasks")) for d in spec["duties"]] == [
        ("负责仓库日常运营管理", ["组织货物的收发与盘点", "监督出入库单据"]), ("负责库存控制", ["定期盘点，确保账实相符"])]
    requirements = spec["requirements"]
    assert (requirements["education"], requirements["major"]) == ("大专及以上学历", "物流管理相关专业")
    assert {"name": "持有叉车操作证者优先", "desirable": True} in requirements["skills"]
    assert "relationships" not in spec and "维护内外部工作关系" in str(requirements["skills"])
    assert run_rolebook("validate", cwd=project).returncode == 0


def test_a_document_in_traditional_characters_gets_traditional_placeholders(project, tmp_path):
    """A Taiwanese clerk's file: what rolebook writes around its values (the head comment, the placeholders)
    is in traditional characters too, not 待填写：第一项岗位职责."""
    from rolebook.spec.languages import convert

    source = tmp_path / "倉庫主管.md"
    source.write_text("# 倉庫主管職位說明書\n\n## 任職要求\n\n- 學歷：大專以上\n- 三年以上倉儲管理經驗\n",
                      encoding="utf-8")
    imported(project, str(source), "--id", "cangku")
    text = (project / "role_specs" / "cangku.yaml").read_text(encoding="utf-8")
    assert "待填寫：第一項職位職責" in text and "請核對每個值" in text
    assert convert("s2tw", text) == text


def test_a_bare_yuan_is_the_projects_own_dollar(tmp_path):
    """元 in a traditional document is Taiwan's dollar, but a Hong Kong project's is the Hong Kong dollar (it was
    read as NT$) and a Macau one's the pataca; 港元 and HK$ read as HKD wherever they are written."""
    import yaml

    document = "# 倉庫主管\n\n- 職位名稱：倉庫主管\n- 薪資範圍：{pay}\n\n## 任職要求\n\n- 學歷：大專以上\n"
    for language, pay, currency in (("zh-HK", "18,000–24,000 元/月", "HKD"), ("zh-MO", "18,000–24,000 元/月", "MOP"),
                                    ("zh-TW", "18,000–24,000 元/月", "TWD"), ("zh-TW", "18,000–24,000 港元/月", "HKD")):
        root = write_files(tmp_path / f"{language}-{currency}", {"rolebook.yaml": f"language: {language}\n",
                                                                 "role_specs/.keep": ""})
        source = root / "倉庫主管.md"
        source.write_text(document.format(pay=pay), encoding="utf-8")
        imported(root, str(source), "--id", "cangku")
        spec = yaml.safe_load((root / "role_specs" / "cangku.yaml").read_text(encoding="utf-8"))
        assert spec["salary"] == {"min": 18000, "max": 24000, "currency": currency, "period": "month"}, language


def test_an_html_tables_rowspan_reads_as_a_word_tables_merged_cell():
    """A dimension spanning its KPIs (rowspan) leaves an empty cell in its column below, as Word's w:vMerge
    reads; leaving it out shifted every later cell one column to the left."""
    import lxml.html

    from rolebook.importers.readers import _html_rows

    table = lxml.html.fragment_fromstring(
        '<table><tr><th>维度</th><th>指标</th><th>权重</th></tr>'
        '<tr><td rowspan="3">销售业绩</td><td>销售额</td><td>40%</td></tr><tr><td>回款</td><td>20%</td></tr>'
        '<tr><td>新客户</td><td>10%</td></tr><tr><td>团队</td><td>培养</td><td rowspan="99999999">30%</td></tr>'
        '<tr><td>协作</td><td>x</td></tr><tr><td rowspan="zz">A</td><td>B</td><td>C</td></tr></table>')
    assert _html_rows(table) == [["维度", "指标", "权重"], ["销售业绩", "销售额", "40%"], ["", "回款", "20%"],
                                 ["", "新客户", "10%"], ["团队", "培养", "30%"], ["协作", "x", ""],
                                 ["A", "B", "", "C"]]  # column 3 still covered, as a browser lays it out


def test_a_taiwanese_job_description_comes_back_in_its_own_characters_and_currency(tmp_path):
    """A zh-TW job description (職位名稱, 交付成果, 元 as NT$) is recognised through its simplified reading and
    its values are written back as the document wrote them: a traditional document once placed only its title."""
    import yaml

    from rolebook.project import load_project

    root = tmp_path / "tw"
    assert run_rolebook("init", str(root), "--language", "zh-TW", cwd=tmp_path).returncode == 0
    assert run_rolebook("build", "--kind", "jd", "--format", "docx", cwd=root).returncode == 0
    original = load_project(root).roles["xiaoshou-daibiao"]
    imported(root, str(root / "build" / "jd" / "xiaoshou-daibiao.docx"), "--id", "back")
    text = (root / "role_specs" / "back.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)
    assert (spec["title"], spec["department"], spec["grade"]) == (original.title, original.department, original.grade)
    assert spec["salary"] == {"min": 32000, "max": 42000, "currency": "TWD", "period": "month"}  # not CNY
    assert spec["summary"] == " ".join(original.summary.split()).replace(" ", "")
    assert [d["title"] for d in spec["duties"]] == [d.title for d in original.duties]
    assert [d.get("deliverables") for d in spec["duties"]] == [d.deliverables or None for d in original.duties]
    assert [d["daily_tasks"] for d in spec["duties"]] == [d.daily_tasks for d in original.duties]
    partners = [w for d in spec["duties"] for c in d.get("collaboration", []) for w in c.get("with", [c])]
    assert not any("實線" in str(p) for p in partners)  # the diagram's caption is no partner


@pytest.mark.parametrize("shares, moved", [(("40%", "35%", "25%"), True), (("40%", "35%", "20%"), False)],
                         ids=["adding-up", "not-adding-up"])
def test_duty_titles_with_their_share_of_time(project, tmp_path, shares, moved):
    """受理客户咨询与投诉（40%）: the shares go to `share` when every duty has one and they add up to 100;
    otherwise the titles keep them, and the spec still validates (a half-moved set would fail duty-share)."""
    markdown = tmp_path / "service.md"
    markdown.write_text("# 客服专员岗位说明书\n\n## 岗位职责\n\n"
                        f"1. 受理客户咨询与投诉（{shares[0]}）\n   - 接听热线\n2. 回访客户（占{shares[1]}）\n"
                        f"3. Update the knowledge base ({shares[2]} of time)\n", encoding="utf-8")
    imported(project, str(markdown), "--id", "service")
    spec = yaml.safe_load((project / "role_specs" / "service.yaml").read_text(encoding="utf-8"))
    titles = [duty["title"] for duty in spec["duties"]]
    if moved:
        assert titles == ["受理客户咨询与投诉", "回访客户", "Update the knowledge base"]
        assert [duty["share"] for duty in spec["duties"]] == [40, 35, 25]
        assert spec["duties"][0]["daily_tasks"] == ["接听热线"]
    else:
        assert titles[0] == "受理客户咨询与投诉（40%）" and not any("share" in duty for duty in spec["duties"])
    check = run_rolebook("validate", cwd=project)
    assert check.returncode == 0, check.stdout


def test_a_hong_kong_projects_documents_name_the_taiwan_dollar_and_read_back(tmp_path):
    """A zh-HK project prints Taiwan's labels, where a bare 元 is the NT$: its documents name the New Taiwan
    dollar in full (新臺幣) and its own dollar 港元, and each comes back as the currency it was."""
    import yaml

    role = ("id: {id}\ntitle: 倉庫主管\nsalary: {{min: 18000, max: 24000, currency: {currency}, period: month}}\n"
            "duties: [{{title: 管理倉庫}}]\n")
    root = write_files(tmp_path / "hk", {"rolebook.yaml": "language: zh-Hant-HK\n",
                                         "role_specs/tw.yaml": role.format(id="tw", currency="TWD"),
                                         "role_specs/hk.yaml": role.format(id="hk", currency="HKD")})
    assert run_rolebook("build", "--kind", "jd", cwd=root).returncode == 0
    for role_id, currency, name in (("tw", "TWD", "新臺幣"), ("hk", "HKD", "港元")):
        page = (root / "build" / "jd" / f"{role_id}.html").read_text(encoding="utf-8")
        assert name in page, role_id
        imported(root, str(root / "build" / "jd" / f"{role_id}.docx"), "--id", f"{role_id}-back")
        spec = yaml.safe_load((root / "role_specs" / f"{role_id}-back.yaml").read_text(encoding="utf-8"))
        assert spec["salary"]["currency"] == currency, role_id
