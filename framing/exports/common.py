"""What every export reader shares: the corpus columns, markers, dates, languages, record collection."""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from ..errors import FormatError, rejection_report

__all__ = ["CORPUS_COLUMNS", "DEFAULT_MARKERS", "parse_date", "language_code", "COPYRIGHT", "FACTIVA_CODES", "Collector",
           "alternation", "blank_separated", "label_markers", "read_text", "LN_HEADER", "LN_TRAILER", "NEXIS_HEADER",
           "NEXIS_TRAILER", "label_regex", "deduplicate"]

CORPUS_COLUMNS = [
    "doc_id",
    "headline",
    "text",
    "outlet",
    "date",
    "lang",
    "byline",
    "section",
    "url",
    "source_file",
    "source_record",
]

#: Formats known to :func:`read_export` and the extensions that select them.
EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
    "nexis_docx": (".docx",),
    "lexisnexis_txt": (".txt",),
    "factiva_txt": (".txt",),
    "factiva_html": (".html", ".htm"),
    "factiva_rtf": (".rtf",),
    "mediacloud_csv": (".csv",),
}

#: Default label strings per reader. Pass ``markers={key: "label"}`` (or a list of variants)
#: to a reader to replace the default of that key. Keys:
#:
#: nexis_docx
#:     ``body`` line before the body; ``end`` line after each article; ``classification``
#:     line opening the trailing index block; ``length``, ``byline``, ``section``,
#:     ``language``, ``load_date`` labels (written without the colon; the reader accepts a
#:     colon followed by spaces or NO-BREAK SPACEs).
#: lexisnexis_txt
#:     ``documents`` word of the ``1 of 3 DOCUMENTS`` line; ``of`` word between the numbers;
#:     ``headline``, ``byline``, ``section``, ``length``, ``language``, ``load_date``, ``url``
#:     labels (without the colon).
#: factiva (HTML, TXT, RTF)
#:     ``document`` word before the accession number that ends each article; field codes
#:     ``headline`` (HD), ``byline`` (BY), ``word_count`` (WC), ``date`` (PD), ``source`` (SN),
#:     ``section`` (SE), ``language`` (LA), ``lead`` (LP), ``text`` (TD), ``accession`` (AN).
DEFAULT_MARKERS: dict[str, dict[str, tuple[str, ...]]] = {
    "nexis_docx": {
        "body": ("Body",),
        "end": ("End of Document",),
        "classification": ("Classification",),
        "length": ("Length",),
        "byline": ("Byline",),
        "section": ("Section",),
        "language": ("Language",),
        "load_date": ("Load-Date",),
    },
    "lexisnexis_txt": {
        "documents": ("DOCUMENTS", "DOCUMENT", "DOKUMENTEN", "DOKUMENTE", "DOKUMENT"),
        "of": ("of", "von", "sur", "de"),
        "headline": ("HEADLINE", "TITEL", "ÜBERSCHRIFT", "TITRE"),
        "byline": ("BYLINE", "AUTOR", "AUTEUR", "SIGNATURE"),
        "section": ("SECTION", "RUBRIK", "RUBRIQUE"),
        "length": ("LENGTH", "LÄNGE", "LONGUEUR"),
        "language": ("LANGUAGE", "SPRACHE", "LANGUE"),
        "load_date": ("LOAD-DATE", "UPDATE", "DATE-CHARGEMENT"),
        "url": ("URL",),
    },
    "factiva": {
        "document": ("Document",),
        "headline": ("HD",),
        "byline": ("BY",),
        "word_count": ("WC",),
        "date": ("PD",),
        "source": ("SN",),
        "section": ("SE",),
        "language": ("LA",),
        "lead": ("LP",),
        "text": ("TD",),
        "accession": ("AN",),
    },
}

# Labels that may stand between the headline and the body, or after the body, in Nexis
# and LexisNexis exports, besides the configurable ones.
NEXIS_HEADER = ("Highlight", "Dateline", "Edition", "Column", "Series")
NEXIS_TRAILER = (
    "Subject", "Organization", "Industry", "Geographic", "Person", "Company", "Ticker",
    "Publication-Type", "Document-Type", "Graphic", "Notes", "Correction-Date", "Journal-Code",
)  # fmt: skip
LN_HEADER = ("DATELINE", "HIGHLIGHT", "EDITION", "AUSGABE", "ÉDITION", "COLUMN", "SERIES", "ORT")
LN_TRAILER = (
    "GRAPHIC", "PUBLICATION-TYPE", "DOCUMENT-TYPE", "CORRECTION-DATE", "NOTES", "JOURNAL-CODE",
    "SUBJECT", "TYPE", "PUBLIKATIONSTYP", "DOKUMENTTYP", "GRAFIK", "TYPE-PUBLICATION",
)  # fmt: skip
# Every Factiva field code, so that a field ends where the next one starts.
FACTIVA_CODES = frozenset(
    "HD BY CR WC PD ET SN SC ED PG LA CY LP TD CT RF CO IN NS RE IPC IPD PUB AN SE CLM VOL ART "
    "HLP RST NGC FDS".split()
)

