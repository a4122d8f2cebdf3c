"""``framing score`` and ``framing explain``: article measures, and the sentences behind them."""

from __future__ import annotations

import argparse
import sys
import warnings

import pandas as pd

from ..corpus import read_corpus, rejected
from ..study import load_study
from .common import default_corpus
from .imports import write_table

__all__ = ["register"]

_CHUNK = 500


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("score", help="score every article of a corpus")
    p.add_argument("path", help="corpus folder, or a .csv, .jsonl or .parquet file")
    p.add_argument("--study", required=True, help="study YAML file")
    p.add_argument("-o", "--output", required=True, help="scores table (.csv, .jsonl or .parquet)")
    p.add_argument("--hits", metavar="FILE", help="also write the lexicon hits")
    p.add_argument("--sentences", metavar="FILE", help="also write the sentences")
    p.add_argument("--lang", help="language for records that give none (ISO 639-1)")
    p.add_argument("--skip-bad", action="store_true",
                   help="leave out bad records (see --rejected) instead of stopping")
    p.add_argument("--rejected", metavar="CSV", help="write the rejection report here")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=_score)

    p = sub.add_parser("explain", help="show the sentences and hits behind one article's scores")
    p.add_argument("doc_id")
    p.add_argument("--study", required=True, help="study YAML file")
    p.add_argument("--corpus", help="corpus (default: the articles/ folder beside the study file)")
    p.set_defaults(func=_explain)


def _score(args: argparse.Namespace) -> int:
    from tqdm.auto import tqdm

    from ..pipeline import analyse

    study = load_study(args.study)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = read_corpus(args.path, errors="skip" if args.skip_bad else "raise", lang=args.lang)
    report = rejected(articles)
    if args.rejected:
        report.to_csv(args.rejected, index=False)
    parts: dict[str, list[pd.DataFrame]] = {"scores": [], "hits": [], "sentences": []}
    with tqdm(total=len(articles), unit="article", disable=args.no_progress or None,
              desc="scoring", file=sys.stderr) as bar:
        for start in range(0, len(articles), _CHUNK):
            run = analyse(articles.iloc[start:start + _CHUNK], study)
            parts["scores"].append(run.scores)
            if args.hits:
                parts["hits"].append(run.hits)
            if args.sentences:
                parts["sentences"].append(run.sentences)
            bar.update(len(run.scores))
    write_table(pd.concat(parts["scores"], ignore_index=True), args.output)
    if args.hits:
        write_table(pd.concat(parts["hits"], ignore_index=True), args.hits)
    if args.sentences:
        write_table(pd.concat(parts["sentences"], ignore_index=True), args.sentences)
    print(f"scored {len(articles)} article(s) -> {args.output}"
          + (f"; {len(report)} record(s) rejected" if len(report) else ""), file=sys.stderr)
    return 0


def _explain(args: argparse.Namespace) -> int:
    from ..pipeline import analyse, explain

    study = load_study(args.study)
    articles = read_corpus(default_corpus(args.study, args.corpus))
    article = articles[articles["doc_id"] == args.doc_id]
    if article.empty:
        raise KeyError(f"no article {args.doc_id!r} in the corpus ({len(articles)} articles).")
    run = analyse(article, study)
    table = explain(args.doc_id, sentences=run.sentences, hits=run.hits)
    scores = run.scores.iloc[0]
    print(f"{args.doc_id}: primacy {scores['primacy']}, balance {scores['balance']:+.2f}")
    for side in study.side_ids:
        print(f"  {side}: presence {scores[f'{side}_presence']}, salience {scores[f'{side}_salience']:.2f}, "
              f"prominence {scores[f'{side}_prominence']:.2f}")
    for row in table.itertuples(index=False):
        mark = f"[{row.sides}]" if row.sides else ""
        print(f"{row.sent_id:>3} {row.part:<8} {mark:<17} {row.text}")
        if row.terms:
            print(f"{'':>30}{row.terms}")
    return 0
