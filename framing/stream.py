"""Score a corpus chunk by chunk, in one schema, whatever the engine.

:func:`score_chunk` is the one per-chunk computation every engine runs
(in-process, worker processes, Dask): :func:`framing.analyse` with the
columns of :func:`scores_meta` (:func:`framing.scoring.scores_schema`). The
chunks come from :func:`framing.corpus.iter_corpus` and go to
:func:`framing.tables.table_writer`; both are re-exported here for scripts
written against the first release.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .corpus import DEFAULT_CHUNK_SIZE, count_articles, iter_corpus
from .errors import check_choice
from .pipeline import Analysis, analyse
from .scoring import HIT_COLUMNS, METHODS, STANDARD_METADATA, metadata_columns, scores_schema
from .study import Study
from .tables import table_writer
from .text import SENTENCE_COLUMNS

__all__ = ["iter_corpus", "count_articles", "chunk_metadata", "score_chunk", "scores_meta", "table_writer",
           "DEFAULT_CHUNK_SIZE"]




# -- reading ------------------------------------------------------------------------

# -- scoring one chunk --------------------------------------------------------------

def scores_meta(study: Study, *, attribution: bool = True, metadata=STANDARD_METADATA) -> pd.DataFrame:
    """An empty table with the columns and types :func:`score_chunk` returns (:func:`framing.scoring.scores_schema`).

    Dask needs it (``meta=``) to plan work before any chunk is scored.

    Examples
    --------
    >>> scores_meta(load_study("corpus/study.yaml")).columns[:3].tolist()  # doctest: +SKIP
    ['doc_id', 'method', 'n_sentences']
    """
    schema = scores_schema(study, attribution=attribution, metadata=metadata)
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in schema.items()})


def chunk_metadata(columns) -> list[str]:
    """The metadata columns of a chunk's scores: :data:`~framing.scoring.STANDARD_METADATA`, then any other.

    Examples
    --------
    >>> chunk_metadata(["doc_id", "text", "coder"])[-1]
    'coder'
    """
    return list(dict.fromkeys([*STANDARD_METADATA, *metadata_columns(columns)]))


def score_chunk(articles: pd.DataFrame, study: Study, *, tables: bool = False, attribution: bool = True,
                method: str = "lexicon", model=None, metadata=None) -> pd.DataFrame | Analysis:
    """Score one chunk of articles with :func:`framing.analyse`, in a fixed schema (:func:`scores_meta`).

    The scores of :func:`framing.analyse`, with every column of
    :data:`~framing.scoring.STANDARD_METADATA` present (empty where the corpus
    has none) and every other article column after them, metadata as text and
    ``date`` as a timestamp, so that every chunk of a corpus, in any engine,
    gives a table of the same shape.

    Parameters
    ----------
    articles : DataFrame
        A validated chunk (from :func:`iter_corpus` or :func:`framing.read_corpus`).
    study : Study
        The study.
    tables : bool, default False
        Return the whole :class:`~framing.pipeline.Analysis` (sentences,
        hits and these scores) instead of the scores alone.
    attribution, method, model
        As in :func:`framing.analyse`.
    metadata : list of str, optional
        The metadata columns, in order (default :func:`chunk_metadata` of
        the chunk); give the corpus's when chunks may differ.

    Examples
    --------
    >>> study = load_study("corpus/study.yaml")  # doctest: +SKIP
    >>> pd.concat(score_chunk(c, study) for c in iter_corpus("corpus"))  # doctest: +SKIP
    """
    if metadata is None:
        metadata = chunk_metadata(articles.columns)
    meta = scores_meta(study, attribution=attribution, metadata=metadata)
    if len(articles) == 0:
        check_choice("method", method, METHODS)
        run = None
        scores = meta
    else:
        run = analyse(articles, study, method=method, model=model, attribution=attribution)
        scores = run.scores
        missing = [c for c in meta.columns if c not in scores]
        if missing:
            scores = scores.assign(**{c: None for c in missing})
        scores = scores[list(meta.columns)]
        for column in metadata:
            values = scores[column]
            if column == "date":
                scores[column] = pd.to_datetime(values).astype("datetime64[ns]")
            else:
                scores[column] = values.astype(object).map(_text).astype("string")
        scores = scores.astype({"doc_id": "object", "method": "object"})
    if not tables:
        return scores
    if run is None:
        return Analysis(sentences=pd.DataFrame(columns=SENTENCE_COLUMNS),
                        hits=pd.DataFrame(columns=HIT_COLUMNS), scores=scores)
    return replace(run, scores=scores)


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    return str(value)


