"""Read and validate corpora: Markdown files with YAML front matter, CSV, JSONL, Parquet.

:func:`read_corpus` returns one table, one row per article, whatever the
input format. Every record is either in that table or in a rejection report
that names the file, the record, the problem and the fix: nothing vanishes.

A corpus folder holds one ``<doc_id>.md`` file per article::

    ---
    doc_id: en_001
    headline: "Putin scraps Paris trip"
    outlet: The Northern Ledger
    lang: en
    date: 2016-10-12
    ---
    First paragraph (the lead).

    Second paragraph.

A folder that has an ``articles/`` sub-folder (such as a study folder with
``study.yaml`` beside it) is read from there.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import yaml

from .errors import CorpusError, FramingError, check_choice, describe_rejections, rejection_report
from .safeyaml import load_yaml
from .tables import check_regular_file, csv_header, csv_rows
from .text import normalize

__all__ = ["read_corpus", "iter_corpus", "count_articles", "corpus_columns", "rejected", "ARTICLE_COLUMNS", "DEFAULT_CHUNK_SIZE",
           "ISO_639_1", "source_files", "read_markdown_record", "validate_records", "clean_value"]

#: The columns every corpus table has, in this order; other metadata follows.
ARTICLE_COLUMNS = ["doc_id", "headline", "text", "lang", "date", "outlet", "country"]

#: ISO 639-1 language codes.
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())

_TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet"}
_ERRORS = ("raise", "skip")
# read_corpus reads in one chunk: one validation, one table.
_WHOLE = 1 << 40

#: Articles per chunk: large enough that per-chunk overhead vanishes, small
#: enough that a chunk and its sentences take a few tens of MB.
DEFAULT_CHUNK_SIZE = 1_000


def read_corpus(path: str | Path, *, errors: str = "raise", lang: str | None = None,
                encoding: str = "utf-8", report: bool = False) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Read a corpus and return one validated row per article: :func:`iter_corpus`, concatenated.

    Parameters
    ----------
    path : str or Path
        A folder of ``.md`` articles with YAML front matter (or a folder with
        an ``articles/`` sub-folder), a ``.csv``, ``.jsonl``/``.ndjson`` or
        ``.parquet`` file with at least the columns ``doc_id`` and ``text``
        (optional: ``headline``, ``lang``, ``date``, ``outlet``, ``country``
        and any other metadata), or a folder of such files (shards), read in
        name order, as ``framing score`` reads it.
    errors : {"raise", "skip"}, default "raise"
        ``"raise"``: any bad record raises :class:`~framing.errors.CorpusError`
        listing every problem found. ``"skip"``: bad records are left out, a
        warning says how many, and the rejection report says which and why
        (ask for it with ``report=True``).
    lang : str, optional
        Language for records that give none. Without it such records are rejected.
    encoding : str, default "utf-8"
        Encoding of table files; Markdown articles must be UTF-8.
    report : bool, default False
        Return ``(articles, report)``: the rejection report
        (:func:`framing.errors.rejection_report` columns) beside the table,
        not inside it, so that it survives any merge or concatenation.

    Returns
    -------
    DataFrame, or (DataFrame, DataFrame) with ``report=True``
        Columns :data:`ARTICLE_COLUMNS` then any other metadata, in order of
        first appearance; ``date`` is a ``datetime64`` column; text is
        normalised (:func:`framing.text.normalize`), and every offset framing
        reports indexes into it.

    Examples
    --------
    >>> articles = read_corpus("corpus/articles")  # doctest: +SKIP
    >>> articles, rejected = read_corpus("shards/", errors="skip", report=True)  # doctest: +SKIP
    """
    check_choice("errors", errors, _ERRORS)
    chunks, reports, n_records = [], [], 0
    for chunk, chunk_report, records in _chunks(Path(path), chunk_size=_WHOLE, errors="skip", lang=lang,
                                                encoding=encoding):
        chunks.append(chunk)
        reports.append(chunk_report)
        n_records += records
    articles = chunks[0] if len(chunks) == 1 else pd.concat(chunks, ignore_index=True)
    rejected = rejection_report([row for r in reports for row in r])
    if len(rejected) and errors == "raise":
        raise CorpusError(_describe(Path(path), rejected, n_records))
    if len(rejected):
        warnings.warn(
            f"{path}: {len(rejected)} problem(s); {n_records - len(articles)} of {n_records} records rejected. "
            "read_corpus(..., report=True) returns the report.",
            stacklevel=2,
        )
    return (articles, rejected) if report else articles


