"""The repository's own example project: the seeds' roles, transcribed."""

import re

import pytest

from rolebook.project import load_project

from conftest import REPO


@pytest.fixture(scope="module")
def example():
    return load_project(REPO)


def test_example_project_validates_clean(example):
    assert [str(p) for p in example.problems] == []


def test_concrete_roles_and_the_abstract_family(example):
    assert [r.id for r in example.concrete_roles()] == ["sales-manager", "sales-rep", "telesales-supervisor"]
    assert example.roles["sales-family"].abstract


def test_family_content_is_inherited(example):
    family = example.roles["sales-family"].assessment
    for role in example.concrete_roles():
        assert role.assessment.grades == family.grades
        assert role.assessment.process == family.process
        assert role.assessment.signatures == ["被考核人", "直接上级", "人力资源部"]
        assert role.assessment.appeal == family.appeal
        assert "cross-department-collaboration" in [d.id for d in role.duties]
        assert role.language is None and example.language_of(role) == "zh-CN"


def test_seed_003_weight_ranges(example):
    manager = example.roles["sales-manager"]
    ranges = {d.id: d.weight_range for d in manager.assessment.dimensions}
    assert ranges == {"results": (40, 60), "team": (20, 30), "market": (10, 20), "operations": (5, 10),
                      "cost": None}  # seed 001's 成本控制, a dimension of its own without a band


def test_seed_001_thresholds_survive_library_use(example):
    manager = example.roles["sales-manager"]
    kpis = {k.id: k for k in manager.kpis()}
    attainment = kpis["sales-attainment"]
    assert (attainment.thresholds.pass_, attainment.thresholds.excellent) == (90, 105)
    assert attainment.name == "销售额/回款额达成率"  # overridden beside `use`
    assert attainment.source == "CRM 系统、财务报表"  # from the library
    deviation = kpis["cost-deviation"]
    assert deviation.direction == "lower" and (deviation.thresholds.pass_, deviation.thresholds.excellent) == (5, 2)


def test_no_traditional_characters_or_pinyin_left(example):
    text = "".join(path.read_text(encoding="utf-8") for path in (REPO / "role_specs").glob("*.yaml"))
    text += "".join(path.read_text(encoding="utf-8") for path in (REPO / "policies").glob("*.md"))
    for traditional in "銷職責經績團隊與為務戶說":
        assert traditional not in text
    assert "(zé)" not in text and "(chǎn)" not in text


def test_the_sales_rep_keeps_seed_002s_duties_as_duties(example):
    titles = [duty.title for duty in example.roles["sales-rep"].duties]
    assert "代表公司与客户进行沟通" in titles and "商务谈判与合同签订" in titles


def test_the_handbook_is_a_full_regulation(tmp_path):
    """The example's handbook reads as a 制度: 第一章 总则 first, articles, 附则 last, document number, approval."""
    from conftest import build_copy

    build = build_copy(REPO, tmp_path / "example", "--kind", "handbook", "--format", "html")
    page = (build / "handbook.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    chapters = re.findall(r"第[一二三四五六七八九十]+章\s+(\S+)", text)  # headings (第三章　…), not citations (见第三章“…”)
    assert chapters[0] == "总则" and chapters[-1] == "附则", chapters
    assert "第一条" in text and "XS-ZD-2026-01" in text
    for step in ("编制", "审核", "批准"):
        assert step in text
    assert "本制度经职工代表大会讨论通过" in text
    assert "出自种子文档" not in text and "选定值" not in text  # editors' notes stay in the sources


def test_the_jd_kpi_table_spans_each_dimension_over_its_kpis(tmp_path, example):
    """考核维度 is one cell beside its KPIs, in the page (rowspan) and in Word (w:vMerge), as the form has it."""
    import zipfile

    from conftest import build_copy

    build = build_copy(REPO, tmp_path / "example", "--kind", "jd", "--role", "sales-manager")
    role = example.roles["sales-manager"]
    sizes = [len(d.kpis) for d in role.assessment.dimensions]
    page = (build / "jd" / "sales-manager.html").read_text(encoding="utf-8")
    assert [int(n) for n in re.findall(r'<td rowspan="(\d+)"><strong>', page)] == [n for n in sizes if n > 1]
    xml = zipfile.ZipFile(build / "jd" / "sales-manager.docx").read("word/document.xml").decode()
    assert xml.count('<w:vMerge w:val="restart"/>') == sum(n > 1 for n in sizes)
    assert xml.count("<w:vMerge/>") == sum(n - 1 for n in sizes)
    # a dimension's rows keep together (Word's keep with next, row by row): a page did not break inside one,
    # leaving KPIs beside an empty dimension cell
    from lxml import etree

    from rolebook.render.ooxml import NS

    table = next(t for t in etree.fromstring(xml.encode()).iterfind(".//w:tbl", NS) if t.find(".//w:vMerge", NS)
                 is not None)
    rows = table.findall("w:tr", NS)
    kept = [all(p.find("w:pPr/w:keepNext", NS) is not None for p in row.iterfind(".//w:p", NS)) for row in rows]
    continues = [row.find("w:tc/w:tcPr/w:vMerge", NS) is not None
                 and row.find("w:tc/w:tcPr/w:vMerge", NS).get(f"{{{NS['w']}}}val") is None for row in rows]
    assert [kept[i] for i in range(len(rows) - 2)] == [continues[i + 1] for i in range(len(rows) - 2)]
