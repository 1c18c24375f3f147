"""Ingestion benchmark: documents per second, and time per document as the history grows.

    .venv/bin/python -m bench.ingest [--meetings 1000] [--db URL]

Generates weekly minutes (~20 KB each, a dozen actions, earlier actions listed again as
completed), writes them all, then ingests them in date order into a fresh database with
``ingest_files``, as `clerk ingest` does (read and parsed in a worker process, stored here),
reporting the mean time per document in each band of the history (first 10 meetings, ...,
last 400): the time between one document's commit and the next one's, the worker's start in
the first. Generating the text is not counted. Flat means ingestion does not slow down as the
board's records grow.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.minutes_gen import minutes, people
from minutes.ingest import ingest_files
from storage.wiring import open_app

BANDS = [(0, 10), (10, 100), (100, 300), (300, 600), (600, 1000)]


def run(meetings: int, url: str | None, folder: Path) -> list[tuple[str, float, int]]:
    rng = random.Random(7)
    pool = people(200, rng)
    day, carried, paths = date(2000, 1, 5), [], []
    for i in range(meetings):  # all written first: generating them is not timed
        text, carried = minutes(day, rng, pool, carried)
        path = folder / f"minutes-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        day += timedelta(days=7)
    app = open_app(url or f"sqlite:///{folder / 'bench.db'}", board="Bench board", admins=[])
    timings = []
    last = time.perf_counter()
    for path, outcome in ingest_files(app.uow, paths, board="Bench board"):
        if isinstance(outcome, Exception):
            raise RuntimeError(f"{path.name}: {outcome}")
        now = time.perf_counter()
        timings.append(now - last)
        last = now
    app.db.dispose()
    rows = []
    for low, high in BANDS:
        band = timings[low : min(high, meetings)]
        if band:
            rows.append(
                (f"meetings {low + 1}-{min(high, meetings)}", statistics.mean(band), len(band))
            )
    return rows


def rate_and_growth(rows: list[tuple[str, float, int]]) -> tuple[float, float]:
    """Documents per second over all bands, and the last band's time per document as a
    multiple of the second band's (the first ten documents also pay one-off costs: imports,
    the date parser's first use, empty caches)."""
    rate = sum(count for *_, count in rows) / sum(mean * count for _, mean, count in rows)
    return rate, rows[-1][1] / rows[_reference_band(rows)][1]


def _reference_band(rows: list) -> int:
    """The band ratios are taken against: the second (or the only one)."""
    return min(1, len(rows) - 1)


def table(rows: list[tuple[str, float, int]]) -> list[str]:
    """The Markdown table and the overall rate; ratios are to the second band."""
    label_of_reference, base, _ = rows[_reference_band(rows)]
    total = sum(mean * count for _, mean, count in rows)
    documents = sum(count for *_, count in rows)
    rate, _ = rate_and_growth(rows)
    lines = [f"| history | documents | ms per document | × {label_of_reference} |",
             "|---|---|---|---|"]
    lines += [f"| {label} | {count} | {mean * 1000:.1f} | {mean / base:.2f} |"
              for label, mean, count in rows]
    lines += ["", f"{documents} documents of ~20 KB in {total:.1f} s: **{rate:.1f} "
              "documents per second** (reading and parsing in a worker process, storing and "
              "committing each here; "
              "generating them not counted)."]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows = run(args.meetings, args.db, Path(folder))
    print("\n".join(table(rows)))


if __name__ == "__main__":
    main()
