"""Any Markdown in any text field renders in both writers, keeps the document's structure, and the
Word files stay schema-valid."""

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rolebook.project import load_project
from rolebook.render.documents import Renderer

from clients import schema_problems

PIECES = ["**", "*", "_", "`", "```", "~~~", "\n", "\n\n", "- ", "1. ", "> ", "# ", "| a | b |\n|---|---|\n",
          "[x](https://e.com)", "![i](x.png)", "<b>", "&amp;", ":::", "::: meta", "\\", "^", "    ", "真，", "。",
          "---", "text", "Term\n: def", "<!--", "]]", "|", "\r", "\r:::", "::::", "::: form widths=0", "::: signatures",
          ": ", "\r\n", "\r::: pagebreak\r:::"]
markdown = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)


def role(summary, task, title, definition, term="plain"):
    return {
        "id": "r", "title": title or "R", "summary": summary,
        "duties": [{"id": "d", "title": title or "D", "description": summary, "daily_tasks": [task, "plain"],
                    "collaboration": [task, {"with": [title or "X"], "purpose": task}], "deliverables": [task]}],
        "requirements": {"education": task, "skills": [task], "competencies": [{"name": title or "C",
                                                                                 "description": summary}]},
        "scenarios": [{"title": title or "S", "background": summary, "outcome": task}],
        "assessment": {"period": "annual", "description": summary, "appeal": summary,
                       "dimensions": [{"id": "x", "name": title or "D", "kpis": [
                           {"id": "k", "name": title or "K", "definition": definition, "weight": 100,
                            "formula": task, "source": task}]}],
                       "grades": [{"grade": "A", "min": 50, "label": task}, {"grade": "B", "min": 0}],
                       "process": [{"name": title or "P", "description": summary}],
                       "signatures": [title or "E", task or "S"]},
        "glossary": [{"term": term or "plain", "definition": definition}],
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown, markdown, markdown, markdown, markdown, markdown)
@example(summary="**", task="\n", title="\n", definition="**", term="**", organization="**")  # an empty signature cell
@example(summary="    ```**", task="**", title="**", definition="**", term="**", organization="**")  # an indented fence
def test_any_markdown_in_any_field_renders(summary, task, title, definition, term, organization):
    """Every text field, glossary terms, signature names and the organisation included; CRs too."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "role_specs").mkdir()
        (root / "role_specs" / "r.yaml").write_text(yaml.safe_dump(role(summary, task, title, definition, term),
                                                                   allow_unicode=True), encoding="utf-8")
        (root / "rolebook.yaml").write_text(yaml.safe_dump({"organization": organization, "handbook": {
            "title": title or "H"}}, allow_unicode=True), encoding="utf-8")
        project = load_project(root)
        assert not project.errors, project.errors
        renderer = Renderer(project)
        outputs = {kind: renderer.render(kind, project.roles["r"], ("docx", "html")) for kind in ("jd", "form")}
        outputs["handbook"] = renderer.render_handbook(("docx", "html"))
        for kind, out in outputs.items():
            page = out["html"].decode("utf-8")
            assert "<b>" not in page.split("<main>")[1]  # raw HTML stays text
            # The document's own structure survives whatever a field holds.
            assert page.count("<h2") >= (3 if kind == "jd" else 0)
            if kind == "form":  # the KPI table and the signatures close where the template closes them
                assert page.count('<table class="form') == 4 and page.count('<div class="signatures">') == 1
                assert page.index('<div class="signatures">') > page.rindex('<table class="form')
            (root / f"{kind}.docx").write_bytes(out["docx"])
        assert schema_problems(*(root / f"{kind}.docx" for kind in outputs)) == ""
