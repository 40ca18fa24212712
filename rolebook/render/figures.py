"""Diagrams in documents (the org chart, a role's relationship diagram): `::: figure name=NAME width=W
height=H` in a template, and the figure itself supplied by the renderer.

HTML gets the SVG inline (text stays text, and prints sharp in Chromium's PDF). Word gets a picture whose
PNG every version shows and whose SVG (Office 2016's svgBlip extension) newer Word shows sharp; LibreOffice
shows one of the two. The picture is scaled to the text width when it is wider.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable
from html import escape

from lxml import etree

from rolebook.render import ooxml

SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
EMU_PER_PX = 9525
TEXT_WIDTH_EMU = 5_760_000  # 16 cm: A4 portrait between rolebook's margins
MAX_HEIGHT_EMU = 8_640_000  # 24 cm


class DrawnAhead:
    """A picture drawn on a thread of its own from now on, waited for when it is asked for: Pillow and zlib
    let go of Python's lock while they rasterise and compress, so a job description's PNG (20 ms of its
    90) is made on the second core while the document around it is written. Same bytes as drawn in line."""

    def __init__(self, draw: Callable[[], bytes]):
        import threading

        self._draw, self._result, self._error = draw, None, None
        self._thread = threading.Thread(target=self._run, name="rolebook-figure", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._result = self._draw()
        except BaseException as error:  # raised where the picture is asked for
            self._error = error

    def __call__(self) -> bytes:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result

    def wait(self) -> None:
        """Before the caller goes on, even without the picture: no thread outlives a render (a fork after it
        would copy a process whose drawing thread is gone)."""
        self._thread.join()


@dataclass(frozen=True)
class Figure:
    svg: str
    draw_png: Callable[[], bytes]  # the picture Word shows, drawn only for a Word file (HTML shows the SVG)
    width: float  # px
    height: float
    alt: str

    @property
    def png(self) -> bytes:
        return self.draw_png()


def directive(name: str, figure: Figure, caption: str = "") -> str:
    """The Markdown a template writes where the figure goes; `caption` (Markdown) is printed below it."""
    return f"::: figure name={name} width={figure.width:g} height={figure.height:g}\n{caption}\n:::"


_PLACE = re.compile(r'<figure class="diagram" data-figure="([A-Za-z0-9_-]+)">')


def with_figures(html: str, figures: dict[str, Figure]) -> str:
    """The HTML with each figure's SVG in its place."""
    def put(match: re.Match) -> str:
        figure = figures.get(match.group(1))
        return match.group(0) + (figure.svg if figure else "")
    return _PLACE.sub(put, html)


def html_open(name: str) -> str:
    return f'<figure class="diagram" data-figure="{escape(name)}">'


def rel_id(name: str, kind: str) -> str:
    return f"rIdFig{kind}{re.sub(r'[^A-Za-z0-9]', '', name.title())}"


def media(name: str, kind: str) -> str:
    return f"media/figure-{name}.{kind}"


def size(width: float, height: float) -> tuple[int, int]:
    """EMU: the picture's size in px at 96 dpi, scaled down to the text width and a page's height."""
    cx, cy = width * EMU_PER_PX, height * EMU_PER_PX
    scale = min(1.0, TEXT_WIDTH_EMU / cx if cx else 1.0, MAX_HEIGHT_EMU / cy if cy else 1.0)
    return round(cx * scale), round(cy * scale)


def drawing_run(name: str, width: float, height: float, number: int, alt: str) -> etree._Element:
    """An inline picture: the PNG, with the SVG as Office's extension."""
    cx, cy = size(width, height)
    xml = f"""<w:r xmlns:w="{ooxml.NS['w']}" xmlns:wp="{ooxml.NS['wp']}" xmlns:a="{ooxml.NS['a']}"
      xmlns:pic="{ooxml.NS['pic']}" xmlns:r="{ooxml.NS['r']}"><w:drawing>
      <wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>
      <wp:docPr id="{1000 + number}" name="{escape(name)}" descr="{escape(alt)}"/><wp:cNvGraphicFramePr/>
      <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">
      <pic:pic><pic:nvPicPr><pic:cNvPr id="{1000 + number}" name="{escape(name)}"/><pic:cNvPicPr/></pic:nvPicPr>
      <pic:blipFill><a:blip r:embed="{rel_id(name, 'Png')}"><a:extLst><a:ext uri="{SVG_EXTENSION}">
      <asvg:svgBlip xmlns:asvg="{SVG_NS}" r:embed="{rel_id(name, 'Svg')}"/></a:ext></a:extLst></a:blip>
      <a:stretch><a:fillRect/></a:stretch></pic:blipFill>
      <pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
      <a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>
      </a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"""
    return etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
