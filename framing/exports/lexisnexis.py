"""LexisNexis TXT exports (English, German and French labels) into the corpus table."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from .common import COPYRIGHT, Collector, LN_HEADER, LN_TRAILER, alternation, blank_separated, label_markers, read_text

__all__ = ["read_lexisnexis_txt"]

# --------------------------------------------------------------------------- LexisNexis TXT



def _ln_label(paragraph: str) -> tuple[str, str] | None:
    """``(label casefolded, value)`` when the paragraph starts with an upper-case ``LABEL:``."""
    match = re.match(r"^([^\W\d_][\w\- ]{0,30}?)\s*:\s*(.*)$", paragraph, re.DOTALL)
    if match and match[1].isupper():
        return match[1].casefold(), match[2].strip()
    return None


def read_lexisnexis_txt(
    path: str | Path, *, markers: Mapping[str, str | Sequence[str]] | None = None
) -> pd.DataFrame:
    """Read an older LexisNexis TXT export into the corpus table.

    Articles start with ``N of M DOCUMENTS`` (``N von M DOKUMENTEN``, ``N sur M DOCUMENTS``),
    then the outlet, the date (``October 12, 2016 Wednesday``), the headline, labelled
    paragraphs (``BYLINE:``, ``SECTION:``, ``LENGTH:`` or their German/French forms), the
    body paragraphs — hard-wrapped lines are joined, blank lines separate paragraphs — and
    trailing labels (``LANGUAGE:``, ``LOAD-DATE:`` …). Rejected records are listed in
    ``df.attrs["rejected"]``.

    Parameters
    ----------
    path : str or Path
        The ``.txt`` file.
    markers : dict, optional
        Replacement labels; keys ``documents``, ``of``, ``headline``, ``byline``,
        ``section``, ``length``, ``language``, ``load_date``, ``url``.

    Returns
    -------
    pandas.DataFrame
        The corpus table; ``source_record`` is the document number.

    Raises
    ------
    FormatError
        No ``N of M DOCUMENTS`` line.

    Examples
    --------
    >>> corpus = read_lexisnexis_txt("lexis.txt")  # doctest: +SKIP
    """
    path = Path(path)
    marks = label_markers("lexisnexis_txt", markers)
    text = read_text(path)
    start = re.compile(
        rf"^[ \t\u00a0]*(\d+)\s+(?:{alternation(marks['of'])})\s+\d+\s+(?:{alternation(marks['documents'])})\s*$",
        re.IGNORECASE | re.MULTILINE,
    )
    keys = ("headline", "byline", "section", "length", "language", "load_date", "url")
    field_of = {label.casefold(): key for key in keys for label in marks[key]}
    header_known = {label.casefold() for key in ("headline", "byline", "section", "length") for label in marks[key]}
    header_known |= {label.casefold() for label in LN_HEADER}
    trailer_known = {label.casefold() for key in ("language", "load_date", "url") for label in marks[key]}
    trailer_known |= {label.casefold() for label in LN_TRAILER}
    collector = Collector(path, "lexisnexis_txt")
    starts = list(start.finditer(text))
    for index, match in enumerate(starts):
        record = f"document {match[1]}"
        block = text[match.end() : starts[index + 1].start() if index + 1 < len(starts) else len(text)]
        paragraphs = blank_separated(block.splitlines())
        if len(paragraphs) < 2:
            collector.reject(record, "the document has no outlet and date lines", "check the export")
            continue
        outlet = paragraphs[0][0]
        if len(paragraphs[0]) > 1:
            date, rest = paragraphs[0][1], paragraphs[1:]
        else:
            date, rest = paragraphs[1][0], paragraphs[2:]
        texts = [" ".join(paragraph) for paragraph in rest]
        labels = [_ln_label(t) for t in texts]
        first = next((i for i, lab in enumerate(labels) if lab and lab[0] in header_known), None)
        if first is None:
            headline, position = (texts[0] if texts else None), 1
        else:
            headline, position = (texts[first - 1] if first else None), first
        values: dict[str, str] = {}
        while position < len(texts) and labels[position] and labels[position][0] in header_known | trailer_known:
            name, value = labels[position]
            if name in field_of:
                values.setdefault(field_of[name], value)
            position += 1
        body_end = next(
            (i for i in range(position, len(texts)) if labels[i] and labels[i][0] in trailer_known),
            len(texts),
        )
        body = texts[position:body_end]
        while body and COPYRIGHT.match(body[-1]):
            body.pop()
        for label in labels[body_end:]:
            if label and label[0] in field_of:
                values.setdefault(field_of[label[0]], label[1])
        headline = values.get("headline") or headline
        collector.add(
            record,
            headline=headline,
            outlet=outlet,
            date=date,
            paragraphs=body,
            lang=values.get("language"),
            byline=values.get("byline"),
            section=values.get("section"),
            url=values.get("url"),
            body_fix="check that the body follows the LENGTH: line, separated by a blank line",
        )
    return collector.frame(expected="lines such as '1 of 3 DOCUMENTS' opening each article")
