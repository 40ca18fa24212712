"""A single value where a list is expected is a list of one (`daily_tasks: 每周拜访客户`).

Done on the loaded tree, before `extends` and `use` are resolved, so that merging, validation and
every rule see one shape, and positions stay those of the file. Which fields are lists the model says.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from rolebook.errors import Source
from rolebook.spec.loader import Mapping, Sequence


def lists_of_one(tree: Any, model: type[BaseModel]) -> Any:
    """The tree with every single value of a list field wrapped in a list (the tree is not changed)."""
    return _shape(tree, model, getattr(tree, "source", None))


def _shape(node: Any, annotation: Any, source: Source | None) -> Any:
    item = _list_item(annotation)
    if item is not None:
        if node is None:
            return node
        if not isinstance(node, Sequence):
            wrapped = Sequence(source)
            wrapped.add(node, source)
            node = wrapped
        return _each(node, item)
    if isinstance(node, Mapping):
        model = _model(annotation)
        if model is not None:
            return _fields(node, model)
        values = _dict_values(annotation)
        if values is not None:
            return _values(node, values)
    return node


def _fields(node: Mapping, model: type[BaseModel]) -> Mapping:
    by_key = {field.alias or name: field.annotation for name, field in model.model_fields.items()}
    out, changed = Mapping(node.source), False
    for key, value in node.items():
        new = _shape(value, by_key[key], node.value_sources[key]) if key in by_key else value
        changed |= new is not value
        out.put(key, new, node.key_sources[key], node.value_sources[key])
    return out if changed else node


def _values(node: Mapping, annotation: Any) -> Mapping:
    out, changed = Mapping(node.source), False
    for key, value in node.items():
        new = _shape(value, annotation, node.value_sources[key])
        changed |= new is not value
        out.put(key, new, node.key_sources[key], node.value_sources[key])
    return out if changed else node


def _each(node: Sequence, annotation: Any) -> Sequence:
    out, changed = Sequence(node.source), False
    for value, source in zip(node, node.item_sources):
        new = _shape(value, annotation, source)
        changed |= new is not value
        out.add(new, source)
    return out if changed else node


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
