"""Inputs: everything read lies inside the project, is bounded in size, and is what it claims to be;
control characters are errors at their place."""

import json

import pytest

from conftest import run_rolebook
from hostile import clean_failure, family  # noqa: F401 (family is a fixture)


def problems(root, *args):
    result = run_rolebook("validate", "--format", "json", *args, cwd=root)
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


def codes(found):
    return [(p["file"], p["line"], p["column"], p["code"]) for p in found if p["severity"] == "error"]


@pytest.mark.parametrize("where", ["library/glossary.yaml", "library/kpis.yaml", "role_specs/outsider.yaml"])
def test_an_input_linked_out_of_the_project_is_an_error_naming_both_paths(family, tmp_path, where):
    outside = tmp_path / "outside.yaml"
    outside.write_text("- term: Outside secret\n  definition: read from outside the project\n")
    target = family / where
    target.unlink(missing_ok=True)
    target.symlink_to(outside)
    code, found = problems(family)
    assert code == 1
    assert codes(found)[0] == (where, 1, 1, "outside-project")
    assert str(outside) in found[0]["message"] and where in found[0]["message"]
    assert clean_failure(run_rolebook("build", cwd=family), 1)
    assert not (family / "build").exists()


def test_a_policy_linked_out_of_the_project_is_an_error_at_its_line(family, tmp_path):
    outside = tmp_path / "policy.md"
    outside.write_text("# Secret\n")
    (family / "policies" / "appraisal.md").unlink()
    (family / "policies" / "appraisal.md").symlink_to(outside)
    code, found = problems(family)
    assert code == 1 and codes(found) == [("rolebook.yaml", 6, 14, "outside-project")]


@pytest.mark.parametrize("logo, message", [
    ("logo.svg", "is not a PNG, JPEG or GIF image"),
    ("fake.png", "is not a PNG, JPEG or GIF image"),
    ("broken.png", "is a damaged image"),
    ("/etc/hostname", "lies outside the project"),
    ("../outside.png", "lies outside the project"),
    ("missing.png", "does not exist"),
], ids=["svg", "fake-png", "damaged-png", "absolute", "dotdot", "missing"])
def test_a_logo_that_cannot_be_used_is_a_problem_at_its_line(family, logo, message):
    (family / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (family / "fake.png").write_text("not an image")
    (family / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    settings = family / "rolebook.yaml"
    settings.write_text(settings.read_text() + f"branding:\n  logo: {logo}\n")
    code, found = problems(family)
    assert code == 1
    assert [(p["file"], p["line"]) for p in found if p["severity"] == "error"] == [("rolebook.yaml", 8)]
    assert message in found[0]["message"]
    clean_failure(run_rolebook("build", cwd=family), 1)


def test_a_policy_with_a_bom_keeps_its_first_heading(family):
    policy = family / "policies" / "appraisal.md"
    policy.write_bytes(b"\xef\xbb\xbf# Appraisal calendar\n\nText.\n")
    assert run_rolebook("build", "--kind", "handbook", cwd=family).returncode == 0
    page = (family / "build" / "handbook.html").read_text()
    assert '>Appraisal calendar</h1>' in page and "\ufeff" not in page


@pytest.mark.parametrize("content, where, words", [
    ("# Titel\n\nGr\u00fc\u00dfe\n".encode("latin-1"), (3, 3), "not UTF-8"),
    ("# Title\n".encode("utf-16"), (1, 1), "UTF-16"),
    (b"# Title\n\nA bell \x07 here\n", (3, 8), "U+0007"),
    (b"x" * (2 * 1024 * 1024 + 1), (1, 1), "the limit is"),
], ids=["latin-1", "utf-16", "control-character", "too-large"])
def test_a_policy_that_is_not_utf8_text_is_reported_by_validate(family, content, where, words):
    (family / "policies" / "appraisal.md").write_bytes(content)
    code, found = problems(family)
    assert code == 1
    assert [(p["file"], p["line"], p["column"]) for p in found] == [("policies/appraisal.md", *where)]
    assert words in found[0]["message"]
    assert found[0]["code"] == ("control-character" if words.startswith("U+") else "bad-file")


@pytest.mark.parametrize("text, where", [
    ('title: "Support\\u0001 Engineer"', (3, 16)),
    ('title: "Support \\e]0;owned\\a"', (3, 17)),
    ("title: Support\x01 Engineer", (3, 15)),
    ('title: "nul\\0"', (3, 12)),
], ids=["escaped-u0001", "escape-sequence", "raw-u0001", "nul"])
def test_a_control_character_in_a_spec_is_an_error_at_its_place(family, text, where):
    spec = family / "role_specs" / "support-engineer.yaml"
    lines = spec.read_text().splitlines()
    assert lines[2].startswith("title:")
    lines[2] = text
    spec.write_text("\n".join(lines) + "\n")
    code, found = problems(family)
    assert code == 1
    assert codes(found) == [("role_specs/support-engineer.yaml", *where, "control-character")]
    assert clean_failure(run_rolebook("build", cwd=family), 1)


def test_a_control_character_in_the_library_is_an_error_at_its_place(family):
    library = family / "library" / "glossary.yaml"
    library.write_text(library.read_text().replace("definition:", 'definition: "\\x1b[31m"\n  note:', 1))
    code, found = problems(family)
    assert ("library/glossary.yaml", 2, 16, "control-character") in codes(found)


def test_escape_sequences_never_reach_the_terminal(family):
    spec = family / "role_specs" / "support-engineer.yaml"
    spec.write_text(spec.read_text().replace("title: Support Engineer", 'title: ["\\e]0;owned\\a"]'))
    result = run_rolebook("validate", cwd=family)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr
    assert "control-character" in result.stdout
