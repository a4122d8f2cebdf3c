"""Time lexicon scoring on a generated corpus: framing beside liwc-python and the tokenising floor.

Run with ``make bench`` (or ``python bench/bench_lexicon.py --articles 10000``).
The corpus is generated from a seed: pseudo-words drawn with Zipf-like
frequencies, with the lexicon's own words mixed in, about 500 words an
article. Both tools get the same texts and an equivalent dictionary of
single-word and prefix-glob entries (liwc-python has no multi-word entries);
framing also reports a run with its multi-word entries and with spans.
Each figure is the median of ``--repeat`` runs. Results go to standard output
and to ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import tempfile
import time
from collections import Counter
from datetime import date
from importlib.metadata import version
from pathlib import Path

import numpy as np

import framing
from framing.dictionaries import write_dictionary
from framing.lexicon import Lexicon

WORD = re.compile(r"\w+")


def make_vocabulary(rng: np.random.Generator, size: int) -> list[str]:
    syllables = ["ka", "ro", "mi", "te", "su", "pla", "dor", "ven", "gri", "lo", "an", "ex", "tor", "sha",
                 "bel", "qui", "ny", "ste", "war", "pro", "gram", "cri", "me", "syr", "ia", "vis", "it"]
    words = set()
    while len(words) < size:
        n = rng.integers(1, 5)
        words.add("".join(rng.choice(syllables, n)))
    return sorted(words)


def make_corpus(n_articles: int, *, seed: int = 0, words_per_article: int = 500,
                lexicon_words: list[str] = ()) -> list[str]:
    rng = np.random.default_rng(seed)
    vocabulary = make_vocabulary(rng, 20_000) + list(lexicon_words)
    ranks = np.arange(1, len(vocabulary) + 1)
    weights = 1 / ranks
    weights /= weights.sum()
    order = rng.permutation(len(vocabulary))
    texts = []
    for _ in range(n_articles):
        idx = order[rng.choice(len(vocabulary), size=words_per_article, p=weights)]
        words = [vocabulary[i] for i in idx]
        # sentences of about 20 words, capitalised, with punctuation
        sentences = [" ".join(words[i:i + 20]).capitalize() + "." for i in range(0, len(words), 20)]
        texts.append(" ".join(sentences))
    return texts


def make_dictionary(rng: np.random.Generator, vocabulary: list[str], n_entries: int) -> dict[str, list[str]]:
    chosen = rng.choice(vocabulary, size=n_entries, replace=False)
    dictionary: dict[str, list[str]] = {f"cat{i}": [] for i in range(20)}
    for i, word in enumerate(chosen):
        entry = word[: max(3, len(word) - 2)] + "*" if i % 4 == 0 else word
        dictionary[f"cat{i % 20}"].append(entry)
    return dictionary


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", default=str(Path(__file__).with_name("RESULTS.md")))
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    vocabulary = make_vocabulary(rng, 20_000)
    dictionary = make_dictionary(rng, vocabulary, args.entries)
    texts = make_corpus(args.articles, seed=args.seed + 1)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    import liwc  # the PyPI package liwc (liwc-python)

    with tempfile.TemporaryDirectory() as tmp:
        dic = Path(tmp) / "bench.dic"
        write_dictionary(dictionary, dic)
        parse, _ = liwc.load_token_parser(str(dic))

        def run_liwc():
            for text in texts:
                Counter(c for token in WORD.findall(text.lower()) for c in parse(token))

        lexicon = Lexicon(dictionary)
        lexicon.find_all(texts[:50])  # warm the per-type cache as a long run would

        def run_framing():
            for text in texts:
                Counter(m.category for m in lexicon.find(text))

        multi = dict(dictionary)
        multi["phrases"] = [f"{a} {b}" for a, b in zip(vocabulary[::97][:100], vocabulary[1::97][:100])]
        lexicon_multi = Lexicon(multi)

        def run_framing_multi():
            lexicon_multi.find_all(texts)

        def run_floor():
            for text in texts:
                WORD.findall(text.lower())

        results = {
            "tokenising floor (re.findall on lower-cased text)": timed(run_floor, args.repeat),
            "liwc-python (counts only)": timed(run_liwc, args.repeat),
            "framing (spans + counts)": timed(run_framing, args.repeat),
            "framing with 100 multi-word entries (spans)": timed(run_framing_multi, args.repeat),
        }

    liwc_time = results["liwc-python (counts only)"]
    lines = [
        "# Benchmarks",
        "",
        f"Lexicon scoring, {args.articles:,} generated articles of ~500 words ({megabytes:.1f} MB), "
        f"{args.entries} entries (a quarter prefix globs), median of {args.repeat} runs, one core.",
        "",
        f"Machine: {platform.machine()}, {platform.processor() or 'unknown CPU'}, Python "
        f"{platform.python_version()}; framing {framing.__version__}, liwc {version('liwc')}, "
        f"numpy {version('numpy')}. Date: {date.today().isoformat()}.",
        "",
        "| run | seconds | articles/s | MB/s | vs liwc-python |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, seconds in results.items():
        lines.append(f"| {name} | {seconds:.2f} | {args.articles / seconds:,.0f} | {megabytes / seconds:.1f} | "
                     f"{liwc_time / seconds:.2f}x |")
    lines += ["", "Command: `python bench/bench_lexicon.py "
              f"--articles {args.articles} --entries {args.entries} --repeat {args.repeat}`", ""]
    report = "\n".join(lines)
    print(report)
    Path(args.output).write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
