"""The packaged templates' precompiled code (rolebook/render/compiled_templates.json, made by
tools/compile_templates.py) is current, is what renders them, and is never used for another source or
another environment."""

import json

import jinja2
import pytest

from rolebook.render import templating
from rolebook.render.templating import COMPILED, PACKAGED, Templates, compiled_templates


def test_the_compiled_code_is_current():
    """Fails after a template change until `python tools/compile_templates.py` is run (the change still
    renders right meanwhile: its template is compiled as before). Under another Jinja than the one the
    code was made with, only the sources are compared: that Jinja compiles the templates itself."""
    stored, fresh = json.loads(COMPILED.read_text(encoding="utf-8")), compiled_templates()
    sources = lambda store: {name: entry["sha256"] for entries in store.values()  # noqa: E731
                             for name, entry in entries.items()}
    assert sources(stored) == sources(fresh)
    if set(stored) == set(fresh):  # made by this Jinja, for environments set up as these
        assert stored == fresh


def test_packaged_templates_render_from_the_compiled_code(monkeypatch):
    templates = Templates(None)
    if templating.fingerprint(templates.env) not in json.loads(COMPILED.read_text(encoding="utf-8")):
        pytest.skip(f"the compiled code was made by another Jinja than {jinja2.__version__}")
    compiled = []
    monkeypatch.setattr(templating, "compile", lambda *args: compiled.append(args[1]) or compile(*args),
                        raising=False)
    monkeypatch.setattr(jinja2.Environment, "compile", lambda *args, **kwargs: pytest.fail("compiled anew"))
    templates.env.get_template("jd.md.j2")
    templates.html_env.get_template("page.html.j2")
    assert str(PACKAGED / "jd.md.j2") in compiled and str(PACKAGED / "page.html.j2") in compiled


def test_a_changed_source_or_environment_is_compiled_anew(tmp_path, monkeypatch):
    templates = Templates(None)
    if templating.fingerprint(templates.env) not in json.loads(COMPILED.read_text(encoding="utf-8")):
        pytest.skip(f"the compiled code was made by another Jinja than {jinja2.__version__}")
    source, _, _ = templates.loader.get_source(templates.env, "jd.md.j2")
    assert templating._precompiled(templates.env, "jd.md.j2", source) is not None
    assert templating._precompiled(templates.env, "jd.md.j2", source + "\n") is None  # another source
    assert templating._precompiled(templates.html_env, "jd.md.j2", source) is None  # escaping HTML
    monkeypatch.setattr(jinja2, "__version__", "0.0")
    assert templating._precompiled(templates.env, "jd.md.j2", source) is None  # another Jinja


def test_a_project_template_is_compiled_from_its_file(tmp_path):
    """A project's own jd.md.j2 shadows the packaged one: its code is never the precompiled one."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "jd.md.j2").write_text("own {{ 1 + 1 }}\n", encoding="utf-8")
    assert Templates(tmp_path / "templates").render("jd.md.j2") == "own 2\n"
