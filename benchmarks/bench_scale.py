"""How a full build grows with the organisation: time and peak memory for N and 3N roles.

    python benchmarks/bench_scale.py [N] [--jobs J]        (defaults: 1000 roles, 2 workers)

For each size, in a fresh project: `rolebook build -j J` (job descriptions, forms, postings and the
handbook, Word and HTML), its wall time and the peak resident memory of its largest process; then
the ratio of the two times (target: 3N roles within 3.5x the time of N) and a straight-line
extrapolation to 10,000 and 100,000 roles.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

MEASURE = ("import resource, subprocess, sys, time; start = time.perf_counter(); "
           "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
           "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def full_build(roles: int, jobs: int) -> tuple[float, float]:
    """(seconds, peak MiB) of a cold full build of `roles` generated roles."""
    with tempfile.TemporaryDirectory() as folder:
        root = generate(roles, Path(folder) / "project")
        out = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "rolebook", "build", "-j",
                              str(jobs), "--quiet"], cwd=root, check=True, capture_output=True, text=True).stdout
        seconds, kib = out.split()
        return float(seconds), int(kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("roles", nargs="?", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    # rolebook's commands run as installed: Python caches their bytecode (pip compiles it on install),
    # even where the environment says not to write it (compiling 30 modules again is 0.07 s a command).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    small = full_build(args.roles, args.jobs)
    large = full_build(3 * args.roles, args.jobs)
    for count, (seconds, mib) in ((args.roles, small), (3 * args.roles, large)):
        print(f"full build of {count:6,} roles: {seconds:7.1f} s, peak {mib:5.0f} MiB (target < 600 MiB at 3,000)")
    ratio = large[0] / small[0]
    print(f"time for 3x the roles: {ratio:.2f}x (target <= 3.5x)")
    per_role = (large[0] - small[0]) / (2 * args.roles)
    fixed = small[0] - per_role * args.roles
    for count in (10_000, 100_000):
        print(f"extrapolated, {count:7,} roles: {fixed + per_role * count:8.0f} s")


if __name__ == "__main__":
    main()
