"""``framing figures``: every figure of the study, with a manifest of inputs and versions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..corpus import read_corpus
from ..study import load_study
from .common import default_corpus, git_state, input_hashes, package_version, sha256, versions

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("figures", help="write every figure of the study, with a manifest")
    p.add_argument("--study", default="corpus/study.yaml", help="study YAML file (default: %(default)s)")
    p.add_argument("--corpus", help="corpus (default: the articles/ folder beside the study file)")
    p.add_argument("-o", "--output", default="figures", help="output folder (default: %(default)s)")
    p.set_defaults(func=_figures)


def _figures(args: argparse.Namespace) -> int:
    from ..figures import fig_salience_prominence, save_figure
    from ..pipeline import analyse

    study = load_study(args.study)
    corpus = default_corpus(args.study, args.corpus)
    articles = read_corpus(corpus)
    run = analyse(articles, study)
    out = Path(args.output)
    figures = {
        "salience_prominence": (fig_salience_prominence(run.scores, study),
                                {"label": "doc_id", "order": "balance"}),
    }
    manifest = {"framing_version": package_version(), "versions": versions(), "git": git_state(),
                "inputs": input_hashes(study, corpus), "figures": {}}
    for name, (fig, params) in figures.items():
        files = save_figure(fig, out / name)
        manifest["figures"][name] = {
            "files": {f.name: sha256(f) for f in files},
            "function": f"framing.figures.fig_{name}",
            "parameters": params,
            "articles": len(articles),
        }
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n",
                                       encoding="utf-8")
    print(f"wrote {len(figures)} figure(s) and MANIFEST.json to {out}/", file=sys.stderr)
    return 0
