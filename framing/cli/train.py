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
        "framing train corpus/ --gold corpus/annotations/gold.csv --select --splits dev,test -o final.skops",
        "framing train corpus/ --gold corpus/annotations/gold.csv --kind logreg --hybrid --multilabel "
        "--splits dev,test -o final.skops",
    ])
    inputs = p.add_argument_group("input")
    add_corpus(inputs, required=False)
    add_study(inputs)
    inputs.add_argument("--gold", required=True, help="gold annotations CSV (see corpus/CODEBOOK.md)")
    inputs.add_argument("--splits", "--split", dest="splits", default="dev",
                        help="train on the articles of these splits, comma-separated (e.g. dev,test), or 'all' "
                             "for every coded article (default: %(default)s)")
    model = p.add_argument_group("model")
    model.add_argument("--kind", choices=KINDS, default="logreg",
                       help="logistic regression, linear SVM or naive Bayes (default: %(default)s)")
    model.add_argument("-C", "--C", dest="C", type=float, default=10.0,
                       help="inverse regularisation strength (default: %(default)s)")
    model.add_argument("--hybrid", "--lexicon-features", dest="hybrid", action="store_true",
                       help="the hybrid method: add the hits of the study's frozen rule lexicons (per language, "
                            "counted as the lexicon counts them) as features")
    model.add_argument("--context", action="store_true",
                       help="add the neighbouring sentences (previous and next in the article) as features")
    model.add_argument("--multilabel", action="store_true",
                       help="one binary classifier per side: 'both' when several fire, 'none' when none does")
    model.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    select = p.add_argument_group("model selection")
    select.add_argument("--select", action="store_true",
                        help="choose kind, C, hybrid, context and multilabel by nested grouped cross-validation "
                             "on the dev split only (overrides those options), print the outer-fold estimate, "
                             "then train the chosen configuration on --splits")
    select.add_argument("--outer", type=int, default=5, help="outer folds of --select (default: %(default)s)")
    select.add_argument("--inner", type=int, default=3, help="inner folds of --select (default: %(default)s)")
    select.add_argument("--selection", metavar="FILE", help="with --select, write every fold's scores here")
    compare = p.add_argument_group("comparison with the lexicon")
    compare.add_argument("--compare", action="store_true",
                         help="also print lexicon, classifier, hybrid (and the trained configuration) F1 per "
                              "language side by side: cross-validated on dev, and trained on dev for test")
    compare.add_argument("--folds", type=int, default=5, help="folds of articles for --compare (default: %(default)s)")
    compare.add_argument("--metrics", metavar="FILE", help="with --compare, write every metric with its interval here")
    output = p.add_argument_group("output")
    output.add_argument("-o", "--output", required=True, help="model file to write (.skops)")
    p.set_defaults(func=_train)


def _train(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..classify import (candidate_configs, candidate_models, comparison_table, evaluate_methods,
                            make_classifier, model_from_config, training_data_hash, training_table)
    from ..evaluate import lexicon_labels, read_gold, select_model
    from ..features import model_input
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
    known = sorted(table["split"].unique())
    splits = known if args.splits.strip() == "all" else [s.strip() for s in args.splits.split(",") if s.strip()]
    for split in splits:
        if split not in known:
            raise FramingError(f"No coded article has split {split!r} (splits: {', '.join(known)}); "
                               "choose among them, comma-separated, or --splits all.")
    rows = table[table["split"].isin(splits)]
    if rows["label"].nunique() < 2:
        raise FramingError(f"The split(s) {', '.join(splits)} have one label only ({rows['label'].iloc[0]}); "
                           "a classifier needs sentences of at least two labels.")
    config = {"kind": args.kind, "C": args.C, "hybrid": bool(args.hybrid), "context": bool(args.context),
              "multilabel": bool(args.multilabel)}
    if args.select:
        dev = table[table["split"] == "dev"]
        if dev.empty:
            raise FramingError(f"--select chooses on the dev split, and no coded article has it (splits: "
                               f"{', '.join(known)}).")
        configs = candidate_configs()
        chosen, scores, _ = select_model(dev, candidate_models(study, seed=args.seed, configs=configs),
                                         outer=args.outer, inner=args.inner, seed=args.seed)
        config = configs[chosen]
        outer = scores[(scores["fold"] >= 0) & scores["chosen"]]
        if args.selection:
            write_table(scores, args.selection, inputs=[args.gold])
        print(f"selected {chosen!r} by {args.inner}-fold grouped CV on dev; nested {args.outer}-fold estimate of "
              f"the selection: macro-F1 {outer['outer_macro_f1'].mean():.3f} (folds "
              f"{', '.join(f'{v:.2f}' for v in outer['outer_macro_f1'])}; chosen there: "
              f"{'; '.join(outer['candidate'])})", file=sys.stderr)
    model = model_from_config(config, study, seed=args.seed)
    model.fit(model_input(model, rows), rows["label"])
    labels = [label for label in [*study.side_ids, "both", "none"] if label in set(model.classes_)]
    split = ",".join(splits)
    path = save_model(model, args.output, study=study, labels=labels, training_data_hash=training_data_hash(rows),
                      extra={**config, "seed": args.seed, "split": split, "selected": bool(args.select),
                             "sentences": len(rows), "articles": int(rows["doc_id"].nunique())})
    print(f"trained {args.kind if not args.select else config['kind']} ({_describe(config)}) on {len(rows)} "
          f"sentence(s) of {rows['doc_id'].nunique()} article(s) (split {split}; labels {', '.join(labels)}) "
          f"-> {path}", file=sys.stderr)
    if args.compare:
        lexicon = lexicon_labels(sentences, match(sentences, study))
        models = {"classifier": make_classifier(config["kind"], seed=args.seed, C=config["C"]),
                  "hybrid": make_classifier(config["kind"], seed=args.seed, C=config["C"], lexicon=study)}
        if config["context"] or config["multilabel"]:
            models["trained"] = model_from_config(config, study, seed=args.seed)
        _, metrics, agreement = evaluate_methods(models, table, lexicon, gold,
                                                 label_order=[*study.side_ids, "both", "none"],
                                                 n_splits=args.folds, seed=args.seed)
        if args.metrics:
            write_table(metrics, args.metrics, inputs=[args.gold])
        with pd.option_context("display.width", 250, "display.max_columns", 50):
            print(comparison_table(metrics, agreement).to_string(index=False, float_format=lambda v: f"{v:.2f}",
                                                                 na_rep="-"))
    return 0


def _describe(config: dict) -> str:
    flags = [name for name in ("hybrid", "context", "multilabel") if config.get(name)]
    return f"C={config['C']:g}" + "".join(f", {flag}" for flag in flags)
