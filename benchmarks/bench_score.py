"""Scoring speed: `rolebook score` on N employees' results of the example project's three roles.

    python benchmarks/bench_score.py [N] [--jobs J]        (defaults: 10000 employees, 2 workers)

Prints, for the same results file:
  * checking and scoring alone (read, check every cell, apply the rule, the summary's figures),
    in this process, and per employee;
  * the whole command with each employee's appraisal in Word and HTML and the summary, with J
    workers: time, documents per second and the peak memory of the largest process;
  * the same for a workbook of the same results read back (the .xlsx path).
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import copy_example  # noqa: E402

from rolebook.project import load_project  # noqa: E402
from rolebook.results.appraisals import quota_findings, score  # noqa: E402
from rolebook.results.check import check_results  # noqa: E402
from rolebook.results.read import read_table  # noqa: E402
from rolebook.results.workbook import input_columns  # noqa: E402
from rolebook.render.labels import labels_for  # noqa: E402
from rolebook.spec import scoring  # noqa: E402


def results(project, count: int, path: Path) -> None:
    rng = random.Random(1)
    roles = project.concrete_roles()
    columns = sorted({name for role in roles for name, _, _ in input_columns(role)})
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["employee", "role", "period", *columns])
        for number in range(count):
            role = roles[number % len(roles)]
            rule = scoring.rule_of(role.assessment)
            row = {}
            for name, kpi, _ in input_columns(role):
                if kpi.kind == "qualitative":
                    levels = [c.level for c in kpi.criteria if c.score is not None]
                    row[name] = rng.choice(levels) if levels else rng.randint(40, 115)
                else:
                    points = [v for v, _ in scoring.kpi_points(kpi, rule)] or [100.0]
                    row[name] = round(rng.uniform(min(points) * 0.8, max(points) * 1.1), 2)
            writer.writerow([f"E{number:05d}", role.id, "2026Q1", *[row.get(c, "") for c in columns]])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = copy_example(Path(folder) / "project")
        project = load_project(root)
        path = root / "results.csv"
        results(project, args.count, path)
        print(f"{args.count} employees, {len(project.concrete_roles())} roles, results file "
              f"{path.stat().st_size / 2**20:.1f} MiB")

        start = time.perf_counter()
        table = read_table(path, "results.csv")
        records, problems = check_results(project, table, None)
        assert not problems, problems[:3]
        scored = score(records)
        quota_findings(scored, labels_for(project.settings.language))
        seconds = time.perf_counter() - start
        print(f"check and score: {seconds:.2f} s ({seconds / args.count * 1e6:.0f} µs per employee)")

        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "rolebook", "score", "results.csv", "-j", str(args.jobs)],
                             cwd=root, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        assert run.returncode == 0, run.stderr
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        documents = args.count * 2 + 3
        print(f"rolebook score -j {args.jobs} (docx + html for each employee, summary): {seconds:.1f} s, "
              f"{documents / seconds:.0f} documents/s, peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
