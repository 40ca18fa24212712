"""The field reference (docs/reference.md): every field a user writes, in plain words, from the JSON Schemas.

`rolebook schema --format markdown` prints it. The types, defaults, allowed values, descriptions and
examples come from the models' JSON Schemas (rolebook/spec/model.py); what the schema cannot say —
which validation rules look at a field, and when a field the schema leaves optional is needed after
all — is in the two small tables below. The output depends on nothing but the models and these
tables: the same code gives the same text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import yaml
from pydantic import BaseModel

from rolebook.spec.model import ID_PATTERN, LANGUAGE_PATTERN, LibraryKpi, Settings, Term, one_or_many, role_json_schema

KPI = "assessment.dimensions[].kpis[]"

# The validation rules (spec-format.md's rules table and the format 1.1 codes in rolebook/spec/rules.py)
# that look at a field, by the field's path. Rules every file gets (yaml-syntax, unknown-field, type…)
# are listed once, in the introduction.
ROLE_RULES: dict[str, list[str]] = {
    "id": ["bad-id", "id-mismatch", "duplicate-id"],
    "reports_to": ["unknown-ref", "reports-cycle", "grade-order"],
    "grade": ["unknown-grade", "grade-order", "pay-band"],
    "salary": ["pay-band", "salary-period"],
    "version": ["version-format", "changes-order", "version-not-bumped"],
    "extends": ["bad-id", "unknown-ref", "extends-cycle"],
    "duties": ["missing-field", "duty-share"],
    "assessment": ["no-kpis"],
    "duties[].id": ["bad-id", "duplicate-id"],
    "duties[].share": ["duty-share"],
    "career_path.from": ["unknown-ref"],
    "career_path.to": ["unknown-ref"],
    "assessment.dimensions[].id": ["bad-id", "duplicate-id"],
    "assessment.dimensions[].weight": ["dimension-weight", "weight-range"],
    "assessment.dimensions[].weight_range": ["weight-range"],
    f"{KPI}.id": ["bad-id", "duplicate-id"],
    f"{KPI}.direction": ["thresholds-order"],
    f"{KPI}.target": ["thresholds-order"],
    f"{KPI}.thresholds.pass": ["thresholds-order"],
    f"{KPI}.thresholds.excellent": ["thresholds-order"],
    f"{KPI}.criteria": ["criteria-score"],
    f"{KPI}.criteria[].score": ["criteria-score"],
    f"{KPI}.weight": ["missing-field", "weight-range", "weights-sum", "dimension-weight"],
    f"{KPI}.use": ["bad-id", "unknown-ref"],
    "assessment.grades": ["grades-order"],
    "assessment.grades[].grade": ["grades-order"],
    "assessment.grades[].min": ["grades-order"],
    "assessment.scoring.points": ["scoring-points"],
    "assessment.scoring.points.pass": ["scoring-points"],
    "assessment.scoring.points.target": ["scoring-points"],
    "assessment.scoring.points.excellent": ["scoring-points"],
    "assessment.scoring.below_pass": ["scoring-points"],
    "assessment.scoring.cap": ["scoring-points", "criteria-score"],
    "assessment.raters": ["raters-sum"],
    "assessment.raters[].rater": ["bad-id", "duplicate-id"],
    "assessment.raters[].weight": ["raters-sum"],
    "assessment.distribution": ["distribution-sum", "unknown-ref"],
    "assessment.distribution.<grade>.min": ["distribution-sum"],
    "assessment.distribution.<grade>.max": ["distribution-sum"],
    "glossary[].term": ["glossary-conflict", "unused-term"],
    "glossary[].definition": ["glossary-conflict"],
    "extra": ["unknown-field", "type"],
    "changes": ["changes-order"],
    "changes[].version": ["version-format", "changes-order"],
    "changes[].date": ["changes-order"],
}
SETTINGS_RULES: dict[str, list[str]] = {
    "handbook.roles": ["unknown-ref"],
    "handbook.policies": ["unknown-ref", "bad-file", "outside-project"],
    "handbook.front": ["unknown-ref", "bad-file", "outside-project"],
    "handbook.back": ["unknown-ref", "bad-file", "outside-project"],
    "branding.logo": ["unknown-ref", "bad-file", "outside-project"],
}
LIBRARY_KPI_RULES: dict[str, list[str]] = {
    "id": ["bad-id", "duplicate-id"],
    "direction": ["thresholds-order"],
    "target": ["thresholds-order"],
    "thresholds.pass": ["thresholds-order"],
    "thresholds.excellent": ["thresholds-order"],
}
GLOSSARY_RULES: dict[str, list[str]] = {
    "term": ["glossary-conflict"],
    "definition": ["glossary-conflict"],
}

# Where the schema, written for editors, leaves a field optional that a finished role needs: a role
# may inherit it through `extends`, a KPI take it through `use`.
ROLE_REQUIRED: dict[str, str] = {
    "title": "yes (it may be inherited through `extends`)",
    "duties": "at least one duty in a concrete role (they may be inherited through `extends`)",
    f"{KPI}.id": "yes, unless `use` gives it",
    f"{KPI}.name": "yes, unless `use` gives it",
    f"{KPI}.weight": "yes, in a concrete role",
}

# The name that stands for a key of a mapping whose keys the user chooses, and what the keys are.
MAPPING_KEYS: dict[str, tuple[str, str]] = {
    "assessment.distribution": ("<grade>", "grade names"),
    "extra": ("<field>", "field keys"),
    "fields": ("<field>", "field keys"),
    "fields.<field>.label": ("<language>", "language tags"),
}

PATTERNS: dict[str, tuple[str, str]] = {  # pattern: (the type's word, the allowed values in words)
    ID_PATTERN: ("id", "lowercase letters, digits and hyphens, starting with a letter or digit"),
    r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$": ("language tag", "a BCP 47 language tag such as zh-CN, zh-TW or en"),
    r"^[A-Z]{3}$": ("text", "three capital letters"),
    r"^[A-Z]{2}$": ("text", "two capital letters"),
    r"^#[0-9A-Fa-f]{6}$": ("text", "# and six hexadecimal digits (#RRGGBB)"),
}
PLURALS = {"text": "text", "id": "ids", "language tag": "language tags", "date YYYY-MM-DD": "dates YYYY-MM-DD",
           "number": "numbers", "whole number": "whole numbers", "true/false": "true/false values"}
GROUP = "the fields below"
GROUPS = "items with the fields below"


@dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    intro: str
    schema: Callable[[], dict]
    rules: dict[str, list[str]]
    required: dict[str, str] = field(default_factory=dict)


def model_schema(model: type[BaseModel]) -> dict:
    """A model's JSON Schema, with every list also taking a single item, as the loader reads it."""
    return one_or_many(model.model_json_schema(by_alias=True))


