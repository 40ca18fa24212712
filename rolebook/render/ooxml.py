"""Every raw WordprocessingML helper of rolebook: elements, properties in Word's order, fields,
numbering, fonts, and the deterministic package writer.

Word requires the children of w:rPr and w:pPr in the order of the ECMA-376
sequences (it may drop properties written out of order), so properties are
written through `rpr()` and `ppr()`, which sort them.
"""

from __future__ import annotations

import zipfile
from functools import lru_cache

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    # Word 2010's checkbox content controls; declared ignorable, so readers that do not know them
    # (and the ISO schemas) see an ordinary content control.
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
W14 = "{%s}" % NS["w14"]
W = "{%s}" % NS["w"]
R = "{%s}" % NS["r"]
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

REL_TYPES = {
    "styles": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
    "numbering": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering",
    "settings": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings",
    "fontTable": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable",
    "theme": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
    "header": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
    "footer": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
    "hyperlink": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
    "image": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
}

# ECMA-376 order of w:rPr children (EG_RPrBase, as Word expects it).
RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
]
# ECMA-376 order of w:pPr children.
PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
]
TCPR_ORDER = ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
              "textDirection", "tcFitText", "vAlign", "hideMark"]
TRPR_ORDER = ["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
              "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del"]
SECTPR_ORDER = ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
                "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
                "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"]
TBLPR_ORDER = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
               "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
               "tblLook", "tblCaption", "tblDescription"]


def w(tag: str) -> str:
    return W + tag


_PROTOTYPES: dict[str, etree._Element] = {}
# The parts' document elements declare every prefix (mc:Ignorable names w14, which must be declared there).
ROOTS = {"w:document", "w:hdr", "w:ftr", "w:settings", "w:numbering", "w:fonts", "w:styles", "w:comments",
         "w:footnotes", "w:endnotes"}


def el(tag: str, attrs: dict | None = None, *children: etree._Element) -> etree._Element:
    """`el("w:p")`, `el("w:jc", {"w:val": "center"})`: a namespaced element.

    Elements are copied from a prototype per tag: five times cheaper than
    building one with its namespace map (profiled: the Word writer's top cost). A
    prototype declares only its own prefix (copying all of the document's
    declarations took twice as long): once in the document, lxml resolves each
    element's namespaces to the document element's declarations.
    """
    prototype = _PROTOTYPES.get(tag)
    if prototype is None:
        prefix = tag.split(":", 1)[0] if ":" in tag and not tag.startswith("{") else None
        own = NS if tag in ROOTS or prefix not in NS else {prefix: NS[prefix]}
        prototype = _PROTOTYPES[tag] = etree.Element(_qualify(tag), nsmap=own)
    element = prototype.__copy__()
    if attrs:
        for key, value in attrs.items():
            element.set(_qualify(key), str(value))
    if children:
        element.extend(children)
    return element


def sub(parent: etree._Element, tag: str, attrs: dict | None = None) -> etree._Element:
    child = el(tag, attrs)
    parent.append(child)
    return child


@lru_cache(maxsize=None)
def _qualify(name: str) -> str:
    if ":" in name and not name.startswith("{"):
        prefix, local = name.split(":", 1)
        return "{%s}%s" % (NS[prefix], local)
    return name


@lru_cache(maxsize=None)
def _ranks(order: tuple[str, ...]) -> dict[str, int]:
    return {W + name: rank for rank, name in enumerate(order)}


def _ordered(tag: str, order: list[str], children) -> etree._Element:
    parent = el(tag)
    if len(children) > 1:
        rank = _ranks(tuple(order))
        children = sorted(children, key=lambda c: rank[c.tag])
    parent.extend(children)
    return parent


def rpr(*children: etree._Element) -> etree._Element:
    return _ordered("w:rPr", RPR_ORDER, children)


def ppr(*children: etree._Element) -> etree._Element:
    return _ordered("w:pPr", PPR_ORDER, children)


def tcpr(*children: etree._Element) -> etree._Element:
    return _ordered("w:tcPr", TCPR_ORDER, children)


