"""The one table writer (CSV, JSON Lines or Parquet, by extension, written atomically) and the strict CSV reader.

Every table framing writes (scores, hits, sentences, quotes, rejection
reports, imported corpora, metrics) goes through :func:`write_table` (a whole
table) or :func:`table_writer` (chunk by chunk, for streamed corpora). Both
write to a temporary file in the destination folder, flush it to disk and
rename it into place, so a reader never sees half a table and a failed run
leaves nothing behind; both refuse to write over one of the run's inputs.

Every CSV table framing reads record by record (corpora, MediaCloud
exports) goes through :func:`csv_rows`: a row with more or fewer fields than
the header is rejected with its line number, never shifted into the wrong
columns (pandas takes the first column as an index when every row has one
field too many).
"""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .errors import FormatError, FramingError

__all__ = ["TABLE_FORMATS", "write_table", "table_writer", "write_file", "check_outputs", "csv_header", "csv_rows",
           "check_regular_file"]

#: The extensions a table can be written with.
TABLE_FORMATS = (".csv", ".jsonl", ".parquet")


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def check_regular_file(path: str | Path, *, error: type[FramingError] = FramingError) -> Path:
    """Return ``path`` if it is a regular file (or a link to one); raise ``error`` naming what it is instead.

    Reading a named pipe blocks until something writes to it, and a device
    may never end: framing reads its inputs only from regular files. The
    check follows symbolic links and names a broken link or a link loop.

    Examples
    --------
    >>> check_regular_file("corpus/study.yaml")  # doctest: +SKIP
    PosixPath('corpus/study.yaml')
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            raise error(f"{path}: a symbolic link to a file that does not exist ({os.readlink(path)}). "
                        "Fix or remove the link.") from None
        raise error(f"{path}: no such file. Check the path.") from None
    except OSError as err:  # a link loop, a name too long, no permission on a folder
        raise error(f"{path}: cannot be read ({err.strerror or err}). Fix the path or the link.") from None
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise error(f"{path}: {kind}, not a regular file; framing reads only regular files. "
                    "Give a regular file, or remove this one from the folder.")
    return path


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths are one file: the same resolved path, or the same inode (a hard link, a bind mount)."""
    if a.resolve() == b.resolve():
        return True
    try:
        first, second = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def _target(path: str | Path, inputs: Iterable[str | Path]) -> Path:
    """Check an output path: not an input (by path or inode), not a folder, in a folder that exists."""
    path = Path(path)
    for given in inputs:
        if given is not None and _same_file(path, Path(given)):
            raise FormatError(f"Refusing to write {path}: it is one of this run's inputs ({given}). "
                              "Choose another output file.")
    if path.is_dir():
        raise FormatError(f"Cannot write {path}: it is a folder. Give a file name inside it, "
                          f"such as {path / ('out' + (path.suffix or '.csv'))}.")
    folder = path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise FormatError(f"Cannot write {path}: the folder {folder} {what}. "
                          f"Create it first (mkdir -p {folder}) or choose another output.")
    return path


def _checked(path: str | Path, inputs: Iterable[str | Path]) -> Path:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise FormatError(f"Cannot write {path}: expected an output ending in {', '.join(TABLE_FORMATS)}, "
                          f"got {suffix or 'no extension'!r}. Change the file name.")
    return _target(path, inputs)


def check_outputs(outputs: dict[str, str | Path | None], *, inputs: Iterable[str | Path | None] = ()) -> None:
    """Refuse, before any work, a run whose outputs name one of its inputs or each other.

    Parameters
    ----------
    outputs : dict of str to path or None
        The run's outputs by the option that names them (``{"-o": ..., "--hits": ...}``); ``None``
        values (options not given) are ignored.
    inputs : iterable of path
        The files (or folders) the run reads.

    Raises
    ------
    FormatError
        Two options naming one file (by resolved path or inode), an output that is an input,
        a folder, or a file in a folder that does not exist.

    Examples
    --------
    >>> check_outputs({"-o": "scores.csv", "--hits": "scores.csv"})
    Traceback (most recent call last):
    ...
    framing.errors.FormatError: -o and --hits both name scores.csv; one would overwrite the other. Give each output its own file.
    """
    inputs = [Path(i) for i in inputs if i is not None]
    given = [(option, Path(path)) for option, path in outputs.items() if path is not None]
    for n, (option, path) in enumerate(given):
        for other, earlier in given[:n]:
            if _same_file(path, earlier):
                raise FormatError(f"{other} and {option} both name {path}; one would overwrite the other. "
                                  "Give each output its own file.")
        _target(path, inputs)


