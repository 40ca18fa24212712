"""Safe YAML loading that keeps a source position for every value.

PyYAML's composer (libyaml when available) builds a node graph without
constructing any object; this module turns that graph into plain data itself,
so that no tag can run code, aliases cannot explode, repeated keys are caught
and every key and value remembers its `file:line:column`.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml

from rolebook.errors import WARNING, Problem, Source
from rolebook.nesting import nesting_message, too_deep
from rolebook.sanitize import CONTROL, control_kind, describe_control, normalise_newlines
from rolebook.spec.keyboard import comment_in_text, plain_text_mistake
from rolebook.spec.yaml_hints import syntax_problem
from rolebook.messages import N_, _

MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 50_000  # after alias expansion; a large role has about 1,000
MAX_DEPTH = 64
MAX_CONTROL_PROBLEMS = 20  # in one file: the first ones say enough

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()

TAG = "tag:yaml.org,2002:"
# What `rolebook new` and `rolebook import` write where the role's own words are to go.
PLACEHOLDER = re.compile(r"待填写|待填寫|\bTODO\b|^To do:")
_NOT_FINITE = {None: N_("not a number (NaN)"), True: N_("infinite"), False: N_("minus infinite")}
_SCALARS = {
    TAG + "str": lambda node: node.value,
    TAG + "int": lambda node: int(node.value) if node.value.isdigit() else _constructor.construct_yaml_int(node),
    TAG + "float": _constructor.construct_yaml_float,
    TAG + "bool": _constructor.construct_yaml_bool,
    TAG + "null": lambda node: None,
    # Dates stay text, in ISO form (2026-1-5 → 2026-01-05): the model parses the fields that are dates.
    TAG + "timestamp": lambda node: _constructor.construct_yaml_timestamp(node).isoformat(),
}


# Positions are kept packed in one integer each (file, line and column), and a key's and its value's in
# one: a tree holds hundreds of thousands of them, and as Source tuples in two dictionaries per mapping
# they were most of a loaded project's memory. Source objects are made when a position is asked for.
_FILES: list[str] = []
_FILE_IDS: dict[str, int] = {}
_LINE_BITS, _COLUMN_BITS = 32, 24
_WIDTH = 24 + _LINE_BITS + _COLUMN_BITS  # file, line, column


def file_id(file: str) -> int:
    found = _FILE_IDS.get(file)
    if found is None:
        found = _FILE_IDS[file] = len(_FILES)
        _FILES.append(file)
    return found


def packed(file: int, line: int, column: int) -> int:
    """A position as one integer (a line or column past the field's range is held at its largest)."""
    if line >> _LINE_BITS or column >> _COLUMN_BITS:
        line, column = min(line, (1 << _LINE_BITS) - 1), min(column, (1 << _COLUMN_BITS) - 1)
    return (file << (_LINE_BITS + _COLUMN_BITS)) | (line << _COLUMN_BITS) | column


def _pack(source: Source) -> int:
    return packed(file_id(source.file), source.line, source.column)


def unpacked(at: int | None) -> Source | None:
    return None if at is None else _unpack(at)


def _unpack(packed: int) -> Source:
    return Source(_FILES[packed >> (_LINE_BITS + _COLUMN_BITS)], (packed >> _COLUMN_BITS) & ((1 << _LINE_BITS) - 1),
                  packed & ((1 << _COLUMN_BITS) - 1))


class _Positions:
    """A read-only view of a mapping's key or value positions: `mapping.value_sources[key]`."""

    __slots__ = ("at", "shift")

    def __init__(self, at: dict[str, int], shift: int):
        self.at, self.shift = at, shift

    def __getitem__(self, key: str) -> Source:
        return _unpack((self.at[key] >> self.shift) & ((1 << _WIDTH) - 1))

    def get(self, key: str, default: Source | None = None) -> Source | None:
        return self[key] if key in self.at else default

    def __contains__(self, key: object) -> bool:
        return key in self.at


class Mapping(dict):
    """A dict that remembers where each of its keys and values stands."""

    __slots__ = ("source", "_at")

    def __init__(self, source: Source):
        super().__init__()
        self.source = source
        self._at: dict[str, int] = {}

    def put(self, key: str, value: Any, key_source: Source, value_source: Source) -> None:
        self[key] = value
        self._at[key] = _pack(key_source) | (_pack(value_source) << _WIDTH)

    def put_packed(self, key: str, value: Any, key_at: int, value_at: int) -> None:
        self[key] = value
        self._at[key] = key_at | (value_at << _WIDTH)

    def replace_values(self, other: Mapping, values: dict[str, Any]) -> None:
        """Fill this mapping with `other`'s keys and positions and its values, or those in `values`."""
        for key, value in other.items():
            self[key] = values.get(key, value)
        self._at.update(other._at)

    def value_at(self, key: str) -> int:
        """The packed position of a key's value (for a caller that rarely needs it as a Source)."""
        return self._at[key] >> _WIDTH

    @property
    def key_sources(self) -> _Positions:
        return _Positions(self._at, 0)

    @property
    def value_sources(self) -> _Positions:
        return _Positions(self._at, _WIDTH)


class _ItemPositions:
    """A read-only view of a sequence's item positions: `sequence.item_sources[index]`, iteration."""

    __slots__ = ("at",)

    def __init__(self, at: list[int]):
        self.at = at

    def __getitem__(self, index: int) -> Source:
        return _unpack(self.at[index])

    def __iter__(self):
        return map(_unpack, self.at)

    def __len__(self) -> int:
        return len(self.at)


class Sequence(list):
    """A list that remembers where each of its items stands."""

    __slots__ = ("source", "_at")

    def __init__(self, source: Source):
        super().__init__()
        self.source = source
        self._at: list[int] = []

    def add(self, value: Any, source: Source) -> None:
        self.append(value)
        self._at.append(_pack(source))

    def add_packed(self, value: Any, at: int) -> None:
        self.append(value)
        self._at.append(at)

    def item_at(self, index: int) -> int:
        return self._at[index]

    @property
    def item_sources(self) -> _ItemPositions:
        return _ItemPositions(self._at)


class _Refused(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def load_file(path: Path, display: str) -> tuple[Any, list[Problem]]:
    """Read one YAML file. Returns (data, problems); data is None when unreadable."""
    start = Source(display, 1, 1)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem.at(start, "unsafe-yaml",
                                     _("file is {size:,} bytes; the limit is {max_file_bytes:,}").format(
                                         size=size,
                                         max_file_bytes=MAX_FILE_BYTES))]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem.at(start, "yaml-syntax", _("cannot read the file: {strerror}").format(
                                                           strerror=exc.strerror))]
    text, problem = decode(raw, display)
    if problem:
        return None, [problem]
    return load_text(text, display)


