"""A Word redline: a summary of the changes, then each changed role's chapter (job description and
appraisal scheme) and each changed policy chapter with the differences between two revisions as
tracked changes (w:ins / w:del) a reviewer accepts or rejects, each credited to the commit's author.

Both versions of a chapter go through the normal pipeline into WordprocessingML; their blocks
(paragraphs and tables) are aligned, and within a changed paragraph or table cell the text is compared
word by word (character by character for Chinese, a number or version whole: history/words.py).
"""

from __future__ import annotations

import copy
import difflib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from lxml import etree

from rolebook.history.authors import NOBODY, Attribution, Author
from rolebook.history.diff import Diff
from rolebook.history.summary import compared_line, diff_title, role_files, summary_rows
from rolebook.history.words import opcodes, tokens
from rolebook.project import Project
from rolebook.render import ooxml
from rolebook.render.context import role_context, without_comments
from rolebook.render.docx import DocxWriter
from rolebook.render.docx_tables import widen_for_words
from rolebook.render.labels import labels_for
from rolebook.render.markdown import parse
from rolebook.render.ooxml import W, el, ppr, text_run, val
from rolebook.render.templating import Templates, cell, inline
from rolebook.render.wordpackage import DocumentInfo, Reference, assemble


class Marks:
    """Tracked-change attributes: unique ids, and the author and date of the change being marked."""

    def __init__(self, author: Author):
        self.author = author
        self.lookup: Callable[[str], Author | None] = lambda text: None  # who wrote an inserted text
        self.next_id = 0

    def element(self, kind: str) -> etree._Element:
        self.next_id += 1
        attrs = {"w:id": self.next_id, "w:author": self.author.name}
        if self.author.time:
            attrs["w:date"] = self.author.time
        return el(f"w:{kind}", attrs)

    @contextmanager
    def crediting(self, *texts: str) -> Iterator[None]:
        """Marks made inside are the author's of the commit that wrote the first of `texts` blame finds
        (the paragraph as it now reads, then what was inserted into it); else the chapter's author."""
        found, kept = next(filter(None, map(self.lookup, texts)), None), self.author
        self.author = found or kept
        try:
            yield
        finally:
            self.author = kept


@dataclass
class Redline:
    """What a redline is made of: the comparison, both projects and who made each change."""

    diff: Diff
    old: Project
    new: Project
    attribution: Attribution | None  # None outside git history (tests of the merge itself)

    @property
    def labels(self) -> dict:
        return labels_for(self.new.settings.language)

    def author_of(self, paths: tuple[str, ...]) -> Author:
        return self.attribution.of_files(paths) if self.attribution else Author(NOBODY, None)


def redline(diff: Diff, old: Project, new: Project, root: Path, attribution: Attribution | None) -> bytes:
    job = Redline(diff, old, new, attribution)
    templates = Templates(root / "templates")
    reference = Reference.for_project(root)
    old_writer, new_writer = DocxWriter(section=reference.section), DocxWriter(section=reference.section)
    new_writer.language = old_writer.language = new.settings.language
    title = diff_title(diff, old, new)
    heading = el("w:p", None, ppr(val("w:pStyle", "Title")))
    heading.append(text_run(title))
    blocks = [heading] + _rendered(new_writer, opening_markdown(job) + summary_markdown(job))
    for role_diff in diff.roles:
        if role_diff.status == "invalid":
            continue
        marks = _marks(job, role_files(new, role_diff.id) or role_files(old, role_diff.was))
        before = _chapter(old_writer, templates, old, role_diff.was)
        after = _chapter(new_writer, templates, new, role_diff.id)
        blocks.append(el("w:p", None, ooxml.break_run("page")))
        blocks += merge_blocks(before, after, marks)
    for policy in diff.policies:
        marks = _marks(job, (policy.file,))
        before = _rendered(old_writer, without_comments(old.policies.get(policy.file, "")))
        after = _rendered(new_writer, without_comments(new.policies.get(policy.file, "")))
        blocks.append(el("w:p", None, ooxml.break_run("page")))
        blocks += merge_blocks(before, after, marks)
    offset = len(new_writer.numbering)
    for block in blocks:  # lists of the old version keep their own numbering definitions
        for num in block.iter(W + "numId"):
            if num.get("old-side"):
                num.set(W + "val", str(int(num.get(W + "val")) + offset))
                del num.attrib["old-side"]
    body = el("w:body")
    body.extend(blocks)
    branding, labels = new.settings.branding, job.labels
    newest = attribution.newest if attribution else None
    info = DocumentInfo(title=title, subject=labels["rl_subject"], language=new.settings.language,
                        header=" ".join(filter(None, [new.settings.organization, title])),
                        footer_pattern=labels["page_of"], latin_font=branding.font, cjk_font=branding.cjk_font,
                        accent=branding.accent_color,  # the project's faces, as its other documents have them
                        creator=newest.name if newest else None, moment=newest.time if newest else None,
                        keywords=[role.id for role in diff.roles])
    return assemble(body, new_writer.final_section(), new_writer.numbering + old_writer.numbering, {},
                    info, reference)