SECTIONS = (
    Section("Role spec: `role_specs/<id>.yaml`", "role-spec",
            "One role per file; the file name is the role's id. A role that `extends` another starts from "
            "that role's fields, and the rules check the merged role. `rolebook schema` prints these fields "
            "as a JSON Schema for editors.",
            role_json_schema, ROLE_RULES, ROLE_REQUIRED),
    Section("Project settings: `rolebook.yaml`", "rolebook-yaml",
            "Optional: without it the language is `en`, there is no organisation name, and the handbook holds "
            "every concrete role. File names (policies, logo) are relative to the project folder and must "
            "stay inside it.",
            lambda: model_schema(Settings), SETTINGS_RULES),
    Section("Shared KPIs: `library/kpis.yaml`", "library-kpis",
            "Optional: a list of KPIs written like a role's KPIs, but without `weight`. A role's `- use: ID` "
            "takes one, and any field given beside `use` overrides the library's. Each item has these fields:",
            lambda: model_schema(LibraryKpi), LIBRARY_KPI_RULES),
    Section("Shared glossary: `library/glossary.yaml`", "library-glossary",
            "Optional: a list of terms, written like a role's `glossary`. A role's documents show the "
            "library's terms that its text uses. Each item has these fields:",
            lambda: model_schema(Term), GLOSSARY_RULES),
)

