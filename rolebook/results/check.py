"""Results checked completely against the roles before anything is scored or written: every problem
is found in one pass and reported as FILE:ROW:COLUMN. Messages name rows and KPIs, not employees:
results are personal data and terminals end up in logs.

The pass keeps no record (only what finds a duplicate and the periods): scoring reads the rows again
(`Checker.records`), so memory does not grow with the number of employees."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator

from rolebook.errors import ERROR, WARNING, Problem, UsageError
from rolebook.project import Project
from rolebook.results.read import COMPUTED, Table
from rolebook.sanitize import CONTROL, control_kind, describe_control, normalise_newlines
from rolebook.spec import scoring
from rolebook.spec.model import Role
from rolebook.spec.schema import closest
from rolebook.messages import _

FIXED = ("employee", "role", "period")
YES = {"yes", "y", "true", "1", "x", "是", "有", "√", "✓", "✔"}
NO = {"", "no", "n", "false", "0", "否", "无", "-", "—"}
_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
_PERIOD = re.compile(r"^[\w\u00b7.() -]{1,60}$")  # a folder name: letters, digits, _ - . ( ) and spaces


@dataclass
class Record:
    """One employee's results for one role in one period."""

    row: int
    employee: str
    role: Role
    period: str
    results: dict[str, object]  # for scoring.appraise: KPI id → a number, a level or {rater: level or number}
    written: dict[str, str] = field(default_factory=dict)  # form field → the result as written


