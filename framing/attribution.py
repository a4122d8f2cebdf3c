"""Who says what: direct quotations, reported speech, their speakers and sides, and voice measures.

Rules, not models: every rule is either data (``framing/data/verbs/<lang>.yml``,
one file per language) or a few lines here, and every row of output points
back at the characters it covers.

- **Direct quotations** (:func:`quotation_spans`): “ ”, " ", « », „ “, ‚ ‘,
  ‘ ’ and ‹ ›, nested, continued over paragraphs that reopen them, and in
  Russian and French also the dialogue dash that opens a paragraph
  ("— Мы ждали …, — сказал он"). A mark left open ends with its paragraph;
  an apostrophe inside a word (l’Élysée, Kremlin’s) is never a mark.
- **Attribution frames**, from the verb files (:func:`reporting_verbs`): a
  verb of saying with its subject before it ("Peskov said that …") or after
  it ("…, said a French diplomat", "« … », a déclaré X", «как сообщил X»,
  "a-t-il ajouté"); a preposition ("according to X", *selon X*, «по словам
  X»); a noun of speech ("the Kremlin's statement", «слова Олланда»); a
  headline's "Kremlin: …" or "… — Kremlin". Each frame has a class,
  ``neutral``, ``assertive`` or ``distancing``; a distancing marker in the
  sentence ("so-called", *prétendument*, «якобы») makes its frames
  distancing.
- **Speakers**: an alias of one of the study's actors (Russian words
  compared by stem, so Пескова and Путину match Песков and Путин; French
  elisions split off, so d'Ayrault matches Ayrault); a role with a side's
  name next to it ("Russian officials", *un diplomate français*, «источник в
  Кремле») gives that side; a pronoun, a definite role ("the source", «—
  считает эксперт») or a follow-on quotation takes the speaker before it;
  a commentator's role or any other name keeps its words with the side
  ``other``. A short quotation that nobody introduces is a scare quote: it
  counts as that side's speech when it uses one of the side's account terms
  (the codebook's rule 4.6), and as no speech otherwise (the “Normandy”
  format). A sentence that goes on with the journalistic conditional
  (*Poutine aurait refusé*), «якобы» or "He would …" right after an
  attribution continues it.

The tables:

:func:`find_quotes`
    articles and sentences → quotes: ``doc_id, sent_id, start, end, kind,
    speaker, side, verb, verb_class``. ``kind`` is ``direct`` (a quotation,
    marks included) or ``indirect`` (the reported content of a frame: the
    clause after "X said that", before "…, said X", after "selon X,").
    Offsets follow the hits: into the headline for ``sent_id`` 0, into the
    text otherwise; ``sent_id`` is the sentence where the span starts, and a
    span may run over several sentences or paragraphs.
:func:`mark_in_quote`
    hits → hits with ``in_quote`` (inside a direct quotation) and
    ``in_speech`` (inside any reported speech).
:func:`voice_measures`
    one row per article: each side's voice, direct and indirect counts,
    distancing and adoption.
:func:`evaluate_quotes`
    reported-speech detection and speaker side against the gold.
:func:`highlight_html`
    one article as HTML, each quotation in its side's colour.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable

import numpy as np
import pandas as pd
import yaml

from .errors import FramingError
from .lexicon import Lexicon
from .study import Study
from .text import WORD, paragraph_spans

__all__ = [
    "QUOTE_COLUMNS",
    "VERB_CLASSES",
    "quotation_spans",
    "reporting_verbs",
    "find_quotes",
    "mark_in_quote",
    "voice_measures",
    "evaluate_quotes",
    "highlight_html",
]

#: Columns of the quotes table (:func:`find_quotes`).
QUOTE_COLUMNS = ["doc_id", "sent_id", "start", "end", "kind", "speaker", "side", "verb", "verb_class"]

#: The classes of reporting verbs, from least to most marked.
VERB_CLASSES = ("neutral", "assertive", "distancing")

_PATTERNS = ("verb", "prep", "opinion", "noun", "marker")
_VERB_KEYS = {"class", "source", "forms", "pattern"}
_LIST_KEYS = ("pronouns", "possessives", "impersonal", "auxiliaries", "adverb_endings", "passive",
              "passive_after", "inverters", "boundaries", "complementizers", "relatives", "coordinators",
              "clause_words", "titles", "definite", "not_names", "generic", "prepositions",
              "subject_pronouns", "after_skip", "agent", "negatives", "continuation", "perfect",
              "participle_endings", "articles")
_TOP_KEYS = {"language", "sources", "verbs", "roles", *_LIST_KEYS}

# A quotation shorter than this many words, with no sentence-final punctuation
# inside, that no frame attributes and that echoes no side's account, is a
# mention ("the “Normandy” format"), not reported speech.
_SCARE_WORDS = 5
# Words a speaker phrase may have, before and after its verb.
_CHUNK_BEFORE = 12
_CHUNK_AFTER = 10
# How many words the per-language lookups (a word's forms, the triggers it can
# start, the side it names) remember; each is emptied when full, so memory stays
# bounded however large the corpus.
_CACHE_WORDS = 1 << 17


class _Memo(dict):
    """``memo[key]`` is ``compute(key)``, computed once; emptied when it holds ``_CACHE_WORDS`` keys."""

    def __init__(self, compute: Callable[[str], object]):
        super().__init__()
        self.compute = compute

    def __missing__(self, key: str) -> object:
        if len(self) >= _CACHE_WORDS:
            self.clear()
        value = self[key] = self.compute(key)
        return value


# ---------------------------------------------------------------------------
# quotation marks
# ---------------------------------------------------------------------------

# opening mark -> the marks that close it
_OPENERS = {"“": "”", "«": "»", "„": "“”", "‹": "›", "‚": "‘’", "‘": "’", '"': '"'}
_CLOSERS = set("”»“›‘’\"")
_APOSTROPHES = "’'"
_MARKS = re.compile('[“”«»„‹›‚‘’"]')


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each top-level quotation in ``text``, marks included.

    Recognises “ ”, " ", « », „ “, ‚ ‘, ‘ ’ and ‹ ›, nested to any depth.
    A ’ between two letters is an apostrophe (l’Élysée, Kremlin’s), never a
    closing mark, and the straight ' is always an apostrophe. A mark that closes nothing is ignored. A quotation still
    open at the end of a paragraph continues into the next paragraph when
    that paragraph opens with the same mark (the typographic convention for
    quotations of several paragraphs); otherwise it ends with its paragraph,
    so an unbalanced mark never swallows the rest of an article.

    Examples
    --------
    >>> s = '«Non, „jamais“», a-t-il dit. L’Élysée : "oui".'
    >>> [s[a:b] for a, b in quotation_spans(s)]
    ['«Non, „jamais“»', '"oui"']
    >>> s = "“One.\\n\\n“Two,” he said. “Open\\n\\nClosed."
    >>> [s[a:b] for a, b in quotation_spans(s)]
    ['“One.\\n\\n“Two,”', '“Open']
    """
    paragraphs = paragraph_spans(text)
    spans: list[tuple[int, int]] = []
    carry: tuple[int, str] | None = None  # (start, opening mark) of a quotation left open
    for k, (p_start, p_end) in enumerate(paragraphs):
        begin = p_start
        if carry is not None and text[p_start] == carry[1]:
            begin = p_start + 1  # the reopening mark of a continued quotation
        elif carry is not None:
            carry = None
        found, still_open = _scan_quotes(text, begin, p_end, carry)
        spans.extend(found)
        carry = None
        if still_open is not None:
            nxt = paragraphs[k + 1][0] if k + 1 < len(paragraphs) else None
            if nxt is not None and text[nxt] == still_open[1] and still_open[1] != '"':
                carry = still_open
            else:
                spans.append((still_open[0], _rstrip(text, still_open[0], p_end)))
    return spans


def _scan_quotes(text: str, start: int, end: int, carry: tuple[int, str] | None
                 ) -> tuple[list[tuple[int, int]], tuple[int, str] | None]:
    """Quotations closed within ``text[start:end]`` and the outer one left open, if any."""
    stack: list[tuple[int, str]] = []  # (position, opening mark)
    if carry is not None:
        stack.append(carry)
    spans = []
    for mark in _MARKS.finditer(text, start, end):
        i = mark.start()
        ch = text[i]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if ch in _APOSTROPHES and prev.isalnum() and nxt.isalnum():
            continue  # an apostrophe inside a word
        level = _closing_level(stack, ch)
        if ch == '"':
            if level is not None:
                pass  # closes the straight quotation below
            elif not _opens(prev, nxt):
                continue  # a stray closing mark
        if level is not None and not (ch == "“" and level != len(stack) - 1 and _opens(prev, nxt)):
            outer_start = stack[0][0]
            del stack[level:]
            if not stack:
                spans.append((outer_start, i + 1))
            continue
        if ch in _OPENERS and ch not in "’":
            if ch == "‘" and prev.isalpha():
                continue  # a mistyped apostrophe
            if stack and stack[-1][1] == ch and ch in "“«‹":
                # the same mark again while it is open: the first one was never closed
                outer_start = stack[0][0]
                if len(stack) == 1:
                    spans.append((outer_start, _rstrip(text, outer_start, i)))
                    stack = []
                else:
                    stack.pop()
            stack.append((i, ch))
    return spans, (stack[0] if stack else None)


def _closing_level(stack: list[tuple[int, str]], ch: str) -> int | None:
    """The stack level that ``ch`` closes (closing inner levels left open), or None."""
    if ch not in _CLOSERS:
        return None
    for level in range(len(stack) - 1, -1, -1):
        if ch in _OPENERS[stack[level][1]]:
            if ch in "‘’" and level != len(stack) - 1:
                return None  # single marks close only the innermost level
            return level
    return None


def _opens(prev: str, nxt: str) -> bool:
    """Whether a straight mark between ``prev`` and ``nxt`` looks like an opening one."""
    return (prev.isspace() or prev in "([{—–-:/") and not nxt.isspace()


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


# ---------------------------------------------------------------------------
# the language data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Trigger:
    lemma: str
    cls: str
    pattern: str
    source: str
    words: tuple[tuple[str, bool], ...]  # (folded word, is a prefix glob)


@dataclass(frozen=True)
class _Rules:
    lang: str
    triggers: dict[str, tuple[_Trigger, ...]]  # first folded word -> triggers, longest first
    globs: tuple[_Trigger, ...]                # triggers whose first word is a glob
    words: dict[str, frozenset[str]]           # the word lists (folded)
    official: tuple[tuple[str, ...], ...]
    other: tuple[tuple[str, ...], ...]
    stopwords: frozenset[str]
    # the role phrases by the first word they can start at (see _phrase_key)
    index: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = field(default_factory=dict, compare=False)
    # filled as words are met: a word's forms (_word_forms), the triggers a lower-case word can
    # start (_trigger_starts), and what a word as written can do in a sentence (_what_it_does)
    forms: dict[str, tuple[str, str, bool]] = field(default_factory=dict, compare=False)
    starts: dict[str, tuple[_Trigger, ...]] = field(default_factory=dict, compare=False)
    telling: dict[str, int] = field(default_factory=dict, compare=False)


@functools.lru_cache(maxsize=1 << 16)
def _lower(word: str, lang: str) -> str:
    """Lower case, and ё as е: how function words and reporting verbs are compared."""
    word = word.lower().replace("’", "'")
    return word.replace("ё", "е") if lang == "ru" else word


