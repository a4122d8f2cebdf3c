"""MediaCloud CSV exports into the corpus table."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import FormatError
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
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, OSError) as exc:
        raise FormatError(
            f"Cannot read {path} as a MediaCloud CSV ({exc}). Export the stories again as CSV (UTF-8)."
        ) from None
    lower = {column.strip().lower(): column for column in table.columns}
    column = {key: next((lower[n] for n in names if n in lower), None) for key, names in _MEDIACLOUD_COLUMNS.items()}
    if column["headline"] is None and column["url"] is None:
        raise FormatError(
            f"No article found in {path}: expected MediaCloud columns such as stories_id, "
            f"publish_date, title, url, media_name, language, text; got {', '.join(map(str, table.columns[:8]))}. "
            "Check that this is a MediaCloud story export."
        )
    collector = Collector(path, "mediacloud_csv")
    for position, row in enumerate(table.itertuples(index=False), start=2):
        values = dict(zip(table.columns, row))
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
