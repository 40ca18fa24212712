"""Blank appraisal forms: the KPI table, the blanks, the landscape page, in Word, LibreOffice and Chromium."""

import re

import pytest

from rolebook.render.ooxml import NS

from clients import chromium_pdf, pdf_pages, pdf_text, schema_problems, to_pdf, xml_part
from conftest import REPO, build_copy, run_rolebook, write_files

ENGLISH = REPO / "tests" / "render_projects" / "english"
W = "{%s}" % NS["w"]


def build_forms(source, root):
    return build_copy(source, root, "--kind", "form") / "forms"


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    return build_forms(ENGLISH, tmp_path_factory.mktemp("english") / "p")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return build_forms(REPO, tmp_path_factory.mktemp("example") / "p")


def texts(element) -> str:
    return "".join(element.itertext())


def form_rows(docx):
    """The KPI table's rows as lists of cell texts, with each cell element."""
    document = xml_part(docx, "word/document.xml")
    tables = document.xpath("//w:tbl[w:tblPr/w:tblStyle/@w:val='FormTable']", namespaces=NS)
    kpi_table = max(tables, key=lambda t: len(t.xpath("w:tblGrid/w:gridCol", namespaces=NS)))
    return [[(texts(c), c) for c in row.xpath("w:tc", namespaces=NS)] for row in kpi_table.xpath("w:tr", namespaces=NS)]


def test_every_kpi_in_one_table_with_weight_thresholds_and_blank_columns(english):
    rows = form_rows(english / "sales-lead.docx")
    header = [text for text, _ in rows[0]]
    assert header == ["Dimension", "KPI", "Weight", "Target", "Pass", "Excellent", "Actual result", "Self score",
                      "Supervisor score", "Weighted score", "Comment"]
    body = {row[1][0].split("Source")[0]: [text for text, _ in row] for row in rows[1:-1]}
    assert len(body) == 10
    revenue = next(v for k, v in body.items() if k.startswith("Revenue attainment"))
    assert revenue[2:6] == ["25%", "100%", "≥ 90%", "≥ 110%"]
    assert revenue[6:] == ["", "", "", "", ""]  # blank to fill in
    attrition = next(v for k, v in body.items() if k.startswith("Attrition"))
    assert attrition[4:6] == ["≤ 10%", "≤ 3%"]  # lower is better
    assert "Actual revenue ÷ target revenue × 100%" in revenue[1] and "Source: CRM" in revenue[1]
    total = [text for text, _ in rows[-1]]
    assert total[0] == "Total" and total[2] == "100%" and total[9] == ""


def test_qualitative_kpis_offer_tick_boxes(english):
    rows = form_rows(english / "sales-lead.docx")
    collaboration = next(row for row in rows if row[1][0].startswith("Collaboration"))
    assert collaboration[6][0] == "☐ Excellent  ☐ Good  ☐ Needs improvement"


def test_dimension_cell_spans_its_kpis_and_rows_keep_together(english):
    rows = form_rows(english / "sales-lead.docx")
    merges = [row[0][1].xpath("string(w:tcPr/w:vMerge/@w:val)", namespaces=NS) if
              row[0][1].xpath("w:tcPr/w:vMerge", namespaces=NS) else None for row in rows[1:-1]]
    assert merges == ["restart", "", "", "restart", "", "", "restart", "", "restart", ""]
    document = xml_part(english / "sales-lead.docx", "word/document.xml")
    header_rows = document.xpath("//w:tr[w:trPr/w:tblHeader]", namespaces=NS)
    assert any("Actual result" in texts(r) for r in header_rows)  # repeats on every page
    form_table = header_rows[0].getparent()
    assert all(tr.xpath("w:trPr/w:cantSplit", namespaces=NS) for tr in form_table.xpath("w:tr", namespaces=NS))


def test_overridden_library_thresholds_are_the_roles(example):
    rows = form_rows(example / "sales-manager.docx")
    new_customers = next(row for row in rows if row[1][0].startswith("新客户开发"))
    assert [text for text, _ in new_customers][3:6] == ["30 家", "≥ 24 家", "≥ 36 家"]  # library: 10, 8, 12


