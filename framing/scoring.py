"""From sentences to article measures: lexicon hits, which side each sentence carries, scores.

Two steps, each a plain function of DataFrames:

:func:`match`
    sentences → hits: ``doc_id, sent_id, part, category, side, term, start,
    end, in_quote``. ``start``/``end`` index into the article's headline for
    ``part == "headline"`` and into its text otherwise, so
    ``text[start:end]`` is the matched word or phrase.
:func:`score`
    sentences and hits → one row per article (see :data:`PART_WEIGHTS` and
    the measures below).

Measures, for each side id ``<side>`` of the study:

``<side>_presence``
    1 if any sentence carries the side's account, else 0.
``<side>_salience``
    share of the article's sentences that carry it (0–1).
``<side>_prominence``
    the same share with sentences weighted by position, as in the inverted
    pyramid: headline 3, lead (first paragraph) 2, body 1
    (:data:`PART_WEIGHTS`); 0–1.
``primacy``
    the side whose account appears first in reading order (headline, then
    text), or ``none``.
``balance``
    ``(n_pos - n_neg) / (n_pos + n_neg)`` over the sentences carrying each of
    the study's two ``balance`` sides: −1 when only the first side's account
    is carried, +1 when only the second's, 0 when even or absent.

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

__all__ = ["HIT_COLUMNS", "PART_WEIGHTS", "METHODS", "LABELS_BEYOND_SIDES", "VOICE_MEASURES", "STANDARD_METADATA",
           "TEXT_COLUMNS", "match", "score", "score_marks", "carriers", "label_marks", "voice_columns",
           "scores_schema", "metadata_columns"]

HIT_COLUMNS = ["doc_id", "sent_id", "part", "category", "side", "term", "start", "end", "in_quote"]

#: Position weights for prominence: headline and lead weigh most.
PART_WEIGHTS: Mapping[str, float] = {"headline": 3.0, "lead": 2.0, "body": 1.0}

#: The ways of marking which sentences carry which side (the ``method`` column of the scores).
METHODS = ("lexicon", "classifier", "both")

#: Sentence labels beyond the study's side ids: more than one side, or none.
LABELS_BEYOND_SIDES = ("both", "none")

#: The voice measures (:func:`framing.voice_measures`), each a column ``<side>_<measure>``, with dtypes.
VOICE_MEASURES: Mapping[str, str] = {"voice": "float64", "direct": "int64", "indirect": "int64",
                                     "distancing": "float64", "adoption": "int64"}

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
    ['K_voice', 'K_direct', 'K_indirect', 'K_distancing', 'K_adoption']
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


def label_marks(labels: pd.DataFrame, study: Study) -> pd.DataFrame:
    """Turn sentence labels into side marks (``both`` marks every side)."""
    rows = []
    for doc_id, sent_id, label in zip(labels["doc_id"], labels["sent_id"], labels["label"]):
        sides = study.side_ids if label == "both" else [label] if label in study.sides else []
        rows.extend((doc_id, sent_id, side) for side in sides)
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "side"])


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
        Columns :data:`HIT_COLUMNS`, one row per match, in reading order.
        ``side`` is missing for categories outside every side's account;
        ``in_quote`` tells whether the match lies inside a direct quotation
        (quotation marks or a dialogue dash: :func:`framing.quotes.marks.quote_spans`).

    Examples
    --------
    >>> hits = match(segment(articles), study)  # doctest: +SKIP
    """
    rows: list[tuple] = []
    side_of: dict[str, str | None] = {}
    for lang, group in sentences.groupby("lang", sort=False):
        lexicon = study.lexicon(lang)
        doc_ids, sent_ids, parts, para_ids, starts, ends, texts = (
            group[c].tolist() for c in ["doc_id", "sent_id", "part", "para_id", "start", "end", "text"])
        quotes = _quote_index(doc_ids, parts, para_ids, starts, ends, texts)
        find = lexicon.find
        for doc_id, sent_id, part, start, text in zip(doc_ids, sent_ids, parts, starts, texts):
            found = find(text)
            if not found:
                continue
            spans = quotes.get((doc_id, part == "headline"), ())
            for category, term, m_start, m_end in found:
                if category not in side_of:
                    side_of[category] = study.side_of(category)
                s, e = start + m_start, start + m_end
                inside = any(a <= s and e <= b for a, b in spans)
                rows.append((doc_id, sent_id, part, category, side_of[category], term, s, e, inside))
    hits = pd.DataFrame(rows, columns=HIT_COLUMNS)
    hits = hits.sort_values(["doc_id", "sent_id", "start"], kind="stable", ignore_index=True)
    return hits.astype({"sent_id": "int64", "start": "int64", "end": "int64", "in_quote": "bool",
                        "side": "string"})


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
    decide primacy within a sentence.
    """
    sided = hits.dropna(subset=["side"])
    marks = sided.groupby(["doc_id", "sent_id", "side"], sort=False, as_index=False)["start"].min()
    return marks.astype({"side": "string"})


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

    Any method that says which sentences carry which side (a lexicon, a
    classifier, a human coder) gives scores in the same schema; ``method``
    names it in the output.
    """
    missing = {"headline", "lead", "body"} - set(weights)
    if missing:
        raise FramingError(f"weights must give a weight for every part; missing {sorted(missing)}. "
                           f"Give one for each of {', '.join(PART_WEIGHTS)}.")
    sides = study.side_ids
    sent = sentences[["doc_id", "sent_id", "part"]].copy()
    sent["weight"] = sent["part"].map(weights).astype(float)
    docs = pd.Index(sent["doc_id"].drop_duplicates(), name="doc_id")
    totals = sent.groupby("doc_id", sort=False).agg(n=("sent_id", "size"), w=("weight", "sum")).reindex(docs)

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

    first = marked.sort_values(["doc_id", "sent_id", "start"], kind="stable").drop_duplicates("doc_id")
    out["primacy"] = first.set_index("doc_id")["side"].reindex(docs).fillna("none").astype("string")

    neg, pos = study.balance
    n_neg, n_pos = counts[neg].astype(float), counts[pos].astype(float)
    total = n_neg + n_pos
    with np.errstate(invalid="ignore", divide="ignore"):
        out["balance"] = np.where(total > 0, (n_pos - n_neg) / np.where(total > 0, total, 1), 0.0)
    return out.reset_index()
