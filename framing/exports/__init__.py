"""Read news-database exports (Nexis Uni, LexisNexis, Factiva, MediaCloud) into the corpus table.

One module per vendor; :func:`read_export` picks the reader by extension and
content, and :func:`combine_exports` joins several files' tables."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from ..errors import FormatError, invalid_choice, rejection_report
from .common import (CORPUS_COLUMNS, DEFAULT_MARKERS, EXPORT_FORMATS, alternation, deduplicate, read_text,
                     language_code, parse_date)
from .factiva import read_factiva_html, read_factiva_rtf, read_factiva_txt
from .lexisnexis import read_lexisnexis_txt
from .mediacloud import read_mediacloud_csv
from .nexis import read_nexis_docx

__all__ = [
    "CORPUS_COLUMNS",
    "DEFAULT_MARKERS",
    "EXPORT_FORMATS",
    "parse_date",
    "language_code",
    "read_nexis_docx",
    "read_lexisnexis_txt",
    "read_factiva_html",
    "read_factiva_txt",
    "read_factiva_rtf",
    "read_mediacloud_csv",
    "read_export",
    "combine_exports",
]

# --------------------------------------------------------------------------- dispatch

_READERS = {
    "nexis_docx": read_nexis_docx,
    "lexisnexis_txt": read_lexisnexis_txt,
    "factiva_txt": read_factiva_txt,
    "factiva_html": read_factiva_html,
    "factiva_rtf": read_factiva_rtf,
}


def _sniff_txt(path: Path) -> str:
    text = read_text(path)
    ln = DEFAULT_MARKERS["lexisnexis_txt"]
    if re.search(
        rf"^\s*\d+\s+(?:{alternation(ln['of'])})\s+\d+\s+(?:{alternation(ln['documents'])})\s*$",
        text,
        re.IGNORECASE | re.MULTILINE,
    ):
        return "lexisnexis_txt"
    if re.search(r"^\s*(HD|TD|LP|PD)\s*$", text, re.MULTILINE) or re.search(
        r"^\s*Document\s+\S+\s*$", text, re.MULTILINE
    ):
        return "factiva_txt"
    raise FormatError(
        f"Cannot tell what kind of export {path} is: expected LexisNexis lines such as "
        "'1 of 3 DOCUMENTS' or Factiva field codes (HD, PD, TD) and 'Document <id>' lines. "
        "If it is one of these, choose the reader (--format lexisnexis_txt or --format factiva_txt on the "
        "command line, format= in Python) and give its labels if they differ (--marker KEY=LABEL, markers=)."
    )


def read_export(
    path: str | Path,
    *,
    format: str | None = None,
    markers: Mapping[str, str | Sequence[str]] | None = None,
    report: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Read any supported news-database export into the corpus table.

    The reader is chosen by ``format`` (a key of :data:`EXPORT_FORMATS`) or by the
    extension: ``.docx`` Nexis Uni, ``.txt`` LexisNexis or Factiva (by the markers found
    in the file), ``.html``/``.htm`` and ``.rtf`` Factiva, ``.csv`` MediaCloud.

    Every reader leaves out, and lists in the rejection report, records without body text
    and records whose date is present but cannot be read (the problem quotes the raw
    date). A record that has no date at all is kept with ``date`` missing.

    Parameters
    ----------
    path : str or Path
        The export file.
    format : str, optional
        ``nexis_docx``, ``lexisnexis_txt``, ``factiva_txt``, ``factiva_html``,
        ``factiva_rtf`` or ``mediacloud_csv``.
    markers : dict, optional
        Passed to the reader (ignored for MediaCloud); see :data:`DEFAULT_MARKERS`.
    report : bool, default False
        Also return the rejection report: ``(table, report)``. The report is then
        yours to keep, whatever becomes of the table (``attrs`` do not survive a
        merge or a concat).

    Returns
    -------
    pandas.DataFrame, or (pandas.DataFrame, pandas.DataFrame)
        The corpus table, and with ``report=True`` the rejection report. Without it,
        ``df.attrs["rejected"]`` holds the rejected records; ``framing.rejected(df)``
        returns them as a DataFrame.

    Raises
    ------
    FormatError
        Unknown extension or format, or no article in the file.

    Examples
    --------
    >>> corpus = read_export("exports/lexis.txt")  # doctest: +SKIP
    """
    path = Path(path)
    if format is None:
        suffix = path.suffix.lower()
        if suffix == ".txt":
            format = _sniff_txt(path)
        else:
            format = next((k for k, exts in EXPORT_FORMATS.items() if suffix in exts), None)
            if format is None:
                known = sorted({e for exts in EXPORT_FORMATS.values() for e in exts})
                raise FormatError(
                    f"Cannot tell what kind of export {path} is from its extension "
                    f"{suffix or '(none)'!r}: expected one of {', '.join(known)}. Rename the "
                    f"file or choose the reader (--format on the command line, format= in Python; one of "
                    f"{', '.join(EXPORT_FORMATS)})."
                )
    if format not in EXPORT_FORMATS:
        raise invalid_choice("format", format, EXPORT_FORMATS, error=FormatError, where=str(path))
    table = read_mediacloud_csv(path) if format == "mediacloud_csv" else _READERS[format](path, markers=markers)
    if report:
        return table, rejection_report(table.attrs.get("rejected", []))
    return table


def combine_exports(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate corpus tables from several exports, keeping doc_ids unique.

    Repeated doc_ids (the same article in two exports) get ``_2``, ``_3`` … suffixes, and
    the rejected records in ``attrs["rejected"]`` are concatenated.

    Parameters
    ----------
    frames : sequence of pandas.DataFrame
        Tables returned by the readers of this module.

    Returns
    -------
    pandas.DataFrame
        One corpus table with the combined rejected records in ``attrs["rejected"]``.

    Examples
    --------
    >>> corpus = combine_exports([read_export("a.docx"), read_export("b.txt")])  # doctest: +SKIP
    """
    rows = [row for frame in frames for row in rejection_report(frame.attrs.get("rejected", [])).to_dict("records")]
    tables = []
    for frame in frames:
        table = frame[CORPUS_COLUMNS].copy()
        table.attrs = {}
        tables.append(table)
    if tables:
        combined = pd.concat(tables, ignore_index=True).astype("string")
    else:
        combined = pd.DataFrame(columns=CORPUS_COLUMNS).astype("string")
    combined["doc_id"] = deduplicate(list(combined["doc_id"]))
    combined.attrs["rejected"] = rows
    return combined
