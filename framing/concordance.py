"""Concordance (keyword in context) for lexicon hits or any term, with side and quote columns.

A researcher who sees that an outlet type leans one way wants to read the
lines behind it. :func:`kwic` lays out every hit (optionally only one
category, or one side) with its left and right context from the article,
and :func:`kwic_term` does the same for any pattern, using the lexicon
engine's syntax (``veto*``, ``war crimes``).
"""

from __future__ import annotations

import pandas as pd

from .errors import FramingError
from .lexicon import Lexicon
from .text import source_text

__all__ = ["KWIC_COLUMNS", "kwic", "kwic_term", "format_kwic"]

KWIC_COLUMNS = ["doc_id", "sent_id", "part", "left", "match", "right", "category", "side", "term",
                "in_quote", "start", "end"]


def kwic(articles: pd.DataFrame, hits: pd.DataFrame, *, category: str | None = None,
         side: str | None = None, window: int = 50) -> pd.DataFrame:
    """Keyword-in-context lines for lexicon hits.

    Parameters
    ----------
    articles : DataFrame
        The corpus table (gives the text around each hit).
    hits : DataFrame
        From :func:`framing.match` (or :func:`framing.analyse`).
    category : str, optional
        Keep only hits of this category and its children (``france`` keeps
        ``france.war_crimes``).
    side : str, optional
        Keep only hits of this side.
    window : int, default 50
        Characters of context on each side, cut at the headline or text's ends.

    Returns
    -------
    DataFrame
        Columns :data:`KWIC_COLUMNS`, one row per hit, in reading order.

    Examples
    --------
    >>> kwic(articles, run.hits, category="kremlin.programme").head()  # doctest: +SKIP
    """
    if window < 0:
        raise FramingError(f"invalid value {window!r} for window; give 0 or more characters.")
    selected = hits
    if category is not None:
        keep = selected["category"].eq(category) | selected["category"].str.startswith(category + ".")
        selected = selected[keep]
    if side is not None:
        selected = selected[selected["side"] == side]
    by_id = articles.set_index("doc_id")
    missing = set(selected["doc_id"]) - set(by_id.index)
    if missing:
        raise FramingError(f"hits refer to article(s) not in the corpus table: {', '.join(sorted(missing)[:5])}.")
    rows = []
    for hit in selected.itertuples(index=False):
        text = source_text(by_id.loc[hit.doc_id], hit.part)
        left = _flat(text[max(0, hit.start - window):hit.start])
        right = _flat(text[hit.end:hit.end + window])
        rows.append((hit.doc_id, hit.sent_id, hit.part, left, text[hit.start:hit.end], right,
                     hit.category, hit.side, hit.term, bool(hit.in_quote), hit.start, hit.end))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def kwic_term(articles: pd.DataFrame, sentences: pd.DataFrame, pattern: str, *,
              window: int = 50) -> pd.DataFrame:
    """Keyword-in-context lines for any pattern (``veto*``, ``"fell out of"``), in every language.

    The pattern is matched with the lexicon engine, so its rules apply
    (case-insensitive, ``*`` globs, several words).

    Examples
    --------
    >>> kwic_term(articles, run.sentences, "програм*")  # doctest: +SKIP
    """
    lexicon = Lexicon({pattern: [pattern]})
    rows = []
    for doc_id, sent_id, part, start, text in zip(sentences["doc_id"], sentences["sent_id"],
                                                  sentences["part"], sentences["start"], sentences["text"]):
        for m in lexicon.find(text):
            rows.append((doc_id, sent_id, part, pattern, None, pattern, start + m.start, start + m.end, False))
    hits = pd.DataFrame(rows, columns=["doc_id", "sent_id", "part", "category", "side", "term", "start", "end",
                                       "in_quote"])
    return kwic(articles, hits, window=window)


def format_kwic(table: pd.DataFrame, *, window: int = 50) -> list[str]:
    """Align concordance lines on the match, for printing or a figure.

    Examples
    --------
    >>> print("\\n".join(format_kwic(kwic(articles, hits))))  # doctest: +SKIP
    """
    lines = []
    for row in table.itertuples(index=False):
        mark = "“" if row.in_quote else " "
        lines.append(f"{row.left[-window:]:>{window}} {mark}[{row.match}]{mark} {row.right[:window]:<{window}}")
    return lines


def _flat(text: str) -> str:
    return " ".join(text.split()) if text.strip() else ""
