"""Read news-database exports (Nexis Uni, LexisNexis, Factiva, MediaCloud) into the corpus table."""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd

from framing.errors import FormatError, rejection_report

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

#: Columns of the corpus table every reader returns, in this order.
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
_NEXIS_HEADER = ("Highlight", "Dateline", "Edition", "Column", "Series")
_NEXIS_TRAILER = (
    "Subject", "Organization", "Industry", "Geographic", "Person", "Company", "Ticker",
    "Publication-Type", "Document-Type", "Graphic", "Notes", "Correction-Date", "Journal-Code",
)  # fmt: skip
_LN_HEADER = ("DATELINE", "HIGHLIGHT", "EDITION", "AUSGABE", "ÉDITION", "COLUMN", "SERIES", "ORT")
_LN_TRAILER = (
    "GRAPHIC", "PUBLICATION-TYPE", "DOCUMENT-TYPE", "CORRECTION-DATE", "NOTES", "JOURNAL-CODE",
    "SUBJECT", "TYPE", "PUBLIKATIONSTYP", "DOKUMENTTYP", "GRAFIK", "TYPE-PUBLICATION",
)  # fmt: skip
# Every Factiva field code, so that a field ends where the next one starts.
_FACTIVA_CODES = frozenset(
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


def _markers(kind: str, markers: Mapping[str, str | Sequence[str]] | None) -> dict[str, tuple[str, ...]]:
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


def _alternation(values: Iterable[str]) -> str:
    return "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))


def _read_text(path: Path) -> str:
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


class _Collector:
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
                "the right kind of export, or pass markers= if it uses other labels."
            )
        source = _SOURCES[self.kind]
        for row in self.rows:
            row["doc_id"] = _doc_id(source, row)
        frame = pd.DataFrame(self.rows, columns=CORPUS_COLUMNS).astype("string")
        frame["doc_id"] = _deduplicate(list(frame["doc_id"]))
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


def _deduplicate(ids: list[str]) -> list[str]:
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


def _label_regex(labels: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"^({_alternation(labels)})\s*:\s*(.*)$", re.IGNORECASE | re.DOTALL)


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
    marks = _markers("nexis_docx", markers)
    lines = _docx_lines(path)
    collector = _Collector(path, "nexis_docx")
    fields = ("length", "byline", "section", "language", "load_date")
    field_of = {label.casefold(): key for key in fields for label in marks[key]}
    header_label = _label_regex([label for key in fields for label in marks[key]] + list(_NEXIS_HEADER))
    trailer_label = _label_regex([*marks["language"], *marks["load_date"], *_NEXIS_TRAILER])
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
                    "check the export, or pass markers={'body': '<the line that opens the body>'}",
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


# --------------------------------------------------------------------------- LexisNexis TXT


