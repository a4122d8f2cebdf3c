"""Run every benchmark and write bench/RESULTS.md: lexicon engines, the full pipeline, scaling, jobs.

    python bench/run_all.py              # everything, about fifty minutes on 2 cores
    python bench/run_all.py --skip-1m    # without the million-article run
    python bench/run_all.py --reuse      # keep runs already recorded under bench/out/

Corpora are generated (``bench/generate.py``, seed 0) under ``bench/out/``
(git-ignored): the 10k and 100k corpora are the first shards of the 1M one.
Every pipeline run is recorded as a JSON line in
``bench/out/pipeline_<articles>_j<jobs>.jsonl``; with ``--reuse`` recorded
runs count towards ``--repeat``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_lexicon  # noqa: E402
import bench_pipeline  # noqa: E402
import generate  # noqa: E402

SHARD = 10_000
GiB = 2**30

HISTORY = """## What was optimised

### Segmentation, matching, scoring (profiled with cProfile; outputs byte-identical, checked on the
repository corpus, the tiny study and 1,500 generated articles)

- `scoring._quote_index` grouped sentences into paragraphs with a pandas `groupby` and sliced a
  DataFrame per paragraph (76% of the pipeline's time); it now groups plain lists in one pass and
  skips paragraphs without a quotation mark. `text._quotes_in` visits only the quotation marks
  (a regular expression) instead of every character. `match` iterates lists, not Arrow-backed
  columns.
- `Lexicon.find`: tokens come from `findall` (not `split`, which also builds every separator);
  one dictionary look-up per token both classifies it and gives the entries that may start there
  (every seen type is cached, non-starters as an empty tuple); candidates are picked in C
  (`itertools.compress`); only candidates get offsets (`str.find` from the previous candidate,
  with a whole-word regular expression when the first hit is inside a longer word); nested
  matches are dropped in linear time (a set of covered tokens) instead of comparing every pair,
  and with single-word matches only the sorts are skipped. Checked against the previous engine
  on 45,000 random texts and lexicons built to trip it (substrings, digits, underscores,
  apostrophes, hyphens, every overlap rule): the same matches.
- The streaming reader takes Parquet rows with `to_pylist` (44 instead of 65 µs an article).

Before, on this machine (2,000 generated articles, one process, same load conditions): the
pipeline (`analyse`) ran at about 380 articles/s, the lexicon engine at 25 MB/s (2.1x
liwc-python; `bench/RESULTS.md` of commit 32599a4). After: the figures above.
Segmentation (`text.sentence_spans`, ~30% of what remains) was left as it is.

### Attribution (profiled with cProfile, pyinstrument and line_profiler; the quotes and voice tables
equal to the previous ones on the corpus, 1,200 articles remixed from its paragraphs in three
languages and 2,000 generated articles)

- A sentence without quotation marks whose words can start no reporting frame and continue no
  speech is not tokenised at all: each word's possible role is looked up once (one-word trigger,
  first word of a longer one, continuation word), and a longer trigger ("in the words of",
  "à en croire") must have its words in a row, so common words that merely start one ("in", "by",
  "de", "à") no longer wake the rule engine. That leaves about a third of the sentences of the
  generated text to read in full.
- The subject of the sentence before (for "he said") is looked for only when a pronoun needs it,
  and tokenised only as far as it is read.
- A speaker phrase in which no word can start an alias or a role phrase, name a side or start a
  name returns at once (three quarters of the look-ups on generated text).
