"""PyYAML's syntax errors in the words of someone who writes role specs, at the line of the mistake.

The common mistakes each get a hint that says what to write: a tab in the indentation, an unquoted
": " inside a text, a key without its colon, a line indented differently from its block.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from rolebook.errors import Source
from rolebook.messages import _
from rolebook.spec.keyboard import line_mistake

_KEY = re.compile(r"^(\s*)(?:-\s+)*([^\s#:][^:#]*?):(?:\s|$)")
_INDENT = re.compile(r"^( *)((?:- +)*)(\S)")


def syntax_problem(text: str, exc: yaml.MarkedYAMLError, display: str) -> tuple[Source, str]:
    """Where the mistake is and what to do about it."""
    lines = text.split("\n")
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    problem, context = exc.problem or "", exc.context or ""
    for hint in (_keyboard, _flow_comma, _tab, _reserved_start, _colon_in_text, _indented_key, _missing_colon,
                 _misaligned):
        found = hint(lines, exc, line, column, problem, context)
        if found:
            (at_line, at_column), message = found
            return Source(display, at_line + 1, at_column + 1), message
    detail = " ".join(part for part in (context, problem) if part) or "invalid YAML"
    return Source(display, line + 1, column + 1), _("YAML cannot read the file here ({detail})").format(
        detail=detail)


def _text(lines: list[str], line: int) -> str:
    return lines[line] if 0 <= line < len(lines) else ""


def _keyboard(lines, exc, line, column, problem, context):
    """A full-width colon, space, dash or ＃ where YAML wants its own sign, on the line of the error or
    the line that opened what failed."""
    numbers = [line] + ([exc.context_mark.line] if exc.context_mark else []) + [line - 1]
    for number in dict.fromkeys(n for n in numbers if n >= 0):
        found = line_mistake(_text(lines, number))
        if found:
            return (number, found[0]), found[1]
    return None


def _flow_comma(lines, exc, line, column, problem, context):
    """`{pass: 90，excellent: 110}`: a full-width comma or 、 between the entries of {…} or […]."""
    if "flow" not in context + problem:
        return None
    start = exc.context_mark.line if exc.context_mark else line
    for number in range(start, line + 1):
        text = _text(lines, number)
        found = re.search(r"[，、]", text[text.find("{") if "{" in text else text.find("["):]) \
            if ("{" in text or "[" in text) else None
        if found:
            at = (text.find("{") if "{" in text else text.find("[")) + found.start()
            return (number, at), _("a full-width {sign} between the entries of {{…}} or […]; YAML separates them "
                                   "with a half-width comma and a space (, )").format(sign=found.group())
    return None


def _reserved_start(lines, exc, line, column, problem, context):
    """`unit: %`: a value starting with %, @ or ` cannot be written plain in YAML."""
    char = _text(lines, line)[column:column + 1]
    if "cannot start any token" not in problem or char not in "%@`":
        return None
    key = _KEY.match(_text(lines, line))
    value = _text(lines, line)[column:].split(" #")[0].strip()
    example = f'{key.group(2).strip()}: "{value}"' if key else f'"{value}"'
    return (line, column), _("a value cannot start with {char} in YAML; put it in quotes: {example}").format(
        char=char, example=example)


def _tab(lines, exc, line, column, problem, context):
    """A tab where YAML wants spaces (it allows none in indentation)."""
    for number in (line, line - 1):
        indent = re.match(r"^[ \t]*", _text(lines, number)).group()
        if "\t" in indent:
            return (number, indent.index("\t")), _("a tab in the indentation; YAML indents with spaces only: "
                                                    "replace the tab with spaces")
    if "cannot start any token" in problem and _text(lines, line)[column:column + 1] == "\t":
        return (line, column), _("a tab where YAML expects text; replace it with a space")
    return None


