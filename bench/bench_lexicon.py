"""Time lexicon scoring on a generated corpus: framing beside liwc-python and the tokenising floor.

Run with ``python bench/bench_lexicon.py --articles 10000 --entries 400 4000``
(``python bench/run_all.py`` runs it with the other benchmarks). The corpus
is generated from a seed: pseudo-words drawn with Zipf-like frequencies,
about 500 words an article. Both tools get the same texts and an equivalent
dictionary of single-word and prefix-glob entries (liwc-python has no
multi-word entries, so it reads the same dictionary written as a LIWC
``.dic``); framing also reports a run with 100 multi-word entries added.
Every timed run is a fresh child process, which warms its caches on the
whole corpus, times one pass and reports it with its peak resident memory
(the texts themselves, about 2.3x their UTF-8 size as Python strings, are
part of every figure; the floor shows that baseline). The tools take turns,
one run each per round, for ``--repeat`` rounds, and each figure is the
median of its rounds: tools are compared under the same conditions, and a
slow spell of the machine or an unlucky process (string hashes are seeded
per process) weighs on one run, not on one tool.
"""

from __future__ import annotations

import argparse
import json
import pickle
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

__all__ = ["make_vocabulary", "make_corpus", "make_dictionary", "pad_dictionary", "run_lexicon_bench", "markdown",
           "TOOLS"]

WORD = re.compile(r"\w+")

#: The runs, in the order of the results table.
TOOLS = {
    "floor": "tokenising floor (re.findall on lower-cased text)",
    "liwc": "liwc-python (counts only)",
    "framing": "framing (spans + counts)",
    "framing_multi": "framing with 100 multi-word entries (spans)",
}


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


def pad_dictionary(dictionary: dict[str, list[str]], n_entries: int) -> dict[str, list[str]]:
    """Add entries that never occur in the generated texts until there are ``n_entries``.

    The padding words are made of letters the generated texts never use
    (``z``, ``q``, ``j``), a quarter of them prefix globs, so the lexicon grows
    while the matches stay the same: it isolates the cost of lexicon size.
    """
    out = {k: list(v) for k, v in dictionary.items()}
    have = sum(len(v) for v in out.values())
    letters = "zqj"
    for i in range(n_entries - have):
        word = "zq" + "".join(letters[int(d)] for d in np.base_repr(i, 3)) + "j"
        out[f"cat{i % 20}"].append(word[:-1] + "*" if i % 4 == 0 else word)
    return out


def _child(tool: str, data: Path, repeat: int) -> dict:
    """Time one tool on the pickled texts and dictionaries; run in a fresh process."""
    with open(data, "rb") as handle:
        texts, dictionary, multi = pickle.load(handle)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if tool == "floor":
        def run():
            for text in texts:
                WORD.findall(text.lower())
    elif tool == "liwc":
        import liwc  # the PyPI package liwc (liwc-python)

        from framing.dictionaries import write_dictionary

        with tempfile.TemporaryDirectory() as tmp:
            dic = Path(tmp) / "bench.dic"
            write_dictionary(dictionary, dic)
            parse, _ = liwc.load_token_parser(str(dic))

        def run():
            for text in texts:
                Counter(c for token in WORD.findall(text.lower()) for c in parse(token))
    else:
        from framing.lexicon import Lexicon

        lexicon = Lexicon(multi if tool == "framing_multi" else dictionary)
        lexicon.find_all(texts[:50])  # compile and warm the per-type cache as a long run would

        def run():
            for text in texts:
                Counter(m.category for m in lexicon.find(text))
    hits = sum(len(lexicon.find(t)) for t in texts) if tool.startswith("framing") else None
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"tool": tool, "seconds": statistics.median(times), "times": times,
            "peak_rss": peak * 1024, "texts_rss": base * 1024, "hits": hits}


