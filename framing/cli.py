"""The ``framing`` command: validate, score, explain, figures (and the import commands).

Errors in the input are one clear line on standard error and exit code 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from .corpus import read_corpus, rejected
from .errors import FramingError
from .study import load_study

__all__ = ["main", "build_parser"]

_CHUNK = 500


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``framing`` command."""
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Measure how news coverage frames the competing accounts of a contested event.",
    )
    parser.add_argument("--version", action="version", version=f"framing {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a corpus and report every rejected record")
    p.add_argument("path", help="corpus folder, or a .csv, .jsonl or .parquet file")
    p.add_argument("--lang", help="language for records that give none (ISO 639-1)")
    p.add_argument("--rejected", metavar="CSV", help="also write the rejection report here")
    p.set_defaults(func=_validate)

    p = sub.add_parser("score", help="score every article of a corpus")
    p.add_argument("path", help="corpus folder, or a .csv, .jsonl or .parquet file")
    p.add_argument("--study", required=True, help="study YAML file")
    p.add_argument("-o", "--output", required=True, help="scores table (.csv or .parquet)")
    p.add_argument("--hits", metavar="FILE", help="also write the lexicon hits (.csv or .parquet)")
    p.add_argument("--sentences", metavar="FILE", help="also write the sentences (.csv or .parquet)")
    p.add_argument("--lang", help="language for records that give none (ISO 639-1)")
    p.add_argument("--skip-bad", action="store_true",
                   help="leave out bad records (see --rejected) instead of stopping")
    p.add_argument("--rejected", metavar="CSV", help="write the rejection report here")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=_score)

    p = sub.add_parser("explain", help="show the sentences and hits behind one article's scores")
    p.add_argument("doc_id")
    p.add_argument("--study", required=True, help="study YAML file")
    p.add_argument("--corpus", help="corpus (default: the articles/ folder beside the study file)")
    p.set_defaults(func=_explain)

    p = sub.add_parser("evaluate", help="compare the lexicon's sentence labels and article measures with the gold")
    p.add_argument("--study", required=True, help="study YAML file")
    p.add_argument("--gold", required=True, help="gold annotations CSV (see corpus/CODEBOOK.md)")
    p.add_argument("--corpus", help="corpus (default: the articles/ folder beside the study file)")
    p.add_argument("--by", default="lang,split", help="metadata columns to break results down by "
                   "(comma-separated; default: %(default)s)")
    p.add_argument("-o", "--output", help="also write the full table (.csv)")
    p.set_defaults(func=_evaluate)

    p = sub.add_parser("figures", help="write every figure of the study, with a manifest")
    p.add_argument("--study", default="corpus/study.yaml", help="study YAML file (default: %(default)s)")
    p.add_argument("--corpus", help="corpus (default: the articles/ folder beside the study file)")
    p.add_argument("-o", "--output", default="figures", help="output folder (default: %(default)s)")
    p.set_defaults(func=_figures)

    try:
        from . import cli_imports
    except ImportError:  # pragma: no cover - the import commands are optional
        cli_imports = None
    if cli_imports is not None:
        cli_imports.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``framing`` command; return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (FramingError, FileNotFoundError, KeyError) as err:
        message = err.args[0] if isinstance(err, KeyError) and err.args else str(err)
        print(f"framing {args.command}: error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"framing {args.command}: interrupted", file=sys.stderr)
        return 130


# -- commands -------------------------------------------------------------------

def _validate(args: argparse.Namespace) -> int:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = read_corpus(args.path, errors="skip", lang=args.lang)
    report = rejected(articles)
    if args.rejected:
        report.to_csv(args.rejected, index=False)
    langs = ", ".join(f"{k} {v}" for k, v in articles["lang"].value_counts().sort_index().items())
    print(f"{args.path}: {len(articles)} article(s) valid ({langs}); {len(report)} problem(s).")
    for row in report.itertuples(index=False):
        print(f"  {row.file} [{row.record}]: {row.problem}. Fix: {row.fix}")
    return 1 if len(report) else 0


def _score(args: argparse.Namespace) -> int:
    import warnings

    from tqdm.auto import tqdm

    from .pipeline import analyse

    study = load_study(args.study)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = read_corpus(args.path, errors="skip" if args.skip_bad else "raise", lang=args.lang)
    report = rejected(articles)
    if args.rejected:
        report.to_csv(args.rejected, index=False)
    parts: dict[str, list[pd.DataFrame]] = {"scores": [], "hits": [], "sentences": []}
    with tqdm(total=len(articles), unit="article", disable=args.no_progress or None,
              desc="scoring", file=sys.stderr) as bar:
        for start in range(0, len(articles), _CHUNK):
            run = analyse(articles.iloc[start:start + _CHUNK], study)
            parts["scores"].append(run.scores)
            if args.hits:
                parts["hits"].append(run.hits)
            if args.sentences:
                parts["sentences"].append(run.sentences)
            bar.update(len(run.scores))
    _write(pd.concat(parts["scores"], ignore_index=True), args.output)
    if args.hits:
        _write(pd.concat(parts["hits"], ignore_index=True), args.hits)
    if args.sentences:
        _write(pd.concat(parts["sentences"], ignore_index=True), args.sentences)
    print(f"scored {len(articles)} article(s) -> {args.output}"
          + (f"; {len(report)} record(s) rejected" if len(report) else ""), file=sys.stderr)
    return 0


def _explain(args: argparse.Namespace) -> int:
    from .pipeline import analyse, explain

    study = load_study(args.study)
    articles = read_corpus(args.corpus or Path(args.study).parent)
    article = articles[articles["doc_id"] == args.doc_id]
    if article.empty:
        raise KeyError(f"no article {args.doc_id!r} in the corpus ({len(articles)} articles).")
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


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluate import check_gold, evaluate, lexicon_labels, read_gold
    from .pipeline import analyse

    study = load_study(args.study)
    articles = read_corpus(args.corpus or Path(args.study).parent)
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
    table = evaluate(lexicon_labels(run.sentences, run.hits), gold, run.sentences, study,
                     groups=articles, by=by)
    if args.output:
        table.to_csv(args.output, index=False)
    print(format_evaluation(table, study))
    return 0


def format_evaluation(table: pd.DataFrame, study) -> str:
    """The headline figures of an evaluation table, one row per group, as text."""
    metrics = [f"f1[{s}]" for s in study.side_ids] + ["f1[both]", "f1[none]", "macro_f1"] + \
        [f"presence_accuracy[{s}]" for s in study.side_ids] + ["primacy_accuracy"]
    wide = table[table["metric"].isin(metrics)].pivot_table(index="group", columns="metric", values="value",
                                                            sort=False)
    sizes = table[table["metric"] == "accuracy"].set_index("group")["n"].rename("sentences")
    articles = table[table["metric"] == "primacy_accuracy"].set_index("group")["n"].rename("articles")
    wide = pd.concat([sizes, articles, wide[[m for m in metrics if m in wide]]], axis=1)
    return wide.to_string(float_format=lambda v: f"{v:.2f}", na_rep="-")


def _figures(args: argparse.Namespace) -> int:
    from .figures import fig_salience_prominence, save_figure
    from .pipeline import analyse

    study = load_study(args.study)
    corpus = Path(args.corpus) if args.corpus else Path(args.study).parent
    articles = read_corpus(corpus)
    run = analyse(articles, study)
    out = Path(args.output)
    figures = {
        "salience_prominence": (fig_salience_prominence(run.scores, study),
                                {"label": "doc_id", "order": "balance"}),
    }
    manifest = {"framing_version": _version(), "versions": _versions(), "git": _git(),
                "inputs": _inputs(study, corpus), "figures": {}}
    for name, (fig, params) in figures.items():
        files = save_figure(fig, out / name)
        manifest["figures"][name] = {
            "files": {f.name: _sha256(f) for f in files},
            "function": f"framing.figures.fig_{name}",
            "parameters": params,
            "articles": len(articles),
        }
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n",
                                       encoding="utf-8")
    print(f"wrote {len(figures)} figure(s) and MANIFEST.json to {out}/", file=sys.stderr)
    return 0