def trpr(*children: etree._Element) -> etree._Element:
    return _ordered("w:trPr", TRPR_ORDER, children)


def tblpr(*children: etree._Element) -> etree._Element:
    return _ordered("w:tblPr", TBLPR_ORDER, children)


def set_property(paragraph: etree._Element, element: etree._Element) -> None:
    """One property of a paragraph set, in its place among the others; one of its kind already there takes
    the new attributes and keeps the rest (w:spacing's after and line when before is set)."""
    properties = paragraph.find(W + "pPr")
    old = properties.find(element.tag) if properties is not None else None
    if old is not None:
        for name, value in element.attrib.items():
            old.set(name, value)
        return
    new = ppr(*(properties if properties is not None else ()), element)
    if properties is None:
        paragraph.insert(0, new)
    else:
        paragraph.replace(properties, new)


def keep_with_next(paragraph: etree._Element) -> None:
    """The paragraph stays on the page of the block after it (w:keepNext)."""
    set_property(paragraph, el("w:keepNext"))


def val(tag: str, value) -> etree._Element:
    return el(tag, {"w:val": value})


# Small subtrees that every document repeats hundreds of times, made once and copied (one copy of a
# subtree costs what making one of its elements does).
_SUBTREES: dict[tuple[str, ...], etree._Element] = {}


def copied(key: tuple[str, ...], make) -> etree._Element:
    prototype = _SUBTREES.get(key)
    if prototype is None:
        prototype = _SUBTREES[key] = make()
    return prototype.__copy__()


def styled_paragraph(style: str) -> etree._Element:
    """`<w:p>` with its paragraph style and no other property."""
    return copied(("p", style), lambda: el("w:p", None, ppr(val("w:pStyle", style))))


def text_run(text: str, properties: etree._Element | None = None) -> etree._Element:
    run = copied(("r",), lambda: el("w:r", None, el("w:t")))
    t = run[0]
    if properties is not None and len(properties):
        run.insert(0, properties)
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")
    return run


def break_run(kind: str | None = None) -> etree._Element:
    run = el("w:r")
    sub(run, "w:br", {"w:type": kind} if kind else None)
    return run


def field_runs(instruction: str, shown: str, properties: etree._Element | None = None) -> list[etree._Element]:
    """A complex field (PAGE, NUMPAGES, TOC …) with a shown value until Word updates it."""

    def run(*children):
        r = el("w:r")
        if properties is not None:
            r.append(etree.fromstring(etree.tostring(properties)))
        r.extend(children)
        return r

    instr = el("w:instrText")
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")
    return [
        run(el("w:fldChar", {"w:fldCharType": "begin"})),
        run(instr),
        run(el("w:fldChar", {"w:fldCharType": "separate"})),
        *([text_run(shown, properties)] if shown else []),
        run(el("w:fldChar", {"w:fldCharType": "end"})),
    ]


LANDSCAPE_MARGIN = 850  # twips, 1.5 cm
LANDSCAPE_HEADER = 425  # twips from the page edge to the header and footer


def default_section() -> etree._Element:
    """A4 portrait, 2.54 cm margins: the page setup when a reference document has none."""
    section = el("w:sectPr")
    sub(section, "w:pgSz", {"w:w": 11906, "w:h": 16838})
    sub(section, "w:pgMar", {"w:top": 1440, "w:right": 1440, "w:bottom": 1440, "w:left": 1440,
                             "w:header": 709, "w:footer": 709, "w:gutter": 0})
    return section


