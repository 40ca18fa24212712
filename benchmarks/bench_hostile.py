"""Pathological inputs: how long `rolebook validate` and `rolebook build` take on each (all must be
linear; each should take well under 10 s).

    python benchmarks/bench_hostile.py

Inputs: a title with 100 KB of spaces; a summary holding a 20,000-row Markdown table; a summary of
100,000 lines; a role with 5,000 KPIs. Each is one role in a fresh project, built (job description,
form and handbook, Word and HTML) with one worker and again, from scratch, with two.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAD = "id: {id}\ntitle: {title}\nduties:\n  - title: Duty\n"


def spaces_title() -> str:
    return HEAD.format(id="spaces", title='"A' + " " * 100_000 + 'B"')


def big_table() -> str:
    rows = "".join(f"    | r{i} | {i} |\n" for i in range(20_000))
    return HEAD.format(id="table", title="Table") + "summary: |\n    | a | b |\n    |---|---|\n" + rows


def many_lines() -> str:
    return HEAD.format(id="lines", title="Lines") + "summary: |\n" + "    a\n" * 100_000


def many_kpis() -> str:
    kpis = "".join(f"        - {{id: k{i}, name: KPI {i}, weight: 0.02, target: 10, "
                   f"thresholds: {{pass: 5, excellent: 15}}}}\n" for i in range(5_000))
    return (HEAD.format(id="kpis", title="KPIs") + "assessment:\n  dimensions:\n    - name: All\n      kpis:\n"
            + kpis)


CASES = {"100 KB of spaces in a title": spaces_title, "20,000-row Markdown table": big_table,
         "100,000-line summary": many_lines, "5,000 KPIs": many_kpis}


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "rolebook", *args], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"rolebook {' '.join(args)} failed:\n{result.stderr}")
    return elapsed


def main() -> None:
    print(f"{'input':32} {'validate':>10} {'build -j 1':>12} {'build -j 2':>12}")
    for name, make in CASES.items():
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            spec = make()
            role_id = spec.split("\n", 1)[0].split(": ")[1]
            (root / "role_specs").mkdir()
            (root / "role_specs" / f"{role_id}.yaml").write_text(spec, encoding="utf-8")
            validate = timed(["validate"], root)
            serial = timed(["build", "-j", "1", "--out", "one"], root)
            parallel = timed(["build", "-j", "2", "--out", "two"], root)
            print(f"{name:32} {validate:9.2f}s {serial:11.2f}s {parallel:11.2f}s")


if __name__ == "__main__":
    main()
