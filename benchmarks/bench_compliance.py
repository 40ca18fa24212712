"""What the compliance checks cost: loading N generated roles with and without them (jurisdictions on), and
the time of the checks on pathological texts of a 1 MiB spec (long runs of digits, spaces, trigger words),
which must grow linearly: twice the text, about twice the time.

    python benchmarks/bench_compliance.py [N]      (default 1000)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

import rolebook.project as project_module  # noqa: E402
from rolebook.project import load_project  # noqa: E402

RUNS = 5
PATHOLOGICAL = {
    "digits": "1", "spaces": " ", "男": "男", "年龄": "年龄", "限": "限", "under": "under ", "native": "native ",
    "35 岁": "35 岁", "a": "a", "commas": "，",
}


def median_seconds(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def project_cost(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = generate(count, Path(folder))
        settings = root / "rolebook.yaml"
        settings.write_text(settings.read_text(encoding="utf-8") + "compliance: {jurisdictions: [CN, US-CO, EU]}\n",
                            encoding="utf-8")
        with_checks = median_seconds(lambda: load_project(root))
        checks = project_module._Loader.check_compliance
        project_module._Loader.check_compliance = lambda self, found: None
        try:
            without = median_seconds(lambda: load_project(root))
        finally:
            project_module._Loader.check_compliance = checks
    print(f"{count} roles: validate {with_checks:.2f} s with compliance, {without:.2f} s without "
          f"(+{100 * (with_checks / without - 1):.0f} %)")


def pathological(size: int) -> float:
    """Seconds to validate one role whose requirement is `size` characters of each pathological text."""
    total = 0.0
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "role_specs").mkdir()
        (root / "rolebook.yaml").write_text("language: zh-CN\ncompliance: {jurisdictions: [US-CO]}\n",
                                            encoding="utf-8")
        for unit in PATHOLOGICAL.values():
            text = (unit * (size // len(unit) + 1))[:size].replace('"', "")
            (root / "role_specs" / "a.yaml").write_text(
                f'id: a\ntitle: 文员\nduties: [{{title: 接待}}]\nrequirements:\n  experience: "{text}"\n',
                encoding="utf-8")
            start = time.perf_counter()
            load_project(root)
            total += time.perf_counter() - start
    return total


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    project_cost(count)
    small, large = pathological(200_000), pathological(400_000)
    print(f"pathological texts ({len(PATHOLOGICAL)} kinds): 200,000 characters each {small:.2f} s, "
          f"400,000 {large:.2f} s (ratio {large / small:.1f}, linear is 2)")


if __name__ == "__main__":
    main()