def opening_markdown(job: Redline) -> str:
    """What the redline compares (revisions with their commits) and, when the older revision does not
    validate, its problems: the summary's "problems listed above" are then in the filed copy too."""
    labels = job.labels
    lines = [inline(compared_line(job.diff, labels)), ""]
    if job.diff.problems:
        lines += [f"# {inline(labels['rl_problems'])}", ""] + [f"- {inline(str(p))}" for p in job.diff.problems] + [""]
    return "\n".join(lines) + "\n"


def summary_markdown(job: Redline) -> str:
    """The summary of changes: a table of every change with the author who made it."""
    labels = job.labels
    rows = summary_rows(job.diff, job.old, job.new)
    lines = [f"# {inline(labels['rl_summary'])}", "",
             f"| {labels['rl_number']} | {labels['rl_item']} | {labels['rl_change']} | {labels['rl_author']} |",
             "|---|---|---|---|"]
    for number, row in enumerate(rows, 1):
        lines.append(f"| {number} | {cell(row.item)} | {cell(row.change)} | {cell(job.author_of(row.files).credit(labels))} |")
    return "\n".join(lines + commits_markdown(job) + approval_markdown(labels, job.new)) + "\n"


def commits_markdown(job: Redline) -> list[str]:
    """The commits between the two revisions (提交记录), so the filed copy says where each change came from."""
    labels, commits = job.labels, job.diff.commits
    if not commits:
        return []
    lines = ["", f"# {labels['rl_commits']}", "",
             f"| {labels['commit']} | {labels['date']} | {labels['rl_author']} | {labels['change']} |",
             "|---|---|---|---|"]
    for commit in commits:
        lines.append(f"| `{commit.hash[:7]}` | {commit.date} | {cell(commit.author)} | {cell(commit.subject)} |")
    return lines


def approval_markdown(labels: dict, new: Project) -> list[str]:
    """Where the change is approved: a line to sign and date for each step of the project's approval
    (handbook.approval: 编制（人力资源部）, 审核（销售部）, 批准（总经理）), else prepared / reviewed / approved.
    A redline (and the HTML change report) is what a director signs and HR files; it had nowhere to sign."""
    steps = new.settings.handbook.approval if new.settings.handbook else []
    signers = [inline(step.step) + (labels["paren"].format(inline(step.name)) if step.name else "") for step in steps]
    lines = ["", f"# {labels['rl_approval']}", "", labels["rl_approval_text"], "",
             f"::: signatures date={labels['date']}"]
    for signer in signers or labels["rl_signers"]:
        lines += [signer, ""]
    return lines + [":::"]


def _marks(job: Redline, paths: tuple[str, ...]) -> Marks:
    marks = Marks(job.author_of(paths))
    if job.attribution is not None and paths:
        attribution, first = job.attribution, paths[0]
        marks.lookup = lambda text: attribution.of_text(first, text)
    return marks


def _rendered(writer: DocxWriter, markdown: str) -> list[etree._Element]:
    start = len(writer.body)
    writer.render(parse(markdown))
    blocks = list(writer.body)[start:]
    for block in blocks:
        _unwrap_links(block)
        for mark in block.xpath(".//w:bookmarkStart | .//w:bookmarkEnd", namespaces=ooxml.NS):
            mark.getparent().remove(mark)
    return blocks


def _chapter(writer: DocxWriter, templates: Templates, project: Project, role_id: str) -> list[etree._Element]:
    role = project.roles.get(role_id)
    if role is None:
        return []
    context = role_context(project, role)
    return _rendered(writer, templates.render("chapter.md.j2", c=context, **context))


def _unwrap_links(block: etree._Element) -> None:
    for link in block.xpath(".//w:hyperlink", namespaces=ooxml.NS):
        parent = link.getparent()
        index = parent.index(link)
        for child in reversed(list(link)):
            parent.insert(index, child)
        parent.remove(link)


def signature(block: etree._Element) -> str:
    style = block.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=ooxml.NS)
    return f"{etree.QName(block).localname}|{style}|{''.join(block.xpath('.//w:t/text()', namespaces=ooxml.NS))}"


