"""Send sentences to Label Studio or doccano and read their annotations back as gold labels and spans."""

from __future__ import annotations

import json
import os
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
    "task_articles",
]

#: Columns of the gold-label table: one row per sentence and coder.
LABEL_COLUMNS = ["doc_id", "sent_id", "label", "speaker", "speaker_side", "coder", "note"]
#: Columns of the span table; ``start``/``end`` are Python str indices into the sentence text.
SPAN_COLUMNS = ["doc_id", "sent_id", "start", "end", "label", "text", "coder"]

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


# --------------------------------------------------------------------------- alignment


def _squash(text: str) -> str:
    return " ".join(text.split())


def _shift(source: str, target: str, offset: int, *, end: bool) -> int:
    """Index in ``target`` of ``source[offset]`` when both differ only in whitespace."""
    count = sum(1 for char in source[:offset] if not char.isspace())
    solid = [i for i, char in enumerate(target) if not char.isspace()]
    if end:
        return solid[count - 1] + 1 if count else 0
    return solid[count] if count < len(solid) else len(target)


class _Target:
    """Where a task's text sits: one sentence, or a part of an article cut into sentences.

    ``pieces`` are ``(sent_id, start, end, sentence text)`` in ``text``; ``sent_id`` is
    None for a task that is an article of its own or a whole article of the corpus.
    """

    def __init__(self, doc_id: str, sent_id: int | None, task_text: str, text: str,
                 pieces: list[tuple[int | None, int, int, str]]) -> None:  # fmt: skip
        self.doc_id, self.sent_id, self.task_text, self.text, self.pieces = doc_id, sent_id, task_text, text, pieces

    def place(self, start: int, end: int) -> tuple[int | None, int, int, str] | str:
        """``(sent_id, start, end, span text)`` in sentence coordinates, or why the span does not fit."""
        if self.task_text != self.text:
            start, end = _shift(self.task_text, self.text, start, end=False), _shift(self.task_text, self.text, end, end=True)
        for sent_id, a, b, sentence in self.pieces:
            if a <= start and end <= b:
                piece = sentence[start - a : end - a]
                if piece == self.text[start:end]:
                    return sent_id, start - a, end - a, piece
        return f"the span {self.text[start:end]!r} does not lie inside one sentence of article {self.doc_id}"


class _Aligner:
    """Find the sentence, or the article, whose text a task carries: exact, then whitespace-normalised."""

    def __init__(self, sentences: pd.DataFrame | None, articles: pd.DataFrame | None) -> None:
        self.active = sentences is not None or articles is not None
        self.exact: dict[str, list[tuple]] = {}
        self.loose: dict[str, list[tuple]] = {}
        by_part: dict[tuple[str, str], list[tuple[int, int, int, str]]] = {}
        if sentences is not None:
            for row in _sentence_rows(sentences):
                self._add(row["text"], (str(row["doc_id"]), row["sent_id"], row["text"], None))
            if {"part", "start", "end"} <= set(sentences.columns):
                for row in sentences.to_dict("records"):
                    part = "headline" if row["part"] == "headline" else "text"
                    by_part.setdefault((str(row["doc_id"]), part), []).append(
                        (int(row["sent_id"]), int(row["start"]), int(row["end"]), row["text"])
                    )
        if articles is not None:
            for row in articles.to_dict("records"):
                for part in ("headline", "text"):
                    if isinstance(row.get(part), str) and row[part].strip():
                        pieces = by_part.get((str(row["doc_id"]), part), [])
                        self._add(row[part], (str(row["doc_id"]), None, row[part], pieces))

    def _add(self, text: str, entry: tuple) -> None:
        self.exact.setdefault(text, []).append(entry)
        self.loose.setdefault(_squash(text), []).append(entry)

    def find(self, text: str, doc_id: str | None, sent_id: int | None) -> _Target | str:
        for found in (self.exact.get(text, []), self.loose.get(_squash(text), [])):
            if doc_id is not None:
                found = [f for f in found if f[0] == doc_id]
            if len(found) > 1 and sent_id is not None:
                found = [f for f in found if f[1] == sent_id] or found
            if len(found) > 1 and any(f[1] is not None for f in found):
                found = [f for f in found if f[1] is not None]  # a one-sentence article: its sentence wins
            if len(found) == 1:
                doc, sent, target, pieces = found[0]
                if sent is not None:
                    return _Target(doc, sent, text, target, [(sent, 0, len(target), target)])
                return _Target(doc, None, text, target, pieces if pieces else [(None, 0, len(target), target)])
            if found:
                where = ", ".join(f"{f[0]} sentence {f[1]}" if f[1] is not None else f"{f[0]}" for f in found[:5])
                return f"its text matches {len(found)} places in the corpus ({where})"
        within = f" of article {doc_id}" if doc_id is not None else ""
        return f"its text matches no sentence or article{within} in the corpus, exactly or with whitespace normalised"


