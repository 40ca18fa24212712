"""The units a change is shown in: a word of Latin text, a character of Chinese text, and a number,
percentage, date or version as one whole ("35%" → "30%" is one replacement, never 3~~5~~0%).
"""

from __future__ import annotations

import difflib
import re

from rolebook.render.text import is_cjk

# Numbers with their decimal, thousands, date and version separators and a trailing percent sign:
# 35%, 1,200, 2026-01-05, 1.4.0, v2.0, 9:30, 3/4; a Chinese date (2026年1月5日) is one value too.
_VALUE = r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|[vV]?\d+(?:[.,:/\-]\d+)*[%‰]?"
_TOKEN = re.compile(rf"(?P<value>{_VALUE})|(?P<word>[^\W\d]+)|\s+|.", re.UNICODE)


def tokens(text: str) -> list[str]:
    """`text` cut into tokens that join back into it."""
    found = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        found += list(word) if match.lastgroup == "word" and any(map(is_cjk, word)) else [word]
    return found


def opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes with a lone space or punctuation mark between two changes folded into them:
    "Grow the pipeline" → "Renew contracts" reads as one replacement, not four pieces around a space."""
    out: list = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for opcode in matcher.get_opcodes():
        operation, a1, a2, b1, b2 = opcode
        if (operation != "equal" and len(out) >= 2 and out[-1][0] == "equal" and out[-2][0] != "equal"
                and all(not token.strip() or len(token) == 1 and not token.isalnum()
                        for token in new[out[-1][3]:out[-1][4]])):
            out.pop()
            start = out.pop()
            out.append(("replace", start[1], a2, start[3], b2))
        else:
            out.append(opcode)
    return out


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The two texts as pieces ("equal" | "delete" | "insert", text), in reading order."""
    before, after = tokens(old), tokens(new)
    pieces: list[tuple[str, str]] = []
    for operation, a1, a2, b1, b2 in opcodes(before, after):
        if operation == "equal":
            pieces.append(("equal", "".join(after[b1:b2])))
            continue
        if a2 > a1:
            pieces.append(("delete", "".join(before[a1:a2])))
        if b2 > b1:
            pieces.append(("insert", "".join(after[b1:b2])))
    return pieces
