"""Appraisal forms a manager can fill in and score: the KPI table, the scoring rule, the blanks and
fields, the landscape pages, in Word, LibreOffice and Chromium (a real browser fills the HTML form
and its total and grade must be the Python rule's)."""

import base64
import re
import subprocess

import pytest

from rolebook.project import load_project
from rolebook.render.ooxml import NS
from rolebook.spec.scoring import appraise, shown

from clients import browser, chromium_pdf, pdf_pages, pdf_text, schema_problems, to_pdf, xml_part
from conftest import REPO, build_copy, run_rolebook, write_files

ENGLISH = REPO / "tests" / "render_projects" / "english"
SCORED = REPO / "tests" / "render_projects" / "scored"
W = "{%s}" % NS["w"]
W14 = "{%s}" % NS["w14"]


def build_forms(source, root):
    return build_copy(source, root, "--kind", "form") / "forms"


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    return build_forms(SCORED, tmp_path_factory.mktemp("scored") / "p")


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    return build_forms(ENGLISH, tmp_path_factory.mktemp("english") / "p")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return build_forms(REPO, tmp_path_factory.mktemp("example") / "p")


def texts(element) -> str:
    return "".join(element.itertext()).replace("\u00a0", " ").replace("\u2060", "")


def form_rows(docx):
    """The KPI table's rows as lists of cell texts, with each cell element."""
    document = xml_part(docx, "word/document.xml")
    tables = document.xpath("//w:tbl[w:tblPr/w:tblStyle/@w:val='FormTable']", namespaces=NS)
    kpi_table = max(tables, key=lambda t: len(t.xpath("w:tblGrid/w:gridCol", namespaces=NS)))
    return [[(texts(c).strip(), c) for c in row.xpath("w:tc", namespaces=NS)]
            for row in kpi_table.xpath("w:tr", namespaces=NS)]


def controls(docx) -> list[tuple[str, str, str]]:
    """Every content control as (tag, kind, alias): kind is text, date or checkbox."""
    found = []
    for sdt in xml_part(docx, "word/document.xml").iter(W + "sdt"):
        properties = sdt.find(W + "sdtPr")
        kind = ("checkbox" if properties.find(W14 + "checkbox") is not None else
                "date" if properties.find(W + "date") is not None else "text")
        alias = properties.find(W + "alias")
        found.append((properties.find(W + "tag").get(W + "val"), kind,
                      alias.get(W + "val") if alias is not None else ""))
    return found


# --- the KPI table ------------------------------------------------------------------------


def test_a_column_per_rater_and_every_kpi_with_its_thresholds(scored):
    rows = form_rows(scored / "account-manager.docx")
    assert [text for text, _ in rows[0]] == ["Dimension", "KPI", "Weight", "Target", "Pass", "Excellent",
                                             "Actual result", "Self (30%)", "Supervisor (70%)", "Score",
                                             "Weighted score", "Comment"]
    body = {row[1][0].split("\n")[0]: [text for text, _ in row] for row in rows[1:-1]}
    assert len(body) == 10
    dso = next(v for k, v in body.items() if k.startswith("Days sales outstanding"))
    assert dso[2:6] == ["10%", "45 days", "≤ 60 days", "≤ 30 days"]  # lower is better
    single = next(v for k, v in body.items() if k.startswith("New accounts"))
    assert single[3:6] == ["5", "", ""]  # a single point: the target
    total = [text for text, _ in rows[-1]]
    assert total[0] == "Total" and total[2] == "100%" and total[-1] == "Final grade:"