def _fold(word: str, lang: str) -> str:
    """Lower case; accents dropped except in Russian, where only ё becomes е (for names)."""
    word = _lower(word, lang)
    if lang == "ru":
        return word
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_RU_ENDINGS = sorted(
    ["ого", "его", "ому", "ему", "ыми", "ими", "ых", "их", "ой", "ей", "ую", "юю", "ая", "яя", "ое", "ее",
     "ый", "ий", "ым", "им", "ом", "ем", "ам", "ям", "ах", "ях", "ами", "ями", "ою", "ею",
     "а", "я", "о", "е", "у", "ю", "ы", "и", "ь", "й"], key=len, reverse=True)


# stems of Russian surnames: -ов/-ев/-ин/-ын, -ский/-цкий, -енко, -ук/-юк, -ич, -ян
_RU_SURNAME = ("ов", "ев", "ёв", "ин", "ын", "ск", "цк", "нк", "ук", "юк", "ич", "ян", "ова", "ева")


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str, lang: str) -> str:
    """The folded word, with a Russian case or gender ending removed (stems of 3+ letters kept).

    The genitive plural -ов/-ев is not removed: it is also how most surnames
    end (Песков, Лавров), whose other cases then share their stem.
    """
    word = _fold(word, lang)
    if lang != "ru":
        return word
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _same_stem(a: str, b: str) -> bool:
    """Russian stems match, allowing a fleeting vowel (дворец / дворца)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) != 1:
        return False
    long, short = (a, b) if len(a) > len(b) else (b, a)
    return len(long) >= 4 and long[-2] in "еоё" and long[:-2] + long[-1] == short


def _verbs_path(lang: str) -> Traversable:
    return files("framing") / "data" / "verbs" / f"{lang}.yml"


@functools.lru_cache(maxsize=16)
def _rules(lang: str) -> _Rules:
    path = _verbs_path(lang)
    if not path.is_file():
        known = sorted(p.name[:-4] for p in (files("framing") / "data" / "verbs").iterdir()
                       if p.name.endswith(".yml"))
        raise FramingError(
            f"No reporting verbs for language {lang!r}: framing/data/verbs/{lang}.yml does not exist "
            f"(there are {', '.join(known)}). Add one in the same format as en.yml, or leave the "
            f"{lang!r} articles out."
        )
    where = f"framing/data/verbs/{lang}.yml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise FramingError(f"{where}: not valid YAML ({err}); fix the file.") from None
    if not isinstance(raw, dict) or "verbs" not in raw:
        raise FramingError(f"{where}: expected a mapping with a `verbs` key.")
    unknown = sorted(set(raw) - _TOP_KEYS)
    if unknown:
        raise FramingError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_TOP_KEYS))}.")
    sources = raw.get("sources") or {}
    by_first: dict[str, list[_Trigger]] = {}
    globs: list[_Trigger] = []
    for lemma, spec in raw["verbs"].items():
        if not isinstance(spec, dict) or set(spec) - _VERB_KEYS or not {"class", "forms", "source"} <= set(spec):
            raise FramingError(f"{where}: verb {lemma!r} must give class, source and forms "
                               f"(and optionally pattern); got {spec!r}.")
        cls, pattern = spec["class"], spec.get("pattern", "verb")
        if cls not in VERB_CLASSES:
            raise FramingError(f"{where}: verb {lemma!r} has class {cls!r}; use one of {', '.join(VERB_CLASSES)}.")
        if pattern not in _PATTERNS:
            raise FramingError(f"{where}: verb {lemma!r} has pattern {pattern!r}; use one of {', '.join(_PATTERNS)}.")
        if spec["source"] not in sources:
            raise FramingError(f"{where}: verb {lemma!r} cites source {spec['source']!r}, which is not "
                               "listed under `sources`.")
        for form in spec["forms"]:
            form_words = tuple((_lower(w.rstrip("*"), lang), w.endswith("*")) for w in str(form).split())
            trigger = _Trigger(str(lemma), cls, pattern, spec["source"], form_words)
            if form_words[0][1]:
                globs.append(trigger)
            else:
                by_first.setdefault(form_words[0][0], []).append(trigger)
    words = {key: frozenset(_lower(str(w), lang) for w in raw.get(key) or []) for key in _LIST_KEYS}
    # a phrase also ends at a complementizer or a relative word
    words["boundaries"] = words["boundaries"] | words["complementizers"] | words["relatives"]
    roles = raw.get("roles") or {}

    def phrases(items: Iterable[str]) -> tuple[tuple[str, ...], ...]:
        seqs = {tuple(_stem(w, lang) for w in WORD.findall(str(item))) for item in items}
        return tuple(sorted((s for s in seqs if s), key=len, reverse=True))

    official = phrases(roles.get("official") or [])
    other = phrases(roles.get("other") or [])
    rules = _Rules(
        lang=lang,
        triggers={k: tuple(sorted(v, key=lambda t: len(t.words), reverse=True)) for k, v in by_first.items()},
        globs=tuple(sorted(globs, key=lambda t: len(t.words), reverse=True)),
        words=words,
        official=official,
        other=other,
        stopwords=_stopwords(lang),
        index={"official": _phrase_index(official, lang), "other": _phrase_index(other, lang),
               "roles": _phrase_index(official + other, lang)},
        forms=_Memo(lambda raw: _word_forms(raw, lang)),
        starts=_Memo(lambda key: _trigger_starts(rules, key)),
        telling=_Memo(lambda raw: _what_it_does(rules, raw)),
    )
    return rules


def _phrase_index(phrases: tuple[tuple[str, ...], ...], lang: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Role phrases by :func:`_phrase_key` of their first word, in their order (longest first)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(_phrase_key(phrase[0], lang), []).append(phrase)
    return {k: tuple(v) for k, v in index.items()}


def _phrase_key(stem: str, lang: str) -> str:
    # a word matches a phrase's first word only when they are equal, or in Russian when
    # they are the same stem with a fleeting vowel, which keeps the first two letters
    return stem[:2] if lang == "ru" else stem


def _trigger_starts(rules: _Rules, key: str) -> tuple[_Trigger, ...]:
    """The triggers a word (lower case) can start, longest first (``rules.starts[key]``)."""
    found = [*rules.triggers.get(key, ()), *(g for g in rules.globs if key.startswith(g.words[0][0]))]
    found.sort(key=lambda t: len(t.words), reverse=True)
    return tuple(found)


@functools.lru_cache(maxsize=16)
def _stopwords(lang: str) -> frozenset[str]:
    path = files("framing") / "data" / "stopwords" / f"{lang}.txt"
    if not path.is_file():
        return frozenset()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(_lower(word, lang))
    return frozenset(words)


def reporting_verbs(lang: str) -> pd.DataFrame:
    """The reporting verbs and frames shipped for ``lang``, one row per form.

    Columns ``lemma, form, class, pattern, source``; ``source`` is the full
    reference the class follows. The files are
    ``framing/data/verbs/<lang>.yml`` (read with importlib.resources).

    Raises
    ------
    FramingError
        When there is no file for ``lang`` or it is malformed.

    Examples
    --------
    >>> verbs = reporting_verbs("en")
    >>> verbs.set_index("form").loc["claimed", "class"]
    'distancing'
    """
    _rules(lang)  # checks the file
    raw = yaml.safe_load(_verbs_path(lang).read_text(encoding="utf-8"))
    sources = raw.get("sources") or {}
    rows = []
    for lemma, spec in raw["verbs"].items():
        for form in spec["forms"]:
            rows.append((str(lemma), str(form), spec["class"], spec.get("pattern", "verb"),
                         str(sources[spec["source"]])))
    return pd.DataFrame(rows, columns=["lemma", "form", "class", "pattern", "source"])


# ---------------------------------------------------------------------------
# the study's actors, per language
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Alias:
    actor: str
    side: str
    stems: tuple[str, ...]
    caps: int


@dataclass(frozen=True)
class _Actors:
    by_first: dict[str, tuple[_Alias, ...]]
    anchors: dict[str, str]  # stem -> side
    # filled as stems are met: the side a stem names (_side_named) and what it can do in a
    # speaker phrase (_relevance)
    sides: dict[str, str | None] = field(default_factory=dict, compare=False)
    relevant: dict[str, int | tuple[str, ...]] = field(default_factory=dict, compare=False)


def _actors(study: Study, lang: str) -> _Actors:
    """The study's aliases for ``lang``, indexed, and the words that name each side."""
    aliases = tuple((side.id, actor.id, tuple(actor.aliases.get(lang, ())))
                    for side in study.sides.values() for actor in side.actors.values())
    return _actors_of(lang, aliases)


@functools.lru_cache(maxsize=64)
def _actors_of(lang: str, aliases: tuple[tuple[str, str, tuple[str, ...]], ...]) -> _Actors:
    """:func:`_actors` of ``(side id, actor id, aliases)`` triples, kept for the next call."""
    rules = _rules(lang)
    by_first: dict[str, list[_Alias]] = {}
    seen: dict[str, set[str]] = {}
    excluded = {_fold(w, lang) for w in rules.stopwords} | {_stem(w, lang) for w in rules.words["generic"]}
    for phrase in (*rules.official, *rules.other):
        excluded.update(phrase)
    for side_id, actor_id, names in aliases:
        for alias in names:
            raw = WORD.findall(alias.replace("’", "'"))
            if not raw:
                continue
            stems = tuple(_stem(w, lang) for w in raw)
            caps = sum(w[0].isupper() for w in raw)
            entry = _Alias(actor_id, side_id, stems, caps)
            by_first.setdefault(_first_key(stems[0], lang), []).append(entry)
            if len(raw) > 2 and _lower(raw[0], lang) in rules.words["definite"] | {"a", "an", "un", "une"}:
                # "le chef de l'État" also matches "du chef de l'État"
                bare = _Alias(actor_id, side_id, stems[1:], caps)
                by_first.setdefault(_first_key(stems[1], lang), []).append(bare)
            # anchors: content words that name a side; of a personal name
            # ("Vladimir Putin") only the surname
            words = raw[-1:] if len(raw) > 1 and all(w[0].isupper() for w in raw) else raw
            for w in words:
                s = _stem(w, lang)
                if len(s) >= 3 and s not in excluded and _fold(w, lang) not in excluded:
                    seen.setdefault(s, set()).add(side_id)
    anchors = {s: next(iter(sides)) for s, sides in seen.items() if len(sides) == 1}
    actors = _Actors(
        by_first={k: tuple(sorted(v, key=lambda a: len(a.stems), reverse=True)) for k, v in by_first.items()},
        anchors=anchors,
        sides=_Memo(lambda stem: _side_named(stem, anchors)),
        relevant=_Memo(lambda stem: _relevance(stem, rules, actors)),
    )
    return actors


def _relevance(stem: str, rules: _Rules, actors: _Actors) -> int | tuple[str, ...]:
    """What a stem can do in a speaker phrase (``actors.relevant[stem]``): 0 nothing; 1 it is an
    alias or role of one word, or names a side; otherwise the stems that must follow it for an
    alias or a role phrase it starts ("the" → "kremlin", "élysée", …).

    A phrase where none can, and no word could start a name, names nobody
    (:func:`_resolve` need not look further).
    """
    ru = rules.lang == "ru"
    starts = [alias.stems for alias in actors.by_first.get(stem[:3] if ru else stem, ())]  # _first_key
    starts += rules.index["roles"].get(stem[:2] if ru else stem, ())  # _phrase_key
    if actors.sides[stem] is not None or any(len(words) == 1 for words in starts):
        return 1
    return tuple(dict.fromkeys(words[1] for words in starts)) or 0


def _names_nobody(toks: list[_Tok], actors: _Actors, lang: str) -> bool:
    """Whether no alias, role, side's name or person's name can be found in a phrase (see _relevance)."""
    if any(t.cap for t in toks[1:]) or (toks[0].cap and (len(toks) == 1 or toks[1].cap)):
        return False  # a run of capitalised words, or a lone capitalised phrase, could be a name
    relevant = actors.relevant
    can = list(map(relevant.__getitem__, [t.stem for t in toks]))
    if not any(can):
        return True
    if 1 in can:
        return False
    for j, then in enumerate(can):
        if isinstance(then, tuple) and j + 1 < len(toks) and any(_word_match(toks[j + 1].stem, w, lang)
                                                                  for w in then):
            return False
    return True