# -- helpers --------------------------------------------------------------------

def _write(table: pd.DataFrame, path: str) -> None:
    target = Path(path)
    if target.suffix.lower() == ".parquet":
        table.to_parquet(target, index=False)
    elif target.suffix.lower() == ".csv":
        table.to_csv(target, index=False)
    else:
        raise FramingError(f"cannot write {target}: give a .csv or .parquet file name.")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _inputs(study, corpus: Path) -> dict[str, str]:
    files = [study.path, *study.lexicon_paths.values()]
    corpus = corpus / "articles" if (corpus / "articles").is_dir() else corpus
    files += sorted(corpus.glob("*.md")) if corpus.is_dir() else [corpus]
    root = Path.cwd().resolve()
    out = {}
    for file in files:
        resolved = Path(file).resolve()
        name = str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(file)
        out[name] = _sha256(resolved)
    return out


def _version() -> str:
    try:
        return version("framing")
    except PackageNotFoundError:  # running from a source tree
        return "unknown"


def _versions() -> dict[str, str]:
    out = {"python": sys.version.split()[0]}
    for name in ["pandas", "numpy", "matplotlib", "nltk", "scikit-learn", "pyyaml"]:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def _git() -> dict[str, object]:
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                                check=True, timeout=10).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                                    capture_output=True, text=True, check=True, timeout=10).stdout.strip())
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": dirty}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
