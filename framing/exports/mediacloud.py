"""MediaCloud CSV exports into the corpus table."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import FormatError
from ..tables import csv_header, csv_rows
from .common import Collector

__all__ = ["read_mediacloud_csv"]

# --------------------------------------------------------------------------- MediaCloud CSV

_MEDIACLOUD_COLUMNS = {
    "id": ("stories_id", "id", "story_id"),
    "date": ("publish_date", "publication_date", "date"),
    "headline": ("title", "headline"),
    "url": ("url",),
    "outlet": ("media_name", "media", "source", "media_url", "domain"),
    "lang": ("language", "lang"),
    "text": ("text", "story_text", "content"),
}


def read_mediacloud_csv(path: str | Path) -> pd.DataFrame:
    """Read a MediaCloud story CSV into the corpus table.

    Columns are matched by name, case-insensitively: ``stories_id``/``id``,
    ``publish_date``, ``title``, ``url``, ``media_name``, ``language`` and optional
    ``text``. Rows without text (MediaCloud often leaves it out) are rejected into
    ``df.attrs["rejected"]`` with the advice to fetch the text separately.

    Parameters
    ----------
    path : str or Path
        The ``.csv`` file.

    Returns
    -------
    pandas.DataFrame
        The corpus table; ``source_record`` is ``story <stories_id>`` (or ``row <n>``).

    Raises
    ------
    FormatError
        Not a CSV with MediaCloud columns.

    Examples
    --------
    >>> corpus = read_mediacloud_csv("mediacloud.csv")  # doctest: +SKIP
    """
    path = Path(path)
    # The strict reader: a row with the wrong number of fields is rejected with its line, never shifted.
    header = csv_header(path, encoding="utf-8-sig", error=FormatError)
    lower = {name.strip().lower(): name for name in header}
    column = {key: next((lower[n] for n in names if n in lower), None) for key, names in _MEDIACLOUD_COLUMNS.items()}
    if column["headline"] is None and column["url"] is None:
        raise FormatError(
            f"No article found in {path}: expected MediaCloud columns such as stories_id, "
            f"publish_date, title, url, media_name, language, text; got {', '.join(header[:8])}. "
            "Check that this is a MediaCloud story export."
        )
    collector = Collector(path, "mediacloud_csv")
    for position, _line, values, problem in csv_rows(path, encoding="utf-8-sig", error=FormatError):
        if problem:
            collector.reject(f"row {position}", problem,
                             "quote every field that holds a comma or a quote, or export the stories again as CSV")
            continue
        get = lambda key: values.get(column[key]) if column[key] else None  # noqa: E731
        record = f"story {get('id')}" if get("id") else f"row {position}"
        text = get("text") or ""
        collector.add(
            record,
            headline=get("headline"),
            outlet=get("outlet"),
            date=get("date"),
            paragraphs=re.split(r"\n\s*\n", text),
            lang=get("lang"),
            url=get("url"),
            body_fix="MediaCloud exports often omit the text: fetch the article text separately "
            "(e.g. from its url) and add it in a 'text' column",
        )
    return collector.frame(expected="at least one story row")