def test_qualitative_kpis_show_levels_scores_descriptions_and_tick_boxes(scored):
    rows = form_rows(scored / "account-manager.docx")
    collaboration = next(row for row in rows if row[1][0].startswith("Collaboration"))
    kpi_cell = collaboration[1][0]
    assert "Outstanding (115 points): Leads cross-team deals" in kpi_cell and "Poor (30 points)" in kpi_cell
    assert collaboration[6][0] == "—"  # the result column: the raters' columns hold the ticks
    for text, cell in (collaboration[7], collaboration[8]):  # a level per line, never wrapped inside a name
        assert text == "☐ Outstanding☐ Good☐ Fair☐ Poor" and len(cell.findall(f".//{W}br")) == 3
    chinese = form_rows(scored / "xiaoshou-zhuguan.docx")
    teamwork = next(row for row in chinese if row[1][0].startswith("团队协作"))
    assert "优秀（115 分）：主动牵头跨部门合作" in teamwork[1][0]
    assert teamwork[6][0] == "☐ 优秀☐ 良好☐ 合格☐ 待改进"  # one rater: the ticks in the result column


UNSCORED_LEVELS = """\
id: analyst
title: 分析员
duties:
  - {id: report, title: 编写报告, daily_tasks: [收集数据]}
assessment:
  scoring: {cap: 130}
  dimensions:
    - id: output
      name: 工作成果
      kpis:
        - {id: reports, name: 报告数量, weight: 60, target: 10, thresholds: {pass: 8, excellent: 12}}
        - id: collaboration
          name: 跨部门协作
          type: qualitative
          weight: 40
          criteria:
            - {level: 优秀, description: 主动协调资源}
            - {level: 合格, description: 按要求配合}
  grades:
    - {grade: A, min: 90}
    - {grade: B, min: 0}
"""


@pytest.mark.parametrize("language, hint", [("zh-CN", "勾选等级，并在“实际完成”栏填写该等级的评分（0～130）。"),
                                            ("en", "Tick a level and write its score (0 to 130) under Actual result.")])
def test_levels_without_scores_say_what_number_to_write(tmp_path, language, hint):
    """A manager who ticks a level that has no score must know to write a number, and its range (the cap)."""
    root = write_files(tmp_path, {"rolebook.yaml": f"language: {language}\n",
                                  "role_specs/analyst.yaml": UNSCORED_LEVELS})
    result = run_rolebook("build", "--kind", "form", cwd=root)
    assert result.returncode == 0, result.stderr
    rows = form_rows(root / "build" / "forms" / "analyst.docx")
    collaboration = next(row for row in rows if row[1][0].startswith("跨部门协作"))
    assert "☐ 优秀" in collaboration[1][0] and collaboration[1][0].endswith(hint)
    html = (root / "build" / "forms" / "analyst.html").read_text(encoding="utf-8")
    assert hint in html and html.count(hint) == 1
    scored = UNSCORED_LEVELS.replace("description: 主动协调资源}", "description: 主动协调资源, score: 110}")
    scored = scored.replace("description: 按要求配合}", "description: 按要求配合, score: 80}")
    (root / "role_specs" / "analyst.yaml").write_text(scored, encoding="utf-8")
    assert run_rolebook("build", "--kind", "form", cwd=root).returncode == 0
    assert hint not in (root / "build" / "forms" / "analyst.html").read_text(encoding="utf-8")  # ticks score


def test_a_tick_box_is_joined_to_its_label(scored):
    """The box is a checkbox control, and its label follows with a no-break space: never on two lines."""
    document = xml_part(scored / "account-manager.docx", "word/document.xml")
    for sdt in document.iter(W + "sdt"):
        if sdt.find(f"{W}sdtPr/{W14}checkbox") is not None and sdt.getnext() is not None \
                and sdt.getnext().tag == W + "r":
            assert "".join(sdt.getnext().itertext()).startswith("\u00a0")


