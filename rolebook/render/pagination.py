"""Page numbers written back into a .docx after LibreOffice has laid it out: each contents entry's page
and the footer's page count, as the fields' cached results. So the file is right in every reader
(Word without updating fields, LibreOffice, text extractors), without Word's update prompt."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from rolebook.render import ooxml
from rolebook.render.ooxml import W

_SPACE = re.compile(r"[\s\u00a0\u3000]+")


def _key(text: str) -> str:
    return _SPACE.sub("", text)


def entry_pages(entries: list[str], laid_out: list[tuple[str, int]]) -> list[int | None]:
    """The page of each of our contents entries, matched in order against LibreOffice's updated contents."""
    pages: list[int | None] = []
    position = 0
    for entry in entries:
        key = _key(entry)
        found = next((i for i in range(position, len(laid_out)) if _key(laid_out[i][0]) == key), None)
        if found is None:
            pages.append(None)
            continue
        pages.append(laid_out[found][1])
        position = found + 1
    return pages


def _result_run(field_begin: etree._Element) -> tuple[etree._Element, etree._Element] | None:
    """The `separate` run of a field and the run after it that holds its cached result (None: none yet)."""
    run = field_begin
    while run is not None:
        char = run.find(W + "fldChar")
        if char is not None and char.get(W + "fldCharType") == "separate":
            return run, run.getnext()
        run = run.getnext()
    return None


def _set_result(instruction: etree._Element, value: str) -> None:
    begin = instruction.getparent()  # the run holding the instruction; the separate run follows
    found = _result_run(begin)
    if found is None:
        return
    separate, after = found
    if after is not None and after.find(W + "t") is not None:
        after.find(W + "t").text = value
    else:
        separate.addnext(ooxml.text_run(value))


def fill(docx: bytes, pages: int, laid_out: list[tuple[str, int]]) -> bytes:
    """The document with its contents' page numbers and its footer's page count filled in."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    out = []
    for name, data in parts:
        if name == "word/document.xml" and laid_out:
            data = _fill_contents(data, laid_out)
        elif re.fullmatch(r"word/footer\d*\.xml", name) or re.fullmatch(r"word/header\d*\.xml", name):
            data = _fill_count(data, pages)
        out.append((name, data))
    return ooxml.write_package(out)


def _fill_contents(data: bytes, laid_out: list[tuple[str, int]]) -> bytes:
    root = etree.fromstring(data)
    links = root.xpath("//w:p[starts-with(w:pPr/w:pStyle/@w:val,'TOC')]/w:hyperlink", namespaces=ooxml.NS)
    texts = ["".join(link.xpath("w:r/w:t/text()", namespaces=ooxml.NS)) for link in links]
    for link, page in zip(links, entry_pages(texts, laid_out)):
        instruction = next((i for i in link.iter(W + "instrText") if i.text and "PAGEREF" in i.text), None)
        if instruction is not None and page is not None:
            _set_result(instruction, str(page))
    return ooxml.serialize(root)


def _fill_count(data: bytes, pages: int) -> bytes:
    root = etree.fromstring(data)
    for instruction in root.iter(W + "instrText"):
        if instruction.text and instruction.text.strip() == "NUMPAGES":
            _set_result(instruction, str(pages))
    return ooxml.serialize(root)