_SOURCES = {
    "nexis_docx": "nexis",
    "lexisnexis_txt": "lexisnexis",
    "factiva_html": "factiva",
    "factiva_txt": "factiva",
    "factiva_rtf": "factiva",
    "mediacloud_csv": "mediacloud",
}

# --------------------------------------------------------------------------- dates, languages

_MONTH_NAMES = (
    "january jan janvier janv januar janner jänner январь января",
    "february feb fevrier fevr fev februar feber февраль февраля",
    "march mar mars marz maerz mrz март марта",
    "april apr avril avr апрель апреля",
    "may mai май мая",
    "june jun juin juni июнь июня",
    "july jul juillet juil juli июль июля",
    "august aug aout août августа август",
    "september sep sept septembre сентябрь сентября",
    "october oct octobre oktober okt октябрь октября",
    "november nov novembre ноябрь ноября",
    "december dec decembre dezember dez декабрь декабря",
)
_LANGUAGE_NAMES = {
    "en": "english englisch anglais ingles eng английский",
    "fr": "french franzosisch francais frances fre fra французский",
    "ru": "russian russisch russe ruso rus русский",
    "de": "german deutsch allemand aleman ger deu немецкий",
    "es": "spanish spanisch espagnol espanol spa испанский",
    "it": "italian italienisch italien italiano ita итальянский",
    "uk": "ukrainian ukrainisch ukrainien ukr украинский",
    "pt": "portuguese portugiesisch portugais portugues por",
    "nl": "dutch niederlandisch neerlandais nederlands nld dut",
    "pl": "polish polnisch polonais polski pol",
    "ar": "arabic arabisch arabe ara",
    "zh": "chinese chinesisch chinois chi zho",
}
_ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy "
    "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu "
    "hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb "
    "lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om "
    "or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw "
    "ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu".split()
)
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})(?:er|st|nd|rd|th)?\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})(?!\d)")
_MDY = re.compile(r"(?<![^\W\d_])([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)")