def merge_blocks(old: list, new: list, marks: Marks) -> list[etree._Element]:
    for block in old:  # numbering ids of the old side are shifted once all chapters are known
        for num in block.iter(W + "numId"):
            num.set("old-side", "1")
    out: list[etree._Element] = []
    matcher = difflib.SequenceMatcher(None, [signature(b) for b in old], [signature(b) for b in new],
                                      autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            out += new[b1:b2]
            continue
        removed, added = old[a1:a2], new[b1:b2]
        while removed and added and etree.QName(removed[0]).localname == etree.QName(added[0]).localname:
            before, after = removed.pop(0), added.pop(0)
            out.append(merge_table(before, after, marks) if before.tag == W + "tbl"
                       else merge_paragraph(before, after, marks))
        out += [mark_block(block, "del", marks) for block in removed]
        out += [mark_block(block, "ins", marks) for block in added]
    return out


def mark_block(block: etree._Element, kind: str, marks: Marks) -> etree._Element:
    """A whole paragraph or table inserted or deleted."""
    block = copy.deepcopy(block)
    with marks.crediting(_text(block) if kind == "ins" else ""):
        if block.tag == W + "tbl":
            for row in block.findall(W + "tr"):
                _mark_row(row, kind, marks)
            return block
        return _mark_paragraph(block, kind, marks)


def _text(block: etree._Element) -> str:
    return "".join(block.xpath(".//w:t/text()", namespaces=ooxml.NS))


def _mark_paragraph(paragraph: etree._Element, kind: str, marks: Marks) -> etree._Element:
    for run in list(paragraph.findall(W + "r")):
        wrapper = marks.element(kind)
        paragraph.replace(run, wrapper)
        wrapper.append(_as_deleted(run) if kind == "del" else run)
    properties = paragraph.find(W + "pPr")
    children = list(properties) if properties is not None else []
    mark = next((child for child in children if child.tag == W + "rPr"), None)
    if mark is None:
        mark = el("w:rPr")
        children.append(mark)
    mark.insert(0, marks.element(kind))  # the paragraph mark itself is inserted or deleted
    if properties is None:
        paragraph.insert(0, ppr(*children))
    else:
        paragraph.replace(properties, ppr(*children))
    return paragraph


def _mark_row(row: etree._Element, kind: str, marks: Marks) -> None:
    properties = row.find(W + "trPr")
    if properties is None:
        properties = el("w:trPr")
        row.insert(0, properties)
    properties.append(marks.element(kind))
    for paragraph in row.iter(W + "p"):
        _mark_paragraph(paragraph, kind, marks)


def _as_deleted(run: etree._Element) -> etree._Element:
    run = copy.deepcopy(run)
    for text in run.findall(W + "t"):
        text.tag = W + "delText"
    for instruction in run.findall(W + "instrText"):
        instruction.tag = W + "delInstrText"
    return run


def merge_table(old: etree._Element, new: etree._Element, marks: Marks) -> etree._Element:
    """The new table, its rows aligned with the old ones; changed cells compared paragraph by paragraph."""
    table = copy.deepcopy(new)
    for row in table.findall(W + "tr"):
        table.remove(row)
    old_rows, new_rows = old.findall(W + "tr"), new.findall(W + "tr")
    matcher = difflib.SequenceMatcher(None, [signature(r) for r in old_rows], [signature(r) for r in new_rows],
                                      autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            table.extend(copy.deepcopy(r) for r in new_rows[b1:b2])
            continue
        removed, added = list(old_rows[a1:a2]), list(new_rows[b1:b2])
        while removed and added and len(removed[0].findall(W + "tc")) == len(added[0].findall(W + "tc")):
            table.append(_merge_row(removed.pop(0), added.pop(0), marks))
        for row in removed:
            row = copy.deepcopy(row)
            _mark_row(row, "del", marks)
            table.append(row)
        for row in added:
            row = copy.deepcopy(row)
            _mark_row(row, "ins", marks)
            table.append(row)
    _fit_columns(table)
    return table


def _shown(cell: etree._Element) -> str:
    """A cell's text as the redline shows it, old and new; a changed cell's with room for the change
    marks and for serif digits (the widths assume Calibri's): two more characters glued to it."""
    text = "".join(cell.xpath(".//w:t/text() | .//w:delText/text()", namespaces=ooxml.NS))
    changed = cell.xpath(".//w:ins | .//w:del", namespaces=ooxml.NS)
    return text + "\u2060" + "00" if changed else text


def _fit_columns(table: etree._Element) -> None:
    """Widen the columns whose cells now show the old and the new text side by side ("25%20%"), so
    that neither breaks inside; the room is taken from columns with room to spare."""
    grid = table.find(W + "tblGrid")
    columns = grid.findall(W + "gridCol") if grid is not None else []
    rows = [row.findall(W + "tc") for row in table.findall(W + "tr")]
    rows = [row for row in rows if len(row) == len(columns)]  # rows with merged cells keep the grid
    if not columns or not rows:
        return
    widths = [int(column.get(W + "w")) for column in columns]
    shown = [[_shown(cell) for cell in row] for row in rows]
    fitted = widen_for_words(widths, shown)
    if fitted == widths:
        return
    for column, width in zip(columns, fitted):
        column.set(W + "w", str(width))
    for row in rows:
        for column_cell, width in zip(row, fitted):
            size = column_cell.find(f"{W}tcPr/{W}tcW")
            if size is not None:
                size.set(W + "w", str(width))


def _merge_row(old: etree._Element, new: etree._Element, marks: Marks) -> etree._Element:
    row = copy.deepcopy(new)
    for old_cell, new_cell in zip(old.findall(W + "tc"), row.findall(W + "tc")):
        old_paragraphs, new_paragraphs = old_cell.findall(W + "p"), new_cell.findall(W + "p")
        for paragraph in new_paragraphs:
            new_cell.remove(paragraph)
        for merged in merge_blocks(old_paragraphs, new_paragraphs, marks):
            new_cell.append(merged)
    return row


def merge_paragraph(old: etree._Element, new: etree._Element, marks: Marks) -> etree._Element:
    """The new paragraph with the words that changed marked as deleted and inserted."""
    if not (_plain_runs(old) and _plain_runs(new)):
        return _replace_whole(old, new, marks)
    old_chars, new_chars = _characters(old), _characters(new)
    old_tokens, new_tokens = _tokens(old_chars), _tokens(new_chars)
    paragraph = el("w:p")
    properties = new.find(W + "pPr")
    if properties is not None:
        paragraph.append(copy.deepcopy(properties))
    steps = opcodes([t for t, _ in old_tokens], [t for t, _ in new_tokens])
    inserted = "".join(token for op, _, _, b1, b2 in steps if op != "equal" for token, _ in new_tokens[b1:b2])
    with marks.crediting("".join(token for token, _ in new_tokens), inserted):
        for operation, a1, a2, b1, b2 in steps:
            if operation == "equal":
                paragraph.extend(_runs(new_tokens[b1:b2]))
                continue
            if a2 > a1:
                wrapper = marks.element("del")
                wrapper.extend(_as_deleted(run) for run in _runs(old_tokens[a1:a2]))
                paragraph.append(wrapper)
            if b2 > b1:
                wrapper = marks.element("ins")
                wrapper.extend(_runs(new_tokens[b1:b2]))
                paragraph.append(wrapper)
    return paragraph


def _replace_whole(old, new, marks) -> etree._Element:
    """Paragraphs with fields or breaks: the old one's runs deleted, the new one's inserted."""
    with marks.crediting(_text(new)):
        return _replace_runs(old, new, marks)


def _replace_runs(old, new, marks) -> etree._Element:
    paragraph = copy.deepcopy(new)
    for run in list(paragraph.findall(W + "r")):
        paragraph.remove(run)
    deleted = marks.element("del")
    deleted.extend(_as_deleted(run) for run in old.findall(W + "r"))
    inserted = marks.element("ins")
    inserted.extend(copy.deepcopy(run) for run in new.findall(W + "r"))
    paragraph.extend([deleted, inserted])
    return paragraph


def _plain_runs(paragraph: etree._Element) -> bool:
    """Runs that hold only text (and their properties): those can be compared word by word."""
    for run in paragraph.findall(W + "r"):
        if any(child.tag not in (W + "t", W + "rPr") for child in run):
            return False
    return all(child.tag in (W + "pPr", W + "r") for child in paragraph)


def _characters(paragraph: etree._Element) -> list[tuple[str, bytes]]:
    """Each character with its run properties."""
    chars = []
    for run in paragraph.findall(W + "r"):
        properties = run.find(W + "rPr")
        key = etree.tostring(properties) if properties is not None else b""
        for text in run.findall(W + "t"):
            chars += [(char, key) for char in text.text or ""]
    return chars


def _tokens(chars: list[tuple[str, bytes]]) -> list[tuple[str, list]]:
    """The paragraph's tokens (history/words.py), each with its characters' run properties."""
    found, position = [], 0
    for piece in tokens("".join(char for char, _ in chars)):
        found.append((piece, chars[position:position + len(piece)]))
        position += len(piece)
    return found


def _runs(tokens: list[tuple[str, list]]) -> list[etree._Element]:
    runs: list[etree._Element] = []
    text, key = "", None
    for _, chars in tokens:
        for char, properties in chars:
            if properties != key and text:
                runs.append(text_run(text, _properties(key)))
                text = ""
            text += char
            key = properties
    if text:
        runs.append(text_run(text, _properties(key)))
    return runs


def _properties(key: bytes | None) -> etree._Element | None:
    return etree.fromstring(key) if key else None
