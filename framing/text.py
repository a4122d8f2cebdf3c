"""Paragraphs, sentences, tokens and quotations with character offsets, offline.

Everything here works on plain Python strings and returns ``(start, end)``
offsets into the string it was given, so that every later table can point
back at the exact characters of an article. No model or data is downloaded:
sentence boundaries come from punctuation, capitalisation and per-language
abbreviation lists shipped in this module.

The sentences table (:func:`segment`) has one row per sentence:

``doc_id, sent_id, para_id, part, start, end, text, lang``

``sent_id`` 0 is the headline (``part == "headline"``; offsets index into the
article's ``headline``); body sentences are numbered from 1 and their offsets
index into the article's ``text``. ``para_id`` is 0 for the headline and counts
body paragraphs from 1; the first body paragraph is the ``lead``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib.resources import files

import pandas as pd

from .safeyaml import load_yaml

from .errors import FramingError

__all__ = [
    "SENTENCE_COLUMNS",
    "normalize",
    "paragraph_spans",
    "sentence_spans",
    "token_spans",
    "segment",
    "source_text",
    "furniture_reason",
    "stopwords",
    "FURNITURE_REASONS",
]

SENTENCE_COLUMNS = ["doc_id", "sent_id", "para_id", "part", "start", "end", "text", "lang", "furniture"]

#: Word tokens: maximal runs of letters, digits and underscores. Apostrophes and
#: hyphens separate tokens, so "l'Élysée" gives "l", "Élysée" and
#: "war-crimes" gives "war", "crimes".
WORD = re.compile(r"\w+")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")

# Abbreviations after which a full stop does not end a sentence (lower case,
# without the final dot). Single letters (initials such as "V. Putin") and
# dotted acronyms ("U.N.") are handled by rule, not listed.
_ABBREVIATIONS = {
    "en": {
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "sgt",
        "gov", "sen", "rep", "pres", "amb", "rev", "hon", "capt", "cmdr", "maj",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "approx", "vs", "inc", "ltd", "co", "corp",
        "dept", "est", "al", "e.g", "i.e", "cf",
    },
    "fr": {
        "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "mgr", "st", "ste",
        "janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc",
        "cf", "env", "av", "bd", "éd", "coll", "apr", "hab", "min", "max",
    },
    "ru": {
        "г", "гг", "т", "д", "им", "ул", "тыс", "млн", "млрд", "руб",
        "коп", "см", "т.е", "т.к", "и.о", "н.э",
        "янв", "февр", "фев", "апр", "авг", "сент", "окт", "нояб", "дек",
        "св", "проф", "акад", "ген", "г-н", "г-жа", "тов", "пер", "обл", "р", "наб", "арх",
        "прот", "свящ", "напр", "ср", "см", "нач", "зам", "ред", "англ", "франц", "фр",
    },
}
# Abbreviations that stand before a number ("No. 10", "p. 5", "ст. 3"): they do
# not end a sentence only when a digit follows ("he said no. He left" ends one).
_NUMBER_ABBREVIATIONS = {
    "en": {"no", "nos", "p", "pp", "vol", "fig", "art", "op"},
    "fr": {"no", "n°", "p", "pp", "vol", "art", "chap", "op"},
    "ru": {"п", "ст", "стр", "рис", "гл", "№"},
}
# Abbreviations that close lists and often close sentences: a capital after them
# starts a new sentence.
_MAY_END = {"etc", "т.д", "т.п", "др", "пр"}

# A candidate boundary: sentence-final punctuation, optional closing quotes or
# brackets (a French closing guillemet may follow a space), then white space.
_BOUNDARY = re.compile(r"[.!?…]+(?:[ \u00a0\u202f][»›])?[\"'”’»“)\]]*(?=\s)")
_OPENERS = "\"'“‘«„‹([—–-¿¡"
_WORD_BEFORE = re.compile(r"([\w.\-°]+)$")



def normalize(text: str) -> str:
    """Return ``text`` in Unicode NFC with ``\\r\\n`` and ``\\r`` turned into ``\\n``.

    Offsets everywhere in framing refer to normalised text; the corpus reader
    normalises every article once, on reading.

    Examples
    --------
    >>> normalize("Pe\\u0301tersbourg\\r\\n") == "Pétersbourg\\n"
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize expects a str, got {type(text).__name__}")
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each paragraph; paragraphs are separated by blank lines.

    Leading and trailing white space is not part of a paragraph; empty
    paragraphs are skipped.

    Examples
    --------
    >>> paragraph_spans("One.\\n\\nTwo.  \\n")
    [(0, 4), (6, 10)]
    """
    spans = []
    pos = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        span = _strip_span(text, pos, end)
        if span:
            spans.append(span)
        if brk:
            pos = brk.end()
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def sentence_spans(text: str, *, lang: str = "en", start: int = 0, end: int | None = None
                   ) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each sentence in ``text[start:end]``.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or
    brackets that follow) when white space and then a capital letter, a digit,
    an opening quote or a dash come next, and the full stop does not close an
    abbreviation of ``lang``, an initial ("V. Putin") or a dotted acronym
    ("U.N."). Offsets are into ``text``.

    A single newline also ends a sentence after a *title line*: a line of at
    most 15 words and 120 characters that opens like a sentence (capital,
    digit or quotation mark), has no final punctuation and does not end with
    a function word of ``lang`` ("to", « de », «в»), when the next line opens
    like a sentence too. A paragraph whose line breaks mostly fall inside
    sentences (hard-wrapped text) has no title lines.

    Examples
    --------
    >>> s = "Mr. Peskov spoke. Putin will not come. «Non», dit-il."
    >>> [s[a:b] for a, b in sentence_spans(s)]
    ['Mr. Peskov spoke.', 'Putin will not come.', '«Non», dit-il.']
    >>> s = "Putin stays home\\nThe visit is off. Paris regrets it."
    >>> [s[a:b] for a, b in sentence_spans(s)]
    ['Putin stays home', 'The visit is off.', 'Paris regrets it.']
    """
    end = len(text) if end is None else end
    spans = []
    for b_start, b_end in _title_blocks(text, start, end, lang):
        spans.extend(_sentences_in(text, lang, b_start, b_end))
    return spans


