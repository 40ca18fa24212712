"""Project templates are code that runs sandboxed and reads nothing outside the template folders."""

from pathlib import Path

import pytest

from conftest import run_rolebook
from hostile import clean_failure, family  # noqa: F401 (family is a fixture)


def template(root, text, name="jd.md.j2"):
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("payload", [
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "{{ joiner.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ c.role.__class__.__init__.__globals__ }}",
    "{{ t.update({'duties': 'x'}) }}",
    "{{ 'x' * 10000000 }}",
], ids=["cycler-popen", "joiner-system", "subclasses", "model-globals", "mutation", "huge-string"])
def test_a_template_cannot_run_code_or_change_the_data(family, payload):
    template(family, payload)
    message = clean_failure(run_rolebook("build", cwd=family), 1)
    assert "jd.md.j2" in message and message.count("\n") == 1
    assert not (family / "MARKER").exists()
    assert not (family / "build" / "jd").exists()


@pytest.mark.parametrize("name", ["../../../../../../etc/passwd", "/etc/passwd", "sub/../../secret.txt",
                                  "!../../../../etc/passwd"], ids=["dotdot", "absolute", "nested", "packaged"])
def test_a_template_cannot_include_a_file_outside_the_template_folders(family, tmp_path, name):
    (tmp_path / "secret.txt").write_text("SECRET")
    template(family, '{% extends "!jd.md.j2" %}{% block end %}{% include "' + name + '" %}{% endblock %}')
    message = clean_failure(run_rolebook("build", cwd=family), 1)
    assert message.startswith(f"rolebook: {family / 'templates' / 'jd.md.j2'}:1: ")
    assert "is not a plain name inside the templates folder" in message
    assert not (family / "build" / "jd").exists()


def test_a_template_that_is_a_link_out_of_the_folder_is_refused(family, tmp_path):
    outside = tmp_path / "outside.md.j2"
    outside.write_text("SECRET")
    (family / "templates").mkdir()
    (family / "templates" / "jd.md.j2").symlink_to(outside)
    message = clean_failure(run_rolebook("build", cwd=family), 1)
    assert f"is a link to {outside}, outside the template folder" in message


def test_a_template_folder_that_is_a_link_out_of_the_project_is_refused(family, tmp_path):
    outside = tmp_path / "shared-templates"
    outside.mkdir()
    (outside / "jd.md.j2").write_text("SECRET")
    (family / "templates").symlink_to(outside)
    message = clean_failure(run_rolebook("build", cwd=family), 1)
    assert "outside the project" in message
    assert "SECRET" not in "".join(p.read_text(errors="replace") for p in (family / "build").rglob("*.html")) \
        if (family / "build").exists() else True


def test_a_huge_template_is_refused(family):
    template(family, "x" * (1024 * 1024 + 1))
    assert "is larger than 1,048,576 bytes" in clean_failure(run_rolebook("build", cwd=family), 1)


AUDITED_BUILD = """
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
sys.argv = ["rolebook", "build"]
from rolebook.cli import main
try:
    main()
finally:
    print("\\n".join(opened))
"""


def test_only_the_templates_a_build_uses_are_read(family):
    """Every file the build opens is watched (a Python audit hook): templates/ files no document uses are
    never opened, the ones it uses are."""
    import subprocess
    import sys

    (family / "templates").mkdir()
    (family / "templates" / "unused.md.j2").write_text("{% broken")
    (family / "templates" / "notes.bin").write_bytes(b"\xff" * 100)
    template(family, '{% extends "!jd.md.j2" %}{% block end %}{% include "part.md.j2" %}{% endblock %}')
    template(family, "Part.", name="part.md.j2")
    result = subprocess.run([sys.executable, "-c", AUDITED_BUILD], cwd=family, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    opened = {Path(line).name for line in result.stdout.splitlines() if "templates" in line}
    assert {"jd.md.j2", "part.md.j2"} <= opened
    assert not {"unused.md.j2", "notes.bin"} & opened


def test_the_packaged_templates_still_extend_and_the_sandbox_allows_blocks(family):
    template(family, '{% extends "!jd.md.j2" %}{% block end %}\nReviewed by {{ role.owner or "HR" }}.\n'
                     '{% endblock %}')
    result = run_rolebook("build", "--kind", "jd", "--format", "html", cwd=family)
    assert result.returncode == 0, result.stderr
    assert "Reviewed by" in (family / "build" / "jd" / "support-engineer.html").read_text()
