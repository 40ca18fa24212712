"""Assemble a .docx: the reference document's styles and page setup, a body from the Word writer,
numbering, header and footer, document properties; written deterministically.

The reference document is read once per build (`Reference.load`), and every
document reuses its parsed parts.
"""

from __future__ import annotations

import datetime
import itertools
import tempfile
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator
from html import escape as _escape

from lxml import etree

from rolebook.errors import RolebookError
from rolebook.render import figures, ooxml
from rolebook.render.docx import DocxWriter, toc_paragraphs
from rolebook.render.fonts import font_set, font_table
from rolebook.render.ooxml import el, ppr, sub, text_run, val

PACKAGED_REFERENCE = Path(__file__).parent / "templates" / "reference.docx"
MAX_REFERENCE_BYTES = 20 * 1024 * 1024

ACCENT_STYLES = ("Title", "Heading1", "Heading2", "Heading3", "TOCHeading")
HEADING_STYLES = ("Title", "Subtitle", "Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Heading6",
                  "TOCHeading")

CONTENT_TYPES = {
    "document": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "styles": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "numbering": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "settings": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
    "header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
    "fontTable": "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
    "core": "application/vnd.openxmlformats-package.core-properties+xml",
    "app": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif"}


class ReferenceDocError(RolebookError):
    pass


def language_attributes(language: str) -> dict[str, str]:
    """w:lang / w:themeFontLang: the document's language goes where its script belongs (Latin or East Asian)."""
    east_asian = language.lower().split("-")[0] in ("zh", "ja", "ko")
    return {"w:val": "en-US" if east_asian else language, "w:eastAsia": language if east_asian else "zh-CN"}


@dataclass
class Reference:
    """The parts of a reference .docx that generated documents reuse."""

    styles: etree._Element
    section: etree._Element  # w:sectPr: page size and margins
    extra_parts: dict[str, tuple[str, bytes]]  # name → (kind, bytes): theme, font table
    styles_cache: dict = field(default_factory=dict)

    @classmethod
    def for_project(cls, root: Path) -> Reference:
        """The project's templates/reference.docx when it has one (inside the project), else the packaged one."""
        custom = root / "templates" / "reference.docx"
        if not custom.is_file():
            return cls.load(PACKAGED_REFERENCE)
        real = custom.resolve()
        if not real.is_relative_to(root.resolve()):
            raise ReferenceDocError(f"{custom} is a link to {real}, outside the project")
        if custom.stat().st_size > MAX_REFERENCE_BYTES:
            raise ReferenceDocError(f"{custom}: larger than {MAX_REFERENCE_BYTES:,} bytes")
        return cls.load(custom)

    @classmethod
    def load(cls, path: Path) -> Reference:
        try:
            with zipfile.ZipFile(path) as archive:
                for member in archive.infolist():  # a zip bomb stops here, before anything is inflated
                    if member.file_size > MAX_REFERENCE_BYTES:
                        raise ReferenceDocError(f"{path}: part {member.filename} inflates to more than "
                                                f"{MAX_REFERENCE_BYTES:,} bytes")
                names = set(archive.namelist())
                styles = etree.fromstring(archive.read("word/styles.xml"))
                document = etree.fromstring(archive.read("word/document.xml"))
                extra = {}
                for name, kind in (("word/theme/theme1.xml", "theme"), ("word/fontTable.xml", "fontTable")):
                    if name in names:
                        extra[name] = (kind, archive.read(name))
        except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
            raise ReferenceDocError(f"{path}: not a usable reference .docx ({exc})") from None
        section = document.find(f"{ooxml.W}body/{ooxml.W}sectPr")
        if section is None:
            section = etree.fromstring(_DEFAULT_SECTION)
        for child in section.findall(f"{ooxml.W}headerReference") + section.findall(f"{ooxml.W}footerReference"):
            section.remove(child)
        return cls(styles, section, extra)

    def styles_for(self, language: str, latin_font: str | None, cjk_font: str | None,
                   accent: str | None) -> bytes:
        """styles.xml with the document's fonts, languages and accent colour applied (made once per set)."""
        key = (language, latin_font, cjk_font, accent)
        if key not in self.styles_cache:
            self.styles_cache[key] = self._styles_for(*key)
        return self.styles_cache[key]

    def _styles_for(self, language: str, latin_font: str | None, cjk_font: str | None,
                    accent: str | None) -> bytes:
        styles = etree.fromstring(etree.tostring(self.styles))
        defaults = styles.find(f"{ooxml.W}docDefaults/{ooxml.W}rPrDefault/{ooxml.W}rPr")
        if defaults is None:
            holder = styles.find(ooxml.w("docDefaults"))
            if holder is None:
                holder = el("w:docDefaults")
                styles.insert(0, holder)
            defaults = sub(sub(holder, "w:rPrDefault"), "w:rPr")
        faces = font_set(language, latin_font, cjk_font)
        fonts = _merge_attrs(defaults.find(ooxml.w("rFonts")), ooxml.fonts(faces.body_latin, faces.body_east_asian))
        _set_child(defaults, "rFonts", fonts)
        _set_child(defaults, "lang", el("w:lang", language_attributes(language)))
        if faces.heading_latin or faces.heading_east_asian:  # headings in the language's heading faces
            for style in styles.findall(ooxml.w("style")):
                if style.get(ooxml.w("styleId")) in HEADING_STYLES:
                    properties = style.find(ooxml.w("rPr"))
                    if properties is None:
                        properties = sub(style, "w:rPr")
                    heading = _merge_attrs(properties.find(ooxml.w("rFonts")),
                                           ooxml.fonts(faces.heading_latin, faces.heading_east_asian))
                    _set_child(properties, "rFonts", heading)
        for style in styles.findall(ooxml.w("style")):
            # A document's title is not a heading: with an outline level, an updated contents would list it.
            if style.get(ooxml.w("styleId")) in ("Title", "Subtitle"):
                for level in style.findall(f"{ooxml.W}pPr/{ooxml.W}outlineLvl"):
                    level.getparent().remove(level)
        if accent:
            for style in styles.findall(ooxml.w("style")):
                if style.get(ooxml.w("styleId")) in ACCENT_STYLES:
                    color = style.find(f"{ooxml.W}rPr/{ooxml.W}color")
                    if color is not None:
                        color.set(ooxml.w("val"), accent.lstrip("#").upper())
        return ooxml.serialize(styles)


def _merge_attrs(old: etree._Element | None, new: etree._Element) -> etree._Element:
    if old is not None:
        for key, value in old.attrib.items():
            if new.get(key) is None:
                new.set(key, value)
    return new


def _set_child(parent: etree._Element, local: str, child: etree._Element) -> None:
    old = parent.find(ooxml.w(local))
    if old is not None:
        parent.remove(old)
    parent.append(child)
    ordered = ooxml.rpr(*list(parent))
    parent[:] = list(ordered)


_DEFAULT_SECTION = (f'<w:sectPr xmlns:w="{ooxml.NS["w"]}"><w:pgSz w:w="11906" w:h="16838"/>'
                    '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="709" '
                    'w:footer="709" w:gutter="0"/></w:sectPr>')


@dataclass
class DocumentInfo:
    """Document properties and page furniture of one generated document."""

    title: str
    subject: str
    language: str
    header: str = ""
    footer_pattern: str = "{page} / {pages}"  # from the language's labels
    creator: str | None = None
    version: str | None = None
    status: str | None = None
    keywords: list[str] = field(default_factory=list)
    date: datetime.date | None = None
    moment: str | None = None  # created and modified, to the second (ISO 8601, UTC): wins over `date`
    latin_font: str | None = None
    cjk_font: str | None = None
    accent: str | None = None
    logo: tuple[str, bytes] | None = None  # (file name, bytes)
    figures: dict = field(default_factory=dict)  # the diagrams a `::: figure` names (render/figures.py)


def build_docx(tokens, info: DocumentInfo, reference: Reference) -> bytes:
    writer = DocxWriter(section=reference.section)
    writer.language = info.language
    writer.known_figures = {name: figure.alt for name, figure in info.figures.items()}
    body = writer.render(tokens)
    return assemble(body, writer.final_section(), writer.numbering, writer.links.external, info,
                    reference)


class DocxInParts:
    """A long document (the handbook) written part by part.

    Each part's WordprocessingML is serialized as soon as it is written and
    spooled to a temporary file, so neither the tokens, the element tree nor
    the XML of the whole book stay in memory (for 1,000 roles the tree was over
    1 GB, the XML 60 MB). The contents are filled in at the end, when every
    heading is known, and the package is written by streaming the spool.
    """

    def __init__(self, reference: Reference):
        self.reference = reference
        self.writer = DocxWriter(section=reference.section)
        self.spool = tempfile.TemporaryFile(prefix="rolebook-handbook-")
        self.toc_at: int | None = None  # where in the spool the contents go

    def add(self, tokens) -> None:
        self.writer.render(tokens)
        for child in self.writer.body:
            if child is self.writer.toc_placeholder:
                self.toc_at = self.spool.tell()
            else:
                self.spool.write(fragment(child))
        self.writer.new_body()  # the part's tree is let go, not taken apart (moving nodes is slow)

    def chunks(self, toc) -> Iterator[bytes]:
        """The body's XML, piece by piece, with the contents in their place."""
        self.spool.seek(0)
        if self.toc_at is not None:
            yield self.spool.read(self.toc_at)
            yield b"".join(fragment(p) for p in toc_paragraphs(toc))
        while piece := self.spool.read(CHUNK):
            yield piece

    def finish(self, toc, info: DocumentInfo) -> bytes:
        writer = self.writer
        try:
            return assemble(self.chunks(toc), writer.final_section(), writer.numbering, writer.links.external,
                            info, self.reference)
        finally:
            self.spool.close()


CHUNK = 1 << 20


def _declarations() -> bytes:
    """What lxml writes on a body element serialized on its own: the document element's declarations."""
    paragraph = sub(sub(ooxml.document_root(), "w:body"), "w:p")
    return etree.tostring(paragraph).split(b"<w:p", 1)[1].rsplit(b"/>", 1)[0]


_DECLARATIONS = _declarations()


def fragment(element: etree._Element) -> bytes:
    """A body element's XML without the namespace declarations that the document element makes."""
    _page_furniture(element)
    if element.getparent() is None:  # made on its own (the contents): in a body, it takes the document's prefixes
        sub(ooxml.document_root(), "w:body").append(element)
    return etree.tostring(element).replace(_DECLARATIONS, b"", 1)


def _page_furniture(element: etree._Element) -> None:
    """Every section shows the header and footer."""
    for section in element.iter(ooxml.w("sectPr")):
        section.insert(0, el("w:footerReference", {"w:type": "default", "r:id": "rIdFooter"}))
        section.insert(0, el("w:headerReference", {"w:type": "default", "r:id": "rIdHeader"}))


def assemble(body, final_section, numbering, links: dict[str, str], info: DocumentInfo,
             reference: Reference) -> bytes:
    """The .docx package around a body (an element, or serialized parts): styles, numbering, header,
    footer, properties, relationships."""
    return package(document_part(body, final_section), numbering, links, info, reference)


def document_part(body, final_section):
    """word/document.xml: the body (an element, or serialized parts: then streamed) closed by its last
    section, every section showing the header and footer."""
    parts_xml = body if not isinstance(body, etree._Element) else None  # serialized pieces (the handbook)
    if parts_xml is not None:
        body = sub(el("w:document"), "w:body")
    body.append(final_section)
    _page_furniture(body)
    document = body.getparent()
    if document is None:  # a body made on its own (the redline)
        document = ooxml.document_root()
        document.append(body)
    document_xml = ooxml.serialize(document)
    if parts_xml is not None:
        head, tail = document_xml.split(b"<w:body>", 1)
        document_xml = itertools.chain([head + b"<w:body>"], parts_xml, [tail])  # streamed into the zip
    return document_xml


def package(document_xml, numbering, links: dict[str, str], info: DocumentInfo, reference: Reference) -> bytes:
    """The .docx package around word/document.xml (bytes, or pieces streamed in)."""
    rels: list[tuple[str, str, str, bool]] = [
        ("rIdStyles", "styles", "styles.xml", False),
        ("rIdNumbering", "numbering", "numbering.xml", False),
        ("rIdSettings", "settings", "settings.xml", False),
        ("rIdHeader", "header", "header1.xml", False),
        ("rIdFooter", "footer", "footer1.xml", False),
    ]
    overrides = {"/word/document.xml": "document", "/word/styles.xml": "styles",
                 "/word/numbering.xml": "numbering", "/word/settings.xml": "settings",
                 "/word/header1.xml": "header", "/word/footer1.xml": "footer",
                 "/docProps/core.xml": "core", "/docProps/app.xml": "app"}
    parts: list[tuple[str, bytes]] = []
    extra = dict(reference.extra_parts)
    if "word/fontTable.xml" not in extra:  # the faces the styles name, with their fallbacks
        faces = font_set(info.language, info.latin_font, info.cjk_font)
        extra["word/fontTable.xml"] = ("fontTable", font_table(
            [faces.body_latin, faces.body_east_asian, faces.heading_latin, faces.heading_east_asian, "Consolas"]))
    for name, (kind, data) in sorted(extra.items()):
        rels.append((f"rId{kind[0].upper()}{kind[1:]}", kind, name.removeprefix("word/"), False))
        overrides["/" + name] = kind
        parts.append((name, data))
    header_rels: list[tuple[str, str, str, bool]] = []
    defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml", "xml": "application/xml"}
    if info.logo:
        extension = info.logo[0].rsplit(".", 1)[-1].lower()
        media = f"media/logo.{extension}"
        header_rels.append(("rIdLogo", "image", media, False))
        defaults[extension] = IMAGE_TYPES[extension]
        parts.append((f"word/{media}", info.logo[1]))
    for url, rel_id in links.items():
        rels.append((rel_id, "hyperlink", url, True))
    for name, figure in sorted(info.figures.items()):
        for kind, data in (("png", figure.png), ("svg", figure.svg.encode("utf-8"))):
            rels.append((figures.rel_id(name, kind.title()), "image", figures.media(name, kind), False))
            parts.append((f"word/{figures.media(name, kind)}", data))
        defaults.update(png="image/png", svg="image/svg+xml")

    entries = [
        ("[Content_Types].xml", _content_types(defaults, overrides)),
        ("_rels/.rels", ooxml.relationships([
            ("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
             "word/document.xml", False),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
             "docProps/core.xml", False),
            ("rId3", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
             "docProps/app.xml", False)])),
        ("docProps/core.xml", _core_properties(info)),
        ("docProps/app.xml", _app_properties()),
        ("word/document.xml", document_xml),
        ("word/_rels/document.xml.rels", ooxml.relationships(rels)),
        ("word/styles.xml", reference.styles_for(info.language, info.latin_font, info.cjk_font, info.accent)),
        ("word/numbering.xml", ooxml.numbering_part(numbering)),
        ("word/settings.xml", _settings(info.language)),
        ("word/header1.xml", _header(info)),
        ("word/footer1.xml", _footer(info.footer_pattern)),
    ]
    if header_rels:
        entries.append(("word/_rels/header1.xml.rels", ooxml.relationships(header_rels)))
    return ooxml.write_package(entries + parts)


