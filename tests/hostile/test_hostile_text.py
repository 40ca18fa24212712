"""Text that tries to become structure, text that takes long, and text from git: each stays text, in
linear time. (The benchmark benchmarks/bench_hostile.py prints the figures; the timeouts here only
catch a return of the quadratic cases, which took minutes.)"""

import subprocess
import sys

import pytest
import yaml

from conftest import REPO, run_rolebook
from hostile import family  # noqa: F401 (family is a fixture)

sys.path.insert(0, str(REPO / "benchmarks"))
import bench_hostile  # noqa: E402


def set_fields(root, role="support-engineer", settings=None, **fields):
    spec = root / "role_specs" / f"{role}.yaml"
    data = yaml.safe_load(spec.read_text())
    data.update(fields)
    spec.write_text(yaml.safe_dump(data, allow_unicode=True))
    if settings:
        path = root / "rolebook.yaml"
        data = yaml.safe_load(path.read_text())
        data.update(settings)
        path.write_text(yaml.safe_dump(data, allow_unicode=True))


@pytest.mark.parametrize("hostile", ["::::", "::: form widths=0", "a\r::: form widths=0\r:::", "\r:::\r",
                                     "::: signatures", "- ::: pagebreak", "***", "# heading"],
                         ids=["close", "form-zero-widths", "cr-directive", "cr-close", "signatures", "list",
                              "thematic-break", "heading"])
def test_directive_like_text_in_names_terms_and_the_organisation_stays_text(family, hostile):
    assert run_rolebook("build", "--kind", "form", "--kind", "jd", "--format", "html", cwd=family).returncode == 0
    tables = (family / "build" / "forms" / "support-engineer.html").read_text().count("<table")
    terms = (family / "build" / "jd" / "support-engineer.html").read_text().count("<dt>")  # KPIs' and one term
    assessment = yaml.safe_load((family / "role_specs" / "support-engineer.yaml").read_text())["assessment"]
    set_fields(family, settings={"organization": hostile},
               assessment={**assessment, "signatures": [hostile, "Supervisor"]},  # its KPIs kept: it has a form
               glossary=[{"term": hostile, "definition": f"{hostile} and more"}])
    result = run_rolebook("build", cwd=family)
    assert result.returncode == 0, result.stderr
    form = (family / "build" / "forms" / "support-engineer.html").read_text()
    assert form.count('<div class="signatures">') == 1 and form.count('<p class="signature">') == 2
    assert form.count("<table") == tables  # no table swallowed, none made
    jd = (family / "build" / "jd" / "support-engineer.html").read_text()
    assert jd.count("<dt>") == terms  # the new glossary term is one term, not a directive or a block
    visible = hostile.replace("\r", " ").strip()
    assert visible.split()[0] in jd


def _run(args, root, timeout=120):
    return subprocess.run([sys.executable, "-m", "rolebook", *args], cwd=root, capture_output=True, text=True,
                          timeout=timeout)


@pytest.mark.parametrize("make", [bench_hostile.spaces_title, bench_hostile.big_table],
                         ids=["100KB-of-spaces", "20000-row-table"])
def test_pathological_text_builds_in_linear_time(tmp_path, make):
    spec = make()
    role_id = spec.split("\n", 1)[0].split(": ")[1]
    (tmp_path / "role_specs").mkdir()
    (tmp_path / "role_specs" / f"{role_id}.yaml").write_text(spec)
    assert _run(["validate"], tmp_path).returncode == 0
    result = _run(["build", "--kind", "jd"], tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "build" / "jd" / f"{role_id}.html").read_text()
    if role_id == "table":
        assert page.count("<td>r") == 20_000 and "<td>r19999</td>" in page


def git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "HR", "GIT_AUTHOR_EMAIL": "hr@example.com", "GIT_COMMITTER_NAME": "HR",
                        "GIT_COMMITTER_EMAIL": "hr@example.com", "HOME": str(root), "PATH": "/usr/bin:/bin"})


def test_control_characters_in_commit_subjects_do_not_break_the_handbook(family):
    git(family, "init", "-q")
    git(family, "add", "-A")
    git(family, "commit", "-q", "-m", "Weights \x1b]0;owned\x07 changed\x01")
    result = run_rolebook("build", "--kind", "handbook", cwd=family)
    assert result.returncode == 0, result.stderr
    page = (family / "build" / "handbook.html").read_text()
    assert "\x1b" not in page and "\x01" not in page


def test_diff_works_for_a_project_in_a_subfolder_of_its_repository(family):
    repository = family.parent
    git(repository, "init", "-q")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "one")
    spec = family / "role_specs" / "support-engineer.yaml"
    spec.write_text(spec.read_text().replace("Resolve tickets", "Close tickets"))
    result = run_rolebook("diff", cwd=family)
    assert result.returncode == 0, result.stderr
    assert "Close tickets" in result.stdout


def test_diff_out_into_a_missing_folder_is_an_error(family, tmp_path):
    git(family, "init", "-q")
    git(family, "add", "-A")
    git(family, "commit", "-q", "-m", "one")
    result = run_rolebook("diff", "--format", "html", "--out", str(tmp_path / "missing" / "diff.html"), cwd=family)
    assert result.returncode == 2 and "no such folder" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_init_does_not_write_through_links(tmp_path):
    target = tmp_path / "elsewhere"
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "library").symlink_to(target)  # dangling: writing through it would create it
    result = run_rolebook("init", "new", cwd=tmp_path)
    assert result.returncode == 2 and "library" in result.stderr
    assert not target.exists() and not (tmp_path / "new" / "role_specs").exists()