def decode(raw: bytes, display: str, code: str = "yaml-syntax") -> tuple[str, Problem | None]:
    """UTF-8 text without its BOM; UTF-16 or bytes that are not UTF-8 are a problem at their place."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", Problem.at(Source(display, 1, 1), code,
                              _("file is UTF-16; save it as UTF-8"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before[before.rfind(b"\n") + 1:]
        column = len(line_start.decode("utf-8", errors="replace")) + 1
        return "", Problem.at(Source(display, line, column), code,
                              _("not UTF-8 text (byte 0x{start:02x}); save the file as UTF-8").format(
                                  start=raw[exc.start]))


def load_text(text: str, display: str) -> tuple[Any, list[Problem]]:
    text, problems = raw_controls(normalise_newlines(text), display)
    data, more = _load_clean(text, display)
    return data, problems + more


def raw_controls(text: str, display: str) -> tuple[str, list[Problem]]:
    """Control characters typed into the file itself: each an error at its line and column; the text
    goes on with U+FFFD in their place, so that every other problem is still found."""
    if CONTROL.search(text) is None:
        return text, []
    problems = [control_problem(Source(display, *line_column(text, m.start())), m.group())
                for m, _ in zip(CONTROL.finditer(text), range(MAX_CONTROL_PROBLEMS))]
    return CONTROL.sub("\ufffd", text), problems


def control_problem(where: Source, char: str) -> Problem:
    return Problem.at(where, "control-character",
                      _("{kind} {code} in the text; Word and web pages cannot hold it, and only tabs "
                        "and line breaks are allowed (remove it, or retype the text)").format(
                          kind=control_kind(char),
                          code=describe_control(char)))


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character of `text`."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _load_clean(text: str, display: str) -> tuple[Any, list[Problem]]:
    try:
        root = yaml.compose(text, Loader=_Parser)
    except yaml.MarkedYAMLError as exc:
        where, message = syntax_problem(text, exc, display)
        return None, [Problem.at(where, "yaml-syntax", message)]
    except yaml.YAMLError as exc:
        return None, [Problem.at(Source(display, 1, 1), "yaml-syntax", str(exc))]
    if root is None:
        return None, []
    builder = _Builder(display, text)
    try:
        if "&" in text:  # without an anchor there is no alias, so nothing can expand
            builder.check_size(root)
        data = builder.build(root, 0)
    except _Refused as refused:
        return None, builder.problems + [refused.problem]
    if builder.keyboard:  # read as something else than meant: reported like a syntax error, once
        return None, builder.problems + builder.keyboard
    return data, builder.problems


# Escapes of double-quoted YAML that can make a control character ("\e]0;…\a").
_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0abtnvfreN]))")
_NAMED = {"0": 0, "a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, "e": 27, "N": 0x85}


# Files holding a mapping whose keys all look like language tags ({zh-CN: …, en: …}): only their trees
# can hold translations, so a project of one language skips the walk that resolves them in the others.
_LANGUAGE_KEY = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_MAY_TRANSLATE: set[str] = set()


def may_hold_translations(display: str) -> bool:
    return display in _MAY_TRANSLATE


class _Builder:
    def __init__(self, display: str, text: str = ""):
        self.display = display
        self.file = file_id(display)
        self.text = text
        self.problems: list[Problem] = []
        self.keyboard: list[Problem] = []  # what a Chinese input method typed for YAML's signs

    def clean_text(self, node: yaml.ScalarNode, value: str) -> str:
        """A text value with CRs as line breaks; a control character made by an escape is reported
        at the escape and replaced."""
        value = normalise_newlines(value)
        deep = too_deep(value)
        if deep is not None:  # at the text's first line, or the line of a block text (`|`) it stands on
            line = node.start_mark.line + 1 + (deep + 1 if node.style in ("|", ">") else 0)
            self.problems.append(Problem.at(Source(self.display, line, 1), "markdown-nesting", nesting_message()))
        match = CONTROL.search(value)
        if match is None:
            return value
        where = self.source(node)
        raw = self.text[node.start_mark.index:node.end_mark.index]
        for escape in _ESCAPE.finditer(raw):
            hexa = escape.group(1) or escape.group(2) or escape.group(3)
            code = int(hexa, 16) if hexa else _NAMED[escape.group(4)]
            if code < 0x110000 and CONTROL.match(chr(code)):
                where = Source(self.display, *line_column(self.text, node.start_mark.index + escape.start()))
                break
        self.problems.append(control_problem(where, match.group()))
        return CONTROL.sub("\ufffd", value)

    def plain_text(self, node: yaml.ScalarNode, value: Any) -> None:
        """A Chinese keyboard's mistakes in an unquoted text (a full-width colon, space, dash or ＃ where YAML
        wants its own sign: the file is reported as not parsed), and a ` #` that cut a text short."""
        start, end = node.start_mark.index, node.end_mark.index
        mistake = plain_text_mistake(self.text, start, end)
        if mistake:
            offset, column, message = mistake
            self.keyboard.append(Problem.at(Source(self.display, node.start_mark.line + 1 + offset, column + 1),
                                            "yaml-syntax", message))
        elif isinstance(value, str) and node.start_mark.line == node.end_mark.line:
            cut = comment_in_text(self.text, start, end, value)
            if cut:
                self.problems.append(Problem.at(Source(self.display, node.start_mark.line + 1, cut[0] + 1),
                                                "comment-in-text", cut[1], WARNING))

    def source(self, node: yaml.Node) -> Source:
        return Source(self.display, node.start_mark.line + 1, node.start_mark.column + 1)

    def at(self, node: yaml.Node) -> int:
        """A node's position, packed (the loader stores hundreds of thousands)."""
        mark = node.start_mark
        return packed(self.file, mark.line + 1, mark.column + 1)

    def refuse(self, node: yaml.Node, message: str) -> _Refused:
        return _Refused(Problem.at(self.source(node), "unsafe-yaml", message))

    def check_size(self, root: yaml.Node) -> None:
        """Count the nodes the document would expand to, without expanding it."""
        sizes: dict[int, int] = {}
        open_nodes: set[int] = set()
        # Iterative post-order walk: shared (aliased) nodes are counted once
        # each time they are referenced, recursive aliases are refused.
        stack: list[tuple[yaml.Node, bool]] = [(root, False)]
        while stack:
            node, done = stack.pop()
            key = id(node)
            if done:
                open_nodes.discard(key)
                total = 1 + sum(sizes[id(child)] for child in _children(node))
                if total > MAX_NODES:
                    raise self.refuse(node, _("the document expands to more than {max_nodes:,} values "
                                              "through aliases; refusing to expand it").format(max_nodes=MAX_NODES))
                sizes[key] = total
                continue
            if key in sizes:
                continue
            if key in open_nodes:
                raise self.refuse(node, _("a recursive alias refers to itself"))
            open_nodes.add(key)
            stack.append((node, True))
            for child in _children(node):
                if id(child) in open_nodes:
                    raise self.refuse(child, _("a recursive alias refers to a value that contains it"))
                if id(child) not in sizes:
                    stack.append((child, False))

    def build(self, node: yaml.Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.refuse(node, _("values nested more than {max_depth} levels deep").format(max_depth=MAX_DEPTH))
        if isinstance(node, yaml.ScalarNode):
            convert = _SCALARS.get(node.tag)
            if convert is None:
                raise self.refuse(node, _("tag '{tag}' is not allowed; only plain YAML values (text, "
                                          "numbers, lists, mappings) are").format(tag=_short(node.tag)))
            try:
                value = convert(node)
            except (ValueError, yaml.constructor.ConstructorError):
                value = node.value
            if not node.style and node.start_mark.index < node.end_mark.index:  # plain: not quoted, not a block
                self.plain_text(node, value)
            if isinstance(value, float) and not math.isfinite(value):
                # `.nan` and `.inf` are numbers to YAML, never to HR: a weight of NaN scores every total NaN.
                self.problems.append(Problem.at(self.source(node), "not-finite",
                                                _("'{value}' is {kind}; write a finite number").format(
                                                    value=node.value,
                                                    kind=_(_NOT_FINITE[value > 0 if value == value else None]))))
            if isinstance(value, str) and PLACEHOLDER.search(value):
                self.problems.append(Problem.at(self.source(node), "placeholder", _(
                    "a placeholder is still here: replace it with the role's own words, or delete what the role "
                    "does not need"), WARNING))
            return self.clean_text(node, value) if isinstance(value, str) else value
        if isinstance(node, yaml.SequenceNode):
            if node.tag != TAG + "seq":
                raise self.refuse(node, _("tag '{tag}' is not allowed").format(tag=_short(node.tag)))
            items = Sequence(self.source(node))
            for child in node.value:
                items.add_packed(self.build(child, depth + 1), self.at(child))
            return items
        if node.tag != TAG + "map":
            raise self.refuse(node, _("tag '{tag}' is not allowed").format(tag=_short(node.tag)))
        return self.build_mapping(node, depth)

    def build_mapping(self, node: yaml.MappingNode, depth: int) -> Mapping:
        mapping = Mapping(self.source(node))
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == TAG + "merge":
                merged.extend(self.merge_pairs(value_node))
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALARS:
                raise self.refuse(key_node, _("mapping keys must be plain text"))
            key = key_node.value
            if key in mapping:
                first = mapping.key_sources[key]
                self.problems.append(Problem.at(
                    self.source(key_node), "duplicate-key",
                    _("key '{key}' is repeated (first at line {line}); YAML would silently keep only the "
                      "last one").format(key=key, line=first.line)))
                continue
            mapping.put_packed(key, self.build(value_node, depth + 1), self.at(key_node), self.at(value_node))
        # `<<: *anchor` keys fill in what the mapping does not say itself.
        for key_node, value_node in merged:
            key = key_node.value
            if key not in mapping:
                mapping.put(key, self.build(value_node, depth + 1),
                            self.source(key_node), self.source(value_node))
        if mapping and self.display not in _MAY_TRANSLATE and all(_LANGUAGE_KEY.match(key) for key in mapping):
            _MAY_TRANSLATE.add(self.display)
        return mapping

    def merge_pairs(self, value: yaml.Node) -> list[tuple[yaml.Node, yaml.Node]]:
        sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
        pairs = []
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                raise _Refused(Problem.at(self.source(source), "type",
                                          _("'<<' merges mappings only")))
            pairs.extend(source.value)
        return pairs


def _short(tag: str) -> str:
    return "!!" + tag[len(TAG):] if tag.startswith(TAG) else tag


def _children(node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    return ()


def value_source(container: Any, key: Any) -> Source | None:
    """Where the value under `key` (a str key or an int index) of a container stands."""
    if isinstance(container, Mapping):
        return container.value_sources.get(key)
    if isinstance(container, Sequence) and isinstance(key, int) and 0 <= key < len(container):
        return container.item_sources[key]
    return None


def key_source(container: Any, key: Any) -> Source | None:
    if isinstance(container, Mapping):
        return container.key_sources.get(key)
    return value_source(container, key)