def _content_types(defaults: dict[str, str], overrides: dict[str, str]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">']
    for extension, kind in sorted(defaults.items()):
        lines.append(f'<Default Extension="{extension}" ContentType="{kind}"/>')
    for part, kind in sorted(overrides.items()):
        lines.append(f'<Override PartName="{part}" ContentType="{CONTENT_TYPES[kind]}"/>')
    lines.append("</Types>")
    return "".join(lines).encode("utf-8")


def _core_properties(info: DocumentInfo) -> bytes:
    def element(tag: str, value: str | None) -> str:
        return f"<{tag}>{_escape(value, quote=False)}</{tag}>" if value else ""

    stamp = ""
    if info.moment or info.date:
        when = info.moment or f"{info.date.isoformat()}T00:00:00Z"
        stamp = (f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
                 f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>')
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
           'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
           + element("dc:title", info.title) + element("dc:subject", info.subject)
           + element("dc:creator", info.creator) + element("cp:keywords", "; ".join(info.keywords))
           + element("cp:lastModifiedBy", info.creator if info.moment else None)
           + element("dc:language", info.language) + element("cp:version", info.version)
           + element("cp:contentStatus", info.status) + stamp + "</cp:coreProperties>")
    return xml.encode("utf-8")


def _app_properties() -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            '<Application>rolebook</Application></Properties>').encode("utf-8")


