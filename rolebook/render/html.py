"""The HTML writer: markdown-it tokens → an HTML body, then the page layout template.

markdown-it's own HTML renderer does the escaping and the common tokens; the
rules here add rolebook's directives, CJK-aware soft breaks, safe links and
self-contained images (their alt text: a page makes no external request).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from rolebook.errors import WriterError
from rolebook.render.text import is_cjk, kept_html, spaced_comparisons
from rolebook.render.markdown import DIRECTIVES, SAFE_SCHEMES, directive_params, mark_meta_tables

_DIRECTIVE_TAGS = {"doc-title": "header"}
from rolebook.render.markdown import KEEP_ROWS  # noqa: E402


def _rows(tokens: list[Token], start: int) -> int:
    """How many rows the table opening at `start` has (tables are not nested in rolebook's documents)."""
    count = 0
    for token in tokens[start:]:
        if token.type == "tr_open":
            count += 1
        elif token.type == "table_close":
            break
    return count


class HtmlWriter(RendererHTML):
    def __init__(self, parser=None):
        super().__init__(parser)
        for name in DIRECTIVES:
            self.rules[f"container_{name}_open"] = self._directive
            self.rules[f"container_{name}_close"] = self._directive

    def render(self, tokens, options, env) -> str:
        mark_meta_tables(tokens)
        _mark_signatures(tokens)
        for token in tokens:
            # Opening and closing tokens render generically from their tag; anything else needs a rule.
            if token.type not in self.rules and token.type != "inline" and not token.tag:
                raise WriterError(f"the HTML writer has no rule for Markdown token '{token.type}'")
        return super().render(tokens, options, env)

    def text(self, tokens, idx, options, env) -> str:
        return escapeHtml(spaced_comparisons(tokens[idx].content))

    def _directive(self, tokens, idx, options, env) -> str:
        token = tokens[idx]
        name = token.type[len("container_"):].rsplit("_", 1)[0]
        tag = _DIRECTIVE_TAGS.get(name, "div")
        if name == "toc":
            if token.nesting == 1:
                return '<nav class="toc">\n'
            entries = token.meta.get("entries")
            return (TOC_MARK if entries is None else toc_list(entries)) + "</nav>\n"
        if name == "figure":
            from rolebook.render.figures import html_open

            return html_open(directive_params(token).get("name", "")) if token.nesting == 1 else "</figure>\n"
        if token.nesting == -1:
            return f"</{tag}>\n"
        if name == "note" and directive_params(token).get("keep") == "next":  # on one page with what follows
            return f'<{tag} class="note keep-next">\n'
        return f'<{tag} class="{name}">\n'

    def table_open(self, tokens, idx, options, env) -> str:
        meta = tokens[idx].meta
        keep = ' class="keep"' if _rows(tokens, idx) <= KEEP_ROWS else ""
        if not meta.get("form"):
            return f"<table{keep}>\n"
        widths = meta.get("widths") or []
        columns = "".join(f'<col style="width: {100 * w / sum(widths):.2f}%">' for w in widths)
        height = f' style="--row-lines: {meta.get("lines", 1):g}"'
        kind = "form keep" if keep else "form"
        return f'<table class="{kind}"{height}>\n<colgroup>{columns}</colgroup>\n'

    def tr_open(self, tokens, idx, options, env) -> str:
        return '<tr class="tall">\n' if tokens[idx].meta.get("tall") else "<tr>\n"

    def paragraph_open(self, tokens, idx, options, env) -> str:
        if tokens[idx].meta.get("signature"):
            return '<p class="signature"><span class="who">'
        return self.renderToken(tokens, idx, options, env)

    def paragraph_close(self, tokens, idx, options, env) -> str:
        date = tokens[idx].meta.get("signature")
        if date is not None:  # the signature is a line to sign on; its date a field (signed-1, signed-2, …)
            meta = tokens[idx].meta
            label = escapeHtml(f"{meta['signer']}: {date}")
            return (f'</span><span class="line"></span><span class="date">{escapeHtml(date)}</span>'
                    f'<input class="field date line" type="text" name="signed-{meta["signer_number"]}" '
                    f'aria-label="{label}"></p>\n')
        return self.renderToken(tokens, idx, options, env)

    def softbreak(self, tokens, idx, options, env) -> str:
        before = tokens[idx - 1].content[-1:] if idx else ""
        after = tokens[idx + 1].content[:1] if idx + 1 < len(tokens) else ""
        return "" if is_cjk(before) and is_cjk(after) else "\n"

    def field(self, tokens, idx, options, env) -> str:
        """A fillable field: a labelled control (see the spec format's "Fillable forms")."""
        meta = tokens[idx].meta
        kind, name, label = meta["kind"], escapeHtml(meta["name"]), escapeHtml(meta["label"])
        value = escapeHtml(meta["value"] or "")
        if kind == "out":
            return f'<output class="out" id="{name}" aria-label="{label}"></output>'
        if kind == "area":
            return f'<textarea class="field" name="{name}" aria-label="{label}" rows="1"></textarea>'
        if kind == "check":
            return f'<label class="tick"><input type="checkbox" name="{name}" value="yes" aria-label="{label}"></label>'
        if kind == "choice":
            named = "" if label else f' aria-label="{value}"'
            return (f'<label class="tick"><input type="radio" name="{name}" value="{value}"{named}>'
                    f'{"&nbsp;" + label if label else ""}</label>')
        hint = f' placeholder="{value}"' if value else ""
        mode = ' inputmode="decimal" autocomplete="off"' if kind == "number" else ""
        return f'<input class="field {kind}" type="text" name="{name}" aria-label="{label}"{hint}{mode}>'

    def image(self, tokens, idx, options, env) -> str:
        token = tokens[idx]
        alt = self.renderInlineAsText(token.children or [], options, env)
        return f'<span class="image-alt">{escapeHtml(alt)}</span>' if alt else ""

    def link_open(self, tokens, idx, options, env) -> str:
        href = tokens[idx].attrs.get("href", "")
        safe = href.startswith("#") or href.lower().startswith(SAFE_SCHEMES)
        env.setdefault("links", []).append(safe)  # link_close pops it
        if not safe:
            return ""
        return f'<a href="{escapeHtml(href)}">'

    def link_close(self, tokens, idx, options, env) -> str:
        return "</a>" if env["links"].pop() else ""

    def thead_open(self, tokens, idx, options, env) -> str:
        return "<tbody>\n" if tokens[idx].meta.get("meta") else "<thead>\n"

    def thead_close(self, tokens, idx, options, env) -> str:
        return "" if tokens[idx].meta.get("meta") else "</thead>\n"

    def tbody_open(self, tokens, idx, options, env) -> str:
        return "" if tokens[idx].meta.get("meta") else "<tbody>\n"

    def th_open(self, tokens, idx, options, env) -> str:
        return self._cell(tokens[idx], "th")

    def td_open(self, tokens, idx, options, env) -> str:
        return self._cell(tokens[idx], "td")

    def _cell(self, token: Token, tag: str) -> str:
        if token.meta.get("merged"):
            return ""  # joined to the cell above, which spans it
        if token.meta.get("meta"):
            # A label column's cell is a row header, unless it is empty (an odd pair's filler).
            tag = "th" if token.meta["column"] % 2 == 0 and not token.meta.get("empty") else "td"
            scope = ' scope="row"' if tag == "th" else ""
            token.meta["tag"] = tag
            return f"<{tag}{scope}>"
        scope = ' scope="col"' if tag == "th" else ""
        style = token.attrs.get("style", "")
        classes = [style.split(":")[1]] if style.startswith("text-align:") else []
        if token.meta.get("blank") and tag == "td":
            classes.append("blank")
        rowspan = f' rowspan="{int(token.attrs["rowspan"])}"' if "rowspan" in token.attrs else ""
        kind = f' class="{" ".join(classes)}"' if classes else ""
        return f"<{tag}{scope}{kind}{rowspan}>"

    def th_close(self, tokens, idx, options, env) -> str:
        return self._cell_close(tokens[idx], "th")

    def td_close(self, tokens, idx, options, env) -> str:
        return self._cell_close(tokens[idx], "td")

    def _cell_close(self, token: Token, tag: str) -> str:
        opening = token.meta.get("opening")
        if opening is not None and opening.meta.get("merged"):
            return ""
        return f"</{opening.meta.get('tag', tag) if opening else tag}>\n"


TOC_MARK = "<!-- rolebook: contents -->\n"  # where a document written in parts puts its contents


def toc_list(entries: list[tuple[int, str, str]]) -> str:
    """The table of contents as a navigation list; deeper entries nest under the entry before them."""
    tree: list[tuple[tuple, list]] = []
    for entry in entries:
        if entry[0] > 1 and tree:
            tree[-1][1].append(entry)
        else:
            tree.append((entry, []))

    def link(entry) -> str:
        return f'<a href="#{entry[2]}">{escapeHtml(entry[1])}</a>'

    lines = ["<ol>"]
    for entry, children in tree:
        if not children:
            lines.append(f"<li>{link(entry)}</li>")
            continue
        lines += [f"<li>{link(entry)}", "<ol>", *(f"<li>{link(child)}</li>" for child in children), "</ol></li>"]
    lines.append("</ol>")
    return "\n".join(lines) + "\n"


def _mark_signatures(tokens: list[Token]) -> None:
    """Paragraphs inside `::: signatures` become signature lines carrying the date label."""
    dates: list[str] = []
    signers = 0
    signer = ""
    for token in tokens:
        if token.type == "container_signatures_open":
            dates.append(directive_params(token).get("date", ""))
        elif token.type == "container_signatures_close":
            dates.pop()
        elif dates and token.type == "inline":
            signer = token.content
        elif dates and token.type in ("paragraph_open", "paragraph_close"):
            token.meta["signature"] = dates[-1]
            if token.type == "paragraph_close":
                signers += 1
                token.meta.update(signer=signer, signer_number=signers)


@dataclass
class PageInfo:
    title: str
    language: str
    header: str = ""
    accent: str = "#1F4E79"
    latin_font: str | None = None
    cjk_font: str | None = None
    logo: tuple[str, bytes] | None = None  # (file name, bytes)
    landscape: bool = False  # the document is a `::: landscape` part: print it on landscape pages
    scoring: str | None = None  # a form's scoring data (JSON): the page then carries the scoring script
    structured: str | None = None  # schema.org JSON-LD, ready for a <script> element
    page_of: str = "{page} / {pages}"  # the footer's words, from the language's labels

    @staticmethod
    def css_string(text: str) -> str:
        """A CSS string literal: quotes, backslashes, line breaks and '<' escaped (it stands in <style>)."""
        out = []
        for char in text:
            if char in '"\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F:
                out.append(f"\\{ord(char):x} ")
            else:
                out.append(char)
        return '"' + "".join(out) + '"'

    def css_page_of(self) -> str:
        """'第 {page} 页，共 {pages} 页' as CSS content: strings and the page counters."""
        parts = []
        for piece in re.split(r"(\{page\}|\{pages\})", self.page_of):
            if piece == "{page}":
                parts.append("counter(page)")
            elif piece == "{pages}":
                parts.append("counter(pages)")
            elif piece:
                parts.append(self.css_string(piece))
        return " ".join(parts) or '""'

    def scoring_json(self) -> str:
        """The data as it can stand in a <script> element: no '<' that could end it."""
        return (self.scoring or "").replace("<", "\\u003c")

    def logo_uri(self) -> str | None:
        if not self.logo:
            return None
        extension = self.logo[0].rsplit(".", 1)[-1].lower()
        kind = {"jpg": "jpeg", "svg": "svg+xml"}.get(extension, extension)
        return f"data:image/{kind};base64,{base64.b64encode(self.logo[1]).decode('ascii')}"


def render_body(tokens: list[Token]) -> str:
    from rolebook.render.markdown import parser

    return kept_html(HtmlWriter(parser()).render(tokens, parser().options, {}))
