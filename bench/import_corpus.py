"""Import a generated corpus of plans (tests/importers/corpus) and print how much was read right.

Prints cell accuracy, kind accuracy, the number of empty results (an import that succeeded
with no indicator: must be 0), refused documents (no plan table found: an honest failure),
and the time per document; then the accuracy per format, kind and layout feature and the
commonest misses. No assertions: the figures are for people (issue 13's targets: >= 98 %
cells, >= 99 % kinds, 0 empty successes).

Usage: PYTHONPATH=src:. .venv/bin/python bench/import_corpus.py [--seed N] [--count N]
       [--formats txt,docx,xlsx,pdf] [--kinds apa]
The default seed is one the tests never use.
"""

from __future__ import annotations

import argparse
import collections
import time

from tests.importers.corpus import generate
from tests.importers.corpus.score import Score, compare, expected_cells

from kormo.importers import ImportFileError
from kormo.importers.api import import_bytes

BENCH_SEED = 20261205


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=BENCH_SEED)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--formats", default="txt,docx,xlsx,pdf",
                        help="comma-separated formats to generate (all four by default)")
    parser.add_argument("--kinds", default="",
                        help="comma-separated plan kinds to generate (e.g. apa; all by default)")
    parser.add_argument("--misses", type=int, default=15, help="commonest misses to print")
    args = parser.parse_args()

    total = Score()
    kinds_right = empty = refused = crashed = docs = 0
    seconds = 0.0
    by: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    misses: collections.Counter[str] = collections.Counter()
    refusals: collections.Counter[str] = collections.Counter()
    crashes: collections.Counter[str] = collections.Counter()
    kinds = tuple(k for k in args.kinds.split(",") if k)
    for sample in generate(args.seed, args.count, formats=tuple(args.formats.split(",")),
                           kinds=kinds):
        docs += 1
        start = time.perf_counter()
        try:
            plans = list(import_bytes(sample.data, sample.name).plans)
        except ImportFileError as exc:
            plans = []
            refused += 1
            refusals[str(exc)[:90]] += 1
        except Exception as exc:
            plans = []
            crashed += 1
            crashes[f"{type(exc).__name__}: {exc}"[:90]] += 1
        seconds += time.perf_counter() - start
        if plans and not any(p.indicators for p in plans):
            empty += 1
        score = compare(sample.expected, plans) if plans else Score(
            cells=expected_cells(sample.expected), misses=["refused"])
        total.cells += score.cells
        total.right += score.right
        kinds_right += score.kind_right
        misses.update(m.split(" ", 1)[-1] for m in score.misses)
        fmt = sample.name.rsplit(".", 1)[1]
        lay = sample.layout
        for key in (f"format {fmt}", f"kind {sample.expected.kind}",
                    f"layout {sample.expected.layout}", f"areas {lay.area_style}",
                    f"header noise {lay.header_noise}", f"digits {lay.digits}",
                    f"drop_empty {lay.drop_empty and fmt == 'txt'}",
                    f"repeat header {bool(lay.repeat_every)}", f"wrap {lay.wrap > 0}",
                    f"bijoy cells {lay.bijoy}"):
            by[key][0] += score.right
            by[key][1] += score.cells

    print(f"documents {docs} (seed {args.seed})")
    print(f"cell accuracy   {100 * total.right / max(total.cells, 1):6.2f} %  "
          f"({total.right}/{total.cells})")
    print(f"kind accuracy   {100 * kinds_right / max(docs, 1):6.2f} %")
    print(f"empty successes {empty}")
    print(f"refused         {refused}")
    print(f"crashed         {crashed}")
    print(f"time/document   {1000 * seconds / max(docs, 1):6.1f} ms")
    print("\ncell accuracy by")
    for key in sorted(by):
        right, cells = by[key]
        print(f"  {key:28} {100 * right / max(cells, 1):6.2f} %")
    print("\ncommonest misses")
    for what, n in misses.most_common(args.misses):
        print(f"  {n:6}  {what}")
    for title, counter in (("refusals", refusals), ("crashes", crashes)):
        if counter:
            print(f"\n{title}")
            for what, n in counter.most_common(5):
                print(f"  {n:6}  {what}")


if __name__ == "__main__":
    main()