def test_header_blanks_grades_process_and_signatures(english, example):
    document = texts(xml_part(english / "sales-lead.docx", "word/document.xml"))
    assert "☐ Q1  ☐ Q2  ☐ Q3  ☐ Q4" in document and "Employee name" in document
    for band in ("total ≥ 90", "75 ≤ total < 90", "60 ≤ total < 75", "total < 60"):
        assert band in document
    assert "Weighted score = score × weight" in document and "Mid-quarter check-in" in document
    assert "Appraisal interview notes" in document and "Improvement plan" in document
    assert "Write to the People Team within 5 working days" in document
    for signer in ("Employee", "Supervisor", "HR"):  # the language's defaults: the spec names none
        assert signer in document
    chinese = texts(xml_part(example / "sales-rep.docx", "word/document.xml"))
    assert "被考核人" in chinese and "人力资源部" in chinese and "______ 年 第 ____ 季度" in chinese
    assert "绩效考核表" in chinese and "示例科技有限公司" in chinese


@pytest.mark.parametrize("period, language, blank", [
    ("monthly", "zh-CN", "______ 年 ____ 月"),
    ("semiannual", "zh-CN", "☐ 上半年 ☐ 下半年"),
    ("annual", "en", "Year ________"),
    ("quarterly", "zh-TW", "______ 年 第 ____ 季<"),
])
def test_period_blanks_follow_the_appraisal_period(tmp_path, period, language, blank):
    spec = (ENGLISH / "role_specs" / "sales-lead.yaml").read_text().replace("period: quarterly", f"period: {period}")
    root = write_files(tmp_path, {"rolebook.yaml": f"language: {language}\n", "role_specs/sales-lead.yaml": spec})
    assert run_rolebook("build", "--kind", "form", "--format", "html", cwd=root).returncode == 0
    page = (root / "build" / "forms" / "sales-lead.html").read_text(encoding="utf-8")
    assert blank in page


def test_word_form_is_a_landscape_page(english):
    section = xml_part(english / "sales-lead.docx", "word/document.xml").xpath("//w:body/w:sectPr/w:pgSz",
                                                                                 namespaces=NS)[0]
    assert section.get(W + "orient") == "landscape" and int(section.get(W + "w")) > int(section.get(W + "h"))


def test_forms_pass_the_schema_check(english, example):
    assert schema_problems(*english.glob("*.docx"), *example.glob("*.docx")) == ""


def test_libreoffice_prints_ten_kpis_on_two_landscape_pages(english, tmp_path):
    pdf = to_pdf(english / "sales-lead.docx", outdir=tmp_path)[0]
    assert pdf_pages(pdf) <= 2
    info = __import__("subprocess").run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height
    text = re.sub(r"\s+", "", pdf_text(pdf))
    assert "Revenueattainment" in text and "Complaintresolutiontime" in text and "Improvementplan" in text


def test_html_form_prints_landscape_in_chromium(english, tmp_path):
    page = (english / "sales-lead.html").read_text(encoding="utf-8")
    assert "@page { size: A4 landscape" in page
    assert page.count('class="blank"') >= 50 and 'rowspan="3"' in page and "<colgroup>" in page
    pdf = chromium_pdf(english / "sales-lead.html", tmp_path / "form.pdf")
    info = __import__("subprocess").run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height
    assert pdf_pages(pdf) <= 2
    text = re.sub(r"\s+", "", pdf_text(pdf))
    assert "Revenueattainment" in text and "Processcompliance" in text and "Improvementplan" in text


def test_example_forms_in_libreoffice(example, tmp_path):
    forms = sorted(example.glob("*.docx"))
    for pdf in to_pdf(*forms, outdir=tmp_path):
        assert 1 <= pdf_pages(pdf) <= 3, pdf.name  # 13 to 15 KPIs each
        assert "绩效考核表" in pdf_text(pdf)


def test_golden_form(english):
    from clients import normalised
    from test_build import GOLDEN, assert_golden

    assert_golden(GOLDEN / "english-form-document.xml",
                  normalised(xml_part(english / "sales-lead.docx", "word/document.xml")))
    page = (english / "sales-lead.html").read_text(encoding="utf-8")
    assert_golden(GOLDEN / "english-form.html", page[page.index("<main>"):page.index("</main>") + 7] + "\n")
