"""A role's appraisal workbook (build/workbooks/<id>.xlsx): a results sheet whose scores, weighted
scores, total and grade are live formulas implementing the scoring rule (rolebook/spec/scoring.py),
and a sheet with the rule in words.

Written with openpyxl. The formulas use only IF, MIN, MAX, ISNUMBER, VALUE, IFERROR, NA, COUNT, SUM, OR,
CELL and LEFT, which Excel and LibreOffice Calc both have and compute alike; each KPI's points are written into its
formula as numbers, so a row needs nothing but its own cells. Inputs are unlocked and validated;
formula cells are locked (the sheet is protected without a password: a guard against slips, not a
lock). The same inputs give the same bytes: fixed document dates and zip entry dates.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from rolebook.render import cells, ooxml
from rolebook.render.context import Formatter
from rolebook.render.labels import labels_for
from rolebook.render.text import display_width
from rolebook.spec import scoring
from rolebook.spec.model import Role

ROWS = 500  # rows with formulas ready for results; more can be added by copying the last one
FIRST_ROW = 3  # below the column names for people (row 1) and those `rolebook score` reads (row 2)
MAX_WIDTH = 24  # characters: a longer column name wraps
LEVELS_WIDTH = 60  # the rules sheet's levels column, each level with what it means
FONT = "Calibri"  # the workbook's own (openpyxl's default): a font without a name prints in a serif face


def font(**properties) -> Font:
    return Font(name=FONT, size=properties.pop("size", 11), **properties)
EPOCH = datetime.datetime(2000, 1, 1)  # the document's date when the role has no effective date
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
INPUT_FILL = PatternFill("solid", fgColor="FFFDE7")


def input_columns(role: Role) -> list[tuple[str, object, str | None]]:
    """(header, KPI, rater) of each column results are written in, after employee and period: a KPI's id,
    or `KPI@RATER` for each rater of a qualitative KPI that several raters score."""
    rule = scoring.rule_of(role.assessment)
    columns = []
    for kpi in role.kpis():
        if kpi.kind == "qualitative" and len(rule.raters) > 1:
            columns += [(f"{kpi.id}@{rater}", kpi, rater) for rater, _ in rule.raters]
        else:
            columns.append((kpi.id, kpi, None))
    return columns


def _n(value: float) -> str:
    """A number in a formula; negative ones in parentheses, so that `x-(-5)` reads as meant."""
    text = f"{float(value):.15g}"
    return f"({text})" if value < 0 else text


def _text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def entered(ref: str) -> str:
    """The number typed in `ref`. `95%` typed is stored by Excel and LibreOffice as 0.95 in a cell they
    format as a percentage (CELL's format code P): that is 95, as the HTML form and `rolebook score` read it."""
    return f'IF(LEFT(CELL("format",{ref}),1)="P",{ref}*100,{ref})'


def quantitative_formula(ref: str, kpi, rule: scoring.Rule) -> str:
    """The score of a result in `ref` (see scoring.quantitative_score), blank while the result is."""
    line = scoring.score_line(scoring.kpi_points(kpi, rule), kpi.direction)
    value = entered(ref)
    x = value if kpi.direction == "higher" else f"(-{value})"
    if not line:
        inner = value
    elif len(line) == 1:
        inner = f"IF({x}<{_n(line[0][0])},{_n(rule.below_pass)},{_n(line[0][1])})"
    else:
        def segment(a, b, start) -> str:  # the same operations as scoring.quantitative_score, in its order
            (u1, s1), (u2, s2) = a, b
            return f"{_n(start[1])}+({x}-{_n(start[0])})*({_n(s2)}-{_n(s1)})/({_n(u2)}-{_n(u1)})"

        inner = segment(line[-2], line[-1], line[-1])  # beyond the best point the last slope goes on
        for a, b in reversed(list(zip(line, line[1:]))):
            inner = f"IF({x}<={_n(b[0])},{segment(a, b, a)},{inner})"
        inner = f"IF({x}<{_n(line[0][0])},{_n(rule.below_pass)},{inner})"
    return f'=IF({ref}="","",MIN(MAX({inner},0),{_n(rule.cap)}))'


def rating_formula(ref: str, kpi, rule: scoring.Rule) -> str:
    """One rater's score (see scoring.rating_score): a number written, else the level's score."""
    inner = f"IFERROR(MIN(MAX(VALUE({ref}),0),{_n(rule.cap)}),NA())"
    for level, score in reversed(list(scoring.levels_of(kpi).items())):
        if score is not None:
            inner = f"IF({ref}={_text(level)},{_n(score)},{inner})"
    return f"IF(ISNUMBER({ref}),MIN(MAX({entered(ref)},0),{_n(rule.cap)}),{inner})"


def qualitative_formula(refs: list[tuple[str, float]], kpi, rule: scoring.Rule) -> str:
    """The raters' weighted mean (see scoring.qualitative_score), blank until every rater has rated."""
    blank = ",".join(f'{ref}=""' for ref, _ in refs)
    total_weight = sum(weight for _, weight in refs)
    mean = "+".join(f"{_n(weight)}*{rating_formula(ref, kpi, rule)}" for ref, weight in refs)
    return f'=IF(OR({blank}),"",({mean})/{_n(total_weight)})'


def grade_formula(total: str, grades, vetoes: list[tuple[str, str]] = ()) -> str:
    """The band the total reaches; a veto ticked (`vetoes`: cell, grade; worst grade first) sets its grade."""
    inner = '""'
    for band in reversed(list(grades)):
        inner = f"IF({total}+{scoring.TOLERANCE}>={_n(band.min)},{_text(band.grade)},{inner})"
    for ref, grade in reversed(list(vetoes)):
        inner = f"IF({occurred(ref)},{_text(grade)},{inner})"
    return f'=IF({total}="","",{inner})'


YES = ("是", "yes", "y", "x", "1", "√", "有", "true")  # as `rolebook score` reads a veto cell (results/check.py)


def occurred(ref: str) -> str:
    return "OR(" + ",".join([f"{ref}={_text(word)}" for word in YES] + [f"{ref}=1"]) + ")"


def adjustment_formula(refs: list[tuple[str, object]], limits) -> str:
    """加减分 (see scoring.adjusted): each item points × count within ±max, the sum within the limits."""
    parts = []
    for ref, item in refs:
        value = f"{_n(float(item.points or 0))}*IF(ISNUMBER({ref}),{ref},0)"
        if item.max is not None:
            value = f"MAX({_n(-float(item.max))},MIN({_n(float(item.max))},{value}))"
        parts.append(value)
    inner = "+".join(parts) or "0"
    if limits is not None and limits.min is not None:
        inner = f"MAX({_n(float(limits.min))},{inner})"
    if limits is not None and limits.max is not None:
        inner = f"MIN({_n(float(limits.max))},{inner})"
    return "=" + inner


def scheme_columns(role: Role) -> list[tuple[str, object]]:
    """The veto (`veto:ID`) and adjustment (`adj:ID`) columns, after the KPIs' inputs."""
    assessment = role.assessment
    return [(f"veto:{veto.id}", veto) for veto in (assessment.vetoes if assessment else [])] + \
        [(f"adj:{item.id}", item) for item in (assessment.adjustments if assessment else [])]


def workbook(role: Role, language: str, date: datetime.date | None) -> bytes:
    labels = labels_for(language)
    rule = scoring.rule_of(role.assessment)
    book = Workbook()
    sheet = book.active
    sheet.title = labels["wb_results"]
    _results_sheet(sheet, role, rule, labels)
    _rules_sheet(book.create_sheet(labels["wb_rules"]), role, rule, labels)
    moment = datetime.datetime.combine(date, datetime.time()) if date else EPOCH
    book.properties.created = book.properties.modified = moment
    book.properties.title = f"{role.title} {labels['wb_title']}"
    book.properties.identifier = role.id  # what `rolebook score` reads the role from
    book.properties.language = language
    book.properties.creator = "rolebook"
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue(), moment)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def reproducible(package: bytes, moment: datetime.datetime) -> bytes:
    """The package with fixed dates: openpyxl stamps the clock on the zip entries and on `modified`."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    parts = [(name, _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", data) if name == "docProps/core.xml" else data)
             for name, data in parts]
    return ooxml.write_package(parts)


def _results_sheet(sheet, role: Role, rule: scoring.Rule, labels: dict) -> None:
    f = Formatter(labels)
    inputs = input_columns(role)
    scheme = scheme_columns(role)
    kpis = role.kpis()
    adjusts = bool(role.assessment.adjustments)
    headers = ["employee", "period"] + [name for name, _, _ in inputs] + [name for name, _ in scheme] \
        + [f"{k.id}:score" for k in kpis] + [f"{k.id}:weighted" for k in kpis] \
        + (["adjustment"] if adjusts else []) + ["total", "grade"]
    column = {name: get_column_letter(n) for n, name in enumerate(headers, 1)}
    titles = {"employee": labels["employee_name"], "period": labels["period"], "total": labels["total"],
              "grade": labels["final_grade"], "adjustment": labels["adjustment_total"]}
    for name, kpi, rater in inputs:
        what = [kpi.name, labels["rating"] if kpi.kind == "qualitative" else labels["result"] + f.paren(kpi.unit)]
        if rater:
            what.append(dict((r, n) for r, n, _ in f.raters(role.assessment)).get(rater, rater))
        titles[name] = "\n".join(what)
    for name, item in scheme:
        titles[name] = f"{item.name}\n" + (labels["occurred"] if name.startswith("veto:") else
                                             labels["adjustment_count"])
    for kpi in kpis:
        titles[f"{kpi.id}:score"] = f"{kpi.name}\n{labels['score']}"
        titles[f"{kpi.id}:weighted"] = f"{kpi.name}\n{labels['weighted_score']}"
    _header_rows(sheet, [(name, titles[name]) for name in headers], labels)
    last = ROWS + FIRST_ROW - 1
    for name, kpi, rater in inputs:
        _validate(sheet, f"{column[name]}{FIRST_ROW}:{column[name]}{last}", kpi, rule, labels)
    for name, item in scheme:
        _validate_scheme(sheet, f"{column[name]}{FIRST_ROW}:{column[name]}{last}", name.startswith("veto:"),
                         labels)
    for row in range(FIRST_ROW, last + 1):
        for name in ["employee", "period"] + [name for name, _, _ in inputs] + [name for name, _ in scheme]:
            cell = sheet[f"{column[name]}{row}"]
            cell.protection, cell.fill = Protection(locked=False), INPUT_FILL
        for kpi in kpis:
            if kpi.kind == "qualitative":
                shares = dict(rule.raters)
                refs = [(f"{column[name]}{row}", shares[rater] if rater else 100.0)
                        for name, k, rater in inputs if k is kpi]
                formula = qualitative_formula(refs, kpi, rule)
            else:
                formula = quantitative_formula(f"{column[kpi.id]}{row}", kpi, rule)
            cells.formula(sheet[f"{column[kpi.id + ':score']}{row}"], formula)
            score = f"{column[kpi.id + ':score']}{row}"
            weighted = sheet[f"{column[kpi.id + ':weighted']}{row}"]
            cells.formula(weighted, f'=IF({score}="","",{score}*{_n(float(kpi.weight or 0))}/100)')
        first, end = column[f"{kpis[0].id}:weighted"], column[f"{kpis[-1].id}:weighted"]
        total = f"{column['total']}{row}"
        weighted_sum = f"SUM({first}{row}:{end}{row})"
        if adjusts:
            refs = [(f"{column[name]}{row}", item) for name, item in scheme if name.startswith("adj:")]
            cells.formula(sheet[f"{column['adjustment']}{row}"],
                          adjustment_formula(refs, role.assessment.adjustment_limits))
            weighted_sum = f"MIN(MAX({weighted_sum}+{column['adjustment']}{row},0),{_n(rule.cap)})"
        cells.formula(sheet[total], f'=IF(COUNT({first}{row}:{end}{row})<{len(kpis)},"",{weighted_sum})')
        cells.formula(sheet[f"{column['grade']}{row}"],
                      grade_formula(total, role.assessment.grades, veto_cells(role, column, row)))
        for name in headers[2 + len(inputs) + len(scheme):]:
            if name != "grade":
                sheet[f"{column[name]}{row}"].number_format = "0.00"
    sheet.freeze_panes = f"C{FIRST_ROW}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = sheet.protection.formatRows = False  # widen a column, not edit a formula
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"1:{FIRST_ROW - 1}"


def _header_rows(sheet, columns: list[tuple[str, str]], labels: dict) -> None:
    """Row 1 names each column for people (the KPI and what goes in it); row 2 holds the names `rolebook
    score` reads (a KPI's id, as in a CSV file's header), small and grey, with a note not to change them."""
    lines = 1
    for n, (name, title) in enumerate(columns, 1):
        letter = get_column_letter(n)
        longest = max(display_width(line) for line in title.split("\n"))
        one_line = longest + 3 if longest <= 14 else (longest + 1) // 2 + 4  # a long name on two lines
        width = min(MAX_WIDTH, max(10, one_line, display_width(name) * 2 // 3))
        sheet.column_dimensions[letter].width = width
        lines = max(lines, sum(-(-display_width(line) // (width - 1)) for line in title.split("\n")))
        heading = cells.put(sheet.cell(row=1, column=n), title)
        heading.font, heading.fill = font(bold=True), HEADER_FILL
        heading.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        key = cells.put(sheet.cell(row=2, column=n), name)
        key.font, key.fill = font(size=8, color="7F7F7F"), HEADER_FILL
        key.alignment = Alignment(horizontal="center", vertical="center", shrink_to_fit=True)
    sheet.cell(row=2, column=1).comment = Comment(labels["wb_id_note"], "rolebook", width=260, height=70)
    sheet.row_dimensions[1].height = 15 * lines + 4


def veto_cells(role: Role, column: dict, row: int) -> list[tuple[str, str]]:
    """(cell, grade) of each veto, worst grade first (the worst ticked decides, as scoring.veto_grade)."""
    grades = [band.grade for band in role.assessment.grades]
    found = [(f"{column['veto:' + veto.id]}{row}", veto.grade or (grades[-1] if grades else ""))
             for veto in role.assessment.vetoes]
    return sorted(found, key=lambda pair: -(grades.index(pair[1]) if pair[1] in grades else len(grades)))


def _validate_scheme(sheet, cells: str, veto: bool, labels: dict) -> None:
    """A veto's cell: yes or no; an adjustment's: how many times, a whole number."""
    if veto:
        words = (labels["yes"], labels["no"])
        rule = DataValidation(type="list", formula1=_text(",".join(words)), allow_blank=True, showErrorMessage=True,
                              error=labels["wb_level_error"].format(levels="、".join(words)))
    else:
        rule = DataValidation(type="whole", operator="between", formula1="0", formula2="100000", allow_blank=True,
                              showErrorMessage=True, error=labels["wb_number_error"])
    sheet.add_data_validation(rule)
    rule.add(cells)


def _validate(sheet, cells: str, kpi, rule: scoring.Rule, labels: dict) -> None:
    """Numbers for a result. For a rating: a drop-down of the levels that have a score; a level without
    one takes the number the rater writes (the scoring rule), so it is not offered (choosing it would leave
    the score #N/A and block the total) but named in the cell's prompt; with no scored level, a score."""
    if kpi.kind == "qualitative" and kpi.criteria:
        scored = [c.level for c in kpi.criteria if c.score is not None]
        unscored = [c.level for c in kpi.criteria if c.score is None]
        listed = ",".join(scored)
        prompt = labels["wb_score_prompt"].format(levels="、".join(unscored), cap=_n(rule.cap)) if unscored else None
        if not scored:
            validation = DataValidation(type="decimal", operator="between", formula1="0", formula2=_n(rule.cap),
                                        allow_blank=True, showErrorMessage=True,
                                        error=labels["wb_score_error"].format(cap=_n(rule.cap)))
        elif any("," in name or '"' in name for name in scored) or len(listed) >= 250:
            return  # a list Excel cannot hold inline: any text, which `rolebook score` checks
        else:
            validation = DataValidation(type="list", formula1=_text(listed), allow_blank=True,
                                        errorStyle="warning" if unscored else "stop", showErrorMessage=True,
                                        error=labels["wb_level_error"].format(levels="、".join(scored)))
        if prompt:
            validation.showInputMessage, validation.prompt = True, prompt[:255]  # Excel's limit for a prompt
    else:
        validation = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15",
                                    allow_blank=True, showErrorMessage=True, error=labels["wb_number_error"])
    sheet.add_data_validation(validation)
    validation.add(cells)


