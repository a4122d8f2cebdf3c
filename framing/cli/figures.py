"""``framing figures``: every figure of the study, with a manifest of inputs and versions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..corpus import read_corpus
from ..study import load_study
from ..tables import write_file
from .common import add_command, add_corpus, add_study, resolve_inputs, git_state, input_hashes, package_version, sha256, versions

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "figures", "write every figure of the study, with a manifest", [
        "framing figures",
        "framing figures corpus/ --study corpus/study.yaml -o figures --seed 0",
    ])
    inputs = p.add_argument_group("input")
    add_corpus(inputs, required=False)
    add_study(inputs)
    inputs.add_argument("--gold", help="gold annotations for the lexicon-vs-classifier figure "
                        "(default: annotations/gold.csv beside the study file, when present)")
    inputs.add_argument("--figures", help="figures file: which figures, grouped how, with the groups' names "
                        "(default: figures.yaml beside the study file, else every study's default set)")
    inputs.add_argument("--seed", type=int, default=0, help="seed of the bootstrap intervals (default: %(default)s)")
    output = p.add_argument_group("output")
    output.add_argument("-o", "--output", default="figures", help="output folder (default: %(default)s)")
    p.set_defaults(func=_figures)


def _figures(args: argparse.Namespace) -> int:
    import matplotlib

    # The command only writes files: the one place in framing that picks a backend.
    matplotlib.use("Agg")
    from ..evaluate import read_gold
    from ..figures import save_figure
    from ..paper import load_figure_plan, paper_figures
    from ..progress import progress
    from ..pipeline import analyse

    resolve_inputs(args)
    study = load_study(args.study)
    corpus = Path(args.corpus)
    articles = read_corpus(corpus)
    run = analyse(articles, study)
    gold_path = Path(args.gold) if args.gold else Path(args.study).parent / "annotations" / "gold.csv"
    gold = read_gold(gold_path, study=study) if gold_path.is_file() else None
    plan = load_figure_plan(study, args.figures)
    figures = paper_figures(articles, run, study, gold=gold, plan=plan, seed=args.seed)
    out = Path(args.output)
    manifest = {"framing_version": package_version(), "versions": versions(), "git": git_state(ignore=out),
                "inputs": input_hashes(study, corpus), "articles": len(articles), "figures": {}}
    for extra in [gold_path if gold is not None else None, plan.path]:
        if extra is not None:
            manifest["inputs"][_relative(extra)] = sha256(extra)
    skipped = {name: item.skipped for name, item in figures.items() if item.figure is None}
    if skipped:
        manifest["skipped"] = skipped
    for name, reason in skipped.items():
        print(f"skipped {name}: {reason}", file=sys.stderr)
    figures = {name: item for name, item in figures.items() if item.figure is not None}
    for name, item in progress(figures.items(), desc="saving", total=len(figures)):
        files = save_figure(item.figure, out / name)
        manifest["figures"][name] = {
            "files": {f.name: sha256(f) for f in files},
            "function": f"framing.figures.{item.function}",
            "parameters": item.parameters,
        }
    write_file(json.dumps(manifest, indent=2, sort_keys=True) + "\n", out / "MANIFEST.json")
    print(f"wrote {len(figures)} figure(s) and MANIFEST.json to {out}/", file=sys.stderr)
    return 0


def _relative(path: Path) -> str:
    resolved, root = path.resolve(), Path.cwd().resolve()
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(path)