def rejected(table: pd.DataFrame) -> pd.DataFrame:
    """The rejection report a news-database export or annotation reader left in ``table.attrs`` (empty if none).

    :func:`read_corpus` does not hide its report in the table: ask for it with
    ``read_corpus(..., report=True)``. pandas drops ``attrs`` when frames are
    merged, so take this report before combining tables.

    Examples
    --------
    >>> rejected(pd.DataFrame()).columns.tolist()
    ['file', 'record', 'problem', 'fix']
    """
    return rejection_report(table.attrs.get("rejected", []))


def _describe(path: Path, report: pd.DataFrame, n: int) -> str:
    return describe_rejections(report, where=f"{path}: {len(report)} problem(s) in {n} record(s)",
                               advice="Fix them, or pass errors='skip' to leave those records out with a report.")


def corpus_columns(path: str | Path, *, encoding: str = "utf-8") -> list[str]:
    """Every column (front-matter key) the records of a corpus have, in order of first appearance.

    A pass over the corpus without validating it: the streaming engines ask
    it first so that every chunk's scores have the same metadata columns.
    Parquet files give their schema, CSV files their header; Markdown
    front matter and JSON Lines records are read.

    Examples
    --------
    >>> corpus_columns("corpus")[:3]  # doctest: +SKIP
    ['doc_id', 'headline', 'outlet']
    """
    columns: dict[str, None] = {}
    for file in source_files(Path(path)):
        suffix = file.suffix.lower()
        if suffix == ".md":
            fields = read_markdown_record(file)[2] or {}
            columns.update(dict.fromkeys(map(str, fields)))
        elif suffix == ".parquet":
            import pyarrow.parquet as pq

            try:
                columns.update(dict.fromkeys(pq.ParquetFile(file).schema_arrow.names))
            except Exception:  # noqa: BLE001 - a corrupt file is reported when it is read
                continue
        elif suffix == ".csv":
            try:
                header = csv_header(file, encoding=encoding, error=CorpusError)
            except CorpusError:  # reported when the file is read
                continue
            columns.update(dict.fromkeys(header))
        else:
            for record in _jsonl_records(file, encoding):
                columns.update(dict.fromkeys(map(str, record[2] or {})))
    return list(columns)


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
    for file in source_files(Path(path)):
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
                lang: str | None = None, encoding: str = "utf-8", report: bool = False
                ) -> Iterator[pd.DataFrame] | Iterator[tuple[pd.DataFrame, pd.DataFrame, int]]:
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
        left out (a chunk may be empty when all of its records were
        rejected; it is still yielded, for its report).
    lang : str, optional
        Language for records that give none.
    encoding : str, default "utf-8"
        Encoding of CSV and JSON Lines files.
    report : bool, default False
        Yield ``(articles, rejected, records)`` instead: the chunk, its
        rejection report and the number of records read for it.

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
    check_choice("errors", errors, _ERRORS)
    for chunk, problems, records in _chunks(Path(path), chunk_size=chunk_size, errors=errors, lang=lang,
                                            encoding=encoding):
        yield (chunk, rejection_report(problems), records) if report else chunk


def _chunks(path: Path, *, chunk_size: int, errors: str, lang: str | None, encoding: str
            ) -> Iterator[tuple[pd.DataFrame, list[dict], int]]:
    """``(articles, problems, records read)`` per chunk: the one reader under iter_corpus and read_corpus."""
    if chunk_size < 1:
        raise FramingError(f"invalid value {chunk_size!r} for chunk_size; give a whole number of at least 1.")
    if lang is not None and lang not in ISO_639_1:
        raise CorpusError(f"lang={lang!r} is not an ISO 639-1 code (such as en, fr, ru).")
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
            raise CorpusError(f"{path}: no articles found. A corpus folder holds <doc_id>.md files (or "
                              ".csv, .jsonl, .parquet shards); a table file needs at least one row.")
        yield _chunk(path, batch, lang, errors, first_seen, n_records)


def _chunk(path: Path, batch: list[tuple], lang: str | None, errors: str,
           first_seen: dict[str, str], n_records: int) -> tuple[pd.DataFrame, list[dict], int]:
    articles, problems = validate_records(batch, default_lang=lang, first_seen=first_seen)
    if problems and errors == "raise":
        report = rejection_report(problems)
        raise CorpusError(describe_rejections(
            report, where=f"{path}: {len(report)} problem(s) in records {n_records - len(batch) + 1}-{n_records}",
            advice="Fix them, or pass errors='skip' (framing score --skip-bad) to leave those records out "
                   "with a report."))
    return articles, problems, len(batch)