_FIX_ALIGN = (
    "import against the corpus the tasks were made from (check the article is in it and its text "
    "was not edited), or add a doc_id field to the task data"
)


def _data_id(sources: Sequence[object], key: str) -> object:
    return next((s[key] for s in sources if isinstance(s, Mapping) and s.get(key) not in (None, "")), None)


def _locate(task: Mapping, data: Mapping, text: str | None, aligner: _Aligner, fallback: str) -> _Target | str:
    """Align one task: by its text against the corpus, or, with no corpus, by its ids or as an article of its own."""
    sources = [task, data, task.get("meta") or {}]
    doc_id, sent_id = _data_id(sources, "doc_id"), _data_id(sources, "sent_id")
    try:
        sent_id = None if sent_id is None else int(sent_id)
    except (TypeError, ValueError):
        return f"its sent_id {sent_id!r} is not an integer sentence number"
    if text is None:
        return "it has no text to align (expected a text field in the task data)"
    if aligner.active:
        return aligner.find(text, None if doc_id is None else str(doc_id), sent_id)
    doc = str(doc_id) if doc_id is not None else (str(task["id"]) if task.get("id") not in (None, "") else fallback)
    return _Target(doc, sent_id, text, text, [(sent_id, 0, len(text), text)])


def _task_text(data: Mapping) -> str | None:
    if isinstance(data.get("text"), str):
        return data["text"]
    return next((v for k, v in data.items() if isinstance(v, str) and k not in ("doc_id", "sent_id", "part", "lang")), None)


