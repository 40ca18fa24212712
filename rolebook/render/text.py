"""Measuring text: East Asian characters are twice as wide as Latin ones and break anywhere."""

from __future__ import annotations

import re
import unicodedata

_ROOM = re.compile("\u00a0{2,}")
_SPACE = re.compile(r"[ \t\n\r\f\v\u2000-\u200b\u3000]+")
GLUE = "\u00a0\u2060"  # a no-break space ("≥ 90%", "☐ Good") joins what it touches (a word joiner too, if given)
# Around a short text that no line may break inside (电话销售主管, 次/季度): two private-use characters that
# the templates put in and the writers take out, so that no invisible character reaches a document:
# HTML keeps the text on one line with `white-space: nowrap`, Word tables give its column the width.
KEEP_OPEN, KEEP_CLOSE = "\ue000", "\ue001"
_KEEP = re.compile(f"{KEEP_OPEN}([^{KEEP_OPEN}{KEEP_CLOSE}]*){KEEP_CLOSE}")


# One spacing rule for comparisons, in every document and language: the sign, a no-break space, the number,
# and before a unit written in characters another no-break space (≥ 90%, ≤ 1 次, ≥ 48 次/季度), whether the
# text came from rolebook or from a spec ("≤1次" and "≤ 3%" side by side was two rules).
_COMPARISON = re.compile("([≤≥≦≧])[ \u00a0]*([0-9]+(?:\\.[0-9]+)?)(?:[ \u00a0]*(?=[\u3400-\u9fff]))?")


def spaced_comparisons(text: str) -> str:
    if "≤" not in text and "≥" not in text and "≦" not in text and "≧" not in text:
        return text
    return _COMPARISON.sub(lambda m: f"{m.group(1)}\u00a0{m.group(2)}" + (
        "\u00a0" if m.end() < len(text) and "\u3400" <= text[m.end()] <= "\u9fff" else ""), text)


def kept(text: str) -> str:
    """`text` marked to be kept on one line (its own marks, if any, taken out)."""
    return KEEP_OPEN + unkept(text) + KEEP_CLOSE


def unkept(text: str) -> str:
    """The text without keep marks, as a reader sees it."""
    return text.replace(KEEP_OPEN, "").replace(KEEP_CLOSE, "") if KEEP_OPEN in text or KEEP_CLOSE in text else text


def kept_html(html: str) -> str:
    """Keep marks as HTML: each marked text in a `nowrap` span; a stray mark dropped."""
    if KEEP_OPEN not in html and KEEP_CLOSE not in html:
        return html
    return unkept(_KEEP.sub(r'<span class="nowrap">\1</span>', html))


def unbreakable_width(text: str) -> int:
    """The widest piece a line cannot break: a short cell whole, else its longest piece.

    Lines break at spaces and on either side of an East Asian character, but never at glue: "≥ 48 次/季度"
    written with no-break spaces and word joiners is one piece. No-break spaces that only make room (an
    empty field) take none.
    """
    text = _ROOM.sub(" ", text).strip()
    if KEEP_OPEN in text:  # a kept text is one piece: its spaces glue too
        text = _KEEP.sub(lambda kept_text: KEEP_OPEN + kept_text.group(1).replace(" ", "\u00a0") + KEEP_CLOSE, text)
    if display_width(text) <= 8:
        return display_width(text)
    return max([display_width(piece) for piece in pieces(text)] + [2])


def pieces(text: str) -> list[str]:
    """The pieces between the places a line may break."""
    found = []
    for chunk in _SPACE.split(text):
        piece, before, inside = "", "", False
        for char in chunk:
            if char in (KEEP_OPEN, KEEP_CLOSE):
                inside = char == KEEP_OPEN
                continue
            if piece and not inside and (is_cjk(char) or is_cjk(before)) and char not in GLUE \
                    and before not in GLUE:
                found.append(piece)
                piece = ""
            piece += char
            before = char
        found.append(piece)
    return [piece for piece in found if piece.strip(GLUE)]


class _Widths(dict):
    """Each character's columns, looked up once (tables measure every cell's text)."""

    def __missing__(self, char: str) -> int:
        invisible = char in ("\u2060", KEEP_OPEN, KEEP_CLOSE)
        width = self[char] = 2 if unicodedata.east_asian_width(char) in "WF" and not invisible else 0 if invisible \
            else 1
        return width


_WIDTHS = _Widths()


def display_width(text: str) -> int:
    """Columns a text needs: East Asian wide characters count twice; word joiners take none."""
    return len(text) if text.isascii() else sum(map(_WIDTHS.__getitem__, text))


def is_cjk(char: str) -> bool:
    return bool(char) and _WIDTHS[char] == 2