INTRODUCTION = """\
# Field reference

Every field of the files a rolebook project holds, as rolebook reads them. This file is generated
from the typed model (`rolebook/spec/model.py`); do not edit it by hand. To regenerate it:

```sh
rolebook schema --format markdown > docs/reference.md
```

- **Lists:** any field that takes a list also accepts a single value, which is read as a list of one
  (`with: 市场部` is `with: [市场部]`).
- **Text:** text fields are Markdown: bold, italics, lists, links and tables show in Word and HTML.
  Raw HTML is shown as text.
- **Languages:** a text field may instead hold one text per language tag
  (`title: {zh-CN: 销售经理, en: Sales Manager}`); a plain text is in the source language (`language`
  of rolebook.yaml). A language of `languages` that is neither the source nor derived (`derive`)
  and lacks a field's text gets the warning `missing-translation` there; its documents show the
  source text.
- **Paths:** a field is named by its path from the top of the file: `duties[].title` is the `title`
  of each item of `duties`; `<grade>` stands for a key you choose.
- **Dates** are written YYYY-MM-DD (`2026-01-01`).
- **Checked by** names the validation rules that look at a field; `rolebook validate` prints the
  code of each problem (`error[weights-sum]`). Every file is also checked for `yaml-syntax`,
  `duplicate-key`, `unsafe-yaml` and `control-character` (the file must read as plain YAML text),
  `unknown-field` (a name not listed here, with a "did you mean"), `missing-field` (a required field
  left out), `type` (a value of the wrong kind: a list where text is expected, a word where a
  number is), `not-finite` (`.nan`, `.inf` or `-.inf` where a number is written: YAML reads them as
  numbers, HR cannot), `markdown-nesting` (a text nesting lists or block quotes deeper than the
  documents can show) and the warnings `comment-in-text` (` #` inside an unquoted text) and
  `placeholder` (a `待填写` / `TODO` that `rolebook new` or `rolebook import` left to fill).
"""


@dataclass(frozen=True)
class Entry:
    path: str
    name: str  # the key as written in YAML ("" for a placeholder)
    schema: dict
    required: bool


def reference() -> str:
    """The whole field reference, as Markdown."""
    from rolebook.organisation.catalogue import reference_markdown

    contents = "".join(f"- [{s.title}](#{s.anchor})\n" for s in SECTIONS)
    contents += "- [Role catalogue: `build/catalogue.json`, `.csv`, `.xlsx`](#catalogue)\n"
    parts = [INTRODUCTION, "## Contents\n", contents]
    for section in SECTIONS:
        parts.append(render_section(section))
    parts.append(reference_markdown())
    return "\n".join(parts).rstrip("\n") + "\n"


def render_section(section: Section) -> str:
    root = section.schema()
    entries = list(walk(root, root))
    known = {entry.path for entry in entries}
    for table in (section.rules, section.required):
        unknown = sorted(set(table) - known)
        if unknown:
            raise ValueError(f"{section.anchor}: no such field {', '.join(unknown)}")
    lines = [f'<a id="{section.anchor}"></a>', f"## {section.title}", "", section.intro, ""]
    for entry in entries:
        lines += render_entry(entry, root, section)
    return "\n".join(lines)


def field_paths(schema: dict) -> list[str]:
    """Every field's dotted path in a schema, in the order the reference lists them."""
    return [entry.path for entry in walk(schema, schema)]


def walk(node: dict, root: dict, prefix: str = "") -> Iterator[Entry]:
    """The fields of an object schema and of the objects inside them, depth first, in the model's order."""
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        yield Entry(path, name, prop, name in required)
        yield from children(prop, root, path)


