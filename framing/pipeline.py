"""The study pipeline on a batch of articles: segment, match, score; and explain a score.

:func:`analyse` is the one function that runs every stage on a table of
articles. It works on any batch (a whole corpus, or one chunk of a larger one)
and returns plain tables, so the same call serves a notebook, the command line
and a distributed run over partitions.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

import numpy as np

from .errors import FramingError, UnsupportedLanguageError, check_choice
from .features import model_input
from .quotes import find_quotes
from .scoring import (LABELS_BEYOND_SIDES, METHODS, PART_WEIGHTS, label_marks, match, metadata_columns, score,
                      score_marks)
from .study import Study
from .text import segment
from .voice import mark_in_quote, voice_measures

__all__ = ["Analysis", "analyse", "classifier_labels", "explain"]


@dataclass(frozen=True)
class Analysis:
    """The tables of one run.

    ``sentences``, ``hits``, ``scores``, ``quotes`` (reported speech; None
    without attribution) and ``labels`` (the classifier's sentence labels;
    None without a model).
    """

    sentences: pd.DataFrame
    hits: pd.DataFrame
    scores: pd.DataFrame
    quotes: pd.DataFrame | None = None
    labels: pd.DataFrame | None = None


def analyse(articles: pd.DataFrame, study: Study, *, method: str = "lexicon", model=None,
            attribution: bool = True) -> Analysis:
    """Segment, match, attribute reported speech, and score ``articles``: the one entry point.

    Every engine calls it: a notebook on a whole corpus, ``framing score``
    chunk by chunk (:func:`framing.stream.score_chunk`), worker processes and
    Dask partitions.

    Parameters
    ----------
    articles : DataFrame
        From :func:`framing.read_corpus`.
    study : Study
        From :func:`framing.load_study`.
    method : {"lexicon", "classifier", "both"}, default "lexicon"
        Which sentences carry which side: the study's lexicons, a trained
        classifier (``model``), or both, stacked (the lexicon's rows first,
        told apart by the ``method`` column).
    model : fitted classifier, optional
        Needed for ``classifier`` and ``both``: a model from
        :func:`framing.classify.make_classifier` fitted on the study's labels,
        or :func:`framing.models.load_model`.
    attribution : bool, default True
        Find reported speech (:func:`framing.find_quotes`): hits then say
        whether they lie in any reported speech (``in_speech``), and the
        scores gain each side's voice, direct and indirect quotes, distancing
        and adoption (:func:`framing.voice_measures`). It is the slowest
        stage; without it ``quotes`` is None. ``in_quote`` (inside quotation
        marks) is the same either way.

    Returns
    -------
    Analysis
        ``sentences`` (:func:`framing.segment`), ``hits`` (:func:`framing.match`),
        ``scores`` (one row per article and method: the measures of
        :func:`framing.score`, then the voice measures, then every article
        column but ``headline`` and ``text``, as read), ``quotes``
        (:func:`framing.find_quotes`) and ``labels``
        (:func:`classifier_labels`).

    Raises
    ------
    UnsupportedLanguageError
        When articles are in a language the study has no lexicon for.
    FramingError
        For an unknown ``method``, a missing ``model``, or a model trained
        for other labels.

    Examples
    --------
    >>> run = analyse(read_corpus("corpus"), load_study("corpus/study.yaml"))  # doctest: +SKIP
    >>> run.scores[["doc_id", "primacy", "balance"]]  # doctest: +SKIP
    """
    check_choice("method", method, METHODS)
    if method != "lexicon":
        _check_model(model, study, method)
    unknown = sorted(set(articles["lang"].dropna()) - set(study.lexicon_paths))
    if unknown:
        raise UnsupportedLanguageError(
            f"Articles in language(s) {', '.join(unknown)} have no lexicon in study {study.name!r} "
            f"(it has {', '.join(study.lexicon_paths)}). Add a lexicon for them to the study file, "
            "or filter the articles first (e.g. framing score --lang, or articles[articles.lang == 'en'])."
        )
    sentences = segment(articles)
    hits = match(sentences, study)
    quotes = labels = None
    if attribution:
        quotes = find_quotes(articles, sentences, study)
        hits = mark_in_quote(hits, quotes)
    tables = []
    if method in ("lexicon", "both"):
        tables.append(score(sentences, hits, study))
    if method in ("classifier", "both"):
        labels = classifier_labels(model, sentences)
        tables.append(score_marks(sentences, label_marks(labels, study), study, method="classifier"))
    scores = tables[0] if len(tables) == 1 else pd.concat(tables, ignore_index=True)
    scores = scores.astype({"doc_id": "object"})
    if attribution:
        voice = voice_measures(sentences, hits, quotes, study).astype({"doc_id": "object"})
        scores = scores.merge(voice, on="doc_id", how="left")
    meta = metadata_columns(articles.columns)
    scores = scores.merge(articles[["doc_id", *meta]].astype({"doc_id": "object"}), on="doc_id", how="left")
    return Analysis(sentences=sentences, hits=hits, scores=scores, quotes=quotes, labels=labels)


def _check_model(model, study: Study, method: str) -> None:
    if model is None:
        raise FramingError(f"method={method!r} needs a trained model: train one with `framing train` and "
                           "load it with framing.models.load_model (or pass --model to framing score).")
    allowed = set(study.side_ids) | set(LABELS_BEYOND_SIDES)
    unknown = sorted(set(map(str, getattr(model, "classes_", ()))) - allowed)
    if unknown:
        raise FramingError(f"The model predicts label(s) {', '.join(unknown)} that study {study.name!r} does "
                           f"not have (it has {', '.join(sorted(allowed))}); use a model trained for this study.")


def classifier_labels(model, sentences: pd.DataFrame) -> pd.DataFrame:
    """The classifier's label for each sentence.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, label`` and, per label of the model,
        ``proba_<label>`` (models with ``predict_proba``) or
        ``score_<label>`` (the SVM's decision function); a multi-label
        model gives ``score_<side>`` per side (the side fires above 0).
        Models with context features read each sentence's neighbours
        (:func:`framing.features.model_input`), so pass whole articles.

    Examples
    --------
    >>> labels = classifier_labels(load_model("model.skops"), framing.segment(articles))  # doctest: +SKIP
    """
    out = sentences[["doc_id", "sent_id"]].reset_index(drop=True).copy()
    if len(out) == 0:
        out["label"] = pd.Series([], dtype=str)
        return out
    X = model_input(model, sentences)  # the text, or the text with its neighbours and language
    classes = np.asarray(model.classes_, dtype=object)
    out["label"] = pd.Series(np.asarray(model.predict(X), dtype=object), dtype=str)
    if hasattr(model, "predict_proba"):
        scores, prefix, names = model.predict_proba(X), "proba", classes
    else:
        scores, prefix = np.asarray(model.decision_function(X)), "score"
        if scores.ndim == 1:
            scores = np.column_stack([-scores, scores])
        # a multi-label model scores each side (it fires above 0), not each label
        names = getattr(model[-1] if hasattr(model, "steps") else model, "sides_", classes)
    for j, label in enumerate(names):
        out[f"{prefix}_{label}"] = scores[:, j].astype(float)
    return out


def explain(doc_id: str, *, sentences: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """Show the sentences and lexicon hits behind one article's scores.

    Returns one row per sentence of ``doc_id``: ``sent_id, part, weight,
    sides`` (the sides it carries, which is what salience and prominence
    count), ``terms`` (``category: matched text`` for each hit), ``text``
    and ``furniture`` (why a line is page furniture, which no score counts;
    ``""`` for text).
    The first sentence with a side gives ``primacy``.

    Examples
    --------
    >>> explain("000_9cd90cb41eb6c02b", sentences=run.sentences, hits=run.hits)  # doctest: +SKIP
    """
    sents = sentences[sentences["doc_id"] == doc_id]
    if sents.empty:
        known = sentences["doc_id"].drop_duplicates()
        raise FramingError(f"No article {doc_id!r} in these sentences ({len(known)} articles, "
                       f"e.g. {', '.join(map(str, known.head(3)))}).")
    mine = hits[hits["doc_id"] == doc_id]
    rows = []
    for sent in sents.itertuples(index=False):
        here = mine[mine["sent_id"] == sent.sent_id]
        terms = [f"{h.category}: {sent.text[h.start - sent.start:h.end - sent.start]}"
                 + (" (quoted)" if h.in_quote else "") for h in here.itertuples(index=False)]
        sides = list(dict.fromkeys(here["side"].dropna()))
        rows.append({"sent_id": sent.sent_id, "part": sent.part, "weight": PART_WEIGHTS[sent.part],
                     "sides": ", ".join(sides), "terms": "; ".join(terms), "text": sent.text,
                     "furniture": getattr(sent, "furniture", "")})
    return pd.DataFrame(rows)