def _first_key(stem: str, lang: str) -> str:
    # Russian stems are compared with a fleeting vowel allowed; index them by their first 3 letters
    return stem[:3] if lang == "ru" else stem


# ---------------------------------------------------------------------------
# tokens of a sentence
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    raw: str
    key: str   # lower case
    stem: str
    inside: bool  # inside a direct quotation
    gap: str      # the text between the previous token and this one
    cap: bool
    hard: bool    # whether that gap ends a phrase (_hard)


_SOFT_GAP = re.compile(r"^[\s.'’\-‐]*$")


@functools.lru_cache(maxsize=4096)
def _hard(gap: str) -> bool:
    """Whether the text between two tokens ends a phrase (a comma, a dash, a quotation mark …)."""
    if _SOFT_GAP.match(gap):
        stripped = gap.strip()
        if stripped == "-" and gap != stripped:
            return True  # " - " used as a dash
        if stripped in ("'", "’") and gap != stripped:
            return True  # a closing single mark, not an elision
        return False
    return True


def _word_forms(raw: str, lang: str) -> tuple[str, str, bool]:
    """A word as written -> lower case, stem, capitalised (``rules.forms[raw]``)."""
    return _lower(raw, lang), _stem(raw, lang), raw[:1].isupper()


_GAP_WORD = re.compile(r"(\W*)(\w+)")  # a word (WORD) and the text before it


def _tokens(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]], rules: _Rules) -> list[_Tok]:
    forms = rules.forms
    toks: list[_Tok] = []
    append = toks.append
    e = start
    for gap, raw in _GAP_WORD.findall(text, start, end):
        s = e + len(gap)
        e = s + len(raw)
        key, stem, cap = forms[raw]
        append(_Tok(s, e, raw, key, stem, False, gap, cap, _hard(gap)))
    for a, b in quotes:
        if a < end and b > start:
            for t in toks:
                if a < t.start and t.end <= b:
                    t.inside = True
    return toks


def _iter_tokens(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]], rules: _Rules
                 ) -> Iterator[_Tok]:
    """:func:`_tokens`, one at a time, for a reader that may stop early."""
    forms = rules.forms
    quotes = [(a, b) for a, b in quotes if a < end and b > start]
    e = start
    for m in _GAP_WORD.finditer(text, start, end):
        gap, raw = m.groups()
        s = e + len(gap)
        e = s + len(raw)
        key, stem, cap = forms[raw]
        inside = any(a < s and e <= b for a, b in quotes) if quotes else False
        yield _Tok(s, e, raw, key, stem, inside, gap, cap, _hard(gap))


# ---------------------------------------------------------------------------
# speakers
# ---------------------------------------------------------------------------

_CARRY = "carry"


@dataclass
class _Speaker:
    speaker: str | None
    side: str
    how: str  # alias | anchor | named | commentator | role | echo | unknown


def _alias_matches(toks: list[_Tok], actors: _Actors, lang: str) -> list[tuple[int, int, _Alias]]:
    found = []
    by_first = actors.by_first
    ru = lang == "ru"
    n = len(toks)
    i = 0
    while i < n:
        stem = toks[i].stem
        best = None
        for alias in by_first.get(stem[:3] if ru else stem, ()):  # _first_key
            k = len(alias.stems)
            if i + k > n:
                continue
            if all(_word_match(toks[i + j].stem, alias.stems[j], lang) for j in range(k)) and all(
                    not toks[i + j].hard for j in range(1, k)):
                best = alias
                break
        if best is not None:
            found.append((i, i + len(best.stems), best))
            i += len(best.stems)
        else:
            i += 1
    return found


def _word_match(text_stem: str, alias_stem: str, lang: str) -> bool:
    return _same_stem(text_stem, alias_stem) if lang == "ru" else text_stem == alias_stem


def _role_matches(toks: list[_Tok], which: str, rules: _Rules) -> list[tuple[int, int]]:
    """Where the role phrases of ``rules.index[which]`` occur in ``toks``, longest first, left to right."""
    index = rules.index[which]
    lang = rules.lang
    ru = lang == "ru"
    found = []
    n = len(toks)
    i = 0
    while i < n:
        stem = toks[i].stem
        for phrase in index.get(stem[:2] if ru else stem, ()):  # _phrase_key
            k = len(phrase)
            if i + k <= n and all(_word_match(toks[i + j].stem, phrase[j], lang) for j in range(k)):
                found.append((i, i + k))
                i += k
                break
        else:
            i += 1
    return found


def _side_named(stem: str, anchors: dict[str, str]) -> str | None:
    """The side a word names (``actors.sides[stem]``): its stem is a side's anchor ("russ"), or a
    longer word starting with one."""
    side = anchors.get(stem)
    if side is None and len(stem) >= 5:
        side = next((s for anchor, s in anchors.items() if len(anchor) >= 4 and stem.startswith(anchor)), None)
    return side


def _resolve(toks: list[_Tok], rules: _Rules, actors: _Actors, *, whole: bool = True) -> _Speaker | str | None:
    """The speaker a phrase names: a :class:`_Speaker`, ``"carry"`` (a pronoun), or None.

    The first decisive item of the phrase wins: an alias of an actor; a role
    noun with a side's name next to it ("diplomate russe", "Russian
    officials"); a commentator's role ("analyst", «политолог»); or the name
    of a person who is no actor. Without any, a side's name anywhere in the
    phrase gives the side, and a definite role ("the source", «эксперт»)
    refers back. With ``whole`` false, a phrase naming nobody gives None
    instead of its own words as an unknown speaker.
    """
    toks = [t for t in toks if not t.inside]
    if not toks:
        return None
    words = rules.words
    lang = rules.lang
    first = next((t for t in toks if t.key not in words["definite"]), toks[0])
    if first.key in words["pronouns"]:
        return _CARRY
    if first.key in words["impersonal"]:
        return "impersonal"
    if _names_nobody(toks, actors, lang):
        # no alias, role, side or name can be found: the phrase's own words, as below
        content = _content(toks, rules)
        return _Speaker(_surface(content), "other", "unknown") if content and whole else None

    aliases = _alias_matches(toks, actors, lang)
    covered = {j for a, b, _ in aliases for j in range(a, b)}
    officials = [r for r in _role_matches(toks, "official", rules) if r[0] not in covered]
    official_cover = {j for a, b in officials for j in range(a, b)}
    others = [r for r in _role_matches(toks, "other", rules) if r[0] not in covered | official_cover]
    role_cover = {j for a, b in officials + others for j in range(a, b)}
    sides = actors.sides
    anchors = {}
    for j, t in enumerate(toks):
        if j not in covered and j not in role_cover:
            side = sides[t.stem]
            if side is not None:
                anchors[j] = side
    names = _names(toks, rules, covered | role_cover | set(anchors), {a for a, _ in officials + others})
    content = _content(toks, rules)
    determined = any(t.key in words["definite"] or t.key in words["possessives"] for t in toks)

    if not aliases and not names and not anchors and len(content) == 1 and (officials or others) and (
            determined or lang == "ru" and not content[0].raw.endswith(("ы", "и", "е"))):
        return _CARRY  # "the source said", "l'expert", «— считает эксперт»

    # (start, kind, end, side): the first decisive item wins
    items: list[tuple[int, str, int, str]] = [(a, "alias", b, "") for a, b, _ in aliases[:1]]
    for a, b in officials:
        for j in (a - 1, b):
            if j in anchors:
                items.append((min(a, j), "anchor", max(b, j + 1), anchors[j]))
                break
    items += [(a, "other", b, "") for a, b in others]
    items += [(a, "name", b, "") for a, b in names]
    if items:
        a, kind, b, side = min(items, key=lambda item: item[0])
        if kind == "alias":
            _, _, alias = max(aliases, key=lambda m: (m[2].caps, len(m[2].stems), -m[0]))
            return _Speaker(alias.actor, alias.side, "alias")
        if kind == "anchor":
            return _Speaker(_surface(toks[a:b]), side, "anchor")  # "Russian officials", "diplomate russe"
        if kind == "name":
            return _Speaker(_surface(toks[a:b]), "other", "named")
        return _Speaker(_surface(toks[a:a + 5]), "other", "commentator")
    if anchors:
        j = min(anchors)
        return _Speaker(toks[j].raw, anchors[j], "anchor")  # a side's name used as a speaker: "France"
    if officials:
        if determined and len(toks) <= 4:
            return _CARRY
        a, _ = officials[0]
        if lang == "ru" and not toks[a].raw.endswith(("ы", "и")) and not (a > 0 and _ru_adjective(toks[a - 1])):
            return _CARRY  # «источник, знакомый с подготовкой визита» refers back to the last source
        return _Speaker(_surface(content), "other", "role")
    if not content or not whole:
        return None
    return _Speaker(_surface(content), "other", "unknown")


_RU_ADJECTIVE = ("ий", "ый", "ой", "ая", "ое", "ие", "ые", "ого", "ому", "ым", "ом", "ей", "ую", "их", "ых")


def _ru_adjective(tok: _Tok) -> bool:
    return len(tok.key) > 4 and tok.key.endswith(_RU_ADJECTIVE)


def _names(toks: list[_Tok], rules: _Rules, skip: Container[int], roles: Container[int] = frozenset()
           ) -> list[tuple[int, int]]:
    """Runs of capitalised words that are no alias, role, side name or function word.

    A run after a preposition ("ministère de la Culture", "Institute for
    Continental Affairs") names an institution, not a person, and is left out;
    so is, in Russian, a word in Latin script (an outlet: «собеседник Efir-1»),
    and a single word right before a role noun ("a German official").
    """
    words = rules.words
    runs = []
    j = 0
    while j < len(toks):
        t = toks[j]
        if (j not in skip and t.cap and t.key not in rules.stopwords and t.key not in words["titles"]
                and t.key not in words["not_names"] and not t.raw.isdigit()):
            k = j + 1
            while k < len(toks) and k not in skip and toks[k].cap and not toks[k].hard \
                    and toks[k].key not in words["not_names"]:
                k += 1
            b = j - 1
            while b >= 0 and toks[b].key in words["definite"]:
                b -= 1
            institution = b >= 0 and toks[b].key in words["prepositions"]
            latin = rules.lang == "ru" and all(c.isascii() for c in t.raw)
            # a lone capitalised Russian word is a surname only with a surname's ending
            # (Загорский, Семёнову, Чередниченко), not a place (Сирии, Алеппо)
            lone = k - j == 1 and rules.lang == "ru" and not t.stem.endswith(_RU_SURNAME) and (
                len(toks) > 1 or _ru_adjective(t))
            modifier = k - j == 1 and k in roles
            if (k - j >= 2 or j > 0 or len(toks) == 1) and not (institution or latin or lone or modifier):
                runs.append((j, k))
            j = k
        else:
            j += 1
    return runs


def _content(toks: list[_Tok], rules: _Rules) -> list[_Tok]:
    """The phrase without its leading function words, at most six words."""
    i = 0
    while i < len(toks) and toks[i].key in rules.stopwords:
        i += 1
    return toks[i:i + 6]


def _surface(toks: list[_Tok]) -> str | None:
    """The words of a phrase as written, joined by their own hyphens and apostrophes."""
    if not toks:
        return None
    parts = [toks[0].raw]
    for t in toks[1:]:
        gap = t.gap.strip()
        parts.append((gap if gap in ("-", "'", "’") and t.gap == gap else " ") + t.raw)
    return "".join(parts)


