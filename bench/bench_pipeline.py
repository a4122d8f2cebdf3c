"""Time the full pipeline (``framing score``: read, segment, match, score, write) and its peak memory.

Runs ``framing score`` as a child process on a corpus folder made by
``bench/generate.py`` and samples the resident memory of that process and
all of its workers every 50 ms; peak memory is the largest sum seen.

    python bench/bench_pipeline.py bench/out/corpus_10k --jobs 1 --repeat 3

prints one JSON object per run and a summary (median seconds, articles/s,
articles per CPU-second, peak RSS).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["run_score", "count_rows"]

ROOT = Path(__file__).resolve().parents[1]


def count_rows(corpus: str | Path) -> int:
    """Articles in a folder of Parquet shards (from the file footers)."""
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in sorted(Path(corpus).glob("*.parquet")))


def run_score(corpus: str | Path, *, study: str | Path = ROOT / "corpus/study.yaml", jobs: int = 1,
              chunk_size: int = 1_000, output: str | Path | None = None,
              extra: list[str] = ()) -> dict:
    """Run ``framing score`` once; return wall and CPU seconds, peak RSS (bytes), load, the command.

    CPU seconds are those of the command and all its workers (user + system),
    so ``articles / cpu_seconds`` is the rate per busy core, which other work
    on the machine changes much less than it changes wall time.
    """
    import psutil

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(output) if output else Path(tmp) / "scores.parquet"
        command = [sys.executable, "-m", "framing.cli", "score", "--study", str(study), str(corpus),
                   "-o", str(out), "--jobs", str(jobs), "--chunk-size", str(chunk_size), "--no-progress",
                   *extra]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        load_before = os.getloadavg()[0]
        start = time.perf_counter()
        proc = psutil.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
        peak = 0
        while proc.poll() is None:
            try:
                tree = [proc, *proc.children(recursive=True)]
                rss = 0
                for p in tree:
                    try:
                        rss += p.memory_info().rss
                    except psutil.Error:
                        pass
                peak = max(peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        _, err = proc.communicate()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode:
            raise RuntimeError(f"framing score failed ({proc.returncode}): {err.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_rss": peak, "jobs": jobs, "chunk_size": chunk_size,
            "load_before": load_before, "load_after": os.getloadavg()[0], "command": " ".join(command[1:])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="folder of Parquet shards from bench/generate.py")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--chunk-size", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", metavar="FILE", help="append the runs as JSON lines here")
    args = parser.parse_args()
    n = count_rows(args.corpus)
    runs = []
    for _ in range(args.repeat):
        run = run_score(args.corpus, jobs=args.jobs, chunk_size=args.chunk_size)
        run["articles"] = n
        runs.append(run)
        print(json.dumps(run), flush=True)
        if args.json:
            with open(args.json, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(run) + "\n")
    seconds = statistics.median(r["seconds"] for r in runs)
    peak = max(r["peak_rss"] for r in runs)
    cpu = statistics.median(r["cpu_seconds"] for r in runs)
    print(f"{n:,} articles, --jobs {args.jobs}: median {seconds:.1f} s, {n / seconds:,.0f} articles/s, "
          f"{n / cpu:,.0f} articles per CPU-second, peak RSS {peak / 2**20:,.0f} MiB")


if __name__ == "__main__":
    main()