def section(reference: etree._Element, landscape: bool) -> etree._Element:
    """A copy of a section's page setup, turned landscape if asked (width and height swapped)."""
    copy = etree.fromstring(etree.tostring(reference))
    size = copy.find(w("pgSz"))
    if size is not None:
        width, height = int(size.get(w("w"), 11906)), int(size.get(w("h"), 16838))
        short, long_ = sorted((width, height))
        size.set(w("w"), str(long_ if landscape else short))
        size.set(w("h"), str(short if landscape else long_))
        if landscape:
            size.set(w("orient"), "landscape")
        elif w("orient") in size.attrib:
            del size.attrib[w("orient")]
    margins = copy.find(w("pgMar"))
    if landscape and margins is not None:
        # Wide forms need the room: landscape margins are at most 1.5 cm.
        for side, most in (("top", LANDSCAPE_MARGIN), ("right", LANDSCAPE_MARGIN), ("bottom", LANDSCAPE_MARGIN),
                           ("left", LANDSCAPE_MARGIN), ("header", LANDSCAPE_HEADER), ("footer", LANDSCAPE_HEADER)):
            if int(margins.get(w(side), 0)) > most:
                margins.set(w(side), str(most))
    return copy


def with_title_page(section_element: etree._Element) -> etree._Element:
    """The section with a first page of its own (w:titlePg): a cover, which shows no running header or
    page number (the section names no header or footer for its first page)."""
    if section_element.find(w("titlePg")) is None:
        section_element.append(el("w:titlePg"))
        rank = _ranks(tuple(SECTPR_ORDER))
        section_element[:] = sorted(section_element, key=lambda child: rank.get(child.tag, len(rank)))
    return section_element


def text_width(section_element: etree._Element) -> int:
    """Page width less the side margins, in twips."""
    size, margins = section_element.find(w("pgSz")), section_element.find(w("pgMar"))
    try:
        return int(size.get(w("w"))) - int(margins.get(w("left"))) - int(margins.get(w("right")))
    except (AttributeError, TypeError, ValueError):
        return 9026


def field_start(instruction: str) -> list[etree._Element]:
    """The opening runs of a field whose result spans several paragraphs (a TOC)."""
    instr = el("w:instrText")
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")
    return [el("w:r", None, el("w:fldChar", {"w:fldCharType": "begin"})), el("w:r", None, instr),
            el("w:r", None, el("w:fldChar", {"w:fldCharType": "separate"}))]


def field_end() -> etree._Element:
    return el("w:r", None, el("w:fldChar", {"w:fldCharType": "end"}))


BLANK = "\u00a0" * 8  # what an empty text content control shows: room to click into, nothing printed
BOX, TICKED = "\u2610", "\u2612"


def document_root() -> etree._Element:
    """w:document, with Word 2010's namespace marked ignorable (its checkboxes are extensions)."""
    root = el("w:document")
    root.set(_qualify("mc:Ignorable"), "w14")
    return root


def content_control(kind: str, tag: str, alias: str, number: int, language: str | None = None,
                    properties: etree._Element | None = None, hint: str | None = None) -> etree._Element:
    """A content control (w:sdt) in a paragraph: text, a date, or a checkbox (kind "choice"), tagged with
    the field's name so that tools can find and fill it."""
    sdt = el("w:sdt")
    pr = sub(sdt, "w:sdtPr")
    if properties is not None:
        pr.append(etree.fromstring(etree.tostring(properties)))
    if alias:
        sub(pr, "w:alias", {"w:val": alias[:255]})
    sub(pr, "w:tag", {"w:val": tag[:255]})
    sub(pr, "w:id", {"w:val": number})
    shown = hint or BLANK  # a hint (the period's blanks) is what an empty control shows
    if kind in ("choice", "check"):
        box = sub(pr, "w14:checkbox")
        sub(box, "w14:checked", {"w14:val": 0})
        sub(box, "w14:checkedState", {"w14:val": "2612", "w14:font": "MS Gothic"})
        sub(box, "w14:uncheckedState", {"w14:val": "2610", "w14:font": "MS Gothic"})
        shown = BOX
    elif kind == "date":
        sub(pr, "w:showingPlcHdr")
        date = sub(pr, "w:date")
        sub(date, "w:dateFormat", {"w:val": "yyyy-MM-dd"})
        sub(date, "w:lid", {"w:val": language or "en-US"})
        sub(date, "w:storeMappedDataAs", {"w:val": "dateTime"})
        sub(date, "w:calendar", {"w:val": "gregorian"})
    else:
        sub(pr, "w:showingPlcHdr")
        sub(pr, "w:text", {"w:multiLine": 1} if kind == "area" else None)
    content = sub(sdt, "w:sdtContent")
    content.append(text_run(shown, properties))
    return sdt


