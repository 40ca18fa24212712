"""Random damage to valid specs: the validator only ever returns problems, never raises."""

import copy
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolebook.errors import Problem
from rolebook.project import load_project

from conftest import REPO

SPECS = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
         for path in sorted((REPO / "role_specs").glob("*.yaml"))}

values = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-10**6, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.lists(st.text(max_size=4), max_size=3),
    st.dictionaries(st.sampled_from(["id", "title", "weight", "use", "pass", "x"]),
                    st.one_of(st.text(max_size=4), st.integers(-5, 200)), max_size=3),
)


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, prefix + (index,))


def parent_of(tree, path):
    node = tree
    for step in path[:-1]:
        node = node[step]
    return node


@st.composite
def damaged_specs(draw):
    name = draw(st.sampled_from(sorted(SPECS)))
    tree = copy.deepcopy(SPECS[name])
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        candidates = [p for p in paths(tree) if p]
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        parent, key = parent_of(tree, path), path[-1]
        operation = draw(st.sampled_from(["delete", "replace", "rename", "duplicate"]))
        if operation == "delete":
            del parent[key]
        elif operation == "replace":
            parent[key] = draw(values)
        elif operation == "rename" and isinstance(parent, dict):
            parent[str(key)[:-1] + draw(st.sampled_from(["", "s", "_", "x"]))] = parent.pop(key)
        elif operation == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
    return name, tree


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_specs())
def test_damaged_specs_give_problems_not_exceptions(case):
    name, tree = case
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(REPO / "library", root / "library")
        shutil.copytree(REPO / "role_specs", root / "role_specs")
        (root / "role_specs" / f"{name}.yaml").write_text(
            yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
        project = load_project(root)
    assert all(isinstance(p, Problem) for p in project.problems)
    assert all(p.line >= 1 and p.column >= 1 and p.code for p in project.problems)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_damaged_yaml_text_gives_problems_not_exceptions(data):
    path = REPO / "role_specs" / data.draw(st.sampled_from(sorted(SPECS)))
    text = path.with_suffix(".yaml").read_text(encoding="utf-8")
    position = data.draw(st.integers(min_value=0, max_value=len(text)))
    junk = data.draw(st.text(alphabet=":-[]{}&*!|>'\"#%@`\t\n ", min_size=1, max_size=6))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "role_specs").mkdir()
        (root / "role_specs" / path.with_suffix(".yaml").name).write_text(text[:position] + junk + text[position:],
                                                                        encoding="utf-8")
        project = load_project(root)
    assert all(isinstance(p, Problem) for p in project.problems)
