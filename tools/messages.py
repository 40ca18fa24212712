"""Keep rolebook's message catalogues in step with the code (Babel).

    python tools/messages.py          # extract, update zh_CN, derive zh_TW, compile both

1. Every `_("...")` and `N_("...")` text of rolebook/ is extracted (Babel's Python extractor), and every
   help text of the command line (rolebook.cli_help.help_texts: docstrings and options' help).
2. rolebook/locale/zh_CN/LC_MESSAGES/rolebook.po gets the new texts (empty: translate them) and loses the
   texts the code no longer has; translations are kept.
3. zh_TW's catalogue is zh_CN's converted with OpenCC (s2twp: Taiwan's characters and phrasing; a CLI's
   words are software's), with Taiwan's quotes 「」 (TAIWAN_MESSAGES).
4. Both are compiled to .mo, which rolebook reads at run time (stdlib gettext) and the package ships.

tests/test_messages_catalogue.py fails when a text lacks a translation or a .mo is out of date.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "rolebook"
LOCALE = PACKAGE / "locale"
KEYWORDS = {"_": None, "N_": None}


def extracted() -> Catalog:
    catalog = Catalog(project="rolebook", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
        catalog.add(message, locations=[(f"rolebook/{filename}", lineno)], auto_comments=comments)
    from rolebook.cli import cli
    from rolebook.cli_help import help_texts

    for text in help_texts(cli):  # --help: the commands' docstrings and the options' help (cli_help.py)
        catalog.add(text, locations=[("rolebook/cli.py", 0)])
    return catalog


def po_path(name: str) -> Path:
    return LOCALE / name / "LC_MESSAGES" / "rolebook.po"


def read(name: str) -> Catalog:
    path = po_path(name)
    if not path.is_file():
        return Catalog(locale=name, project="rolebook", charset="utf-8")
    with open(path, "rb") as stream:
        return read_po(stream, locale=name)


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False, no_location=True, sort_output=True)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def updated(template: Catalog, name: str) -> Catalog:
    old = read(name)
    catalog = Catalog(locale=name, project="rolebook", charset="utf-8")
    for message in template:
        if not message.id:
            continue
        known = old.get(message.id)
        catalog.add(message.id, known.string if known is not None else "")
    return catalog


# What s2twp leaves as the mainland writes it: Taiwan quotes with 「」 and 『』, says 定位字元 for a tab
# character and 清單 for a list.
TAIWAN_MESSAGES = {"“": "「", "”": "」", "‘": "『", "’": "』", "製表符": "定位字元", "列表": "清單"}


def taiwan_message(text: str) -> str:
    """Taiwan's quotes and words: the ones its starter and labels use too (職位, not the mainland's 崗位)."""
    from rolebook.spec.languages import TAIWAN_WORDS

    for mainland, taiwan in {**TAIWAN_MESSAGES, **TAIWAN_WORDS}.items():
        text = text.replace(mainland, taiwan)
    return text


def traditional(simplified: Catalog) -> Catalog:
    from rolebook.spec.languages import convert

    catalog = Catalog(locale="zh_TW", project="rolebook", charset="utf-8")
    for message in simplified:
        if message.id:
            catalog.add(message.id, taiwan_message(convert("s2twp", message.string)) if message.string else "")
    return catalog


def main() -> None:
    template = extracted()
    simplified = updated(template, "zh_CN")
    for name, catalog in (("zh_CN", simplified), ("zh_TW", traditional(simplified))):
        path = po_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(po_bytes(catalog))
        path.with_suffix(".mo").write_bytes(mo_bytes(catalog))
    missing = [message.id for message in simplified if message.id and not message.string]
    print(f"{len(template)} texts; {len(missing)} without a zh_CN translation")
    if missing:
        sys.exit(1)


if __name__ == "__main__":
    main()