@lru_cache(maxsize=16)
def _settings(language: str) -> bytes:
    """No w:updateFields: it makes Word ask, on every opening, to update the fields; the contents carry
    their page numbers already (rendering/pagination.py fills them in when LibreOffice is present)."""
    root = el("w:settings")
    sub(root, "w:zoom", {"w:percent": 100})
    sub(root, "w:defaultTabStop", {"w:val": 420})
    sub(root, "w:characterSpacingControl", {"w:val": "compressPunctuation"})
    compat = sub(root, "w:compat")
    sub(compat, "w:compatSetting", {"w:name": "compatibilityMode", "w:uri": "http://schemas.microsoft.com/office/word",
                                    "w:val": 15})
    sub(root, "w:themeFontLang", language_attributes(language))
    return ooxml.serialize(root)


def _header(info: DocumentInfo) -> bytes:
    """Logo and title, right-aligned: the same in portrait and landscape sections."""
    root = el("w:hdr")
    paragraph = sub(root, "w:p")
    paragraph.append(ppr(val("w:pStyle", "Header"), val("w:jc", "right")))
    if info.logo:
        paragraph.append(_logo_run(info.logo[1]))
        paragraph.append(text_run("  "))
    paragraph.append(text_run(info.header))
    return ooxml.serialize(root)