def _blank_separated(lines: Iterable[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line.strip())
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


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
    marks = _markers("lexisnexis_txt", markers)
    text = _read_text(path)
    start = re.compile(
        rf"^[ \t\u00a0]*(\d+)\s+(?:{_alternation(marks['of'])})\s+\d+\s+(?:{_alternation(marks['documents'])})\s*$",
        re.IGNORECASE | re.MULTILINE,
    )
    keys = ("headline", "byline", "section", "length", "language", "load_date", "url")
    field_of = {label.casefold(): key for key in keys for label in marks[key]}
    header_known = {label.casefold() for key in ("headline", "byline", "section", "length") for label in marks[key]}
    header_known |= {label.casefold() for label in _LN_HEADER}
    trailer_known = {label.casefold() for key in ("language", "load_date", "url") for label in marks[key]}
    trailer_known |= {label.casefold() for label in _LN_TRAILER}
    collector = _Collector(path, "lexisnexis_txt")
    starts = list(start.finditer(text))
    for index, match in enumerate(starts):
        record = f"document {match[1]}"
        block = text[match.end() : starts[index + 1].start() if index + 1 < len(starts) else len(text)]
        paragraphs = _blank_separated(block.splitlines())
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
        while body and _COPYRIGHT.match(body[-1]):
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


# --------------------------------------------------------------------------- Factiva TXT / RTF


def _factiva_chunks(lines: list[str], marks: Mapping[str, tuple[str, ...]]) -> list[tuple[str | None, list[str]]]:
    document = re.compile(rf"^\s*(?:{_alternation(marks['document'])})\s+(\S+)\s*$")
    chunks: list[tuple[str | None, list[str]]] = []
    current: list[str] = []
    for line in lines:
        match = document.match(line)
        if match:
            chunks.append((match[1], current))
            current = []
        else:
            current.append(line)
    if any(line.strip() for line in current):
        chunks.append((None, current))
    return chunks


def _parse_factiva_text(text: str, path: Path, kind: str, markers: Mapping | None) -> pd.DataFrame:
    marks = _markers("factiva", markers)
    codes = set(_FACTIVA_CODES) | {code for values in marks.values() for code in values}
    codes -= set(marks["document"])
    code_line = re.compile(rf"^\s*({_alternation(codes)})(?:\s*$|(?:\t| {{2,}})\s*(.*)$)")
    field_of = {code: key for key, values in marks.items() for code in values}
    collector = _Collector(path, kind)
    for number, (accession, lines) in enumerate(_factiva_chunks(text.splitlines(), marks), start=1):
        fields: dict[str, list[str]] = {}
        current: list[str] | None = None
        for line in lines:
            match = code_line.match(line)
            if match:
                key = field_of.get(match[1], match[1])
                current = fields.setdefault(key, [])
                if match[2]:
                    current.append(match[2].strip())
            elif current is not None:
                current.append(line.strip())
        if "headline" not in fields and "text" not in fields and "lead" not in fields:
            continue
        if accession is None and fields.get("accession"):
            accession = fields["accession"][0].split()[-1]
        record = f"document {accession}" if accession else f"article {number}"
        paragraphs = [" ".join(p) for p in _blank_separated(fields.get("lead", []))]
        paragraphs += [" ".join(p) for p in _blank_separated(fields.get("text", []))]
        first = lambda key: next((v for v in fields.get(key, []) if v), None)  # noqa: E731
        collector.add(
            record,
            headline=" ".join(v for v in fields.get("headline", []) if v) or None,
            outlet=first("source"),
            date=first("date"),
            paragraphs=paragraphs,
            lang=first("language"),
            byline=first("byline"),
            section=first("section"),
            body_fix="check that the article has LP/TD fields (export 'Full Article/Report plus Indexing')",
        )
    return collector.frame(
        expected=f"Factiva field codes (HD, PD, SN, TD …) and {marks['document'][0]!r} <accession> lines"
    )


def read_factiva_txt(
    path: str | Path, *, markers: Mapping[str, str | Sequence[str]] | None = None
) -> pd.DataFrame:
    """Read a Factiva plain-text export in the field-coded layout into the corpus table.

    Each field starts with its code on a line of its own (``HD``, ``BY``, ``WC``, ``PD``,
    ``SN``, ``LA``, ``LP``, ``TD`` …) or with the code, a tab and the value; articles end with
    ``Document <accession number>``. Lead (LP) and text (TD) paragraphs are separated by
    blank lines. Blocks without HD/LP/TD (such as the search summary) are ignored.

    Parameters
    ----------
    path : str or Path
        The ``.txt`` file.
    markers : dict, optional
        Replacement codes; keys ``document``, ``headline``, ``byline``, ``word_count``,
        ``date``, ``source``, ``section``, ``language``, ``lead``, ``text``, ``accession``.

    Returns
    -------
    pandas.DataFrame
        The corpus table; ``source_record`` is ``document <accession number>``.

    Raises
    ------
    FormatError
        No field-coded article in the file.

    Examples
    --------
    >>> corpus = read_factiva_txt("factiva.txt")  # doctest: +SKIP
    """
    path = Path(path)
    return _parse_factiva_text(_read_text(path), path, "factiva_txt", markers)


_RTF_TOKEN = re.compile(
    r"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+", re.DOTALL
)
_RTF_SKIP = frozenset(
    "fonttbl colortbl stylesheet info pict header headerl headerr headerf footer footerl footerr "
    "footerf footnote listtable listoverridetable rsidtbl generator themedata colorschememapping "
    "latentstyles datastore xmlnstbl object fldinst filetbl revtbl bkmkstart bkmkend".split()
)
_RTF_WORDS = {
    "par": "\n", "line": "\n", "sect": "\n", "page": "\n", "row": "\n", "cell": "\t", "tab": "\t",
    "emdash": "\u2014", "endash": "\u2013", "lquote": "\u2018", "rquote": "\u2019",
    "ldblquote": "\u201c", "rdblquote": "\u201d", "bullet": "\u2022", "emspace": " ", "enspace": " ",
}  # fmt: skip
_RTF_SYMBOLS = {"\\": "\\", "{": "{", "}": "}", "~": "\u00a0", "-": "", "_": "\u2011", "\n": "\n", "\r": "\n"}


def _rtf_to_text(rtf: str) -> str:
    """Strip RTF groups and control words, keeping the text (``\\'e9``, ``\\u1080?`` decoded)."""
    out: list[str] = []
    pending = bytearray()
    codepage = "cp1252"
    stack: list[tuple[bool, int]] = []
    skip, uc, to_skip, group_start = False, 1, 0, False

    def flush() -> None:
        if pending:
            out.append(pending.decode(codepage, errors="replace"))
            pending.clear()

    for match in _RTF_TOKEN.finditer(rtf):
        word, argument, hexbyte, symbol, brace, text = match.groups()
        starting, group_start = group_start, False
        if brace == "{":
            flush()
            stack.append((skip, uc))
            group_start = True
            continue
        if brace == "}":
            flush()
            skip, uc = stack.pop() if stack else (skip, uc)
            to_skip = 0
            continue
        if to_skip and not skip:
            if text:
                dropped = min(to_skip, len(text))
                to_skip -= dropped
                text = text[dropped:]
                if not text:
                    continue
            elif word or hexbyte or symbol:
                to_skip -= 1
                continue
        if word:
            if starting and word in _RTF_SKIP:
                skip = True
            elif word == "ansicpg" and argument:
                codepage = f"cp{argument}"
            elif skip:
                continue
            elif word == "u" and argument:
                flush()
                out.append(chr(int(argument) % 65536))
                to_skip = uc
            elif word == "uc" and argument:
                uc = int(argument)
            elif word in _RTF_WORDS:
                flush()
                out.append(_RTF_WORDS[word])
            continue
        if symbol is not None:
            if symbol == "*" and starting:
                skip = True
            elif not skip and symbol in _RTF_SYMBOLS:
                flush()
                out.append(_RTF_SYMBOLS[symbol])
            continue
        if skip:
            continue
        if hexbyte:
            pending.append(int(hexbyte, 16))
            continue
        if text:
            flush()
            out.append(text)
    flush()
    # \uN pairs may encode one character outside the BMP as two surrogates: join them.
    return "".join(out).encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def read_factiva_rtf(
    path: str | Path, *, markers: Mapping[str, str | Sequence[str]] | None = None
) -> pd.DataFrame:
    """Read a Factiva RTF export: strip the RTF markup, then parse it as :func:`read_factiva_txt`.

    The small built-in RTF reader keeps text, decodes ``\\'hh`` bytes in the file's code
    page and ``\\uN?`` characters, and drops font tables, pictures and other hidden groups.

    Parameters
    ----------
    path : str or Path
        The ``.rtf`` file.
    markers : dict, optional
        As for :func:`read_factiva_txt`.

    Returns
    -------
    pandas.DataFrame
        The corpus table.

    Raises
    ------
    FormatError
        The file is not RTF, or holds no field-coded article.

    Examples
    --------
    >>> corpus = read_factiva_rtf("factiva.rtf")  # doctest: +SKIP
    """
    path = Path(path)
    raw = _read_text(path)
    if not raw.lstrip().startswith("{\\rtf"):
        raise FormatError(
            f"{path} is not an RTF file: expected it to start with '{{\\rtf', got "
            f"{raw.lstrip()[:20]!r}. Use read_factiva_txt for plain-text exports."
        )
    return _parse_factiva_text(_rtf_to_text(raw), path, "factiva_rtf", markers)


# --------------------------------------------------------------------------- Factiva HTML

_VOID = frozenset("br img hr meta link input col area base wbr source".split())
_BLOCKS = frozenset(
    "p div br tr td th table tbody thead tfoot li ul ol h1 h2 h3 h4 h5 h6 section article header "
    "footer blockquote pre body html dd dt dl".split()
)
_HIDDEN = frozenset("script style head title noscript".split())


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []
        self.parent = parent

    def elements(self) -> Iterable[_Node]:
        for child in self.children:
            if isinstance(child, _Node):
                yield child
                yield from child.elements()

    def marks(self) -> set[str]:
        """Class tokens and id of this element, lower case."""
        tokens = set((self.attrs.get("class") or "").lower().split())
        if self.attrs.get("id"):
            tokens.add(self.attrs["id"].lower())
        return tokens


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.stack = [self.root]

    def _close(self, tags: set[str], stop: set[str]) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[index].tag
            if tag in stop:
                return
            if tag in tags:
                del self.stack[index:]
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "div", "table", "ul", "ol", "h1", "h2", "h3") and self.stack[-1].tag == "p":
            self.stack.pop()
        if tag in ("td", "th"):
            self._close({"td", "th"}, {"tr", "table"})
        elif tag == "tr":
            self._close({"tr"}, {"table"})
        elif tag == "li":
            self._close({"li"}, {"ul", "ol"})
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _html_lines(node: _Node) -> list[tuple[str, _Node]]:
    """Text of ``node`` as lines, each with the innermost block element that holds it."""
    out: list[tuple[str, _Node]] = []
    buffer: list[str] = []

    def flush(owner: _Node) -> None:
        text = " ".join("".join(buffer).split())
        buffer.clear()
        if text:
            out.append((text, owner))

    def walk(element: _Node, owner: _Node) -> None:
        for child in element.children:
            if isinstance(child, str):
                buffer.append(child)
            elif child.tag in _HIDDEN:
                continue
            elif child.tag in _BLOCKS:
                flush(owner)
                walk(child, child)
                flush(child)
            else:
                walk(child, owner)

    walk(node, node)
    flush(node)
    return out