def _sentences_in(text: str, lang: str, start: int, end: int) -> list[tuple[int, int]]:
    abbreviations = _ABBREVIATIONS.get(lang, set())
    numbered = _NUMBER_ABBREVIATIONS.get(lang, set())
    spans = []
    sent_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        cut = match.end()
        nxt = cut
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt >= end:
            break
        if not _starts_sentence(text[nxt]):
            continue
        if match.group().startswith(".") and _is_abbreviation(
                text, match.start(), abbreviations, numbered, text[nxt].isdigit()):
            continue
        span = _strip_span(text, sent_start, cut)
        if span:
            spans.append(span)
        sent_start = nxt
    span = _strip_span(text, sent_start, end)
    if span:
        spans.append(span)
    return spans


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in _OPENERS


def _is_abbreviation(text: str, dot: int, abbreviations: set[str], numbered: set[str],
                     digit_follows: bool) -> bool:
    found = _WORD_BEFORE.search(text, max(0, dot - 20), dot)
    if not found:
        return False
    word = found.group(1)
    if len(word) == 1:
        if found.start(1) > 0 and text[found.start(1) - 1] in "'’":
            return False  # "the Kremlin's." ends a sentence
        if word.isupper():
            return True  # an initial: "V. Putin"
    lower = word.lower()
    if lower in _MAY_END:
        return False
    if lower in numbered:
        return digit_follows
    if "." in word.strip(".") or len(word) == 1:  # "U.N", "т.е", "c. 1900", "о. Николай"
        return True
    return lower in abbreviations


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each word token (``\\w+``) in ``text[start:end]``.

    Examples
    --------
    >>> s = "l'Élysée a dit"
    >>> [s[a:b] for a, b in token_spans(s)]
    ['l', 'Élysée', 'a', 'dit']
    """
    end = len(text) if end is None else end
    return [m.span() for m in WORD.finditer(text, start, end)]


# --- Title lines and page furniture --------------------------------------------------------

#: Reasons a line is page furniture (the ``furniture`` column of :func:`segment`).
FURNITURE_REASONS = ("tags", "byline", "read-more", "photo-credit", "breadcrumb", "dateline",
                     "share", "copyright", "headline-repeat")
_TITLE_MAX_WORDS = 15
_TITLE_MAX_CHARS = 120
_FURNITURE_MAX_WORDS = 25
_LINE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_SEPARATOR = r"\s*(?:[:|>»›→/]|[-–—]+)\s*"
_CLOSE = r"[\s.…:]*"


def _words(line: str) -> list[str]:
    return line.split()


def _alternatives(cues) -> str:
    """One regex alternation of literal cues, longest first (spaces match any white space)."""
    cues = sorted({str(c) for c in cues}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, c.split())) for c in cues) or r"(?!x)x"


@functools.lru_cache(maxsize=None)
def _furniture_data() -> dict:
    with files("framing").joinpath("data", "furniture.yml").open(encoding="utf-8") as handle:
        return load_yaml(handle.read(), where="framing/data/furniture.yml")


@functools.lru_cache(maxsize=None)
def _detectors(lang: str) -> dict | None:
    data = _furniture_data()
    cues = data.get(lang)
    if cues is None:
        return None
    low = {key: {str(v).lower() for v in values} for key, values in cues.items()}
    social = _alternatives(data.get("social", []))
    flags = re.IGNORECASE
    name = r"[^\W\d_][\w'’.\-]*"
    return {
        **low,
        "social": {str(v).lower() for v in data.get("social", [])},
        "tags": re.compile(rf"^(?:{_alternatives(cues['tags'])})\s*[:|\-–—]\s*(?P<items>.+)$", flags),
        "byline": re.compile(rf"^(?:{_alternatives(cues['byline'])})\s+(?P<rest>{name}.*)$", flags),
        "byline_label": re.compile(
            rf"^(?:{_alternatives(cues['byline_label'])})\s*[:\-–—]\s*(?P<rest>{name}.*)$", flags),
        "read_more": re.compile(
            rf"^[\W_]{{0,2}}(?:{_alternatives(cues['read_more'])})(?:{_SEPARATOR}.*|{_CLOSE})$", flags),
        "photo_credit": re.compile(
            rf"^\(?(?:{_alternatives(cues['photo_credit'])})\s*(?:[:/]|[-–—]+|©)\s*(?P<credit>.+?)\)?$", flags),
        "home": re.compile(rf"^(?:{_alternatives(cues['home'])})$", flags),
        "dateline": re.compile(rf"^(?:{_alternatives(cues['dateline'])})\b\s*:?\s*(?P<date>.+)$", flags),
        "share": re.compile(
            rf"^(?:(?:{_alternatives(cues['share'])}|{social})\s*[:|,·•/\-–—]?\s*)+$", flags),
        "share_cue": re.compile(rf"^(?:{_alternatives(cues['share'])})\b", flags),
        "socials": re.compile(rf"^(?:(?:{social})\s*[:|,·•/\-–—]?\s*){{2,}}$", flags),
        "copyright": re.compile(
            rf"^(?:©|copyright\s*(?:©|\(c\)|\d)|\(c\)\s*\d)|(?:{_alternatives(cues['copyright'])})\W*$",
            flags),
    }


def _is_capitalised(word: str) -> bool:
    word = word.lstrip("#(\"'“«")
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def _name_words_ok(words: list[str], det: dict) -> bool:
    """1 to 4 capitalised words, none of them a day, month or other non-name."""
    if not 1 <= len(words) <= 4:
        return False
    for word in words:
        bare = word.strip(".,")
        if not _is_capitalised(bare) or bare.lower() in det["not_names"]:
            return False
        if bare.lower().endswith(("'s", "’s")):
            return False
    return True


def _byline(rest: str, det: dict) -> bool:
    """``NAME [and NAME] [, ROLE]``: a role holds only role words and capitalised words."""
    if _LINE_END.search(rest) and not rest.endswith("."):
        return False
    rest = rest.rstrip(".")
    parts = re.split(r"\s*[,|–—]\s*|\s+-\s+", rest, maxsplit=1)
    head, role = parts[0], parts[1] if len(parts) > 1 else ""
    names = re.split(r"\s+(?:and|et|и|&)\s+|\s*,\s*", head, flags=re.IGNORECASE)
    if not all(_name_words_ok(n.split(), det) for n in names):
        return False
    role_words = role.replace(",", " ").split()
    if len(role_words) > 8:
        return False
    return all(_is_capitalised(w) or w.lower().strip("«»\"()") in det["byline_roles"] for w in role_words)


def _list_items(items: str) -> list[str]:
    return [i.strip() for i in re.split(r"\s*[,;|•·]\s*", items)]


def _tags(line: str, det: dict) -> bool:
    found = det["tags"].match(line)
    if found:
        items = _list_items(found.group("items").rstrip(". "))
        return all(items) and all(len(i.split()) <= 5 for i in items)
    # A bare tag line: three or more short capitalised items, joined by commas only.
    if _LINE_END.search(line) or re.search(r"[:;,\"“”«»]$|[:\"“”«»]", line):
        return False
    items = _list_items(line)
    if len(items) < 3 or not all(items):
        return False
    for item in items:
        words = item.split()
        if len(words) > 4 or not _is_capitalised(words[0]):
            return False
        for word in words:
            lower = word.lower()
            if lower in det["conjunctions"]:
                return False
            if not _is_capitalised(word) and lower not in det["function_words"] and "-" not in word:
                return False
    return True


def _date_only(text: str, det: dict) -> bool:
    """Digits, month names, times and separators only, with at least one digit."""
    if not re.search(r"\d", text):
        return False
    rest = text.lower()
    for word in sorted(det["months"], key=len, reverse=True):
        rest = re.sub(rf"(?<!\w){re.escape(word)}\.?(?!\w)", " ", rest)
    rest = re.sub(r"(?<=\d)h(?=\d|\b)", " ", rest)  # "14h02"
    rest = re.sub(r"\b(?:gmt|utc|msk|cet|cest|bst|edt|est|am|pm|at|à|le|в|г|года|h|мск)\b", " ", rest)
    return not re.sub(r"[\d\s.,:/()\-–—|]+", "", rest)


def _dateline(line: str, det: dict) -> bool:
    found = det["dateline"].match(line)
    if found and _date_only(found.group("date"), det):
        return True
    if _date_only(line, det):
        return True
    # A place in capitals, then a date, an agency in brackets or a dash, and nothing else.
    caps = re.match(r"^(?P<place>[^\W\d_][^\W\d_'’\-]*(?:[ \-][^\W\d_]+){0,2})(?P<rest>(?:\s*,\s*[^(—–-]+?)?"
                    r"\s*(?:\([^)]{1,40}\))?\s*(?:[-–—]+(?P<agency>[^.!?]{0,40}))?)\.?$", line)
    if not caps or not caps.group("place").isupper() or len(caps.group("place")) < 2:
        return False
    rest = caps.group("rest").strip()
    if not rest:
        return False
    date = re.match(r"^,\s*([^(—–-]+)", rest)
    if date and not _date_only(date.group(1), det):
        return False
    agency = (caps.group("agency") or "").split()
    return len(agency) <= 4 and all(_is_capitalised(w) for w in agency)


def _breadcrumb(line: str, det: dict) -> bool:
    if _LINE_END.search(line) or re.search(r"[«“\"]", line):
        return False
    items = re.split(r"\s+[>›→»]\s+", line)
    if len(items) < 3:
        items = re.split(r"\s+[/|]\s+", line)
        if len(items) < 3 or not det["home"].match(items[0]):
            return False
    return all(item and len(item.split()) <= 4 and _is_capitalised(item) for item in items)


def _share(line: str, det: dict) -> bool:
    if _LINE_END.search(line) and not line.endswith(":"):
        return False
    if len(_words(line)) > 10:
        return False
    return bool((det["share"].match(line) and det["share_cue"].match(line)) or det["socials"].match(line))


def furniture_reason(line: str, *, lang: str = "en") -> str:
    """Return why a whole line is page furniture, or ``""`` when it is text.

    Cue words come per language from ``framing/data/furniture.yml``. Every
    detector looks at one whole line, at most 25 words, and asks for the exact
    shape of its kind, so that a sentence of the article is never furniture:

    ``tags``
        a cue and a colon ("Tags: Russia, France"), or three or more items
        joined by commas alone, each of at most four words, each capitalised,
        with no conjunction, no verb-like lower-case word and no final stop
        ("Russia, France, Syria, Vladimir Putin").
    ``byline``
        "By" / « Par » and one to four capitalised words that are not a day or
        month, optionally a role of role words ("By Jane Doe, Moscow
        correspondent"); or a label and a colon («Автор: Иван Петров»).
    ``read-more``
        a cue followed by a colon, dash or arrow, or alone ("Read more: ...",
        « Lire aussi : ... », «Читайте также: ...»).
    ``photo-credit``
        a cue followed by a colon, slash or dash ("Photo: AFP", «Фото: ТАСС»).
    ``breadcrumb``
        three or more short capitalised items between ``>``, ``›``, ``→`` or
        ``»`` ("Home > World > Europe"), or ``/`` and ``|`` after a home cue.
    ``dateline``
        a date and time alone, a publication cue and a date ("Updated 11
        October 2016 14:02"), or a place in capitals with only a date, an
        agency or a dash ("MOSCOW, Oct. 11 (Meridian Wire) -").
    ``share``
        share and follow cues and social network names alone.
    ``copyright``
        a line opening with © or "Copyright" and a year, or ending with "All
        rights reserved".

    Examples
    --------
    >>> furniture_reason("Tags: Russia, France, Putin")
    'tags'
    >>> furniture_reason("By Tuesday, the visit was off.")
    ''
    >>> furniture_reason("Фото: ТАСС", lang="ru")
    'photo-credit'
    """
    det = _detectors(lang)
    line = " ".join(line.split())
    if det is None or not line or len(_words(line)) > _FURNITURE_MAX_WORDS:
        return ""
    if det["copyright"].search(line):
        return "copyright"
    if _tags(line, det):
        return "tags"
    for key in ("byline", "byline_label"):
        found = det[key].match(line)
        if found and _byline(found.group("rest"), det):
            return "byline"
    if det["read_more"].match(line):
        return "read-more"
    credit = det["photo_credit"].match(line)
    if credit and len(credit.group("credit").split()) <= 12 and not credit.group("credit").endswith(("?", "!")):
        return "photo-credit"
    if _breadcrumb(line, det):
        return "breadcrumb"
    if _share(line, det):
        return "share"
    if _dateline(line, det):
        return "dateline"
    return ""


def _title_line(line: str, lang: str) -> bool:
    """A short line with no final punctuation that opens like a sentence: a title."""
    words = _words(line)
    if not words or len(words) > _TITLE_MAX_WORDS or len(line) > _TITLE_MAX_CHARS:
        return False
    if _LINE_END.search(line) or line[-1] in ",;:-–—(" or not _starts_sentence(line[0]):
        return False
    det = _detectors(lang)
    last = WORD.findall(words[-1].lower())
    return not (det and last and last[-1] in det["function_words"])


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        span = _strip_span(text, pos, stop)
        if span:
            spans.append(span)
        pos = stop + 1
    return spans


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Most line breaks fall inside a sentence (the next line opens in lower case)."""
    if len(lines) < 3:
        return False
    inside = sum(text[b].islower() for _, b in zip(lines, (s for s, _ in lines[1:])))
    return 2 * inside > len(lines) - 1


def _title_blocks(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` after each title line (see :func:`sentence_spans`)."""
    lines = _line_spans(text, start, end)
    if len(lines) < 2 or _hard_wrapped(text, lines):
        return [(start, end)]
    blocks = []
    block_start = start
    opens = True  # the current line starts a sentence
    for (l_start, l_end), (n_start, _) in zip(lines, lines[1:]):
        line = text[l_start:l_end]
        if (opens and _starts_sentence(text[n_start]) and _title_line(line, lang)
                and len(_sentences_in(text, lang, l_start, l_end)) == 1):
            blocks.append((block_start, l_end))
            block_start = n_start
            opens = True
        else:
            opens = bool(_LINE_END.search(line))
    blocks.append((block_start, end))
    return blocks


def segment(articles: pd.DataFrame) -> pd.DataFrame:
    """Split each article into sentences with offsets, parts and page furniture.

    Parameters
    ----------
    articles : DataFrame
        The corpus table from :func:`framing.read_corpus`: ``doc_id``,
        ``text``, and optionally ``headline`` and ``lang`` (default ``en``).

    Returns
    -------
    DataFrame
        Columns :data:`SENTENCE_COLUMNS`. The headline, when present, is one
        sentence (``sent_id`` 0, ``part`` ``headline``). A whole line of the
        text that is page furniture (:func:`furniture_reason`: tag lines,
        bylines, "read more" lines, photo credits, menu crumbs, date lines,
        share lines, copyright lines) is one sentence with ``part``
        ``furniture`` and the reason in ``furniture``; so is a first line that
        repeats the headline (``headline-repeat``). Scores leave furniture
        out. The first paragraph with text is the ``lead``; the rest is
        ``body``; ``furniture`` is ``""`` for every sentence of text.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "headline": ["Putin stays home"],
    ...                      "text": ["Lead. More lead.\\n\\nBody.\\nTags: Russia, France"], "lang": ["en"]})
    >>> segment(arts)[["sent_id", "part", "text", "furniture"]].values.tolist()
    [[0, 'headline', 'Putin stays home', ''], [1, 'lead', 'Lead.', ''], [2, 'lead', 'More lead.', ''], \
[3, 'body', 'Body.', ''], [4, 'furniture', 'Tags: Russia, France', 'tags']]
    """
    missing = {"doc_id", "text"} - set(articles.columns)
    if missing:
        raise ValueError(
            f"segment needs the columns doc_id and text; missing {sorted(missing)}. "
            "Read the corpus with framing.read_corpus to get them."
        )
    rows: list[tuple] = []
    headlines = articles["headline"] if "headline" in articles else [None] * len(articles)
    langs = articles["lang"] if "lang" in articles else ["en"] * len(articles)
    for doc_id, headline, text, lang in zip(articles["doc_id"], headlines, articles["text"], langs):
        lang = lang if isinstance(lang, str) else "en"
        has_headline = isinstance(headline, str) and bool(headline.strip())
        if has_headline:
            span = _strip_span(headline, 0, len(headline))
            rows.append((doc_id, 0, 0, "headline", *span, headline[span[0]:span[1]], lang, ""))
        pieces = _article_pieces(text, lang, headline if has_headline else None)
        lead = next((para_id for para_id, _, _, reason in pieces if not reason), None)
        for sent_id, (para_id, s_start, s_end, reason) in enumerate(pieces, start=1):
            part = "furniture" if reason else "lead" if para_id == lead else "body"
            rows.append((doc_id, sent_id, para_id, part, s_start, s_end, text[s_start:s_end], lang, reason))
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return frame.astype({"sent_id": "int64", "para_id": "int64", "start": "int64", "end": "int64"})


def _article_pieces(text: str, lang: str, headline: str | None) -> list[tuple[int, int, int, str]]:
    """``(para_id, start, end, furniture reason)`` of each sentence of ``text``, in order."""
    pieces = []
    for para_id, (p_start, p_end) in enumerate(paragraph_spans(text), start=1):
        lines = _line_spans(text, p_start, p_end)
        run_start = None
        for k, (l_start, l_end) in enumerate(lines):
            after = lines[k + 1][0] if k + 1 < len(lines) else None
            continues = k and text[lines[k - 1][1] - 1] in ",;-‐"  # a wrapped line goes on
            reason = ""
            if (after is None or not text[after].islower()) and not continues:
                reason = furniture_reason(text[l_start:l_end], lang=lang)
            if not reason:
                run_start = l_start if run_start is None else run_start
                continue
            if run_start is not None:
                pieces.extend((para_id, a, b, "") for a, b in
                              sentence_spans(text, lang=lang, start=run_start, end=lines[k - 1][1]))
                run_start = None
            pieces.append((para_id, l_start, l_end, reason))
        if run_start is not None:
            pieces.extend((para_id, a, b, "") for a, b in sentence_spans(text, lang=lang, start=run_start, end=p_end))
    if headline is not None:
        first = next((k for k, piece in enumerate(pieces) if not piece[3]), None)
        if first is not None:
            para_id, a, b, _ = pieces[first]
            if _same_title(text[a:b], headline):
                pieces[first] = (para_id, a, b, "headline-repeat")
    return pieces


def _same_title(line: str, headline: str) -> bool:
    def key(s: str) -> str:
        return " ".join(WORD.findall(s.casefold()))
    return bool(key(headline)) and key(line) == key(headline)


def source_text(article: pd.Series | dict, part: str) -> str:
    """Return the string that offsets of ``part`` index into: the headline or the body text.

    Examples
    --------
    >>> source_text({"headline": "H", "text": "Body"}, "headline")
    'H'
    """
    return article["headline"] if part == "headline" else article["text"]


@functools.lru_cache(maxsize=None)
def stopwords(lang: str) -> frozenset[str]:
    """The stop words shipped for ``lang`` (``framing/data/stopwords/<lang>.txt``), in lower case.

    The one loader of the stop-word lists: keyness (:func:`framing.compare.term_counts`)
    and reported speech (:mod:`framing.quotes`) read them through it.

    Raises
    ------
    FramingError
        When no list is shipped for ``lang``; the message lists the languages that have one.

    Examples
    --------
    >>> "the" in stopwords("en") and "le" in stopwords("fr")
    True
    """
    folder = files("framing") / "data" / "stopwords"
    path = folder / f"{lang}.txt"
    if not path.is_file():
        langs = sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt")) if folder.is_dir() else []
        raise FramingError(f"No stop-word list for language {lang!r}; lists exist for {', '.join(langs) or 'none'}. "
                           "Add framing/data/stopwords/<lang>.txt, or do without stop words.")
    words = (line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w)
