"""Compile the packaged templates to Python: the modules of rolebook/render/compiled/.

    python tools/compile_templates.py

Run it after changing a template under rolebook/render/templates/ (tests/test_compiled_templates.py says
when it is due). Jinja's compiler took 60 ms of a one-role build, and compiling its output from text
another 15 ms: as modules, the code's bytecode is cached by Python as any module's. A template whose
source or environment differs from the one its code was made from is compiled as before, so a forgotten
run costs time, never output.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rolebook.render.templating import (  # noqa: E402
    COMPILED, compiled_templates, module_name, module_text, referenced_templates)

COMPILED.mkdir(exist_ok=True)
for old in COMPILED.glob("t_*.py"):
    old.unlink()
index: dict[str, dict[str, list[str]]] = {}
for fingerprint, templates in sorted(compiled_templates().items()):
    for name, entry in sorted(templates.items()):
        module = module_name(fingerprint, name)
        (COMPILED / f"{module}.py").write_text(module_text(entry["code"]), encoding="utf-8")
        index.setdefault(fingerprint, {})[name] = [module, entry["sha256"]]
lines = ['"""The packaged templates compiled by tools/compile_templates.py (do not edit): by the fingerprint of',
         'the environment they were compiled for (templating.fingerprint), each template\'s module and the',
         'sha256 of the source it was compiled from."""', "", "INDEX = {"]
for fingerprint, templates in index.items():
    lines.append(f"    {fingerprint!r}: {{")
    lines += [f"        {name!r}: {entry!r}," for name, entry in templates.items()]
    lines.append("    },")
lines.append("}")
lines += ["", "# Each template's sha256 and the templates it names (None: through a variable), for", "# templating.files_used.",
          "REFERENCES = {"]
lines += [f"    {name!r}: {entry!r}," for name, entry in referenced_templates().items()]
lines.append("}")
(COMPILED / "__init__.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"wrote {sum(len(t) for t in index.values())} templates to {COMPILED}")