def _ancestry_marks(node: _Node, top: _Node) -> set[str]:
    marks: set[str] = set()
    current: _Node | None = node
    while current is not None and current is not top:
        marks |= current.marks()
        current = current.parent
    return marks


def _table_rows(table: _Node) -> list[_Node]:
    rows: list[_Node] = []
    for child in table.children:
        if isinstance(child, _Node):
            if child.tag == "tr":
                rows.append(child)
            elif child.tag in ("tbody", "thead", "tfoot"):
                rows.extend(c for c in child.children if isinstance(c, _Node) and c.tag == "tr")
    return rows


def _factiva_tables(root: _Node, collector: _Collector, marks: Mapping[str, tuple[str, ...]]) -> int:
    codes = set(_FACTIVA_CODES) | {code for values in marks.values() for code in values}
    field_of = {code: key for key, values in marks.items() for code in values}
    found = 0
    for table in (n for n in root.elements() if n.tag == "table"):
        fields: dict[str, _Node] = {}
        for row in _table_rows(table):
            cells = [c for c in row.children if isinstance(c, _Node) and c.tag in ("td", "th")]
            if len(cells) < 2:
                continue
            code = " ".join(text for text, _ in _html_lines(cells[0])).strip()
            if code in codes:
                fields.setdefault(field_of.get(code, code), cells[1])
        if not {"headline", "lead", "text"} & set(fields):
            continue
        found += 1

        def value(key: str) -> str | None:
            if key not in fields:
                return None
            return " ".join(text for text, _ in _html_lines(fields[key])) or None

        accession = value("accession")
        if accession:
            accession = accession.split()[-1]
        paragraphs = [text for key in ("lead", "text") if key in fields for text, _ in _html_lines(fields[key])]
        collector.add(
            f"document {accession}" if accession else f"article {found}",
            headline=value("headline"),
            outlet=value("source"),
            date=value("date"),
            paragraphs=paragraphs,
            lang=value("language"),
            byline=value("byline"),
            section=value("section"),
            body_fix="check that the article has LP/TD rows (export 'Full Article/Report plus Indexing')",
        )
    return found


