"""``framing validate``: check a corpus and report every rejected record."""

from __future__ import annotations

import argparse
import warnings

from ..corpus import read_corpus
from ..tables import write_table

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check a corpus and report every rejected record")
    p.add_argument("path", help="corpus folder, or a .csv, .jsonl or .parquet file")
    p.add_argument("--lang", help="language for records that give none (ISO 639-1)")
    p.add_argument("--rejected", metavar="CSV", help="also write the rejection report here")
    p.set_defaults(func=_validate)


def _validate(args: argparse.Namespace) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles, report = read_corpus(args.path, errors="skip", lang=args.lang, report=True)
    if args.rejected:
        write_table(report, args.rejected, inputs=[args.path])
    langs = ", ".join(f"{k} {v}" for k, v in articles["lang"].value_counts().sort_index().items())
    print(f"{args.path}: {len(articles)} article(s) valid ({langs}); {len(report)} problem(s).")
    for row in report.itertuples(index=False):
        print(f"  {row.file} [{row.record}]: {row.problem}. Fix: {row.fix}")
    return 1 if len(report) else 0
