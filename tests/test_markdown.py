"""The shared Markdown configuration and the filters that put user text into templates."""

import json

import pytest

from rolebook.render.markdown import parse, parser
from rolebook.render.templating import block, cell, inline, item

from conftest import REPO

COMMONMARK = json.loads((REPO / "tests" / "data" / "commonmark" / "commonmark.json").read_text(encoding="utf-8"))


def html(text: str) -> str:
    return parser().render(text).strip()


@pytest.mark.parametrize("source, expected", [
    ("**真，**她", "<p><strong>真，</strong>她</p>"),
    ("她**，真**的", "<p>她<strong>，真</strong>的</p>"),
    ("**注：**具体指标", "<p><strong>注：</strong>具体指标</p>"),
    ("*（可选）*说明", "<p><em>（可选）</em>说明</p>"),
    ("**bold** and *em*", "<p><strong>bold</strong> and <em>em</em></p>"),
    ("snake_case_name", "<p>snake_case_name</p>"),
])
def test_emphasis_next_to_full_width_punctuation(source, expected):
    assert html(source) == expected


def test_raw_html_stays_text():
    assert html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    assert html("a <b>b</b>") == "<p>a &lt;b&gt;b&lt;/b&gt;</p>"


def test_commonmark_unchanged_except_raw_html():
    """The CJK rule changes nothing in the CommonMark examples; only raw HTML (off) renders differently."""
    from markdown_it import MarkdownIt

    reference = MarkdownIt("commonmark", {"xhtmlOut": False}).enable(["table", "strikethrough"])  # HTML, not XHTML
    differ = [e["example"] for e in COMMONMARK
              if "<" not in e["markdown"] and html(e["markdown"]) != reference.render(e["markdown"]).strip()]
    assert differ == []


def test_inline_filter_keeps_text_on_one_line():
    assert inline("第一行\n第二行") == "第一行第二行"
    assert inline("first line\n  second") == "first line second"
    assert inline(None) == ""


def test_cell_filter_escapes_pipes():
    tokens = parse(f"| a | b |\n|---|---|\n| {cell('x | y')} | z |\n")
    cells = [t for t in tokens if t.type == "inline"]
    assert [c.content for c in cells] == ["a", "b", "x | y", "z"]  # two cells, the pipe kept as text


def test_a_caret_cell_joins_the_cell_above_and_a_users_caret_stays_text():
    from rolebook.render.html import render_body

    source = (f"| a | b |\n|---|---|\n| ^ | 0 |\n| **x** | 1 |\n| ^ | 2 |\n| ^ | 3 |\n| {cell('^')} | 4 |\n"
              f"| {cell(' ^ ')} | 5 |\n")
    body = render_body(parse(source))
    assert body.count("<td") == 10  # 12 body cells, two of them joined to the one above
    assert '<td rowspan="3"><strong>x</strong></td>' in body
    assert "<td>^</td>\n<td>0</td>" in body  # under the header row a caret joins nothing
    assert body.count("<td>^</td>") == 3  # the first row's, and the two a user wrote (escaped by `cell`)


def test_a_form_column_is_aligned_as_its_align_parameter_says():
    from rolebook.render.html import render_body

    body = render_body(parse("::: form widths=50,50 align=l,r\n- - KPI\n  - Weight\n- - Sales\n  - 40%\n:::\n"))
    assert '<th scope="col" class="right">Weight</th>' in body and '<td class="right">' in body
    assert '<th scope="col">KPI</th>' in body  # a column left out of align= stays left


def test_block_filter_cannot_open_or_close_directives():
    text = "::: meta\nhello\n:::"
    rendered = parse("::: note\n" + block(text) + "\n:::\n")
    assert [t.type for t in rendered].count("container_meta_open") == 0
    assert [t.type for t in rendered].count("container_note_close") == 1


def test_item_filter_continues_a_list_item():
    source = "- " + item("Answer questions:\n- about revenue\n- about churn") + "\n"
    types = [t.type for t in parse(source)]
    assert types.count("bullet_list_open") == 2  # the inner list is nested in the item