# ---------------------------------------------------------------------------
# attribution frames in a sentence
# ---------------------------------------------------------------------------


@dataclass
class _Frame:
    start: int          # the frame (speaker and verb), in source offsets
    end: int
    verb: str
    cls: str
    pattern: str
    content: tuple[int, int]  # the reported content
    who: _Speaker | str | None
    verb_at: int
    inverted: bool = False

    @property
    def speaker(self) -> _Speaker | None:
        """``who`` once pronouns are resolved (:func:`_part_quotes`): a speaker or None."""
        return self.who if isinstance(self.who, _Speaker) else None


def _match_trigger(toks: list[_Tok], i: int, rules: _Rules) -> tuple[_Trigger, int] | None:
    """The longest trigger starting at token ``i``, and its length in tokens."""
    for trig in rules.starts[toks[i].key]:
        k = len(trig.words)
        if i + k > len(toks):
            continue
        ok = True
        for j, (word, glob) in enumerate(trig.words):
            tok = toks[i + j]
            if tok.inside or (j and tok.hard):
                ok = False
                break
            if not (tok.key.startswith(word) if glob else tok.key == word):
                ok = False
                break
        if ok:
            return trig, k
    return None


def _sentence_frames(toks: list[_Tok], s_start: int, s_end: int, rules: _Rules, actors: _Actors,
                     *, headline: bool) -> list[_Frame]:
    frames: list[_Frame] = []
    distancing = False
    starts = rules.starts
    i = 0
    for at, tok in enumerate(toks):
        if at < i or tok.inside:
            continue  # inside the trigger before, or quoted
        i = at
        if not starts[tok.key]:
            continue
        found = _match_trigger(toks, i, rules)
        if found is None:
            continue
        trig, k = found
        j_end = i + k  # tokens i..j_end-1 are the trigger
        if trig.pattern == "marker":
            distancing = True
            i = j_end
            continue
        frame = None
        if trig.pattern == "verb":
            frame = _verb_frame(toks, i, j_end, trig, rules, actors, frames)
        elif trig.pattern in ("prep", "opinion"):
            frame = _prep_frame(toks, i, j_end, trig, rules, actors)
        elif trig.pattern == "noun":
            frame = _noun_frame(toks, i, j_end, trig, rules, actors)
        if frame is not None:
            frames.append(frame)
        i = j_end
    for frame in frames:
        if frame.who == _CARRY:
            # "Puis François Hollande a haussé le ton : il a confié …"
            # or "Пескова спросили о Сирии, и он ответил …": the clause before names the speaker
            cut = [t for t in toks if t.start < frame.start and (";" in t.gap or ":" in t.gap or (
                t.hard and t.key in rules.words["coordinators"]))]
            if cut:
                before = [t for t in toks if t.start < cut[-1].start]
                head = _subject(before, len(before), rules)[:5]
                who = _resolve(head, rules, actors, whole=False) if head else None
                if isinstance(who, _Speaker) and who.how in ("alias", "named"):
                    frame.who = who
    for k, frame in enumerate(frames):
        low = frames[k - 1].end if k else s_start
        high = frames[k + 1].start if k + 1 < len(frames) else s_end
        frame.content = _content_span(toks, frame, min(low, frame.start), max(high, frame.end), rules)
    if headline and not frames:
        frame = _headline_frame(toks, rules, actors, s_start, s_end)
        if frame is not None:
            frames.append(frame)
    if distancing:
        for frame in frames:
            frame.cls = "distancing"
    return frames


def _verb_frame(toks: list[_Tok], i: int, j_end: int, trig: _Trigger, rules: _Rules, actors: _Actors,
                frames: list[_Frame]) -> _Frame | None:
    """A verb of saying at tokens ``i:j_end`` and its speaker, before it or (inverted) after it."""
    words = rules.words
    lang = rules.lang
    # a participle with its agent: "announced by the Kremlin", "évoquée par plusieurs capitales"
    if j_end < len(toks) and toks[j_end].key in words["agent"] and not toks[j_end].hard:
        agent, _ = _chunk_after(toks, j_end + 1, rules)
        by = _resolve(agent, rules, actors, whole=False) if agent else None
        if by is None or _negative(agent, rules):
            return None
        return _Frame(toks[i].start, agent[-1].end, _words(toks[i:j_end]), trig.cls, "verb",
                      (0, 0), by, toks[i].start, True)
    # a passive participle without agent ("was told", "accused of") is no frame
    before = toks[i - 1] if i > 0 and not toks[i].hard else None
    if before is not None and before.key in words["passive"] and not toks[i].key.endswith("ing"):
        return None
    # French clitic inversion after the verb: "dit-elle", "ajoute-t-il", "assure-t-on"
    who: _Speaker | str | None = None
    after_from = j_end
    m = j_end
    if m < len(toks) and toks[m].key == "t" and toks[m].gap.strip() == "-":
        m += 1
    if m < len(toks) and toks[m].gap.strip() == "-" and (
            toks[m].key in words["pronouns"] or toks[m].key in words["impersonal"]):
        who = _CARRY if toks[m].key in words["pronouns"] else "impersonal"
        after_from = m + 1
    # walk back over auxiliaries, clitics and adverbs to the start of the verb group
    v = i
    steps = 0
    while v > 0 and steps < 6 and not toks[v].hard:
        prev = toks[v - 1]
        if prev.inside:
            break
        clitic = prev.gap.strip() == "-"
        if clitic and prev.key in words["pronouns"]:
            who = _CARRY  # "a-t-il ajouté", "avait-elle dit"
        elif clitic and prev.key in words["impersonal"]:
            who = "impersonal"
        elif not (prev.key in words["auxiliaries"] or (clitic and prev.key == "t")
                  or _is_adverb(toks, v - 1, rules)):
            break
        v -= 1
        steps += 1
    if j_end < len(toks) and toks[j_end].key in words["passive_after"] and not toks[j_end].hard \
            and toks[i].key.endswith(tuple(words["participle_endings"])) \
            and not any(toks[k].key in words["perfect"] for k in range(v, i)):
        return None  # a participle used as an adjective: "accused of", "Accusé de crimes de guerre"
    first = v
    inverter = v > 0 and not toks[v].hard and toks[v - 1].key in words["inverters"]
    if inverter:
        first = v - 1
    after_chunk, stop = _chunk_after(toks, after_from, rules)
    if not after_chunk and after_from < len(toks) and "," in toks[after_from].gap and not toks[after_from].inside:
        # "», résume, avec un sourire, un diplomate français": skip one adjunct
        k = after_from + 1
        while k < len(toks) and not toks[k].hard:
            k += 1
        if k < len(toks) and "," in toks[k].gap and not toks[k].inside:
            chunk, why = _chunk_after(toks, k, rules, first_gap=True)
            if _speaker_like(chunk, why, rules, actors):
                after_chunk, stop = chunk, why
    before_chunk = _chunk_before(toks, first, rules)
    opens_clause = first == 0 or toks[first].hard
    # "..., said X" / "«…», a déclaré X" / "как сообщил X": the speaker follows the verb
    inverted = inverter or (opens_clause and (lang != "en" or first > 0)
                            and _speaker_like(after_chunk, stop, rules, actors))
    if who is None and first > 0 and not toks[first].hard and toks[first - 1].key in words["subject_pronouns"]:
        who = _CARRY  # "he said", "il a dit", «Удары по Алеппо он назвал»
    if who is None:
        if inverted:
            who = _resolve(after_chunk, rules, actors, whole=lang != "en")
            if who is None:
                who = _resolve(_subject(toks, first, rules), rules, actors, whole=False)
        else:
            who = _subject_of(toks, first, before_chunk, rules, actors, frames)
            weak = who is None or isinstance(who, _Speaker) and who.how in ("role", "unknown")
            if weak and lang != "en" and _speaker_like(after_chunk, stop, rules, actors):
                # «Такую картину событий изложил Елисейский дворец»
                later = _resolve(after_chunk, rules, actors, whole=False)
                if isinstance(later, _Speaker) and later.how in ("alias", "anchor", "named", "commentator"):
                    who = later
                elif who is None:
                    who = later
    if who == "impersonal":
        who = _resolve(after_chunk, rules, actors, whole=False) if after_chunk else None
        if who is None or who == _CARRY:
            who = _resolve(_subject(toks, first, rules), rules, actors, whole=False)
    if who is None and not inverted and not frames and not opens_clause and (
            not before_chunk or before_chunk[-1].key in words["articles"]):
        return None  # no subject, or an article before a participle: "an estimated 275,000", "le prétendu"
    if _negative((after_chunk if inverted else before_chunk) + toks[first:i], rules):
        return None  # "Neither side said …", «никто не сказал»
    if isinstance(who, _Speaker) and who.how == "unknown":
        return None  # a subject that names nobody: "a visit agreed months ago", "l'épisode rappelle"
    if inverted:
        start = toks[first].start
        end = after_chunk[-1].end if after_chunk else toks[j_end - 1].end
    else:
        start = before_chunk[0].start if before_chunk else toks[first].start
        end = toks[j_end - 1].end
    verb = _words(toks[i:j_end])
    return _Frame(start, end, verb, trig.cls, "verb", (0, 0), who, toks[i].start, inverted)


def _words(toks: list[_Tok]) -> str:
    """Tokens as written, with the hyphens and apostrophes between them ("D’après", "a-t-il")."""
    return toks[0].raw + "".join((" " if t.gap.isspace() else t.gap) + t.raw for t in toks[1:]) if toks else ""


def _negative(chunk: list[_Tok], rules: _Rules) -> bool:
    """Whether a speaker phrase says that nobody spoke ("neither side", "nul à Paris")."""
    return any(t.key in rules.words["negatives"] for t in chunk)


def _speaker_like(chunk: list[_Tok], stop: str, rules: _Rules, actors: _Actors) -> bool:
    """Whether the words after a verb can be its inverted subject (not a clause it introduces).

    They must name someone (a pronoun, an alias, a side's name, a role or a
    person) in their first five words, before any word that makes a clause.
    """
    if not chunk or stop == "complementizer":
        return False
    if any(t.key in rules.words["clause_words"] for t in chunk):
        return False
    return _resolve(chunk[:5], rules, actors, whole=False) is not None


def _subject_of(toks: list[_Tok], first: int, before_chunk: list[_Tok], rules: _Rules, actors: _Actors,
                frames: list[_Frame]) -> _Speaker | str | None:
    """The speaker of a verb whose subject comes before it."""
    words = rules.words
    prev = toks[first - 1].key if first > 0 and not toks[first].hard else None
    if before_chunk:
        who = _resolve(before_chunk, rules, actors)
        start = toks.index(before_chunk[0])
        if isinstance(who, _Speaker) and who.how == "alias" and start > 0 \
                and toks[start - 1].key in words["coordinators"] and not toks[start].hard:
            # "Moscow and Paris explain …": the first of two speakers
            earlier = _chunk_before(toks, start - 1, rules)
            first_one = _resolve(earlier, rules, actors, whole=False) if 0 < len(earlier) <= 3 else None
            if isinstance(first_one, _Speaker) and first_one.how == "alias":
                return first_one
        if who is None or (isinstance(who, _Speaker) and who.how in ("role", "unknown")):
            # "In Paris, officials insist": the place or name earlier in the clause decides
            better = _resolve(_subject(toks, first, rules), rules, actors, whole=False)
            if isinstance(better, _Speaker) and better.how in ("alias", "anchor", "named", "commentator"):
                return better
        return who
    if prev in words["relatives"]:
        antecedent = _chunk_before(toks, first - 1, rules, across=True)
        return _resolve(antecedent, rules, actors, whole=False) if antecedent else None
    if prev in words["coordinators"] and frames:
        return frames[-1].who
    who = _resolve(_subject(toks, first, rules), rules, actors, whole=False)
    if who is None and frames:
        return frames[-1].who
    return who