# --------------------------------------------------------------------------- import


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
        self, record: str, target: _Target, coder: str, choices: list[str], extra: Mapping[str, str | None]
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
            {"doc_id": target.doc_id, "sent_id": target.sent_id, "label": choices[0], "coder": coder, **extra}
        )

    def span(
        self, record: str, target: _Target, coder: str, start: object, end: object,
        expected: str | None, labels: Iterable[str],
    ) -> None:  # fmt: skip
        resolved = _resolve_span(target.task_text, start, end, expected)
        placed = target.place(*resolved) if not isinstance(resolved, str) else resolved
        if isinstance(placed, str):
            self.reject(
                record,
                f"annotator {coder}: {placed}",
                "correct the span in the annotation tool and export again (offsets must count "
                "characters of the task's text)",
            )
            return
        sent_id, s, e, piece = placed
        for label in labels:
            self.spans.append(
                {"doc_id": target.doc_id, "sent_id": sent_id, "start": s, "end": e, "label": label,
                 "text": piece, "coder": coder}
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


def _strings(value: object) -> list[str]:
    """A textarea or choices value as a list of strings: a plain string is one answer, not its letters."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


_CORPUS_DOC = """Without a corpus, a task with ``doc_id`` and ``sent_id`` (as the export
    functions write them) is that sentence; any other is an article of its own (``doc_id``
    from its data, else the task id; :func:`task_articles`), labels and spans article-level
    (``sent_id`` empty, offsets into the task text). With ``sentences``/``articles`` (the
    corpus the tasks came from), a task is aligned by its text, exact then whitespace-
    normalised, within its data's ``doc_id`` if any: a sentence gets sentence labels; a
    whole article (``text`` or ``headline``) article-level labels, its spans placed in their
    sentences. A task aligned nowhere or in several places is rejected with the reason."""


def read_label_studio(
    path: str | Path, *, sentences: pd.DataFrame | None = None, articles: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a Label Studio JSON export into gold labels and spans.

    Each annotation gives one label row per task and annotator (``completed_by``: its
    email, or its id). Results are read by type and ``from_name``: ``choices`` from
    ``speaker_side`` fill ``speaker_side``, other ``choices`` the ``label``; ``textarea``
    from ``speaker`` or ``note`` fill those columns; ``labels`` results are spans.
    Cancelled annotations are skipped and listed in the report. Span offsets are checked
    against ``value.text``: UTF-16 offsets (older Label Studio, text with emoji) are
    converted; spans that fit neither reading are rejected. The task's text is
    ``data.text``, else its first text field. {corpus}
    The rejected records are in ``labels.attrs["rejected"]`` (and ``spans.attrs``;
    ``framing.rejected(labels)`` gives the report as a DataFrame), with one warning.

    Parameters
    ----------
    path : str or Path
        The ``.json`` export (a list of tasks), as Label Studio writes it.
    sentences : pandas.DataFrame, optional
        The corpus's sentences table (``doc_id``, ``sent_id``, ``text``).
    articles : pandas.DataFrame, optional
        The corpus's articles table (``doc_id``, ``headline``, ``text``).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Labels (:data:`LABEL_COLUMNS`) and spans (:data:`SPAN_COLUMNS`).

    Raises
    ------
    FormatError
        Not a list of tasks.

    Examples
    --------
    >>> labels, spans = read_label_studio("project-1.json", sentences=sentences)  # doctest: +SKIP
    """
    path = Path(path)
    tasks = _load_json(path)
    if not isinstance(tasks, list):
        raise FormatError(
            f"{path}: expected a Label Studio JSON export (a list of tasks), got a "
            f"{type(tasks).__name__}. Export the project as 'JSON' (not JSON-MIN or CSV)."
        )
    gold, aligner = _Gold(path), _Aligner(sentences, articles)
    for index, task in enumerate(tasks):
        where = f"task {index}" + (f" (id {task.get('id')})" if isinstance(task, Mapping) and "id" in task else "")
        if not isinstance(task, Mapping) or not isinstance(task.get("data", {}), Mapping):
            raise FormatError(
                f"{path}: {where} is not a task object with 'data'. Export the project again as "
                "'JSON' from Label Studio."
            )
        data = task.get("data") or {}
        target = _locate(task, data, _task_text(data), aligner, f"{path.stem}-{index}")
        if isinstance(target, str):
            gold.reject(where, f"not aligned: {target}", _FIX_ALIGN)
            continue
        record = f"{where}, doc_id {target.doc_id}" + (f", sent_id {target.sent_id}" if target.sent_id is not None else "")
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
                    extra[name] = "; ".join(_strings(value.get("choices"))) or None
                elif kind == "choices":
                    choices.extend(_strings(value.get("choices")))
                elif kind == "textarea" and name in ("speaker", "speaker_side", "note"):
                    extra[name] = " ".join(_strings(value.get("text"))) or None
                elif kind == "labels":
                    has_spans = True
                    gold.span(
                        record, target, coder, value.get("start"), value.get("end"),
                        value.get("text"), _strings(value.get("labels")),
                    )  # fmt: skip
            if choices or not has_spans:
                gold.label(record, target, coder, choices, extra)
    return gold.frames()


read_label_studio.__doc__ = read_label_studio.__doc__.replace("{corpus}", _CORPUS_DOC)


def _span_of(item: object) -> tuple[object, object, str, str | None] | None:
    """``(start, end, label, text)`` of a doccano span: ``[s, e, "tag"]`` or ``{start_offset, end_offset, label}``."""
    if isinstance(item, (list, tuple)) and len(item) == 3:
        return item[0], item[1], str(item[2]), None
    if isinstance(item, Mapping) and "start_offset" in item:
        return item.get("start_offset"), item.get("end_offset"), str(item.get("label")), item.get("text")
    return None


def _doccano_groups(obj: Mapping, who: str) -> dict[str, tuple[list[str], list]]:
    """Per coder: sentence labels and ``(start, end, label, text)`` spans of one doccano record.

    Reads the current layout (``label``: strings or ``[s, e, "tag"]``; ``entities``; ``cats``)
    and the 1.x ones (``labels``: the same shapes; ``annotations``: objects with ``label``,
    ``start_offset``/``end_offset`` for spans, and ``user``).
    """
    groups: dict[str, tuple[list[str], list]] = {}

    def add(coder: str, item: object) -> None:
        choices, spans = groups.setdefault(coder, ([], []))
        span = _span_of(item)
        if span is not None:
            spans.append(span)
        elif isinstance(item, Mapping) and item.get("label") is not None:
            choices.append(str(item["label"]))
        elif isinstance(item, (str, int)) and not isinstance(item, bool):
            choices.append(str(item))

    groups.setdefault(who, ([], []))
    cats = obj.get("cats")
    if isinstance(cats, Mapping):
        groups[who][0].extend(str(k) for k, v in cats.items() if v)
    elif isinstance(cats, list):
        groups[who][0].extend(str(c) for c in cats)
    for key in ("label", "labels", "entities"):
        value = obj.get(key)
        for item in value if isinstance(value, list) else _strings(value):
            add(who, item)
    for item in obj.get("annotations") or []:
        user = item.get("user") if isinstance(item, Mapping) else None
        add(who if user in (None, "") else str(user), item)
    return {k: v for k, v in groups.items() if v[0] or v[1]} or {who: ([], [])}


def read_doccano(
    path: str | Path, *, coder: str | None = None, sentences: pd.DataFrame | None = None,
    articles: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """Read a doccano JSONL export (current or 1.x) into gold labels and spans.

    Sentence labels come from ``label`` (strings), ``cats`` or the 1.x ``labels`` and
    ``annotations``; spans from ``[start, end, "LABEL"]`` triples in ``label``/``labels``,
    ``entities`` and 1.x ``annotations`` (``start_offset``, ``end_offset``, ``label``,
    ``user``). Offsets count code points; a UTF-16 reading is converted when only it fits
    (in range, or alone at word edges). The coder is the annotation's ``user``, else the
    record's ``annotator``/``user``/``username``, else ``coder``, else the file name. The
    text is ``text`` (or ``data``). A record without labels or spans gives nothing in a
    span-only file and is reported in a file with sentence labels. {corpus}
    Rejected records are in ``labels.attrs["rejected"]``, as for :func:`read_label_studio`.

    Parameters
    ----------
    path : str or Path
        The ``.jsonl`` export.
    coder : str, optional
        Coder name for records that do not name one.
    sentences, articles : pandas.DataFrame, optional
        The corpus to align the records to, as for :func:`read_label_studio`.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Labels (:data:`LABEL_COLUMNS`) and spans (:data:`SPAN_COLUMNS`).

    Raises
    ------
    FormatError
        A line that is not a JSON object.

    Examples
    --------
    >>> labels, spans = read_doccano("admin.jsonl")  # doctest: +SKIP
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise FormatError(f"Cannot read {path}: {exc.strerror}. Check the path.") from None
    gold, aligner = _Gold(path), _Aligner(sentences, articles)
    default_coder = coder or path.stem
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"{path}, line {number}: not valid JSON ({exc.msg}). doccano exports JSONL: one "
                "JSON object per line; export again as JSONL."
            ) from None
        where = f"task {len(records)} (line {number})"
        if not isinstance(obj, Mapping):
            raise FormatError(f"{path}: {where} is not a JSON object. Export again as JSONL from doccano.")
        who = next((str(obj[k]) for k in ("annotator", "user", "username") if obj.get(k)), default_coder)
        records.append((where, obj, _doccano_groups(obj, who)))
    labelled = any(choices for _, _, groups in records for choices, _ in groups.values())
    for index, (where, obj, groups) in enumerate(records):
        text = next((obj[k] for k in ("text", "data") if isinstance(obj.get(k), str)), None)
        target = _locate(obj, {}, text, aligner, f"{path.stem}-{index}")
        if isinstance(target, str):
            gold.reject(where, f"not aligned: {target}", _FIX_ALIGN)
            continue
        record = f"{where}, doc_id {target.doc_id}" + (f", sent_id {target.sent_id}" if target.sent_id is not None else "")
        for who, (choices, spans) in groups.items():
            for start, end, label, expected in spans:
                gold.span(record, target, who, start, end, expected, [label])
            if choices or (not spans and labelled):
                extra = {k: (str(obj[k]) if obj.get(k) else None) for k in ("speaker", "speaker_side", "note")}
                gold.label(record, target, who, choices, extra)
    return gold.frames()


read_doccano.__doc__ = read_doccano.__doc__.replace("{corpus}", _CORPUS_DOC)


def read_annotations(
    path: str | Path, *, format: str | None = None, sentences: pd.DataFrame | None = None,
    articles: pd.DataFrame | None = None, report: bool = False,
) -> tuple[pd.DataFrame, ...]:  # fmt: skip
    """Read Label Studio (``.json``) or doccano (``.jsonl``) annotations.

    Parameters
    ----------
    path : str or Path
        The export.
    format : str, optional
        ``"label_studio"`` or ``"doccano"``; default from the extension.
    sentences, articles : pandas.DataFrame, optional
        The corpus to align the tasks to (see :func:`read_label_studio`).
    report : bool, default False
        Also return the rejection report, as a third table: it is yours to
        keep, whatever becomes of the labels (``attrs`` do not survive a merge).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame[, pandas.DataFrame])
        Labels and spans, as :func:`read_label_studio` returns them, and with
        ``report=True`` the rejection report.

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
    if format in ("label_studio", "doccano"):
        reader = read_label_studio if format == "label_studio" else read_doccano
        labels, spans = reader(path, sentences=sentences, articles=articles)
        if report:
            return labels, spans, rejection_report(labels.attrs.get("rejected", []))
        return labels, spans
    raise FormatError(
        f"Cannot tell the annotation format of {path}: expected a Label Studio '.json' export or a "
        f"doccano '.jsonl' export (got {format or path.suffix or 'no extension'!r}). Rename the file "
        "or choose the format (--format label_studio or --format doccano on the command line)."
    )


def task_articles(path: str | Path, *, format: str | None = None) -> pd.DataFrame:
    """The articles an annotation project seeds: one per task that is not a corpus sentence.

    Each task without a ``sent_id`` becomes an article: the ``doc_id`` :func:`read_annotations`
    gives it without a corpus, an empty headline, its text, ``lang`` if the data has one.

    Parameters
    ----------
    path : str or Path
        A Label Studio ``.json`` or doccano ``.jsonl`` export.
    format : str, optional
        ``"label_studio"`` or ``"doccano"``; default from the extension.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``headline``, ``text``, ``lang``, one row per task, in file order.

    Examples
    --------
    >>> articles = task_articles("project-1.json")  # doctest: +SKIP
    """
    path = Path(path)
    format = format or {".json": "label_studio", ".jsonl": "doccano"}.get(path.suffix.lower())
    if format == "label_studio":
        tasks = _load_json(path)
        tasks = tasks if isinstance(tasks, list) else []
    else:
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
            tasks = [{**obj, "data": obj} for obj in map(json.loads, filter(str.strip, lines))]
        except (OSError, ValueError, TypeError) as exc:
            raise FormatError(f"Cannot read {path} as a doccano JSONL export ({exc}). Export it again.") from None
    rows = []
    for index, task in enumerate(tasks):
        data = task.get("data") if isinstance(task, Mapping) and isinstance(task.get("data"), Mapping) else {}
        target = _locate(task, data, text := _task_text(data), _Aligner(None, None), f"{path.stem}-{index}")
        if isinstance(target, _Target) and target.sent_id is None:
            rows.append({"doc_id": target.doc_id, "headline": "", "text": text, "lang": data.get("lang")})
    return pd.DataFrame(rows, columns=["doc_id", "headline", "text", "lang"])
