"""``framing score`` and ``framing explain``: article measures, and the sentences behind them."""

from __future__ import annotations

import argparse
import sys

from ..corpus import read_corpus
from ..errors import FramingError
from ..stream import DEFAULT_CHUNK_SIZE
from ..study import load_study
from ..parallel import ENGINES
from ..scoring import METHODS
from ..tables import check_outputs
from .common import add_command, add_corpus, add_study, resolve_inputs

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "score", "score every article of a corpus", [
        "framing score corpus/ -o scores.csv",
        "framing score shards/ --study corpus/study.yaml -o scores.parquet --jobs 2 --skip-bad --rejected bad.csv",
        "framing score corpus/ -o scores.csv --method both --model model.skops",
        "framing score shards/ -o scores.parquet --engine dask --scheduler tcp://host:8786",
    ])
    inputs = p.add_argument_group("input")
    add_corpus(inputs)
    add_study(inputs)
    inputs.add_argument("--lang", help="language for records that give none (ISO 639-1)")
    inputs.add_argument("--skip-bad", action="store_true",
                        help="leave out bad records (see --rejected) instead of stopping")
    method = p.add_argument_group("method")
    method.add_argument("--method", choices=METHODS, default="lexicon",
                        help="whose sentence labels make the scores: the lexicon (default), a trained "
                             "classifier (--model), or both, stacked with a method column")
    method.add_argument("--model", metavar="SKOPS", help="model file from framing train (for --method "
                        "classifier or both)")
    method.add_argument("--no-attribution", action="store_true",
                        help="skip reported speech and the voice measures (about three times faster)")
    output = p.add_argument_group("output")
    output.add_argument("-o", "--output", required=True, help="scores table (.csv, .jsonl or .parquet)")
    output.add_argument("--hits", metavar="FILE", help="also write the lexicon hits")
    output.add_argument("--sentences", metavar="FILE", help="also write the sentences")
    output.add_argument("--rejected", metavar="FILE", help="write the rejection report here")
    output.add_argument("--no-progress", action="store_true", help="no progress bar")
    engine = p.add_argument_group("engine")
    engine.add_argument("--engine", choices=ENGINES, default="local",
                        help="local: stream chunks through --jobs processes (default); "
                             "dask: score partitions on a Dask cluster (pip install 'framing[dask]')")
    engine.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                        help="worker processes (default 1); results are identical for any N")
    engine.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE, metavar="N",
                        help=f"articles read and scored at a time (default {DEFAULT_CHUNK_SIZE})")
    engine.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask: the address of a running dask.distributed scheduler "
                             "(default: a local cluster of --jobs workers)")
    p.set_defaults(func=_score)

    p = add_command(sub, "explain", "show the sentences and hits behind one article's scores", [
        "framing explain 000_9cd90cb41eb6c02b",
        "framing explain corpus/ 000_9cd90cb41eb6c02b --study corpus/study.yaml",
    ])
    inputs = p.add_argument_group("input")
    add_corpus(inputs, required=False)
    inputs.add_argument("doc_id", help="the article to explain")
    add_study(inputs)
    p.set_defaults(func=_explain)


def _score(args: argparse.Namespace) -> int:
    resolve_inputs(args)
    check_outputs({"-o": args.output, "--hits": args.hits, "--sentences": args.sentences, "--rejected": args.rejected},
                  inputs=[args.corpus, args.study, args.model])
    if args.jobs < 1:
        raise FramingError(f"invalid value {args.jobs} for --jobs; give a whole number of at least 1.")
    if args.chunk_size < 1:
        raise FramingError(f"invalid value {args.chunk_size} for --chunk-size; give a whole number of at least 1.")
    if args.scheduler and args.engine != "dask":
        raise FramingError("--scheduler needs --engine dask.")
    if args.engine == "dask" and (args.hits or args.sentences):
        raise FramingError("--hits and --sentences are written by --engine local only; "
                           "drop them, or score with --engine local --jobs N.")
    load_study(args.study)  # a bad study file fails before any input is read
    if args.method != "lexicon" and not args.model:
        raise FramingError(f"--method {args.method} needs --model MODEL.skops; train one with "
                           "framing train --study ... --gold ... -o MODEL.skops.")
    if args.engine == "dask":
        from ..distributed import score_files

        summary = score_files(args.corpus, args.study, args.output, scheduler=args.scheduler,
                              n_workers=args.jobs, chunk_size=args.chunk_size,
                              errors="skip" if args.skip_bad else "raise", lang=args.lang,
                              rejected=args.rejected, progress=not args.no_progress,
                              attribution=not args.no_attribution, method=args.method, model=args.model)
    else:
        from ..parallel import score_corpus

        summary = score_corpus(args.corpus, args.study, args.output, jobs=args.jobs,
                               chunk_size=args.chunk_size, errors="skip" if args.skip_bad else "raise",
                               lang=args.lang, hits=args.hits, sentences=args.sentences,
                               rejected=args.rejected, progress=not args.no_progress,
                               method=args.method, model=args.model, attribution=not args.no_attribution)
    report = summary.rejected
    print(f"scored {summary.n_articles} article(s) -> {args.output}"
          + (f"; {len(report)} record(s) rejected" if len(report) else ""), file=sys.stderr)
    return 0


def _explain(args: argparse.Namespace) -> int:
    resolve_inputs(args)
    from ..pipeline import analyse, explain

    study = load_study(args.study)
    articles = read_corpus(args.corpus)
    article = articles[articles["doc_id"] == args.doc_id]
    if article.empty:
        raise FramingError(f"no article {args.doc_id!r} in the corpus ({len(articles)} articles).")
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