def children(prop: dict, root: dict, path: str) -> Iterator[Entry]:
    shape = Shape.of(prop, root)
    for alt in shape.items:
        if "$ref" in alt:
            yield from walk(resolve(alt, root), root, f"{path}[]." if shape.is_list else f"{path}.")
        elif isinstance(alt.get("additionalProperties"), dict):
            placeholder = MAPPING_KEYS.get(path, ("<name>", "names"))[0]
            inner = alt["additionalProperties"]
            if "$ref" in inner:
                yield from walk(resolve(inner, root), root, f"{path}.{placeholder}.")


def resolve(schema: dict, root: dict) -> dict:
    return root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]


def alternatives(schema: dict) -> list[dict]:
    """The kinds of value a schema allows, nested anyOf flattened, null left out."""
    if "anyOf" in schema:
        return [alt for option in schema["anyOf"] for alt in alternatives(option)]
    if schema.get("type") == "null":
        return []
    return [{key: value for key, value in schema.items()
             if key not in ("description", "default", "title", "examples")}]


@dataclass(frozen=True)
class Shape:
    items: list[dict]  # the kinds of value (of an item, for a list)
    is_list: bool

    @classmethod
    def of(cls, schema: dict, root: dict) -> "Shape":
        alts = alternatives(schema)
        arrays = [alt for alt in alts if alt.get("type") == "array" and "items" in alt]
        if len(arrays) == 1:
            items = alternatives(arrays[0]["items"])
            if [alt for alt in alts if alt is not arrays[0]] == items:  # one_or_many: an item or a list of them
                return cls(items, True)
            if not [alt for alt in alts if alt is not arrays[0]]:
                return cls(items, True)
        return cls(alts, False)


TRANSLATED = ("a mapping of language tags to text", "mappings of language tags to text")


def words(alts: list[dict], path: str, plural: bool) -> str:
    """A value's kind in plain words: text, number, date YYYY-MM-DD, one of …"""
    found: list[str] = []
    for alt in alts:
        word = word_of(alt, path, plural)
        if word not in found:
            found.append(word)
    numbers = PLURALS["number"] if plural else "number"
    whole = PLURALS["whole number"] if plural else "whole number"
    if numbers in found and whole in found:
        found.remove(whole)
    texts, translated = (PLURALS["text"], TRANSLATED[1]) if plural else ("text", TRANSLATED[0])
    if texts in found and translated in found:  # a text field: one text, or one per language
        found.remove(translated)
        found[found.index(texts)] = f"{texts} (or one per language tag)"
    return " or ".join(found)


def word_of(alt: dict, path: str, plural: bool) -> str:
    kind = alt.get("type")
    if "$ref" in alt:
        return GROUPS if plural else GROUP
    if "enum" in alt:
        return "one of " + ", ".join(f"`{value}`" for value in alt["enum"])
    if kind == "string":
        if alt.get("format") == "date":
            word = "date YYYY-MM-DD"
        elif "pattern" in alt:
            word = PATTERNS.get(alt["pattern"], ("text", ""))[0]
        else:
            word = "text"
        return PLURALS[word] if plural else word
    if kind in ("integer", "number", "boolean"):
        word = {"integer": "whole number", "number": "number", "boolean": "true/false"}[kind]
        return PLURALS[word] if plural else word
    if kind == "array" and "prefixItems" in alt:
        count = len(alt["prefixItems"])
        kinds = words([a for item in alt["prefixItems"] for a in alternatives(item)], path, True)
        return f"two {kinds}, written [min, max]" if count == 2 else f"a list of {count} {kinds}"
    if kind == "array" and "items" in alt:
        return "list of " + words(alternatives(alt["items"]), path, True)
    if kind == "object" and alt.get("propertyNames", {}).get("pattern") == LANGUAGE_PATTERN:
        return TRANSLATED[1] if plural else TRANSLATED[0]
    if kind == "object" and isinstance(alt.get("additionalProperties"), dict):
        keys = MAPPING_KEYS.get(path, ("<name>", "names"))[1]
        inner = alt["additionalProperties"]
        what = GROUP if "$ref" in inner else words(alternatives(inner), f"{path}.<>", True)
        return f"a mapping of {keys} to {what}"
    return kind or "any value"