def number(value: object) -> float | None:
    """A result as a number: 85, "85.5", "1,200", "90%", full-width digits; None when it is not one."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = unicodedata.normalize("NFKC", str(value)).replace(",", "").replace(" ", "")
    text = text[:-1] if text.endswith("%") else text
    return float(text) if _NUMBER.match(text) else None


def shown_value(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


class Checker:
    def __init__(self, project: Project, table: Table, period: str | None):
        self.project, self.table, self.period = project, table, period
        self.problems: list[Problem] = [self.problem(r, c, "bad-results", m) for r, c, m in table.problems]
        self.warnings: list[Problem] = []  # what may be a slip but scores as written (said, not refused)
        self.skipped: list[tuple[int, str]] = []  # (row, period) of the rows --period leaves out
        self.reported: set[tuple[str, str]] = set()  # (role, column) missing, reported once
        self.found = 0  # the records of the period
        self.roles: set[str] = set()  # their roles
        self.periods: set[str] = set()

    def problem(self, row: int, column: int, code: str, message: str, severity: str = ERROR) -> Problem:
        if self.table.sheet and column >= 1:  # a spreadsheet user looks for G4, not for row 4, column 7
            from openpyxl.utils import get_column_letter

            message += _(" (cell {cell})").format(cell=f"{get_column_letter(column)}{row}")
        return Problem(self.table.file, row, column, severity, code, message)

    def warn(self, row: int, column: int, code: str, message: str) -> None:
        self.warnings.append(self.problem(row, column, code, message, WARNING))

    def check(self) -> None:
        """Every problem of the file, in `problems`; the records counted, not kept."""
        table = self.table
        self.check_text([(table.header_row, table.header)])
        if self.problems or not table.header:
            return
        if table.column("employee") is None:
            self.problems.append(self.problem(table.header_row, 1, "missing-column",
                                              _("no 'employee' column (name or number)")))
            return
        if table.role is None and table.column("role") is None:
            self.problems.append(self.problem(table.header_row, len(table.header) + 1, "missing-column",
                                              _("no 'role' column (the role id of each row)")))
            return
        if self.period is None and table.column("period") is None:
            raise UsageError(_("{file} has no 'period' column; say which period it is with --period").format(
                                 file=table.file))
        text_problems: list[Problem] = []
        named: set[str] = set()
        duplicates, periods = Duplicates(self), []
        at = table.column("role")
        for row, cells in table.rows:
            text_problems += self.check_text([(row, cells)])
            if at is not None and at < len(cells):
                named.add(str(cells[at]))
            record = self.record(row, cells) if not text_problems else None
            if record is not None:
                self.found += 1
                self.roles.add(record.role.id)
                duplicates.check(record)
                periods += self.check_period(record)
        if text_problems:  # what Word and web pages cannot hold is said first, and alone
            self.problems = text_problems
            return
        unknown = any(problem.code == "unknown-role" for problem in self.problems)  # its columns are not known
        header = [] if unknown else self.header_problems(self.roles_named(named))
        self.problems = header + self.problems + duplicates.problems + periods
        if self.skipped:
            row, _period = self.skipped[0]
            self.warn(row, (table.column("period") or 0) + 1, "other-period", _(
                "{count} row(s) of other periods left out (the first: row {row}); --period {period} scores its "
                "own rows only").format(count=len(self.skipped), row=row, period=self.period))
        if len([p for p in self.periods if p]) > 1 and not self.problems:
            raise UsageError(_("{file} holds results of several periods ({periods}); choose one with "
                               "--period").format(file=self.table.file, periods=', '.join(sorted(self.periods))))

    def again(self) -> Checker:
        """A checker that reads the same file's records again, with what `check` counted (and without
        what found the duplicates)."""
        fresh = Checker(self.project, self.table, self.period)
        fresh.found, fresh.roles, fresh.periods = self.found, self.roles, self.periods
        return fresh

    def records(self) -> Iterator[Record]:
        """The records of a file `check` found no problem in, read again one by one."""
        for row, cells in self.table.rows:
            record = self.record(row, cells)
            if self.problems:  # the file changed since it was checked
                raise UsageError(_("{file} changed while it was scored; run the command again").format(
                                     file=self.table.file))
            if record is not None:
                yield record

    def check_text(self, rows: list[tuple[int, list[object]]]) -> list[Problem]:
        """No cell holds what Word and web pages cannot (a NUL, an escape sequence, U+FFFE): names and
        comments go into every appraisal. The problems found are added and returned."""
        found = []
        for row, cells in rows:
            for column, value in enumerate(cells, 1):
                match = CONTROL.search(normalise_newlines(value)) if isinstance(value, str) else None
                if match:
                    found.append(self.problem(
                        row, column, "control-character",
                        _("{group} {group2} in the cell; only tabs and line breaks are allowed").format(
                            group=control_kind(match.group()),
                            group2=describe_control(match.group()))))
        self.problems += found
        return found

    def roles_named(self, named: set[str]) -> dict[str, Role]:
        """The roles the rows name (each row's is checked with the row)."""
        if self.table.role is not None:
            role = self.project.roles.get(self.table.role)
            return {role.id: role} if role else {}
        return {name: self.project.roles[name] for name in sorted(named) if name in self.project.roles}

    def header_problems(self, roles: dict[str, Role]) -> list[Problem]:
        known = set(FIXED)
        for role in roles.values():
            known.update(_columns(role))
        found = []
        for index, name in enumerate(self.table.header):
            if name in known or name in COMPUTED or (":" in name and self.table.role) or not name:
                continue
            guess = closest(name, sorted(known))
            hint = f"; did you mean '{guess}'?" if guess else ""
            found.append(self.problem(self.table.header_row, index + 1, "unknown-column",
                                      _("'{name}' is no KPI of the roles in this file{hint}").format(
                                          name=name,
                                          hint=hint)))
        return found

    def record(self, row: int, cells: list[object]) -> Record | None:
        table = self.table

        def cell(name: str) -> object:
            at = table.column(name)
            return cells[at] if at is not None and at < len(cells) else ""

        def where(name: str) -> int:
            at = table.column(name)
            return at + 1 if at is not None else len(table.header) + 1

        role_id = table.role or str(cell("role"))
        role = self.project.roles.get(role_id)
        if role is None or role.abstract:
            concrete = self.project.concrete_roles()
            guess = closest(role_id, sorted(r.id for r in concrete)) or next(
                (r.id for r in concrete if r.title == role_id.strip()), None)  # its title, 销售人员
            reason = _("is a family, not a role") if role is not None else _("is no role of this project")
            self.problems.append(self.problem(row, where("role"), "unknown-role", _("'{role_id}' {reason}").format(
                                                                                      role_id=role_id,
                                                                                      reason=reason)
                                              + (_("; did you mean '{guess}'?").format(guess=guess)
                                                 if guess and role is None else "")))
            return None
        employee = shown_value(cell("employee"))
        if not employee:
            self.problems.append(self.problem(row, where("employee"), "missing-result",
                                              _("no employee name or number")))
        period = shown_value(cell("period")) or self.period or ""
        if self.period is not None and period != self.period:
            self.skipped.append((row, period))
            return None  # another period's row
        record = Record(row, employee, role, period, {})
        rule = scoring.rule_of(role.assessment)
        for kpi in role.kpis():
            if kpi.kind == "qualitative" and len(rule.raters) > 1 and table.column(kpi.id) is None:
                ratings = {}
                for rater, _share in rule.raters:
                    name = f"{kpi.id}@{rater}"
                    ratings[rater] = self.rating(row, name, where(name), cell(name), kpi, rule, record)
                record.results[kpi.id] = ratings
            elif kpi.kind == "qualitative":
                record.results[kpi.id] = self.rating(row, kpi.id, where(kpi.id), cell(kpi.id), kpi, rule, record)
            else:
                record.results[kpi.id] = self.result(row, where(kpi.id), cell(kpi.id), kpi, record)
        for veto in role.assessment.vetoes:
            name = f"veto:{veto.id}"
            record.results[name] = self.occurred(row, where(name), cell(name), veto, record)
        for item in role.assessment.adjustments:
            name = f"adj:{item.id}"
            record.results[name] = self.count(row, where(name), cell(name), item, record)
        return record

    def occurred(self, row: int, column: int, value: object, veto, record: Record) -> bool:
        """A veto item's cell: yes or no (是/否, x, 1/0); empty is no."""
        text = unicodedata.normalize("NFKC", shown_value(value)).strip().casefold()
        if text in NO:
            return False
        if text in YES:
            record.written[f"veto:{veto.id}"] = "yes"
            return True
        self.problems.append(self.problem(row, column, "unknown-level", _(
            "veto {veto_name} (veto:{veto_id}): write yes or no (是 / 否)").format(veto_name=veto.name,
                                                                                  veto_id=veto.id)))
        return False

    def count(self, row: int, column: int, value: object, item, record: Record) -> float:
        """An adjustment's cell: how many times (a whole number, 0 or more); empty is 0."""
        if value == "":
            return 0.0
        found = number(value)
        if found is None or found < 0 or not float(found).is_integer():
            self.problems.append(self.problem(row, column, "not-a-number", _(
                "adjustment {item_name} (adj:{item_id}): write how many times, a whole number").format(
                    item_name=item.name, item_id=item.id)))
            return 0.0
        if found:
            record.written[f"adj:{item.id}"] = shown_value(int(found))
        return found

    def missing(self, row: int, column: int, name: str, kpi, role: Role) -> None:
        if self.table.column(name) is None:
            if (role.id, name) in self.reported:
                return  # once for a role, not on each of its rows
            self.reported.add((role.id, name))
            self.problems.append(self.problem(row, column, "missing-column",
                                              _("no column '{name}' for KPI {kpi_name} of role {role_id}").format(
                                                  name=name,
                                                  kpi_name=kpi.name,
                                                  role_id=role.id)))
        else:
            self.problems.append(self.problem(row, column, "missing-result", _(
                "no result for KPI {kpi_name} ({name})").format(kpi_name=kpi.name, name=name)))

    def result(self, row: int, column: int, value: object, kpi, record: Record) -> float | None:
        if value == "":
            self.missing(row, column, kpi.id, kpi, record.role)
            return None
        found = number(value)
        if found is None:
            self.problems.append(self.problem(row, column, "not-a-number", _(
                "the result of KPI {kpi_name} ({kpi_id}) is not a number: “{value}”").format(
                    kpi_name=kpi.name, kpi_id=kpi.id, value=shown_value(value)[:40])))
            return None
        self.check_plausible(row, column, found, value, kpi)
        record.written[kpi.id] = shown_value(value)
        return found

    def check_plausible(self, row: int, column: int, found: float, value: object, kpi) -> None:
        """A warning for a result that scores as written but is likely a slip: a percentage typed as a
        fraction (0.95 where the thresholds are 90 and 105 scores 0), or a negative count or rate."""
        thresholds = kpi.thresholds
        values = [float(v) for v in (kpi.target, thresholds.pass_ if thresholds else None,
                                     thresholds.excellent if thresholds else None)
                  if isinstance(v, (int, float)) and not isinstance(v, bool)]
        if not values:
            return
        if kpi.unit == "%" and 0 < abs(found) <= 1.5 and min(values) >= 10 and "%" not in str(value):
            self.warn(row, column, "implausible-result", _(
                "KPI {kpi_name} ({kpi_id}): {value} is read as {value}%; a result in % is written as 95 or "
                "95%, not as the fraction 0.95").format(kpi_name=kpi.name, kpi_id=kpi.id, value=f"{found:g}"))
        elif found < 0 <= min(values):
            self.warn(row, column, "implausible-result", _(
                "KPI {kpi_name} ({kpi_id}): a negative result ({value}) where every threshold is 0 or more"
            ).format(kpi_name=kpi.name, kpi_id=kpi.id, value=f"{found:g}"))

    def rating(self, row: int, name: str, column: int, value: object, kpi, rule, record: Record) -> object:
        if value == "":
            self.missing(row, column, name, kpi, record.role)
            return None
        levels = scoring.levels_of(kpi)
        rating = value if isinstance(value, float) else (number(value) if number(value) is not None else str(value))
        try:
            scoring.rating_score(levels, rating, rule)
        except scoring.RatingError as exc:
            self.problems.append(self.problem(row, column, "unknown-level", _(
                "KPI {kpi_name} ({name}): {value}").format(kpi_name=kpi.name, name=name, value=exc)))
            return None
        record.written[name] = shown_value(value)
        return rating

    def check_period(self, record: Record) -> list[Problem]:
        self.periods.add(record.period)
        column = (self.table.column("period") or 0) + 1
        if not record.period:
            return [self.problem(record.row, column, "missing-result", _("no period (write it, or give --period)"))]
        if not _PERIOD.match(record.period) or record.period.strip(".") == "":
            return [self.problem(record.row, column, "bad-period",
                                 _("a period is letters, digits, spaces and - _ . ( ) (2026Q1)"))]
        return []


class Duplicates:
    """An employee named twice in a period (the first row is named in the problem)."""

    def __init__(self, checker: Checker):
        self.checker = checker
        self.seen: dict[tuple[str, str], int] = {}
        self.column = (checker.table.column("employee") or 0) + 1
        self.problems: list[Problem] = []

    def check(self, record: Record) -> None:
        key = (record.employee, record.period)
        if record.employee and key in self.seen:
            self.problems.append(self.checker.problem(record.row, self.column, "duplicate-employee",
                                                      _("{name} appears again in {period} (row {key}): one "
                                                        "person is one row; two people of one name are told apart "
                                                        "in it, as {name}（1023）").format(
                                                          name=record.employee, period=record.period or "—",
                                                          key=self.seen[key])))
        self.seen.setdefault(key, record.row)


def _columns(role: Role) -> list[str]:
    """The result columns a role's rows may have: each KPI's id, and KPI@RATER for qualitative KPIs."""
    rule = scoring.rule_of(role.assessment)
    names = []
    for kpi in role.kpis():
        names.append(kpi.id)
        if kpi.kind == "qualitative":
            names += [f"{kpi.id}@{rater}" for rater, _ in rule.raters]
    assessment = role.assessment
    names += [f"veto:{veto.id}" for veto in (assessment.vetoes if assessment else [])]
    names += [f"adj:{item.id}" for item in (assessment.adjustments if assessment else [])]
    return names


def check_results(project: Project, table: Table, period: str | None) -> tuple[list[Record], list[Problem]]:
    """Every record of a file (held in a list: for tests and small files; `rolebook score` streams them
    through a Checker) and its problems."""
    checker = Checker(project, table, period)
    checker.check()
    if checker.problems:
        return [], checker.problems
    return list(Checker(project, table, period).records()), []
