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
    "REJECTED_COLUMNS",
    "rejection_report",
]

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