def _is_adverb(toks: list[_Tok], j: int, rules: _Rules) -> bool:
    """An adverb before a verb ("firmly rejects", "прозрачно намекнул", "a notamment dit").

    French adverbs in -ment are skipped only between an auxiliary and its
    participle, so that a noun such as "gouvernement" is never taken for one.
    """
    t = toks[j]
    if t.cap or len(t.key) <= 4 or not any(t.key.endswith(e) for e in rules.words["adverb_endings"]) \
            or t.key in rules.words["negatives"]:
        return False
    if rules.lang != "fr":
        return True
    return any(toks[b].key in rules.words["auxiliaries"] for b in range(j - 1, max(-1, j - 3), -1))


def _prep_frame(toks: list[_Tok], i: int, j_end: int, trig: _Trigger, rules: _Rules, actors: _Actors
                ) -> _Frame | None:
    """ "according to X", "selon X", «по словам X»; and "Pour X, …" (an opinion, sentence-initial)."""
    opinion = trig.pattern == "opinion"
    if opinion and i != 0:
        return None
    pron = [t for t in toks[i:j_end] if t.key in rules.words["pronouns"]]
    chunk, stop = _chunk_after(toks, j_end, rules)
    if opinion and stop != "hard":
        return None
    who = _CARRY if pron else (_resolve(chunk, rules, actors) if chunk else None)
    if ((who == _CARRY and not pron) or isinstance(who, _Speaker) and who.how in ("role", "unknown", "anchor")) \
            and stop == "hard":
        # "Selon son porte-parole, Dmitri Peskov, …": a name in apposition
        k = j_end + len(chunk)
        apposition, why = _chunk_after(toks, k, rules, first_gap=True)
        if k < len(toks) and "," in toks[k].gap and why == "hard" and len(apposition) <= 4:
            named = _resolve(apposition, rules, actors, whole=False)
            if isinstance(named, _Speaker) and named.how in ("alias", "named"):
                who = named
                chunk = chunk + apposition
    if isinstance(who, _Speaker) and who.how in ("role", "unknown"):
        # "Inside the Élysée, according to an official, …"
        better = _resolve(_subject(toks, i, rules), rules, actors, whole=False)
        if isinstance(better, _Speaker) and better.how in ("alias", "anchor"):
            who = better
    if who is None:
        return None
    if opinion:
        # "Pour le politologue X, …", "Pour la présidence, …" are speech; "Pour Moscou, …" and
        # "Pour le président français, …" (a role inside an alias) are points of view
        covered = {id(t) for a, b, _ in _alias_matches(chunk, actors, rules.lang) for t in chunk[a:b]}
        free = [r for r in _role_matches(chunk, "roles", rules)
                if id(chunk[r[0]]) not in covered]
        if not (free or isinstance(who, _Speaker) and who.how in ("named", "commentator")):
            return None
    end = chunk[-1].end if chunk and not pron else toks[j_end - 1].end
    verb = _words(toks[i:j_end])
    return _Frame(toks[i].start, end, verb, trig.cls, "prep", (0, 0), who, toks[i].start)


def _noun_frame(toks: list[_Tok], i: int, j_end: int, trig: _Trigger, rules: _Rules, actors: _Actors
                ) -> _Frame | None:
    """A noun of speech and whose it is: "the Kremlin's statement", "his remarks", "la version
    du Kremlin", «слова Олланда», or the subject of its clause ("The Élysée gave a different
    account", "Au Kremlin, le récit est différent")."""
    words = rules.words
    who: _Speaker | str | None = None
    start, end = toks[i].start, toks[j_end - 1].end
    prev = toks[i - 1] if i > 0 and not toks[i].hard else None
    if prev is not None and prev.key in words["possessives"]:
        who = _CARRY
        start = prev.start
    elif prev is not None and prev.key == "s" and prev.gap in ("'", "’"):
        chunk = _chunk_before(toks, i - 1, rules)
        who = _resolve(chunk, rules, actors, whole=False) if chunk else None
        if chunk:
            start = chunk[0].start
    else:
        chunk, _ = _chunk_after(toks, j_end, rules)
        if rules.lang == "en":
            chunk = chunk[1:] if chunk and chunk[0].key in ("of", "by") else []
        elif rules.lang == "fr":
            chunk = chunk if chunk and chunk[0].key in ("de", "du", "des", "d") else []
        who = _resolve(chunk[:4], rules, actors, whole=False) if chunk else None
        if chunk and who is not None:
            end = chunk[min(3, len(chunk) - 1)].end
    if (who is None or (isinstance(who, _Speaker) and who.how not in ("alias", "anchor")) and who != _CARRY) \
            and _in_main_clause(toks, i, rules):
        # the subject of the clause the noun is in
        subject = _subject(toks, i, rules)
        pronoun = subject and subject[-1].key in words["subject_pronouns"]
        who = _CARRY if pronoun else (_resolve(subject, rules, actors, whole=False) if subject else None)
        if isinstance(who, _Speaker) and who.how not in ("alias", "named"):
            who = None
        if subject:
            start = min(start, subject[0].start)
    if who is None or (isinstance(who, _Speaker) and who.how not in ("alias", "anchor", "named")):
        return None
    return _Frame(start, end, _words(toks[i:j_end]), trig.cls, "noun", (0, 0), who,
                  toks[i].start)


def _in_main_clause(toks: list[_Tok], i: int, rules: _Rules) -> bool:
    """Whether token ``i`` is in the sentence's first clause (after at most a short fronted
    phrase, "Au Kremlin, le récit …") and not right after a preposition ("in other words")."""
    if any(toks[k].key in rules.words["prepositions"] for k in range(max(0, i - 2), i)):
        return False
    cuts = [k for k in range(1, i + 1) if toks[k].hard or toks[k].key in rules.words["boundaries"]]
    if not cuts:
        return True
    return len(cuts) == 1 and cuts[0] <= 3 and toks[0].key in rules.words["prepositions"]


def _headline_frame(toks: list[_Tok], rules: _Rules, actors: _Actors, s_start: int, s_end: int
                    ) -> _Frame | None:
    """Headline attributions without a verb: "Kremlin: …", "Le Kremlin : …" and "… — Kremlin"."""
    if not toks:
        return None

    def only_actor(part: list[_Tok]) -> _Speaker | None:
        # the phrase is one alias and nothing else but function words
        found = _alias_matches(part, actors, rules.lang)
        if len(found) != 1:
            return None
        a, b, alias = found[0]
        if any(t.key not in rules.stopwords for t in part[:a] + part[b:]):
            return None
        return _Speaker(alias.actor, alias.side, "alias")

    for j in range(1, min(5, len(toks))):
        if ":" in toks[j].gap:
            who = only_actor(toks[:j])
            if who is not None:
                return _Frame(toks[0].start, toks[j - 1].end, ":", "neutral", "headline",
                              (toks[j].start, s_end), who, toks[0].start)
            break
    for j in range(len(toks) - 1, max(0, len(toks) - 4), -1):
        if any(d in toks[j].gap for d in "—–") or toks[j].gap.strip() == "-":
            who = only_actor(toks[j:])
            if who is not None:
                return _Frame(toks[j].start, toks[-1].end, "—", "neutral", "headline",
                              (s_start, toks[j - 1].end), who, toks[j].start)
            break
    return None


def _chunk_before(toks: list[_Tok], v: int, rules: _Rules, *, across: bool = False) -> list[_Tok]:
    """The words before token ``v`` back to a comma, a quotation or a clause word.

    With ``across``, a comma right before ``v`` does not end the phrase (the
    antecedent of "…, who said").
    """
    out: list[_Tok] = []
    if v < len(toks) and toks[v].hard and not across:
        return []
    j = v - 1
    while j >= 0 and len(out) < _CHUNK_BEFORE:
        t = toks[j]
        if t.inside or t.key in rules.words["boundaries"]:
            break
        out.append(t)
        if t.hard:
            break
        j -= 1
    return out[::-1]


def _chunk_after(toks: list[_Tok], j: int, rules: _Rules, *, first_gap: bool = False
                 ) -> tuple[list[_Tok], str]:
    """The words from token ``j`` on, up to a comma, a quotation or a clause word, and why it stopped.

    The reason is ``end`` (of the sentence), ``hard`` (punctuation or a
    quotation), ``complementizer`` ("that", «что»), ``boundary`` (another
    clause word) or ``max`` (too long to be a speaker's name).
    """
    out: list[_Tok] = []
    while j < len(toks) and toks[j].key in rules.words["after_skip"] and not toks[j].hard:
        j += 1
    while j < len(toks):
        t = toks[j]
        if t.inside or (out and t.hard) or (not out and t.hard and j > 0 and not first_gap):
            return out, "hard"
        if t.key in rules.words["complementizers"]:
            return out, "complementizer"
        if t.key in rules.words["boundaries"]:
            return out, "boundary"
        if len(out) >= _CHUNK_AFTER:
            return out, "max"
        out.append(t)
        j += 1
    return out, "end"


def _subject(toks: list[_Tok], upto: int, rules: _Rules) -> list[_Tok]:
    """The clause's likely subject: the words before token ``upto``, without the clauses
    that open with a clause word ("Dr X, who teaches …, said") or that are quoted.

    A sentence-initial "But"/"Mais"/«Но» is skipped, not taken for a clause word.
    """
    words = rules.words
    j = 0
    for k in range(1, upto):
        if ";" in toks[k].gap or ":" in toks[k].gap:
            j = k  # a new clause after a semicolon or colon
    while j < upto and toks[j].key in words["coordinators"]:
        j += 1
    out: list[_Tok] = []
    keep = True
    for k in range(j, upto):
        t = toks[k]
        if k == j or t.hard or t.key in words["boundaries"]:
            keep = not (t.key in words["boundaries"] or t.inside)
        if t.inside:
            keep = False
        if keep:
            out.append(t)
        if len(out) >= _CHUNK_BEFORE:
            break
    return out


def _content_span(toks: list[_Tok], frame: _Frame, low: int, high: int, rules: _Rules) -> tuple[int, int]:
    """The reported content of a frame, within ``low``–``high`` (its neighbouring frames).

    Before the frame when it closes the clause ("…, said X", "…, the Kremlin
    said Tuesday", "…, selon X"), after it otherwise ("X said that …",
    "Selon X, …"); for a frame in the middle ("Those bombing, he said, were …")
    the larger side.
    """
    if frame.pattern == "headline":
        return frame.content
    left = [t for t in toks if low <= t.start and t.end <= frame.start]
    right = [t for t in toks if frame.end <= t.start and t.end <= high]
    after_verb = [t for t in toks if t.start >= frame.verb_at and t.end <= high]
    tail = next((k for k, t in enumerate(after_verb[1:], start=1) if t.hard), len(after_verb)) - 1
    closes = frame.inverted or (tail <= 2 and bool(left) and _hard(_gap_before(toks, frame.start)))
    if frame.pattern in ("prep", "noun") and left and right:
        side = left if len(left) > len(right) else right
    elif closes and left:
        side = left
    else:
        side = right or left
    words = rules.words
    while side and side[0].key in words["complementizers"]:
        side = side[1:]  # "that …", "que …", «что …»
    while side and side[-1].key in words["boundaries"]:
        side = side[:-1]  # "…, and" before the next frame
    if not side:
        return (frame.end, frame.end)
    return side[0].start, side[-1].end


def _gap_before(toks: list[_Tok], pos: int) -> str:
    for t in toks:
        if t.start >= pos:
            return t.gap
    return ""


# ---------------------------------------------------------------------------
# find_quotes
# ---------------------------------------------------------------------------