_WORD_COUNT = re.compile(r"^[\d.,\u00a0 ]+\s+(words?|mots|w[öo]rter|слов\w*)$", re.IGNORECASE)
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(\s*(am|pm|gmt|utc|[a-z]{2,4}))*$", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"^(\(c\)|©|copyright|all rights reserved|alle rechte vorbehalten|tous droits r[ée]serv[ée]s)", re.IGNORECASE
)


def _factiva_articles(root: _Node, collector: _Collector, marks: Mapping[str, tuple[str, ...]]) -> int:
    wrappers: list[_Node] = []

    def find(node: _Node) -> None:
        for child in node.children:
            if isinstance(child, _Node):
                tokens = child.marks()
                if any(t == "article" or (t.endswith("article") and len(t) <= 9) for t in tokens):
                    wrappers.append(child)
                else:
                    find(child)

    find(root)
    document = re.compile(rf"^(?:{_alternation(marks['document'])})\s+(\S+)$")
    segments: list[tuple[_Node, list[tuple[str, _Node]]]] = []
    for top in wrappers or [root]:
        current: list[tuple[str, _Node]] = []
        for line in _html_lines(top):
            current.append(line)
            if document.match(line[0]):
                segments.append((top, current))
                current = []
        if current and (wrappers or segments == []):
            segments.append((top, current))
    found = 0
    for top, lines in segments:
        tagged = [(text, node, _ancestry_marks(node, top)) for text, node in lines]
        paragraphs = [t for t, n, m in tagged if n.tag == "p" and any("articleparagraph" in x for x in m)]
        ends = any(document.match(t) for t, _, _ in tagged)
        if not paragraphs and ends:
            paragraphs = [t for t, n, m in tagged if n.tag == "p"]
        if not paragraphs:
            continue
        found += 1
        headline = next((t for t, _, m in tagged if "hd" in m or any("headline" in x for x in m)), None)
        byline = next((t for t, _, m in tagged if any("author" in x for x in m)), None)
        accession = next((document.match(t)[1] for t, _, _ in tagged if document.match(t)), None)
        meta = [
            t
            for t, n, m in tagged
            if t not in (headline, byline) and t not in paragraphs and not document.match(t)
        ]
        if headline is None and meta:
            headline = meta.pop(0)
        if byline is None and meta and meta[0].lower().startswith(("by ", "von ", "par ")):
            byline = meta.pop(0)
        after = next((i + 1 for i, t in enumerate(meta) if _WORD_COUNT.match(t)), None)
        date = outlet = lang = None
        if after is not None and after < len(meta):
            date, rest = meta[after], meta[after + 1 :]
        else:
            date = next((t for t in meta if parse_date(t)), None)
            rest = [t for t in meta if t != date and not _WORD_COUNT.match(t)]
        for text in rest:
            if _TIME.match(text) or _COPYRIGHT.match(text):
                continue
            if lang is None and language_code(text) and len(text.split()) == 1:
                lang = text
            elif outlet is None:
                outlet = text
        collector.add(
            f"document {accession}" if accession else f"article {found}",
            headline=headline,
            outlet=outlet,
            date=date,
            paragraphs=paragraphs,
            lang=lang,
            byline=re.sub(r"^(by|von|par)\s+", "", byline, flags=re.IGNORECASE) if byline else None,
        )
    return found


