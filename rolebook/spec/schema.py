"""Check a loaded tree against a model and say what is wrong where, in the user's words."""

from __future__ import annotations

import difflib
import re
import typing
import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError

from rolebook.errors import Problem, Source
from rolebook.spec.loader import Mapping, Sequence, key_source, value_source
from rolebook.messages import N_, _

MAX_PRUNE_ROUNDS = 3


def check(tree: Any, model: type[BaseModel], *, skip_missing: bool = False):
    """Validate `tree` as `model`. Returns (instance or None, problems, damaged paths).

    A value of the wrong type, or an unknown field, is reported and then left
    out, so that one mistake does not hide every later rule: the rules still
    run on the rest, and skip what depends on the damaged paths.
    """
    problems: list[Problem] = []
    damaged: set[tuple] = set()
    pruned: set[tuple] = set()
    for _round in range(MAX_PRUNE_ROUNDS):
        try:
            return model.model_validate(tree), problems, frozenset(damaged)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        fixable = True
        drop: list[tuple] = []
        # NaN and infinities are reported by the loader (not-finite) wherever they stand: here they are only
        # left out, with the other branches' complaints about them.
        not_finite = {_data_path(tree, e["loc"], e["type"])[0] for e in errors if e["type"] == "finite_number"}
        for error in errors:
            path, value = _data_path(tree, error["loc"], error["type"])
            if path is None:
                continue  # the error of a union branch that does not fit the value
            if path in not_finite:
                if error["type"] == "finite_number":
                    drop.append((path, _DROP))
                    damaged.add(path)
                continue
            if error["type"] == "missing" and path in pruned:
                fixable = False  # a required value was wrong: reported already
                continue
            problem = _problem(tree, model, path, value, error, skip_missing)
            if problem is not None:
                problems.append(problem)
            if error["type"] != "missing" and path and isinstance(path[-1], str):
                # Wrong text becomes empty text, so that a required title still lets the rules run.
                drop.append((path, "" if error["type"] == "string_type" else _DROP))
                if error["type"] != "extra_forbidden":
                    damaged.add(path)
            else:
                fixable = False
        if not fixable or not drop:
            break
        pruned.update(path for path, _ in drop)
        tree = _replaced(tree, dict(drop))
    return None, problems, frozenset(damaged)


def _problem(tree, model, path, value, error, skip_missing) -> Problem | None:
    kind = error["type"]
    if kind == "extra_forbidden":
        return _unknown_field(tree, model, path)
    if kind == "missing":
        if skip_missing:
            return None
        parent = _get(tree, path[:-1])
        where = getattr(parent, "source", None) or source_of(tree, path[:-1])
        return Problem.at(where, "missing-field", _("{path}missing required field '{path2}'").format(
                                                      path=_where(path[:-1]),
                                                      path2=path[-1]))
    return Problem.at(source_of(tree, path), "type", _type_message(path, error, value))


def _data_path(tree: Any, loc: tuple, kind: str) -> tuple[tuple | None, Any]:
    """The part of pydantic's `loc` that walks the data, without union branch names."""
    path: list = []
    node = tree
    for index, step in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
            node = node[step]
        elif isinstance(step, str) and isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(step, str) and _is_branch(step):
            # `collaboration: [text | {with, purpose}]`: keep only the branch that fits.
            fits_text = isinstance(node, str)
            if (step == "str") != fits_text:
                return None, None
            continue
        elif last and kind == "missing":
            path.append(step)
            return tuple(path), None
        else:
            continue
        path.append(step)
    return tuple(path), node


def _is_branch(step: str) -> bool:
    return step == "str" or step[:1].isupper() or "[" in step


def _get(tree: Any, path: tuple) -> Any:
    node = tree
    for step in path:
        node = node[step]
    return node


def source_of(tree: Any, path: tuple, key: bool = False) -> Source:
    """Where the value (or, with key=True, the key) at `path` stands; else its nearest parent."""
    for depth in range(len(path), 0, -1):
        parent = _get(tree, path[: depth - 1])
        find = key_source if key and depth == len(path) else value_source
        source = find(parent, path[depth - 1])
        if source is not None:
            return source
    return getattr(tree, "source", None) or Source("?", 1, 1)


def _where(path: tuple) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return f"{text}: " if text else ""


def _unknown_field(tree: Any, model: type[BaseModel], path: tuple) -> Problem:
    name = path[-1]
    allowed = _field_names(model, path[:-1])
    message = _where(path[:-1]) + _("unknown field '{name}'").format(name=name)
    suggestion = closest(str(name), allowed)
    if suggestion:
        message += _("; did you mean '{suggestion}'?").format(suggestion=suggestion)
    elif allowed:
        message += _("; expected one of: {names}").format(names=", ".join(sorted(allowed)))
    return Problem.at(source_of(tree, path, key=True), "unknown-field", message)