def test_the_form_says_how_it_is_scored_with_the_roles_numbers(scored, tmp_path):
    english = texts(xml_part(scored / "account-manager.docx", "word/document.xml"))
    assert ("a result at pass scores 60, at target 100, at excellent 120, in proportion between them" in english
            and "worse than pass scores 0; no KPI scores more than 120" in english)
    assert "Weighted score = score × weight" in english
    assert "beyond excellent" not in english  # the cap is the excellent points: the line never goes beyond
    assert "Qualitative KPIs are rated by Self (30%), Supervisor (70%)" in english
    spec = (SCORED / "role_specs" / "account-manager.yaml").read_text()
    spec = spec.replace("  raters:", "  scoring:\n    points: {pass: 70, target: 100, excellent: 110}\n"
                                      "    below_pass: 20\n    cap: 130\n  raters:")
    root = write_files(tmp_path, {"role_specs/account-manager.yaml": spec})
    assert run_rolebook("build", "--kind", "form", "--format", "docx", cwd=root).returncode == 0
    own = texts(xml_part(root / "build" / "forms" / "account-manager.docx", "word/document.xml"))
    assert "at pass scores 70, at target 100, at excellent 110" in own and "scores 20; no KPI scores more than 130" in own
    assert "in proportion between them (and beyond excellent at the same rate)" in own  # room above 110


def test_grade_opinion_comments_and_signatures(scored, example):
    english = texts(xml_part(scored / "account-manager.docx", "word/document.xml"))
    for band in ("total ≥ 90", "75 ≤ total < 90", "60 ≤ total < 75", "total < 60"):
        assert band in english
    for part in ("Final grade", "Supervisor's overall comments", "Appraisal interview record",
                 "Goals for the next period", "Improvement plan", "Employee's opinion",
                 "☐ I agree with this appraisal", "☐ I disagree", "Write to HR within five working days"):
        assert part in english
    for seed in example.glob("*.docx"):  # the seed roles' forms ask the employee's opinion
        chinese = texts(xml_part(seed, "word/document.xml"))
        assert "被考核人意见" in chinese and "☐ 同意" in chinese and "☐ 不同意" in chinese
        assert re.search(r"（\d+%）", chinese) and not re.search(r"[\u4e00-\u9fff] \(\d+%\)", chinese)
        assert "直接上级综合评语" in chinese and "下期工作目标" in chinese and "最终等级" in chinese


def test_signature_lines_have_blank_names_and_date_fields(scored):
    found = controls(scored / "account-manager.docx")
    assert [(tag, kind) for tag, kind, _ in found if tag.startswith("signed-")] == [
        ("signed-1", "date"), ("signed-2", "date"), ("signed-3", "date")]
    header = texts(xml_part(scored / "account-manager.docx", "word/document.xml"))
    assert "Supervisor" in header and "Account Manager" in header  # the position is filled in, not the names


@pytest.mark.parametrize("period, language, blank", [
    ("monthly", "zh-CN", "______ 年 ____ 月"),
    ("semiannual", "zh-CN", "☐ 上半年 ☐ 下半年"),
    ("annual", "en", "Year ________"),
    ("quarterly", "zh-TW", "______ 年 第 ____ 季"),
])
def test_period_blanks_follow_the_appraisal_period(tmp_path, period, language, blank):
    spec = (ENGLISH / "role_specs" / "sales-lead.yaml").read_text().replace("period: quarterly", f"period: {period}")
    root = write_files(tmp_path, {"rolebook.yaml": f"language: {language}\n", "role_specs/sales-lead.yaml": spec})
    assert run_rolebook("build", "--kind", "form", cwd=root).returncode == 0
    page = (root / "build" / "forms" / "sales-lead.html").read_text(encoding="utf-8")
    assert re.search(f'placeholder="[^"]*{re.escape(blank)}', page)
    assert blank in texts(xml_part(root / "build" / "forms" / "sales-lead.docx", "word/document.xml"))


def test_overridden_library_thresholds_are_the_roles(example):
    rows = form_rows(example / "sales-manager.docx")
    new_customers = next(row for row in rows if row[1][0].startswith("新客户开发"))
    assert [text for text, _ in new_customers][3:6] == ["30 家", "≥ 24 家", "≥ 36 家"]  # library: 10, 8, 12


# --- fillable in Word -----------------------------------------------------------------------


