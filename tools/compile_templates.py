"""Compile the packaged templates to Python: rolebook/render/compiled_templates.json.

    python tools/compile_templates.py

Run it after changing a template under rolebook/render/templates/ (tests/test_templates.py says when it
is due). Jinja's compiler took 60 ms of a one-role build; a template whose source or environment differs
from the one its code was made from is compiled as before, so a forgotten run costs time, never output.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rolebook.render.templating import COMPILED, compiled_templates  # noqa: E402

COMPILED.write_text(json.dumps(compiled_templates(), ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                    encoding="utf-8")
print(f"wrote {COMPILED}")