def fonts(latin: str | None, east_asian: str | None) -> etree._Element:
    attrs = {}
    if latin:
        attrs.update({"w:ascii": latin, "w:hAnsi": latin, "w:cs": latin})
    if east_asian:
        attrs["w:eastAsia"] = east_asian
    return el("w:rFonts", attrs)


def numbering_part(lists: list[tuple[str, int]]) -> bytes:
    """numbering.xml: one abstract definition per kind, one w:num per list so each list restarts.

    `lists` holds (kind, start) with kind "bullet" or "ordered". The definitions are the same in
    every document: they are made once, and each document's lists are written after them.
    """
    head, tail = _abstract_numbering()
    nums = "".join(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{0 if kind == "bullet" else 1}"/>'
                   f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{int(start)}"/></w:lvlOverride></w:num>'
                   for num_id, (kind, start) in enumerate(lists, start=1))
    return head + nums.encode("utf-8") + tail


@lru_cache(maxsize=1)
def _abstract_numbering() -> tuple[bytes, bytes]:
    """numbering.xml's abstract definitions, serialized, split where the lists go."""
    root = el("w:numbering")
    bullets = ["•", "◦", "▪"]
    for abstract_id, kind in enumerate(("bullet", "ordered")):
        abstract = sub(root, "w:abstractNum", {"w:abstractNumId": abstract_id})
        sub(abstract, "w:multiLevelType", {"w:val": "hybridMultilevel"})
        for level in range(9):
            lvl = sub(abstract, "w:lvl", {"w:ilvl": level})
            sub(lvl, "w:start", {"w:val": 1})
            if kind == "bullet":
                sub(lvl, "w:numFmt", {"w:val": "bullet"})
                sub(lvl, "w:lvlText", {"w:val": bullets[level % 3]})
            else:
                sub(lvl, "w:numFmt", {"w:val": ["decimal", "lowerLetter", "lowerRoman"][level % 3]})
                sub(lvl, "w:lvlText", {"w:val": f"%{level + 1}."})
            sub(lvl, "w:lvlJc", {"w:val": "left"})
            lvl.append(ppr(el("w:ind", {"w:left": 420 * (level + 1), "w:hanging": 420 if kind == "ordered"
                                        else 360})))
            if kind == "bullet":
                lvl.append(rpr(fonts("Arial", None)))
    xml = serialize(root)
    end = xml.rindex(b"</w:numbering>")
    return xml[:end], xml[end:]


def serialize(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def relationships(rels: list[tuple[str, str, str, bool]]) -> bytes:
    """A .rels part from (id, type, target, external)."""
    ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    root = etree.Element("{%s}Relationships" % ns, nsmap={None: ns})
    for rel_id, kind, target, external in rels:
        rel = etree.SubElement(root, "{%s}Relationship" % ns, Id=rel_id, Type=REL_TYPES.get(kind, kind),
                               Target=target)
        if external:
            rel.set("TargetMode", "External")
    return serialize(root)


ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def write_package(parts: list[tuple[str, bytes]]) -> bytes:
    """A zip with fixed entry dates and the given order: identical parts give identical bytes. A part
    may be an iterable of byte strings (a long document's body), streamed in without being joined."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            if isinstance(data, bytes):
                archive.writestr(info, data, compresslevel=6)
                continue
            info._compresslevel = 6  # what writestr sets; ZipFile.open takes it from the entry
            with archive.open(info, "w") as stream:
                for piece in data:
                    stream.write(piece)
    return buffer.getvalue()


def bookmark_name(anchor: str) -> str:
    """Word's bookmark for a heading anchor: `_Toc` names are the ones Word's TOC field uses."""
    return "_Toc_" + anchor.replace("-", "_")