def test_word_fields_are_content_controls_found_by_their_tags(scored):
    found = controls(scored / "account-manager.docx")
    kinds = {(tag, kind) for tag, kind, _ in found}
    for tag in ("employee", "supervisor", "period", "revenue", "dso", "score-revenue", "weighted-revenue",
                "comment-revenue", "total", "grade", "overall-comment", "interview", "goals", "improvement",
                "opinion-comment"):
        assert (tag, "text") in kinds, tag
    assert ("date", "date") in kinds
    levels = sorted(alias for tag, kind, alias in found if tag == "collaboration@self" and kind == "checkbox")
    assert levels == ["Fair", "Good", "Outstanding", "Poor"]
    assert sorted(alias for tag, kind, alias in found if tag == "grade" and kind == "checkbox") == list("ABCD")
    assert sorted(alias for tag, kind, alias in found if tag == "opinion") == ["agree", "disagree"]
    ids = [sdt.find(f"{W}sdtPr/{W}id").get(W + "val")
           for sdt in xml_part(scored / "account-manager.docx", "word/document.xml").iter(W + "sdt")]
    assert len(ids) == len(set(ids))
    chinese = {tag: alias for tag, _, alias in controls(scored / "xiaoshou-zhuguan.docx")}
    assert "collaboration" in chinese and "collaboration@supervisor" not in chinese  # one rater: the KPI's id
    # a signature's date is titled as the language writes a label: 被考核人：日期, Employee: Date
    assert chinese["signed-1"].endswith("：日期") and ": " not in chinese["signed-1"]
    assert {alias for tag, _, alias in found if tag == "signed-1"} == {"Employee: Date"}


def test_a_comment_box_leaves_room_to_write_by_hand(example):
    """A printed form is filled with a pen: the employee's 意见说明 row is as tall as the template asks (two
    lines), and a body row, not a header shaded grey (it was: a pen writes badly on grey and a scan loses
    it). Three lines would push a ten-KPI form to a third page."""
    from rolebook.render.docx_tables import LINE_TWIPS

    document = xml_part(example / "sales-rep.docx", "word/document.xml")
    box = next(sdt for sdt in document.iter(W + "sdt")
               if sdt.find(f"{W}sdtPr/{W}tag").get(W + "val") == "opinion-comment")
    row = next(parent for parent in box.iterancestors() if parent.tag == W + "tr")
    height = row.find(f"{W}trPr/{W}trHeight")
    assert int(height.get(W + "val")) == 2 * LINE_TWIPS and height.get(W + "hRule") == "atLeast"
    assert row.find(f"{W}trPr/{W}tblHeader") is None and row.find(f".//{W}shd") is None
    assert row.getprevious().tag != W + "tr"  # a table of one body row: the style shades no first row
    look = row.getparent().find(f"{W}tblPr/{W}tblLook")
    assert (look.get(W + "firstRow"), look.get(W + "val")) == ("0", "0480")
    assert [texts(cell).strip() for cell in row.iterfind(W + "tc")] == ["被考核人意见", "☐ 同意 ☐ 不同意", "意见说明："]


def test_forms_pass_the_schema_check(scored, english, example):
    assert schema_problems(*scored.glob("*.docx"), *english.glob("*.docx"), *example.glob("*.docx")) == ""


def test_no_two_tables_touch_and_the_kpi_header_repeats(scored, example):
    for docx in [*scored.glob("*.docx"), *example.glob("*.docx")]:
        document = xml_part(docx, "word/document.xml")
        for table in document.iter(W + "tbl"):
            following = table.getnext()
            assert following is None or following.tag != W + "tbl", docx.name
        rows = form_rows(docx)
        first = rows[0][0][1].getparent()
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
        assert not any(row[0][1].getparent().find(f"{W}trPr/{W}tblHeader") is not None for row in rows[1:])


def test_small_tables_stay_with_their_heading_and_together(scored):
    document = xml_part(scored / "account-manager.docx", "word/document.xml")
    grade_table = next(t for t in document.iter(W + "tbl") if "Final grade" in texts(t) and "Total score" in texts(t))
    rows = grade_table.findall(W + "tr")
    for row in rows[:-1]:
        assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(W + "p"))


