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

===========================  =======================================  ============  =====================  ============  ====================
measure                      definition                               range         undefined when         unit          validated by
===========================  =======================================  ============  =====================  ============  ====================
``<side>_presence``          any sentence carries the side's account  0/1           never                  sentences     presence accuracy
``<side>_salience``          share of sentences carrying it           0-1           never (0 = absent)     sentences     r, MAE, bias vs gold
``<side>_prominence``        same share, weighted headline 3,         0-1           never (0 = absent)     sentences     r, MAE, bias vs gold
                             lead 2, body 1 (:data:`PART_WEIGHTS`)
``primacy``                  side of the first sentence with an       side id,      ``none``: no account;  sentences,    primacy accuracy
                             account; in it, whose words come first   ``both``,     ``both``: word order   word
                                                                      ``none``      unknown                positions
``balance``                  (n_pos - n_neg) / (n_pos + n_neg) over   -1 to +1      NaN: neither pole's    sentences     r, MAE, bias vs gold
                             the sentences carrying each pole                       account (0 = even)
``<side>_voice``             share of words in the side's speech      0-1           never                  words         quote speaker sides
``<side>_distancing``        share of the side's attributions that    0-1           NaN: no attribution    attributions  not yet
                             distance (*claimed*)
``<side>_adoption_count``    **count** of the side's account terms    integer >= 0  never                  lexicon hits  not yet
                             in the journalist's own voice
===========================  =======================================  ============  =====================  ============  ====================

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

from .errors import FramingError
from .quotes.marks import QUOTE_MARKS, quote_spans
from .study import Study

__all__ = ["HIT_COLUMNS", "RULE_COLUMNS", "PART_WEIGHTS", "METHODS", "LABELS_BEYOND_SIDES", "VOICE_MEASURES", "STANDARD_METADATA",
           "TEXT_COLUMNS", "match", "score", "score_marks", "carriers", "label_marks", "voice_columns",
           "scores_schema", "metadata_columns"]

HIT_COLUMNS = ["doc_id", "sent_id", "part", "category", "side", "term", "start", "end", "in_quote"]
#: Columns the lexicon rules add to the hits table (see :mod:`framing.lexicon`); readers of a
#: hits table without them (older runs) treat every hit as an account hit counting for its ``side``.
RULE_COLUMNS = ["denied", "role", "counts_for"]

#: Position weights for prominence: headline and lead weigh most.
PART_WEIGHTS: Mapping[str, float] = {"headline": 3.0, "lead": 2.0, "body": 1.0, "furniture": 0.0}

#: The ways of marking which sentences carry which side (the ``method`` column of the scores).
METHODS = ("lexicon", "classifier", "both")

#: Sentence labels beyond the study's side ids: more than one side, or none.
LABELS_BEYOND_SIDES = ("both", "none")

#: The voice measures (:func:`framing.voice_measures`), each a column ``<side>_<measure>``, with dtypes.
VOICE_MEASURES: Mapping[str, str] = {"voice": "float64", "direct": "int64", "indirect": "int64",
                                     "distancing": "float64", "adoption_count": "int64"}

#: Article metadata every chunked score table has, empty where a corpus has none,
#: so that the chunks of any corpus share one schema; any other metadata follows.
STANDARD_METADATA = ("outlet", "outlet_type", "country", "lang", "date", "split", "synthetic")

#: Article columns that are text, not metadata: they are not carried into the scores.
TEXT_COLUMNS = ("doc_id", "headline", "text")


def voice_columns(side_ids) -> dict[str, str]:
    """The voice columns of the scores, with dtypes, for these sides.

    Examples
    --------
    >>> list(voice_columns(["K"]))
    ['K_voice', 'K_direct', 'K_indirect', 'K_distancing', 'K_adoption_count']
    """
    return {f"{side}_{m}": dtype for side in side_ids for m, dtype in VOICE_MEASURES.items()}


def metadata_columns(columns) -> list[str]:
    """The article columns carried into the scores: every column but :data:`TEXT_COLUMNS`, in order.

    Examples
    --------
    >>> metadata_columns(["doc_id", "headline", "text", "lang", "coder"])
    ['lang', 'coder']
    """
    return [str(c) for c in columns if c not in TEXT_COLUMNS]


