"""``framing figures``: every figure of the study, with a manifest of inputs and versions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..corpus import read_corpus
from ..study import load_study
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
    inputs.add_argument("--seed", type=int, default=0, help="seed of the bootstrap intervals (default: %(default)s)")
    output = p.add_argument_group("output")
    output.add_argument("-o", "--output", default="figures", help="output folder (default: %(default)s)")
    p.set_defaults(func=_figures)


def _figures(args: argparse.Namespace) -> int:
    from ..evaluate import read_gold
    from ..figures import save_figure
    from ..paper import paper_figures
    from ..pipeline import analyse

    resolve_inputs(args)
    study = load_study(args.study)
    corpus = Path(args.corpus)
    articles = read_corpus(corpus)
    run = analyse(articles, study)
    gold_path = Path(args.gold) if args.gold else Path(args.study).parent / "annotations" / "gold.csv"
    gold = read_gold(gold_path, study=study) if gold_path.is_file() else None
    figures = paper_figures(articles, run, study, gold=gold, seed=args.seed)
    out = Path(args.output)
    manifest = {"framing_version": package_version(), "versions": versions(), "git": git_state(ignore=out),
                "inputs": input_hashes(study, corpus), "articles": len(articles), "figures": {}}
    if gold is not None:
        manifest["inputs"][_relative(gold_path)] = sha256(gold_path)
    for name, item in figures.items():
        files = save_figure(item.figure, out / name)
        manifest["figures"][name] = {
            "files": {f.name: sha256(f) for f in files},
            "function": f"framing.figures.{item.function}",
            "parameters": item.parameters,
        }
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n",
                                       encoding="utf-8")
    print(f"wrote {len(figures)} figure(s) and MANIFEST.json to {out}/", file=sys.stderr)
    return 0


def _relative(path: Path) -> str:
    resolved, root = path.resolve(), Path.cwd().resolve()
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(path)
