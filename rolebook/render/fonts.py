"""The faces a document asks for, by language, as offices that write the language have them.

A Chinese office's Word has SimSun (宋体) for body text and SimHei (黑体) for headings, with Times New Roman
and Arial for Latin text; a Taiwanese one PMingLiU (新細明體) and Microsoft JhengHei (微軟正黑體). The
document names them and, in its font table, their alternative names, Panose numbers and character sets,
so Word finds them and a reader without them (LibreOffice on Linux) falls back to a face of the same
script (Noto CJK) instead of one without its glyphs. Branding (rolebook.yaml) overrides the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rolebook.render import ooxml
from rolebook.render.labels import catalogue_name
from rolebook.render.ooxml import el, sub


@dataclass(frozen=True)
class FontSet:
    body_latin: str | None = None  # None: the reference document's own
    body_east_asian: str | None = None
    heading_latin: str | None = None
    heading_east_asian: str | None = None


DEFAULTS = {
    "zh-CN": FontSet("Times New Roman", "SimSun", "Arial", "SimHei"),
    "zh-TW": FontSet("Times New Roman", "PMingLiU", "Arial", "Microsoft JhengHei"),
    "ja": FontSet(None, "MS Mincho", None, "MS Gothic"),
    "ko": FontSet(None, "Batang", None, "Malgun Gothic"),
}

# name → (alternative name, Panose-1, character set, family, pitch): what Word's font table says of them.
FACES = {
    "SimSun": ("宋体", "02010600030101010101", "86", "auto", "variable"),
    "SimHei": ("黑体", "02010609060101010101", "86", "modern", "fixed"),
    "Microsoft YaHei": ("微软雅黑", "020B0503020204020204", "86", "swiss", "variable"),
    "PMingLiU": ("新細明體", "02020500000000000000", "88", "roman", "variable"),
    "Microsoft JhengHei": ("微軟正黑體", "020B0604030504040204", "88", "swiss", "variable"),
    "MS Mincho": ("ＭＳ 明朝", "02020609040205080304", "80", "modern", "fixed"),
    "MS Gothic": ("ＭＳ ゴシック", "020B0609070205080204", "80", "modern", "fixed"),
    "Batang": ("바탕", "02030600000101010101", "81", "roman", "variable"),
    "Malgun Gothic": ("맑은 고딕", "020B0503020000020004", "81", "swiss", "variable"),
    "Times New Roman": (None, "02020603050405020304", "00", "roman", "variable"),
    "Arial": (None, "020B0604020202020204", "00", "swiss", "variable"),
    "Calibri": (None, "020F0502020204030204", "00", "swiss", "variable"),
    "Consolas": (None, "020B0609020204030204", "00", "modern", "fixed"),
}


def font_set(language: str, latin: str | None = None, east_asian: str | None = None) -> FontSet:
    """The language's faces, with the project's branding (one Latin, one East Asian face) over them."""
    name = catalogue_name(language) or language.split("-")[0].lower()
    base = DEFAULTS.get(name, FontSet())
    return FontSet(latin or base.body_latin, east_asian or base.body_east_asian,
                   latin or base.heading_latin, east_asian or base.heading_east_asian)


def font_table(names: list[str | None]) -> bytes:
    """word/fontTable.xml declaring the faces by name, with their alternative names and metrics."""
    return _font_table(tuple(sorted(set(filter(None, names)))))


@lru_cache(maxsize=64)  # the same few sets of faces in every document of a build
def _font_table(names: tuple[str, ...]) -> bytes:
    root = el("w:fonts")
    for name in names:
        font = sub(root, "w:font", {"w:name": name})
        alt, panose, charset, family, pitch = FACES.get(name, (None, None, None, "auto", "variable"))
        if alt:
            sub(font, "w:altName", {"w:val": alt})
        if panose:
            sub(font, "w:panose1", {"w:val": panose})
        if charset:
            sub(font, "w:charset", {"w:val": charset})
        sub(font, "w:family", {"w:val": family})
        sub(font, "w:pitch", {"w:val": pitch})
    return ooxml.serialize(root)
