"""``framing evaluate``: the lexicon method against the gold annotations."""

from __future__ import annotations

import argparse

import pandas as pd

from ..corpus import read_corpus
from ..errors import FramingError
from ..study import load_study
from ..tables import check_outputs, write_table
from .common import add_command, add_corpus, add_study, resolve_inputs

__all__ = ["register", "format_evaluation", "format_agreement", "format_by_tag"]


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "evaluate", "compare each method's sentence labels and article measures with the gold", [
        "framing evaluate --gold corpus/annotations/gold.csv",
        "framing evaluate corpus/ --gold corpus/annotations/gold.csv --by lang -o evaluation.csv",
        "framing evaluate corpus/ --gold corpus/annotations/gold.csv --model model.skops",
    ])
    inputs = p.add_argument_group("input")
    add_corpus(inputs, required=False)
    add_study(inputs)
    inputs.add_argument("--gold", required=True, help="gold annotations CSV (see corpus/CODEBOOK.md)")
    inputs.add_argument("--model", help="a trained classifier (framing train): evaluate it beside the lexicon")
    inputs.add_argument("--by", default="lang,split", help="metadata columns to break results down by "
                        "(comma-separated; default: %(default)s)")
    output = p.add_argument_group("output")
    output.add_argument("-o", "--output", help="also write the full table (.csv, .jsonl or .parquet)")
    p.set_defaults(func=_evaluate)


def _evaluate(args: argparse.Namespace) -> int:
    from ..evaluate import (check_gold, evaluate, evaluate_by_tag, gold_scores, lexicon_labels, measure_agreement,
                            read_gold)
    from ..models import load_model
    from ..pipeline import analyse, classifier_labels

    resolve_inputs(args)
    check_outputs({"-o": args.output}, inputs=[args.corpus, args.study, args.gold, args.model])
    study = load_study(args.study)
    articles = read_corpus(args.corpus)
    gold = read_gold(args.gold, study=study)
    articles = articles[articles["doc_id"].isin(gold["doc_id"])]
    run = analyse(articles, study)
    drift = check_gold(gold, run.sentences)
    if len(drift):
        first = drift.iloc[0]
        raise FramingError(f"{args.gold}: the gold does not match the segmenter in {len(drift)} row(s), "
                           f"e.g. {first['doc_id']} sentence {first['sent_id']}: {first['problem']}. "
                           "Re-code those sentences or restore the segmentation they were coded on.")
    by = [c for c in args.by.split(",") if c]
    missing = [c for c in by if c not in articles]
    if missing:
        raise FramingError(f"--by names column(s) {', '.join(missing)} that the corpus does not have.")
    methods = {"lexicon": lexicon_labels(run.sentences, run.hits)}
    scores = run.scores
    if args.model:
        model = load_model(args.model, study=study)
        methods["classifier"] = classifier_labels(model, run.sentences)
        scores = analyse(articles, study, method="both", model=model).scores
    tables = []
    for name, labels in methods.items():
        table = evaluate(labels, gold, run.sentences, study, groups=articles, by=by, hits=run.hits)
        tables.append(table.assign(method=name))
        print(f"Method: {name} (sentence F1 and macro-F1; article presence accuracy, presence macro-F1, primacy)")
        print(format_evaluation(table, study))
        tagged = evaluate_by_tag(labels, gold, groups=articles, by="split" if "split" in articles else None)
        print(f"\nMethod: {name}, accuracy on the sentences the coders tagged as hard (n sentences)")
        print(format_by_tag(tagged))
        print()
    if args.output:
        write_table(pd.concat(tables, ignore_index=True), args.output, inputs=[args.corpus, args.gold])
    agreement = measure_agreement(scores, gold_scores(gold, run.sentences, study, hits=run.hits),
                                  by=[c for c in by if c in scores])
    print("\nContinuous measures against the gold (r: Pearson, rho: Spearman; MAE and bias = mean(method - gold), "
          "95% interval; none below 10 articles)")
    print(format_agreement(agreement))
    return 0


def format_agreement(table: pd.DataFrame) -> str:
    """:func:`framing.evaluate.measure_agreement` as text: one row per group and measure."""
    def cell(row: pd.Series) -> str:
        if pd.isna(row["value"]):
            return "-"
        text = f"{row['value']:+.2f}" if row["metric"] == "bias" else f"{row['value']:.2f}"
        return text + (f" [{row['low']:.2f}, {row['high']:.2f}]" if pd.notna(row["low"]) else "")
    shown = table.assign(text=table.apply(cell, axis=1))
    wide = shown.pivot_table(index=["group", "label"], columns="metric", values="text", aggfunc="first",
                             sort=False)
    n = table.groupby(["group", "label"], sort=False)["n"].first()
    wide = pd.concat([n, wide[[m for m in ("pearson", "spearman", "mae", "bias") if m in wide]]], axis=1)
    return wide.rename(columns={"pearson": "r", "spearman": "rho"}).to_string()


def format_by_tag(table: pd.DataFrame) -> str:
    """:func:`framing.evaluate.evaluate_by_tag` as text: one row per group, one column per tag."""
    if table.empty:
        return "(no tagged sentences)"
    text = [f"{v:.2f} ({n})" for v, n in zip(table["value"], table["n"])]
    return table.assign(text=text).pivot_table(index="group", columns="label", values="text", aggfunc="first",
                                               sort=False).fillna("-").to_string()


def format_evaluation(table: pd.DataFrame, study) -> str:
    """The headline figures of an evaluation table, one row per group, as text."""
    metrics = [f"f1[{s}]" for s in study.side_ids] + ["f1[both]", "f1[none]", "macro_f1"] + \
        [f"presence_accuracy[{s}]" for s in study.side_ids] + ["presence_macro_f1", "primacy_accuracy"]
    named = table.assign(metric=[m if label in ("all", "macro") else f"{m}[{label}]"
                                 for m, label in zip(table["metric"], table["label"])])
    wide = named[named["metric"].isin(metrics)].pivot_table(index="group", columns="metric", values="value",
                                                            sort=False)
    sizes = table[table["metric"] == "accuracy"].set_index("group")["n"].rename("sentences")
    articles = table[table["metric"] == "primacy_accuracy"].set_index("group")["n"].rename("articles")
    wide = pd.concat([sizes, articles, wide[[m for m in metrics if m in wide]]], axis=1)
    return wide.to_string(float_format=lambda v: f"{v:.2f}", na_rep="-")
