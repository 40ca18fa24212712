"""The field reference (docs/reference.md) and the descriptions in the JSON Schemas it is made from."""

import json
import re

import jsonschema
import pytest
from conftest import REPO, run_rolebook
from pydantic import BaseModel, Field

from rolebook.spec.model import LibraryKpi, Settings, Term, one_or_many, role_json_schema

SPEC_FORMAT = REPO / "docs" / "spec-format.md"
REGENERATE = "python -m rolebook schema --format markdown > docs/reference.md"


def cli_role_schema() -> dict:
    result = run_rolebook("schema", cwd=REPO)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def schemas() -> dict[str, dict]:
    """Every schema the reference covers: the role spec as `rolebook schema` prints it, the settings, the library."""
    return {
        "role spec": cli_role_schema(),
        "rolebook.yaml": one_or_many(Settings.model_json_schema(by_alias=True)),
        "library/kpis.yaml": one_or_many(LibraryKpi.model_json_schema(by_alias=True)),
        "library/glossary.yaml": one_or_many(Term.model_json_schema(by_alias=True)),
    }


def undescribed(node, where: str = "#") -> list[str]:
    """The paths of the properties, anywhere in a schema ($defs included), that have no description."""
    missing = []
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            if not (isinstance(prop, dict) and str(prop.get("description", "")).strip()):
                missing.append(f"{where}/properties/{name}")
        for key, value in node.items():
            missing += undescribed(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            missing += undescribed(value, f"{where}/{i}")
    return missing


def test_the_coverage_check_finds_a_property_without_a_description():
    class Inner(BaseModel):
        said: int = Field(0, description="described")
        unsaid: int = 0

    class Outer(BaseModel):
        inner: Inner = Field(description="described")
        bare: list[Inner] = []

    assert undescribed(one_or_many(Outer.model_json_schema())) == [
        "#/properties/bare", "#/$defs/Inner/properties/unsaid"]


@pytest.mark.parametrize("name", ["role spec", "rolebook.yaml", "library/kpis.yaml", "library/glossary.yaml"])
def test_every_property_has_a_description(name):
    schema = schemas()[name]
    count = json.dumps(schema).count('"properties"')
    assert count >= 1
    missing = undescribed(schema)
    assert not missing, f"{name}: {len(missing)} properties without a description:\n" + "\n".join(missing)


def examples_of(node, root: dict, where: str = "#"):
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            for example in prop.get("examples", []):
                yield f"{where}/properties/{name}", prop, example
        for key, value in node.items():
            if key != "properties":
                yield from examples_of(value, root, f"{where}/{key}")
            else:
                for name, prop in value.items():
                    yield from examples_of(prop, root, f"{where}/properties/{name}")


@pytest.mark.parametrize("name", ["role spec", "rolebook.yaml", "library/kpis.yaml", "library/glossary.yaml"])
def test_every_example_is_a_valid_value(name):
    schema = schemas()[name]
    found = list(examples_of(schema, schema))
    assert found, "the schemas give examples"
    for where, prop, example in found:
        check = {"$defs": schema.get("$defs", {}), **{k: v for k, v in prop.items() if k != "examples"}}
        errors = list(jsonschema.Draft202012Validator(check).iter_errors(example))
        assert not errors, f"{name} {where}: example {example!r}: {errors[0].message}"


def test_docs_reference_is_the_generated_reference():
    result = run_rolebook("schema", "--format", "markdown", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Field reference\n")
    checked_in = (REPO / "docs" / "reference.md").read_text(encoding="utf-8")
    assert checked_in == result.stdout, (
        f"docs/reference.md is out of date; regenerate it from the repository's root with\n    {REGENERATE}")


def test_the_json_format_is_the_default_output():
    default = run_rolebook("schema", cwd=REPO)
    explicit = run_rolebook("schema", "--format", "json", cwd=REPO)
    assert default.returncode == explicit.returncode == 0
    assert default.stdout == explicit.stdout
    assert json.loads(default.stdout) == role_json_schema()
    assert run_rolebook("schema", "--format", "yaml", cwd=REPO).returncode == 2


def expected_paths(schema: dict) -> list[str]:
    """Every field's dotted path, worked out from the JSON Schema: `[]` after a list, `<…>` for a chosen key."""

    def refs(node) -> list[tuple[str, str]]:  # (the def's name, how it is reached: "", "[]" or ".<>")
        if not isinstance(node, dict):
            return []
        if "$ref" in node:
            return [(node["$ref"].rsplit("/", 1)[-1], "")]
        found = []
        for option in node.get("anyOf", []):
            found += refs(option)
        if isinstance(node.get("items"), dict):
            found += [(name, "[]") for name, _ in refs(node["items"])]
        if isinstance(node.get("additionalProperties"), dict):
            found += [(name, ".<>") for name, _ in refs(node["additionalProperties"])]
        # one_or_many: an item or a list of items is a list
        return [(name, how) for name, how in dict.fromkeys(found) if how or (name, "[]") not in found]

    def walk(node: dict, prefix: str) -> list[str]:
        paths = []
        for name, prop in node.get("properties", {}).items():
            paths.append(prefix + name)
            for ref, how in refs(prop):
                paths += walk(schema["$defs"][ref], f"{prefix}{name}{how}.")
        return paths

    return walk(schema, "")


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## ", text, flags=re.M)
    return {part.splitlines()[0]: part for part in parts[1:]}


def headings(section: str) -> list[str]:
    return re.findall(r"^### `([^`]+)`$", section, flags=re.M)


@pytest.fixture(scope="module")
def reference() -> str:
    result = run_rolebook("schema", "--format", "markdown", cwd=REPO)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("name, file", [("role spec", "role_specs/<id>.yaml"), ("rolebook.yaml", "rolebook.yaml"),
                                        ("library/kpis.yaml", "library/kpis.yaml"),
                                        ("library/glossary.yaml", "library/glossary.yaml")])
def test_the_reference_names_every_field_once(reference, name, file):
    section = next((text for title, text in sections(reference).items() if f"`{file}`" in title), None)
    assert section is not None, f"no section for {file}"
    named = headings(section)
    expected = expected_paths(schemas()[name])
    assert len(expected) > 1
    patterns = [re.compile(re.escape(path).replace(re.escape("<>"), "<[a-z-]+>") + "$") for path in expected]
    unnamed = [path for path, pattern in zip(expected, patterns) if not any(pattern.match(h) for h in named)]
    assert not unnamed, f"{file}: the reference does not name " + ", ".join(unnamed)
    assert len(named) == len(expected) == len(set(named)), f"{file}: fields named twice or unknown ones"


def test_the_role_reference_covers_deep_fields(reference):
    role = sections(reference)[next(t for t in sections(reference) if "role_specs" in t)]
    entry = role.split("### `assessment.dimensions[].kpis[].thresholds.pass`", 1)[1].split("###", 1)[0]
    assert "- Type: number" in entry and "`thresholds-order`" in entry and "- Example: `pass: 90`" in entry


def rule_codes() -> list[str]:
    """The rule codes of spec-format.md: its rules table and the codes format 1.1 adds."""
    text = SPEC_FORMAT.read_text(encoding="utf-8")
    table = re.findall(r"^\| `([a-z-]+)` \|", text, flags=re.M)
    added = re.search(r"New rule codes:(.*?)\n\n", text, flags=re.S)
    assert table and added, "spec-format.md's rules table and its new rule codes"
    return list(dict.fromkeys(table + re.findall(r"`([a-z]+(?:-[a-z]+)+)`", added.group(1))))


def test_the_reference_names_every_rule_code(reference):
    codes = rule_codes()
    assert "weights-sum" in codes and "distribution-sum" in codes
    missing = [code for code in codes if f"`{code}`" not in reference]
    assert not missing, "rule codes the reference does not mention: " + ", ".join(missing)


def test_every_code_the_reference_names_is_one_rolebook_reports(reference):
    source = "\n".join(path.read_text(encoding="utf-8") for path in sorted((REPO / "rolebook").rglob("*.py"))
                       if path.name != "reference.py")
    checked = set()
    for line in re.findall(r"^- Checked by: (.*)$", reference, flags=re.M):
        checked.update(re.findall(r"`([a-z-]+)`", line))
    assert len(checked) > 10
    unknown = sorted(code for code in checked if f'"{code}"' not in source)
    assert not unknown, "the reference names codes that rolebook never reports: " + ", ".join(unknown)


def test_the_reference_says_lists_take_one_value_and_text_is_markdown(reference):
    top = reference.split("\n## ", 1)[0]
    assert "a single value" in top and "list of one" in top and "Markdown" in top