@lru_cache(maxsize=16)
def _footer(pattern: str) -> bytes:
    root = el("w:ftr")
    paragraph = sub(root, "w:p")
    paragraph.append(ppr(val("w:pStyle", "Footer")))
    # "第 {page} 页，共 {pages} 页" → text, PAGE field, text, NUMPAGES field, text
    while pattern:
        positions = [(pattern.find(key), key) for key in ("{page}", "{pages}") if key in pattern]
        if not positions:
            paragraph.append(text_run(pattern))
            break
        start, key = min(positions)
        if start:
            paragraph.append(text_run(pattern[:start]))
        paragraph.extend(ooxml.field_runs("PAGE" if key == "{page}" else "NUMPAGES", "1"))
        pattern = pattern[start + len(key):]
    return ooxml.serialize(root)


def _logo_run(data: bytes) -> etree._Element:
    """An inline picture 0.8 cm high, its width kept in proportion."""
    from docx.image.image import Image

    image = Image.from_blob(data)
    height = 288000  # EMU, 0.8 cm
    width = int(height * image.px_width / max(image.px_height, 1))
    xml = f"""<w:r xmlns:w="{ooxml.NS['w']}" xmlns:wp="{ooxml.NS['wp']}" xmlns:a="{ooxml.NS['a']}"
      xmlns:pic="{ooxml.NS['pic']}" xmlns:r="{ooxml.NS['r']}"><w:drawing>
      <wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{width}" cy="{height}"/>
      <wp:docPr id="1" name="Logo"/><wp:cNvGraphicFramePr/>
      <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">
      <pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="logo"/><pic:cNvPicPr/></pic:nvPicPr>
      <pic:blipFill><a:blip r:embed="rIdLogo"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>
      <pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>
      <a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>
      </a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"""
    return etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))

