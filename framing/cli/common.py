"""Helpers the subcommands share: versions, hashes, git state, the study's corpus."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

__all__ = ["package_version", "versions", "git_state", "sha256", "input_hashes", "default_corpus"]


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
    """The current commit and whether tracked files differ from it (None outside git).

    Changes under ``ignore`` (the folder being written, e.g. figures/) do not
    count, so that writing the figures twice records the same state.
    """
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                                check=True, timeout=10).stdout.strip()
        command = ["git", "status", "--porcelain", "--untracked-files=no"]
        if ignore is not None:
            command += ["--", ".", f":(exclude){Path(ignore).resolve()}"]
        dirty = bool(subprocess.run(command, capture_output=True, text=True, check=True,
                                    timeout=10).stdout.strip())
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": dirty}
