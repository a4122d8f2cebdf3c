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

from .errors import CorpusError, invalid_choice, rejection_report
from .text import normalize

__all__ = ["read_corpus", "rejected", "ARTICLE_COLUMNS", "ISO_639_1"]

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

class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates stay text and are checked by us."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet"}
_ERRORS = ("raise", "skip")


def read_corpus(path: str | Path, *, errors: str = "raise", lang: str | None = None,
                encoding: str = "utf-8") -> pd.DataFrame:
    """Read a corpus and return one validated row per article.

    Parameters
    ----------
    path : str or Path
        A folder of ``.md`` articles with YAML front matter (or a folder with
        an ``articles/`` sub-folder), or a ``.csv``, ``.jsonl``/``.ndjson`` or
        ``.parquet`` file with at least the columns ``doc_id`` and ``text``
        (optional: ``headline``, ``lang``, ``date``, ``outlet``, ``country``
        and any other metadata).
    errors : {"raise", "skip"}, default "raise"
        ``"raise"``: any bad record raises :class:`~framing.errors.CorpusError`
        listing every problem found. ``"skip"``: bad records are left out, a
        warning says how many, and :func:`rejected` returns the report
        (kept in ``articles.attrs["rejected"]``).
    lang : str, optional
        Language for records that give none. Without it such records are rejected.
    encoding : str, default "utf-8"
        Encoding of table files; Markdown articles must be UTF-8.

    Returns
    -------
    DataFrame
        Columns :data:`ARTICLE_COLUMNS` then any other metadata, in order of
        first appearance; ``date`` is a ``datetime64`` column; text is
        normalised (:func:`framing.text.normalize`), and every offset framing
        reports indexes into it.

    Examples
    --------
    >>> articles = read_corpus("corpus/articles")  # doctest: +SKIP
    >>> articles[["doc_id", "lang", "outlet"]].head(1)  # doctest: +SKIP
    """
    if errors not in _ERRORS:
        raise invalid_choice("errors", errors, _ERRORS)
    if lang is not None and lang not in ISO_639_1:
        raise CorpusError(f"lang={lang!r} is not an ISO 639-1 code (such as en, fr, ru).")
    path = Path(path)
    if path.is_dir():
        if (path / "articles").is_dir():
            path = path / "articles"
        records = list(_read_folder(path))
    elif path.is_file() and path.suffix.lower() in _TABLE_SUFFIXES:
        records = list(_read_table(path, encoding))
    elif path.is_file():
        raise CorpusError(f"{path}: cannot read a corpus from a {path.suffix or 'suffix-less'} file. "
                          "Give a folder of .md articles, or a .csv, .jsonl or .parquet file.")
    else:
        raise CorpusError(f"{path}: no such file or folder. Give a folder of .md articles, "
                          "or a .csv, .jsonl or .parquet file.")
    if not records:
        raise CorpusError(f"{path}: no articles found. A corpus folder holds <doc_id>.md files; "
                          "a table file needs at least one row.")
    articles, problems = _validate(records, default_lang=lang)
    report = rejection_report(problems)
    if len(report) and errors == "raise":
        raise CorpusError(_describe(path, report, len(records)))
    if len(report):
        warnings.warn(
            f"{path}: {len(report)} problem(s); {len(records) - len(articles)} of {len(records)} "
            "records rejected. See framing.rejected(articles) for the report.",
            stacklevel=2,
        )
    # attrs hold plain records: pandas compares attrs when it combines frames.
    articles.attrs["rejected"] = report.to_dict("records")
    return articles


def rejected(articles: pd.DataFrame) -> pd.DataFrame:
    """Return the rejection report of a table from :func:`read_corpus` (empty if none).

    Examples
    --------
    >>> rejected(read_corpus("corpus", errors="skip")).columns.tolist()  # doctest: +SKIP
    ['file', 'record', 'problem', 'fix']
    """
    return rejection_report(articles.attrs.get("rejected", []))


def _describe(path: Path, report: pd.DataFrame, n: int) -> str:
    lines = [f"{path}: {len(report)} problem(s) in {n} record(s):"]
    for row in report.head(20).itertuples():
        lines.append(f"  {row.file} [{row.record}]: {row.problem}. Fix: {row.fix}")
    if len(report) > 20:
        lines.append(f"  ... and {len(report) - 20} more.")
    lines.append("Fix them, or pass errors='skip' to leave those records out with a report.")
    return "\n".join(lines)


# -- reading ------------------------------------------------------------------
# Readers yield (file, record label, fields or None, problem) tuples; a record
# that could not even be parsed comes with a problem dict instead of fields.

def _read_folder(folder: Path) -> Iterator[tuple]:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".md" and not p.name.startswith("."))
    for file in files:
        yield _read_markdown(file)


def _read_markdown(file: Path) -> tuple:
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
        meta = yaml.load(text[4:close + 1], Loader=_FrontMatterLoader)  # noqa: S506 - a safe loader
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


def _read_table(file: Path, encoding: str) -> Iterator[tuple]:
    suffix = file.suffix.lower()
    if suffix == ".parquet":
        try:
            frame = pd.read_parquet(file)
        except Exception as err:  # pyarrow raises many types for a corrupt file
            raise CorpusError(f"{file}: not a readable Parquet file ({err}). "
                              "Re-export it, or use CSV or JSONL.") from None
        rows = frame.to_dict("records")
        labels = [f"row {i + 1}" for i in range(len(rows))]
    else:
        raw = file.read_bytes()
        try:
            content = raw.decode(encoding)
        except UnicodeDecodeError as err:
            line = raw[:err.start].count(b"\n") + 1
            raise CorpusError(
                f"{file}: not {encoding}: byte 0x{raw[err.start]:02x} at line {line}. "
                f"Re-save it as UTF-8, or pass encoding= (e.g. 'cp1252')."
            ) from None
        if content.startswith("\ufeff"):
            content = content[1:]
        if suffix == ".csv":
            import io

            try:
                frame = pd.read_csv(io.StringIO(content), dtype=str, keep_default_na=False)
            except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
                raise CorpusError(f"{file}: not a readable CSV file ({err}).") from None
            rows = frame.to_dict("records")
            # Line numbers as a spreadsheet shows them: the header is line 1.
            labels = [f"row {i + 2}" for i in range(len(rows))]
        else:
            rows, labels = [], []
            for number, line in enumerate(content.split("\n"), start=1):
                if not line.strip():
                    continue
                record, rejection = _json_line(file, number, line)
                if rejection:
                    yield rejection
                    continue
                rows.append(record)
                labels.append(f"line {number}")
    columns = set().union(*(r.keys() for r in rows)) if rows else set()
    if rows and not {"doc_id", "text"} <= columns:
        missing = sorted({"doc_id", "text"} - columns)
        raise CorpusError(f"{file}: missing column(s) {', '.join(missing)}; found "
                          f"{', '.join(sorted(map(str, columns)))}. A corpus table needs doc_id and text.")
    for row, label in zip(rows, labels):
        yield (file, label, {str(k): _clean(v) for k, v in row.items()}, None)


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


def _clean(value: object) -> object:
    if isinstance(value, str):
        return normalize(value)
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value


# -- validating -----------------------------------------------------------------

def _validate(records: list[tuple], *, default_lang: str | None,
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