def _fold(text: str) -> str:
    """Casefold and strip accents, for matching month and language names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _month(word: str) -> int | None:
    for number, names in enumerate(_MONTH_NAMES, start=1):
        if word in _fold(names).split():
            return number
    return None


def _valid(year: str, month: int, day: str) -> str | None:
    try:
        return _dt.date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def parse_date(text: object) -> str | None:
    """Read a date written in English, French, German (or Russian) into ``YYYY-MM-DD``.

    Month names are matched without the locale, with or without accents and abbreviation
    dots. Weekdays, times and editions around the date are ignored. Purely numeric dates
    are read only as ISO (``2016-10-12``) or day.month.year (``12.10.2016``).

    Parameters
    ----------
    text : object
        The raw date string; anything else returns None.

    Returns
    -------
    str or None
        The ISO date, or None when no date can be read.

    Examples
    --------
    >>> parse_date("October 12, 2016 Wednesday"), parse_date("12. Oktober 2016")
    ('2016-10-12', '2016-10-12')
    >>> parse_date("mercredi 12 octobre 2016"), parse_date("12 Oct 2016"), parse_date("soon")
    ('2016-10-12', '2016-10-12', None)
    """
    if not isinstance(text, str) or not text.strip():
        return None
    match = _ISO_DATE.search(text)
    if match and (iso := _valid(match[1], int(match[2]), match[3])):
        return iso
    folded = _fold(text)
    for match in _DMY.finditer(folded):
        month = _month(match[2])
        if month and (iso := _valid(match[3], month, match[1])):
            return iso
    for match in _MDY.finditer(folded):
        month = _month(match[1])
        if month and (iso := _valid(match[3], month, match[2])):
            return iso
    match = _NUMERIC_DATE.search(text)
    if match and (iso := _valid(match[3], int(match[2]), match[1])):
        return iso
    return None


def language_code(name: object) -> str | None:
    """Map a language name in English, German, French (or an ISO code) to its ISO 639-1 code.

    Parameters
    ----------
    name : object
        ``"ENGLISH"``, ``"Englisch"``, ``"Anglais"``, ``"en"``, ``"en-US"``, ``"Français"`` ...

    Returns
    -------
    str or None
        The two-letter code, or None when the name is not known.

    Examples
    --------
    >>> language_code("ENGLISH"), language_code("Französisch"), language_code("Russe")
    ('en', 'fr', 'ru')
    """
    if not isinstance(name, str):
        return None
    words = re.split(r"[\s;,()/]+", _fold(name).strip())
    word = words[0] if words else ""
    for code, names in _LANGUAGE_NAMES.items():
        if word in _fold(names).split():
            return code
    code = word.split("-")[0].split("_")[0]
    return code if code in _ISO_639_1 else None


# --------------------------------------------------------------------------- shared helpers


def label_markers(kind: str, markers: Mapping[str, str | Sequence[str]] | None) -> dict[str, tuple[str, ...]]:
    merged = dict(DEFAULT_MARKERS[kind])
    for key, value in (markers or {}).items():
        if key not in merged:
            raise FormatError(
                f"Unknown marker key {key!r} for {kind} exports: expected one of "
                f"{', '.join(merged)}. See framing.exports.DEFAULT_MARKERS."
            )
        values = (value,) if isinstance(value, str) else tuple(value)
        if not values or not all(isinstance(v, str) and v.strip() for v in values):
            raise FormatError(
                f"Marker {key!r} must be a non-empty string or list of strings, got {value!r}."
            )
        merged[key] = tuple(v.strip() for v in values)
    return merged


def alternation(values: Iterable[str]) -> str:
    return "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"Cannot read {path}: {exc.strerror}. Check the path.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.warn(
            f"{path} is not valid UTF-8; read it as Windows-1252. Re-export it as UTF-8 if "
            "accented letters look wrong.",
            stacklevel=3,
        )
        return data.decode("cp1252", errors="replace")


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())
    return text or None


def _paragraph_text(paragraphs: Iterable[str]) -> str:
    return "\n\n".join(p for p in (_clean(p) for p in paragraphs) if p)


class Collector:
    """Collect the records and rejections of one export file."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind
        self.rows: list[dict] = []
        self.rejected: list[dict] = []

    def reject(self, record: str, problem: str, fix: str) -> None:
        self.rejected.append({"file": str(self.path), "record": record, "problem": problem, "fix": fix})

    def add(
        self,
        record: str,
        *,
        headline: str | None,
        paragraphs: Iterable[str],
        outlet: str | None = None,
        date: str | None = None,
        lang: str | None = None,
        byline: str | None = None,
        section: str | None = None,
        url: str | None = None,
        body_fix: str = "check that the article has body text in the export",
    ) -> None:
        text = _paragraph_text(paragraphs)
        if not text:
            self.reject(record, "the article has no body text", body_fix)
            return
        raw_date = _clean(date)
        iso = parse_date(raw_date) if raw_date else None
        if raw_date and iso is None:
            self.reject(
                record,
                f"the date {raw_date!r} cannot be read",
                "correct the date in the export to a form such as '12 October 2016', "
                "'October 12, 2016', '12 octobre 2016', '12. Oktober 2016' or '2016-10-12'",
            )
            return
        self.rows.append(
            {
                "headline": _clean(headline),
                "text": text,
                "outlet": _clean(outlet),
                "date": iso,
                "lang": language_code(lang) if lang else None,
                "byline": _clean(byline),
                "section": _clean(section),
                "url": _clean(url),
                "source_file": str(self.path),
                "source_record": record,
            }
        )

    def frame(self, *, expected: str) -> pd.DataFrame:
        if not self.rows and not self.rejected:
            raise FormatError(
                f"No article found in {self.path}: expected {expected}. Check that the file is "
                "the right kind of export, or give its labels if it uses others (--marker KEY=LABEL on the "
                "command line, markers= in Python)."
            )
        source = _SOURCES[self.kind]
        for row in self.rows:
            row["doc_id"] = _doc_id(source, row)
        frame = pd.DataFrame(self.rows, columns=CORPUS_COLUMNS).astype("string")
        frame["doc_id"] = deduplicate(list(frame["doc_id"]))
        report = rejection_report(self.rejected)
        frame.attrs["rejected"] = report.to_dict("records")
        if len(report):
            warnings.warn(
                f"{self.path}: {len(report)} of {len(report) + len(frame)} record(s) rejected, "
                f"first: {report['record'].iloc[0]}: {report['problem'].iloc[0]}. "
                "See framing.rejected(df) for every record and its fix.",
                stacklevel=3,
            )
        return frame


def _doc_id(source: str, row: Mapping[str, object]) -> str:
    key = "|".join(
        str(row.get(field) or "") for field in ("outlet", "date", "headline")
    ) + "|" + str(row.get("text") or "")[:200]
    return f"{source}_{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


def deduplicate(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for doc_id in ids:
        candidate, n = doc_id, 1
        while candidate in seen:
            n += 1
            candidate = f"{doc_id}_{n}"
        seen.add(candidate)
        out.append(candidate)
    return out


def label_regex(labels: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"^({alternation(labels)})\s*:\s*(.*)$", re.IGNORECASE | re.DOTALL)

def blank_separated(lines: Iterable[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line.strip())
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]

COPYRIGHT = re.compile(
    r"^(\(c\)|©|copyright|all rights reserved|alle rechte vorbehalten|tous droits r[ée]serv[ée]s)", re.IGNORECASE
)
