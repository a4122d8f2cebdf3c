"""Corpora in chunks: read and validate any size of corpus in bounded memory, write tables as they come.

:func:`iter_corpus` reads a corpus (a folder of ``.md`` articles, a ``.csv``,
``.jsonl`` or ``.parquet`` file, or a folder of such table files, read in
name order) and yields validated tables of at most ``chunk_size`` articles,
with exactly the checks of :func:`framing.read_corpus`: a duplicate
``doc_id`` is caught across chunks, and every rejected record is reported.
:func:`score_chunk` is the one per-chunk computation every engine runs
(in-process, worker processes, Dask); :func:`table_writer` appends each
result to a CSV, JSON Lines or Parquet file and moves it into place only when
the whole run succeeded, so a failed run never leaves a partial table behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pandas as pd

from .corpus import _TABLE_SUFFIXES, ISO_639_1, _clean, _json_line, _read_markdown, _validate
from .errors import CorpusError, FormatError, FramingError, check_choice, invalid_choice, rejection_report
from .pipeline import Analysis, analyse
from .scoring import HIT_COLUMNS, METHODS, STANDARD_METADATA, metadata_columns, scores_schema
from .study import Study
from .text import SENTENCE_COLUMNS

__all__ = ["iter_corpus", "count_articles", "chunk_metadata", "score_chunk", "scores_meta", "table_writer",
           "DEFAULT_CHUNK_SIZE"]

#: Articles per chunk: large enough that per-chunk overhead vanishes, small
#: enough that a chunk and its sentences take a few tens of MB.
DEFAULT_CHUNK_SIZE = 1_000

_ERRORS = ("raise", "skip")


# -- reading ------------------------------------------------------------------------

def count_articles(path: str | Path) -> int | None:
    """Count the records of a corpus cheaply, without parsing them (``None`` if not cheap).

    Markdown folders count their ``.md`` files, Parquet files read the row
    count from their footer, JSON Lines files count non-blank lines. CSV
    records may span lines, so CSV gives ``None``.

    Examples
    --------
    >>> count_articles("corpus")  # doctest: +SKIP
    70
    """
    total = 0
    for file in _sources(Path(path)):
        suffix = file.suffix.lower()
        if suffix == ".md":
            total += 1
        elif suffix == ".parquet":
            import pyarrow.parquet as pq

            try:
                total += pq.ParquetFile(file).metadata.num_rows
            except Exception:  # noqa: BLE001 - a corrupt file is reported when it is read
                return None
        elif suffix in (".jsonl", ".ndjson"):
            with open(file, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            return None
    return total


def iter_corpus(path: str | Path, *, chunk_size: int = DEFAULT_CHUNK_SIZE, errors: str = "raise",
                lang: str | None = None, encoding: str = "utf-8") -> Iterator[pd.DataFrame]:
    """Yield validated tables of at most ``chunk_size`` articles, in input order.

    Parameters
    ----------
    path : str or Path
        As for :func:`framing.read_corpus`, or a folder of ``.csv``,
        ``.jsonl`` or ``.parquet`` files (shards), read in name order.
    chunk_size : int, default :data:`DEFAULT_CHUNK_SIZE`
        Records read per chunk.
    errors : {"raise", "skip"}, default "raise"
        ``"raise"``: the first chunk with a bad record raises
        :class:`~framing.errors.CorpusError` listing every problem in it,
        before anything of that chunk is yielded. ``"skip"``: bad records are
        left out and each chunk's rejection report is in
        ``chunk.attrs["rejected"]`` (a chunk may be empty when all of its
        records were rejected; it is still yielded, for its report).
        ``chunk.attrs["records"]`` is the number of records read for it.
    lang : str, optional
        Language for records that give none.
    encoding : str, default "utf-8"
        Encoding of CSV and JSON Lines files.

    Yields
    ------
    DataFrame
        Columns and types as :func:`framing.read_corpus` gives them. Duplicate
        ``doc_id`` values are caught across chunks (the set of ids seen is the
        only state that grows with the corpus).

    Examples
    --------
    >>> for chunk in iter_corpus("corpus", chunk_size=20):  # doctest: +SKIP
    ...     print(len(chunk))
    """
    if errors not in _ERRORS:
        raise invalid_choice("errors", errors, _ERRORS)
    if chunk_size < 1:
        raise FramingError(f"invalid value {chunk_size!r} for chunk_size; give a whole number of at least 1.")
    if lang is not None and lang not in ISO_639_1:
        raise CorpusError(f"lang={lang!r} is not an ISO 639-1 code (such as en, fr, ru).")
    path = Path(path)
    first_seen: dict[str, str] = {}
    n_records = 0
    batch: list[tuple] = []
    for record in _records(path, encoding, chunk_size):
        batch.append(record)
        if len(batch) == chunk_size:
            n_records += len(batch)
            yield _chunk(path, batch, lang, errors, first_seen, n_records)
            batch = []
    if batch or not n_records:
        n_records += len(batch)
        if not n_records:
            raise CorpusError(f"{path}: no articles found. A corpus folder holds <doc_id>.md files; "
                              "a table file needs at least one row.")
        yield _chunk(path, batch, lang, errors, first_seen, n_records)


def _chunk(path: Path, batch: list[tuple], lang: str | None, errors: str,
           first_seen: dict[str, str], n_records: int) -> pd.DataFrame:
    articles, problems = _validate(batch, default_lang=lang, first_seen=first_seen)
    if problems and errors == "raise":
        report = rejection_report(problems)
        lines = [f"{path}: {len(report)} problem(s) in records {n_records - len(batch) + 1}-{n_records}:"]
        for row in report.head(20).itertuples():
            lines.append(f"  {row.file} [{row.record}]: {row.problem}. Fix: {row.fix}")
        if len(report) > 20:
            lines.append(f"  ... and {len(report) - 20} more.")
        lines.append("Fix them, or pass errors='skip' (framing score --skip-bad) to leave those "
                     "records out with a report.")
        raise CorpusError("\n".join(lines))
    articles.attrs["rejected"] = problems
    articles.attrs["records"] = len(batch)
    return articles


def _sources(path: Path) -> list[Path]:
    """The files a corpus is read from, in order."""
    if path.is_dir():
        if (path / "articles").is_dir():
            path = path / "articles"
        files = sorted(p for p in path.iterdir() if not p.name.startswith("."))
        markdown = [p for p in files if p.suffix.lower() == ".md"]
        if markdown:
            return markdown
        return [p for p in files if p.suffix.lower() in _TABLE_SUFFIXES]
    if path.is_file() and path.suffix.lower() in _TABLE_SUFFIXES:
        return [path]
    if path.is_file():
        raise CorpusError(f"{path}: cannot read a corpus from a {path.suffix or 'suffix-less'} file. "
                          "Give a folder of .md articles, or a .csv, .jsonl or .parquet file.")
    raise CorpusError(f"{path}: no such file or folder. Give a folder of .md articles, "
                      "or a .csv, .jsonl or .parquet file.")


def _records(path: Path, encoding: str, chunk_size: int) -> Iterator[tuple]:
    """Yield ``(file, label, fields, problem)`` records one by one, as corpus._read_* do."""
    for file in _sources(path):
        suffix = file.suffix.lower()
        if suffix == ".md":
            yield _read_markdown(file)
        elif suffix == ".parquet":
            yield from _parquet_records(file, chunk_size)
        elif suffix == ".csv":
            yield from _csv_records(file, encoding, chunk_size)
        else:
            yield from _jsonl_records(file, encoding)


def _check_columns(file: Path, columns: set[str]) -> None:
    if not {"doc_id", "text"} <= columns:
        missing = sorted({"doc_id", "text"} - columns)
        raise CorpusError(f"{file}: missing column(s) {', '.join(missing)}; found "
                          f"{', '.join(sorted(map(str, columns)))}. A corpus table needs doc_id and text.")


def _row(file: Path, label: str, row: dict) -> tuple:
    return (file, label, {str(k): _clean(v) for k, v in row.items()}, None)


def _parquet_records(file: Path, chunk_size: int) -> Iterator[tuple]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(file)
        _check_columns(file, set(parquet.schema_arrow.names))
        number = 0
        for batch in parquet.iter_batches(batch_size=chunk_size):
            for row in batch.to_pylist():
                number += 1
                yield _row(file, f"row {number}", row)
    except CorpusError:
        raise
    except Exception as err:  # noqa: BLE001 - pyarrow raises many types for a corrupt file
        raise CorpusError(f"{file}: not a readable Parquet file ({err}). "
                          "Re-export it, or use CSV or JSONL.") from None


def _csv_records(file: Path, encoding: str, chunk_size: int) -> Iterator[tuple]:
    number = 1  # the header is line 1, as a spreadsheet shows it
    try:
        reader = pd.read_csv(file, dtype=str, keep_default_na=False, encoding=encoding,
                             chunksize=chunk_size)
        with reader:
            for frame in reader:
                frame.columns = [c.removeprefix("\ufeff") for c in frame.columns]
                if number == 1:
                    _check_columns(file, set(frame.columns))
                for row in frame.to_dict("records"):
                    number += 1
                    yield _row(file, f"row {number}", row)
    except UnicodeDecodeError as err:
        raise CorpusError(f"{file}: not {encoding} (byte 0x{err.object[err.start]:02x} after row "
                          f"{number}). Re-save it as UTF-8, or pass encoding= (e.g. 'cp1252').") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise CorpusError(f"{file}: not a readable CSV file ({err}).") from None


def _jsonl_records(file: Path, encoding: str) -> Iterator[tuple]:
    with open(file, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode(encoding)
            except UnicodeDecodeError as err:
                raise CorpusError(
                    f"{file}: not {encoding}: byte 0x{raw[err.start]:02x} at line {number}. "
                    f"Re-save it as UTF-8, or pass encoding= (e.g. 'cp1252')."
                ) from None
            if number == 1:
                line = line.removeprefix("\ufeff")
            if not line.strip():
                continue
            record, rejection = _json_line(file, number, line)
            yield rejection if rejection else _row(file, f"line {number}", record)


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


# -- writing ------------------------------------------------------------------------

@contextmanager
def table_writer(path: str | Path) -> Iterator[Callable[[pd.DataFrame], None]]:
    """Open a table for appending chunks; yield the function that writes one chunk.

    The format follows the extension: ``.csv`` (one header, then rows),
    ``.jsonl``, or ``.parquet`` (one row group per chunk, through
    ``pyarrow.parquet.ParquetWriter``; every chunk must have the first
    chunk's columns). Rows go to a temporary file beside ``path``, which
    replaces ``path`` only when the block ends without an error.

    Examples
    --------
    >>> with table_writer("scores.parquet") as write:  # doctest: +SKIP
    ...     for chunk in iter_corpus("corpus"):
    ...         write(score_chunk(chunk, study))
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl", ".parquet"):
        raise FormatError(f"Cannot write {path}: expected an output ending in .csv, .jsonl, .parquet, "
                          f"got {suffix or 'no extension'!r}. Change the file name.")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    state: dict[str, object] = {"first": True, "writer": None, "schema": None}
    handle = None if suffix == ".parquet" else open(tmp, "w", encoding="utf-8", newline="")

    def write(table: pd.DataFrame) -> None:
        if len(table) == 0 and not state["first"]:
            return
        table = table.copy(deep=False)
        table.attrs = {}
        if suffix == ".csv":
            table.to_csv(handle, index=False, header=bool(state["first"]))
        elif suffix == ".jsonl":
            if len(table):
                table.to_json(handle, orient="records", lines=True, force_ascii=False, date_format="iso",
                              double_precision=15)
                handle.write("\n")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            arrow = pa.Table.from_pandas(table, preserve_index=False)
            if state["writer"] is None:
                state["schema"] = arrow.schema
                state["writer"] = pq.ParquetWriter(tmp, arrow.schema)
            elif arrow.schema != state["schema"]:
                arrow = arrow.select(state["schema"].names).cast(state["schema"])
            state["writer"].write_table(arrow)
        state["first"] = False

    try:
        yield write
    except BaseException:
        if handle is not None:
            handle.close()
        if state["writer"] is not None:
            state["writer"].close()
        tmp.unlink(missing_ok=True)
        raise
    if handle is not None:
        handle.close()
    if suffix == ".parquet" and state["writer"] is None:
        raise FormatError(f"{path}: no chunk was written; a Parquet file needs a schema (write at least an "
                          "empty table with the columns).")
    if state["writer"] is not None:
        state["writer"].close()
    os.replace(tmp, path)
