"""Nexis Uni DOCX exports into the corpus table."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd

from ..errors import FormatError
from .common import Collector, NEXIS_HEADER, NEXIS_TRAILER, label_regex, label_markers, parse_date

__all__ = ["read_nexis_docx"]

# --------------------------------------------------------------------------- Nexis Uni DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _docx_lines(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, OSError) as exc:
        raise FormatError(
            f"{path} is not a DOCX file ({exc}): expected a Word document as Nexis Uni exports it. "
            "Export the results again as Word (DOCX)."
        ) from None
    except KeyError:
        raise FormatError(
            f"{path} is a zip file without word/document.xml, so not a Word document. "
            "Export the results again as Word (DOCX)."
        ) from None
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise FormatError(f"{path}: word/document.xml is not valid XML ({exc}). Re-export the file.") from None
    paragraphs: list[str] = []

    def walk(element: ElementTree.Element, buffer: list[str]) -> None:
        for child in element:
            if child.tag == _MC_FALLBACK:
                continue
            if child.tag == f"{_W}p":
                inner: list[str] = []
                walk(child, inner)
                paragraphs.append("".join(inner))
            elif child.tag == f"{_W}t":
                buffer.append(child.text or "")
            elif child.tag == f"{_W}tab":
                buffer.append("\t")
            elif child.tag in (f"{_W}br", f"{_W}cr"):
                buffer.append("\n")
            else:
                walk(child, buffer)

    walk(root, [])
    return [line.strip() for paragraph in paragraphs for line in paragraph.split("\n")]


def read_nexis_docx(
    path: str | Path, *, markers: Mapping[str, str | Sequence[str]] | None = None
) -> pd.DataFrame:
    """Read a Nexis Uni DOCX export (several articles in one document) into the corpus table.

    Each article is a title, an outlet and a date paragraph, then labelled lines such as
    ``Length: 523 words`` or ``Byline: …`` (the label may be followed by a NO-BREAK SPACE),
    a ``Body`` line, the body paragraphs, an optional ``Classification`` block and
    ``End of Document``. The cover page before the first article is ignored. Records without
    body text or with a date that cannot be read are left out and listed in
    ``df.attrs["rejected"]`` (with one warning).

    Parameters
    ----------
    path : str or Path
        The ``.docx`` file.
    markers : dict, optional
        Replacement labels; keys ``body``, ``end``, ``classification``, ``length``,
        ``byline``, ``section``, ``language``, ``load_date`` (see :data:`DEFAULT_MARKERS`).

    Returns
    -------
    pandas.DataFrame
        The corpus table (:data:`CORPUS_COLUMNS`); ``source_record`` is the article's number.

    Raises
    ------
    FormatError
        The file is not a DOCX, or holds no article (no ``Body``/``End of Document`` lines).

    Examples
    --------
    >>> corpus = read_nexis_docx("nexis.docx")  # doctest: +SKIP
    >>> corpus[["headline", "date", "lang"]]  # doctest: +SKIP
    """
    path = Path(path)
    marks = label_markers("nexis_docx", markers)
    lines = _docx_lines(path)
    collector = Collector(path, "nexis_docx")
    fields = ("length", "byline", "section", "language", "load_date")
    field_of = {label.casefold(): key for key in fields for label in marks[key]}
    header_label = label_regex([label for key in fields for label in marks[key]] + list(NEXIS_HEADER))
    trailer_label = label_regex([*marks["language"], *marks["load_date"], *NEXIS_TRAILER])
    body_marks = set(marks["body"])
    end_marks = set(marks["end"])
    class_marks = set(marks["classification"])

    chunks: list[list[str]] = [[]]
    for line in lines:
        if line in end_marks:
            chunks.append([])
        elif line:
            chunks[-1].append(line)
    number = 0
    for chunk in chunks:
        body_at = next((i for i, line in enumerate(chunk) if line in body_marks), None)
        if body_at is None:
            if any(header_label.match(line) for line in chunk) and len(chunks) > 1 and chunk:
                number += 1
                collector.reject(
                    f"article {number}",
                    f"no {' / '.join(marks['body'])!r} line before the body text",
                    "check the export, or name the line that opens the body (--marker 'body=<that line>' on the "
                    "command line, markers={'body': '<that line>'} in Python)",
                )
            continue
        number += 1
        record = f"article {number}"
        values: dict[str, str] = {}
        header = chunk[:body_at]
        label_at = len(header)
        while label_at > 0 and header_label.match(header[label_at - 1]):
            label_at -= 1
        for line in header[label_at:]:
            match = header_label.match(line)
            if match and match[1].casefold() in field_of:
                values.setdefault(field_of[match[1].casefold()], match[2].strip())
        body = chunk[body_at + 1 :]
        end = next((i for i, line in enumerate(body) if line in class_marks), len(body))
        trailer = body[end:]
        body = body[:end]
        while body and trailer_label.match(body[-1]):
            trailer.insert(0, body.pop())
        for line in trailer:
            match = header_label.match(line) or trailer_label.match(line)
            if match and match[1].casefold() in field_of:
                values.setdefault(field_of[match[1].casefold()], match[2].strip())
        pre = header[:label_at]
        while pre and re.match(r"(copyright|©|\(c\))", pre[-1], re.IGNORECASE):
            pre.pop()
        date_at = len(pre) - 1
        for i in range(len(pre) - 1, max(len(pre) - 4, 1), -1):
            if parse_date(pre[i]):
                date_at = i
                break
        if date_at < 2:
            collector.reject(
                record,
                f"expected a title, an outlet and a date line before the labelled lines, got {pre!r}",
                "check the article's header in the export",
            )
            continue
        collector.add(
            record,
            headline=pre[date_at - 2],
            outlet=pre[date_at - 1],
            date=pre[date_at],
            paragraphs=body,
            lang=values.get("language"),
            byline=values.get("byline"),
            section=values.get("section"),
            body_fix="check that the article has paragraphs after its 'Body' line",
        )
    return collector.frame(expected=f"articles with a {marks['body'][0]!r} line and ending with "
                           f"{marks['end'][0]!r}")