def type_words(schema: dict, root: dict, path: str) -> str:
    shape = Shape.of(schema, root)
    if shape.is_list:
        return "list of " + words(shape.items, path, True)
    return words(shape.items, path, False)


def allowed(schema: dict, root: dict) -> list[str]:
    """Limits on the values, in words."""
    out: list[str] = []
    for alt in Shape.of(schema, root).items:
        if "pattern" in alt and alt["pattern"] in PATTERNS:
            out.append(PATTERNS[alt["pattern"]][1])
        elif "pattern" in alt:
            out.append(f"text matching `{alt['pattern']}`")
        if "minimum" in alt:
            out.append(f"{number(alt['minimum'])} or more")
        if "maximum" in alt:
            out.append(f"{number(alt['maximum'])} or less")
    return list(dict.fromkeys(out))


def render_entry(entry: Entry, root: dict, section: Section) -> list[str]:
    prop = entry.schema
    lines = [f"### `{entry.path}`", ""]
    if prop.get("description"):
        lines += [sentence(prop["description"]), ""]
    facts = [f"- Type: {type_words(prop, root, entry.path)}"]
    if entry.path in section.required:
        facts.append(f"- Required: {section.required[entry.path]}")
    else:
        facts.append(f"- Required: {'yes' if entry.required else 'no'}")
    default = default_text(prop.get("default"))
    if default is not None:
        facts.append(f"- Default: `{default}`")
    limits = allowed(prop, root)
    if limits:
        facts.append(f"- Allowed values: {'; '.join(limits)}")
    examples = prop.get("examples") or []
    if examples:
        shown = ", ".join(f"`{entry.name}: {flow(in_order(example, prop, root))}`" for example in examples)
        facts.append(f"- Example{'s' if len(examples) > 1 else ''}: {shown}")
    if section.rules.get(entry.path):
        facts.append("- Checked by: " + ", ".join(f"`{code}`" for code in section.rules[entry.path]))
    return lines + facts + [""]


def sentence(text: str) -> str:
    """A description as a sentence: as written, with a full stop."""
    text = text.strip()
    return text if text.endswith((".", "。", "!", "?", "…")) else text + "."


def default_text(value: Any) -> str | None:
    """A default worth showing, in YAML; None for no value, empty lists and groups of fields."""
    if value is None or value == [] or value == {}:
        return None
    if isinstance(value, dict) and any(v is None or isinstance(v, (list, dict)) for v in value.values()):
        return None  # a group whose fields have their own defaults
    return flow(value)


def in_order(value: Any, schema: dict, root: dict) -> Any:
    """An example with its keys in the order of the fields (the JSON Schema holds them sorted)."""
    shape = Shape.of(schema, root)
    if isinstance(value, list) and shape.is_list:
        return [in_order(item, {"anyOf": shape.items}, root) for item in value]
    if not isinstance(value, dict):
        return value
    for alt in shape.items:
        if "$ref" in alt:
            properties = resolve(alt, root).get("properties", {})
            if set(value) <= set(properties):
                return {key: in_order(value[key], properties[key], root) for key in properties if key in value}
        elif isinstance(alt.get("additionalProperties"), dict) and "propertyNames" not in alt:
            return {key: in_order(item, alt["additionalProperties"], root) for key, item in value.items()}
    return value


def number(value: float) -> str:
    return f"{value:g}"


def flow(value: Any) -> str:
    """A value as one would write it in YAML on one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    return scalar(str(value))


def scalar(text: str) -> str:
    """A string as YAML reads it back, quoted only when it must be (a date stays a date, as specs write it)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    plain = bool(text) and text[0] not in "-?:,[]{}#&*!|>'\"%@`" and not re.search(r"[,\[\]{}]|: | #|:$|\s$", text)
    if plain:
        try:
            plain = yaml.safe_load(text) == text
        except yaml.YAMLError:
            plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)