def _plain(err: OSError, path: Path) -> FormatError:
    """An operating-system error while writing ``path``, in plain words."""
    import errno

    folder = path.parent
    if err.errno == errno.ENOSPC:
        what = f"the disk holding {folder} is full"
        fix = "Free some space, or write to another disk."
    elif err.errno == errno.EDQUOT:
        what = f"your disk quota for {folder} is used up"
        fix = "Free some space, or write to another disk."
    elif err.errno in (errno.EACCES, errno.EPERM):
        what = f"no permission to write in the folder {folder}"
        fix = "Choose a folder you can write to."
    elif err.errno == errno.EROFS:
        what = f"the folder {folder} is on a read-only file system"
        fix = "Choose a folder you can write to."
    else:
        what = err.strerror or str(err)
        fix = "Check the folder and the disk."
    return FormatError(f"Cannot write {path}: {what}. {fix} The previous {path.name}, if any, is unchanged.")


def write_file(data: str | bytes, path: str | Path, *, inputs: Iterable[str | Path] = ()) -> Path:
    """Write text (UTF-8, ``\\n`` line ends) or bytes to ``path`` atomically: a file that is not a table.

    As :func:`write_table`: a temporary file beside ``path``, fsync, rename;
    an output that is one of ``inputs`` is refused, a missing folder or a
    full disk named in plain words, and nothing is left behind on failure.

    Examples
    --------
    >>> write_file('{"figures": {}}\\n', "figures/MANIFEST.json")  # doctest: +SKIP
    PosixPath('figures/MANIFEST.json')
    """
    path = _target(path, inputs)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(tmp, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        _commit(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise _plain(err, path) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
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
    suffix = path.suffix.lower()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    state: dict[str, object] = {"first": True, "writer": None, "schema": None, "columns": None}
    try:
        handle = None if suffix == ".parquet" else open(tmp, "w", encoding="utf-8", newline="")
    except OSError as err:
        raise _plain(err, path) from None

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

    def discard() -> None:
        for closing in (handle, state["writer"]):
            if closing is not None:
                try:
                    closing.close()
                except OSError:  # a full disk fails the close too; the part-file goes all the same
                    pass
        tmp.unlink(missing_ok=True)

    def checked_write(table: pd.DataFrame) -> None:
        try:
            write(table)
        except OSError as err:  # only this writer's own errors are about the output
            raise _plain(err, path) from None

    try:
        yield checked_write
    except BaseException:
        discard()
        raise
    try:
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
    except OSError as err:
        discard()
        raise _plain(err, path) from None
    except BaseException:
        discard()
        raise


# -- the strict CSV reader ----------------------------------------------------

#: Largest CSV field read (characters): a whole article fits; the csv module's default (131,072) does not.
_CSV_FIELD_LIMIT = 2**31 - 1


def _csv_reader(handle):
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    return csv.reader(handle)


def _csv_failure(path: Path, encoding: str, err: Exception, line: int, error: type[FramingError]) -> FramingError:
    if isinstance(err, UnicodeDecodeError):
        byte, line = _first_bad_byte(path, encoding)
        return error(f"{path}: not {encoding}: byte 0x{byte:02x} at line {line}. "
                     "Re-save it as UTF-8, or pass encoding= (e.g. 'cp1252').")
    return error(f"{path}: not a readable CSV file ({err} after line {line}). Re-export it as CSV.")


def _first_bad_byte(path: Path, encoding: str) -> tuple[int, int]:
    """The first byte that is not ``encoding`` and its line (text is decoded in blocks, so find it again)."""
    import codecs

    decoder = codecs.getincrementaldecoder(encoding)()
    number = 0
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                decoder.decode(raw)
            except UnicodeDecodeError as err:
                return err.object[err.start], number
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as err:
            return err.object[err.start], number
    return 0, number


def csv_header(path: str | Path, *, encoding: str = "utf-8", error: type[FramingError] = FormatError) -> list[str]:
    """The column names of a CSV file: its first non-blank line, without a byte-order mark.

    Raises ``error`` (a :class:`~framing.errors.FramingError` subclass) naming
    the file when it is empty, not in ``encoding``, has an empty or a
    repeated column name.

    Examples
    --------
    >>> csv_header("corpus.csv")  # doctest: +SKIP
    ['doc_id', 'text', 'lang']
    """
    for _, _, fields, _ in _csv_records(Path(path), encoding, error, header_only=True):
        return fields
    return []  # pragma: no cover - _csv_records raises on a file without a header


def csv_rows(path: str | Path, *, encoding: str = "utf-8", error: type[FramingError] = FormatError
             ) -> Iterator[tuple[int, int, dict[str, str] | None, str | None]]:
    """Yield ``(row, line, fields, problem)`` for every record of a CSV file, strictly.

    ``row`` counts records as a spreadsheet shows them (the header is row 1),
    ``line`` is the line of the file the record starts on (they differ when a
    quoted field spans lines). ``fields`` maps the header's names to the
    record's text (every value a string, empty fields ``""``); a record with
    more or fewer fields than the header comes with ``fields=None`` and a
    ``problem`` naming its line, to go into a rejection report. Blank lines
    are skipped.

    Parameters
    ----------
    path : str or Path
        The ``.csv`` file (RFC 4180: comma-separated, ``"`` quotes).
    encoding : str, default "utf-8"
        A leading byte-order mark is dropped from the first column name.
    error : FramingError subclass, default FormatError
        Raised for a file that cannot be read at all (not ``encoding``, no
        header, a repeated column name), naming the file and the line.

    Examples
    --------
    >>> for row, line, fields, problem in csv_rows("corpus.csv"):  # doctest: +SKIP
    ...     print(row, line, problem or fields["doc_id"])
    """
    return _csv_records(Path(path), encoding, error, header_only=False)


def _csv_records(path: Path, encoding: str, error: type[FramingError], *, header_only: bool) -> Iterator[tuple]:
    line = 0
    try:
        with open(path, encoding=encoding, newline="") as handle:
            reader = _csv_reader(handle)
            header = None
            for values in reader:
                if values:
                    header = values
                    break
            if header is None:
                raise error(f"{path}: an empty CSV file; the first line must name the columns "
                            "(at least doc_id and text).")
            header = [header[0].removeprefix("\ufeff"), *header[1:]]
            line = reader.line_num
            blank = [i + 1 for i, name in enumerate(header) if not name.strip()]
            repeated = sorted({name for name in header if header.count(name) > 1})
            if blank or repeated:
                what = (f"column {blank[0]} has no name" if blank else
                        f"the column name {repeated[0]!r} appears more than once")
                raise error(f"{path}: in the header (line {line}), {what}. Give every column one unique name.")
            if header_only:
                yield 1, line, header, None
                return
            number = 1
            for values in reader:
                start, line = line + 1, reader.line_num
                if not values:
                    continue
                number += 1
                if len(values) != len(header):
                    yield number, start, None, (
                        f"line {start} has {len(values)} field(s) but the header has {len(header)}; "
                        "the columns would shift (an unquoted comma or quote in a field?)")
                    continue
                yield number, start, dict(zip(header, values)), None
    except FramingError:
        raise
    except OSError as err:
        raise error(f"{path}: cannot be read ({err.strerror or err}). Check the path and its permissions.") from None
    except (UnicodeDecodeError, csv.Error) as err:
        raise _csv_failure(path, encoding, err, line, error) from None
