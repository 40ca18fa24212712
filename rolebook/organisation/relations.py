"""A role's relationship diagram (岗位关系图), as most Chinese job descriptions have one: the superior above,
the role in the middle, its direct reports below, the internal partners of its duties on the left and the
external ones on the right (from each duty's `collaboration`), drawn with the org chart's boxes."""

from __future__ import annotations

import dataclasses

from rolebook.organisation.chart import BOX_WIDTH, GAP, LEVEL_GAP, LINE, PAD, ROW_GAP, Box, Chart, wrap

SIDE_GAP = 56
MOST_PARTNERS = 6  # boxes a side: the last of a longer list names the rest (the table lists each with its purpose)
REPORT_COLUMNS = 4
COLOURS = {"superior": "#D9D9D9", "role": "#BDD7EE", "report": "#EDEDED", "internal": "#E2EFDA",
           "external": "#FCE4D6"}


def _box(key: str, x: float, y: float, title: str, detail: str, colour: str, height: float | None = None) -> Box:
    lines = tuple(wrap(title, BOX_WIDTH - 2 * PAD, 3))
    return Box(key, x, y, lines, detail, colour, title, fitted(lines) if height is None else height)


def fitted(lines: tuple[str, ...]) -> float:
    """A box as tall as its title's lines and its detail line: most partners' names take one line, and a
    column of six boxes sized for three lines pushed the diagram to a page of its own."""
    return PAD * 2 + LINE * (len(lines) + 1)


# How duties name the role's own superior ("向上级领导汇报"): where the role has one, its box above is that
# partner, not a box of its own on the side as if it were another department.
SUPERIOR_NAMES = frozenset({"上级", "上级领导", "直接上级", "直属上级", "上级主管", "上級", "上級主管", "直接上級",
                            "直屬上級", "直屬主管", "superior", "line manager", "direct manager", "your manager"})


def partners(role, formatter, labels: dict, superior: str | None = None) -> tuple[list[str], list[str]]:
    """The names of the role's internal and external partners, once each, in at most MOST_PARTNERS boxes a
    side: where there are more, the last box names the rest ("另有：市场部、客服部"), none left out unsaid.
    With a `superior` (its title), a partner that names it is left to the superior's box."""
    groups = formatter.relationships(role)
    own = {superior.lower()} | SUPERIOR_NAMES if superior else set()
    sides = []
    for side in ("internal", "external"):
        names: list[str] = []
        for who, _purpose in groups[side]:
            for name in who:
                if name not in names and name.strip().lower() not in own:
                    names.append(name)
        if len(names) > MOST_PARTNERS:
            rest = names[MOST_PARTNERS - 1:]
            names = names[:MOST_PARTNERS - 1] + [labels["rel_others"].format(names=labels["list_separator"].join(rest))]
        sides.append(names)
    return sides[0], sides[1]


def diagram(role, superior: str | None, reports: list[str], internal: list[str], external: list[str],
            labels: dict) -> Chart:
    middle = (BOX_WIDTH + SIDE_GAP) if internal else 0
    right = middle + BOX_WIDTH + SIDE_GAP
    boxes, lines, dashed = [], [], []
    centre_x = middle + BOX_WIDTH / 2
    role_y = 0.0
    if superior:
        boxes.append(_box("superior", middle, 0, superior, labels["rel_superior"], COLOURS["superior"]))
        role_y = boxes[-1].height + LEVEL_GAP
        lines.append((centre_x, boxes[-1].height, centre_x, role_y))
    boxes.append(_box("role", middle, role_y, role.title, labels["rel_this_role"], COLOURS["role"]))
    centre_y, bottom = role_y + boxes[-1].height / 2, role_y + boxes[-1].height
    for side, names, x in (("internal", internal, 0), ("external", external, right)):
        column = [_box(f"{side}-{i}", x, 0, name, labels[f"rel_{side}"], COLOURS[side]) for i, name in enumerate(names)]
        y = centre_y - (sum(box.height for box in column) + max(len(column) - 1, 0) * GAP) / 2
        for box in column:
            box = dataclasses.replace(box, y=y)  # placed once the column's height is known
            boxes.append(box)
            edge = x + BOX_WIDTH if side == "internal" else x
            role_edge = middle if side == "internal" else middle + BOX_WIDTH
            dashed.append((edge, y + box.height / 2, role_edge, centre_y))
            bottom = max(bottom, y + box.height)
            y += box.height + GAP
    if reports:
        _reports(reports, labels, centre_x, role_y + boxes[1 if superior else 0].height, bottom, boxes, lines)
    return _normalised(boxes, lines, dashed)


def _reports(reports: list[str], labels: dict, centre_x: float, role_bottom: float, bottom: float, boxes: list,
             lines: list) -> None:
    """The direct reports in rows of up to REPORT_COLUMNS below everything else, hung from the role."""
    columns = min(len(reports), REPORT_COLUMNS)
    height = max(fitted(tuple(wrap(title, BOX_WIDTH - 2 * PAD, 3))) for title in reports)  # a row's boxes alike
    row_width = columns * BOX_WIDTH + (columns - 1) * GAP
    start = centre_x - row_width / 2
    top = bottom + LEVEL_GAP
    bus = top - LEVEL_GAP / 2
    lines.append((centre_x, role_bottom, centre_x, bus))
    for i, title in enumerate(reports):
        row, column = divmod(i, columns)
        x, y = start + column * (BOX_WIDTH + GAP), top + row * (height + ROW_GAP)
        boxes.append(_box(f"report-{i}", x, y, title, labels["rel_report"], COLOURS["report"], height))
        lines.append((x + BOX_WIDTH / 2, y - (ROW_GAP / 2 if row else LEVEL_GAP / 2), x + BOX_WIDTH / 2, y))
    for row in range((len(reports) + columns - 1) // columns):
        count = min(columns, len(reports) - row * columns)
        y = top + row * (height + ROW_GAP) - (ROW_GAP / 2 if row else LEVEL_GAP / 2)
        xs = [start + BOX_WIDTH / 2, start + (count - 1) * (BOX_WIDTH + GAP) + BOX_WIDTH / 2]
        if row == 0:
            xs.append(centre_x)
        else:  # later rows hang from a line down the left of the first
            lines.append((start - GAP / 2, bus, start - GAP / 2, y))
            xs.append(start - GAP / 2)
        if min(xs) < max(xs):  # one report straight below needs no bus
            lines.append((min(xs), y, max(xs), y))
    if len(reports) > columns:
        lines.append((start - GAP / 2, bus, start + BOX_WIDTH / 2, bus))


def _normalised(boxes: list[Box], lines, dashed) -> Chart:
    """Everything moved to start at (GAP, GAP), the size to hold it."""
    left = min(min(b.x for b in boxes), *(min(a, c) for a, _, c, _ in lines + dashed)) if lines or dashed else \
        min(b.x for b in boxes)
    top = min(b.y for b in boxes)
    dx, dy = GAP - left, GAP - top
    moved = [Box(b.id, b.x + dx, b.y + dy, b.lines, b.detail, b.colour, b.title, b.height) for b in boxes]

    def shift(segments):
        return [(a + dx, b + dy, c + dx, d + dy) for a, b, c, d in segments]

    width = max(b.x + BOX_WIDTH for b in moved) + GAP
    height = max(b.y + b.height for b in moved) + GAP
    return Chart(moved, shift(lines), width, height, [], shift(dashed))
