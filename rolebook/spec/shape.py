"""A single value where a list is expected is a list of one (`daily_tasks: 每周拜访客户`).

Done on the loaded tree, before `extends` and `use` are resolved, so that merging, validation and
every rule see one shape, and positions stay those of the file. Which fields are lists the model says.
"""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any

from pydantic import BaseModel

from rolebook.spec.loader import Mapping, Sequence, unpacked


def lists_of_one(tree: Any, model: type[BaseModel]) -> Any:
    """The tree with every single value of a list field wrapped in a list (the tree is not changed)."""
    return _shape(tree, model, None)


def _shape(node: Any, annotation: Any, at: int | None) -> Any:
    """`at`: the node's packed position (loader.packed), made a Source only for a value wrapped in a list."""
    kind, inner = plan(annotation)
    if kind == "list":
        if node is None:
            return node
        if not isinstance(node, Sequence):
            wrapped = Sequence(unpacked(at))
            wrapped.add_packed(node, at)
            node = wrapped
        return _each(node, inner)
    if isinstance(node, Mapping):
        if kind == "model":
            return _fields(node, inner)
        if kind == "dict":
            return _values(node, inner)
    return node


# What each annotation is, worked out once: the models' annotations live as long as the models, and a
# large project asks millions of times (typing's introspection was a third of loading 1,000 roles).
_PLANS: dict[int, tuple[str, Any]] = {}
_FIELDS: dict[type, dict[str, Any]] = {}


def plan(annotation: Any) -> tuple[str, Any]:
    plan = _PLANS.get(id(annotation))
    if plan is None:
        item, model, values = _list_item(annotation), _model(annotation), _dict_values(annotation)
        plan = (("list", item) if item is not None else ("model", model) if model is not None
                else ("dict", values) if values is not None else ("plain", None))
        _PLANS[id(annotation)] = plan
        _KEEP.append(annotation)  # its id stays its own
    return plan


_KEEP: list[Any] = []


def field_annotations(model: type[BaseModel]) -> dict[str, Any]:
    """Each field's annotation by the name a spec writes, with the marks pydantic keeps apart for a required
    field (its Annotated metadata: model.Text's TRANSLATABLE)."""
    found = _FIELDS.get(model)
    if found is None:
        found = _FIELDS[model] = {field.alias or name: Annotated[(field.annotation, *field.metadata)]
                                  if field.metadata else field.annotation
                                  for name, field in model.model_fields.items()}
    return found


def _fields(node: Mapping, model: type[BaseModel]) -> Mapping:
    by_key = field_annotations(model)
    news = {key: _shape(value, by_key[key], node.value_at(key)) for key, value in node.items() if key in by_key}
    return rebuilt(node, news)


def rebuilt(node: Mapping, news: dict[str, Any]) -> Mapping:
    """The mapping with the new values, or the mapping itself when none is new (most are not)."""
    if all(news[key] is node[key] for key in news):
        return node
    out = Mapping(node.source)
    out.replace_values(node, news)
    return out


def _values(node: Mapping, annotation: Any) -> Mapping:
    return rebuilt(node, {key: _shape(value, annotation, node.value_at(key)) for key, value in node.items()})


def _each(node: Sequence, annotation: Any) -> Sequence:
    if plan(annotation)[0] == "plain" and not any(isinstance(value, Mapping) for value in node):
        return node  # a list of texts or numbers: nothing inside to shape
    return rebuilt_items(node, [_shape(value, annotation, node.item_at(index)) for index, value in enumerate(node)])


def rebuilt_items(node: Sequence, news: list[Any]) -> Sequence:
    """The sequence with the new items, or the sequence itself when none is new."""
    if all(new is old for new, old in zip(news, node)):
        return node
    out = Sequence(node.source)
    for index, new in enumerate(news):
        out.add_packed(new, node.item_at(index))
    return out


def _branches(annotation: Any) -> list:
    """An annotation without Annotated[...] and Optional: the types it may be."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _branches(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [b for arg in typing.get_args(annotation) for b in _branches(arg) if b is not type(None)]
    return [annotation]


def _list_item(annotation: Any) -> Any:
    for branch in _branches(annotation):
        if typing.get_origin(branch) is list:
            return typing.get_args(branch)[0]
    return None


def _model(annotation: Any) -> type[BaseModel] | None:
    for branch in _branches(annotation):
        if isinstance(branch, type) and issubclass(branch, BaseModel):
            return branch
    return None


def _dict_values(annotation: Any) -> Any:
    for branch in _branches(annotation):
        if typing.get_origin(branch) is dict:
            return typing.get_args(branch)[1]
    return None