def test_form_text_is_at_least_9_points(scored):
    styles = xml_part(scored / "account-manager.docx", "word/styles.xml")
    for style in ("FormText", "TableText", "Note"):
        size = styles.xpath(f"//w:style[@w:styleId='{style}']/w:rPr/w:sz/@w:val", namespaces=NS)[0]
        assert int(size) >= 18, style
    page = (scored / "account-manager.html").read_text(encoding="utf-8")
    assert ".landscape table.form, .landscape table { font-size: 9pt;" in page


def test_word_form_is_a_landscape_page(scored):
    section = xml_part(scored / "account-manager.docx", "word/document.xml").xpath("//w:body/w:sectPr/w:pgSz",
                                                                                    namespaces=NS)[0]
    assert section.get(W + "orient") == "landscape" and int(section.get(W + "w")) > int(section.get(W + "h"))


# --- real clients: pages, words, and a browser filling the form ------------------------------


def landscape_pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height
    return pdf_pages(pdf)


def test_libreoffice_prints_ten_kpis_on_two_landscape_pages(scored, tmp_path):
    """In English (two raters) and in Chinese; no column heading breaks inside a word."""
    for pdf in to_pdf(scored / "account-manager.docx", scored / "xiaoshou-zhuguan.docx", outdir=tmp_path):
        assert landscape_pages(pdf) == 2, pdf.name
    lines = pdf_text(tmp_path / "account-manager.pdf").splitlines()
    for word in ("Dimension", "Weight", "Excellent", "Supervisor", "Weighted", "Comment", "Outstanding"):
        assert any(re.search(rf"(^|\s){word}", line) for line in lines), word  # whole, never "Supervi / sor"
    assert any("☐ Outstanding" in line for line in lines)  # the box on its label's line
    chinese = pdf_text(tmp_path / "xiaoshou-zhuguan.pdf")
    assert "☐ 同意" in chinese and "考核维度" in chinese and "加权得分" in chinese


def test_chromium_prints_ten_kpis_on_two_landscape_pages(scored, tmp_path):
    for name in ("account-manager", "xiaoshou-zhuguan"):
        pdf = chromium_pdf(scored / f"{name}.html", tmp_path / f"{name}.pdf")
        assert landscape_pages(pdf) == 2, name
    text = pdf_text(tmp_path / "account-manager.pdf")
    assert "Supervisor (70%)" in text and "Employee's opinion" in text


def kpis_without_their_dimension(pdf, role) -> list[str]:
    """The KPIs printed on a page that does not show their dimension: the form merges a dimension's cell
    down its KPIs, and a merged cell's text is printed once, on the group's first page."""
    found = []
    for number, page in enumerate(pdf_text(pdf).split("\f"), 1):
        flat = re.sub(r"\s+", "", page)
        found += [f"page {number}: {kpi.name} without {dimension.name}" for dimension in role.assessment.dimensions
                  for kpi in dimension.kpis if re.sub(r"\s+", "", kpi.name) in flat
                  and re.sub(r"\s+", "", dimension.name) not in flat]
    return found


def test_example_forms_in_libreoffice_and_chromium(example, tmp_path):
    forms = sorted(example.glob("*.docx"))
    roles = load_project(REPO).roles
    assert len(forms) == 3
    (tmp_path / "chromium").mkdir()
    for pdf in to_pdf(*forms, outdir=tmp_path):
        assert 1 <= pdf_pages(pdf) <= 4, pdf.name  # 12 to 15 KPIs, compound ones rated on described levels
        assert "绩效考核表" in pdf_text(pdf)
        # Chromium prints the rows a merged cell spans on one page. Word and LibreOffice split them (the
        # continued rows under an empty cell): keeping each dimension's rows together would cost a page
        # where a tall dimension no longer fits (ten KPIs on three pages), so they are left to split.
        printed = chromium_pdf(example / f"{pdf.stem}.html", tmp_path / "chromium" / pdf.name)
        assert 1 <= pdf_pages(printed) <= 4 and kpis_without_their_dimension(printed, roles[pdf.stem]) == [], printed


