"""Text that comes from outside: control characters found in inputs, and made harmless on the terminal.

Specs, the library and policies may hold any printable text, tabs and line
breaks; other control characters (an escape sequence that retitles a terminal,
a NUL that breaks Word) are an error at the place they stand. Text that no
validator sees (commit subjects) has them removed, and whatever rolebook prints
shows them as escapes (`\\x1b`), never raw.
"""

from __future__ import annotations

import re

# C0 but tab and line feed, DEL, C1, and what XML cannot hold at all: lone surrogates and the noncharacters
# U+FFFE and U+FFFF (lxml refuses them: a build would die on them). Carriage returns are line ends:
# normalised first.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What a terminal must not receive raw: the controls above (line breaks too, inside one line)
# and the bidirectional overrides that make text read differently from what it holds.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def normalise_newlines(text: str) -> str:
    """CR LF and lone CR become LF, as Markdown would read them (a lone CR must not hide a line start)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def first_control(text: str) -> int | None:
    """Index of the first control character other than tab and newline, or None."""
    match = CONTROL.search(text)
    return match.start() if match else None


def without_controls(text: str) -> str:
    """The text with control characters removed (for text that no validator checks, such as git's)."""
    return CONTROL.sub("", normalise_newlines(text))


def describe_control(char: str) -> str:
    return f"U+{ord(char):04X}"


def control_kind(char: str) -> str:
    """What a refused character is, in a message: U+FFFE is no control character, but no less fatal."""
    from rolebook.messages import _

    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return _("lone surrogate")
    return _("noncharacter") if code in (0xFFFE, 0xFFFF) else _("control character")


def for_terminal(text: str, keep_newlines: bool = True) -> str:
    """Text safe to print: control and bidi-override characters shown as escapes."""

    def escape(match: re.Match) -> str:
        char = match.group()
        if char == "\n" and keep_newlines:
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(escape, text)
