"""Score on Dask: the per-chunk scoring over the partitions of a Dask DataFrame, on any cluster.

Dask is optional (``pip install 'framing[dask]'``); ``import framing`` never
imports it. :func:`score_dask` maps :func:`framing.stream.score_chunk` over
the partitions of a Dask DataFrame of articles, each partition validated as
:func:`framing.read_corpus` validates records. Workers load the study
themselves from its path (once per worker process), so the path must be
readable where the workers run. :func:`score_files` is what
``framing score --engine dask [--scheduler ADDRESS]`` runs: it reads the
corpus with Dask, checks that ``doc_id`` is unique across partitions,
scores, and writes the scores in input order.
"""

from __future__ import annotations

import functools
import sys
from collections import deque
from pathlib import Path

import pandas as pd

from .corpus import ARTICLE_COLUMNS, DEFAULT_CHUNK_SIZE, clean_value, corpus_columns, count_articles, read_markdown_record, source_files, validate_records
from .errors import (CorpusError, FramingError, MissingDependencyError, check_choice, describe_rejections,
                     invalid_choice, rejection_report)
from .scoring import METHODS, STANDARD_METADATA
from .stream import chunk_metadata, score_chunk, scores_meta
from .tables import table_writer, write_table
from .study import Study, load_study

__all__ = ["score_dask", "score_files", "MissingDependencyError"]

_INSTALL = "pip install 'framing[dask]'"
_RAW_COLUMNS = list(dict.fromkeys([*ARTICLE_COLUMNS, *STANDARD_METADATA]))
#: Where a Markdown record came from, and its parse problem, carried to validation.
_PROVENANCE = ["_file", "_label", "_problem", "_fix"]


def _dask():
    """Import dask.dataframe, or say how to install it."""
    try:
        import dask.dataframe as dd
    except ImportError:
        raise MissingDependencyError(
            f"The Dask engine needs dask and distributed, which are not installed. "
            f"Install them with: {_INSTALL}"
        ) from None
    return dd


@functools.lru_cache(maxsize=8)
def _study(study_path: str) -> Study:
    # Loaded once per worker process and study file.
    return load_study(study_path)


def _validated(part: pd.DataFrame, number: int | None, lang: str | None, where: str,
               ) -> tuple[pd.DataFrame, list[dict]]:
    label = f"partition {number}" if number is not None else "partition"
    records = []
    for i, row in enumerate(part.to_dict("records")):
        fields = {str(k): clean_value(None if v is pd.NA else v) for k, v in row.items()}
        file = fields.pop("_file", None) or where
        record = fields.pop("_label", None) or f"{label}, row {i + 1}"
        problem, fix = fields.pop("_problem", None), fields.pop("_fix", None)
        if problem:  # a Markdown file that could not be parsed
            records.append((Path(file), record, None, {"problem": problem, "fix": fix}))
        else:
            records.append((Path(file), record, fields, None))
    if not records:
        return pd.DataFrame(), []
    return validate_records(records, default_lang=lang)


@functools.lru_cache(maxsize=4)
def _model(model_path: str, study_path: str):
    from .models import load_model

    return load_model(model_path, study=_study(study_path))


def _score_partition(part: pd.DataFrame, study_path: str, lang: str | None, errors: str, where: str,
                     attribution: bool = True, method: str = "lexicon", model_path: str | None = None,
                     metadata: list[str] | None = None, partition_info: dict | None = None) -> pd.DataFrame:
    study = _study(study_path)
    number = partition_info["number"] if partition_info else None
    articles, problems = _validated(part, number, lang, where)
    if problems and errors == "raise":
        report = rejection_report(problems)
        raise CorpusError(describe_rejections(
            report, where=f"{where}: {len(report)} problem(s) in partition {number}",
            advice="Fix them, or pass errors='skip' (framing score --skip-bad) to leave them out."))
    model = None if method == "lexicon" else _model(model_path, study_path)
    return score_chunk(articles, study, method=method, model=model, attribution=attribution, metadata=metadata)


def _reject_partition(part: pd.DataFrame, lang: str | None, where: str,
                      partition_info: dict | None = None) -> pd.DataFrame:
    number = partition_info["number"] if partition_info else None
    return rejection_report(_validated(part, number, lang, where)[1])


