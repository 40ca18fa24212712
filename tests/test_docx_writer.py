"""The Word writer: Markdown survives as Word structure, fonts and properties are set, output is stable."""

import zipfile

import pytest

from rolebook.render.markdown import parse
from rolebook.render.ooxml import NS
from rolebook.render.wordpackage import PACKAGED_REFERENCE, DocumentInfo, Reference, build_docx

from clients import xml_part

W = "{%s}" % NS["w"]
REFERENCE = Reference.load(PACKAGED_REFERENCE)


def docx(markdown: str, **info) -> bytes:
    settings = {"title": "T", "subject": "S", "language": "en", **info}
    return build_docx(parse(markdown), DocumentInfo(**settings), REFERENCE)


def body(markdown: str, **info):
    return xml_part(docx(markdown, **info), "word/document.xml").find(W + "body")


def xpath(element, path):
    return element.xpath(path, namespaces=NS)


def test_emphasis_becomes_run_properties():
    runs = xpath(body("**bold** *italic* ~~gone~~ `code`"), "//w:r")
    props = {"".join(xpath(r, "w:t/text()")): {c.tag.replace(W, "") for c in xpath(r, "w:rPr/*")} for r in runs}
    assert {"b", "bCs"} <= props["bold"]
    assert {"i", "iCs"} <= props["italic"]
    assert "strike" in props["gone"]
    assert "rStyle" in props["code"]


def test_links_are_real_hyperlinks():
    data = docx("[site](https://example.com/a?b=1&c=2) [bad](javascript:alert(1)) [here](#duties)")
    document = xml_part(data, "word/document.xml")
    rels = xml_part(data, "word/_rels/document.xml.rels")
    links = xpath(document, "//w:hyperlink")
    assert len(links) == 2
    rel_id = links[0].get("{%s}id" % NS["r"])
    rel = [r for r in rels if r.get("Id") == rel_id][0]
    assert rel.get("Target") == "https://example.com/a?b=1&c=2" and rel.get("TargetMode") == "External"
    assert links[1].get(W + "anchor") == "_Toc_duties"  # the bookmark a heading with the anchor "duties" has
    assert "[bad](javascript:alert(1))" in "".join(xpath(document, "//w:t/text()"))


def test_each_list_restarts_and_nesting_is_a_level():
    data = docx("1. a\n2. b\n\ntext\n\n1. c\n   - d\n\nmore\n\n3. e\n")
    paragraphs = xpath(xml_part(data, "word/document.xml"), "//w:p[w:pPr/w:numPr]")
    nums = [(xpath(p, "string(w:pPr/w:numPr/w:numId/@w:val)"), xpath(p, "string(w:pPr/w:numPr/w:ilvl/@w:val)"))
            for p in paragraphs]
    assert nums[0][0] == nums[1][0] and nums[2][0] != nums[0][0]  # a new list, a new w:num
    assert nums[3][1] == "1"  # the nested bullet
    numbering = xml_part(data, "word/numbering.xml")
    starts = {xpath(n, "string(@w:numId)"): xpath(n, "string(w:lvlOverride/w:startOverride/@w:val)")
              for n in xpath(numbering, "//w:num")}
    assert starts[nums[0][0]] == "1" and starts[nums[2][0]] == "1"
    assert starts[xpath(paragraphs[4], "string(w:pPr/w:numPr/w:numId/@w:val)")] == "3"
    bullets = xpath(numbering, "//w:abstractNum[@w:abstractNumId='0']/w:lvl[@w:ilvl='0']/w:numFmt/@w:val")
    assert bullets == ["bullet"]


def test_tables_are_word_tables_with_a_style_and_a_repeating_header():
    table = xpath(body("| a | b |\n|---|--:|\n| 1 | 2 |\n| 3 | 4 |\n"), "//w:tbl")[0]
    assert xpath(table, "string(w:tblPr/w:tblStyle/@w:val)") == "RolebookTable"
    rows = xpath(table, "w:tr")
    assert len(rows) == 3 and xpath(rows[0], "w:trPr/w:tblHeader") and not xpath(rows[1], "w:trPr/w:tblHeader")
    assert xpath(rows[1], "string(w:tc[2]/w:p/w:pPr/w:jc/@w:val)") == "right"
    assert len(xpath(table, "w:tblGrid/w:gridCol")) == 2


def test_a_long_tables_last_row_keeps_with_the_row_before_it():
    """A KPI table's 合计 row never goes alone to a page under the repeated header (a seed job description
    printed a page of the header and 合计 100%): in a table too long to keep together, the row before the
    last keeps with it, and no other row is held."""
    rows = "".join(f"| KPI {n} | {n}% |\n" for n in range(12))
    table = xpath(body("| KPI | weight |\n|---|---|\n" + rows + "| Total | 100% |\n"), "//w:tbl")[0]
    kept = [bool(xpath(row, "w:tc/w:p/w:pPr/w:keepNext")) for row in xpath(table, "w:tr")]
    assert kept == [False] * 12 + [True, False]


