"""Score a corpus of any size on one machine: chunks streamed through worker processes, in order.

:func:`score_corpus` is what ``framing score`` runs. It reads the corpus in
chunks (:func:`framing.stream.iter_corpus`), scores each chunk
(:func:`framing.stream.score_chunk`) in this process or in ``jobs`` worker
processes, and appends the results to the output tables in input order, so
that ``jobs=4`` gives the same rows as ``jobs=1``. At most a few chunks per
worker are in flight at any time, so memory stays bounded whatever the
corpus size; each worker loads the study once.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import FramingError, rejection_report
from .pipeline import Analysis
from .scoring import METHODS
from .corpus import DEFAULT_CHUNK_SIZE, corpus_columns, count_articles, iter_corpus
from .stream import chunk_metadata, score_chunk, scores_meta
from .tables import check_outputs, table_writer, write_table
from .study import Study, load_study

__all__ = ["map_chunks", "score_corpus", "score_methods", "ScoreSummary", "METHODS", "ENGINES"]

#: Where ``framing score`` runs: streamed through local processes, or on a Dask cluster.
ENGINES = ("local", "dask")

_IN_FLIGHT_PER_JOB = 2

# The study (and model, if any) of this worker process, loaded once by _init_worker.
_WORKER_STUDY: Study | None = None
_WORKER_MODEL = None



@dataclass(frozen=True)
class ScoreSummary:
    """What :func:`score_corpus` did: articles scored and the rejection report."""

    n_articles: int
    rejected: pd.DataFrame


def _init_worker(study_path: str, model_path: str | None = None) -> None:
    global _WORKER_STUDY, _WORKER_MODEL
    _WORKER_STUDY = load_study(study_path)
    _WORKER_MODEL = _load_model(model_path, _WORKER_STUDY)


def _load_model(model_path: str | Path | None, study: Study):
    if model_path is None:
        return None
    from .models import load_model

    return load_model(model_path, study=study)


def _work(articles: pd.DataFrame, tables: bool, method: str, attribution: bool,
          metadata: list[str] | None = None) -> pd.DataFrame | Analysis:
    return score_chunk(articles, _WORKER_STUDY, model=_WORKER_MODEL, method=method, tables=tables,
                       attribution=attribution, metadata=metadata)


def score_methods(articles: pd.DataFrame, study: Study, *, model=None, method: str = "lexicon",
                  tables: bool = False, attribution: bool = True) -> pd.DataFrame | Analysis:
    """Deprecated: use :func:`framing.stream.score_chunk` (``method=`` and ``model=`` as in :func:`framing.analyse`)."""
    return score_chunk(articles, study, model=model, method=method, tables=tables, attribution=attribution)


def map_chunks(chunks: Iterable[pd.DataFrame], study_path: str | Path, *, jobs: int = 1,
               tables: bool = False, in_flight: int | None = None, method: str = "lexicon",
               model_path: str | Path | None = None, attribution: bool = True, metadata: list[str] | None = None
               ) -> Iterator[tuple[pd.DataFrame, pd.DataFrame | Analysis]]:
    """Yield ``(chunk, score_chunk(chunk, study))`` for each chunk, in input order.

    Parameters
    ----------
    chunks : iterable of DataFrame
        Validated article tables, e.g. from :func:`framing.stream.iter_corpus`.
    study_path : str or Path
        The study file; each worker loads it once.
    jobs : int, default 1
        Worker processes; ``1`` scores in this process.
    tables : bool, default False
        Yield whole :class:`~framing.pipeline.Analysis` results (sentences,
        hits, scores) rather than scores alone.
    in_flight : int, optional
        Chunks submitted but not yet yielded (default ``2 * jobs``); it
        bounds memory.
    method, model_path, attribution
        As in :func:`framing.analyse`; each worker loads the model once.
    metadata : list of str, optional
        The metadata columns of every chunk's scores (:func:`framing.stream.score_chunk`).

    Examples
    --------
    >>> for chunk, scores in map_chunks(iter_corpus("corpus"), "corpus/study.yaml", jobs=2):  # doctest: +SKIP
    ...     print(len(scores))
    """
    if jobs < 1:
        raise FramingError(f"invalid value {jobs!r} for jobs; give a whole number of at least 1.")
    if jobs == 1:
        study = load_study(study_path)
        model = _load_model(model_path, study)
        for chunk in chunks:
            yield chunk, score_chunk(chunk, study, model=model, method=method, tables=tables,
                                     attribution=attribution, metadata=metadata)
        return
    limit = in_flight or _IN_FLIGHT_PER_JOB * jobs
    pending: deque[tuple[pd.DataFrame, Future]] = deque()
    # spawn: workers start clean (no threads or locks inherited from this process).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(str(study_path), None if model_path is None else str(model_path))) as pool:
        try:
            for chunk in chunks:
                pending.append((chunk, pool.submit(_work, chunk, tables, method, attribution, metadata)))
                while len(pending) >= limit:
                    done, future = pending.popleft()
                    yield done, future.result()
            while pending:
                done, future = pending.popleft()
                yield done, future.result()
        finally:
            for _, future in pending:
                future.cancel()


def score_corpus(path: str | Path, study_path: str | Path, output: str | Path, *, jobs: int = 1,
                 chunk_size: int = DEFAULT_CHUNK_SIZE, errors: str = "raise", lang: str | None = None,
                 hits: str | Path | None = None, sentences: str | Path | None = None,
                 rejected: str | Path | None = None, progress: bool = True, method: str = "lexicon",
                 model: str | Path | None = None, attribution: bool = True) -> ScoreSummary:
    """Score every article of a corpus, streaming, and write the tables.

    Parameters
    ----------
    path : str or Path
        Corpus folder, ``.csv``/``.jsonl``/``.parquet`` file, or a folder of such files.
    study_path : str or Path
        The study file.
    output : str or Path
        Scores table (``.csv``, ``.jsonl`` or ``.parquet``), columns of
        :func:`framing.stream.scores_meta`.
    jobs : int, default 1
        Worker processes.
    chunk_size : int, default :data:`framing.stream.DEFAULT_CHUNK_SIZE`
        Articles per chunk.
    errors : {"raise", "skip"}, default "raise"
        As for :func:`framing.stream.iter_corpus`.
    lang : str, optional
        Language for records that give none.
    hits, sentences : str or Path, optional
        Also write the lexicon hits and the sentences.
    rejected : str or Path, optional
        Write the rejection report (CSV) here.
    progress : bool, default True
        Show a progress bar (articles done, articles per second, time left).
    method : {"lexicon", "classifier", "both"}, default "lexicon"
        Which method's scores to write (as in :func:`framing.analyse`).
    model : str or Path, optional
        The trained model file (``framing train``), for ``classifier`` and ``both``.
    attribution : bool, default True
        Find reported speech and add the voice measures (:func:`framing.analyse`);
        the slowest stage, which large runs may leave out.

    Returns
    -------
    ScoreSummary

    Examples
    --------
    >>> score_corpus("corpus", "corpus/study.yaml", "scores.parquet", jobs=2)  # doctest: +SKIP
    ScoreSummary(n_articles=70, ...)
    """
    from tqdm.auto import tqdm

    check_outputs({"output": output, "hits": hits, "sentences": sentences, "rejected": rejected},
                  inputs=[path, study_path, model])
    study = load_study(study_path)  # fail early, before any worker starts
    if method != "lexicon":
        if model is None:
            raise FramingError(f"method {method!r} needs a model file: train one with framing train, "
                               "then pass it with --model.")
        _load_model(model, study)  # a bad model file fails before any input is read
    tables = bool(hits or sentences)
    problems: list[dict] = []
    n_articles = 0
    total = count_articles(path)
    metadata = chunk_metadata(corpus_columns(path))  # one schema for every chunk's scores
    read: deque[tuple[pd.DataFrame, int]] = deque()  # (rejection report, records read) of each chunk, in order

    def articles() -> Iterator[pd.DataFrame]:
        for chunk, chunk_report, records in iter_corpus(path, chunk_size=chunk_size, errors=errors, lang=lang,
                                                        report=True):
            read.append((chunk_report, records))
            yield chunk

    chunks = articles()
    with ExitStack() as stack:
        inputs = [path, study_path]
        write_scores = stack.enter_context(table_writer(output, inputs=inputs))
        write_hits = stack.enter_context(table_writer(hits, inputs=inputs)) if hits else None
        write_sentences = stack.enter_context(table_writer(sentences, inputs=inputs)) if sentences else None
        bar = stack.enter_context(tqdm(total=total, unit=" articles", desc="scoring", file=sys.stderr,
                                       disable=not progress or None, smoothing=0.1))
        wrote = False
        for chunk, result in map_chunks(chunks, study.path or study_path, jobs=jobs, tables=tables,
                                        method=method, model_path=model, attribution=attribution,
                                        metadata=metadata):
            chunk_report, records = read.popleft()
            problems.extend(chunk_report.to_dict("records"))
            scores = result.scores if tables else result
            if len(scores):
                write_scores(scores)
                wrote = True
                if write_hits:
                    write_hits(result.hits)
                if write_sentences:
                    write_sentences(result.sentences)
            n_articles += len(chunk)
            bar.update(records)
        if not wrote:
            write_scores(scores_meta(study, attribution=attribution, metadata=metadata))
            empty = score_chunk(pd.DataFrame(), study, tables=True, attribution=attribution)
            if write_hits:
                write_hits(empty.hits)
            if write_sentences:
                write_sentences(empty.sentences)
    report = rejection_report(problems)
    if rejected:
        write_table(report, rejected, inputs=[path, study_path])
    return ScoreSummary(n_articles=n_articles, rejected=report)
