"""The packaged templates' precompiled code (the modules of rolebook/render/compiled/, made by
tools/compile_templates.py) is current, is what renders them, is never used for another source or another
environment, and reports an error on the template's own line as compiled code does."""

import re

import jinja2
import pytest

from rolebook.render import templating
from rolebook.render.templating import COMPILED, Templates, TemplateError, compiled_templates, module_name, module_text


def index() -> dict:
    from rolebook.render import compiled

    return compiled.INDEX


def test_the_compiled_code_is_current():
    """Fails after a template change until `python tools/compile_templates.py` is run (the change still
    renders right meanwhile: its template is compiled as before). Under another Jinja than the one the
    code was made with, only the sources are compared: that Jinja compiles the templates itself."""
    stored, fresh = index(), compiled_templates()
    assert {name: entry[1] for entries in stored.values() for name, entry in entries.items()} == \
        {name: entry["sha256"] for entries in fresh.values() for name, entry in entries.items()}
    if set(stored) == set(fresh):  # made by this Jinja, for environments set up as these
        for fingerprint, templates in fresh.items():
            for name, entry in templates.items():
                module = module_name(fingerprint, name)
                assert stored[fingerprint][name][0] == module
                assert (COMPILED / f"{module}.py").read_text(encoding="utf-8") == module_text(entry["code"]), name


def test_the_packaged_templates_references_are_current():
    """Fails after a template change until `python tools/compile_templates.py` is run (meanwhile a build
    parses the changed template for its references, as it does a project's)."""
    from rolebook.render import compiled

    assert compiled.REFERENCES == {name: tuple(entry) for name, entry in templating.referenced_templates().items()}


def test_the_files_a_project_template_uses_are_found_without_parsing_the_packaged_ones(tmp_path, monkeypatch):
    """A project with a templates/ folder (every `init`ed one): its own templates are parsed for what they
    name, the packaged ones are looked up; the files are those that parsing every template finds."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "role_parts.md.j2").write_text('{% include "extra.md.j2" %}\n', encoding="utf-8")
    (folder / "extra.md.j2").write_text("extra\n", encoding="utf-8")
    names = ["jd.md.j2", "page.html.j2"]
    parsed = []
    parse = jinja2.Environment.parse
    monkeypatch.setattr(jinja2.Environment, "parse", lambda self, source, name=None, filename=None:
                        parsed.append(name) or parse(self, source, name, filename))
    used = Templates(folder).files_used(names)
    assert sorted(parsed) == ["extra.md.j2", "role_parts.md.j2"]  # the project's own, not jd.md.j2, page.html.j2
    monkeypatch.setattr(templating, "packaged_references", lambda *args: None)
    assert used == Templates(folder).files_used(names)
    assert folder / "extra.md.j2" in used and templating.PACKAGED / "style.css" in used


def test_packaged_templates_render_from_the_compiled_code(monkeypatch):
    templates = Templates(None)
    if templating.fingerprint(templates.env) not in index():
        pytest.skip(f"the compiled code was made by another Jinja than {jinja2.__version__}")
    monkeypatch.setattr(jinja2.Environment, "compile", lambda *args, **kwargs: pytest.fail("compiled anew"))
    jd, page = templates.env.get_template("jd.md.j2"), templates.html_env.get_template("page.html.j2")
    assert jd.root_render_func.__module__.startswith("rolebook.render.compiled.t_")
    assert page.root_render_func.__module__.startswith("rolebook.render.compiled.t_")
    for name in templating.PAGE_INCLUDES:  # the stylesheet and the form's script, included as templates
        assert templates.html_env.get_template(name).root_render_func.__module__.startswith(
            "rolebook.render.compiled.t_")
    assert jd.filename == str(templating.PACKAGED / "jd.md.j2")


def test_the_compiled_code_renders_what_jinja_compiling_the_source_renders(monkeypatch):
    """Every packaged template, run from its module and compiled from its source, gives the same text (the
    example project's roles, each kind)."""
    from pathlib import Path

    from rolebook.project import load_project
    from rolebook.render.documents import Renderer

    project = load_project(Path(__file__).resolve().parent.parent)
    role = next(iter(project.roles.values()))

    def documents() -> list[str]:
        renderer = Renderer(project)
        return [renderer.markdown(kind, role) for kind in ("jd", "form", "posting")]

    precompiled = documents()
    monkeypatch.setattr(templating, "_precompiled", lambda *args: None)
    assert documents() == precompiled


def test_a_changed_source_or_environment_is_compiled_anew(tmp_path, monkeypatch):
    templates = Templates(None)
    if templating.fingerprint(templates.env) not in index():
        pytest.skip(f"the compiled code was made by another Jinja than {jinja2.__version__}")
    source, _, _ = templates.loader.get_source(templates.env, "jd.md.j2")
    assert templating._precompiled(templates.env, "jd.md.j2", source) is not None
    assert templating._precompiled(templates.env, "jd.md.j2", source + "\n") is None  # another source
    assert templating._precompiled(templates.html_env, "jd.md.j2", source) is None  # escaping HTML
    monkeypatch.setattr(jinja2, "__version__", "0.0")
    assert templating._precompiled(templates.env, "jd.md.j2", source) is None  # another Jinja


def test_an_error_in_a_packaged_template_names_its_line_as_compiled_code_does(monkeypatch):
    """Run from a module, a packaged template's error still points at the template file and line (the
    modules' lines are one down from Jinja's code: the line map moves with them)."""
    def failing(*args, **kwargs):
        raise ValueError("no such thing")

    def message() -> str:
        templates = Templates(None)
        templates.env.filters["number"] = failing
        with pytest.raises(TemplateError) as error:
            templates.render("jd.md.j2", c=_Everything(), t=_Everything(), role=_Everything(), f=_Everything())
        return str(error.value)

    precompiled = message()
    monkeypatch.setattr(templating, "_precompiled", lambda *args: None)
    compiled = message()
    where = re.match(r"(\S+\.md\.j2:\d+): ", precompiled)
    assert where and compiled.startswith(where.group(1) + ": "), (precompiled, compiled)


class _Everything:
    """A value that has every attribute, item and call, and is true and iterable: a template runs through."""

    def __getattr__(self, name):
        return _Everything()

    def __getitem__(self, key):
        return _Everything()

    def __call__(self, *args, **kwargs):
        return _Everything()

    def __iter__(self):
        return iter([_Everything()])

    def __str__(self):
        return "x"

    def __bool__(self):
        return True

    def __len__(self):
        return 1


def test_a_project_template_is_compiled_from_its_file(tmp_path):
    """A project's own jd.md.j2 shadows the packaged one: its code is never the precompiled one."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "jd.md.j2").write_text("own {{ 1 + 1 }}\n", encoding="utf-8")
    assert Templates(tmp_path / "templates").render("jd.md.j2") == "own 2\n"


def test_the_line_map_follows_the_code_one_line_down():
    """Each code line the template-to-code line map names is, in the module, the same code one line down
    (the map is what Jinja reads an error's template line from)."""
    code = compiled_templates()[templating.fingerprint(Templates(None).env)]["role_parts.md.j2"]["code"]
    text = module_text(code)
    original, moved = code.splitlines(), text.splitlines()

    def pairs(source: str) -> list[tuple[int, int]]:
        found = re.search(r"debug_info = '([0-9=&]+)'", source).group(1)
        return [tuple(map(int, pair.split("="))) for pair in found.split("&")]

    assert [(t, p + 1) for t, p in pairs(code)] == pairs(text)
    for _template_line, line in pairs(code):
        assert moved[line] == ("    " + original[line - 1] if original[line - 1] else "")
