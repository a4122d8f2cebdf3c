"""Fingerprints of the pipeline's tables, so a refactoring can show it changed no output.

A fingerprint is the sha256 of a table's rows written as CSV with its columns
and rows in a fixed order. The saved fingerprints (``tests/data/snapshot.json``)
were made by the code before the ``framing/quotes/`` split; ``test_snapshot.py``
asserts that the code of today gives the same. When a commit fixes a bug that
changes an output, it regenerates the file and says so in its message::

    .venv/bin/python tests/snapshot.py            # rewrite tests/data/snapshot.json

Variants (each a corpus and a path through the code):

``corpus``
    the 70 articles of ``corpus/``, with attribution: scores, hits, quotes, voice.
``corpus-no-attribution``
    the same without attribution: scores and hits (``in_quote`` from marks alone).
``generated-200`` / ``generated-1000``
    articles of ``bench/generate.py`` (seed 0), with attribution.
``dask``
    the 70 articles through the Dask engine (``map_partitions``): scores.

Only the columns a variant had when it was saved are compared, so a new column
(such as more article metadata carried into the scores) does not by itself
change a fingerprint; the columns themselves are tested elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SNAPSHOT = Path(__file__).resolve().parent / "data" / "snapshot.json"

#: Variants, fast first; the slow ones are marked so in test_snapshot.py.
VARIANTS = ("corpus", "corpus-no-attribution", "generated-200", "dask", "generated-1000")


def fingerprint(table: pd.DataFrame, columns: list[str] | None = None) -> dict:
    """``{"columns", "rows", "sha256"}`` of ``table`` restricted to ``columns`` (default: all, sorted)."""
    columns = sorted(table.columns) if columns is None else list(columns)
    frame = table[columns].astype(object).where(table[columns].notna(), "")
    frame = frame.astype(str)
    text = frame.sort_values(columns, kind="stable").to_csv(index=False, lineterminator="\n")
    return {"columns": columns, "rows": len(table), "sha256": hashlib.sha256(text.encode()).hexdigest()}


def generated_articles(n: int, *, seed: int = 0) -> pd.DataFrame:
    """``n`` synthetic articles from ``bench/generate.py`` with the corpus's English lexicon phrases."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(REPO / "bench"))
    phrases = generate._phrases(CORPUS / "lexicons" / "accounts.en.yml")
    cols = generate.make_articles(n, seed=seed, phrases=phrases, words_per_article=300)
    return pd.DataFrame(cols)


def tables(variant: str) -> dict[str, pd.DataFrame]:
    """The tables a variant compares, computed by the code of today."""
    import framing

    study = framing.load_study(CORPUS / "study.yaml")
    if variant == "dask":
        import dask.dataframe as dd

        from framing.distributed import score_dask

        ddf = dd.from_pandas(framing.read_corpus(CORPUS), npartitions=3)
        return {"scores": score_dask(ddf, CORPUS / "study.yaml").compute(scheduler="sync")}
    if variant.startswith("generated-"):
        articles = generated_articles(int(variant.split("-")[1]))
    else:
        articles = framing.read_corpus(CORPUS)
    attribution = variant != "corpus-no-attribution"
    run = framing.analyse(articles, study, attribution=attribution)
    out = {"scores": run.scores, "hits": run.hits}
    if attribution:
        out["quotes"] = run.quotes
        voice = [c for c in run.scores if c.endswith(("_voice", "_direct", "_indirect", "_distancing",
                                                      "_adoption_count"))]
        out["voice"] = run.scores[["doc_id", *voice]]
    return out


def fingerprints(variant: str, saved: dict | None = None) -> dict[str, dict]:
    """Fingerprint every table of ``variant``, on the columns of ``saved`` when given."""
    return {name: fingerprint(table, None if saved is None else saved[name]["columns"])
            for name, table in tables(variant).items()}


def main() -> None:
    names = sys.argv[1:] or list(VARIANTS)
    saved = json.loads(SNAPSHOT.read_text()) if SNAPSHOT.exists() else {}
    for name in names:
        saved[name] = fingerprints(name)
        print(name, {t: f["rows"] for t, f in saved[name].items()})
    tmp = SNAPSHOT.with_suffix(".tmp")
    tmp.write_text(json.dumps(saved, indent=1, sort_keys=True) + "\n")
    tmp.replace(SNAPSHOT)


if __name__ == "__main__":
    main()