def closest(name: str, allowed) -> str | None:
    """The allowed name the user most likely meant (case, '_', '-' and spaces aside), if any."""
    def plain(text: str) -> str:
        return text.lower().replace("_", "").replace("-", "").replace(" ", "")

    by_plain = {plain(field): field for field in sorted(allowed)}
    if plain(name) in by_plain:
        return by_plain[plain(name)]
    match = difflib.get_close_matches(plain(name), list(by_plain), n=1, cutoff=0.6)
    return by_plain[match[0]] if match else None


def _field_names(model: type[BaseModel], path: tuple) -> list[str]:
    current: type[BaseModel] | None = model
    for step in path:
        if current is None:
            return []
        if isinstance(step, int):
            continue
        field = next((f for name, f in current.model_fields.items() if (f.alias or name) == step), None)
        current = _inner_model(field.annotation) if field else None
    if current is None:
        return []
    return [field.alias or name for name, field in current.model_fields.items()]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def describe(value: Any) -> str:
    if isinstance(value, Mapping) or isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, Sequence) or isinstance(value, list):
        return _("a list")
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return _("text '{text}'").format(text=shown)
    return f"'{value}'"


_EXPECTED = {
    "string_type": N_("text"),
    "list_type": N_("a list"),
    "tuple_type": N_("a list"),
    "dict_type": N_("a mapping"),
    "model_type": N_("a mapping"),
    "model_attributes_type": N_("a mapping"),
    "int_type": N_("a number"),
    "float_type": N_("a number"),
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
    "date_type": N_("a date written as YYYY-MM-DD"),
    "date_parsing": N_("a date written as YYYY-MM-DD"),
    "date_from_datetime_parsing": N_("a date written as YYYY-MM-DD"),
    "date_from_datetime_inexact": N_("a date written as YYYY-MM-DD"),
}


def _number_hint(value: Any) -> str:
    """What to write for a number typed as text with a Chinese keyboard: ４０ (full-width digits), 40％ or 40%."""
    if not isinstance(value, str):
        return ""
    plain = unicodedata.normalize("NFKC", value).strip()
    number = plain.rstrip("%").strip()
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", number):
        return ""
    if plain.endswith("%"):
        return _("; write the number without %: {number}").format(number=number)
    return _("; write it in half-width digits: {number}").format(number=number)


def _type_message(path: tuple, error: dict, value: Any) -> str:
    kind = error["type"]
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        (key, inner), = value.items()
        if isinstance(inner, (str, int, float)) and not isinstance(inner, bool):
            text = f"{key}: {inner}".replace("\\", "\\\\").replace('"', '\\"')
            return _where(path) + _(
                "expected text, found a mapping: the ': ' in '{pair}' makes it a key and its value; put the text "
                "in quotes: \"{text}\"").format(pair=f"{key}: {inner}", text=text)
    if kind in _EXPECTED:
        return _where(path) + _("expected {expected}, found {found}").format(expected=_(_EXPECTED[kind]),
                                                                           found=describe(value)) \
            + (_number_hint(value) if kind in ("int_type", "float_type") else "")
    if kind == "literal_error":
        names = re.findall(r"'([^']*)'", error["ctx"]["expected"])
        expected = (", ".join(f"'{name}'" for name in names[:-1]) + _(" or ") + f"'{names[-1]}'"
                    if len(names) > 1 else error["ctx"]["expected"])
        hint = _("; higher: the higher the better (越高越好), lower: the lower the better (越低越好)") \
            if path and path[-1] == "direction" else ""
        return _where(path) + _("expected {expected}, found {found}").format(expected=expected,
                                                                           found=describe(value)) + hint
    if kind in ("too_short", "too_long"):
        return f"{_where(path)}{error['msg'].lower()}"
    if kind == "string_pattern_mismatch":
        return _where(path) + _("{found} does not have the expected form ({pattern})").format(
            found=describe(value), pattern=error["ctx"]["pattern"])
    if kind == "value_error":
        return _where(path) + _("{message}, found {found}").format(
            message=error["msg"].removeprefix("Value error, "), found=describe(value))
    return _where(path) + _("{message}, found {found}").format(message=error["msg"], found=describe(value))


_DROP = object()


def _replaced(tree: Any, changes: dict[tuple, Any]) -> Any:
    """A copy of the tree with the values at some paths replaced or (_DROP) left out."""

    def copy(node: Any, path: tuple) -> Any:
        if isinstance(node, Mapping):
            out = Mapping(node.source)
            for key, value in node.items():
                new = changes.get(path + (key,), value)
                if new is not _DROP:
                    new = copy(new, path + (key,)) if new is value else new
                    out.put(key, new, node.key_sources[key], node.value_sources[key])
            return out
        if isinstance(node, Sequence):
            out = Sequence(node.source)
            for index, (value, source) in enumerate(zip(node, node.item_sources)):
                out.add(copy(value, path + (index,)), source)
            return out
        return node

    return copy(tree, ())


def did_you_mean(name: str, allowed) -> str:
    """'; did you mean 'x'?' when a close name exists, else nothing."""
    suggestion = closest(str(name), allowed)
    return _("; did you mean '{guess}'?").format(guess=suggestion) if suggestion else ""