def run_lexicon_bench(*, articles: int = 10_000, entries: int = 400, repeat: int = 3, seed: int = 0,
                      padded_from: int | None = None, tools: list[str] | None = None) -> dict:
    """Run every tool on one corpus and dictionary; return the figures.

    ``entries`` drawn from the vocabulary (a quarter prefix globs); with
    ``padded_from``, only that many are drawn and the rest are entries that
    never match (:func:`pad_dictionary`). Returns a dict with ``articles``,
    ``entries``, ``megabytes`` and ``runs`` (tool -> seconds, articles/s,
    MB/s, peak RSS, hits).
    """
    rng = np.random.default_rng(seed)
    vocabulary = make_vocabulary(rng, 20_000)
    dictionary = make_dictionary(rng, vocabulary, padded_from or entries)
    if padded_from:
        dictionary = pad_dictionary(dictionary, entries)
    texts = make_corpus(articles, seed=seed + 1)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    multi = dict(dictionary)
    multi["phrases"] = [f"{a} {b}" for a, b in zip(vocabulary[::97][:100], vocabulary[1::97][:100])]
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.pickle"
        with open(data, "wb") as handle:
            pickle.dump((texts, dictionary, multi), handle)
        del texts
        rounds: dict[str, list[dict]] = {tool: [] for tool in tools or TOOLS}
        for _ in range(repeat):
            for tool, done in rounds.items():
                out = subprocess.run([sys.executable, __file__, "--child", tool, "--data", str(data),
                                      "--repeat", "1"], capture_output=True, text=True, check=True)
                done.append(json.loads(out.stdout.strip().splitlines()[-1]))
        for tool, done in rounds.items():
            seconds = statistics.median(r["seconds"] for r in done)
            runs[tool] = {"tool": tool, "seconds": seconds, "times": [r["seconds"] for r in done],
                          "peak_rss": max(r["peak_rss"] for r in done), "texts_rss": done[0]["texts_rss"],
                          "hits": done[0]["hits"], "articles_per_s": articles / seconds,
                          "mb_per_s": megabytes / seconds}
    return {"articles": articles, "entries": entries, "padded_from": padded_from, "megabytes": megabytes,
            "repeat": repeat, "runs": runs}


def markdown(result: dict) -> str:
    """The results of :func:`run_lexicon_bench` as a Markdown table."""
    runs = result["runs"]
    liwc_time = runs["liwc"]["seconds"] if "liwc" in runs else None
    kind = (f"{result['padded_from']:,} entries drawn from the vocabulary and "
            f"{result['entries'] - result['padded_from']:,} that never match"
            if result.get("padded_from") else "entries drawn from the vocabulary")
    lines = [
        f"{result['articles']:,} generated articles of ~500 words ({result['megabytes']:.1f} MB), "
        f"**{result['entries']:,} entries** ({kind}; a quarter prefix globs), median of "
        f"{result['repeat']} runs, one core.",
        "",
        "| run | seconds | articles/s | MB/s | peak RSS (MiB) | hits/article | vs liwc-python |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for tool, run in runs.items():
        ratio = f"{liwc_time / run['seconds']:.2f}x" if liwc_time else "-"
        hits = f"{run['hits'] / result['articles']:,.1f}" if run.get("hits") is not None else ""
        lines.append(f"| {TOOLS[tool]} | {run['seconds']:.2f} | {run['articles_per_s']:,.0f} | "
                     f"{run['mb_per_s']:.1f} | {run['peak_rss'] / 2**20:,.0f} | {hits} | {ratio} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--entries", type=int, nargs="+", default=[400])
    parser.add_argument("--padded-from", type=int, help="draw only this many entries; the rest never match")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--child", choices=list(TOOLS), help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, Path(args.data), args.repeat)))
        return
    results = []
    for entries in args.entries:
        result = run_lexicon_bench(articles=args.articles, entries=entries, repeat=args.repeat, seed=args.seed,
                                   padded_from=args.padded_from if args.padded_from and
                                   args.padded_from < entries else None)
        results.append(result)
        print(markdown(result), "", sep="\n", flush=True)
    print(f"Python {platform.python_version()} on {platform.machine()}.")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
