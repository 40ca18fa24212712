"""The YAML loader: positions, repeated keys, hostile input and encodings."""

import time

import pytest

from rolebook.spec import loader
from rolebook.spec.loader import Mapping, Sequence, load_file, load_text


def codes(problems):
    return [p.code for p in problems]


def test_every_value_knows_its_position():
    data, problems = load_text("id: a\nduties:\n  - title: 甲\n    daily_tasks: [x, y]\n", "f.yaml")
    assert problems == []
    assert data.value_sources["id"] == ("f.yaml", 1, 5)
    duty = data["duties"][0]
    assert isinstance(duty, Mapping) and isinstance(duty["daily_tasks"], Sequence)
    assert duty.key_sources["daily_tasks"] == ("f.yaml", 4, 5)
    assert duty["daily_tasks"].item_sources[1] == ("f.yaml", 4, 22)


def test_scalars_keep_yaml_meaning_but_dates_stay_text():
    data, _ = load_text("a: 35\nb: 1.5\nc: true\nd: ~\ne: 2026-01-01\nf: '35'\ng: 2026-01-05 10:30:00\n", "f")
    assert data == {"a": 35, "b": 1.5, "c": True, "d": None, "e": "2026-01-01", "f": "35", "g": "2026-01-05T10:30:00"}


def test_repeated_key_is_reported_at_the_repeat():
    data, problems = load_text("title: a\nid: x\ntitle: b\n", "f")
    assert codes(problems) == ["duplicate-key"]
    assert (problems[0].line, problems[0].column) == (3, 1)
    assert "line 1" in problems[0].message


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system ['echo hi']\n",
    "a: !!python/name:os.system\n",
    "a: !custom {x: 1}\n",
    "a: !!set {x, y}\n",
])
def test_object_constructing_tags_are_refused(text):
    data, problems = load_text(text, "f")
    assert data is None
    assert codes(problems) == ["unsafe-yaml"]
    assert problems[0].line == 1


def billion_laughs(levels: int = 9) -> str:
    text = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, levels + 1):
        text += f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n"
    return text


def test_alias_bomb_is_refused_without_expanding_it():
    start = time.perf_counter()
    data, problems = load_text(billion_laughs(), "f")
    elapsed = time.perf_counter() - start
    assert data is None and codes(problems) == ["unsafe-yaml"]
    # A billion laughs expanded would take minutes and gigabytes; refusing takes milliseconds.
    assert elapsed < 5


def test_modest_aliases_still_work():
    data, problems = load_text("base: &b [x, y]\ncopy: *b\n", "f")
    assert problems == [] and data["copy"] == ["x", "y"]


def test_recursive_alias_is_refused():
    data, problems = load_text("a: &x [*x]\n", "f")
    assert data is None and codes(problems) == ["unsafe-yaml"]


def test_deep_nesting_is_refused():
    data, problems = load_text("a: " + "[" * 500 + "]" * 500 + "\n", "f")
    assert data is None and codes(problems) == ["unsafe-yaml"]


def test_merge_keys_fill_in_without_overriding():
    data, problems = load_text("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n", "f")
    assert problems == [] and data["m"] == {"x": 1, "y": 3}
    assert data["m"].value_sources["y"].line == 4


def test_syntax_error_points_at_line_and_column():
    data, problems = load_text("a: [1, 2\nb: 3\n", "f")
    assert data is None and codes(problems) == ["yaml-syntax"]
    assert problems[0].line == 2


def test_file_too_large_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 200 + "\n")
    data, problems = load_file(path, "big.yaml")
    assert data is None and codes(problems) == ["unsafe-yaml"]


def test_utf16_is_refused_with_advice(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_bytes("id: 甲\n".encode("utf-16"))
    data, problems = load_file(path, "r.yaml")
    assert data is None and "UTF-8" in problems[0].message


def test_invalid_utf8_names_its_position(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_bytes("id: a\ntitle: 销售".encode("utf-8") + b"\xb5\xc4\n")
    data, problems = load_file(path, "r.yaml")
    assert data is None and codes(problems) == ["yaml-syntax"]
    assert (problems[0].line, problems[0].column) == (2, 10)


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: a\n")
    data, problems = load_file(path, "r.yaml")
    assert problems == [] and data == {"id": "a"}
