"""Helpers the subcommands share: versions, hashes, git state, the study's corpus."""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

__all__ = ["package_version", "versions", "git_state", "sha256", "input_hashes", "default_corpus", "DEFAULT_CORPUS",
           "add_command", "add_corpus", "add_study", "resolve_inputs", "default_study"]

#: The corpus of commands whose corpus is optional: the study folder of this repository's layout.
DEFAULT_CORPUS = "corpus"


def add_command(sub: argparse._SubParsersAction, name: str, help: str, examples: list[str]
                ) -> argparse.ArgumentParser:
    """A subcommand with a description and an ``examples:`` epilog, shown as written."""
    epilog = "examples:\n" + "\n".join(f"  {line}" for line in examples)
    return sub.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".", epilog=epilog,
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def add_corpus(group, *, required: bool = True) -> None:
    """The corpus, positional in every command; optional (default ``corpus/``) where stated."""
    what = "corpus folder (of .md articles, or of .csv/.jsonl/.parquet shards), or one table file"
    if required:
        group.add_argument("corpus", help=what)
    else:
        group.add_argument("corpus", nargs="?", default=None, help=f"{what} (default: {DEFAULT_CORPUS}/)")
        # the old spelling, kept working
        group.add_argument("--corpus", dest="corpus_option", help=argparse.SUPPRESS)


def add_study(group) -> None:
    """``--study``, the same in every command: by default the study.yaml of the corpus folder or its parent."""
    group.add_argument("--study", help="study YAML file (default: study.yaml in the corpus folder, "
                       "or in the folder above it)")


def default_study(corpus: str | Path) -> Path:
    """The study file of a corpus: ``study.yaml`` in the corpus folder, else in the folder above.

    ``corpus/`` gives ``corpus/study.yaml``; ``corpus/articles`` and
    ``corpus/articles.csv`` give it too.
    """
    from ..errors import StudyError

    corpus = Path(corpus)
    folder = corpus if corpus.is_dir() else corpus.parent
    candidates = [folder / "study.yaml", folder.parent / "study.yaml"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise StudyError(f"No --study given and no study file at {' or '.join(map(str, candidates))}. "
                     "Pass --study STUDY.yaml.")


def resolve_inputs(args: argparse.Namespace) -> None:
    """Fill in ``args.corpus`` and ``args.study`` where they were left out.

    An optional corpus defaults to the study's folder (``read_corpus`` finds
    ``articles/`` there), or ``corpus/`` without ``--study``; ``--study``
    defaults to :func:`default_study` of the corpus.
    """
    option = getattr(args, "corpus_option", None)
    if option and args.corpus and option != args.corpus:
        from ..errors import FramingError

        raise FramingError(f"two corpora given ({args.corpus} and --corpus {option}); give one.")
    study_folder = str(Path(args.study).parent) if getattr(args, "study", None) else None
    args.corpus = args.corpus or option or study_folder or DEFAULT_CORPUS
    if getattr(args, "study", "unset") is None:
        args.study = str(default_study(args.corpus))


def default_corpus(study_path: str | Path, corpus: str | None) -> Path:
    """The corpus given, or the folder of the study file (read_corpus finds articles/ there)."""
    return Path(corpus) if corpus else Path(study_path).parent


def sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def input_hashes(study, corpus: Path) -> dict[str, str]:
    """Hashes of the study file, its lexicons and every article, keyed by path."""
    files = [study.path, *study.lexicon_paths.values()]
    corpus = corpus / "articles" if (corpus / "articles").is_dir() else corpus
    files += sorted(corpus.glob("*.md")) if corpus.is_dir() else [corpus]
    root = Path.cwd().resolve()
    out = {}
    for file in files:
        resolved = Path(file).resolve()
        name = str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(file)
        out[name] = sha256(resolved)
    return out


def package_version() -> str:
    """The installed version of framing."""
    try:
        return version("framing")
    except PackageNotFoundError:  # running from a source tree
        from ..version import __version__

        return __version__


def versions() -> dict[str, str]:
    """Versions of Python and of the libraries that shape results."""
    out = {"python": sys.version.split()[0]}
    for name in ["pandas", "numpy", "matplotlib", "nltk", "scikit-learn", "pyyaml"]:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_state(*, ignore: str | Path | None = None) -> dict[str, object]:
    """The commit the outputs are made from, and whether tracked files differ from it (None outside git).

    Changes under ``ignore`` (the folder being written, e.g. figures/) do not
    count, and the commit is the last one that changed anything else: so
    writing the figures twice records the same state, and so does committing
    the figures and writing them again.
    """
    try:
        exclude = ["--", ".", f":(exclude){Path(ignore).resolve()}"] if ignore is not None else []
        commit = subprocess.run(["git", "log", "-1", "--format=%H", *exclude], capture_output=True, text=True,
                                check=True, timeout=10).stdout.strip()
        command = ["git", "status", "--porcelain", "--untracked-files=no", *exclude]
        dirty = bool(subprocess.run(command, capture_output=True, text=True, check=True,
                                    timeout=10).stdout.strip())
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": dirty}
