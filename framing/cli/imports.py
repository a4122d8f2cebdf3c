"""The import-dictionary, import-corpus, import-annotations and export-annotations subcommands of the framing CLI."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..annotations import (
    export_doccano,
    export_label_studio,
    read_annotations,
    task_articles,
    write_doccano,
    write_label_studio,
)
from ..dictionaries import DICTIONARY_FORMATS, read_dictionary, write_dictionary
from ..errors import FormatError, FramingError
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


def _markers(pairs: list[str] | None) -> dict[str, list[str]] | None:
    """``--marker KEY=LABEL`` options as the ``markers`` of the readers (a key may repeat)."""
    if not pairs:
        return None
    markers: dict[str, list[str]] = {}
    for pair in pairs:
        key, sep, label = pair.partition("=")
        if not sep or not key.strip() or not label.strip():
            raise FormatError(f"--marker {pair!r}: expected KEY=LABEL, e.g. --marker 'body=Texte'. "
                              "Repeat --marker for each label.")
        markers.setdefault(key.strip(), []).append(label.strip())
    return markers


def _import_corpus(args: argparse.Namespace) -> int:
    check_outputs({"-o": args.output, "--rejected": args.rejected}, inputs=args.inputs)
    markers = _markers(args.marker)
    read = [read_export(path, format=args.format, markers=markers, report=True) for path in args.inputs]
    corpus = combine_exports([table for table, _ in read])
    report = pd.concat([rejected for _, rejected in read], ignore_index=True)
    missing = corpus["lang"].isna() | (corpus["lang"].fillna("").str.strip() == "")
    if args.lang:
        if not re.fullmatch(r"[a-z]{2}", args.lang):
            raise FormatError(f"--lang {args.lang!r} is not an ISO 639-1 code; give two lower-case letters "
                              "such as en, fr or ru.")
        corpus.loc[missing, "lang"] = args.lang
    write_table(corpus, args.output, inputs=args.inputs)
    where = _write_rejected(report, args.rejected, args.inputs)
    print(
        f"{len(corpus)} articles from {len(args.inputs)} file(s) written to {args.output}; "
        f"{len(report)} record(s) rejected{where}"
    )
    if missing.any() and not args.lang:
        ids = ", ".join(corpus.loc[missing, "doc_id"].head(5))
        print(
            f"{int(missing.sum())} article(s) have no language ({ids}{', ...' if missing.sum() > 5 else ''}): the "
            "export names none, and `framing validate` will refuse them. Fix: run import-corpus again with "
            "--lang CODE (e.g. --lang en), which sets the language of the articles that lack one.",
            file=sys.stderr,
        )
    return 0


def _corpus_tables(path: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    from ..corpus import read_corpus
    from ..text import segment

    articles = read_corpus(path)
    return articles, segment(articles)


def _import_annotations(args: argparse.Namespace) -> int:
    inputs = [args.input] + ([args.corpus] if args.corpus else [])
    check_outputs({"-o": args.output, "--spans": args.spans, "--rejected": args.rejected,
                   "--articles": args.articles}, inputs=inputs)
    if args.corpus:
        articles, sentences = _corpus_tables(args.corpus)
        labels, spans, report = read_annotations(args.input, format=args.format, sentences=sentences,
                                                 articles=articles, report=True)
    else:
        labels, spans, report = read_annotations(args.input, format=args.format, report=True)
    write_table(labels, args.output, inputs=inputs)
    message = f"{len(labels)} labels written to {args.output}"
    if args.articles:
        if args.corpus:
            raise FormatError("--articles writes the articles a project seeds when there is no corpus; "
                              "drop --articles or drop --corpus.")
        seeded = task_articles(args.input, format=args.format)
        write_table(seeded, args.articles, inputs=inputs)
        message += f", {len(seeded)} articles to {args.articles}"
    if args.spans:
        write_table(spans, args.spans, inputs=inputs)
        message += f", {len(spans)} spans to {args.spans}"
    elif len(spans):
        message += f" ({len(spans)} spans not written: pass --spans FILE.csv)"
    where = _write_rejected(report, args.rejected, inputs)
    print(f"{message}; {len(report)} annotation(s) or span(s) rejected{where}")
    return 0


_TASK_FORMATS = {".json": "label_studio", ".jsonl": "doccano"}


def _export_annotations(args: argparse.Namespace) -> int:
    out = Path(args.output)
    kind = _TASK_FORMATS.get(out.suffix.lower())
    if kind is None:
        raise FormatError(f"Cannot write {out}: expected a Label Studio '.json' or a doccano '.jsonl' "
                          f"file name, got {out.suffix or 'no extension'!r}. Change the file name.")
    if out.resolve() == Path(args.corpus).resolve():
        raise FormatError(f"Refusing to write {out}: it is the corpus. Choose another output file.")
    _, sentences = _corpus_tables(args.corpus)
    if kind == "label_studio":
        labels = [x.strip() for x in args.labels.split(",") if x.strip()]
        write_label_studio(export_label_studio(sentences, labels=labels), out)
    else:
        write_doccano(export_doccano(sentences), out)
    print(f"{len(sentences)} sentence tasks written to {out}")
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
    """Add ``import-dictionary``, ``import-corpus``, ``import-annotations`` and ``export-annotations``.

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
    p.add_argument("--marker", action="append", metavar="KEY=LABEL",
                   help="a label the export uses instead of the default one, e.g. 'body=Texte' (repeatable)")
    p.add_argument("--lang", metavar="CODE", help="language (ISO 639-1, e.g. en) of the articles whose "
                   "export names none")
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
    p.add_argument("--corpus", metavar="CORPUS", help="the corpus the tasks were made from: tasks are "
                   "aligned to its sentences and articles by their text")
    p.add_argument("--articles", metavar="ARTICLES", help="without --corpus: write the tasks as articles "
                   "of a new corpus here (.csv, .jsonl or .parquet)")
    p.set_defaults(func=_checked(_import_annotations))

    p = subparsers.add_parser(
        "export-annotations",
        help="write one annotation task per sentence for Label Studio (.json) or doccano (.jsonl)",
        description="Segment a corpus and write one task per sentence, to import into Label Studio or "
        "doccano; import the tool's export back with import-annotations.",
    )
    p.add_argument("corpus", metavar="CORPUS", help="corpus folder or table file")
    p.add_argument("-o", "--output", metavar="TASKS", required=True, help="tasks to write (.json or .jsonl)")
    p.add_argument("--labels", default="kremlin,france,both,none",
                   help="comma-separated sentence labels offered in Label Studio (default: %(default)s)")
    p.set_defaults(func=_checked(_export_annotations))