def read_factiva_html(
    path: str | Path, *, markers: Mapping[str, str | Sequence[str]] | None = None
) -> pd.DataFrame:
    """Read a Factiva HTML export (either layout) into the corpus table.

    The "full article + indexing" layout has one table per article with field codes
    (``HD``, ``BY``, ``WC``, ``PD``, ``SN``, ``SC``, ``LA``, ``LP``, ``TD``, ``AN`` …) in the
    left cell. The default article layout has, per article, a headline, an author, the word
    count, the date, the source name and code, the language, the paragraphs
    (``<p class="articleParagraph">``) and ``Document <accession number>``; its unlabelled
    lines are told apart by position after the word count and by content.

    Parameters
    ----------
    path : str or Path
        The ``.html``/``.htm`` file.
    markers : dict, optional
        As for :func:`read_factiva_txt` (field codes and the ``document`` word).

    Returns
    -------
    pandas.DataFrame
        The corpus table; ``source_record`` is ``document <accession number>``.

    Raises
    ------
    FormatError
        Neither layout is found.

    Examples
    --------
    >>> corpus = read_factiva_html("factiva.html")  # doctest: +SKIP
    """
    path = Path(path)
    marks = _markers("factiva", markers)
    builder = _TreeBuilder()
    builder.feed(_read_text(path))
    builder.close()
    collector = _Collector(path, "factiva_html")
    if not _factiva_tables(builder.root, collector, marks):
        _factiva_articles(builder.root, collector, marks)
    return collector.frame(
        expected="tables with Factiva field codes (HD, PD, TD …) in the left cell, or articles "
        "with <p class=\"articleParagraph\"> paragraphs ending in 'Document <accession number>'"
    )


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
    collector = _Collector(path, "mediacloud_csv")
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


