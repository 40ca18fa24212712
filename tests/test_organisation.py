"""The organisation as a whole (tests/projects/organisation: nine roles in three departments, a grade ladder):
the org chart in Chromium, each role's relationship diagram, the role catalogue read back by openpyxl and
LibreOffice Calc, the grade × family matrix and headcount in the index and the handbook, in HTML and Word.
The grade rules at their lines are tests/projects/grade-ladder and reports-cycle (test_rule_projects.py)."""

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from clients import browser, pdf_text, recalculated, schema_problems, to_pdf
from conftest import PROJECTS, REPO, build_copy, copy_project, run_rolebook

ORG = PROJECTS / "organisation"


def specs() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ORG / "role_specs").glob("*.yaml")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_copy(ORG, tmp_path_factory.mktemp("org") / "organisation")


def test_the_default_build_writes_the_catalogue_and_the_org_chart(built):
    for name in ("catalogue.xlsx", "catalogue.csv", "catalogue.json", "org-chart.svg"):
        assert (built / name).is_file(), name
    index = (built / "index.html").read_text(encoding="utf-8")
    for link in ("catalogue.xlsx", "catalogue.csv", "catalogue.json", "org-chart.svg"):
        assert f'href="{link}"' in index


def test_chromium_shows_every_role_once_each_below_its_superior(built):
    roles = specs()
    for page in ("org-chart.svg", "index.html"):
        with browser() as driver:
            driver.get((built / page).resolve().as_uri())
            boxes = driver.execute_script(
                "return Array.from(document.querySelectorAll('svg.org-chart g.role')).map(g => {"
                "const r = g.querySelector('rect').getBoundingClientRect();"
                "return [g.dataset.role, r.top, r.bottom, r.left, r.right, g.textContent]; });")
        ids = [box[0] for box in boxes]
        assert sorted(ids) == sorted(roles), page
        where = {box[0]: box for box in boxes}
        for role_id, spec in roles.items():
            assert spec["title"] in where[role_id][5]
            assert spec["grade"] in where[role_id][5]
            if spec.get("reports_to"):
                assert where[role_id][1] > where[spec["reports_to"]][2], (page, role_id)
        for a in boxes:  # no two boxes overlap on the screen
            for b in boxes:
                if a[0] < b[0]:
                    assert a[4] <= b[3] or b[4] <= a[3] or a[2] <= b[1] or b[2] <= a[1], (a[0], b[0])