def source_files(path: Path) -> list[Path]:
    """The files a corpus is read from, in order."""
    if path.is_dir():
        if (path / "articles").is_dir():
            path = path / "articles"
        files = sorted(p for p in path.iterdir() if not p.name.startswith("."))
        markdown = [p for p in files if p.suffix.lower() == ".md"]
        chosen = markdown or [p for p in files if p.suffix.lower() in _TABLE_SUFFIXES]
        # only regular files: a named pipe called x.md would block the run forever
        return [check_regular_file(p, error=CorpusError) for p in chosen]
    if path.exists() or path.is_symlink():
        check_regular_file(path, error=CorpusError)
    if path.is_file() and path.suffix.lower() in _TABLE_SUFFIXES:
        return [path]
    if path.is_file():
        raise CorpusError(f"{path}: cannot read a corpus from a {path.suffix or 'suffix-less'} file. "
                          "Give a folder of .md articles, or a .csv, .jsonl or .parquet file.")
    raise CorpusError(f"{path}: no such file or folder. Give a folder of .md articles, "
                      "or a .csv, .jsonl or .parquet file.")


def _records(path: Path, encoding: str, chunk_size: int) -> Iterator[tuple]:
    """Yield ``(file, label, fields, problem)`` records one by one, as corpus._read_* do."""
    for file in source_files(path):
        suffix = file.suffix.lower()
        if suffix == ".md":
            yield read_markdown_record(file)
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
    return (file, label, {str(k): clean_value(v) for k, v in row.items()}, None)


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
    # The strict reader: a row with the wrong number of fields is rejected with its line, never shifted.
    _check_columns(file, set(csv_header(file, encoding=encoding, error=CorpusError)))
    for number, line, fields, problem in csv_rows(file, encoding=encoding, error=CorpusError):
        if problem:
            yield (file, f"row {number}", None, {
                "problem": problem,
                "fix": "quote every field that holds a comma or a quote (\"like, this\"), "
                       "or fix the row's number of fields"})
        else:
            yield _row(file, f"row {number}", fields)


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


# -- reading ------------------------------------------------------------------
# Readers yield (file, record label, fields or None, problem) tuples; a record
# that could not even be parsed comes with a problem dict instead of fields.

def read_markdown_record(file: Path) -> tuple:
    label = "front matter"
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        return (file, f"line {line}", None, {
            "problem": f"not UTF-8: byte 0x{raw[err.start]:02x} at line {line}",
            "fix": "re-save the file as UTF-8"})
    text = normalize(text)
    if not text.startswith("---\n"):
        return (file, label, None, {
            "problem": "no YAML front matter (the file must start with a line '---')",
            "fix": "begin the file with '---', the metadata (doc_id, lang, ...), and '---'"})
    close = text.find("\n---\n", 3)
    if close < 0 and text.endswith("\n---"):
        close = len(text) - 4
    if close < 0:
        return (file, label, None, {
            "problem": "front matter is not closed (no second '---' line)",
            "fix": "end the metadata block with a line '---'"})
    try:
        meta = load_yaml(text[4:close + 1], where="front matter", error=CorpusError, dates=False, first_line=2)
    except CorpusError as err:  # an anchor, alias, repeated key or deep nesting: this record only
        problem, _, fix = str(err).rstrip(".").rpartition(". ")
        return (file, label, None, {"problem": problem, "fix": fix[:1].lower() + fix[1:]})
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        return (file, label, None, {
            "problem": f"broken YAML in front matter{where}: {getattr(err, 'problem', err)}",
            "fix": "fix the YAML (quote values that contain ':' or '#')"})
    if not isinstance(meta, dict):
        return (file, label, None, {
            "problem": f"front matter is not a mapping of keys to values (got {type(meta).__name__})",
            "fix": "write one 'key: value' per line"})
    body = text[close + 5:]
    meta = {str(k): v for k, v in meta.items()}
    if "text" in meta:
        return (file, label, None, {
            "problem": "front matter has a 'text' key; the text is the body after the front matter",
            "fix": "move the text below the closing '---'"})
    meta["text"] = body
    if "doc_id" in meta and str(meta["doc_id"]) != file.stem:
        return (file, f"doc_id {meta['doc_id']}", None, {
            "problem": f"doc_id {meta['doc_id']!r} does not match the file name {file.name!r}",
            "fix": f"rename the file to {meta['doc_id']}.md or set doc_id: {file.stem}"})
    meta.setdefault("doc_id", file.stem)
    return (file, f"doc_id {meta['doc_id']}", meta, None)