- Lookups (a word's lower case and stem, the triggers it can start, the side a stem names, the
  actors' alias index) are remembered per language and study, bounded.
- `voice_measures` and `mark_in_quote` count with sorted arrays (`searchsorted` over a running
  maximum of span ends) instead of filtering a DataFrame per article and side.

Before, on 3,000 generated articles in one process: `find_quotes` 5.0 ms an article and
`voice_measures` 3.4 ms (the full pipeline with attribution at 111 articles per CPU-second,
`bench/RESULTS.md` of commit 5c6ca11); after: 0.85 and 0.17 ms. What remains is spread over the
rules themselves (tokens of the sentences read in full, speaker phrases, reported-content spans),
each a small share; no single hot spot is left.

### Lexicon, second pass

- `Lexicon.find`: two thirds of the generated articles hold a word type not seen before; such a
  text paid a set of all its tokens and a second pass over them, and now looks again only at the
  positions not yet classified. Nested single-word matches are looked for only where several
  entries start at one token. The same matches as before on 2.5 million hits (dictionaries of
  400 and 4,000 entries, multi-word entries, the three overlap rules, the corpus's lexicons).
- `Match` is a named tuple made with `tuple.__new__` instead of a frozen dataclass, whose
  `__init__` sets each field through `object.__setattr__` (about 6% of `find`).
- Side by side with the floor, in pairs of processes: 2.13-2.18x the floor's time before this
  pass, 1.82-1.89x after. Without attribution, the whole pipeline went from about 1,500 to
  about 1,900 articles per CPU-second: generated news keeps bringing word types not seen
  before, which is where the first change helps.
- The benchmark itself: the engines used to run their repeats in one process each, one engine
  after the other. The engine before this pass measured 1.94x, 2.12x and 2.09x the floor's time
  in three such runs; the engine after it 2.02x in one, and 1.82-1.89x in pairs of processes
  run side by side. Each timed run now has a process of its own and the engines take turns
  (1.84x and 1.73x in the first two runs so measured).

### Tried and not kept

- Compiling `framing/attribution.py` with mypyc (after making it pass mypy): the same tables,
  `find_quotes` 1.5x faster on generated text (0.99 to 0.66 ms an article, in one process) and
  1.75x on the remixed corpus articles. That saves about a fifth of the pipeline's 1.6 ms an
  article (reckoned, not measured end to end): short of the per-core target still, for a C
  compiler at every install.
- Making a sentence's tokens a column at a time (`map`, `zip` and `accumulate` into named
  tuples or slotted instances): slower than the plain loop on sentences of twenty words, and
  named-tuple fields are slower to read."""


def _versions() -> str:
    names = ["framing", "pandas", "numpy", "pyarrow", "dask", "distributed", "liwc"]
    out = [f"Python {platform.python_version()}"]
    for name in names:
        try:
            out.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            out.append(f"{name} (not installed)")
    return ", ".join(out)


def _machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import psutil

    return (f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} logical cores, "
            f"{psutil.virtual_memory().total / GiB:.0f} GiB RAM")


def _commit() -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=ROOT, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True, cwd=ROOT, check=True).stdout.strip()
        return commit + (" with uncommitted changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def corpora(sizes: list[int], out: Path) -> dict[int, Path]:
    """Generate the largest corpus once; smaller ones are folders linking its first shards."""
    largest = out / f"corpus_{max(sizes)}"
    generate.write_corpus(max(sizes), largest, seed=0, shard_size=SHARD,
                          lexicon=ROOT / "corpus/lexicons/accounts.en.yml")
    folders = {max(sizes): largest}
    for size in sizes:
        if size == max(sizes):
            continue
        folder = out / f"corpus_{size}"
        folder.mkdir(parents=True, exist_ok=True)
        for shard in range(size // SHARD):
            link = folder / f"part-{shard:05d}.parquet"
            if not link.exists():
                link.symlink_to(largest / link.name)
        folders[size] = folder
    return folders


def pipeline_runs(corpus: Path, articles: int, jobs: int, repeat: int, out: Path, reuse: bool,
                  attribution: bool = False) -> list[dict]:
    record = out / f"pipeline{'_attribution' if attribution else ''}_{articles}_j{jobs}.jsonl"
    runs = []
    if reuse and record.exists():
        runs = [json.loads(line) for line in record.read_text().splitlines() if line.strip()]
    elif record.exists():
        record.unlink()
    while len(runs) < repeat:
        run = bench_pipeline.run_score(corpus, jobs=jobs, extra=[] if attribution else ["--no-attribution"])
        run["articles"] = articles
        run["when"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        run["commit"] = _commit()
        runs.append(run)
        with open(record, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(run) + "\n")
        print(f"  {articles:,} articles, --jobs {jobs}: {run['seconds']:.1f} s, "
              f"peak {run['peak_rss'] / 2**20:,.0f} MiB", flush=True)
    return runs[:repeat] if len(runs) >= repeat else runs


def summarise(runs: list[dict]) -> dict:
    seconds = statistics.median(r["seconds"] for r in runs)
    articles = runs[0]["articles"]
    cpu = statistics.median(r.get("cpu_seconds", float("nan")) for r in runs)
    return {"articles": articles, "jobs": runs[0]["jobs"], "n_runs": len(runs), "seconds": seconds,
            "articles_per_s": articles / seconds, "cpu_seconds": cpu, "per_cpu_second": articles / cpu,
            "peak_rss": max(r["peak_rss"] for r in runs),
            "load": f"{min(r.get('load_before', 0) for r in runs):.1f}-{max(r.get('load_after', 0) for r in runs):.1f}",
            "all_seconds": [round(r["seconds"], 1) for r in runs]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--repeat-1m", type=int, default=1, help="runs of the largest corpus (default 1)")
    parser.add_argument("--skip-1m", action="store_true", help="leave out corpora of a million or more")
    parser.add_argument("--lexicon-articles", type=int, default=10_000)
    parser.add_argument("--out", default=str(HERE / "out"))
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"))
    parser.add_argument("--reuse", action="store_true", help="keep runs recorded under --out")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sizes = sorted(s for s in args.sizes if not (args.skip_1m and s >= 1_000_000))
    started = datetime.now(timezone.utc)

    print("lexicon engines ...", flush=True)
    lexicon = [bench_lexicon.run_lexicon_bench(articles=args.lexicon_articles, entries=entries,
                                               repeat=args.repeat, padded_from=padded)
               for entries, padded in ((400, None), (4_000, 400), (4_000, None))]
    for result in lexicon:
        print(bench_lexicon.markdown(result), flush=True)

    print("corpora ...", flush=True)
    folders = corpora(sizes, out)
    pipeline: dict[tuple[int, int], dict] = {}  # the default: with attribution
    recorded: list[dict] = []  # every pipeline run the report uses
    for size in sizes:
        big = size >= 1_000_000
        for jobs in ([2] if big else [1, 2]):
            print(f"pipeline {size:,} articles, --jobs {jobs} ...", flush=True)
            runs = pipeline_runs(folders[size], size, jobs, args.repeat_1m if big else args.repeat, out,
                                 args.reuse, attribution=True)
            recorded += runs
            pipeline[(size, jobs)] = summarise(runs)
    plain: dict[tuple[int, int], dict] = {}  # --no-attribution
    for size in (s for s in sizes if s < 1_000_000):
        for jobs in (1, 2):
            print(f"pipeline without attribution {size:,} articles, --jobs {jobs} ...", flush=True)
            runs = pipeline_runs(folders[size], size, jobs, args.repeat, out, args.reuse)
            recorded += runs
            plain[(size, jobs)] = summarise(runs)

    text = report(lexicon, pipeline, sizes, started, args, plain, recorded)
    Path(args.results).write_text(text, encoding="utf-8")
    (out / "results.json").write_text(json.dumps({"lexicon": lexicon, "pipeline": {
        f"{k[0]}_j{k[1]}": v for k, v in pipeline.items()}, "no_attribution": {
        f"{k[0]}_j{k[1]}": v for k, v in plain.items()}}, indent=1), encoding="utf-8")
    print(text)


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _pipeline_rows(pipeline: dict) -> list[str]:
    return [f"| {size:,} | {jobs} | {s['n_runs']} | {s['seconds']:.1f} | {s['articles_per_s']:,.0f} | "
            f"{s['per_cpu_second']:,.0f} | {s['peak_rss'] / 2**20:,.0f} | {s['load']} | "
            f"{', '.join(map(str, s['all_seconds']))} |" for (size, jobs), s in sorted(pipeline.items())]


def _reused(recorded: list[dict], started: datetime) -> str:
    """A sentence on the pipeline runs kept from before this run (``--reuse``), or ''."""
    old = [r for r in recorded if datetime.fromisoformat(r["when"]) < started]
    if not old:
        return ""
    whens = sorted(r["when"] for r in old)
    commits = sorted({r.get("commit", "not recorded") for r in old})
    return (f" {len(old)} of the {len(recorded)} pipeline runs were kept from earlier runs (`--reuse`), "
            f"recorded from {whens[0][:16].replace('T', ' ')} to {whens[-1][:16].replace('T', ' ')} UTC "
            f"(git {', '.join(commits)}).")


def report(lexicon: list[dict], pipeline: dict, sizes: list[int], started: datetime, args,
           plain: dict, recorded: list[dict]) -> str:
    small, padded, dense = lexicon
    fr, floor, lw = (small["runs"][k] for k in ("framing", "floor", "liwc"))
    fr_big = padded["runs"]["framing"]
    fr_dense = dense["runs"]["framing"]
    lines = [
        "# Benchmarks",
        "",
        f"Run with `python bench/run_all.py` on {started:%Y-%m-%d} ({started:%H:%M} UTC); "
        f"git {_commit()}.{_reused(recorded, started)}",
        "",
        f"Machine: {_machine()}. {_versions()}.",
        "",
        "Figures are medians of the runs shown; every run is recorded under `bench/out/`. "
        "The machine was shared with other work while these ran, so single figures can be "
        "off by 10-20%; ratios measured side by side are steadier than absolute rates.",
        "",
        "## Lexicon scoring alone",
        "",
        "Each engine on the same texts, with the same dictionary (liwc-python reads it as a `.dic`); "
        "each run in a process of its own, the engines taking turns, one run each per round, so that "
        "they are compared under the same conditions; peak RSS includes the texts held in memory "
        "(see the floor).",
        "",
        bench_lexicon.markdown(small),
        "",
        "Ten times the lexicon, the same matches (the 400 entries above and 3,600 that never occur):",
        "",
        bench_lexicon.markdown(padded),
        "",
        "Ten times the lexicon drawn from the same vocabulary: here the matches grow with it "
        f"({fr_dense['hits'] / dense['articles']:,.0f} hits an article instead of "
        f"{fr['hits'] / small['articles']:,.0f}: a thousand short prefix globs match most words), "
        "and framing's cost follows the number of spans it returns, while liwc-python, which only counts, "
        "pays per token whatever the lexicon:",
        "",
        bench_lexicon.markdown(dense),
        "",
        "## Full pipeline (`framing score`: read Parquet, validate, segment, match, find reported speech "
        "and its speakers, score, write Parquet)",
        "",
        "Generated news-like articles (`bench/generate.py`, ~520 words, headline, paragraphs, quotations, "
        "abbreviations, lexicon phrases, reporting verbs among the commonest words) scored with the study in "
        "`corpus/study.yaml`; wall time of the whole command, start-up included; peak RSS of the command and "
        "its workers together.",
        "",
        "*Articles per CPU-second* divides by the CPU time of the command and its workers (user + system): "
        "the rate per busy core, which other load on the machine disturbs much less than wall time. "
        "*Load* is the machine's one-minute load average at the start and end of the runs "
        "(2.0 = both cores busy); anything above the number of jobs is other work competing.",
        "",
        "| articles | --jobs | runs | seconds (median) | articles/s | articles per CPU-second | peak RSS (MiB) | load | all runs (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    lines += _pipeline_rows(pipeline)
    if any(s["n_runs"] < args.repeat for (size, _), s in pipeline.items() if size >= 1_000_000):
        lines += ["", f"The million-article run was run {args.repeat_1m} time(s), not {args.repeat}, "
                  "to keep the whole benchmark within about fifty minutes."]

    lines += [
        "",
        "## Without attribution (`framing score --no-attribution`)",
        "",
        "Segmentation, lexicon and scores only: no quotes table, no voice measures, and `in_quote` from "
        "quotation marks alone.",
        "",
        "| articles | --jobs | runs | seconds (median) | articles/s | articles per CPU-second | peak RSS (MiB) | load | all runs (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---|---|",
        *_pipeline_rows(plain),
    ]

    # -- targets
    mid = max(s for s in sizes if s < 1_000_000) if any(s < 1_000_000 for s in sizes) else sizes[0]
    one, two = pipeline.get((mid, 1)), pipeline.get((mid, 2))
    speedup = two["articles_per_s"] / one["articles_per_s"] if one and two else float("nan")
    growth = fr_big["seconds"] / fr["seconds"]
    lines += [
        "",
        "## Targets",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
        f"| lexicon scoring with spans ≥ 30 MB/s per core | {fr['mb_per_s']:.1f} MB/s | "
        f"{_verdict(fr['mb_per_s'] >= 30)} |",
        f"| about 2.5x liwc-python | {lw['seconds'] / fr['seconds']:.2f}x | "
        f"{_verdict(lw['seconds'] / fr['seconds'] >= 2.5)} |",
        f"| within 2x of the tokenising floor | {fr['seconds'] / floor['seconds']:.2f}x the floor's time | "
        f"{_verdict(fr['seconds'] <= 2 * floor['seconds'])} |",
    ]
    if one:
        lines.append(f"| full pipeline ≥ 1,000 articles/s per core | {one['per_cpu_second']:,.0f} articles per "
                     f"CPU-second; {one['articles_per_s']:,.0f} articles/s wall ({mid:,} articles, one job) | "
                     f"{_verdict(one['per_cpu_second'] >= 1000)} |")
    plain_one = plain.get((mid, 1))
    if plain_one:
        lines.append(f"| the same without attribution (`--no-attribution`) | {plain_one['per_cpu_second']:,.0f} "
                     f"articles per CPU-second ({mid:,} articles, one job) | "
                     f"{_verdict(plain_one['per_cpu_second'] >= 1000)} |")
    if (1_000_000, 2) in pipeline:
        peak = pipeline[(1_000_000, 2)]["peak_rss"]
        lines.append(f"| 1M articles with peak memory < 2 GB | {peak / 2**30:.2f} GiB "
                     f"({pipeline[(1_000_000, 2)]['seconds'] / 60:.1f} min, two jobs) | {_verdict(peak < 2e9)} |")
    if one and two:
        efficiency = two["per_cpu_second"] / one["per_cpu_second"]
        lines.append(f"| two jobs ≥ 1.8x one job | {speedup:.2f}x wall ({mid:,} articles; load {two['load']}); "
                     f"CPU cost per article with two jobs {1 / efficiency:.2f}x that of one | "
                     f"{_verdict(speedup >= 1.8)} |")
    rates = {size: pipeline[(size, 2)]["per_cpu_second"] for size in sizes if (size, 2) in pipeline}
    if len(rates) > 1:
        lo, hi = min(rates), max(rates)
        ratio = rates[lo] / rates[hi]
        each = ", ".join(f"{rates[k]:,.0f} at {k:,}" for k in sorted(rates))
        lines.append(f"| cost linear in corpus size | CPU cost per article at {hi:,} is {ratio:.2f}x that at "
                     f"{lo:,} (two jobs; articles per CPU-second: {each}; start-up weighs most on the "
                     f"smallest) | {_verdict(ratio <= 1.15)} |")
    lines.append(f"| ≤ 1.3x slower at 10x the lexicon | {growth:.2f}x (400 → 4,000 entries, same matches) | "
                 f"{_verdict(growth <= 1.3)} |")
    lines.append(f"| (the same, matches growing {fr_dense['hits'] / max(fr['hits'], 1):.0f}x with the lexicon) | "
                 f"{fr_dense['seconds'] / fr['seconds']:.2f}x | "
                 "for information: the output is that much larger |")
    lines += ["", HISTORY, "", "Command: `python bench/run_all.py" + (" --skip-1m" if args.skip_1m else "")
              + (" --reuse" if args.reuse else "") + "`", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