@dataclass
class _Said:
    """One item of reported speech while an article is read."""

    start: int
    end: int
    kind: str
    who: _Speaker | None
    verb: str | None
    cls: str | None
    sent_id: int
    para_id: int


def find_quotes(articles: pd.DataFrame, sentences: pd.DataFrame, study: Study) -> pd.DataFrame:
    """Find direct quotations and reported speech, with speaker, side and reporting verb.

    Parameters
    ----------
    articles : DataFrame
        The corpus table (:func:`framing.read_corpus`): ``doc_id``, ``text``,
        optionally ``headline``.
    sentences : DataFrame
        From :func:`framing.segment` on the same articles.
    study : Study
        Its actors' aliases (``study.sides[...].actors[...].aliases[lang]``)
        resolve speakers to actor ids and sides.

    Returns
    -------
    DataFrame
        Columns :data:`QUOTE_COLUMNS`, one row per quotation or reported
        content, in reading order. ``speaker`` is the actor id when the
        speaker is one of the study's actors, else the speaker's name or
        description as written ("Hélène Marchetti", "a German official"),
        or missing when no speaker is named; ``side`` is the actor's side,
        the side a role noun is tied to ("Russian officials"), or
        ``other``. ``verb`` and ``verb_class`` are missing for quotations
        that no frame introduces (follow-on quotations inherit the speaker,
        and so the attribution, of the speech before them; scare quotes
        that echo a side's account terms are given to that side).

    Raises
    ------
    FramingError
        When an article of ``sentences`` is missing from ``articles``, or
        a language has no verb file.

    Examples
    --------
    >>> quotes = find_quotes(articles, segment(articles), study)  # doctest: +SKIP
    >>> quotes[["doc_id", "kind", "speaker", "side", "verb", "verb_class"]].head()  # doctest: +SKIP
    """
    missing = {"doc_id", "text"} - set(articles.columns)
    if missing:
        raise FramingError(f"find_quotes needs articles with doc_id and text; missing {sorted(missing)}. "
                           "Read them with framing.read_corpus.")
    missing = {"doc_id", "sent_id", "para_id", "part", "start", "end", "lang"} - set(sentences.columns)
    if missing:
        raise FramingError(f"find_quotes needs the sentences table of framing.segment; missing {sorted(missing)}.")
    by_id = articles.drop_duplicates("doc_id")
    texts = dict(zip(by_id["doc_id"], by_id["text"]))
    headlines = dict(zip(by_id["doc_id"], by_id["headline"])) if "headline" in by_id else {}
    absent = sorted(set(sentences["doc_id"]) - set(texts))
    if absent:
        raise FramingError(f"The sentences name {len(absent)} article(s) not in the articles table "
                           f"(e.g. {', '.join(map(str, absent[:3]))}); segment and find quotes in the same corpus.")
    columns = [sentences[c].tolist() for c in ("doc_id", "sent_id", "para_id", "part", "start", "end", "lang")]
    by_doc: dict[object, list[tuple]] = {}
    for row in zip(*columns):
        by_doc.setdefault(row[0], []).append(row)
    rows: list[tuple] = []
    per_lang: dict[str, tuple[_Rules, _Actors, Lexicon | None]] = {}
    for doc_id, sents in by_doc.items():
        lang = str(sents[0][6])
        if lang not in per_lang:
            per_lang[lang] = (_rules(lang), _actors(study, lang),
                              study.lexicon(lang) if lang in study.lexicon_paths else None)
        rules, actors, lexicon = per_lang[lang]
        sents.sort(key=lambda r: r[1])
        head = [(r[1], r[2], r[4], r[5]) for r in sents if r[3] == "headline"]
        body = [(r[1], r[2], r[4], r[5]) for r in sents if r[3] != "headline"]
        said: list[_Said] = []
        if head:
            said += _part_quotes(str(headlines.get(doc_id)), head, rules, actors, study, lexicon, headline=True)
        if body:
            said += _part_quotes(str(texts[doc_id]), body, rules, actors, study, lexicon, headline=False)
        for item in said:
            who = item.who
            rows.append((doc_id, item.sent_id, item.start, item.end, item.kind,
                         who.speaker if who else None, who.side if who else "other", item.verb, item.cls))
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return frame.astype({"doc_id": "object", "sent_id": "int64", "start": "int64", "end": "int64",
                         "kind": "string", "speaker": "string", "side": "string", "verb": "string",
                         "verb_class": "string"})


_DIALOGUE = re.compile(r"[—–]\s")
# the author's words after a dialogue line: ", — сказал он", " — dit-il"
_AUTHOR = re.compile(r",?\s+[—–]\s+(?=[^\W\d_])")


