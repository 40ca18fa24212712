"""`rolebook bump`: a role's next version, written into its file by line-precise edits.

Only the version's value (and the effective date's, and a new first entry of `changes:`) change;
every other byte of the file, comments and layout included, stays as it was. A round-trip YAML
library was tried and re-indented the lists of most files.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from rolebook.errors import RolebookError, UsageError
from rolebook.scaffold import yaml_scalar
from rolebook.spec.loader import Mapping, Sequence, load_text
from rolebook.messages import _

PARTS = ("major", "minor", "patch")
_VERSION = re.compile(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?$")


class BumpError(RolebookError):
    """The file cannot be bumped as it is (exit 1)."""


@dataclass
class Bumped:
    old: str | None
    new: str
    text: str
    warnings: tuple[str, ...] = ()  # what the user may not have meant (an effective date kept or moved back)


def next_version(version: str | None, part: str) -> str:
    """1.4.2 → 2.0.0 / 1.5.0 / 1.4.3; a version of fewer parts gets all three (1.9 → 1.10.0), as
    `version-format` asks."""
    if version is None:
        version = "0.0.0"
    match = _VERSION.match(version.strip())
    if not match:
        raise BumpError(_("version '{version}' is not numbers separated by dots (1.4.0); set it by hand").format(
                            version=version))
    numbers = [int(n) for n in match.groups() if n is not None]
    width = max(len(numbers), 3)
    numbers += [0] * (width - len(numbers))
    index = PARTS.index(part)
    numbers[index] += 1
    numbers[index + 1:] = [0] * (width - index - 1)
    return ".".join(map(str, numbers))


def bump_text(text: str, display: str, part: str, inherited: str | None = None,
              effective: datetime.date | None = None, summary: str | None = None, status: str = "draft",
              inherited_status: str = "draft") -> Bumped:
    """The file's text with the next version, in `status` (a new version is a draft until someone approves
    it). `inherited`, `inherited_status`: what a family gives when the file names none."""
    tree, problems = load_text(text, display)
    if problems or not isinstance(tree, Mapping):
        first = problems[0] if problems else None
        raise BumpError(_("{spec}; fix the file first").format(spec=first or display + ': not a role spec'))
    lines = text.split("\n")
    old = tree.get("version") if "version" in tree else inherited
    old = None if old is None else str(old)
    new = next_version(old, part)
    changes = tree.get("changes")
    if isinstance(changes, Sequence) and changes and not summary:
        raise UsageError(_("{value} keeps a change history (changes:); say what changed with --summary").format(
                             value=display))
    edits: list[tuple[int, int, int, str]] = []  # (line, start column, end column, new text), 0-based
    inserts: list[tuple[int, list[str]]] = []  # (insert before line, lines)
    if "version" in tree:
        edits.append(_scalar_edit(lines, tree, "version", new))
    else:
        inserts.append((_line_after(tree, "id"), [f"version: {yaml_scalar(new)}"]))
    if "status" in tree:
        if tree.get("status") != status:
            edits.append(_scalar_edit(lines, tree, "status", status))
    elif inherited_status != status:
        inserts.append((_line_after(tree, "version" if "version" in tree else "id"), [f"status: {status}"]))
    if effective is not None:
        if "effective" in tree:
            edits.append(_scalar_edit(lines, tree, "effective", effective.isoformat(), date=True))
        else:
            anchor = "version" if "version" in tree else "id"
            inserts.append((_line_after(tree, anchor), [f"effective: {effective.isoformat()}"]))
    if summary:
        date = effective or _date(tree.get("effective"))
        inserts.append(_change_entry(lines, tree, new, date, summary))
    for line, start, end, value in edits:
        lines[line] = lines[line][:start] + value + lines[line][end:]
    for before, new_lines in sorted(inserts, key=lambda insert: insert[0], reverse=True):
        lines[before:before] = new_lines
    return Bumped(old, new, "\n".join(lines), _date_warnings(_date(tree.get("effective")), effective, display))


def _date_warnings(before: datetime.date | None, given: datetime.date | None, display: str) -> tuple[str, ...]:
    """A new version keeping the previous version's effective date, or one dated before it: bump did it
    silently (1.1.0 listed as effective 2026-01-01, the day 1.0.0 took effect)."""
    if given is None and before is not None:
        return (_("{spec}: effective is still {date}, the previous version's; give this version's date with "
                  "--effective YYYY-MM-DD").format(spec=display, date=before.isoformat()),)
    if given is not None and before is not None and given < before:
        return (_("{spec}: --effective {given} is before the previous version's {date}").format(
            spec=display, given=given.isoformat(), date=before.isoformat()),)
    return ()


def _scalar_edit(lines: list[str], tree: Mapping, key: str, value: str,
                 date: bool = False) -> tuple[int, int, int, str]:
    """Replace a one-line scalar in place, in the quotes it had (or quotes it now needs)."""
    source = tree.value_sources[key]
    line, start = source.line - 1, source.column - 1
    text = lines[line]
    quote = text[start:start + 1]
    if quote in ("'", '"'):
        end = _closing_quote(text, start)
        if end is None:
            raise BumpError(_("{file}:{line}: '{key}' runs over several lines; set it by hand").format(
                                file=source.file,
                                line=source.line,
                                key=key))
        return line, start, end + 1, f"{quote}{value}{quote}"
    if quote in ("|", ">"):
        raise BumpError(_("{file}:{line}: '{key}' is a block of text; write it on one line").format(
                            file=source.file,
                            line=source.line,
                            key=key))
    comment = re.search(r"\s+#", text[start:])
    end = start + comment.start() if comment else len(text.rstrip())
    return line, start, end, value if date else yaml_scalar(value)


def _closing_quote(text: str, start: int) -> int | None:
    quote, index = text[start], start + 1
    while index < len(text):
        if quote == '"' and text[index] == "\\":
            index += 2
            continue
        if text[index] == quote:
            if quote == "'" and text[index + 1:index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


def _line_after(tree: Mapping, key: str) -> int:
    """The line after a top-level key's one-line value (0-based, for an insert)."""
    return tree.value_sources[key].line if key in tree else tree.source.line - 1


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _change_entry(lines: list[str], tree: Mapping, version: str, date: datetime.date | None,
                  summary: str) -> tuple[int, list[str]]:
    """The new first entry of `changes:`, laid out like the entries already there."""
    fields = [("version", yaml_scalar(version))] + ([("date", date.isoformat())] if date else []) + [
        ("summary", yaml_scalar(summary))]
    changes = tree.get("changes")
    if not isinstance(changes, Sequence) or not changes:
        if "changes" in tree:
            raise BumpError(_("{file}:{line}: 'changes' is empty or not a list; write its first entry by "
                              "hand").format(
                                file=tree.value_sources['changes'].file,
                                line=tree.value_sources['changes'].line))
        return len(lines) - (1 if lines and lines[-1] == "" else 0), [
            "", "changes:", f"  - {fields[0][0]}: {fields[0][1]}",
            *(f"    {key}: {value}" for key, value in fields[1:])]
    first = changes.item_sources[0]
    line, column = first.line - 1, first.column - 1
    text = lines[line]
    if tree.key_sources["changes"].line - 1 == line:
        raise BumpError(_("{file}:{line}: 'changes' is written on one line; put each entry on a line of "
                          "its own (- version: …)").format(file=first.file, line=first.line))
    dash = text.rfind("-", 0, column)
    if dash < 0:
        raise BumpError(_("{file}:{line}: cannot find the first entry of 'changes'").format(
                            file=first.file,
                            line=first.line))
    if text[column:column + 1] == "{":
        body = ", ".join(f"{key}: {value}" for key, value in fields)
        return line, [f"{text[:dash]}- {{{body}}}"]
    return line, [f"{text[:dash]}{text[dash:column]}{fields[0][0]}: {fields[0][1]}",
                  *(f"{' ' * column}{key}: {value}" for key, value in fields[1:])]


def bump_file(path: Path, display: str, part: str, inherited: str | None, effective: datetime.date | None,
              summary: str | None, status: str = "draft", inherited_status: str = "draft") -> Bumped:
    from rolebook.outputs import write_atomically

    text = path.read_bytes().decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    bumped = bump_text(text[len(bom):], display, part, inherited, effective, summary, status, inherited_status)
    write_atomically(path, (bom + bumped.text).encode("utf-8"), mode=path.stat().st_mode & 0o777)
    return bumped


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(_("--effective {value}: expected a date written as YYYY-MM-DD").format(value=value)) from None