def score_dask(ddf, study_path: str | Path, *, lang: str | None = None, errors: str = "raise",
               source: str = "dask dataframe", attribution: bool = True, method: str = "lexicon",
               model: str | Path | None = None):
    """Score every article of a Dask DataFrame; return a lazy Dask DataFrame of scores.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Articles: at least ``doc_id`` and ``text`` (and ``headline``,
        ``lang``, ``date`` and other metadata, as for :func:`framing.read_corpus`).
    study_path : str or Path
        The study file. Workers load it themselves, so pass the path (readable
        on the workers), not a loaded :class:`~framing.study.Study`.
    lang : str, optional
        Language for records that give none.
    errors : {"raise", "skip"}, default "raise"
        Each partition is validated like :func:`framing.read_corpus`:
        ``"raise"`` fails on a bad record; ``"skip"`` leaves bad records out
        (:func:`score_files` reports them). ``doc_id`` uniqueness *across*
        partitions is not checked here (it would need a pass over the data);
        :func:`score_files` checks it.
    source : str, default "dask dataframe"
        Where the articles come from, for error messages.
    attribution : bool, default True
        As in :func:`framing.analyse`: False leaves out reported speech and
        the voice measures (``framing score --no-attribution``).
    method : {"lexicon", "classifier", "both"}, default "lexicon"
        As for ``framing score --method``: the lexicon's scores, the
        classifier's, or both stacked (told apart by the ``method`` column).
    model : str or Path, optional
        The model file (``framing train``) for ``classifier`` and ``both``;
        like the study, it must be readable where the workers run.

    Returns
    -------
    dask.dataframe.DataFrame
        One row per article (two with ``both``), partition by partition, with
        the columns and types of :func:`framing.stream.scores_meta`: the same
        rows as :func:`framing.stream.score_chunk` gives for the same
        articles.

    Examples
    --------
    >>> import dask.dataframe as dd  # doctest: +SKIP
    >>> ddf = dd.read_parquet("articles/*.parquet")  # doctest: +SKIP
    >>> scores = score_dask(ddf, "corpus/study.yaml").compute()  # doctest: +SKIP
    """
    _dask()
    if errors not in ("raise", "skip"):
        raise invalid_choice("errors", errors, ("raise", "skip"))
    missing = {"doc_id", "text"} - set(ddf.columns)
    if missing:
        raise CorpusError(f"{source}: missing column(s) {', '.join(sorted(missing))}; found "
                          f"{', '.join(map(str, ddf.columns))}. A corpus table needs doc_id and text.")
    check_choice("method", method, METHODS)
    if method != "lexicon" and model is None:
        raise FramingError(f"method={method!r} needs a model file; train one with framing train.")
    study_path = str(Path(study_path).resolve())
    model_path = str(Path(model).resolve()) if model is not None else None
    if model_path is not None:
        _model(model_path, study_path)  # a missing, tampered or foreign model file fails here, not on a worker
    metadata = chunk_metadata([c for c in ddf.columns if c not in _PROVENANCE])  # not where a record came from
    meta = scores_meta(load_study(study_path), attribution=attribution, metadata=metadata)
    return ddf.map_partitions(_score_partition, study_path, lang, errors, source, attribution, method,
                              model_path, metadata, meta=meta, enforce_metadata=False)


def _read_markdown_batch(files: list[str], keys: list[str]) -> pd.DataFrame:
    rows = []
    for file in files:
        _, label, fields, problem = read_markdown_record(Path(file))
        row = {c: (fields or {}).get(c) for c in keys}
        # Where the record came from, and a parse problem, travel to validation.
        row.update(_file=file, _label=label, _problem=(problem or {}).get("problem"),
                   _fix=(problem or {}).get("fix"))
        rows.append(row)
    return pd.DataFrame(rows, columns=[*keys, *_PROVENANCE]).astype(object)


def _read(path: Path, chunk_size: int):
    """A Dask DataFrame of raw article records from a corpus path."""
    dd = _dask()
    files = source_files(path)
    suffixes = {f.suffix.lower() for f in files}
    if not files:
        raise CorpusError(f"{path}: no articles found. A corpus folder holds <doc_id>.md files, "
                          "or .parquet, .csv or .jsonl files.")
    if len(suffixes) > 1:
        raise CorpusError(f"{path}: mixes {', '.join(sorted(suffixes))} files; the Dask engine reads "
                          "one format at a time. Put each format in its own folder.")
    suffix = suffixes.pop()
    names = [str(f) for f in files]
    if suffix == ".md":
        batches = [names[i:i + chunk_size] for i in range(0, len(names), chunk_size)]
        # every front-matter key of the corpus, so that any metadata reaches the scores (one pass over it)
        columns = list(dict.fromkeys([*_RAW_COLUMNS, *corpus_columns(path)]))
        meta = pd.DataFrame({c: pd.Series(dtype=object) for c in [*columns, *_PROVENANCE]})
        return dd.from_map(_read_markdown_batch, batches, args=[columns], meta=meta)
    if suffix == ".parquet":
        return dd.read_parquet(names)
    if suffix == ".csv":
        return dd.read_csv(names, dtype=str, keep_default_na=False, blocksize="16MB")
    return dd.read_json(names, lines=True, blocksize=2**24, dtype=False)


