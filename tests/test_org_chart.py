"""The org chart's layout: every concrete role once, each below its superior, no two boxes or texts
overlapping, wide levels wrapped, from 1 to 300 roles, long Chinese and English titles, several roots."""

import random
import subprocess
import sys
from types import SimpleNamespace

import pytest

from rolebook.organisation.chart import BOX_WIDTH, GRID_COLUMNS, chart_of, png, svg, text_width, wrap

LABELS = {"chart_headcount": "定员 {count}"}
TITLES = ["销售代表", "区域销售经理（华东大区重点客户及渠道拓展）", "Senior Regional Sales Manager, Key Accounts and "
          "Channel Partnerships", "HR", "电话销售主管", "Chief Financial Officer"]


def roles(count: int, seed: int, roots: int = 1, fan: int = 6) -> list:
    rng = random.Random(seed)
    found = []
    for i in range(count):
        boss = None if i < roots else found[rng.randrange(max(1, min(i, i // fan + roots)))].id
        found.append(SimpleNamespace(id=f"r{i}", title=rng.choice(TITLES), reports_to=boss,
                                     department=f"部门{i % 4}", grade=rng.choice(["P1", "M2", None]),
                                     headcount=rng.choice([None, 1, 12])))
    return found


def overlaps(a, b) -> bool:
    from rolebook.organisation.chart import BOX_HEIGHT

    return a.x < b.x + BOX_WIDTH and b.x < a.x + BOX_WIDTH and a.y < b.y + BOX_HEIGHT and b.y < a.y + BOX_HEIGHT


@pytest.mark.parametrize("count, roots, fan", [(1, 1, 6), (2, 1, 6), (9, 2, 3), (40, 1, 40), (120, 3, 4),
                                                 (300, 1, 8), (300, 5, 300)])
def test_every_role_once_below_its_superior_and_no_overlap(count, roots, fan):
    found = roles(count, seed=count + roots, roots=roots, fan=fan)
    chart = chart_of(found, LABELS)
    assert sorted(b.id for b in chart.boxes) == sorted(r.id for r in found)
    boxes = {b.id: b for b in chart.boxes}
    for role in found:
        if role.reports_to:
            assert boxes[role.id].y > boxes[role.reports_to].y
    ordered = sorted(chart.boxes, key=lambda b: b.x)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b.x >= a.x + BOX_WIDTH:
                break
            assert not overlaps(a, b), (a.id, b.id)
    for box in chart.boxes:
        assert 0 <= box.x and box.x + BOX_WIDTH <= chart.width and 0 <= box.y <= chart.height
        assert all(text_width(line) <= BOX_WIDTH - 16 for line in box.lines)


def test_a_wide_level_is_wrapped_into_rows():
    found = [SimpleNamespace(id="boss", title="总经理", reports_to=None, department="总经办", grade=None, headcount=1)]
    found += [SimpleNamespace(id=f"c{i}", title="文员", reports_to="boss", department="总经办", grade=None,
                              headcount=None) for i in range(40)]
    chart = chart_of(found, LABELS)
    assert chart.width <= GRID_COLUMNS * (BOX_WIDTH + 16) + 64  # an A4 page's worth, not forty boxes wide
    assert len({b.y for b in chart.boxes}) == 1 + 40 // GRID_COLUMNS


def test_long_titles_wrap_by_measured_width_and_end_in_an_ellipsis():
    lines = wrap("区域销售经理（华东大区重点客户及渠道拓展部门负责人兼任培训讲师与招聘面试官）", 134, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert wrap("Senior Regional Sales Manager", 134, 3) == ["Senior Regional Sales", "Manager"]
    assert text_width("中") == 12 and text_width("i") < text_width("W")


def test_a_reporting_loop_is_cut_not_followed_forever():
    found = [SimpleNamespace(id="a", title="A", reports_to="b", department="", grade=None, headcount=None),
             SimpleNamespace(id="b", title="B", reports_to="a", department="", grade=None, headcount=None)]
    assert sorted(b.id for b in chart_of(found, LABELS).boxes) == ["a", "b"]


def test_svg_escapes_text_and_png_draws_it():
    found = [SimpleNamespace(id="x", title="R&D <lead>", reports_to=None, department="研发", grade=None,
                             headcount=None)]
    chart = chart_of(found, LABELS)
    drawn = svg(chart, "组织架构图")
    assert "R&amp;D &lt;lead&gt;" in drawn and "<lead>" not in drawn
    assert png(chart)[:8] == b"\x89PNG\r\n\x1a\n"
    assert svg(chart, "t") == svg(chart_of(found, LABELS), "t")  # the same roles, the same bytes


def test_drawing_the_png_loads_pillows_png_writer_only():
    """Pillow loads five formats' plugins when asked for a format by name (15-20 ms of a one-role build);
    saved by a .png name it loads the PNG plugin alone, and the bytes are those of format="PNG"."""
    check = ("import io, sys\n"
             "from types import SimpleNamespace\n"
             "from rolebook.organisation.chart import chart_of, png\n"
             "role = SimpleNamespace(id='x', title='HR', reports_to=None, department='d', grade=None, headcount=None)\n"
             "chart = chart_of([role], {})\n"
             "drawn = png(chart)\n"
             "print(sorted(m for m in sys.modules if m.startswith('PIL.') and m.endswith('ImagePlugin')))\n"
             "from PIL import Image\n"
             "again = io.BytesIO()\n"
             "Image.open(io.BytesIO(drawn)).save(again, 'PNG', compress_level=1)\n"
             "print(Image.open(io.BytesIO(drawn)).tobytes() == Image.open(again).tobytes())\n")
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["['PIL.PngImagePlugin']", "True"]


def test_a_chart_taller_than_a_page_is_printed_in_pieces_that_each_fit():
    from rolebook.organisation.chart import fits_a_page, sheets

    found = roles(60, seed=11, roots=1, fan=4)
    assert not fits_a_page(chart_of(found, LABELS))
    pieces = sheets(found, LABELS)
    assert len(pieces) > 1 and pieces[0][0] is None
    shown = [{b.id for b in chart.boxes} for _, chart in pieces]
    assert set().union(*shown) == {r.id for r in found}
    for role in found:  # no reporting line is cut: a role and its superior share a piece
        if role.reports_to:
            assert any(role.id in ids and role.reports_to in ids for ids in shown), role.id
    for heading, chart in pieces:
        assert fits_a_page(chart), heading
    small = roles(9, seed=2, roots=2, fan=3)
    assert [heading for heading, _ in sheets(small, LABELS)] == [None]  # a chart that fits stays whole


def test_a_picture_drawn_ahead_is_the_one_drawn_in_line_and_its_failure_surfaces_where_it_is_asked_for():
    """A job description's PNG is drawn on a thread while the document is written (figures.DrawnAhead): the
    same bytes, and an error in the drawing is raised to the render that needs it, not lost on the thread."""
    from functools import partial

    from rolebook.render.figures import DrawnAhead

    chart = chart_of(roles(9, 3, roots=2, fan=3), LABELS)
    ahead = DrawnAhead(partial(png, chart))
    assert ahead() == png(chart) and ahead() == png(chart)  # asked twice: drawn once, the same bytes

    def broken() -> bytes:
        raise OSError("no font")

    failing = DrawnAhead(broken)
    failing.wait()
    with pytest.raises(OSError, match="no font"):
        failing()