def _colon_in_text(lines, exc, line, column, problem, context):
    """`summary: 本岗位: 负责销售`: the second ": " would start a mapping inside a text."""
    if "mapping values are not allowed" not in problem:
        return None
    current = _text(lines, line)
    key = _KEY.match(current)
    if not key or key.end() > column:
        return None  # the colon is the line's own: an indentation mistake, not text
    value = current[key.end():].strip()
    name = key.group(2).strip()
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    hint = _("the text of '{name}' holds ': ', which YAML reads as the start of a mapping; put the text in "
             "quotes: {name}: {quoted}").format(name=name, quoted=quoted)
    if unicodedata.east_asian_width(current[column - 1:column] or " ") in "WF":
        hint += _(" (or write the full-width colon ：)")
    return (line, column), hint


def _indented_key(lines, exc, line, column, problem, context):
    """`  title: R` under `id: r`: a key indented more than the keys beside it."""
    if "mapping values are not allowed" not in problem:
        return None
    current = _text(lines, line)
    key = _KEY.match(current)
    if not key:
        return None
    indent = key.start(2)
    above = _previous_key(lines, line)
    if above is None:
        return None
    above_line, above_column, above_name = above
    if indent <= above_column:
        return None
    return (line, indent), _("'{key}' is indented more than '{above}' on line {line}; keys of one mapping start "
                             "in the same column (column {column}), or the line above needs nothing after its "
                             "colon").format(key=key.group(2).strip(), above=above_name, line=above_line + 1,
                                             column=above_column + 1)


def _missing_colon(lines, exc, line, column, problem, context):
    """`title R`: a key without its colon."""
    if "could not find expected ':'" not in problem or exc.context_mark is None:
        return None
    at = exc.context_mark.line
    current = _text(lines, at)
    words = current.strip().split(None, 1)
    if not words:
        return None
    indent = len(current) - len(current.lstrip())
    example = f"{words[0]}: {words[1]}" if len(words) > 1 else f"{words[0]}:"
    return (at, indent), _("'{line}' has no ':' after its key; write it as {example}").format(
        line=current.strip(), example=example)


def _misaligned(lines, exc, line, column, problem, context):
    """A line that starts in a column no key or item above it starts in, or a key among list items."""
    if not any(text in problem for text in ("did not find expected", "expected <block end>")):
        return None
    found = _INDENT.match(_text(lines, line))
    if not found:
        return None
    start = exc.context_mark.line if exc.context_mark else max(0, line - 1)
    columns: dict[int, int] = {}  # column → the first line above that starts something there
    for number in range(start, line):
        above = _INDENT.match(_text(lines, number))
        if above and above.group(3) != "#":
            columns.setdefault(len(above.group(1)), number)
            columns.setdefault(len(above.group(1)) + len(above.group(2)), number)
    own = len(found.group(1))
    if not columns:
        return None
    if own in columns:
        if found.group(2) or "'-' indicator" not in problem:
            return None
        deeper = sorted(c for c in columns if c > own)
        other = _(", or line it up with {place}").format(place=_named(lines, columns[deeper[0]], deeper[0])) \
            if deeper else ""
        return (line, own), _("this line starts in column {column} like the list's items (line {line}) but is not "
                              "one: start it with '- '{other}").format(column=own + 1, line=columns[own] + 1,
                                                                       other=other)
    nearest = min(columns, key=lambda c: (abs(c - own), -c))
    return (line, own), _("wrong indentation: this line starts in column {column}, where nothing above it does; "
                          "line it up with {place}, using spaces").format(
        column=own + 1, place=_named(lines, columns[nearest], nearest))


def _named(lines, number: int, column: int) -> str:
    word = re.match(r"[^\s:]+", _text(lines, number)[column:])
    what = f"'{word.group()}'" if word and word.group() != "-" else "'- '"
    return _("{what} in column {column} on line {line}").format(what=what, column=column + 1, line=number + 1)


def _previous_key(lines, line):
    for number in range(line - 1, -1, -1):
        text = _text(lines, number)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        key = _KEY.match(text)
        if key:
            return number, key.start(2), key.group(2).strip()
        return None
    return None
