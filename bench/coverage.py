"""Actual coverage of the intervals that framing.compare.summarise draws, on data like the scores.

Run with ``python bench/coverage.py`` (about a minute on one core); it writes
``bench/COVERAGE.md``. For each data shape and group size n it draws ``--reps``
samples of n articles from a population whose mean is known exactly,
computes the interval of each sample with
:func:`framing.intervals.confidence_interval` (the very function
``summarise`` calls) and counts how often the interval holds the true mean.
With 4000 samples a cell's coverage has a standard error of about 0.0035
near 0.95.

The shapes are bounded and skewed like the article measures:

- ``beta share``: Beta(0.8, 3) on [0, 1], mean 0.8 / 3.8 (a salience);
- ``zero-inflated share``: 0 with probability 0.6, else Beta(1.5, 6) (an
  account that most articles do not carry);
- ``balance``: -1 with probability 0.15, +1 with probability 0.45, else
  2 Beta(3, 1.5) - 1 on [-1, 1] (articles that carry one account only sit at
  the ends).

Intervals: ``bca`` is the default (BCa widened by Hesterberg's small-sample
expansion); ``bca plain`` is scipy's BCa without the expansion; ``percentile``
the old percentile bootstrap without expansion; ``t`` Student's t. The default
draws no interval below ``min_n`` = 10 articles; the rows for n = 3 and 5 show
why.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from framing.intervals import confidence_interval

__all__ = ["SHAPES", "SIZES", "INTERVALS", "draw", "simulate_cell", "coverage_table", "markdown"]

SIZES = (3, 5, 10, 20, 50)
#: label -> (interval, expand) for confidence_interval
INTERVALS = {"bca (default)": ("bca", True), "bca plain": ("bca", False), "percentile": ("percentile", False),
             "t": ("t", False)}


def _beta_share(rng: np.random.Generator, size: tuple[int, int]) -> np.ndarray:
    return rng.beta(0.8, 3.0, size=size)


def _zero_inflated(rng: np.random.Generator, size: tuple[int, int]) -> np.ndarray:
    values = rng.beta(1.5, 6.0, size=size)
    return np.where(rng.random(size) < 0.6, 0.0, values)


def _balance(rng: np.random.Generator, size: tuple[int, int]) -> np.ndarray:
    u = rng.random(size)
    middle = 2.0 * rng.beta(3.0, 1.5, size=size) - 1.0
    return np.where(u < 0.15, -1.0, np.where(u < 0.60, 1.0, middle))


#: shape -> (sampler, true mean)
SHAPES = {
    "beta share": (_beta_share, 0.8 / 3.8),
    "zero-inflated share": (_zero_inflated, 0.4 * 1.5 / 7.5),
    "balance": (_balance, -0.15 + 0.45 + 0.40 * (2.0 * 3.0 / 4.5 - 1.0)),
}


def draw(shape: str, n: int, reps: int, rng: np.random.Generator) -> np.ndarray:
    """``reps`` samples of ``n`` values of one shape (one per row)."""
    sampler, _ = SHAPES[shape]
    return sampler(rng, (reps, n))


def simulate_cell(shape: str, n: int, *, reps: int = 4000, seed: int = 0, n_boot: int = 1999,
                  interval: str = "bca", expand: bool = True, ci: float = 0.95) -> dict:
    """Coverage of one interval for one shape and group size.

    Returns a dict ``shape, n, interval, coverage, below, above, width, fallback``:
    the share of samples whose interval holds the true mean, misses below and
    above, the mean width, and the share where BCa was undefined and the
    percentile interval was used.
    """
    rng = np.random.default_rng([seed, n, sorted(SHAPES).index(shape)])
    samples = draw(shape, n, reps, rng)
    truth = SHAPES[shape][1]
    low, high, kind = confidence_interval(samples, interval=interval, expand=expand, ci=ci, n_boot=n_boot,
                                          rng=rng)
    return {"shape": shape, "n": n, "interval": interval, "coverage": float(np.mean((low <= truth) & (truth <= high))),
            "below": float(np.mean(high < truth)), "above": float(np.mean(low > truth)),
            "width": float(np.mean(high - low)), "fallback": float(np.mean(kind == "percentile")) if interval == "bca"
            else 0.0}


def coverage_table(*, reps: int = 4000, seed: int = 0, n_boot: int = 1999, sizes=SIZES) -> list[dict]:
    """Every cell: each shape x size x interval."""
    rows = []
    for shape in SHAPES:
        for n in sizes:
            for label, (interval, expand) in INTERVALS.items():
                row = simulate_cell(shape, n, reps=reps, seed=seed, n_boot=n_boot, interval=interval, expand=expand)
                rows.append({**row, "interval": label})
    return rows


def markdown(rows: list[dict], *, reps: int, seed: int, n_boot: int, seconds: float) -> str:
    """The table of ``bench/COVERAGE.md``."""
    labels = list(INTERVALS)
    lines = ["# Coverage of the 95% intervals", "",
             f"Written by `python bench/coverage.py --reps {reps} --seed {seed} --n-boot {n_boot}` "
             f"({seconds:.0f} s). Each cell: the share of {reps} simulated groups whose interval holds the "
             "population mean (standard error about 0.0035 near 0.95). The shapes and intervals are described "
             "in the script's docstring. `summarise` and `permutation_test` draw the first interval, "
             "`bca (default)`, and only for groups of at least `min_n` = 10 articles: below that they print the "
             "estimate with `interval == \"n too small\"` and no bounds, and figures draw a hollow point.", "",
             "| shape | n | " + " | ".join(labels) + " | default: misses below / above | default: BCa undefined |",
             "|---|---:|" + "---:|" * len(labels) + "---|---:|"]
    by_key = {(r["shape"], r["n"], r["interval"]): r for r in rows}
    for shape in SHAPES:
        for n in sorted({r["n"] for r in rows}):
            cells = [by_key[(shape, n, label)] for label in labels]
            default = cells[0]
            marks = []
            for c in cells:
                text = f"{c['coverage']:.3f}"
                marks.append(f"**{text}**" if n >= 10 and c is default else text)
            lines.append(f"| {shape} | {n}{' (no interval shown)' if n < 10 else ''} | " + " | ".join(marks)
                         + f" | {default['below']:.3f} / {default['above']:.3f} | {default['fallback']:.3f} |")
    lines.append("")
    ok = [r for r in rows if r["interval"] == labels[0] and r["n"] >= 10]
    worst = min(ok, key=lambda r: r["coverage"]), max(ok, key=lambda r: r["coverage"])
    inside = all(0.93 <= r["coverage"] <= 0.97 for r in ok)
    lines.append(f"Default interval, n >= 10: coverage from {worst[0]['coverage']:.3f} ({worst[0]['shape']}, "
                 f"n = {worst[0]['n']}) to {worst[1]['coverage']:.3f} ({worst[1]['shape']}, n = {worst[1]['n']}); "
                 + ("every cell within 0.93-0.97." if inside else "NOT every cell is within 0.93-0.97."))
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-boot", type=int, default=1999)
    parser.add_argument("-o", "--output", default=str(Path(__file__).with_name("COVERAGE.md")))
    args = parser.parse_args(argv)
    start = time.perf_counter()
    rows = coverage_table(reps=args.reps, seed=args.seed, n_boot=args.n_boot)
    text = markdown(rows, reps=args.reps, seed=args.seed, n_boot=args.n_boot, seconds=time.perf_counter() - start)
    out = Path(args.output)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