def _rules_sheet(sheet, role: Role, rule: scoring.Rule, labels: dict) -> None:
    """The rule in words and each KPI's and grade's numbers, for whoever checks the formulas."""
    f = Formatter(labels)
    cells.put(sheet["A1"], f"{role.title} {labels['wb_title']}")
    sheet["A1"].font = font(bold=True, size=14)
    cells.put(sheet["A2"], labels["wb_role"] + labels["colon"] + role.id)
    cells.put(sheet["A3"], labels["how_scored"] + labels["colon"] + " ".join(f.scoring_rule(role.assessment)))
    sheet["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A3:H3")
    sheet.row_dimensions[3].height = 90
    header = [labels["wb_column"], labels["kpi"], labels["weight"], labels["w_direction"], labels["target"],
              labels["pass"], labels["excellent"], labels["wb_levels"]]
    row = 5
    for n, text in enumerate(header, 1):
        cell = cells.put(sheet.cell(row=row, column=n), text)
        cell.font, cell.fill = font(bold=True), HEADER_FILL
    table = []
    for kpi in role.kpis():
        thresholds = kpi.thresholds
        levels = "\n".join((f.level(c) if c.score is not None else f"{c.level}{f.paren(labels['wb_number'])}")
                           + (labels["colon"] + c.description if c.description else "") for c in kpi.criteria)
        direction = "" if kpi.kind == "qualitative" else \
            f"≥ {labels['wb_higher']}" if kpi.direction == "higher" else f"≤ {labels['wb_lower']}"
        table.append([kpi.id, kpi.name, f"{float(kpi.weight or 0):g}%", direction, f.amount(kpi, kpi.target),
                      f.amount(kpi, thresholds.pass_ if thresholds else None),
                      f.amount(kpi, thresholds.excellent if thresholds else None), levels])
    widths = [min(40, max([display_width(str(values[n])) for values in table] + [minimum]) + 2)
              for n, minimum in enumerate((20, 24, 6, 12, 8, 8, 8))] + [LEVELS_WIDTH]
    for values in table:
        row += 1
        for n, value in enumerate(values, 1):
            cell = cells.put(sheet.cell(row=row, column=n), value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        lines = sum(-(-display_width(line) // (LEVELS_WIDTH * 2 // 3)) for line in values[-1].split("\n"))
        sheet.row_dimensions[row].height = 15 * max(1, lines) + 4  # Excel does not fit a row to its text
    row += 2
    cells.put(sheet.cell(row=row, column=1), labels["final_grade"]).font = font(bold=True)
    for grade, span, label, _ in f.grade_ranges(role.assessment.grades if role.assessment else []):
        row += 1
        for n, value in enumerate((grade, span, label or ""), 1):
            cells.put(sheet.cell(row=row, column=n), value)
    for letter, width in zip("ABCDEFGH", widths):
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0  # the levels column printed on page 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