def test_headings_quotes_code_and_definitions_use_named_styles():
    styles = xpath(body("## Two\n\n> quoted\n\n```\ncode\n```\n\nTerm\n: Meaning\n"), "//w:pStyle/@w:val")
    assert styles == ["Heading2", "Quote", "CodeBlock", "DefinitionTerm", "Definition"]


def test_raw_html_is_text():
    texts = "".join(xpath(body("a <b>x</b> & <script>"), "//w:t/text()"))
    assert texts == "a <b>x</b> & <script>"


def test_soft_breaks_between_chinese_characters_vanish():
    assert "".join(xpath(body("第一\n第二 and\nmore"), "//w:t/text()")) == "第一第二 and more"


@pytest.mark.parametrize("language, font", [("zh-CN", "SimSun"), ("zh-TW", "PMingLiU"), ("zh-Hant-HK", "PMingLiU")])
def test_east_asian_font_and_language_from_the_spec(language, font):
    styles = xml_part(docx("x", language=language), "word/styles.xml")
    defaults = xpath(styles, "//w:docDefaults/w:rPrDefault/w:rPr")[0]
    assert xpath(defaults, "string(w:rFonts/@w:eastAsia)") == font
    assert xpath(defaults, "string(w:lang/@w:eastAsia)") == language


def test_branding_fonts_and_accent():
    styles = xml_part(docx("x", language="zh-CN", latin_font="Arial", cjk_font="Noto Serif CJK SC",
                           accent="#AA0000"), "word/styles.xml")
    fonts = xpath(styles, "//w:docDefaults//w:rFonts")[0]
    assert fonts.get(W + "ascii") == "Arial" and fonts.get(W + "eastAsia") == "Noto Serif CJK SC"
    assert xpath(styles, "string(//w:style[@w:styleId='Heading1']/w:rPr/w:color/@w:val)") == "AA0000"


def test_page_numbers_in_the_footer_and_title_in_the_header():
    data = docx("x", header="Acme · Analyst", footer_pattern="Page {page} of {pages}")
    footer = xml_part(data, "word/footer1.xml")
    instructions = [t.strip() for t in xpath(footer, "//w:instrText/text()")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "".join(xpath(footer, "//w:t/text()")) == "Page 1 of 1"
    assert "Acme · Analyst" in "".join(xpath(xml_part(data, "word/header1.xml"), "//w:t/text()"))


def test_document_properties():
    import datetime

    core = xml_part(docx("x", title="Analyst Job description", language="en", version="2.1.0",
                         date=datetime.date(2026, 3, 1)), "docProps/core.xml")
    values = {element.tag.split("}")[1]: element.text for element in core}
    assert values["title"] == "Analyst Job description"
    assert values["language"] == "en" and values["version"] == "2.1.0"
    assert values["created"] == "2026-03-01T00:00:00Z"


def test_identical_input_gives_identical_bytes():
    first, second = docx("# A\n\n- b\n"), docx("# A\n\n- b\n")
    assert first == second
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_an_unknown_token_is_an_error_not_a_silent_drop():
    from markdown_it.token import Token

    from rolebook.render.docx import DocxWriter, WriterError

    with pytest.raises(WriterError, match="no rule for Markdown token 'mystery'"):
        DocxWriter().render([Token("mystery", "", 0)])


def test_a_key_value_table_gives_its_labels_what_they_need_and_its_values_the_rest_alike():
    """岗位基本信息 and the form's head: shared in proportion to their texts, the labels took two thirds of the
    line and left a blank form a narrow cell to write a name in (as the HTML page, `.meta th`, lays it out)."""
    from rolebook.render.docx_tables import column_widths

    rows = [["被考核人姓名", "", "岗位名称", "销售人员"], ["所属部门", "销售部", "直接上级（销售经理）", ""]]
    label_first, value_first, label_second, value_second = column_widths([], rows, 14000, pairs=True)
    assert value_first == value_second or abs(value_first - value_second) < 4
    assert label_first < value_first and label_second < value_second
    assert label_second > label_first  # each label as wide as its own longest text
    assert sum(column_widths([], rows, 14000, pairs=True)) == 14000
    # a value that cannot fit beside the labels: the widths follow the texts, as in any table
    wide = [["姓名", "W" * 70, "部门", "x"]]
    assert column_widths([], wide, 9000, pairs=True) == column_widths([], wide, 9000)


def test_a_long_signers_name_gets_a_whole_line_to_sign_on_and_so_do_the_others():
    """批准（总经理办公室） left a stub of a line after it; with one such name every signer's line is on its own."""
    def breaks(markdown: str) -> list[bool]:
        cells = xpath(body(markdown, language="zh-CN"), "//w:tbl//w:tc")
        return [bool(xpath(cell, "w:p[1]/w:r[w:br][following-sibling::w:r[w:tab]]")) for cell in cells]

    assert breaks("::: signatures date=日期\n编制（人力资源部招聘与配置组）\n\n审核\n\n批准\n:::\n") == [True] * 3
    assert breaks("::: signatures date=日期\n编制\n\n审核\n\n批准\n:::\n") == [False] * 3
    assert breaks("::: signatures date=Date\nPrepared by\n\nReviewed by\n\nApproved by\n:::\n") == [False] * 3
