"""Send sentences to Label Studio or doccano and read their annotations back as gold labels and spans."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pandas as pd

from .errors import FormatError, rejection_report
from .tables import write_file

__all__ = [
    "LABEL_COLUMNS",
    "SPAN_COLUMNS",
    "export_label_studio",
    "label_studio_config",
    "write_label_studio",
    "export_doccano",
    "write_doccano",
    "read_label_studio",
    "read_doccano",
    "read_annotations",
]

#: Columns of the gold-label table: one row per sentence and coder.
LABEL_COLUMNS = ["doc_id", "sent_id", "label", "speaker", "speaker_side", "coder", "note"]
#: Columns of the span table; ``start``/``end`` are Python str indices into the sentence text.
SPAN_COLUMNS = ["doc_id", "sent_id", "start", "end", "label", "text", "coder"]

_FIX_IDS = (
    "export the tasks with framing.annotations.export_label_studio / export_doccano (or "
    "`framing` tools) so that every task carries doc_id and sent_id, and import that file"
)


# --------------------------------------------------------------------------- export


def _sentence_rows(sentences: pd.DataFrame) -> list[dict]:
    missing = [c for c in ("doc_id", "sent_id", "text") if c not in sentences.columns]
    if missing:
        raise FormatError(
            f"The sentences table lacks the column(s) {', '.join(missing)}; expected at least "
            f"doc_id, sent_id and text (got {', '.join(map(str, sentences.columns))}). Pass the "
            "sentences table made by the segmentation step."
        )
    rows = []
    for position, row in enumerate(sentences.to_dict("records")):
        if pd.isna(row["doc_id"]) or pd.isna(row["sent_id"]) or not isinstance(row["text"], str):
            raise FormatError(
                f"Sentence at position {position} has doc_id={row['doc_id']!r}, "
                f"sent_id={row['sent_id']!r}, text={row['text']!r}; expected an id, an integer "
                "sentence number and a text. Drop or fix that row."
            )
        item = {"text": row["text"], "doc_id": str(row["doc_id"]), "sent_id": int(row["sent_id"])}
        for extra in ("para_id", "part", "lang"):
            if extra in row and not pd.isna(row[extra]):
                value = row[extra]
                item[extra] = int(value) if extra == "para_id" else str(value)
        rows.append(item)
    return rows


def export_label_studio(
    sentences: pd.DataFrame, *, labels: Sequence[str] = ("kremlin", "france", "both", "none")
) -> list[dict]:
    """Make one Label Studio task per sentence.

    Each task's ``data`` holds ``text``, ``doc_id``, ``sent_id`` (plus ``para_id``,
    ``part`` and ``lang`` when present) so that :func:`read_label_studio` can match the annotations to
    the sentences, and ``options`` — the labels, for the dynamic choices of
    :func:`label_studio_config`.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table (``framing.text.SENTENCE_COLUMNS``).
    labels : sequence of str
        The sentence labels to offer.

    Returns
    -------
    list of dict
        Tasks, ready for :func:`write_label_studio`.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [1], "text": ["Moscow denied it."]})
    >>> export_label_studio(s, labels=("kremlin", "none"))[0]["data"]["sent_id"]
    1
    """
    if isinstance(labels, str) or not labels or not all(isinstance(x, str) and x for x in labels):
        raise FormatError(f"labels must be a non-empty sequence of strings, got {labels!r}.")
    options = [{"value": label} for label in labels]
    return [{"data": {**row, "options": options}} for row in _sentence_rows(sentences)]


def label_studio_config(*, span_labels: Sequence[str] = ()) -> str:
    """Return a Label Studio labeling config that fits the tasks of :func:`export_label_studio`.

    It shows the sentence, one choice among the task's ``options`` (``from_name="label"``),
    a ``speaker`` and a ``note`` text box, a ``speaker_side`` choice among the same options,
    and, when ``span_labels`` are given, span labels (``from_name="span"``).

    Parameters
    ----------
    span_labels : sequence of str, optional
        Labels for marking spans inside the sentence.

    Returns
    -------
    str
        The XML config to paste into the project's Labeling Interface.

    Examples
    --------
    >>> "<Choices" in label_studio_config(span_labels=("accusation",))
    True
    """
    spans = ""
    if span_labels:
        inner = "".join(f"<Label value={quoteattr(label)}/>" for label in span_labels)
        spans = f'\n  <Labels name="span" toName="text">{inner}</Labels>'
    return (
        '<View>\n  <Text name="text" value="$text"/>'
        + spans
        + '\n  <Choices name="label" toName="text" choice="single" value="$options"/>'
        '\n  <TextArea name="speaker" toName="text" maxSubmissions="1"/>'
        '\n  <Choices name="speaker_side" toName="text" choice="single" value="$options"/>'
        '\n  <TextArea name="note" toName="text" maxSubmissions="1"/>\n</View>\n'
    )


def write_label_studio(tasks: list[dict], path: str | Path) -> Path:
    """Write Label Studio tasks as a JSON list (UTF-8).

    Parameters
    ----------
    tasks : list of dict
        From :func:`export_label_studio`.
    path : str or Path
        The ``.json`` file to import into Label Studio.

    Returns
    -------
    Path
        The written file.

    Examples
    --------
    >>> write_label_studio(tasks, "tasks.json")  # doctest: +SKIP
    """
    return write_file(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", path)


def export_doccano(sentences: pd.DataFrame) -> list[dict]:
    """Make one doccano record per sentence: ``text``, ``label`` (empty), ``doc_id``, ``sent_id``.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table (``framing.text.SENTENCE_COLUMNS``).

    Returns
    -------
    list of dict
        Records, ready for :func:`write_doccano`.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [1], "text": ["Paris protested."]})
    >>> export_doccano(s)[0]["label"]
    []
    """
    return [{**row, "label": []} for row in _sentence_rows(sentences)]


def write_doccano(tasks: list[dict], path: str | Path) -> Path:
    """Write doccano records as JSONL (one JSON object per line, UTF-8).

    Parameters
    ----------
    tasks : list of dict
        From :func:`export_doccano`.
    path : str or Path
        The ``.jsonl`` file to import into doccano.

    Returns
    -------
    Path
        The written file.

    Examples
    --------
    >>> write_doccano(records, "tasks.jsonl")  # doctest: +SKIP
    """
    lines = (json.dumps(task, ensure_ascii=False) for task in tasks)
    return write_file("".join(line + "\n" for line in lines), path)


# --------------------------------------------------------------------------- offsets


def _from_utf16(text: str, offset: int) -> int | None:
    """Python index of a UTF-16 code-unit offset, or None if it falls inside a character."""
    units = 0
    for index, char in enumerate(text):
        if units == offset:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
        if units > offset:
            return None
    return len(text) if units == offset else None


def _clean_cut(text: str, start: int, end: int) -> bool:
    """Whether a span starts and ends at word edges and not on whitespace."""
    piece = text[start:end]
    if not piece or piece != piece.strip():
        return False
    if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        return False
    return not (end < len(text) and text[end - 1].isalnum() and text[end].isalnum())


def _resolve_span(text: str, start: object, end: object, expected: str | None) -> tuple[int, int] | str:
    """Python ``(start, end)`` of a span, or a message saying why it does not fit."""
    if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) or not isinstance(end, int):
        return f"the offsets {start!r}–{end!r} are not integers"
    readings: list[tuple[int, int]] = []
    if 0 <= start < end <= len(text):
        readings.append((start, end))
    s16, e16 = _from_utf16(text, start), _from_utf16(text, end)
    if s16 is not None and e16 is not None and s16 < e16 and (s16, e16) != (start, end):
        readings.append((s16, e16))
    if expected is not None:
        for s, e in readings:
            if text[s:e] == expected:
                return s, e
        covers = repr(text[start:end]) if 0 <= start < end <= len(text) else "nothing (out of range)"
        also = ""
        if s16 is not None and e16 is not None and (s16, e16) != (start, end):
            also = f", and {text[s16:e16]!r} if read as UTF-16 offsets"
        return (
            f"the span {start}–{end} should cover {expected!r} but covers {covers} in the "
            f"sentence text{also}"
        )
    if not readings:
        return f"the span {start}–{end} lies outside the sentence text ({len(text)} characters)"
    clean = [r for r in readings if _clean_cut(text, *r)]
    return (clean or readings)[0]


# --------------------------------------------------------------------------- import


def _task_ids(task: Mapping, path: Path, where: str) -> tuple[str, int]:
    sources = [task, task.get("data") or {}, task.get("meta") or {}]
    doc_id = next((s["doc_id"] for s in sources if isinstance(s, Mapping) and s.get("doc_id") is not None), None)
    sent_id = next((s["sent_id"] for s in sources if isinstance(s, Mapping) and s.get("sent_id") is not None), None)
    if doc_id is None or sent_id is None:
        absent = " and ".join(n for n, v in (("doc_id", doc_id), ("sent_id", sent_id)) if v is None)
        raise FormatError(
            f"{path}: {where} has no {absent}; expected both in the task (data or meta) so that the "
            f"annotation can be matched to its sentence. Fix: {_FIX_IDS}."
        )
    try:
        number = int(sent_id)
        if isinstance(sent_id, float) and sent_id != number:
            raise ValueError
    except (TypeError, ValueError):
        raise FormatError(
            f"{path}: {where} has sent_id {sent_id!r}; expected an integer sentence number. "
            f"Fix: {_FIX_IDS}."
        ) from None
    return str(doc_id), number


class _Gold:
    """Collect label rows, span rows and rejections of one annotation file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.labels: list[dict] = []
        self.spans: list[dict] = []
        self.rejected: list[dict] = []

    def reject(self, record: str, problem: str, fix: str) -> None:
        self.rejected.append({"file": str(self.path), "record": record, "problem": problem, "fix": fix})

    def label(
        self, record: str, doc_id: str, sent_id: int, coder: str, choices: list[str], extra: Mapping[str, str | None]
    ) -> None:
        if len(choices) != 1:
            self.reject(
                record,
                f"annotator {coder} chose {len(choices)} sentence labels ({', '.join(choices) or 'none'}); "
                "expected exactly one",
                "choose one label per sentence (use a combined label such as 'both' when needed)",
            )
            return
        self.labels.append(
            {"doc_id": doc_id, "sent_id": sent_id, "label": choices[0], "coder": coder, **extra}
        )

    def span(
        self, record: str, doc_id: str, sent_id: int, coder: str, text: str | None,
        start: object, end: object, expected: str | None, labels: Iterable[str],
    ) -> None:  # fmt: skip
        if text is None:
            self.reject(
                record,
                f"annotator {coder} marked a span {start}–{end} but the task has no text to check it against",
                "keep the sentence text in the task (data.text)",
            )
            return
        resolved = _resolve_span(text, start, end, expected)
        if isinstance(resolved, str):
            self.reject(
                record,
                f"annotator {coder}: {resolved}",
                "correct the span in the annotation tool and export again (offsets must count "
                "characters of the task's text)",
            )
            return
        s, e = resolved
        for label in labels:
            self.spans.append(
                {"doc_id": doc_id, "sent_id": sent_id, "start": s, "end": e, "label": label,
                 "text": text[s:e], "coder": coder}
            )  # fmt: skip

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        labels = pd.DataFrame(self.labels, columns=LABEL_COLUMNS)
        labels = labels.astype({c: "string" for c in LABEL_COLUMNS if c != "sent_id"} | {"sent_id": "Int64"})
        spans = pd.DataFrame(self.spans, columns=SPAN_COLUMNS)
        spans = spans.astype(
            {c: "string" for c in ("doc_id", "label", "text", "coder")}
            | {"sent_id": "Int64", "start": "Int64", "end": "Int64"}
        )
        report = rejection_report(self.rejected)
        labels.attrs["rejected"] = report.to_dict("records")
        spans.attrs["rejected"] = report.to_dict("records")
        if len(report):
            warnings.warn(
                f"{self.path}: {len(report)} annotation(s) or span(s) not imported, first: "
                f"{report['record'].iloc[0]}: {report['problem'].iloc[0]}. See "
                "framing.rejected(labels) for every one and its fix.",
                stacklevel=3,
            )
        return labels, spans


