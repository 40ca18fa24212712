"""The grade distribution as a chart: SVG in HTML, a native chart in Word (DrawingML, its numbers written
into the chart, so Word and LibreOffice draw it without an embedded workbook).

The summary's Markdown holds a marker paragraph where each chart goes; the writers render it as text,
and this module puts the chart in its place.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree
from markupsafe import Markup

from rolebook.render import ooxml

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
ACCENT = "1F4E79"
EMU_WIDTH, EMU_HEIGHT = 5029200, 2286000  # 14 cm × 6.35 cm


def chart_docx_marker(number: int) -> str:
    return f"ROLEBOOK-CHART-{number}"


def chart_svg(counts: dict[str, int], name: str) -> Markup:
    """Bars of employees per grade, best grade first, with the count on each bar; named for screen readers."""
    width, bar, gap, left, top = 560, 26, 10, 70, 10
    most = max(counts.values(), default=0) or 1
    height = top * 2 + len(counts) * (bar + gap)
    parts = [Markup('<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" width="{0}" '
                    'height="{1}" viewBox="0 0 {0} {1}" aria-label="{2}">').format(width, height, name)]
    for n, (grade, count) in enumerate(counts.items()):
        y = top + n * (bar + gap)
        length = round((width - left - 60) * count / most)
        parts.append(Markup('<text x="{}" y="{}" text-anchor="end" font-size="14">{}</text>').format(
            left - 10, y + bar * 0.7, grade))
        parts.append(Markup('<rect x="{}" y="{}" width="{}" height="{}" fill="#{}"></rect>').format(
            left, y, length, bar, ACCENT))
        parts.append(Markup('<text x="{}" y="{}" font-size="14">{}</text>').format(
            left + length + 6, y + bar * 0.7, count))
    parts.append(Markup("</svg><figcaption>{}</figcaption></figure>").format(name))
    return Markup("").join(parts)


def _chart_part(counts: dict[str, int], name: str) -> bytes:
    c = f"{{{C}}}"

    def sub(parent, tag, val=None):
        element = etree.SubElement(parent, c + tag)
        if val is not None:
            element.set("val", str(val))
        return element

    space = etree.Element(c + "chartSpace", nsmap={"c": C, "a": A, "r": R})
    sub(space, "roundedCorners", 0)
    chart = sub(space, "chart")
    sub(chart, "autoTitleDeleted", 1)
    plot = sub(chart, "plotArea")
    sub(plot, "layout")
    bars = sub(plot, "barChart")
    sub(bars, "barDir", "col")
    sub(bars, "grouping", "clustered")
    sub(bars, "varyColors", 0)
    series = sub(bars, "ser")
    sub(series, "idx", 0)
    sub(series, "order", 0)
    etree.SubElement(sub(series, "tx"), c + "v").text = name
    fill = etree.SubElement(etree.SubElement(sub(series, "spPr"), f"{{{A}}}solidFill"), f"{{{A}}}srgbClr")
    fill.set("val", ACCENT)
    sub(series, "invertIfNegative", 0)
    labels = sub(series, "dLbls")
    for tag, value in (("showLegendKey", 0), ("showVal", 1), ("showCatName", 0), ("showSerName", 0),
                       ("showPercent", 0), ("showBubbleSize", 0)):
        sub(labels, tag, value)
    for tag, literal, values in (("cat", "strLit", list(counts)), ("val", "numLit", list(counts.values()))):
        data = sub(sub(series, tag), literal)
        if literal == "numLit":
            etree.SubElement(data, c + "formatCode").text = "0"
        sub(data, "ptCount", len(values))
        for index, value in enumerate(values):
            point = sub(data, "pt")
            point.set("idx", str(index))
            etree.SubElement(point, c + "v").text = str(value)
    sub(bars, "gapWidth", 80)
    sub(bars, "axId", 1)
    sub(bars, "axId", 2)
    for tag, axis, cross, position in (("catAx", 1, 2, "b"), ("valAx", 2, 1, "l")):
        ax = sub(plot, tag)
        sub(ax, "axId", axis)
        sub(sub(ax, "scaling"), "orientation", "minMax")
        sub(ax, "delete", 0)
        sub(ax, "axPos", position)
        if tag == "valAx":
            sub(ax, "majorGridlines")
            number = sub(ax, "numFmt")
            number.set("formatCode", "0")
            number.set("sourceLinked", "0")
        sub(ax, "crossAx", cross)
        if tag == "valAx":
            sub(ax, "crossBetween", "between")
            sub(ax, "majorUnit", max(1, -(-max(counts.values(), default=1) // 5)))
    sub(chart, "plotVisOnly", 1)
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drawing(number: int, name: str, relationship: str) -> etree._Element:
    paragraph = ooxml.el("w:p")
    run = etree.SubElement(paragraph, ooxml.W + "r")
    drawing = etree.SubElement(run, ooxml.W + "drawing")
    inline = etree.SubElement(drawing, f"{{{WP}}}inline", nsmap={"wp": WP})
    for side in ("distT", "distB", "distL", "distR"):
        inline.set(side, "0")
    extent = etree.SubElement(inline, f"{{{WP}}}extent")
    extent.set("cx", str(EMU_WIDTH))
    extent.set("cy", str(EMU_HEIGHT))
    properties = etree.SubElement(inline, f"{{{WP}}}docPr")
    properties.set("id", str(9000 + number))
    properties.set("name", f"Chart {number + 1}")
    properties.set("descr", name)
    graphic = etree.SubElement(inline, f"{{{A}}}graphic", nsmap={"a": A})
    data = etree.SubElement(graphic, f"{{{A}}}graphicData")
    data.set("uri", C)
    reference = etree.SubElement(data, f"{{{C}}}chart", nsmap={"c": C, "r": R})
    reference.set(f"{{{R}}}id", relationship)
    return paragraph


def with_charts(docx: bytes, charts: list[tuple[object, dict[str, int], str]]) -> bytes:
    """The document with each marker paragraph replaced by its chart (a part of its own)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
        order = [info.filename for info in archive.infolist()]
    document = etree.fromstring(parts["word/document.xml"])
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    types = etree.fromstring(parts["[Content_Types].xml"])
    for number, (_, counts, name) in enumerate(charts):
        marker = chart_docx_marker(number)
        found = [p for p in document.iter(ooxml.W + "p") if "".join(p.itertext()) == marker]
        if not found:
            continue
        relationship = f"rIdRolebookChart{number + 1}"
        found[0].getparent().replace(found[0], _drawing(number, name, relationship))
        target = f"charts/chart{number + 1}.xml"
        rel = etree.SubElement(rels, f"{{{rels.nsmap[None]}}}Relationship")
        rel.set("Id", relationship)
        rel.set("Type", CHART_REL)
        rel.set("Target", target)
        override = etree.SubElement(types, f"{{{types.nsmap[None]}}}Override")
        override.set("PartName", f"/word/{target}")
        override.set("ContentType", CHART_TYPE)
        parts[f"word/{target}"] = _chart_part(counts, name)
        order.append(f"word/{target}")
    parts["word/document.xml"] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8",
                                                           standalone=True)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    return ooxml.write_package([(name, parts[name]) for name in order])
