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

import re
import unicodedata

import pandas as pd

__all__ = [
    "SENTENCE_COLUMNS",
    "normalize",
    "paragraph_spans",
    "sentence_spans",
    "token_spans",
    "segment",
    "source_text",
]

SENTENCE_COLUMNS = ["doc_id", "sent_id", "para_id", "part", "start", "end", "text", "lang"]

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

    Examples
    --------
    >>> s = "Mr. Peskov spoke. Putin will not come. «Non», dit-il."
    >>> [s[a:b] for a, b in sentence_spans(s)]
    ['Mr. Peskov spoke.', 'Putin will not come.', '«Non», dit-il.']
    """
    end = len(text) if end is None else end
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


def segment(articles: pd.DataFrame) -> pd.DataFrame:
    """Split each article into sentences with offsets and parts.

    Parameters
    ----------
    articles : DataFrame
        The corpus table from :func:`framing.read_corpus`: ``doc_id``,
        ``text``, and optionally ``headline`` and ``lang`` (default ``en``).

    Returns
    -------
    DataFrame
        Columns :data:`SENTENCE_COLUMNS`. The headline, when present, is one
        sentence (``sent_id`` 0, ``part`` ``headline``); the first body
        paragraph is the ``lead``; the rest is ``body``.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "headline": ["Putin stays home"],
    ...                      "text": ["Lead. More lead.\\n\\nBody."], "lang": ["en"]})
    >>> segment(arts)[["sent_id", "part", "text"]].values.tolist()
    [[0, 'headline', 'Putin stays home'], [1, 'lead', 'Lead.'], [2, 'lead', 'More lead.'], [3, 'body', 'Body.']]
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
        if isinstance(headline, str) and headline.strip():
            span = _strip_span(headline, 0, len(headline))
            rows.append((doc_id, 0, 0, "headline", *span, headline[span[0]:span[1]], lang))
        sent_id = 1
        for para_id, (p_start, p_end) in enumerate(paragraph_spans(text), start=1):
            part = "lead" if para_id == 1 else "body"
            for s_start, s_end in sentence_spans(text, lang=lang, start=p_start, end=p_end):
                rows.append((doc_id, sent_id, para_id, part, s_start, s_end, text[s_start:s_end], lang))
                sent_id += 1
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return frame.astype({"sent_id": "int64", "para_id": "int64", "start": "int64", "end": "int64"})


def source_text(article: pd.Series | dict, part: str) -> str:
    """Return the string that offsets of ``part`` index into: the headline or the body text.

    Examples
    --------
    >>> source_text({"headline": "H", "text": "Body"}, "headline")
    'H'
    """
    return article["headline"] if part == "headline" else article["text"]
