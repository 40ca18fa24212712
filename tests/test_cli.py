"""The command line as users run it: output format, exit codes, schema and init."""

import json
import subprocess
import sys

import jsonschema
import yaml

from conftest import PROJECTS, REPO, copy_project, run_rolebook, write_files


def test_valid_project_exits_0(tmp_path):
    result = run_rolebook("validate", cwd=PROJECTS / "valid-minimal")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_invalid_project_exits_1_with_one_line_per_problem():
    result = run_rolebook("validate", cwd=PROJECTS / "several-errors")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert lines[1] == "role_specs/analyst.yaml:9:5: error[weights-sum]: KPI weights add up to 90, expected 100"
    assert [line.split(":")[1] for line in lines] == ["6", "9", "16", "25"]  # sorted by line


def test_json_format_lists_objects():
    result = run_rolebook("validate", "--format", "json", cwd=PROJECTS / "several-errors")
    problems = json.loads(result.stdout)
    assert {p["code"] for p in problems} == {"unknown-field", "weights-sum", "thresholds-order", "grades-order"}
    assert set(problems[0]) == {"file", "line", "column", "severity", "code", "message"}


def test_warnings_pass_unless_strict():
    assert run_rolebook("validate", cwd=PROJECTS / "unused-term").returncode == 0
    assert run_rolebook("validate", "--strict", cwd=PROJECTS / "unused-term").returncode == 1


def test_path_arguments(tmp_path):
    # A project folder given as a path, from elsewhere: file names are shown from here.
    result = run_rolebook("validate", str(PROJECTS / "weights-sum"), cwd=tmp_path)
    assert result.returncode == 1 and "weights-sum" in result.stdout
    assert "role_specs/analyst.yaml" in result.stdout
    # A single file: only what concerns it (itself and the roles it extends).
    root = write_files(tmp_path / "p", {
        "role_specs/a.yaml": "id: a\ntitle: A\nduties: [{title: T}]\n",
        "role_specs/b.yaml": "id: b\ntitle: B\nduties: [{title: T, bogus: 1}]\n",
        "role_specs/c.yaml": "id: c\ntitle: C\nextends: b\n",
    })
    assert run_rolebook("validate", "role_specs/a.yaml", cwd=root).returncode == 0
    result = run_rolebook("validate", "role_specs/c.yaml", cwd=root)
    assert result.returncode == 1 and result.stdout.startswith("role_specs/b.yaml:3:")


def test_misuse_exits_2(tmp_path):
    assert run_rolebook("validate", "no/such/path", cwd=tmp_path).returncode == 2
    assert run_rolebook("validate", "--format", "xml", cwd=PROJECTS / "valid-minimal").returncode == 2
    assert run_rolebook("validate", "--bogus", cwd=PROJECTS / "valid-minimal").returncode == 2
    result = run_rolebook("validate", cwd=tmp_path)  # no role_specs/ here
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "not in a rolebook project" in result.stderr


def test_hostile_yaml_is_refused_quickly():
    result = run_rolebook("validate", cwd=PROJECTS / "unsafe-yaml-alias-bomb", timeout=20)
    assert result.returncode == 1 and "unsafe-yaml" in result.stdout


def test_schema_is_a_valid_draft_2020_12_schema_that_accepts_the_examples():
    result = run_rolebook("schema", cwd=REPO)
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((REPO / "role_specs").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["effective"] = str(data.get("effective", "2026-01-01"))
        assert list(validator.iter_errors(data)) == [], path.name
    bad = {"id": "x", "dailytasks": []}
    assert list(validator.iter_errors(bad)), "unknown fields must be flagged in editors too"


def test_init_writes_a_project_that_validates(tmp_path):
    result = run_rolebook("init", "new-project", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "new-project"
    assert (root / "role_specs").is_dir() and (root / ".gitignore").read_text().split() == ["build/", ".rolebook/"]
    check = run_rolebook("validate", "--strict", cwd=root)
    assert check.returncode == 0, check.stdout + check.stderr
    built = run_rolebook("build", cwd=root)
    assert built.returncode == 0, built.stderr
    assert sorted(p.relative_to(root / "build").as_posix() for p in (root / "build").rglob("*.docx")) == [
        "forms/support-agent.docx", "handbook.docx", "jd/support-agent.docx", "postings/support-agent.docx"]
    again = run_rolebook("init", "new-project", cwd=tmp_path)
    assert again.returncode == 2 and "nothing was written" in again.stderr


def test_the_process_ends_with_its_output_whole_and_its_exit_code(tmp_path):
    """The command ends its process without tearing the interpreter down (cli.run): what it printed to a
    file (block-buffered, unlike a terminal) still arrives whole, and the exit code is the command's."""
    out = tmp_path / "schema.json"
    with out.open("w") as stream:
        assert subprocess.call([sys.executable, "-m", "rolebook", "schema"], stdout=stream, cwd=REPO) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["$schema"].startswith("https://json-schema.org/")
    root = write_files(tmp_path / "p", {"rolebook.yaml": "organization: X\n",
                                        "role_specs/a.yaml": "id: a\ntitle: A\nbogus: 1\n"})
    listing = tmp_path / "problems.txt"
    with listing.open("w") as stream:
        assert subprocess.call([sys.executable, "-m", "rolebook", "validate"], stdout=stream,
                               stderr=subprocess.DEVNULL, cwd=root) == 1
    assert "unknown field 'bogus'" in listing.read_text(encoding="utf-8")


def test_a_one_role_build_runs_the_cycle_collector_rarely(tmp_path):
    """A command keeps nearly all it makes (modules, the project): the collector, at Python's default
    threshold, walked it ~100 times in a one-role build (15-18 ms). cli.run raises the threshold; the build
    still makes its documents."""
    root = copy_project(REPO, tmp_path / "example")
    script = ("import gc, os, sys\nfrom rolebook import cli\n"
              "gc.callbacks.append(lambda phase, info: phase == 'start' and os.write(2, b'collected\\n'))\n"
              "sys.argv = ['rolebook', 'build', '--kind', 'jd', '--role', 'sales-rep']\ncli.run()\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (root / "build" / "jd" / "sales-rep.docx").is_file()
    assert result.stderr.count("collected") <= 3, result.stderr.count("collected")
