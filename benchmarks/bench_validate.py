"""Time `validate` of N generated roles against PyYAML's C loader parsing the same files.

    python benchmarks/bench_validate.py [N]      (default 1000)

Prints the median of several runs of each, and their ratio.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

from rolebook.project import load_project  # noqa: E402

RUNS = 5


def median_seconds(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        root = generate(count, Path(folder))
        files = sorted((root / "role_specs").glob("*.yaml"))

        def parse_only() -> None:
            for path in files:
                yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

        def validate() -> None:
            project = load_project(root)
            assert not project.errors, project.errors[:3]

        parse = median_seconds(parse_only)
        check = median_seconds(validate)
    print(f"roles: {count}")
    print(f"PyYAML CSafeLoader parse: {parse:.3f} s")
    print(f"rolebook validate:        {check:.3f} s")
    print(f"ratio:                    {check / parse:.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
