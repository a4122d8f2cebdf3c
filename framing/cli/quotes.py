"""``framing quotes``: who says what — the reported speech of every article, and its evaluation."""

from __future__ import annotations

import argparse
import sys

from ..corpus import read_corpus
from ..study import load_study
from ..tables import check_outputs, write_table
from .common import add_command, add_corpus, add_study, resolve_inputs

__all__ = ["register"]


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
    p.set_defaults(func=_quotes)


def _quotes(args: argparse.Namespace) -> int:
    resolve_inputs(args)
    check_outputs({"-o": args.output}, inputs=[args.corpus, args.study, args.gold])
    from ..evaluate import evaluate_quotes
    from ..quotes import find_quotes
    from ..evaluate import read_gold
    from ..text import segment

    study = load_study(args.study)
    articles = read_corpus(args.corpus)
    sentences = segment(articles)
    quotes = find_quotes(articles, sentences, study)
    write_table(quotes, args.output, inputs=[args.corpus, args.study])
    print(f"{len(quotes)} reported-speech spans in {quotes['doc_id'].nunique()} of {len(articles)} "
          f"article(s) -> {args.output}", file=sys.stderr)
    if args.gold:
        gold = read_gold(args.gold, study=study)
        table = evaluate_quotes(quotes, gold, sentences, articles)
        wide = table.pivot(index="group", columns="metric", values="value")
        print(wide.to_string(float_format=lambda v: f"{v:.2f}"))
    return 0