def test_the_catalogue_workbook_has_a_row_per_role_and_headcount_totals(built, tmp_path):
    from openpyxl import load_workbook

    roles = specs()
    book = load_workbook(built / "catalogue.xlsx")
    sheet, totals = book.worksheets
    assert sheet.title == "岗位一览表" and sheet.freeze_panes == "B2" and sheet.auto_filter.ref.startswith("A1:")
    heads = [cell.value for cell in sheet[1]]
    assert heads[:4] == ["岗位标识", "岗位编号", "岗位名称", "所属部门"]
    rows = {row[0]: dict(zip(heads, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == set(roles)
    manager = rows["sales-manager"]
    assert (manager["岗位名称"], manager["岗位职级"], manager["职级名称"], manager["直接上级"]) == \
        ("区域销售经理", "M1", "经理级", "销售总监")
    assert (manager["直接下级岗位数"], manager["定员"], manager["薪资下限"], manager["薪资上限"]) == (1, 3, 13000, 18000)
    assert manager["计薪周期"] == "月" and manager["状态"] == "草稿"
    assert all(sheet.column_dimensions[letter].width >= 6 for letter in "ABCD")
    departments: dict[str, int] = {}
    for spec in roles.values():
        departments[spec["department"]] = departments.get(spec["department"], 0) + spec["headcount"]
    lines = list(totals.iter_rows(min_row=2, values_only=True))
    for department, heads in departments.items():
        assert (department, "合计", sum(1 for s in roles.values() if s["department"] == department), heads) in lines
    assert lines[-1] == ("合计", None, len(roles), sum(departments.values()))
    # LibreOffice Calc opens it and reads the same values
    calc = load_workbook(recalculated(built / "catalogue.xlsx", tmp_path / "calc"))
    assert [[c.value for c in row] for row in calc.worksheets[0].iter_rows()] == \
        [[c.value for c in row] for row in sheet.iter_rows()]


def test_the_catalogue_csv_opens_in_excel_and_the_json_follows_its_schema(built):
    import jsonschema

    from rolebook.organisation.catalogue import CATALOGUE_SCHEMA, COLUMNS

    raw = (built / "catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads Chinese right
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS and {r["id"] for r in rows} == set(specs())
    data = json.loads((built / "catalogue.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, CATALOGUE_SCHEMA)
    assert {r["id"] for r in data["roles"]} == set(specs())
    assert sum(g["headcount"] for g in data["headcount"]) == sum(s["headcount"] for s in specs().values())


def test_the_middle_managers_job_description_shows_its_relationship_diagram(built, tmp_path):
    html = (built / "jd" / "sales-manager.html").read_text(encoding="utf-8")
    figure = html[html.index('<figure class="diagram" data-figure="relations">'):]
    figure = figure[:figure.index("</figure>")]
    for text in ("销售总监", "区域销售经理", "销售代表", "人力资源部", "财务部", "经销商", "直接上级", "直接下级"):
        assert text in figure, text
    docx = built / "jd" / "sales-manager.docx"
    with zipfile.ZipFile(docx) as package:
        names = package.namelist()
        document = package.read("word/document.xml").decode("utf-8")
    assert "word/media/figure-relations.png" in names and "word/media/figure-relations.svg" in names
    assert "<w:drawing>" in document and "svgBlip" in document
    assert schema_problems(docx) == ""
    text = pdf_text(to_pdf(docx, outdir=tmp_path)[0])
    assert "岗位关系图" in text


def test_the_diagram_can_be_turned_off(tmp_path):
    root = copy_project(ORG, tmp_path / "off")
    settings = root / "rolebook.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "jd:\n  relationship_diagram: false\n",
                        encoding="utf-8")
    assert run_rolebook("build", "--kind", "jd", "--role", "sales-manager", cwd=root).returncode == 0
    assert "data-figure" not in (root / "build" / "jd" / "sales-manager.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(root / "build" / "jd" / "sales-manager.docx") as package:
        assert not [n for n in package.namelist() if "figure" in n]


def test_the_handbook_holds_the_org_chart_and_the_grade_matrix(built, tmp_path):
    html = (built / "handbook.html").read_text(encoding="utf-8")
    assert html.count('<g class="role"') == len(specs())
    assert "组织架构图" in html and "职级体系表" in html
    row = next(line for line in html.split("<tr>") if "<strong>M1</strong>" in line)
    assert "区域销售经理" in row and "电话销售主管" in row and "12,000–20,000" in row
    docx = built / "handbook.docx"
    with zipfile.ZipFile(docx) as package:
        assert "word/media/figure-org-chart.png" in package.namelist()
    assert schema_problems(docx) == ""
    text = pdf_text(to_pdf(docx, outdir=tmp_path)[0])
    assert "组织架构图" in text and "职级体系表" in text and "各部门定编" in text


def test_the_index_shows_the_matrix_and_headcount(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    assert "职级体系表" in html and "各部门定编" in html and ">薪酬区间</th>" in html
    total = sum(s["headcount"] for s in specs().values())
    assert f"<strong>{total}</strong>" in html


def test_the_grade_matrix_has_no_pay_column_where_no_grade_gives_pay(tmp_path):
    """The example's ladder gives no pay: its 职级体系表 printed a 薪酬区间 column blank from top to bottom."""
    root = copy_project(REPO, tmp_path / "example")
    assert run_rolebook("build", "--kind", "orgchart", cwd=root).returncode == 0
    html = (root / "build" / "index.html").read_text(encoding="utf-8")
    assert "职级体系表" in html and "薪酬区间" not in html and "<strong>M2</strong>" in html


def test_catalogue_cells_hold_text_not_formulas(tmp_path):
    from openpyxl import load_workbook

    root = copy_project(ORG, tmp_path / "formula")
    spec = root / "role_specs" / "accountant.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("title: 会计", "title: '=HYPERLINK(\"http://x\")'"),
                    encoding="utf-8")
    assert run_rolebook("build", "--kind", "catalogue", cwd=root).returncode == 0
    sheet = load_workbook(root / "build" / "catalogue.xlsx").worksheets[0]
    cell = next(row[2] for row in sheet.iter_rows(min_row=2) if row[0].value == "accountant")
    assert cell.data_type == "s" and cell.quotePrefix
    assert "'=HYPERLINK" in (root / "build" / "catalogue.csv").read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in (root / "build").iterdir()) == \
        [".rolebook-manifest.json", "catalogue.csv", "catalogue.json", "catalogue.xlsx", "index.html"]


def test_a_role_changing_rebuilds_its_superiors_job_description(tmp_path):
    """The diagram names the direct reports: a report's new title is a new job description for the superior."""
    root = copy_project(ORG, tmp_path / "edit")
    assert run_rolebook("build", "--kind", "jd", cwd=root).returncode == 0
    spec = root / "role_specs" / "sales-rep.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("title: 销售代表", "title: 客户代表"), encoding="utf-8")
    assert run_rolebook("build", "--kind", "jd", cwd=root).returncode == 0
    assert "客户代表" in (root / "build" / "jd" / "sales-manager.html").read_text(encoding="utf-8")


def test_a_large_organisation_prints_its_chart_in_pieces_a_page_holds(tmp_path):
    """Fifty roles do not fit one A4 page at a readable size: the handbook prints the top two levels, then
    the tree under each second-level role (分图), each captioned; the SVG of the whole stays whole."""
    files = {"rolebook.yaml": "organization: 大公司\nlanguage: zh-CN\n"}
    spec = ORG / "role_specs" / "accountant.yaml"
    body = spec.read_text(encoding="utf-8").split("duties:", 1)[1]
    for i in range(50):
        boss = "" if i == 0 else f"reports_to: r{(i - 1) // 4}\n"
        files[f"role_specs/r{i}.yaml"] = f"id: r{i}\ntitle: 岗位{i}\ndepartment: 部门{i % 3}\n{boss}duties:{body}"
    root = tmp_path / "large"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    result = run_rolebook("build", "--kind", "handbook", "--kind", "orgchart", cwd=root, timeout=300)
    assert result.returncode == 0, result.stderr
    docx = root / "build" / "handbook.docx"
    with zipfile.ZipFile(docx) as package:
        pictures = [n for n in package.namelist() if n.startswith("word/media/figure-org-chart") and n.endswith(".png")]
    assert len(pictures) > 1
    assert schema_problems(docx) == ""
    html = (root / "build" / "handbook.html").read_text(encoding="utf-8")
    assert html.count("组织架构图（分图）") == len(pictures) - 1
    assert (root / "build" / "org-chart.svg").read_text(encoding="utf-8").count('<g class="role"') == 50
    text = pdf_text(to_pdf(docx, outdir=tmp_path)[0])
    assert re.search(r"组织架构图（分图）：岗位\s?1\s?及其下属岗位。", text), text[:2000]


def test_a_regulations_contents_page_numbers_hold_with_the_org_chart(tmp_path):
    """In a 制度 the org chart's heading carries no article number but is in rolebook's contents as in Word's
    contents field, which LibreOffice fills while laying the book out: an entry only the field had made the
    contents a page longer and every page number in it one too high."""
    build = build_copy(REPO, tmp_path / "example", "--kind", "handbook", "--format", "docx")
    pages = pdf_text(to_pdf(build / "handbook.docx", outdir=tmp_path)[0]).split("\f")
    contents = "".join(page for page in pages if re.search(r"\.{5,}\s*\d+", page))
    for heading in ("岗位一览", "组织架构图"):  # the chapter, and the chart in it (the chapters run on: two pages)
        listed = re.search(heading + r"\.+\s*(\d+)", contents)
        actual = next(n for n, page in enumerate(pages, 1)
                      if heading in page and not re.search(heading + r"\.{5,}", page))
        assert listed and int(listed.group(1)) == actual, heading
    # a page break pushed onto a new page by a full one before it printed a blank page (after the contents)
    assert all(len([line for line in page.splitlines() if line.strip()]) > 2 for page in pages[:-1])


def test_a_department_without_headcounts_shows_none_given_not_zero(tmp_path):
    """定员 0 would say the department has no positions: where none of its roles gives a headcount the
    index shows "—", and where some do not, the sum and how many roles it leaves out."""
    root = copy_project(ORG, tmp_path / "org")
    for name, given in (("accountant", "headcount: 2\n"), ("finance-manager", "headcount: 1\n"),
                        ("recruiter", "headcount: 2\n")):
        spec = root / "role_specs" / f"{name}.yaml"
        spec.write_text(spec.read_text(encoding="utf-8").replace(given, ""), encoding="utf-8")
    assert run_rolebook("build", "--kind", "jd", "--format", "html", cwd=root).returncode == 0
    html = (root / "build" / "index.html").read_text(encoding="utf-8")
    rows = {re.sub(r"<[^>]+>", "", cells[0]): re.sub(r"<[^>]+>", "", cells[2])
            for cells in re.findall(r"<tr>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>\s*</tr>",
                                    html, re.S)}
    assert rows["财务部"] == "—"
    hr = sum(s.get("headcount") or 0 for n, s in specs().items() if s["department"] == "人力资源部" and n != "recruiter")
    assert rows["人力资源部"] == f"{hr}（1 个岗位未定编）"
    assert rows["销售部"] == str(sum(s["headcount"] for s in specs().values() if s["department"] == "销售部"))


def test_a_side_of_many_partners_names_the_rest_in_its_last_box():
    """Six boxes a side; the sales representative works with more departments than that, and the diagram
    left 市场部 and 客服部 out without a word: its last box now names them."""
    from rolebook.organisation.relations import MOST_PARTNERS, partners
    from rolebook.project import load_project
    from rolebook.render.context import Formatter

    project = load_project(REPO)
    role = project.roles["sales-rep"]
    labels = project.labels("zh-CN")
    groups = Formatter(labels).relationships(role)
    everyone = list(dict.fromkeys(name for who, _ in groups["internal"] for name in who))
    assert len(everyone) > MOST_PARTNERS
    internal, _external = partners(role, Formatter(labels), labels)
    assert len(internal) == MOST_PARTNERS and internal[:-1] == everyone[:MOST_PARTNERS - 1]
    assert internal[-1] == "另有：" + "、".join(everyone[MOST_PARTNERS - 1:])
    assert "市场部" in internal[-1] and "客服部" in internal[-1]


@pytest.mark.parametrize("name", ["另有：生产部、上级领导、财务部", "另有：产品部、市场部、客服部、行政部",
                                  "华东区域销售（重点客户）管理部", "Regional sales (key accounts), East"])
def test_a_box_breaks_its_name_as_chinese_is_typeset(name):
    """No line of a box starts with a closing mark (、，。）) or ends with an opening one (（): the sales
    manager's diagram printed a line starting with 、. Nothing is lost either."""
    from rolebook.organisation.chart import BOX_WIDTH, NO_LINE_END, NO_LINE_START, PAD, wrap

    lines = wrap(name, BOX_WIDTH - 2 * PAD, 3)
    assert len(lines) > 1 and "".join(lines).replace(" ", "") == name.replace(" ", "")
    assert not any(line[0] in NO_LINE_START or line[-1] in NO_LINE_END for line in lines), lines


def test_a_partner_naming_the_superior_is_the_superiors_box():
    """The telesales supervisor reports to 上级领导 in a duty and to the sales manager by reports_to: the
    diagram drew 上级领导 as a department beside 销售经理 (直接上级). The sales manager, who reports to no
    role, keeps 上级领导 as a partner."""
    from rolebook.project import load_project
    from rolebook.render.documents import Renderer

    project = load_project(REPO)
    renderer = Renderer(project)
    supervisor = renderer.relationship_figure(project.roles["telesales-supervisor"])
    manager = renderer.relationship_figure(project.roles["sales-manager"])
    assert "销售经理" in supervisor.svg and "上级领导" not in supervisor.svg
    assert "上级领导" in manager.svg


def test_a_diagrams_boxes_fit_their_names_and_stand_apart():
    """A box as tall as its name's lines: the sales representative's six one-line partners in boxes sized for
    three lines made a diagram half a page tall, moved whole to the next page. Every box holds its lines and
    its detail, a side's boxes do not overlap, and the side is centred on the role."""
    from rolebook.organisation.chart import BOX_HEIGHT, LINE, PAD, svg
    from rolebook.organisation.relations import diagram

    class Role:
        title = "销售人员"

    labels = {"rel_superior": "直接上级", "rel_this_role": "本岗位", "rel_report": "直接下级",
              "rel_internal": "内部协作", "rel_external": "外部协作"}
    internal = ["团队成员", "财务部", "法务部", "相关部门", "技术支持部", "另有：产品部、市场部、客服部、行政部、采购部、仓储部"]
    chart = diagram(Role(), "销售经理", ["销售助理"], internal, ["客户"], labels)
    boxes = {box.id: box for box in chart.boxes}
    for box in chart.boxes:
        assert box.height == PAD * 2 + LINE * (len(box.lines) + 1)
    assert boxes["internal-0"].height < BOX_HEIGHT and len(boxes["internal-5"].lines) == 3
    column = [boxes[f"internal-{i}"] for i in range(6)]
    assert all(a.y + a.height < b.y for a, b in zip(column, column[1:]))
    role = boxes["role"]
    assert abs((column[0].y + column[-1].y + column[-1].height) / 2 - (role.y + role.height / 2)) < 0.01
    assert chart.height == max(box.y + box.height for box in chart.boxes) + 16
    drawn = re.findall(r'<rect x="[^"]+" y="[^"]+" width="150" height="([^"]+)"', svg(chart, "岗位关系图"))
    assert [float(h) for h in drawn] == [box.height for box in chart.boxes]


@pytest.mark.parametrize("source, caption", [(ORG, "每个方框为一个岗位，注明职级与定员；颜色区分所属部门。"),
                                             (REPO, "每个方框为一个岗位，注明职级；颜色区分所属部门。")])
def test_the_org_charts_caption_promises_a_headcount_only_where_roles_give_one(source, caption):
    from rolebook.project import load_project
    from rolebook.render.documents import Renderer

    project = load_project(source)
    assert any(s.headcount is not None for s in project.summaries()) == (source == ORG)
    figures = Renderer(project).org_chart_figures(project.labels("zh-CN"))
    assert figures[0][2] == caption
