"""Print how long importing each seed takes (read, recognise, flag); no assertions.

Usage: .venv/bin/python bench/import_seeds.py [SEEDS_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kormo.importers import import_file

DEFAULT = Path("/work/shared/seeds")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("seeds", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    paths = sorted(Path(args.seeds).glob("*.txt"))
    if not paths:
        print(f"no seeds in {args.seeds}")
        return
    print(f"{'seed':28} {'bytes':>7} {'plans':>5} {'flags':>5} {'median ms':>10} {'min ms':>8}")
    for path in paths:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = import_file(path)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{path.name:28} {path.stat().st_size:7} {len(result.plans):5} "
              f"{len(result.flags):5} {statistics.median(times):10.1f} {min(times):8.1f}")


if __name__ == "__main__":
    main()