# --------------------------------------------------------------------------- dispatch

_READERS = {
    "nexis_docx": read_nexis_docx,
    "lexisnexis_txt": read_lexisnexis_txt,
    "factiva_txt": read_factiva_txt,
    "factiva_html": read_factiva_html,
    "factiva_rtf": read_factiva_rtf,
}


def _sniff_txt(path: Path) -> str:
    text = _read_text(path)
    ln = DEFAULT_MARKERS["lexisnexis_txt"]
    if re.search(
        rf"^\s*\d+\s+(?:{_alternation(ln['of'])})\s+\d+\s+(?:{_alternation(ln['documents'])})\s*$",
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
        "Pass format='lexisnexis_txt' or format='factiva_txt' (with markers=) if it is one of these."
    )


def read_export(
    path: str | Path,
    *,
    format: str | None = None,
    markers: Mapping[str, str | Sequence[str]] | None = None,
) -> pd.DataFrame:
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

    Returns
    -------
    pandas.DataFrame
        The corpus table. ``df.attrs["rejected"]`` holds the rejected records (the rows of
        a rejection report); ``framing.rejected(df)`` returns them as a DataFrame.

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
                    f"file or pass format= (one of {', '.join(EXPORT_FORMATS)})."
                )
    if format not in EXPORT_FORMATS:
        raise FormatError(
            f"Unknown export format {format!r} for {path}: expected one of {', '.join(EXPORT_FORMATS)}."
        )
    if format == "mediacloud_csv":
        return read_mediacloud_csv(path)
    return _READERS[format](path, markers=markers)


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
    combined["doc_id"] = _deduplicate(list(combined["doc_id"]))
    combined.attrs["rejected"] = rows
    return combined