def _json_line(file: Path, number: int, line: str) -> tuple[dict | None, tuple | None]:
    """The JSON object on one line of a JSONL file, or the rejection of that line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return None, (file, f"line {number}", None, {
            "problem": f"not valid JSON ({err.msg} at column {err.colno})",
            "fix": "write one JSON object per line"})
    if not isinstance(record, dict):
        return None, (file, f"line {number}", None, {
            "problem": f"a JSON {type(record).__name__}, not an object",
            "fix": "write one JSON object per line"})
    return record, None


def clean_value(value: object) -> object:
    if isinstance(value, str):
        return normalize(value)
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value


# -- validating -----------------------------------------------------------------

def validate_records(records: list[tuple], *, default_lang: str | None,
              first_seen: dict[str, str] | None = None) -> tuple[pd.DataFrame, list[dict]]:
    # ``first_seen`` (doc_id -> where) carries duplicate detection across the
    # chunks of a streamed corpus (framing.stream); it is updated in place.
    problems: list[dict] = []
    good: list[dict] = []
    first_seen = {} if first_seen is None else first_seen
    for file, label, fields, problem in records:
        if problem:
            problems.append({"file": str(file), "record": label, **problem})
            continue
        found = _check_record(fields, default_lang)
        doc_id = fields.get("doc_id")
        doc_id = str(doc_id).strip() if doc_id not in (None, "") else None
        where = f"{file.name} ({label})"
        if doc_id and doc_id in first_seen:
            found.append({"problem": f"duplicate doc_id {doc_id!r}; first seen in {first_seen[doc_id]}",
                          "fix": "give every article a unique doc_id"})
        elif doc_id:
            first_seen[doc_id] = where
        if found:
            problems.extend({"file": str(file), "record": label, **p} for p in found)
            continue
        fields["doc_id"] = doc_id
        good.append(fields)
    frame = pd.DataFrame(good)
    for column in ARTICLE_COLUMNS:
        if column not in frame:
            frame[column] = None
    frame["headline"] = frame["headline"].fillna("").astype(str)
    frame["lang"] = frame["lang"].fillna(default_lang)
    frame["date"] = pd.to_datetime(frame["date"].map(_iso_date), format="%Y-%m-%d")
    others = [c for c in frame.columns if c not in ARTICLE_COLUMNS]
    frame = frame[ARTICLE_COLUMNS + others].reset_index(drop=True)
    return frame.astype({"doc_id": "string", "text": "string", "headline": "string", "lang": "string"}), problems


def _check_record(fields: dict, default_lang: str | None) -> list[dict]:
    found = []
    doc_id = fields.get("doc_id")
    if doc_id in (None, "") or not str(doc_id).strip():
        found.append({"problem": "missing doc_id", "fix": "give the record a unique doc_id"})
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        found.append({"problem": "empty text" if isinstance(text, str) or text is None
                      else f"text is a {type(text).__name__}, not a string",
                      "fix": "add the article text, or remove the record"})
    lang = fields.get("lang")
    if lang in (None, ""):
        if default_lang is None:
            found.append({"problem": "no language",
                          "fix": "add lang (an ISO 639-1 code such as en, fr, ru), "
                                 "or pass lang= / --lang for records without one"})
    elif not isinstance(lang, str) or lang.strip().lower() not in ISO_639_1:
        found.append({"problem": f"unknown language code {lang!r}",
                      "fix": "use an ISO 639-1 code such as en, fr, ru"})
    else:
        fields["lang"] = lang.strip().lower()
    date = fields.get("date")
    if date not in (None, "") and _iso_date(date) is None:
        found.append({"problem": f"unparsable date {date!r}",
                      "fix": "write the date as YYYY-MM-DD, e.g. 2016-10-11"})
    headline = fields.get("headline")
    if headline is not None and not isinstance(headline, str):
        fields["headline"] = str(headline)
    return found


def _iso_date(value: object) -> str | None:
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    day = text.split("T")[0].split(" ")[0]
    try:
        return dt.date.fromisoformat(day).isoformat()
    except ValueError:
        return None