def _dialogue_spans(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Direct speech set off by a dash at the start of a paragraph, as in Russian and French:
    "— Мы ждали этого дня. Храм откроется, — сказал он." The speech runs from the dash to the
    dash that introduces the author's words, or to the end of the paragraph."""
    spans = []
    for start, end in paragraph_spans(text):
        if not _DIALOGUE.match(text, start) or any(a <= start < b for a, b in taken):
            continue
        author = _AUTHOR.search(text, start + 2, end)
        stop = author.start() if author else end
        if stop > start + 2:
            spans.append((start, stop))
    return spans


def _part_quotes(text: str, sent_rows: list[tuple[int, int, int, int]], rules: _Rules, actors: _Actors,
                 study: Study, lexicon: Lexicon | None, *, headline: bool) -> list[_Said]:
    """The reported speech of one part (the headline or the text), read sentence by sentence.

    ``sent_rows`` are its sentences' ``(sent_id, para_id, start, end)`` in order. A sentence
    without quotation marks and without a word that can start a frame or continue speech
    has nothing to say: it is not even tokenised, unless the next sentence's pronoun needs
    to know whom it is about.
    """
    quotes = quotation_spans(text)
    quotes = sorted(quotes + _dialogue_spans(text, quotes))
    out: list[_Said] = []
    last: _Said | None = None  # the last item with a speaker, for pronouns and follow-on quotations
    pending = list(quotes)
    frames_by_sent: dict[int, list[_Frame]] = {}
    toks_by_sent: dict[int, list[_Tok]] = {}
    previous: tuple | None = None  # the sentence before: (toks or None, sent_id, para_id, start, end)
    mention: _Said | None = None  # the person or actor it is about, once asked
    asked = False
    for sent_id, para_id, s_start, s_end in sent_rows:
        quoted = any(q[0] < s_end and q[1] > s_start for q in quotes)
        done = [q for q in pending if q[1] <= s_end]
        if not (headline or quoted or done or _may_speak(
                WORD.findall(text, s_start, s_end), rules,
                lambda: _continues(text, s_start, s_end, out, rules, sent_id, para_id))):
            frames_by_sent[sent_id] = []
            previous, mention, asked = (None, sent_id, para_id, s_start, s_end), None, False
            continue
        toks = _tokens(text, s_start, s_end, quotes, rules)
        toks_by_sent[sent_id] = toks
        frames = _sentence_frames(toks, s_start, s_end, rules, actors, headline=headline)
        for frame in frames:
            frame.content = _with_marks(frame.content, quotes, s_start, s_end)
        for frame in frames:
            if frame.who == _CARRY:
                # the speaker last named, or the person the sentence before is about, whichever
                # comes later; that sentence's subject starts before it ends, so when the last
                # speaker is named after that, it is not looked for
                if not asked and not (last is not None and previous is not None
                                      and last.start >= previous[4]):
                    mention, asked = _mention_of(previous, text, quotes, rules, actors), True
                ref = max((x for x in (last, mention) if x is not None), key=lambda x: x.start,
                          default=None)
                frame.who = ref.who if ref is not None else None
            elif frame.who == "impersonal":
                frame.who = None
            if frame.who is not None:
                last = _Said(frame.start, frame.end, "frame", frame.speaker, frame.verb, frame.cls, sent_id,
                             para_id)
        frames_by_sent[sent_id] = frames
        # quotations that end in this sentence are attributed now
        for q in sorted(done):
            pending.remove(q)
            item = _attribute(q, text, sent_rows, frames_by_sent, last, rules, lexicon, study,
                              toks_by_sent=toks_by_sent, actors=actors)
            if item is None:
                continue
            out.append(item)
            if item.who is not None and item.who.how != "echo":
                last = item
        # the reported content of each frame with words of its own
        for frame in frames:
            if frame.who is None and frame.pattern != "verb":
                continue
            a, b = frame.content
            near = [q for q in quotes if q[0] < b and q[1] > a]
            own = [t for t in toks if a <= t.start and t.end <= b and not t.inside
                   and not any(q[0] <= t.start < q[1] for q in near)]
            if len(own) >= 2:
                out.append(_Said(a, b, "indirect", frame.speaker, frame.verb, frame.cls, sent_id, para_id))
            elif not quoted:
                # speech reported without its content: "The Élysée gave a different account."
                out.append(_Said(frame.start, frame.end, "indirect", frame.speaker, frame.verb, frame.cls,
                                 sent_id, para_id))
        if not frames and not quoted:
            said = _continuation(toks, out, rules, sent_id, para_id)
            if said is not None:
                out.append(said)
        previous, mention, asked = (toks, sent_id, para_id, s_start, s_end), None, False
    for q in pending:  # a quotation reaching past the last sentence (cannot happen with segment output)
        item = _attribute(q, text, sent_rows, frames_by_sent, last, rules, lexicon, study,
                          toks_by_sent=toks_by_sent, actors=actors)
        if item is not None:
            out.append(item)
    out.sort(key=lambda s: (s.start, s.kind != "direct"))
    return out


# What a word can do in a sentence, as bits (see _what_it_does)
_ONE_WORD = 1     # a trigger of one word ("said", "selon")
_FIRST_WORD = 2   # the first word of longer triggers ("according" to, "in" the words of)
_CONTINUES = 4    # a word that continues reported speech (would, aurait, якобы)


def _what_it_does(rules: _Rules, raw: str) -> int:
    """What a word as written can do (the bits above; ``rules.telling[raw]``); 0 for most words."""
    key = _lower(raw, rules.lang)
    triggers = rules.starts[key]
    return (_ONE_WORD if any(len(t.words) == 1 for t in triggers) else _FIRST_WORD if triggers else 0) \
        | (_CONTINUES if key in rules.words["continuation"] else 0)


def _may_speak(words: list[str], rules: _Rules, continues: Callable[[], bool]) -> bool:
    """Whether a sentence with these words (WORD, as written) can hold a frame or continue speech.

    A cheap test that never says no wrongly: a one-word trigger; the words of a
    longer trigger in a row; a continuation word when ``continues()`` (speech
    just before, in the same paragraph) allows it.
    """
    telling = rules.telling
    found = set(map(telling.__getitem__, words))
    if _ONE_WORD in found or _ONE_WORD | _CONTINUES in found:
        return True
    if (_CONTINUES in found or _FIRST_WORD | _CONTINUES in found) and continues():
        return True
    if not (_FIRST_WORD in found or _FIRST_WORD | _CONTINUES in found):
        return False
    forms = rules.forms
    for i, word in enumerate(words):
        if telling[word] & _FIRST_WORD:
            for trig in rules.starts[forms[word][0]]:
                k = len(trig.words)
                if i + k <= len(words) and all(
                        forms[words[i + j]][0].startswith(w) if glob else forms[words[i + j]][0] == w
                        for j, (w, glob) in enumerate(trig.words)):
                    return True
    return False


def _mention_of(previous: tuple | None, text: str, quotes: list[tuple[int, int]], rules: _Rules,
                actors: _Actors) -> _Said | None:
    """:func:`_mention` of the sentence before, tokenising it if it was skipped."""
    if previous is None:
        return None
    toks, sent_id, para_id, s_start, s_end = previous
    if toks is None:  # tokenised only as far as _mention reads
        toks = _iter_tokens(text, s_start, s_end, quotes, rules)
    return _mention(toks, rules, actors, sent_id, para_id)


def _continues(text: str, s_start: int, s_end: int, said: list[_Said], rules: _Rules, sent_id: int,
               para_id: int) -> bool:
    """Whether :func:`_continuation` could find speech going on in this sentence: speech with a
    speaker in the sentence before, in the same paragraph (and in English a subject pronoun first)."""
    if rules.lang == "en":
        first = WORD.search(text, s_start, s_end)
        if first is None or _lower(first.group(), "en") not in rules.words["subject_pronouns"]:
            return False
    return any(s.sent_id == sent_id - 1 and s.para_id == para_id and s.who is not None and s.who.how != "echo"
               for s in said)


def _continuation(toks: list[_Tok], said: list[_Said], rules: _Rules, sent_id: int, para_id: int
                  ) -> _Said | None:
    """Reported speech continued without a new frame: the French journalistic conditional
    ("Poutine aurait refusé"), Russian «якобы», English "He would …" right after an attribution."""
    words = rules.words
    if not toks or not any(t.key in words["continuation"] and not t.inside for t in toks):
        return None
    if rules.lang == "en" and toks[0].key not in words["subject_pronouns"]:
        return None
    previous = [s for s in said if s.sent_id == sent_id - 1 and s.para_id == para_id and s.who is not None
                and s.who.how != "echo"]
    if not previous:
        return None
    return _Said(toks[0].start, toks[-1].end, "indirect", previous[-1].who, None, None, sent_id, para_id)


def _mention(toks: Iterable[_Tok], rules: _Rules, actors: _Actors, sent_id: int, para_id: int) -> _Said | None:
    """The actor or person a sentence opens with (its likely subject), for "he"/"il"/«он» next.

    The first phrase of the sentence, or the second when the first is a short
    phrase naming nobody ("Peu après, le président français …"). The tokens
    are read only as far as needed.
    """
    for n, head in enumerate(_phrases(toks, rules)):
        head = head[:8]
        who = _resolve(head, rules, actors, whole=False) if head else None
        if isinstance(who, _Speaker) and who.how in ("alias", "named"):
            return _Said(head[0].start, head[-1].end, "mention", who, None, None, sent_id, para_id)
        if who is not None or len(head) > 3 or n == 1:
            break
    return None


def _phrases(toks: Iterable[_Tok], rules: _Rules) -> Iterator[list[_Tok]]:
    """The phrases of a sentence up to its first quotation: each ends before a comma, a dash,
    a clause word … (see _hard, ``boundaries``)."""
    phrase: list[_Tok] = []
    for k, t in enumerate(toks):
        if t.inside:
            break
        if k and (t.hard or t.key in rules.words["boundaries"]):
            yield phrase
            phrase = []
        phrase.append(t)
    yield phrase


def _with_marks(span: tuple[int, int], quotes: list[tuple[int, int]], low: int, high: int) -> tuple[int, int]:
    """Widen a span that starts or ends inside a quotation to take in its marks."""
    a, b = span
    for qa, qb in quotes:
        if qa < a < qb and qa >= low:
            a = qa
        if qa < b < qb and qb <= high:
            b = qb
    return a, b


def _attribute(q: tuple[int, int], text: str, sent_rows: list[tuple], frames_by_sent: dict[int, list[_Frame]],
               last: _Said | None, rules: _Rules, lexicon: Lexicon | None, study: Study, *,
               toks_by_sent: dict[int, list[_Tok]], actors: _Actors) -> _Said | None:
    """Give a quotation its speaker: a frame beside it, the speaker before it, or the side it echoes."""
    a, b = q
    touched = [r for r in sent_rows if r[2] < b and r[3] > a]
    if not touched:
        return None
    sent_id, para_id = touched[0][0], touched[0][1]
    candidates = []
    for r in touched:
        for frame in frames_by_sent.get(r[0], []):
            if frame.who is None and frame.pattern != "verb":
                continue
            if frame.content[0] <= a and b <= frame.content[1]:
                distance = 0  # a partial quotation inside the reported content
            elif frame.verb_at >= b:
                distance = frame.start - b
            elif frame.end <= a:
                distance = a - frame.end
            else:
                distance = 0
            candidates.append((max(distance, 0), frame))
    inner = text[a:b]
    n_words = len(WORD.findall(inner))
    full = n_words > _SCARE_WORDS or bool(re.search(r"[.!?…]\W*$", inner.rstrip("”»“\"’›‘ ")))
    if candidates:
        frame = min(candidates, key=lambda c: c[0])[1]
        return _Said(a, b, "direct", frame.speaker, frame.verb, frame.cls, sent_id, para_id)
    if text[touched[0][2]:a].rstrip().endswith(":"):
        # "Un ancien ambassadeur, qui a requis l'anonymat, va plus loin : « … »"
        before = [t for t in toks_by_sent.get(sent_id, []) if t.end <= a]
        who = _resolve(_subject(before, len(before), rules), rules, actors, whole=False) if before else None
        if who == _CARRY:
            who = last.who if last is not None else None
        if isinstance(who, _Speaker):
            return _Said(a, b, "direct", who, None, None, sent_id, para_id)
    if full and last is not None and last.who is not None and para_id - last.para_id <= 1:
        return _Said(a, b, "direct", last.who, None, None, sent_id, para_id)
    side = _echo(inner, lexicon, study)
    if side is not None:
        return _Said(a, b, "direct", _Speaker(None, side, "echo"), None, None, sent_id, para_id)
    if full:
        return _Said(a, b, "direct", None, None, None, sent_id, para_id)
    return None


def _echo(inner: str, lexicon: Lexicon | None, study: Study) -> str | None:
    """The one side whose account terms the quoted words use, if exactly one."""
    if lexicon is None:
        return None
    sides = {study.side_of(m.category) for m in lexicon.find(inner)} - {None}
    return sides.pop() if len(sides) == 1 else None


# ---------------------------------------------------------------------------
# hits in quotes and speech
# ---------------------------------------------------------------------------


def mark_in_quote(hits: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """The hits with ``in_quote`` recomputed and a new ``in_speech`` column.

    ``in_quote``: the hit lies inside a direct quotation of ``quotes``;
    ``in_speech``: inside any reported speech, direct or indirect. A hit
    counts as inside when its whole span is.

    Examples
    --------
    >>> hits = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [1, 1], "part": ["lead", "lead"],
    ...                      "start": [5, 30], "end": [10, 35], "in_quote": [False, False]})
    >>> quotes = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [1, 1], "start": [0, 20],
    ...                        "end": [12, 40], "kind": ["direct", "indirect"]})
    >>> mark_in_quote(hits, quotes)[["in_quote", "in_speech"]].values.tolist()
    [[True, True], [False, True]]
    """
    missing = {"doc_id", "part", "start", "end"} - set(hits.columns)
    if missing:
        raise FramingError(f"mark_in_quote needs hits from framing.match; missing {sorted(missing)}.")
    # positions made unique across (article, headline or text) as group * width + offset
    codes, _ = pd.factorize(pd.concat([hits["doc_id"].astype(object), quotes["doc_id"].astype(object)],
                                      ignore_index=True))
    h_group = 2 * codes[:len(hits)] + (hits["part"] == "headline").to_numpy(np.int64)
    q_group = 2 * codes[len(hits):] + (quotes["sent_id"] == 0).to_numpy(np.int64)
    h_start, h_end = hits["start"].to_numpy(np.int64), hits["end"].to_numpy(np.int64)
    q_start, q_end = quotes["start"].to_numpy(np.int64), quotes["end"].to_numpy(np.int64)
    width = int(max(h_end.max(initial=0), q_end.max(initial=0))) + 1
    h_start, h_end = h_group * width + h_start, h_group * width + h_end
    q_start, q_end = q_group * width + q_start, q_group * width + q_end
    direct = (quotes["kind"] == "direct").to_numpy(bool)
    out = hits.copy()
    out["in_quote"] = pd.Series(_inside(q_start[direct], q_end[direct], h_start, h_end), index=hits.index,
                                dtype="bool")
    out["in_speech"] = pd.Series(_inside(q_start, q_end, h_start, h_end), index=hits.index, dtype="bool")
    return out


# ---------------------------------------------------------------------------
# voice measures
# ---------------------------------------------------------------------------


def voice_measures(sentences: pd.DataFrame, hits: pd.DataFrame, quotes: pd.DataFrame, study: Study
                   ) -> pd.DataFrame:
    """Whose voice each article carries: one row per article.

    For each side id ``<side>`` of the study:

    ``<side>_voice``
        share of the article's words (headline and text, ``\\w+`` tokens)
        that lie inside quoted or reported speech of that side (direct or
        indirect; a word inside both counts once).
    ``<side>_direct``, ``<side>_indirect``
        number of that side's direct quotations and indirect reports.
    ``<side>_distancing``
        share of that side's attributions (rows of ``quotes`` with a verb)
        introduced by a ``distancing`` verb or marked by a distancing word;
        NaN when the side has no attribution in the article.
    ``<side>_adoption``
        **count** of that side's account terms (lexicon hits) in the
        journalist's own voice, outside any reported speech: the account
        adopted rather than reported.

    Parameters
    ----------
    sentences : DataFrame
        From :func:`framing.segment`.
    hits : DataFrame
        From :func:`framing.match`. Hits already marked by
        :func:`mark_in_quote` (with ``in_speech``), as :func:`framing.analyse`
        returns them, are taken as they are; mark them with these ``quotes``.
    quotes : DataFrame
        From :func:`find_quotes`.
    study : Study

    Examples
    --------
    >>> voice = voice_measures(run.sentences, run.hits, quotes, study)  # doctest: +SKIP
    """
    sides = study.side_ids
    docs = pd.unique(sentences["doc_id"])
    n_docs = len(docs)
    doc_of = {d: k for k, d in enumerate(docs)}
    if "in_speech" in hits:
        marked = hits  # already marked (mark_in_quote), as analyse does
    else:
        marked = mark_in_quote(hits, quotes) if len(hits) else hits.assign(in_speech=pd.Series(dtype=bool))
    # each (article, headline or text) is a group; positions are made unique across
    # groups as group * width + offset, so one sorted array serves them all
    sent_doc = sentences["doc_id"].map(doc_of).to_numpy(np.int64)
    sent_group = 2 * sent_doc + (sentences["part"] == "headline").to_numpy(np.int64)
    sent_start = sentences["start"].to_numpy(np.int64)
    sent_end = sentences["end"].to_numpy(np.int64)
    known = quotes["doc_id"].isin(doc_of)
    q = quotes[known]
    q_group = 2 * q["doc_id"].map(doc_of).to_numpy(np.int64) + (q["sent_id"] == 0).to_numpy(np.int64)
    q_start, q_end = q["start"].to_numpy(np.int64), q["end"].to_numpy(np.int64)
    width = int(max(sent_end.max(initial=0), q_end.max(initial=0))) + 1

    # the words of the sentences that some quotation or report reaches; the others are only counted
    reached = _overlapping(q_group * width + q_start, q_group * width + q_end,
                           sent_group * width + sent_start, sent_group * width + sent_end)
    n_words = np.zeros(len(sent_doc), np.int64)
    spans: list[tuple[int, int]] = []
    for k, (text, reach) in enumerate(zip(sentences["text"], reached.tolist())):
        if reach:
            found = [m.span() for m in WORD.finditer(text)]
            spans += found
            n_words[k] = len(found)
        else:
            n_words[k] = len(WORD.findall(text))
    total = np.bincount(sent_doc, weights=n_words, minlength=n_docs).astype(np.int64)
    base = np.repeat((sent_group * width + sent_start)[reached], n_words[reached])
    spans_array = np.array(spans, np.int64).reshape(-1, 2)
    w_start, w_end = base + spans_array[:, 0], base + spans_array[:, 1]
    w_doc = np.repeat(sent_doc[reached], n_words[reached])

    side = q["side"].to_numpy(object)
    kind = q["kind"].to_numpy(object)
    verb_class = q["verb_class"]
    attributed = verb_class.notna().to_numpy()
    distancing = (verb_class == "distancing").fillna(False).to_numpy(bool)
    q_doc = q_group // 2
    h_known = marked["doc_id"].isin(doc_of).to_numpy()
    h_doc = marked["doc_id"].map(doc_of).to_numpy()[h_known].astype(np.int64)
    h_side = marked["counts_for" if "counts_for" in marked else "side"].fillna("").to_numpy(object)[h_known]
    h_own = ~marked["in_speech"].astype(bool).to_numpy()[h_known]

    out = pd.DataFrame({"doc_id": list(docs)})
    with np.errstate(invalid="ignore", divide="ignore"):
        for s in sides:
            mine = side == s
            inside = _inside(q_group[mine] * width + q_start[mine], q_group[mine] * width + q_end[mine],
                             w_start, w_end)
            covered = np.bincount(w_doc[inside], minlength=n_docs)
            out[f"{s}_voice"] = np.where(total > 0, covered / np.maximum(total, 1), np.nan)
            out[f"{s}_direct"] = np.bincount(q_doc[mine & (kind == "direct")], minlength=n_docs)
            out[f"{s}_indirect"] = np.bincount(q_doc[mine & (kind == "indirect")], minlength=n_docs)
            n_attributed = np.bincount(q_doc[mine & attributed], minlength=n_docs)
            n_distancing = np.bincount(q_doc[mine & attributed & distancing], minlength=n_docs)
            out[f"{s}_distancing"] = np.where(n_attributed > 0, n_distancing / np.maximum(n_attributed, 1), np.nan)
            out[f"{s}_adoption"] = np.bincount(h_doc[(h_side == s) & h_own], minlength=n_docs)
    columns = ["doc_id"] + [f"{s}_{m}" for s in sides
                            for m in ("voice", "direct", "indirect", "distancing", "adoption")]
    out = out[columns]
    for s in sides:
        out = out.astype({f"{s}_voice": "float64", f"{s}_distancing": "float64",
                          f"{s}_direct": "int64", f"{s}_indirect": "int64",
                          f"{s}_adoption": "int64"})
    return out


def _inside(span_start: np.ndarray, span_end: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """For each ``start``–``end``, whether one span lies around it (``span_start <= start`` and ``end <= span_end``)."""
    if not len(span_start):
        return np.zeros(len(start), bool)
    order = np.argsort(span_start, kind="stable")
    reach = np.maximum.accumulate(span_end[order])  # the furthest end of the spans starting up to here
    k = np.searchsorted(span_start[order], start, side="right") - 1
    return (k >= 0) & (reach[np.maximum(k, 0)] >= end)


def _overlapping(span_start: np.ndarray, span_end: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """For each ``start``–``end``, whether some span overlaps it (``span_start < end`` and ``span_end > start``)."""
    if not len(span_start):
        return np.zeros(len(start), bool)
    order = np.argsort(span_start, kind="stable")
    reach = np.maximum.accumulate(span_end[order])
    k = np.searchsorted(span_start[order], end, side="left") - 1
    return (k >= 0) & (reach[np.maximum(k, 0)] > start)


# ---------------------------------------------------------------------------
# evaluation
# ---------------------------------------------------------------------------


def evaluate_quotes(quotes: pd.DataFrame, gold: pd.DataFrame, sentences: pd.DataFrame,
                    articles: pd.DataFrame, *, by: Sequence[str] = ("lang", "split")) -> pd.DataFrame:
    """Reported-speech detection and speaker side against the gold, overall and per group.

    A gold sentence has reported speech when its ``speaker`` is not empty; a
    sentence is predicted to have it when it overlaps a row of ``quotes``.
    Where both say so, the predicted side is that of the first such row in
    reading order (the codebook's "first speaker") and is compared with
    ``speaker_side``.

    Parameters
    ----------
    quotes : DataFrame
        From :func:`find_quotes`.
    gold : DataFrame
        From :func:`framing.evaluate.read_gold`.
    sentences : DataFrame
        From :func:`framing.segment`; must match the gold's sentences.
    articles : DataFrame
        Gives the ``by`` columns per ``doc_id``.
    by : sequence of str
        Group by each column alone and by all together (``lang=en & split=dev``).

    Returns
    -------
    DataFrame
        ``group, metric, value, n`` with metrics ``precision`` (``n`` =
        sentences predicted), ``recall`` (``n`` = gold sentences with
        speech), ``f1`` (``n`` = sentences) and ``side_accuracy`` (``n`` =
        sentences where both have speech).

    Examples
    --------
    >>> table = evaluate_quotes(quotes, gold, run.sentences, articles)  # doctest: +SKIP
    >>> table.pivot(index="group", columns="metric", values="value")  # doctest: +SKIP
    """
    keys = ["doc_id", "sent_id"]
    missing = {"doc_id", "sent_id", "speaker", "speaker_side"} - set(gold.columns)
    if missing:
        raise FramingError(f"evaluate_quotes needs a gold table with {sorted(missing)}; "
                           "read it with framing.evaluate.read_gold.")
    absent = [c for c in by if c not in articles.columns]
    if absent:
        raise FramingError(f"evaluate_quotes: the articles table has no column(s) {absent} to group by; "
                           f"its columns are {', '.join(articles.columns)}.")
    sents = sentences[keys + ["part", "start", "end"]].merge(gold[keys + ["speaker", "speaker_side"]],
                                                             on=keys, how="inner")
    if len(sents) < len(gold):
        raise FramingError(f"Only {len(sents)} of {len(gold)} gold sentences are in the sentences table; "
                           "segment the same corpus the gold was coded on.")
    index: dict[tuple, list[tuple[int, int, str]]] = {}
    for doc_id, sent_id, start, end, side in zip(quotes["doc_id"], quotes["sent_id"], quotes["start"],
                                                 quotes["end"], quotes["side"]):
        index.setdefault((doc_id, int(sent_id) == 0), []).append((int(start), int(end), str(side)))
    predicted, sides = [], []
    for doc_id, part, start, end in zip(sents["doc_id"], sents["part"], sents["start"], sents["end"]):
        over = sorted((a, b, s) for a, b, s in index.get((doc_id, part == "headline"), ()) if a < end and b > start)
        predicted.append(bool(over))
        sides.append(over[0][2] if over else "")
    sents["predicted"] = predicted
    sents["predicted_side"] = sides
    sents["gold_speech"] = sents["speaker"].fillna("").astype(str).str.len() > 0
    meta = articles[["doc_id", *by]].drop_duplicates("doc_id")
    sents = sents.merge(meta, on="doc_id", how="left")
    results = [_speech_metrics("all", sents)]
    for column in by:
        for value, part in sents.groupby(column, sort=True):
            results.append(_speech_metrics(f"{column}={value}", part))
    if len(by) > 1:
        for values, part in sents.groupby(list(by), sort=True):
            results.append(_speech_metrics(" & ".join(f"{c}={v}" for c, v in zip(by, values)), part))
    out = pd.DataFrame([r for block in results for r in block], columns=["group", "metric", "value", "n"])
    return out.astype({"value": "float64", "n": "int64"})


def _speech_metrics(group: str, sents: pd.DataFrame) -> list[tuple]:
    pred, gold = sents["predicted"], sents["gold_speech"]
    tp = int((pred & gold).sum())
    n_pred, n_gold = int(pred.sum()), int(gold.sum())
    precision = tp / n_pred if n_pred else np.nan
    recall = tp / n_gold if n_gold else np.nan
    f1 = 2 * tp / (n_pred + n_gold) if n_pred + n_gold else np.nan
    both = sents[pred & gold]
    accuracy = float((both["predicted_side"] == both["speaker_side"]).mean()) if len(both) else np.nan
    return [(group, "precision", precision, n_pred), (group, "recall", recall, n_gold),
            (group, "f1", f1, len(sents)), (group, "side_accuracy", accuracy, len(both))]


# ---------------------------------------------------------------------------
# an article in HTML
# ---------------------------------------------------------------------------

_OTHER_COLOUR = "#999999"


def highlight_html(article: pd.Series | dict, quotes: pd.DataFrame, study: Study) -> str:
    """One article as HTML, each quotation and report highlighted in its side's colour.

    Direct quotations get a solid background, indirect reports a lighter one
    and an underline; hovering shows speaker, verb and class. Colours come
    from :func:`framing.figures.base.side_colours` (``other`` is grey).
    Display it in a notebook with ``IPython.display.HTML(...)``.

    Examples
    --------
    >>> html_text = highlight_html(articles.iloc[0], quotes, study)  # doctest: +SKIP
    """
    from .figures.base import side_colours

    colours = {**side_colours(study), "other": _OTHER_COLOUR}
    doc_id = article["doc_id"]
    mine = quotes[quotes["doc_id"] == doc_id]
    parts = []
    headline = article.get("headline") if hasattr(article, "get") else None
    if isinstance(headline, str) and headline.strip():
        head = mine[mine["sent_id"] == 0]
        parts.append(f"<h3>{_highlight(headline, head, colours, 0, len(headline))}</h3>")
    text = str(article["text"])
    body = mine[mine["sent_id"] != 0]
    parts.extend(f"<p>{_highlight(text, body, colours, start, end)}</p>" for start, end in paragraph_spans(text))
    legend = " ".join(
        f'<span style="background:{_tint(colours[s], 0.45)};padding:0 4px">{html.escape(label)}</span>'
        for s, label in [*((side.id, side.label) for side in study.sides.values()), ("other", "other")])
    return (f'<div class="framing-quotes" style="line-height:1.6;max-width:48em">'
            f'<div style="font-size:smaller">{legend} · solid: direct quotation; '
            f'underlined: indirect report</div>{"".join(parts)}</div>')


def _highlight(text: str, quotes: pd.DataFrame, colours: dict[str, str], start: int, end: int) -> str:
    """``text[start:end]`` as HTML, the parts inside quotes wrapped in coloured spans."""
    spans = sorted(zip(quotes["start"], quotes["end"], quotes["kind"], quotes["side"], quotes["speaker"],
                       quotes["verb"], quotes["verb_class"]), key=lambda q: (q[0], -q[1]))
    inner = {int(p) for q in spans for p in q[:2] if start < int(p) < end}
    cuts = sorted({start, end, *inner})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b])
        covering = [q for q in spans if q[0] <= a and b <= q[1]]
        if not covering:
            out.append(piece)
            continue
        q = min(covering, key=lambda q: (q[1] - q[0], q[2] != "direct"))
        start, end, kind, side, speaker, verb, cls = q
        colour = colours.get(str(side), _OTHER_COLOUR)
        title = html.escape(f"{kind}: {speaker if isinstance(speaker, str) else '?'} ({side})"
                            + (f", {verb} [{cls}]" if isinstance(verb, str) else ""))
        style = (f"background:{_tint(colour, 0.45)}" if kind == "direct"
                 else f"background:{_tint(colour, 0.18)};border-bottom:2px solid {colour}")
        out.append(f'<span title="{title}" style="{style}">{piece}</span>')
    return "".join(out).replace("\n", "<br>")


def _tint(colour: str, alpha: float) -> str:
    """``colour`` mixed with white: ``alpha`` of the colour."""
    colour = colour.lstrip("#")
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    mix = [round(255 - alpha * (255 - c)) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)
