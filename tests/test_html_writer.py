"""The HTML writer: escaping, directives, safe links, self-contained pages."""

import re

from rolebook.render.html import render_body
from rolebook.render.markdown import parse


def html(markdown: str) -> str:
    return render_body(parse(markdown))


def test_text_is_escaped_and_raw_html_is_text():
    out = html("<script>alert(1)</script> & <b>x</b>")
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out


def test_only_safe_links_become_anchors():
    out = html("[a](https://e.com/?x=1&y=2) [b](javascript:alert(1)) [c](#top) [d](relative/page)")
    assert '<a href="https://e.com/?x=1&amp;y=2">a</a>' in out
    assert '<a href="#top">c</a>' in out
    assert "javascript" not in out.split("[b]")[0] and "<a href=\"relative" not in out


def test_images_are_not_fetched():
    out = html("![a chart](http://example.com/chart.png)")
    assert "<img" not in out and "a chart" in out


def test_meta_tables_are_key_value_rows():
    out = html("::: meta\n| A | 1 | B | 2 |\n|---|---|---|---|\n| C | 3 | D | 4 |\n:::\n")
    assert "<thead>" not in out
    assert out.count('<th scope="row">') == 4 and out.count("<td>") == 4


def test_ordinary_tables_keep_their_header_and_alignment():
    out = html("| a | b |\n|---|--:|\n| 1 | 2 |\n")
    assert '<th scope="col">a</th>' in out and '<td class="right">2</td>' in out


def test_directives_become_classed_elements():
    out = html("::: doc-title\n# T\n:::\n\n::: note\nsmall\n:::\n")
    assert re.search(r'<header class="doc-title">\s*<h1>T</h1>\s*</header>', out)
    assert '<div class="note">' in out


def test_soft_breaks_between_chinese_characters_vanish():
    assert "<p>第一第二</p>" in html("第一\n第二")