def _load_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise FormatError(f"Cannot read {path}: {exc.strerror}. Check the path.") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FormatError(
            f"{path} is not valid JSON ({exc}). Export the project again as JSON from Label Studio."
        ) from None


def _coder(completed_by: object, fallback: str) -> str:
    if isinstance(completed_by, Mapping):
        for key in ("email", "username", "id"):
            if completed_by.get(key) not in (None, ""):
                return str(completed_by[key])
        return fallback
    if completed_by is None or completed_by == "":
        return fallback
    return str(completed_by)


def read_label_studio(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a Label Studio JSON export into gold labels and spans.

    Each annotation gives one label row per task and annotator (``completed_by``: its
    email, or its id). Results are read by type and ``from_name``: ``choices`` from
    ``speaker_side`` fill ``speaker_side``, other ``choices`` the ``label``; ``textarea``
    from ``speaker`` or ``note`` fill those columns; ``labels`` results are spans.
    Cancelled annotations are skipped and listed in the report. Span offsets are checked
    against ``value.text``: UTF-16 offsets (older Label Studio, text with emoji) are
    converted; spans that fit neither reading are rejected. The rejected records are in
    ``labels.attrs["rejected"]`` (and ``spans.attrs``; ``framing.rejected(labels)`` gives
    the report as a DataFrame), with one warning.

    Parameters
    ----------
    path : str or Path
        The ``.json`` export (a list of tasks).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Labels (:data:`LABEL_COLUMNS`) and spans (:data:`SPAN_COLUMNS`).

    Raises
    ------
    FormatError
        Not a list of tasks, or a task without doc_id/sent_id.

    Examples
    --------
    >>> labels, spans = read_label_studio("project-1.json")  # doctest: +SKIP
    """
    path = Path(path)
    tasks = _load_json(path)
    if not isinstance(tasks, list):
        raise FormatError(
            f"{path}: expected a Label Studio JSON export (a list of tasks), got a "
            f"{type(tasks).__name__}. Export the project as 'JSON' (not JSON-MIN or CSV)."
        )
    gold = _Gold(path)
    for index, task in enumerate(tasks):
        where = f"task {index}" + (f" (id {task.get('id')})" if isinstance(task, Mapping) and "id" in task else "")
        if not isinstance(task, Mapping) or not isinstance(task.get("data", {}), Mapping):
            raise FormatError(f"{path}: {where} is not a task object with 'data'. Fix: {_FIX_IDS}.")
        doc_id, sent_id = _task_ids(task, path, where)
        text = task.get("data", {}).get("text")
        record = f"{where}, doc_id {doc_id}, sent_id {sent_id}"
        for number, annotation in enumerate(task.get("annotations") or task.get("completions") or []):
            coder = _coder(annotation.get("completed_by"), f"annotator {number}")
            if annotation.get("was_cancelled"):
                gold.reject(
                    record,
                    f"the annotation by {coder} was cancelled (skipped)",
                    "nothing to do if the annotator skipped the task on purpose; otherwise annotate it again",
                )
                continue
            choices: list[str] = []
            extra: dict[str, str | None] = {"speaker": None, "speaker_side": None, "note": None}
            has_spans = False
            for item in annotation.get("result") or []:
                kind, name, value = item.get("type"), item.get("from_name", ""), item.get("value") or {}
                if kind == "choices" and name in ("speaker_side", "speaker"):
                    extra[name] = "; ".join(value.get("choices") or []) or None
                elif kind == "choices":
                    choices.extend(value.get("choices") or [])
                elif kind == "textarea" and name in ("speaker", "speaker_side", "note"):
                    extra[name] = " ".join(value.get("text") or []) or None
                elif kind == "labels":
                    has_spans = True
                    gold.span(
                        record, doc_id, sent_id, coder, text, value.get("start"), value.get("end"),
                        value.get("text"), value.get("labels") or [],
                    )  # fmt: skip
            if choices or not has_spans:
                gold.label(record, doc_id, sent_id, coder, choices, extra)
    return gold.frames()


def _doccano_labels(obj: Mapping) -> tuple[list[str], list[tuple[object, object, str, str | None]]]:
    """Sentence labels and ``(start, end, label, text)`` spans of one doccano record."""
    choices: list[str] = []
    spans: list[tuple[object, object, str, str | None]] = []
    cats = obj.get("cats")
    if isinstance(cats, Mapping):
        choices.extend(str(k) for k, v in cats.items() if v)
    elif isinstance(cats, list):
        choices.extend(str(c) for c in cats)
    for item in obj.get("label") or []:
        if isinstance(item, str):
            choices.append(item)
        elif isinstance(item, (list, tuple)) and len(item) == 3:
            spans.append((item[0], item[1], str(item[2]), None))
    for item in obj.get("entities") or []:
        if isinstance(item, Mapping):
            spans.append((item.get("start_offset"), item.get("end_offset"), str(item.get("label")), item.get("text")))
        elif isinstance(item, (list, tuple)) and len(item) == 3:
            spans.append((item[0], item[1], str(item[2]), None))
    return choices, spans


def read_doccano(path: str | Path, *, coder: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a doccano JSONL export into gold labels and spans.

    Sentence labels come from ``label`` (a list of strings) or ``cats``; spans from
    ``label`` as ``[start, end, "LABEL"]`` triples or from ``entities`` (``start_offset``,
    ``end_offset``, ``label``). Offsets count code points; when only a UTF-16 reading fits
    the text (it is in range, or it alone starts and ends at word edges), it is converted.
    The coder is the record's ``annotator``/``user``/``username`` field, else ``coder``,
    else the file name (doccano exports one file per user). The rejected records are in
    ``labels.attrs["rejected"]``, as for :func:`read_label_studio`.

    Parameters
    ----------
    path : str or Path
        The ``.jsonl`` export.
    coder : str, optional
        Coder name for records that do not name one.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Labels (:data:`LABEL_COLUMNS`) and spans (:data:`SPAN_COLUMNS`).

    Raises
    ------
    FormatError
        A line that is not JSON, or a record without doc_id/sent_id.

    Examples
    --------
    >>> labels, spans = read_doccano("admin.jsonl")  # doctest: +SKIP
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise FormatError(f"Cannot read {path}: {exc.strerror}. Check the path.") from None
    gold = _Gold(path)
    default_coder = coder or path.stem
    index = -1
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        index += 1
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"{path}, line {number}: not valid JSON ({exc.msg}). doccano exports JSONL: one "
                "JSON object per line; export again as JSONL."
            ) from None
        where = f"task {index} (line {number})"
        if not isinstance(obj, Mapping):
            raise FormatError(f"{path}: {where} is not a JSON object. Fix: {_FIX_IDS}.")
        doc_id, sent_id = _task_ids(obj, path, where)
        who = next((str(obj[k]) for k in ("annotator", "user", "username") if obj.get(k)), default_coder)
        text = obj.get("text") if isinstance(obj.get("text"), str) else None
        record = f"{where}, doc_id {doc_id}, sent_id {sent_id}"
        choices, spans = _doccano_labels(obj)
        for start, end, label, expected in spans:
            gold.span(record, doc_id, sent_id, who, text, start, end, expected, [label])
        if choices or not spans:
            extra = {k: (str(obj[k]) if obj.get(k) else None) for k in ("speaker", "speaker_side", "note")}
            gold.label(record, doc_id, sent_id, who, choices, extra)
    return gold.frames()


def read_annotations(path: str | Path, *, format: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read Label Studio (``.json``) or doccano (``.jsonl``) annotations.

    Parameters
    ----------
    path : str or Path
        The export.
    format : str, optional
        ``"label_studio"`` or ``"doccano"``; default from the extension.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Labels and spans, as :func:`read_label_studio` returns them.

    Raises
    ------
    FormatError
        Unknown extension or format, or an invalid file.

    Examples
    --------
    >>> labels, spans = read_annotations("project-1.json")  # doctest: +SKIP
    """
    path = Path(path)
    if format is None:
        format = {".json": "label_studio", ".jsonl": "doccano"}.get(path.suffix.lower())
    if format == "label_studio":
        return read_label_studio(path)
    if format == "doccano":
        return read_doccano(path)
    raise FormatError(
        f"Cannot tell the annotation format of {path}: expected a Label Studio '.json' export or a "
        f"doccano '.jsonl' export (got {format or path.suffix or 'no extension'!r}). Rename the file "
        "or pass format='label_studio' or format='doccano'."
    )
