"""Generate a deterministic corpus of news-like English articles, written as Parquet shards.

Each article has a headline, a lead and body paragraphs of capitalised
sentences (about 500 words in all) drawn from a Zipf-distributed vocabulary
of common English words and pseudo-words, with titles and abbreviations
("Mr.", "U.N."), quotations in curly quotes, and now and then a phrase from
the study's English lexicon, so segmentation, quotation finding and matching
all have real work. The same ``--seed`` always gives the same bytes; shards
are generated independently (shard ``i`` from seed ``(seed, i)``), so a
corpus of one size is a prefix of a larger one with the same shard size.

    python bench/generate.py --articles 100000 --out bench/out/corpus_100k

writes ``part-00000.parquet``, ``part-00001.parquet``, ... of
``--shard-size`` articles each, with the columns ``doc_id, headline, text,
lang, date, outlet``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

__all__ = ["COMMON_WORDS", "make_vocabulary", "make_articles", "write_corpus"]

#: Frequent English words (written for this project), most frequent first.
COMMON_WORDS = """
the of and to a in that is was he for it with as his on be at by said from had not are but
this they have an which or one were their has been would will there who its after also new
more when two president minister about last government over than into year could other
people some them then these first state told week talks meeting visit official statement
foreign ministry spokesman paris moscow france russia country war against during before
because between while city under where both made most such only called military report
since several without official press agency leaders said diplomatic embassy summit trip
according sources plans planned scheduled expected month monday tuesday wednesday thursday
friday saturday sunday october cultural centre church exhibition opening palace talks
relations crisis conflict forces bombing civilians humanitarian ceasefire resolution council
nations united security vote draft negotiations envoy delegation kremlin elysee office
decision cancelled postponed announced confirmed denied reported added explained insisted
""".split()

_TITLES = ["Mr.", "Mrs.", "Dr.", "Gen.", "Prof.", "Sen."]
_ACRONYMS = ["U.N.", "U.S.", "E.U."]


def make_vocabulary(rng: np.random.Generator, size: int = 20_000) -> list[str]:
    """Common words followed by pseudo-words built from syllables, ``size`` in all."""
    syllables = ["ka", "ro", "mi", "te", "su", "pla", "dor", "ven", "gri", "lo", "an", "ex", "tor",
                 "sha", "bel", "qui", "ny", "ste", "mar", "pen", "cor", "dal", "fin", "ust", "ion"]
    words = list(dict.fromkeys(COMMON_WORDS))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(syllables, int(rng.integers(2, 5))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _phrases(lexicon: Path | None) -> list[str]:
    if lexicon is None:
        return []
    import yaml

    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)
        elif isinstance(node, str):
            yield node.replace("*", "s")

    return sorted(set(walk(yaml.safe_load(lexicon.read_text(encoding="utf-8")))))


def make_articles(n: int, *, seed: int, start: int = 0, words_per_article: int = 500,
                  phrases: list[str] = (), vocabulary_size: int = 20_000) -> dict[str, list]:
    """Return ``n`` articles as columns (``doc_id, headline, text, lang, date, outlet``).

    Examples
    --------
    >>> cols = make_articles(2, seed=0)
    >>> cols["doc_id"]
    ['gen_00000000', 'gen_00000001']
    """
    rng = np.random.default_rng(seed)
    vocab = np.array(make_vocabulary(np.random.default_rng(0), vocabulary_size), dtype=object)
    weights = 1 / np.arange(1, len(vocab) + 1) ** 1.05
    weights /= weights.sum()
    cols: dict[str, list] = {k: [] for k in ["doc_id", "headline", "text", "lang", "date", "outlet"]}
    outlets = [f"Outlet {c}" for c in "ABCDEFGHIJ"]
    for k in range(n):
        words = vocab[rng.choice(len(vocab), size=words_per_article + 10, p=weights)].tolist()
        headline = " ".join(words[:8]).capitalize()
        body = words[10:]
        sentences = []
        pos = 0
        while pos < len(body):
            size = int(rng.integers(8, 30))
            chunk = body[pos:pos + size]
            pos += size
            roll = rng.random()
            if roll < 0.08 and phrases:
                chunk.insert(int(rng.integers(0, len(chunk) + 1)), phrases[int(rng.integers(len(phrases)))])
            if roll > 0.9:
                chunk.insert(0, _TITLES[int(rng.integers(len(_TITLES)))])
            elif roll > 0.85:
                chunk.insert(int(rng.integers(0, len(chunk) + 1)), _ACRONYMS[int(rng.integers(len(_ACRONYMS)))])
            sentence = " ".join(chunk)
            sentence = sentence[0].upper() + sentence[1:]
            if 0.4 < roll < 0.55:
                cut = sentence.find(" ", len(sentence) // 2)
                if cut > 0:
                    sentence = f"{sentence[:cut]}, “{sentence[cut + 1:]},” he said"
            sentences.append(sentence + ("?" if roll > 0.97 else "."))
        paragraphs, i = [], 0
        while i < len(sentences):
            size = int(rng.integers(2, 5))
            paragraphs.append(" ".join(sentences[i:i + size]))
            i += size
        number = start + k
        cols["doc_id"].append(f"gen_{number:08d}")
        cols["headline"].append(headline)
        cols["text"].append("\n\n".join(paragraphs))
        cols["lang"].append("en")
        cols["date"].append(f"2016-10-{1 + number % 28:02d}")
        cols["outlet"].append(outlets[number % len(outlets)])
    return cols


def write_corpus(n_articles: int, out: str | Path, *, seed: int = 0, shard_size: int = 10_000,
                 lexicon: str | Path | None = None, words_per_article: int = 500) -> list[Path]:
    """Write ``n_articles`` as Parquet shards into ``out``; return the shard paths.

    A shard already present with the right number of rows is kept (the output
    is deterministic, so regenerating it would give the same bytes).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    phrases = _phrases(Path(lexicon) if lexicon else None)
    paths = []
    for shard, first in enumerate(range(0, n_articles, shard_size)):
        n = min(shard_size, n_articles - first)
        path = out / f"part-{shard:05d}.parquet"
        paths.append(path)
        if path.exists() and pq.ParquetFile(path).metadata.num_rows == n:
            continue
        cols = make_articles(n, seed=seed * 1_000_003 + shard, start=first, phrases=phrases,
                             words_per_article=words_per_article)
        tmp = path.with_suffix(".tmp")
        pq.write_table(pa.table(cols), tmp, row_group_size=2_000)
        tmp.replace(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--out", default="bench/out/corpus")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shard-size", type=int, default=10_000)
    parser.add_argument("--lexicon", default=str(Path(__file__).parents[1] / "corpus/lexicons/accounts.en.yml"))
    parser.add_argument("--single", metavar="FILE", help="also concatenate the shards into one Parquet file")
    args = parser.parse_args()
    paths = write_corpus(args.articles, args.out, seed=args.seed, shard_size=args.shard_size,
                         lexicon=args.lexicon)
    print(f"{args.articles:,} articles in {len(paths)} shard(s) under {args.out}")


if __name__ == "__main__":
    main()
