"""Write rolebook's packaged reference document: rolebook/render/templates/reference.docx.

    python tools/make_reference_docx.py

The reference document carries the named styles (Title, Heading 1-6, list, quote, code, table
styles, header and footer) and the page setup (A4, margins) that every generated .docx uses. A
project replaces it with its own templates/reference.docx, made in Word from this one, to restyle
every document; fonts for the document's language and `branding` are applied on top at build time.
"""

from __future__ import annotations

from pathlib import Path

from rolebook.render.ooxml import write_package

OUT = Path(__file__).resolve().parent.parent / "rolebook" / "render" / "templates" / "reference.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ACCENT = "1F4E79"


def para_style(style_id, name, ppr="", rpr="", based="Normal", extra=""):
    based_on = f'<w:basedOn w:val="{based}"/>' if based else ""
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>{based_on}'
            f'<w:next w:val="Normal"/>{extra}<w:qFormat/>'
            f'{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}</w:style>')


def heading(level, size, color=ACCENT, before=240, after=120):
    ppr = (f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="{after}"/>'
           f'<w:outlineLvl w:val="{level - 1}"/>')
    rpr = f'<w:b/><w:bCs/><w:color w:val="{color}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return para_style(f"Heading{level}", f"heading {level}", ppr, rpr)


BORDERS = ('<w:tblBorders>' + "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")) + '</w:tblBorders>')
CELL_MARGINS = ('<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
                '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>')

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="SimSun" w:cs="Calibri"/>
<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="100" w:line="312" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/></w:style>
{para_style("Title", "Title", '<w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/>',
            f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="40"/><w:szCs w:val="40"/>')}
{para_style("Subtitle", "Subtitle", '<w:spacing w:after="240"/><w:jc w:val="center"/>',
            '<w:color w:val="595959"/><w:sz w:val="24"/><w:szCs w:val="24"/>')}
{heading(1, 30, before=360)}
{heading(2, 26)}
{heading(3, 23)}
{heading(4, 21, color="262626")}
{heading(5, 21, color="404040")}
{heading(6, 21, color="595959")}
{para_style("ListParagraph", "List Paragraph", '<w:spacing w:after="40"/><w:ind w:left="420"/>')}
{para_style("Quote", "Quote", '<w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="BFBFBF"/></w:pBdr><w:ind w:left="420" w:right="420"/>',
            '<w:i/><w:iCs/><w:color w:val="404040"/>')}
{para_style("CodeBlock", "Code Block", '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
            '<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/><w:sz w:val="18"/><w:szCs w:val="18"/>')}
{para_style("TableText", "Table Text", '<w:spacing w:before="20" w:after="20" w:line="264" w:lineRule="auto"/>',
            '<w:sz w:val="19"/><w:szCs w:val="19"/>')}
{para_style("FormText", "Form Text", '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
            '<w:sz w:val="18"/><w:szCs w:val="18"/>')}
{para_style("TableGap", "Table Gap", '<w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/>',
            '<w:sz w:val="8"/><w:szCs w:val="8"/>')}
{para_style("DefinitionTerm", "Definition Term", '<w:keepNext/><w:spacing w:before="120" w:after="0"/>', '<w:b/><w:bCs/>')}
{para_style("Definition", "Definition", '<w:ind w:left="420"/>')}
{para_style("Note", "Note", '<w:spacing w:before="60"/>', '<w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/>')}
{para_style("Signature", "Signature", '<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="0"/>')}
{para_style("Header", "header", '<w:tabs><w:tab w:val="right" w:pos="9026"/></w:tabs><w:spacing w:after="0"/>',
            '<w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/>')}
{para_style("Footer", "footer", '<w:spacing w:after="0"/><w:jc w:val="center"/>',
            '<w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/>')}
{para_style("TOCHeading", "TOC Heading", '<w:keepNext/><w:spacing w:before="240" w:after="120"/>',
            f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="30"/><w:szCs w:val="30"/>')}
{para_style("TOC1", "toc 1", '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9016"/></w:tabs><w:spacing w:after="60"/>')}
{para_style("TOC2", "toc 2", '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9016"/></w:tabs><w:spacing w:after="40"/><w:ind w:left="420"/>')}
<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="CodeChar"><w:name w:val="Code"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="RolebookTable"><w:name w:val="Rolebook Table"/><w:basedOn w:val="TableNormal"/>
<w:pPr><w:spacing w:after="0"/></w:pPr>
<w:tblPr>{BORDERS}{CELL_MARGINS}</w:tblPr>
<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE6F1"/></w:tcPr></w:tblStylePr>
</w:style>
<w:style w:type="table" w:styleId="FormTable"><w:name w:val="Form Table"/><w:basedOn w:val="TableNormal"/>
<w:pPr><w:spacing w:after="0"/></w:pPr>
<w:tblPr>{BORDERS.replace('A6A6A6', '595959')}{CELL_MARGINS}</w:tblPr>
<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE6F1"/></w:tcPr></w:tblStylePr>
</w:style>
<w:style w:type="table" w:styleId="MetaTable"><w:name w:val="Meta Table"/><w:basedOn w:val="TableNormal"/>
<w:pPr><w:spacing w:after="0"/></w:pPr>
<w:tblPr>{BORDERS}{CELL_MARGINS}</w:tblPr>
</w:style>
</w:styles>
"""

# A4 portrait, 2.54 cm margins; header and footer 1.25 cm from the edge.
DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}"><w:body><w:p/><w:sectPr>
<w:pgSz w:w="11906" w:h="16838"/>
<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="709" w:footer="709" w:gutter="0"/>
</w:sectPr></w:body></w:document>
"""

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>
"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>
"""


def main() -> None:
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", DOCUMENT),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
    ]
    OUT.write_bytes(write_package([(name, text.encode("utf-8")) for name, text in parts]))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
