"""Errors raised by framing, and the shape of a rejection report.

Every error says what was expected, what arrived, and how to fix it. Records
that cannot be used are never dropped silently: they go into a *rejection
report*, a DataFrame with the columns of :data:`REJECTED_COLUMNS`.
"""

from __future__ import annotations

import pandas as pd

__all__ = [
    "FramingError",
    "CorpusError",
    "StudyError",
    "LexiconError",
    "DictionaryError",
    "FormatError",
    "DuplicateArticleError",
    "ModelFileError",
    "MissingDependencyError",
    "UnsupportedLanguageError",
    "ISSUES_URL",
    "REJECTED_COLUMNS",
    "check_choice",
    "invalid_choice",
    "rejection_report",
    "describe_rejections",
]

#: Where to report a bug: shown by the command line when something other than
#: a FramingError goes wrong (no public tracker address is known yet).
ISSUES_URL = "the project's issue tracker"

#: Columns of every rejection report: where, which record, what is wrong, how to fix it.
REJECTED_COLUMNS = ["file", "record", "problem", "fix"]


class FramingError(ValueError):
    """Base class of the errors framing raises about its inputs."""


class CorpusError(FramingError):
    """A corpus file or record cannot be read."""


class StudyError(FramingError):
    """A study definition is invalid."""


class LexiconError(FramingError):
    """A lexicon entry or lexicon file is invalid."""


class DictionaryError(FramingError):
    """A dictionary file (LIWC, quanteda, Lexicoder, WordStat) cannot be read or written."""


class FormatError(FramingError):
    """A news-database export or annotation file is not in the expected format."""


class DuplicateArticleError(FramingError):
    """An article appears more than once where each article must count once (e.g. in one group)."""


class ModelFileError(FramingError):
    """A model file is missing, damaged, untrusted or made for another study."""


class MissingDependencyError(FramingError, ImportError):
    """An optional dependency is not installed; the message says which extra to install."""


class UnsupportedLanguageError(FramingError):
    """Articles are in a language the study has no lexicon (or no verb file) for."""


def invalid_choice(name: str, value: object, choices, *, error: type[FramingError] = FramingError,
                   where: str = "") -> FramingError:
    """The error for a value that is not one of the allowed choices, in the one wording used everywhere.

    Parameters
    ----------
    name : str
        The option or field, as the user wrote it (``method``, ``--engine``,
        ``matching.overlap``).
    value : object
        What arrived.
    choices : iterable of str
        What is allowed, in the order to show.
    error : FramingError subclass, default FramingError
        The class of the error returned.
    where : str, optional
        The file or record the value came from, put first.

    Returns
    -------
    FramingError
        To raise: ``raise invalid_choice("method", m, METHODS)``.

    Examples
    --------
    >>> str(invalid_choice("method", "rules", ("lexicon", "classifier", "both")))
    "invalid value 'rules' for method; choose one of lexicon, classifier, both."
    """
    prefix = f"{where}: " if where else ""
    return error(f"{prefix}invalid value {value!r} for {name}; choose one of {', '.join(map(str, choices))}.")


def check_choice(name: str, value: object, choices, *, error: type[FramingError] = FramingError,
                 where: str = "") -> None:
    """Raise :func:`invalid_choice` unless ``value`` is one of ``choices``.

    Examples
    --------
    >>> check_choice("errors", "skip", ("raise", "skip"))
    """
    if value not in tuple(choices):
        raise invalid_choice(name, value, choices, error=error, where=where)


def rejection_report(rows: list[dict] | None = None) -> pd.DataFrame:
    """Return a rejection report with the standard columns.

    Parameters
    ----------
    rows : list of dict, optional
        Each dict has the keys ``file``, ``record``, ``problem`` and ``fix``.

    Examples
    --------
    >>> rejection_report([{"file": "a.csv", "record": "row 3", "problem": "empty text",
    ...                    "fix": "fill the text column or remove the row"}]).shape
    (1, 4)
    """
    frame = pd.DataFrame(rows or [], columns=REJECTED_COLUMNS)
    return frame.astype({"file": "string", "record": "string", "problem": "string", "fix": "string"})


def describe_rejections(report: pd.DataFrame, *, where: str, advice: str, limit: int = 20) -> str:
    """The one message for bad records: a headline, one line per record (at most ``limit``), the advice.

    Examples
    --------
    >>> report = rejection_report([{"file": "a.csv", "record": "row 3", "problem": "empty text",
    ...                             "fix": "add the article text"}])
    >>> print(describe_rejections(report, where="a.csv: 1 problem(s) in 4 record(s)", advice="Fix them."))
    a.csv: 1 problem(s) in 4 record(s):
      a.csv [row 3]: empty text. Fix: add the article text
    Fix them.
    """
    lines = [f"{where}:"]
    lines += [f"  {row.file} [{row.record}]: {row.problem}. Fix: {row.fix}" for row in report.head(limit).itertuples()]
    if len(report) > limit:
        lines.append(f"  ... and {len(report) - limit} more.")
    lines.append(advice)
    return "\n".join(lines)
