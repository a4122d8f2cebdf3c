"""``framing train``: fit a sentence classifier on the gold annotations and save it as a skops file."""

from __future__ import annotations

import argparse
import sys

from ..corpus import read_corpus
from ..errors import FramingError
from ..study import load_study
from ..tables import check_outputs, write_table
from ..models import KINDS
from .common import add_command, add_corpus, add_study, resolve_inputs

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "train", "train a sentence classifier on the gold annotations (saved with skops)", [
        "framing train --gold corpus/annotations/gold.csv -o model.skops",
        "framing train corpus/ --gold corpus/annotations/gold.csv --kind svm --compare --metrics f1.csv -o model.skops",
    ])
    inputs = p.add_argument_group("input")
    add_corpus(inputs, required=False)
    add_study(inputs)
    inputs.add_argument("--gold", required=True, help="gold annotations CSV (see corpus/CODEBOOK.md)")
    inputs.add_argument("--split", default="dev",
                        help="train on the articles of this split, or 'all' for every coded article "
                             "(default: %(default)s)")
    model = p.add_argument_group("model")
    model.add_argument("--kind", choices=KINDS, default="logreg",
                       help="logistic regression, linear SVM or naive Bayes (default: %(default)s)")
    model.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    model.add_argument("--lexicon-features", action="store_true",
                       help="add the study's lexicon category counts as features")
    compare = p.add_argument_group("comparison with the lexicon")
    compare.add_argument("--compare", action="store_true",
                         help="also print lexicon vs classifier F1 per language: cross-validated on dev, and on test")
    compare.add_argument("--folds", type=int, default=5, help="folds of articles for --compare (default: %(default)s)")
    compare.add_argument("--metrics", metavar="FILE", help="with --compare, write every metric with its interval here")
    output = p.add_argument_group("output")
    output.add_argument("-o", "--output", required=True, help="model file to write (.skops)")
    p.set_defaults(func=_train)


def _train(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..classify import (comparison_table, evaluate_methods, make_classifier, training_data_hash,
                            training_table)
    from ..evaluate import lexicon_labels, read_gold
    from ..models import save_model
    from ..scoring import match
    from ..text import segment

    resolve_inputs(args)
    check_outputs({"-o": args.output, "--metrics": args.metrics}, inputs=[args.corpus, args.study, args.gold])
    study = load_study(args.study)
    articles = read_corpus(args.corpus)
    gold = read_gold(args.gold, study=study)
    articles = articles[articles["doc_id"].isin(gold["doc_id"])]
    sentences = segment(articles)
    table = training_table(articles, sentences, gold)
    rows = table if args.split == "all" else table[table["split"] == args.split]
    if rows.empty:
        raise FramingError(f"No coded article has split {args.split!r} (splits: "
                           f"{', '.join(sorted(table['split'].unique()))}); choose one of them or --split all.")
    if rows["label"].nunique() < 2:
        raise FramingError(f"The {args.split} split has one label only ({rows['label'].iloc[0]}); "
                           "a classifier needs sentences of at least two labels.")
    model = make_classifier(args.kind, seed=args.seed, lexicon=study if args.lexicon_features else None)
    model.fit(rows["text"], rows["label"])
    labels = [label for label in [*study.side_ids, "both", "none"] if label in set(model.classes_)]
    path = save_model(model, args.output, study=study, labels=labels, training_data_hash=training_data_hash(rows),
                      extra={"kind": args.kind, "seed": args.seed, "split": args.split,
                             "lexicon_features": bool(args.lexicon_features),
                             "sentences": len(rows), "articles": int(rows["doc_id"].nunique())})
    print(f"trained {args.kind} on {len(rows)} sentence(s) of {rows['doc_id'].nunique()} article(s) "
          f"(split {args.split}; labels {', '.join(labels)}) -> {path}", file=sys.stderr)
    if args.compare:
        lexicon = lexicon_labels(sentences, match(sentences, study))
        _, metrics, agreement = evaluate_methods(make_classifier(args.kind, seed=args.seed,
                                                                 lexicon=study if args.lexicon_features else None),
                                                 table, lexicon, gold, label_order=[*study.side_ids, "both", "none"],
                                                 n_splits=args.folds, seed=args.seed)
        if args.metrics:
            write_table(metrics, args.metrics, inputs=[args.gold])
        with pd.option_context("display.width", 250, "display.max_columns", 50):
            print(comparison_table(metrics, agreement).to_string(index=False, float_format=lambda v: f"{v:.2f}",
                                                                 na_rep="-"))
    return 0
