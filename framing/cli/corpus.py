"""``framing validate``: check a corpus and report every rejected record."""

from __future__ import annotations

import argparse
import warnings

from ..corpus import read_corpus
from ..tables import check_outputs, write_table
from .common import add_command, add_corpus

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "validate", "check a corpus and report every rejected record", [
        "framing validate corpus/",
        "framing validate shards/ --lang en --rejected rejected.csv",
    ])
    inputs = p.add_argument_group("input")
    add_corpus(inputs)
    inputs.add_argument("--lang", help="language for records that give none (ISO 639-1)")
    output = p.add_argument_group("output")
    output.add_argument("--rejected", metavar="FILE", help="also write the rejection report here (.csv, .jsonl, .parquet)")
    p.set_defaults(func=_validate)


def _validate(args: argparse.Namespace) -> int:
    check_outputs({"--rejected": args.rejected}, inputs=[args.corpus])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles, report = read_corpus(args.corpus, errors="skip", lang=args.lang, report=True)
    if args.rejected:
        write_table(report, args.rejected, inputs=[args.corpus])
    langs = ", ".join(f"{k} {v}" for k, v in articles["lang"].value_counts().sort_index().items())
    print(f"{args.corpus}: {len(articles)} article(s) valid ({langs}); {len(report)} problem(s).")
    for row in report.itertuples(index=False):
        print(f"  {row.file} [{row.record}]: {row.problem}. Fix: {row.fix}")
    return 1 if len(report) else 0
