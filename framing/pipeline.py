"""The study pipeline on a batch of articles: segment, match, score; and explain a score.

:func:`analyse` is the one function that runs every stage on a table of
articles. It works on any batch (a whole corpus, or one chunk of a larger one)
and returns plain tables, so the same call serves a notebook, the command line
and a distributed run over partitions.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .quotes import find_quotes
from .voice import mark_in_quote, voice_measures
from .scoring import PART_WEIGHTS, match, score
from .study import Study
from .text import segment

__all__ = ["Analysis", "analyse", "explain", "METADATA_COLUMNS"]

#: Article metadata carried into score tables, when present.
METADATA_COLUMNS = ["outlet", "outlet_type", "country", "lang", "date", "split", "synthetic"]


@dataclass(frozen=True)
class Analysis:
    """The tables of one run: ``sentences``, ``hits``, ``scores`` and ``quotes`` (reported speech)."""

    sentences: pd.DataFrame
    hits: pd.DataFrame
    scores: pd.DataFrame
    quotes: pd.DataFrame | None = None


def analyse(articles: pd.DataFrame, study: Study, *, attribution: bool = True) -> Analysis:
    """Segment, match, attribute reported speech, and score ``articles``.

    Parameters
    ----------
    articles : DataFrame
        From :func:`framing.read_corpus`.
    study : Study
        From :func:`framing.load_study`.
    attribution : bool, default True
        Find reported speech (:func:`framing.find_quotes`): hits then say
        whether they lie in a direct quotation (``in_quote``) or in any
        reported speech (``in_speech``), and the scores gain each side's
        voice, direct and indirect quotes, distancing and adoption
        (:func:`framing.voice_measures`). It is the slowest stage; without it
        ``quotes`` is None and ``in_quote`` comes from quotation marks alone.

    Returns
    -------
    Analysis
        ``sentences`` (:func:`framing.segment`), ``hits`` (:func:`framing.match`),
        ``scores`` (:func:`framing.score`, one row per article, then the voice
        measures, then the article metadata in :data:`METADATA_COLUMNS`) and
        ``quotes`` (:func:`framing.find_quotes`).

    Examples
    --------
    >>> run = analyse(read_corpus("corpus"), load_study("corpus/study.yaml"))  # doctest: +SKIP
    >>> run.scores[["doc_id", "primacy", "balance"]]  # doctest: +SKIP
    """
    unknown = sorted(set(articles["lang"].dropna()) - set(study.lexicon_paths))
    if unknown:
        raise ValueError(
            f"Articles in language(s) {', '.join(unknown)} have no lexicon in study {study.name!r} "
            f"(it has {', '.join(study.lexicon_paths)}). Add a lexicon for them to the study file, "
            "or filter the articles first."
        )
    sentences = segment(articles)
    hits = match(sentences, study)
    quotes = None
    if attribution:
        quotes = find_quotes(articles, sentences, study)
        hits = mark_in_quote(hits, quotes)
    scores = score(sentences, hits, study)
    if attribution:
        voice = voice_measures(sentences, hits, quotes, study).astype({"doc_id": "object"})
        scores = scores.astype({"doc_id": "object"}).merge(voice, on="doc_id", how="left")
    meta = [c for c in METADATA_COLUMNS if c in articles]
    scores = scores.merge(articles[["doc_id", *meta]].astype({"doc_id": "object"}), on="doc_id", how="left")
    return Analysis(sentences=sentences, hits=hits, scores=scores, quotes=quotes)


def explain(doc_id: str, *, sentences: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """Show the sentences and lexicon hits behind one article's scores.

    Returns one row per sentence of ``doc_id``: ``sent_id, part, weight,
    sides`` (the sides it carries, which is what salience and prominence
    count), ``terms`` (``category: matched text`` for each hit) and ``text``.
    The first sentence with a side gives ``primacy``.

    Examples
    --------
    >>> explain("000_9cd90cb41eb6c02b", sentences=run.sentences, hits=run.hits)  # doctest: +SKIP
    """
    sents = sentences[sentences["doc_id"] == doc_id]
    if sents.empty:
        known = sentences["doc_id"].drop_duplicates()
        raise KeyError(f"No article {doc_id!r} in these sentences ({len(known)} articles, "
                       f"e.g. {', '.join(map(str, known.head(3)))}).")
    mine = hits[hits["doc_id"] == doc_id]
    rows = []
    for sent in sents.itertuples(index=False):
        here = mine[mine["sent_id"] == sent.sent_id]
        terms = [f"{h.category}: {sent.text[h.start - sent.start:h.end - sent.start]}"
                 + (" (quoted)" if h.in_quote else "") for h in here.itertuples(index=False)]
        sides = list(dict.fromkeys(here["side"].dropna()))
        rows.append({"sent_id": sent.sent_id, "part": sent.part, "weight": PART_WEIGHTS[sent.part],
                     "sides": ", ".join(sides), "terms": "; ".join(terms), "text": sent.text})
    return pd.DataFrame(rows)
