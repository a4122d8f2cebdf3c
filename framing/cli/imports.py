"""The import-dictionary, import-corpus and import-annotations subcommands of the framing CLI."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import pandas as pd

from ..annotations import read_annotations
from ..dictionaries import DICTIONARY_FORMATS, read_dictionary, write_dictionary
from ..errors import FormatError, FramingError, rejection_report
from ..exports import EXPORT_FORMATS, combine_exports, read_export
from ..tables import check_outputs, write_table

__all__ = ["register"]


def _import_dictionary(args: argparse.Namespace) -> int:
    check_outputs({"-o": args.output}, inputs=[args.input])
    dictionary = read_dictionary(args.input, format=args.from_format, encoding=args.encoding)
    out = write_dictionary(dictionary, args.output, format=args.to_format)
    entries = sum(len(v) for v in dictionary.values())
    print(f"{len(dictionary)} categories, {entries} entries: {args.input} -> {out}")
    return 0


def _write_rejected(report: pd.DataFrame, path: str | None, inputs) -> str:
    if path:
        write_table(report, path, inputs=inputs)
        return f" (listed in {path})"
    return " (pass --rejected FILE.csv to list them)" if len(report) else ""


def _import_corpus(args: argparse.Namespace) -> int:
    check_outputs({"-o": args.output, "--rejected": args.rejected}, inputs=args.inputs)
    frames = [read_export(path, format=args.format) for path in args.inputs]
    corpus = combine_exports(frames)
    report = rejection_report(corpus.attrs.get("rejected", []))
    write_table(corpus, args.output, inputs=args.inputs)
    where = _write_rejected(report, args.rejected, args.inputs)
    print(
        f"{len(corpus)} articles from {len(args.inputs)} file(s) written to {args.output}; "
        f"{len(report)} record(s) rejected{where}"
    )
    return 0


def _import_annotations(args: argparse.Namespace) -> int:
    check_outputs({"-o": args.output, "--spans": args.spans, "--rejected": args.rejected}, inputs=[args.input])
    labels, spans = read_annotations(args.input, format=args.format)
    report = rejection_report(labels.attrs.get("rejected", []))
    write_table(labels, args.output, inputs=[args.input])
    message = f"{len(labels)} labels written to {args.output}"
    if args.spans:
        write_table(spans, args.spans, inputs=[args.input])
        message += f", {len(spans)} spans to {args.spans}"
    elif len(spans):
        message += f" ({len(spans)} spans not written: pass --spans FILE.csv)"
    where = _write_rejected(report, args.rejected, [args.input])
    print(f"{message}; {len(report)} annotation(s) or span(s) rejected{where}")
    return 0


def _checked(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn file-system errors into FramingError so that main() reports them in one line."""

    def run(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except FramingError:
            raise
        except OSError as exc:
            raise FormatError(
                f"Cannot access {exc.filename}: {exc.strerror}. Check the path and permissions."
            ) from None

    run.__doc__ = func.__doc__
    return run


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``import-dictionary``, ``import-corpus`` and ``import-annotations`` to the CLI.

    Each subcommand sets ``func``, which takes the parsed arguments and returns an exit
    code; problems with the inputs raise :class:`framing.errors.FramingError`.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The object returned by ``parser.add_subparsers()``.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="framing")
    >>> register(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["import-dictionary", "in.dic", "-o", "out.yml"]).output
    'out.yml'
    """
    formats = ", ".join(DICTIONARY_FORMATS)
    p = subparsers.add_parser(
        "import-dictionary",
        help="convert a dictionary between LIWC, LIWC-22, quanteda, Lexicoder and WordStat",
        description="Convert a dictionary; the formats follow the extensions (.dic, .dicx, "
        ".yml/.yaml, .lc3, .cat).",
    )
    p.add_argument("input", metavar="IN", help="dictionary file to read")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="dictionary file to write")
    p.add_argument("--from-format", choices=list(DICTIONARY_FORMATS), help=f"input format ({formats})")
    p.add_argument("--to-format", choices=list(DICTIONARY_FORMATS), help=f"output format ({formats})")
    p.add_argument("--encoding", help="input encoding (default: UTF-8, else Windows-1252)")
    p.set_defaults(func=_checked(_import_dictionary))

    p = subparsers.add_parser(
        "import-corpus",
        help="read Nexis Uni, LexisNexis, Factiva or MediaCloud exports into a corpus table",
        description="Read news-database exports into one corpus table (.csv, .jsonl or .parquet).",
    )
    p.add_argument("inputs", metavar="IN", nargs="+", help="export files (.docx .txt .html .rtf .csv)")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="corpus table to write")
    p.add_argument("--format", choices=list(EXPORT_FORMATS), help="force one reader for every input")
    p.add_argument("--rejected", metavar="REJ", help="write the rejected records here (.csv)")
    p.set_defaults(func=_checked(_import_corpus))

    p = subparsers.add_parser(
        "import-annotations",
        help="read Label Studio (.json) or doccano (.jsonl) annotations as gold labels",
        description="Read annotations into a gold-label table and, optionally, a span table.",
    )
    p.add_argument("input", metavar="IN", help="Label Studio .json or doccano .jsonl export")
    p.add_argument("-o", "--output", metavar="GOLD", required=True, help="gold labels to write (.csv)")
    p.add_argument("--spans", metavar="SPANS", help="span annotations to write (.csv)")
    p.add_argument("--rejected", metavar="REJ", help="write the rejected annotations here (.csv)")
    p.add_argument("--format", choices=["label_studio", "doccano"], help="default: from the extension")
    p.set_defaults(func=_checked(_import_annotations))
