"""What a Chinese input method types where YAML wants ASCII: each mistake found at its line with the fix.

A Chinese keyboard gives the full-width colon ：, space U+3000, dashes － — – and number sign ＃. YAML
takes none of them for its own signs, so `title：出纳` is a key without a colon, `　　- title: 收款` a
key named '　　- title', `－ 点钞` a line of text instead of a list item and `＃ 备注` text instead of a
comment; some of these even parse, silently wrong. A plain text value followed by ` #2 号楼` loses it
to a YAML comment.

Block texts (`|`, `>`) and quoted texts are left alone: there these characters are the user's text.
"""

from __future__ import annotations

import re

from rolebook.messages import _

FULL_WIDTH_SPACE = "\u3000"
DASHES = "\uff0d\u2014\u2013\ufe63\u2010"  # － — – ﹣ ‐
_KEY_WITH_FULL_COLON = re.compile(r"^([ \t]*(?:-[ \t]+)?)([A-Za-z_][\w.-]*)[ \t]*：[ \t]*(.*)$")
_INDENT = re.compile(r"^[ \t\u3000]*")
_LIST_DASH = re.compile(rf"^([ \t]*)([{DASHES}])[ \t\u3000]+(.*)$")
_FULL_HASH = re.compile(r"^([ \t]*)＃[ \t\u3000]*(.*)$")
_COMMENT_IN_TEXT = re.compile(r"^([ \t]+)#(\S.*)$")


def line_mistake(line: str) -> tuple[int, str] | None:
    """The first keyboard mistake on a line of YAML (its 0-based column and what to write), or None."""
    indent = _INDENT.match(line).group()
    if FULL_WIDTH_SPACE in indent:
        fixed = " " * (len(indent) + indent.count(FULL_WIDTH_SPACE)) + line[len(indent):]
        return indent.index(FULL_WIDTH_SPACE), _(
            "a full-width space (U+3000) in the indentation; YAML indents with ASCII spaces only "
            "(two for each full-width one): {fixed}").format(fixed=fixed.rstrip())
    found = _KEY_WITH_FULL_COLON.match(line)
    if found:
        lead, key, value = found.groups()
        return line.index("："), _("the colon after '{key}' is the full-width '：' an input method types; YAML "
                                   "needs ':' and a space: {fixed}").format(
            key=key, fixed=f"{lead.strip()} {key}: {value}".strip())
    found = _LIST_DASH.match(line)
    if found:
        lead, dash, text = found.groups()
        return len(lead), _("'{dash}' is not a list marker (it is {code}); a list item starts with the ASCII '-' "
                            "and a space: {fixed}").format(dash=dash, code=f"U+{ord(dash):04X}",
                                                           fixed=f"- {text}".rstrip())
    found = _FULL_HASH.match(line)
    if found:
        lead, text = found.groups()
        return len(lead), _("'＃' is the full-width number sign; a YAML comment starts with '#': {fixed}").format(
            fixed=f"# {text}".rstrip())
    return None


def plain_text_mistake(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """A mistake inside a plain (unquoted, not block) scalar of `text`, spanning [start, end):
    (0-based line offset from the scalar's first line, column, message)."""
    first = text.rfind("\n", 0, start) + 1
    lines = text[first:end].split("\n")
    for offset, line in enumerate(lines):
        found = line_mistake(line)
        if found:
            return offset, found[0], found[1]
    return None


def comment_in_text(text: str, start: int, end: int, value: str) -> tuple[int, str] | None:
    """` #2 号楼` right after a one-line plain text: YAML read it as a comment (column of '#', message)."""
    line_end = text.find("\n", end)
    rest = text[end:line_end if line_end >= 0 else len(text)]
    found = _COMMENT_IN_TEXT.match(rest)
    if not found:
        return None
    first = text.rfind("\n", 0, start) + 1
    lead = text[first:start]
    whole = f"{value}{found.group(1)}#{found.group(2).rstrip()}"
    quoted = '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return end - first + len(found.group(1)), _(
        "' #{comment}' after the text is read as a YAML comment, so the text is only '{value}'; if it belongs to "
        "the text, quote it: {fixed} (a comment is written '# ' with a space)").format(
        comment=found.group(2).rstrip(), value=value, fixed=f"{lead.strip()} {quoted}".strip())
