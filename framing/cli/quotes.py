"""``framing quotes``: who says what — the reported speech of every article, and its evaluation."""

from __future__ import annotations

import argparse
import sys

from ..corpus import read_corpus
from ..study import load_study
from ..tables import check_outputs, write_table
from .common import add_command, add_corpus, add_study, resolve_inputs

__all__ = ["register"]

_BATCH = 500  # articles per step of the progress bar


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "quotes", "find reported speech, its speakers and their sides", [
        "framing quotes corpus/ -o quotes.csv",
        "framing quotes corpus/ -o quotes.parquet --gold corpus/annotations/gold.csv",
    ])
    inputs = p.add_argument_group("input")
    add_corpus(inputs)
    add_study(inputs)
    inputs.add_argument("--gold", help="also compare with gold speakers (annotations CSV) and print the table")
    output = p.add_argument_group("output")
    output.add_argument("-o", "--output", required=True, help="quotes table (.csv, .jsonl or .parquet)")
    output.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=_quotes)


def _quotes(args: argparse.Namespace) -> int:
    resolve_inputs(args)
    check_outputs({"-o": args.output}, inputs=[args.corpus, args.study, args.gold])
    import pandas as pd

    from ..evaluate import evaluate_quotes, read_gold
    from ..progress import progress
    from ..quotes import find_quotes
    from ..text import segment

    study = load_study(args.study)
    articles = read_corpus(args.corpus)
    sentences = segment(articles)
    # articles are independent: find them a batch at a time, with a bar on a long run
    starts = range(0, len(articles), _BATCH)
    found = []
    for start in progress(starts, desc="articles", total=len(starts), unit_scale=_BATCH,
                          enable=False if args.no_progress else None):
        batch = articles.iloc[start:start + _BATCH]
        found.append(find_quotes(batch, sentences[sentences["doc_id"].isin(batch["doc_id"])], study))
    quotes = pd.concat(found, ignore_index=True) if found else find_quotes(articles, sentences, study)
    write_table(quotes, args.output, inputs=[args.corpus, args.study])
    print(f"{len(quotes)} reported-speech spans in {quotes['doc_id'].nunique()} of {len(articles)} "
          f"article(s) -> {args.output}", file=sys.stderr)
    if args.gold:
        gold = read_gold(args.gold, study=study)
        table = evaluate_quotes(quotes, gold, sentences, articles)
        wide = table.pivot(index="group", columns="metric", values="value")
        print(wide.to_string(float_format=lambda v: f"{v:.2f}"))
    return 0
