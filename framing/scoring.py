"""From sentences to article measures: lexicon hits, which side each sentence carries, scores.

Two steps, each a plain function of DataFrames:

:func:`match`
    sentences → hits: ``doc_id, sent_id, part, category, side, term, start,
    end, in_quote, denied, role, counts_for``. ``start``/``end`` index into the
    article's headline for ``part == "headline"`` and into its text otherwise,
    so ``text[start:end]`` is the matched word or phrase. ``side`` owns the
    category; ``counts_for`` is the side the hit *counts for*: missing for
    context hits and for denied hits without ``if_denied``, the side of the
    ``if_denied`` category for other denied hits (see :mod:`framing.lexicon`).
:func:`score`
    sentences and hits → one row per article (see :data:`PART_WEIGHTS` and
    the measures below).

Measures
--------
One row per article. Undefined values are NaN (or ``none``), never 0;
:func:`framing.compare.summarise` leaves them out and counts them
(``n_missing``).

=====================  =======================================  ============  =====================  ============  ====================
measure                definition                               range         undefined when         unit          validated by
=====================  =======================================  ============  =====================  ============  ====================
``<side>_presence``    any sentence carries the side's account  0/1           never                  sentences     presence accuracy
``<side>_salience``    share of sentences carrying it           0-1           never (0 = absent)     sentences     r, MAE, bias vs gold
``<side>_prominence``  same share, weighted headline 3,         0-1           never (0 = absent)     sentences     r, MAE, bias vs gold
                       lead 2, body 1 (:data:`PART_WEIGHTS`)
``primacy``            side of the first sentence with an       side id,      ``none``: no account;  sentences,    primacy accuracy
                       account; in it, whose words come first   ``both``,     ``both``: word order   word
                                                                ``none``      unknown                positions
``balance``            (n_pos - n_neg) / (n_pos + n_neg) over   -1 to +1      NaN: neither pole's    sentences     r, MAE, bias vs gold
                       the sentences carrying each pole                       account (0 = even)
``<side>_voice``       share of words in the side's speech      0-1           never                  words         quote speaker sides
``<side>_distancing``  share of the side's attributions that    0-1           NaN: no attribution    attributions  not yet
                       distance (*claimed*)
``<side>_adoption``    **count** of the side's account terms    integer >= 0  never                  lexicon hits  not yet
                       in the journalist's own voice
=====================  =======================================  ============  =====================  ============  ====================

"Validated by" names what :func:`framing.evaluate.evaluate` and
:func:`framing.evaluate.measure_agreement` (``framing evaluate``) compare
with the gold; the voice measures come from :func:`framing.voice_measures`.

For each side id ``<side>`` of the study:

``<side>_presence``
    1 if any sentence carries the side's account, else 0.
``<side>_salience``
    share of the article's sentences that carry it (0–1).
``<side>_prominence``
    the same share with sentences weighted by position, as in the inverted
    pyramid: headline 3, lead (first paragraph) 2, body 1
    (:data:`PART_WEIGHTS`); 0–1.

Page furniture (``part == "furniture"``: tag lines, bylines, photo credits
and the like, see :func:`framing.text.furniture_reason`) is no text of the
article: it has no hits and counts in no measure, neither as a carrier nor
in a denominator.
``primacy``
    the side whose account appears first in reading order (headline, then
    text), or ``none`` when no sentence carries any side's account (hits of
    categories outside every side's account do not count). When the first
    sentence carries several sides, the one whose words come first in it
    wins (the codebook's word-order rule, CODEBOOK.md §4.10); when the marks
    give no positions to decide (sentence labels such as ``both`` from a
    coder or a classifier, see :func:`framing.evaluate.label_marks`), it is
    ``both``.
``balance``
    ``(n_pos - n_neg) / (n_pos + n_neg)`` over the sentences carrying each of
    the study's two ``balance`` sides: −1 when only the first side's account
    is carried, +1 when only the second's, 0 when even; NaN (undefined, not
    balanced) when the article carries neither. Summaries leave such
    articles out and count them (``n_missing`` of
    :func:`framing.compare.summarise`).

A sentence *carries* a side's account when it holds at least one hit of a
category in that side's account. The same measures come from any method that
marks sentences with sides (:func:`score_marks`), so lexicon and classifier
scores share one schema.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .study import Study
from .text import QUOTE_MARKS as _QUOTE_MARKS
from .text import quote_spans

__all__ = ["HIT_COLUMNS", "RULE_COLUMNS", "PART_WEIGHTS", "match", "score", "score_marks", "carriers"]

HIT_COLUMNS = ["doc_id", "sent_id", "part", "category", "side", "term", "start", "end", "in_quote"]
#: Columns the lexicon rules add to the hits table (see :mod:`framing.lexicon`); readers of a
#: hits table without them (older runs) treat every hit as an account hit counting for its ``side``.
RULE_COLUMNS = ["denied", "role", "counts_for"]

#: Position weights for prominence: headline and lead weigh most.
PART_WEIGHTS: Mapping[str, float] = {"headline": 3.0, "lead": 2.0, "body": 1.0, "furniture": 0.0}


def match(sentences: pd.DataFrame, study: Study) -> pd.DataFrame:
    """Find the study's lexicon terms in each sentence.

    Parameters
    ----------
    sentences : DataFrame
        From :func:`framing.segment`.
    study : Study
        Gives one lexicon per language and which side owns each category.

    Returns
    -------
    DataFrame
        Columns :data:`HIT_COLUMNS` and :data:`RULE_COLUMNS`, one row per match, in reading order;
        page furniture has none.
        ``side`` is missing for categories outside every side's account;
        ``in_quote`` tells whether the match lies inside quotation marks;
        ``denied`` whether a negation or denial cue governs it; ``role`` is
        ``account`` or ``context``; ``counts_for`` is the side the hit counts
        for in scores and labels (missing for context hits and for denied
        hits without ``if_denied``).

    Examples
    --------
    >>> hits = match(segment(articles), study)  # doctest: +SKIP
    """
    rows: list[tuple] = []
    side_of: dict[str, str | None] = {}
    sentences = sentences[sentences["part"] != "furniture"]
    for lang, group in sentences.groupby("lang", sort=False):
        lexicon = study.lexicon(lang)
        doc_ids, sent_ids, parts, para_ids, starts, ends, texts = (
            group[c].tolist() for c in ["doc_id", "sent_id", "part", "para_id", "start", "end", "text"])
        paragraphs = _paragraphs(doc_ids, parts, para_ids)
        quotes = _quote_index(paragraphs, starts, ends, texts)
        find = lexicon.hits
        for doc_id, sent_id, part, start, text in zip(doc_ids, sent_ids, parts, starts, texts):
            found = find(text)
            if not found:
                continue
            spans = quotes.get((doc_id, part == "headline"), ())
            for category, term, m_start, m_end, denied, role, counts_for in found:
                if category not in side_of:
                    side_of[category] = study.side_of(category)
                if counts_for not in side_of:
                    side_of[counts_for] = None if counts_for is None else study.side_of(counts_for)
                s, e = start + m_start, start + m_end
                inside = any(a <= s and e <= b for a, b in spans)
                rows.append((doc_id, sent_id, part, category, side_of[category], term, s, e, inside,
                             denied, role, side_of[counts_for]))
    hits = pd.DataFrame(rows, columns=HIT_COLUMNS + RULE_COLUMNS)
    hits = hits.sort_values(["doc_id", "sent_id", "start"], kind="stable", ignore_index=True)
    return hits.astype({"sent_id": "int64", "start": "int64", "end": "int64", "in_quote": "bool",
                        "side": "string", "denied": "bool", "role": "string", "counts_for": "string"})


def _paragraphs(doc_ids: list, parts: list, para_ids: list) -> dict[tuple, list[int]]:
    """Row positions of each paragraph, keyed ``(doc_id, is_headline, para_id)``, in order of appearance."""
    paragraphs: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(doc_ids, parts, para_ids)):
        key = (key[0], key[1] == "headline", key[2])
        rows = paragraphs.get(key)
        if rows is None:
            paragraphs[key] = [i]
        else:
            rows.append(i)
    return paragraphs


def _quote_index(paragraphs: dict[tuple, list[int]], starts: list, ends: list,
                 texts: list) -> dict[tuple, list[tuple[int, int]]]:
    """Quotation spans per (doc_id, is_headline), in source offsets.

    Takes the paragraphs of :func:`_paragraphs` and the sentence columns as
    lists. A quotation may run over several sentences, so quotes are found
    per paragraph. The paragraph is rebuilt from its sentences, whose offsets
    are exact; only the white space between them is replaced by spaces, which
    does not change where quotation marks are.
    """
    index: dict[tuple, list[tuple[int, int]]] = {}
    for (doc_id, headline, _), rows in paragraphs.items():
        if not any(_QUOTE_MARKS.search(texts[i]) for i in rows):
            index.setdefault((doc_id, headline), [])
            continue
        base = pos = int(starts[rows[0]])
        pieces = []
        for i in rows:
            pieces.append(" " * (starts[i] - pos))
            pieces.append(texts[i])
            pos = ends[i]
        spans = [(base + a, base + b) for a, b in quote_spans("".join(pieces))]
        index.setdefault((doc_id, headline), []).extend(spans)
    return index


def carriers(hits: pd.DataFrame) -> pd.DataFrame:
    """Reduce hits to the sentences that carry each side: ``doc_id, sent_id, side, start``.

    ``start`` is the position of the side's first hit in the sentence, used to
    decide primacy within a sentence. A hit marks the side in its
    ``counts_for`` column (so context hits and denied hits without
    ``if_denied`` mark none); hits tables without that column use ``side``.
    """
    column = "counts_for" if "counts_for" in hits else "side"
    sided = hits.dropna(subset=[column])
    if column != "side":
        sided = sided.drop(columns="side").rename(columns={column: "side"})
    marks = sided.groupby(["doc_id", "sent_id", "side"], sort=False, as_index=False)["start"].min()
    return marks.astype({"side": "string"})


def _primacy(marked: pd.DataFrame) -> pd.Series:
    """Per article, the side of the first sentence with a mark; within it, the side whose words come first.

    When that sentence carries several sides and their first positions do
    not settle it (a position is missing, or two are equal), primacy is
    ``both`` (CODEBOOK.md §4.10).
    """
    if marked.empty:
        return pd.Series(dtype=object)
    first_sent = marked.groupby("doc_id", sort=False)["sent_id"].transform("min")
    lead = marked[marked["sent_id"] == first_sent]
    sides = lead.groupby("doc_id", sort=False)["side"].nunique()
    start = lead["start"].astype(float)
    earliest = lead.assign(start=start).sort_values(["doc_id", "start"], kind="stable").drop_duplicates("doc_id")
    primacy = earliest.set_index("doc_id")["side"].astype(object)
    at_first = lead[start == lead["doc_id"].map(earliest.set_index("doc_id")["start"])]
    tied = (at_first.groupby("doc_id", sort=False)["side"].nunique() > 1) | start.isna().groupby(lead["doc_id"]).any()
    undecided = tied.reindex(primacy.index, fill_value=False) & (sides.reindex(primacy.index) > 1)
    primacy[undecided] = "both"
    return primacy


def score(sentences: pd.DataFrame, hits: pd.DataFrame, study: Study, *,
          weights: Mapping[str, float] = PART_WEIGHTS) -> pd.DataFrame:
    """Article measures from the lexicon hits (one row per article in ``sentences``).

    Examples
    --------
    >>> scores = score(sentences, match(sentences, study), study)  # doctest: +SKIP
    """
    return score_marks(sentences, carriers(hits), study, weights=weights, method="lexicon")


def score_marks(sentences: pd.DataFrame, marks: pd.DataFrame, study: Study, *,
                weights: Mapping[str, float] = PART_WEIGHTS, method: str = "lexicon") -> pd.DataFrame:
    """Article measures from sentence marks ``doc_id, sent_id, side[, start]``.

    ``start`` is where the side's words begin in the sentence (the same
    offsets for every side); it decides primacy within the first sentence.
    Without it, or where it is missing or tied, a first sentence with
    several sides gives primacy ``both``.

    Any method that says which sentences carry which side (a lexicon, a
    classifier, a human coder) gives scores in the same schema; ``method``
    names it in the output. Marks on page furniture do not count.
    """
    missing = {"headline", "lead", "body"} - set(weights)
    if missing:
        raise ValueError(f"weights must give a weight for every part; missing {sorted(missing)}.")
    sides = study.side_ids
    docs = pd.Index(sentences["doc_id"].drop_duplicates(), name="doc_id")
    sent = sentences.loc[sentences["part"] != "furniture", ["doc_id", "sent_id", "part"]].copy()
    sent["weight"] = sent["part"].map(weights).astype(float)
    totals = sent.groupby("doc_id", sort=False).agg(n=("sent_id", "size"), w=("weight", "sum"))
    totals = totals.reindex(docs, fill_value=0)

    if "start" not in marks:
        marks = marks.assign(start=0)
    marked = marks.merge(sent, on=["doc_id", "sent_id"], how="inner")
    out = pd.DataFrame(index=docs)
    out["method"] = method
    out["n_sentences"] = totals["n"].astype("int64")
    counts = {}
    for side in sides:
        mine = marked[marked["side"] == side]
        per_doc = mine.groupby("doc_id", sort=False).agg(n=("sent_id", "size"), w=("weight", "sum"))
        per_doc = per_doc.reindex(docs, fill_value=0)
        counts[side] = per_doc["n"].to_numpy()
        out[f"{side}_presence"] = (per_doc["n"] > 0).astype("int64")
        out[f"{side}_salience"] = per_doc["n"] / totals["n"]
        out[f"{side}_prominence"] = per_doc["w"] / totals["w"]

    out["primacy"] = _primacy(marked).reindex(docs).fillna("none").astype("string")

    neg, pos = study.balance
    n_neg, n_pos = counts[neg].astype(float), counts[pos].astype(float)
    total = n_neg + n_pos
    with np.errstate(invalid="ignore", divide="ignore"):
        # no account of either balance side: balance is undefined, not "balanced"
        out["balance"] = np.where(total > 0, (n_pos - n_neg) / np.where(total > 0, total, 1), np.nan)
    return out.reset_index()
