"""The one table writer: CSV, JSON Lines or Parquet, by extension, written atomically.

Every table framing writes (scores, hits, sentences, quotes, rejection
reports, imported corpora, metrics) goes through :func:`write_table` (a whole
table) or :func:`table_writer` (chunk by chunk, for streamed corpora). Both
write to a temporary file in the destination folder, flush it to disk and
rename it into place, so a reader never sees half a table and a failed run
leaves nothing behind; both refuse to write over one of the run's inputs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .errors import FormatError

__all__ = ["TABLE_FORMATS", "write_table", "table_writer"]

#: The extensions a table can be written with.
TABLE_FORMATS = (".csv", ".jsonl", ".parquet")


def _checked(path: str | Path, inputs: Iterable[str | Path]) -> Path:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise FormatError(f"Cannot write {path}: expected an output ending in {', '.join(TABLE_FORMATS)}, "
                          f"got {suffix or 'no extension'!r}. Change the file name.")
    target = path.resolve()
    for given in inputs:
        source = Path(given).resolve()
        if target == source:
            raise FormatError(f"Refusing to write {path}: it is one of this run's inputs ({given}). "
                              "Choose another output file.")
    return path


def _commit(tmp: Path, path: Path) -> None:
    os.replace(tmp, path)
    try:  # make the rename itself durable
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_table(table: pd.DataFrame, path: str | Path, *, inputs: Iterable[str | Path] = ()) -> Path:
    """Write a table as CSV, JSON Lines or Parquet, chosen by the extension, atomically.

    Parameters
    ----------
    table : pandas.DataFrame
        The table to write (its index is not written).
    path : str or Path
        ``.csv``, ``.jsonl`` or ``.parquet`` file.
    inputs : iterable of str or Path, optional
        The files the run read; writing over one of them is refused.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    FormatError
        Unknown extension, an output that is an input, or Parquet without pyarrow.

    Examples
    --------
    >>> write_table(scores, "scores.parquet", inputs=["corpus.csv"])  # doctest: +SKIP
    """
    with table_writer(path, inputs=inputs) as write:
        write(table)
    return Path(path)


@contextmanager
def table_writer(path: str | Path, *, inputs: Iterable[str | Path] = ()) -> Iterator[Callable[[pd.DataFrame], None]]:
    """Open a table for appending chunks; yield the function that writes one chunk.

    The format follows the extension: ``.csv`` (one header, then rows),
    ``.jsonl``, or ``.parquet`` (one row group per chunk, through
    ``pyarrow.parquet.ParquetWriter``; every chunk must have the first
    chunk's columns). Rows go to a temporary file beside ``path``, which
    replaces ``path`` (fsync, then rename) only when the block ends without
    an error; a missing folder of ``path`` is created. ``inputs`` as for
    :func:`write_table`.

    Examples
    --------
    >>> with table_writer("scores.parquet") as write:  # doctest: +SKIP
    ...     for chunk in iter_corpus("corpus"):
    ...         write(score_chunk(chunk, study))  # framing.stream.score_chunk
    """
    path = _checked(path, inputs)
    path.parent.mkdir(parents=True, exist_ok=True)  # like save_figure and save_model: -o out/x.csv makes out/
    suffix = path.suffix.lower()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    state: dict[str, object] = {"first": True, "writer": None, "schema": None, "columns": None}
    handle = None if suffix == ".parquet" else open(tmp, "w", encoding="utf-8", newline="")

    def write(table: pd.DataFrame) -> None:
        if len(table) == 0 and not state["first"]:
            return
        table = table.copy(deep=False)
        table.attrs = {}
        if state["columns"] is None:
            state["columns"] = list(table.columns)
        elif list(table.columns) != state["columns"]:
            raise FormatError(f"Cannot append to {path}: this chunk's columns differ from the first chunk's "
                              f"({', '.join(map(str, table.columns))} vs {', '.join(map(str, state['columns']))}). "
                              "Give every chunk the same columns (framing.stream.score_chunk(..., metadata=)).")
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
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
    if suffix == ".parquet" and state["writer"] is None:
        raise FormatError(f"{path}: no chunk was written; a Parquet file needs a schema (write at least an "
                          "empty table with the columns).")
    if state["writer"] is not None:
        state["writer"].close()
    _commit(tmp, path)