def score_files(path: str | Path, study_path: str | Path, output: str | Path, *,
                scheduler: str | None = None, n_workers: int = 1,
                chunk_size: int = DEFAULT_CHUNK_SIZE, errors: str = "raise", lang: str | None = None,
                rejected: str | Path | None = None, progress: bool = True, attribution: bool = True,
                method: str = "lexicon", model: str | Path | None = None):
    """Score a corpus on a Dask cluster and write the scores; what ``framing score --engine dask`` runs.

    Parameters
    ----------
    path : str or Path
        Corpus: a folder of ``.md`` articles, a ``.parquet``, ``.csv`` or
        ``.jsonl`` file, or a folder of such files.
    study_path : str or Path
        The study file (readable by the workers).
    output : str or Path
        Scores table (``.csv``, ``.jsonl`` or ``.parquet``), written in input order.
    scheduler : str, optional
        Address of a running ``dask.distributed`` scheduler; by default a
        local cluster of ``n_workers`` single-threaded worker processes.
    n_workers : int, default 1
        Workers of the local cluster (ignored with ``scheduler``).
    chunk_size : int, default :data:`framing.stream.DEFAULT_CHUNK_SIZE`
        Articles per partition for Markdown folders.
    errors : {"raise", "skip"}, default "raise"
        As for :func:`score_dask`; skipped records are reported. A
        ``doc_id`` that occurs twice is always an error with this engine.
    lang : str, optional
        Language for records that give none.
    rejected : str or Path, optional
        Write the rejection report (CSV) here.
    progress : bool, default True
        Show a progress bar.
    attribution, method, model
        As for :func:`score_dask`.

    Returns
    -------
    framing.parallel.ScoreSummary

    Examples
    --------
    >>> score_files("bench/out/corpus_100k", "corpus/study.yaml", "scores.parquet",
    ...             scheduler="tcp://10.0.0.5:8786")  # doctest: +SKIP
    """
    _dask()
    from distributed import Client, LocalCluster
    from tqdm.auto import tqdm

    from .parallel import ScoreSummary

    path = Path(path)
    load_study(study_path)
    with_cluster = scheduler is None
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                           dashboard_address=None) if with_cluster else None
    client = Client(cluster if with_cluster else scheduler)
    try:
        raw = _read(path, chunk_size)
        counts = raw["doc_id"].astype(str).value_counts(split_out=1)  # a tree reduction, no shuffle
        duplicates = counts[counts > 1].compute()
        if len(duplicates):
            shown = ", ".join(f"{k!r} ({v}x)" for k, v in duplicates.head(10).items())
            raise CorpusError(f"{path}: {len(duplicates)} doc_id(s) occur more than once: {shown}. "
                              "Give every article a unique doc_id (the Dask engine cannot leave "
                              "duplicates out; --engine local --skip-bad can).")
        report = rejection_report()
        if errors == "skip" or rejected:
            meta = rejection_report()
            report = raw.map_partitions(_reject_partition, lang, str(path), meta=meta).compute()
            report = report.reset_index(drop=True).astype("string")
        scores = score_dask(raw, study_path, lang=lang, errors=errors, source=str(path), attribution=attribution,
                            method=method, model=model)
        parts = scores.to_delayed()
        total = count_articles(path)
        n_articles = 0
        window = 2 * max(1, len(client.scheduler_info().get("workers", {})) or n_workers)
        pending: deque = deque()
        with table_writer(output, inputs=[path, study_path]) as write, tqdm(total=total, unit=" articles", desc="scoring",
                                                 file=sys.stderr, disable=not progress or None) as bar:
            wrote = False

            def collect() -> None:
                nonlocal n_articles, wrote
                table = pending.popleft().result()
                n_articles += len(table)
                if len(table) or not wrote:
                    write(table)
                    wrote = True
                bar.update(len(table))

            for part in parts:
                pending.append(client.compute(part))
                while len(pending) >= window:
                    collect()
            while pending:
                collect()
            if not wrote:
                write(scores_meta(load_study(study_path), attribution=attribution))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if rejected:
        write_table(report, rejected, inputs=[path, study_path])
    return ScoreSummary(n_articles=n_articles, rejected=report)