def scores_schema(study: Study, *, attribution: bool = True, metadata=STANDARD_METADATA) -> dict[str, str]:
    """The columns of a scores table, in order, with their dtypes: the one declaration of the schema.

    ``doc_id, method, n_sentences``, the measures of each side (above), then
    ``primacy, balance``; with ``attribution`` the voice measures
    (:func:`voice_columns`); then the article ``metadata`` (``date`` as a
    timestamp, the rest as text).

    Examples
    --------
    >>> list(scores_schema(load_study("corpus/study.yaml")))[:3]  # doctest: +SKIP
    ['doc_id', 'method', 'n_sentences']
    """
    columns: dict[str, str] = {"doc_id": "object", "method": "object", "n_sentences": "int64"}
    for side in study.side_ids:
        columns.update({f"{side}_presence": "int64", f"{side}_salience": "float64",
                        f"{side}_prominence": "float64"})
    columns.update({"primacy": "string", "balance": "float64"})
    if attribution:
        columns.update(voice_columns(study.side_ids))
    for column in metadata:
        columns[column] = "datetime64[ns]" if column == "date" else "string"
    return columns


def label_marks(labels: pd.DataFrame, study: Study, *, hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """Turn sentence labels into side marks (``both`` marks every side).

    With ``hits`` (the lexicon's, :func:`framing.match`) each mark also gets
    ``start``, the position of the side's first lexicon hit in that sentence
    (NaN when the lexicon found none of the side's words there). This is how
    the codebook's word-order rule for primacy (CODEBOOK.md §4.10) reaches
    sentence labels: when the first sentence with an account is ``both``,
    the account whose words come first in it has primacy; when the lexicon
    does not find words of every side in that sentence, primacy is ``both``
    (:func:`score_marks`). Without ``hits`` such a tie is always ``both``.
    """
    rows = []
    for doc_id, sent_id, label in zip(labels["doc_id"], labels["sent_id"], labels["label"]):
        sides = study.side_ids if label == "both" else [label] if label in study.sides else []
        rows.extend((doc_id, sent_id, side) for side in sides)
    marks = pd.DataFrame(rows, columns=["doc_id", "sent_id", "side"])
    if hits is None:
        return marks
    first = carriers(hits).astype({"side": object})
    return marks.merge(first, on=["doc_id", "sent_id", "side"], how="left").astype({"start": float})


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
        ``in_quote`` tells whether the match lies inside a direct quotation
        (quotation marks or a dialogue dash: :func:`framing.quotes.marks.quote_spans`);
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
        quotes = _quote_index(doc_ids, parts, para_ids, starts, ends, texts)
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


def _quote_index(doc_ids: list, parts: list, para_ids: list, starts: list, ends: list,
                 texts: list) -> dict[tuple, list[tuple[int, int]]]:
    """Quotation spans per (doc_id, is_headline), in source offsets, from the one detector.

    Takes the sentence columns as lists. Each part (the headline, or the text)
    is rebuilt from its sentences, whose offsets are exact; the white space
    between them becomes spaces within a paragraph and new lines between
    paragraphs, which changes neither where quotation marks are nor where
    paragraphs begin, so :func:`framing.quotes.marks.quote_spans` finds the
    same quotations as :func:`framing.find_quotes` does on the source text.
    """
    rows_of: dict[tuple, list[int]] = {}
    for i, (doc_id, part) in enumerate(zip(doc_ids, parts)):
        rows_of.setdefault((doc_id, part == "headline"), []).append(i)
    index: dict[tuple, list[tuple[int, int]]] = {}
    for key, rows in rows_of.items():
        if not any(QUOTE_MARKS.search(texts[i]) for i in rows):
            index[key] = []
            continue
        rows.sort(key=lambda i: starts[i])
        pieces, pos, para = [], 0, para_ids[rows[0]]
        for i in rows:
            gap = starts[i] - pos
            pieces.append(("\n" if para_ids[i] != para and gap >= 2 else " ") * gap)
            pieces.append(texts[i])
            pos, para = ends[i], para_ids[i]
        index[key] = quote_spans("".join(pieces))
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
        raise FramingError(f"weights must give a weight for every part; missing {sorted(missing)}. "
                           f"Give one for each of {', '.join(PART_WEIGHTS)}.")
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
