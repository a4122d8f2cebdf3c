"""Hits in reported speech, and whose voice each article carries.

:func:`mark_in_quote`
    hits → hits with ``in_speech`` (inside any reported speech, direct or
    indirect); ``in_quote`` (inside quotation marks) comes from
    :func:`framing.match` and the one detector of :mod:`framing.quotes.marks`.
:func:`voice_measures`
    one row per article: each side's voice, direct and indirect counts,
    distancing and adoption count (:func:`framing.scoring.voice_columns` names them).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import FramingError
from .study import Study
from .text import WORD

__all__ = ["mark_in_quote", "voice_measures"]

def mark_in_quote(hits: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """The hits with a new ``in_speech`` column: inside any reported speech of ``quotes``.

    ``in_speech``: the hit lies inside a quotation or reported content of
    ``quotes``, direct or indirect. A hit counts as inside when its whole span
    is. ``in_quote`` is kept as :func:`framing.match` found it, from the one
    detector of quotation marks (:func:`framing.quotes.marks.quote_spans`), so
    it is the same with and without attribution; hits without it get it from
    the direct quotations of ``quotes``.

    Examples
    --------
    >>> hits = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [1, 1], "part": ["lead", "lead"],
    ...                      "start": [5, 30], "end": [10, 35]})
    >>> quotes = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [1, 1], "start": [0, 20],
    ...                        "end": [12, 40], "kind": ["direct", "indirect"]})
    >>> mark_in_quote(hits, quotes)[["in_quote", "in_speech"]].values.tolist()
    [[True, True], [False, True]]
    """
    missing = {"doc_id", "part", "start", "end"} - set(hits.columns)
    if missing:
        raise FramingError(f"mark_in_quote needs hits from framing.match; missing {sorted(missing)}.")
    # positions made unique across (article, headline or text) as group * width + offset
    codes, _ = pd.factorize(pd.concat([hits["doc_id"].astype(object), quotes["doc_id"].astype(object)],
                                      ignore_index=True))
    h_group = 2 * codes[:len(hits)] + (hits["part"] == "headline").to_numpy(np.int64)
    q_group = 2 * codes[len(hits):] + (quotes["sent_id"] == 0).to_numpy(np.int64)
    h_start, h_end = hits["start"].to_numpy(np.int64), hits["end"].to_numpy(np.int64)
    q_start, q_end = quotes["start"].to_numpy(np.int64), quotes["end"].to_numpy(np.int64)
    width = int(max(h_end.max(initial=0), q_end.max(initial=0))) + 1
    h_start, h_end = h_group * width + h_start, h_group * width + h_end
    q_start, q_end = q_group * width + q_start, q_group * width + q_end
    direct = (quotes["kind"] == "direct").to_numpy(bool)
    out = hits.copy()
    if "in_quote" not in out:
        out["in_quote"] = pd.Series(_inside(q_start[direct], q_end[direct], h_start, h_end),
                                    index=hits.index, dtype="bool")
    out["in_speech"] = pd.Series(_inside(q_start, q_end, h_start, h_end), index=hits.index, dtype="bool")
    return out


def voice_measures(sentences: pd.DataFrame, hits: pd.DataFrame, quotes: pd.DataFrame, study: Study
                   ) -> pd.DataFrame:
    """Whose voice each article carries: one row per article.

    For each side id ``<side>`` of the study:

    ``<side>_voice``
        share of the article's words (headline and text, ``\\w+`` tokens)
        that lie inside quoted or reported speech of that side (direct or
        indirect; a word inside both counts once).
    ``<side>_direct``, ``<side>_indirect``
        number of that side's direct quotations and indirect reports.
    ``<side>_distancing``
        share of that side's attributions (rows of ``quotes`` with a verb)
        introduced by a ``distancing`` verb or marked by a distancing word;
        NaN when the side has no attribution in the article.
    ``<side>_adoption_count``
        **count** of that side's account terms (lexicon hits) in the
        journalist's own voice, outside any reported speech: the account
        adopted rather than reported.

    Parameters
    ----------
    sentences : DataFrame
        From :func:`framing.segment`.
    hits : DataFrame
        From :func:`framing.match`. Hits already marked by
        :func:`mark_in_quote` (with ``in_speech``), as :func:`framing.analyse`
        returns them, are taken as they are; mark them with these ``quotes``.
    quotes : DataFrame
        From :func:`find_quotes`.
    study : Study

    Examples
    --------
    >>> voice = voice_measures(run.sentences, run.hits, quotes, study)  # doctest: +SKIP
    """
    sides = study.side_ids
    docs = pd.unique(sentences["doc_id"])
    n_docs = len(docs)
    doc_of = {d: k for k, d in enumerate(docs)}
    if "in_speech" in hits:
        marked = hits  # already marked (mark_in_quote), as analyse does
    else:
        marked = mark_in_quote(hits, quotes) if len(hits) else hits.assign(in_speech=pd.Series(dtype=bool))
    # each (article, headline or text) is a group; positions are made unique across
    # groups as group * width + offset, so one sorted array serves them all
    sent_doc = sentences["doc_id"].map(doc_of).to_numpy(np.int64)
    sent_group = 2 * sent_doc + (sentences["part"] == "headline").to_numpy(np.int64)
    sent_start = sentences["start"].to_numpy(np.int64)
    sent_end = sentences["end"].to_numpy(np.int64)
    known = quotes["doc_id"].isin(doc_of)
    q = quotes[known]
    q_group = 2 * q["doc_id"].map(doc_of).to_numpy(np.int64) + (q["sent_id"] == 0).to_numpy(np.int64)
    q_start, q_end = q["start"].to_numpy(np.int64), q["end"].to_numpy(np.int64)
    width = int(max(sent_end.max(initial=0), q_end.max(initial=0))) + 1

    # the words of the sentences that some quotation or report reaches; the others are only counted
    reached = _overlapping(q_group * width + q_start, q_group * width + q_end,
                           sent_group * width + sent_start, sent_group * width + sent_end)
    n_words = np.zeros(len(sent_doc), np.int64)
    spans: list[tuple[int, int]] = []
    for k, (text, reach) in enumerate(zip(sentences["text"], reached.tolist())):
        if reach:
            found = [m.span() for m in WORD.finditer(text)]
            spans += found
            n_words[k] = len(found)
        else:
            n_words[k] = len(WORD.findall(text))
    total = np.bincount(sent_doc, weights=n_words, minlength=n_docs).astype(np.int64)
    base = np.repeat((sent_group * width + sent_start)[reached], n_words[reached])
    spans_array = np.array(spans, np.int64).reshape(-1, 2)
    w_start, w_end = base + spans_array[:, 0], base + spans_array[:, 1]
    w_doc = np.repeat(sent_doc[reached], n_words[reached])

    side = q["side"].to_numpy(object)
    kind = q["kind"].to_numpy(object)
    verb_class = q["verb_class"]
    attributed = verb_class.notna().to_numpy()
    distancing = (verb_class == "distancing").fillna(False).to_numpy(bool)
    q_doc = q_group // 2
    h_known = marked["doc_id"].isin(doc_of).to_numpy()
    h_doc = marked["doc_id"].map(doc_of).to_numpy()[h_known].astype(np.int64)
    h_side = marked["counts_for" if "counts_for" in marked else "side"].fillna("").to_numpy(object)[h_known]
    h_own = ~marked["in_speech"].astype(bool).to_numpy()[h_known]

    out = pd.DataFrame({"doc_id": list(docs)})
    with np.errstate(invalid="ignore", divide="ignore"):
        for s in sides:
            mine = side == s
            inside = _inside(q_group[mine] * width + q_start[mine], q_group[mine] * width + q_end[mine],
                             w_start, w_end)
            covered = np.bincount(w_doc[inside], minlength=n_docs)
            out[f"{s}_voice"] = np.where(total > 0, covered / np.maximum(total, 1), np.nan)
            out[f"{s}_direct"] = np.bincount(q_doc[mine & (kind == "direct")], minlength=n_docs)
            out[f"{s}_indirect"] = np.bincount(q_doc[mine & (kind == "indirect")], minlength=n_docs)
            n_attributed = np.bincount(q_doc[mine & attributed], minlength=n_docs)
            n_distancing = np.bincount(q_doc[mine & attributed & distancing], minlength=n_docs)
            out[f"{s}_distancing"] = np.where(n_attributed > 0, n_distancing / np.maximum(n_attributed, 1), np.nan)
            out[f"{s}_adoption_count"] = np.bincount(h_doc[(h_side == s) & h_own], minlength=n_docs)
    columns = ["doc_id"] + [f"{s}_{m}" for s in sides
                            for m in ("voice", "direct", "indirect", "distancing", "adoption_count")]
    out = out[columns]
    for s in sides:
        out = out.astype({f"{s}_voice": "float64", f"{s}_distancing": "float64",
                          f"{s}_direct": "int64", f"{s}_indirect": "int64",
                          f"{s}_adoption_count": "int64"})
    return out


def _inside(span_start: np.ndarray, span_end: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """For each ``start``–``end``, whether one span lies around it (``span_start <= start`` and ``end <= span_end``)."""
    if not len(span_start):
        return np.zeros(len(start), bool)
    order = np.argsort(span_start, kind="stable")
    reach = np.maximum.accumulate(span_end[order])  # the furthest end of the spans starting up to here
    k = np.searchsorted(span_start[order], start, side="right") - 1
    return (k >= 0) & (reach[np.maximum(k, 0)] >= end)


def _overlapping(span_start: np.ndarray, span_end: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """For each ``start``–``end``, whether some span overlaps it (``span_start < end`` and ``span_end > start``)."""
    if not len(span_start):
        return np.zeros(len(start), bool)
    order = np.argsort(span_start, kind="stable")
    reach = np.maximum.accumulate(span_end[order])
    k = np.searchsorted(span_start[order], end, side="left") - 1
    return (k >= 0) & (reach[np.maximum(k, 0)] > start)