EMPLOYEES = [  # results as HR collects them: quantitative numbers; qualitative levels, per rater
    {"revenue": 95, "margin": 30, "dso": 40, "new-accounts": 6, "nps": 45, "churn": 4, "escalations": 2,
     "collaboration": {"self": "Good", "supervisor": "Fair"}, "ownership": {"self": "Outstanding",
                                                                           "supervisor": "Good"},
     "compliance": {"self": "Full", "supervisor": "Full"}},
    {"revenue": 80, "margin": 40, "dso": 75, "new-accounts": 4, "nps": 20, "churn": 9, "escalations": 5,
     "collaboration": {"self": "Poor", "supervisor": "Poor"}, "ownership": {"self": "Fair", "supervisor": "Fair"},
     "compliance": {"self": "Partial", "supervisor": "None"}},
    {"revenue": 130, "margin": 36, "dso": 25, "new-accounts": 5, "nps": 70, "churn": 2, "escalations": 0,
     "collaboration": {"self": "Outstanding", "supervisor": "Outstanding"},
     "ownership": {"self": "Outstanding", "supervisor": "Outstanding"},
     "compliance": {"self": "Full", "supervisor": "Full"}},
    {"revenue": 102.5, "margin": 27.5, "dso": 52.5, "new-accounts": 5, "nps": 30, "churn": 8, "escalations": 3,
     "collaboration": {"self": "Good", "supervisor": "Good"}, "ownership": {"self": "Fair", "supervisor": "Good"},
     "compliance": {"self": "Partial", "supervisor": "Partial"}},
]


def fill(driver, results: dict) -> None:
    for kpi, value in results.items():
        if isinstance(value, dict):
            for rater, level in value.items():
                box = driver.find_element("css selector", f'input[name="{kpi}@{rater}"][value="{level}"]')
                driver.execute_script("arguments[0].click();", box)
        else:
            field = driver.find_element("css selector", f'input[name="{kpi}"]')
            field.clear()
            field.send_keys(str(value))


def test_a_browser_fills_the_form_and_gets_the_rules_total_and_grade(scored):
    role = load_project(SCORED).roles["account-manager"]
    with browser() as driver:
        for results in EMPLOYEES:
            driver.get((scored / "account-manager.html").resolve().as_uri())
            assert driver.find_element("id", "total").text == ""  # a blank form until it is filled
            fill(driver, results)
            expected = appraise(role, results)
            assert float(driver.find_element("id", "total").text) == pytest.approx(expected.total, abs=0.01)
            assert driver.find_element("id", "total").text == shown(expected.total)
            assert driver.find_element("id", "grade").text == expected.grade
            for kpi, score in expected.scores.items():
                assert driver.find_element("id", f"score-{kpi}").text == shown(score), kpi
            ticked = driver.find_element("css selector", 'input[name="grade"]:checked').get_attribute("value")
            assert ticked == expected.grade
        printed = base64.b64decode(driver.print_page())  # printed, the form shows what was typed
    assert b"%PDF" in printed[:8]


def test_the_chinese_form_scores_in_a_browser_too(scored):
    role = load_project(SCORED).roles["xiaoshou-zhuguan"]
    results = {"revenue": 96, "margin": 31, "dso": 44, "new-accounts": 3, "nps": 50, "churn": 6, "escalations": 1,
               "collaboration": "良好", "ownership": "优秀", "compliance": "部分合规"}
    with browser() as driver:
        driver.get((scored / "xiaoshou-zhuguan.html").resolve().as_uri())
        for kpi, value in results.items():
            if isinstance(value, str):
                box = driver.find_element("css selector", f'input[name="{kpi}"][value="{value}"]')
                driver.execute_script("arguments[0].click();", box)
            else:
                driver.find_element("css selector", f'input[name="{kpi}"]').send_keys(str(value))
        expected = appraise(role, results)
        assert driver.find_element("id", "total").text == shown(expected.total)
        assert driver.find_element("id", "grade").text == expected.grade


