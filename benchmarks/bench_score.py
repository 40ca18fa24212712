"""Scoring speed and memory: `rolebook score` on N employees' results of the example project's three roles.

    python benchmarks/bench_score.py [N ...] [--jobs J]     (defaults: 1000 10000 50000 employees, 2 workers)

Prints, per number of employees:
  * checking and scoring alone (read, check every cell, apply the rule, the summary's figures),
    in this process, and per employee;
  * the whole command with each employee's appraisal in Word and HTML and the summary, then in HTML
    only, with J workers: time, employees per second and the peak memory of the whole process tree
    (the command and its workers, read from /proc every 50 ms): the sum of their resident sets, which
    counts the pages forked workers share with the command once per process, and the sum of their
    proportional sets, which counts them once.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
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
from rolebook.results.check import Checker  # noqa: E402
from rolebook.results.read import read_table  # noqa: E402
from rolebook.results.workbook import input_columns  # noqa: E402
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


def tree_memory(pid: int) -> tuple[int, int]:
    """The memory (bytes) of a process and all its descendants, from /proc: the sum of their resident
    sets (pages a forked worker shares with its parent count in both), and the sum of their proportional
    sets (a shared page counts once, split between the processes sharing it)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stream:
                fields = stream.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    rss = pss = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            with open(f"/proc/{current}/smaps_rollup") as stream:
                for line in stream:
                    if line.startswith(("Rss:", "Pss:")):
                        value = int(line.split()[1]) * 1024
                        rss, pss = (rss + value, pss) if line.startswith("Rss:") else (rss, pss + value)
        except OSError:
            continue
    return rss, pss


def run_score(root: Path, formats: list[str], jobs: int) -> tuple[float, int, int]:
    """`rolebook score` in a subprocess: seconds, and the peak memory of its whole process tree (resident and
    proportional sets, polled every 50 ms)."""
    command = [sys.executable, "-m", "rolebook", "score", "results.csv", "-j", str(jobs),
               "--out", f"out-{'-'.join(formats)}-{time.monotonic_ns()}"]
    for fmt in formats:
        command += ["--format", fmt]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_rss = peak_pss = 0
    while process.poll() is None:
        rss, pss = tree_memory(process.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    assert process.returncode == 0, process.stderr.read()
    shutil.rmtree(root / command[command.index("--out") + 1])  # 50,000 employees' files are 2 GB
    return seconds, peak_rss, peak_pss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("counts", nargs="*", type=int, default=[1000, 10000, 50000])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # rolebook runs as installed, with its bytecode cached
    for count in args.counts:
        with tempfile.TemporaryDirectory() as folder:
            root = copy_example(Path(folder) / "project")
            project = load_project(root)
            path = root / "results.csv"
            results(project, count, path)
            print(f"{count} employees, {len(project.concrete_roles())} roles, results file "
                  f"{path.stat().st_size / 2**20:.1f} MiB", flush=True)
            start = time.perf_counter()
            checker = Checker(project, read_table(path, "results.csv"), None)
            checker.check()
            assert not checker.problems, checker.problems[:3]
            for record in checker.again().records():
                scoring.appraise(record.role, record.results)
            seconds = time.perf_counter() - start
            print(f"  check and score: {seconds:.2f} s ({seconds / count * 1e6:.0f} µs per employee)")
            for formats in (["docx", "html"], ["html"]):
                seconds, rss, pss = run_score(root, formats, args.jobs)
                print(f"  rolebook score -j {args.jobs} --format {' --format '.join(formats)}: {seconds:.1f} s, "
                      f"{count / seconds:.0f} employees/s, peak of the whole process tree {rss / 2**20:.0f} MiB "
                      f"resident ({pss / 2**20:.0f} MiB proportional)", flush=True)


if __name__ == "__main__":
    main()