def test_the_browser_form_says_when_a_result_is_not_what_the_rater_meant(scored):
    """Not a number, a percentage typed as a fraction, a score above the cap: each gets a note under its
    field in the form's language (and a text that is no number makes the field invalid); none when the
    result is fixed."""
    with browser() as driver:
        driver.get((scored / "xiaoshou-zhuguan.html").resolve().as_uri())

        def typed(kpi, text):
            field = driver.find_element("css selector", f'input[name="{kpi}"]')
            field.clear()
            field.send_keys(text)
            notes = driver.find_elements("css selector", f'input[name="{kpi}"] + .field-note')
            valid = driver.execute_script("return arguments[0].checkValidity();", field)
            return (notes[0].text if notes else None), valid, driver.find_element("id", f"score-{kpi}").text

        assert typed("margin", "abc") == ("不是数字：请填写数字，如 95 或 95%。", False, "")
        assert typed("margin", "31") == (None, True, "104.00")
        assert typed("revenue", "0.95") == ("按 0.95% 计分；如指 95%，请填写 95。", True, "0.00")
        assert typed("revenue", "95%") == (None, True, "80.00")
        assert typed("revenue", "300") == ("按单项最高分 120 分计。", True, "120.00")
        note = driver.find_element("css selector", 'input[name="revenue"] + .field-note')
        assert note.get_attribute("class") == "field-note"  # an explanation in grey, not an error in red
        assert typed("revenue", "") == (None, True, "")


def test_the_browser_form_refuses_a_count_that_is_not_how_many_times(example):
    """加减分 counts are how many times, as `rolebook score` reads them: -3 would turn a deduction into a
    bonus and "abc" was taken silently for 0; each gets a red note, the field is invalid, and counts 0."""
    with browser() as driver:
        driver.get((example / "telesales-supervisor.html").resolve().as_uri())
        field = driver.find_element("css selector", 'input[name="adj:rule-violation"]')
        for text in ("-3", "abc", "1.5"):
            field.clear()
            field.send_keys(text)
            note = driver.find_element("css selector", 'input[name="adj:rule-violation"] + .field-note')
            assert (note.text, note.get_attribute("class")) == ("请填写次数：0 或正整数。", "field-note warn")
            assert not driver.execute_script("return arguments[0].checkValidity();", field)
            assert driver.find_element("id", "adjustment").text == "0.00"
        field.clear()
        field.send_keys("3")
        assert driver.find_elements("css selector", 'input[name="adj:rule-violation"] + .field-note') == []
        assert driver.find_element("id", "adjustment").text == "-6.00"


def test_every_html_control_has_a_label(scored):
    page = (scored / "account-manager.html").read_text(encoding="utf-8")
    for control in re.findall(r"<(?:input|textarea|output)\b[^>]*>", page):
        assert "aria-label=" in control or 'type="radio"' in control, control
    body = page.split("<script")[0]
    radios = re.findall(r'<label class="tick">(<input type="radio"[^>]*>)([^<]*)</label>', body)
    assert len(radios) == body.count('type="radio"') > 0  # each radio inside its label
    for control, label in radios:  # named by the label's text, or (a grade's box) by aria-label
        assert label.replace("&nbsp;", "").strip() or "aria-label=" in control, control
    assert "http" not in page.split("<script>")[1]  # the script makes no request


def test_golden_form(english):
    from clients import normalised
    from test_build import GOLDEN, assert_golden

    assert_golden(GOLDEN / "english-form-document.xml",
                  normalised(xml_part(english / "sales-lead.docx", "word/document.xml")))
    page = (english / "sales-lead.html").read_text(encoding="utf-8")
    assert_golden(GOLDEN / "english-form.html", page[page.index("<main>"):page.index("</main>") + 7] + "\n")
