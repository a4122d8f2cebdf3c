"""The language data of reported speech: verb files, word folding and stemming, tokens.

Every rule is data (``framing/data/verbs/<lang>.yml``, one file per language,
read by :func:`language_rules`; the public view is :func:`reporting_verbs`)
or a few lines here. Words are compared folded (:func:`fold_word`: lower
case, accents dropped except in Russian) and, for names, stemmed
(:func:`stem_word`: a Russian case ending removed). A sentence is read as
:class:`Token` objects (:func:`sentence_tokens`) that know whether they lie
inside a quotation.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable

import pandas as pd
import yaml

from ..errors import FramingError, check_choice
from ..safeyaml import load_yaml
from ..text import WORD, stopwords

__all__ = ["CONTINUES", "FIRST_WORD", "Memo", "ONE_WORD", "RU_SURNAME_ENDINGS", "Rules", "Token", "Trigger",
           "VERB_CLASSES", "fold_word", "hard_gap", "iter_tokens", "language_rules", "lower_word",
           "reporting_verbs", "same_stem", "sentence_tokens", "stem_word", "what_it_does"]

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
# How many words the per-language lookups (a word's forms, the triggers it can
# start, the side it names) remember; each is emptied when full, so memory stays
# bounded however large the corpus.
_CACHE_WORDS = 1 << 17


class Memo(dict):
    """``memo[key]`` is ``compute(key)``, computed once; emptied when it holds ``_CACHE_WORDS`` keys."""

    def __init__(self, compute: Callable[[str], object]):
        super().__init__()
        self.compute = compute

    def __missing__(self, key: str) -> object:
        if len(self) >= _CACHE_WORDS:
            self.clear()
        value = self[key] = self.compute(key)
        return value


@dataclass(frozen=True)
class Trigger:
    lemma: str
    cls: str
    pattern: str
    source: str
    words: tuple[tuple[str, bool], ...]  # (folded word, is a prefix glob)


@dataclass(frozen=True)
class Rules:
    lang: str
    triggers: dict[str, tuple[Trigger, ...]]  # first folded word -> triggers, longest first
    globs: tuple[Trigger, ...]                # triggers whose first word is a glob
    words: dict[str, frozenset[str]]           # the word lists (folded)
    official: tuple[tuple[str, ...], ...]
    other: tuple[tuple[str, ...], ...]
    stopwords: frozenset[str]
    # the role phrases by the first word they can start at (see _phrase_key)
    index: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = field(default_factory=dict, compare=False)
    # filled as words are met: a word's forms (_word_forms), the triggers a lower-case word can
    # start (_trigger_starts), and what a word as written can do in a sentence (what_it_does)
    forms: dict[str, tuple[str, str, bool]] = field(default_factory=dict, compare=False)
    starts: dict[str, tuple[Trigger, ...]] = field(default_factory=dict, compare=False)
    telling: dict[str, int] = field(default_factory=dict, compare=False)


@functools.lru_cache(maxsize=1 << 16)
def lower_word(word: str, lang: str) -> str:
    """Lower case, and ё as е: how function words and reporting verbs are compared."""
    word = word.lower().replace("’", "'")
    return word.replace("ё", "е") if lang == "ru" else word


def fold_word(word: str, lang: str) -> str:
    """Lower case; accents dropped except in Russian, where only ё becomes е (for names)."""
    word = lower_word(word, lang)
    if lang == "ru":
        return word
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_RU_ENDINGS = sorted(
    ["ого", "его", "ому", "ему", "ыми", "ими", "ых", "их", "ой", "ей", "ую", "юю", "ая", "яя", "ое", "ее",
     "ый", "ий", "ым", "им", "ом", "ем", "ам", "ям", "ах", "ях", "ами", "ями", "ою", "ею",
     "а", "я", "о", "е", "у", "ю", "ы", "и", "ь", "й"], key=len, reverse=True)


# stems of Russian surnames: -ов/-ев/-ин/-ын, -ский/-цкий, -енко, -ук/-юк, -ич, -ян
RU_SURNAME_ENDINGS = ("ов", "ев", "ёв", "ин", "ын", "ск", "цк", "нк", "ук", "юк", "ич", "ян", "ова", "ева")


@functools.lru_cache(maxsize=1 << 16)
def stem_word(word: str, lang: str) -> str:
    """The folded word, with a Russian case or gender ending removed (stems of 3+ letters kept).

    The genitive plural -ов/-ев is not removed: it is also how most surnames
    end (Песков, Лавров), whose other cases then share their stem.
    """
    word = fold_word(word, lang)
    if lang != "ru":
        return word
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def same_stem(a: str, b: str) -> bool:
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
def language_rules(lang: str) -> Rules:
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
        raw = load_yaml(path.read_text(encoding="utf-8"), where=where)
    except yaml.YAMLError as err:
        raise FramingError(f"{where}: not valid YAML ({err}); fix the file.") from None
    if not isinstance(raw, dict) or "verbs" not in raw:
        raise FramingError(f"{where}: expected a mapping with a `verbs` key.")
    unknown = sorted(set(raw) - _TOP_KEYS)
    if unknown:
        raise FramingError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_TOP_KEYS))}.")
    sources = raw.get("sources") or {}
    by_first: dict[str, list[Trigger]] = {}
    globs: list[Trigger] = []
    for lemma, spec in raw["verbs"].items():
        if not isinstance(spec, dict) or set(spec) - _VERB_KEYS or not {"class", "forms", "source"} <= set(spec):
            raise FramingError(f"{where}: verb {lemma!r} must give class, source and forms "
                               f"(and optionally pattern); got {spec!r}.")
        cls, pattern = spec["class"], spec.get("pattern", "verb")
        check_choice(f"the class of verb {lemma!r}", cls, VERB_CLASSES, where=where)
        check_choice(f"the pattern of verb {lemma!r}", pattern, _PATTERNS, where=where)
        if spec["source"] not in sources:
            raise FramingError(f"{where}: verb {lemma!r} cites source {spec['source']!r}, which is not "
                               "listed under `sources`.")
        for form in spec["forms"]:
            form_words = tuple((lower_word(w.rstrip("*"), lang), w.endswith("*")) for w in str(form).split())
            trigger = Trigger(str(lemma), cls, pattern, spec["source"], form_words)
            if form_words[0][1]:
                globs.append(trigger)
            else:
                by_first.setdefault(form_words[0][0], []).append(trigger)
    words = {key: frozenset(lower_word(str(w), lang) for w in raw.get(key) or []) for key in _LIST_KEYS}
    # a phrase also ends at a complementizer or a relative word
    words["boundaries"] = words["boundaries"] | words["complementizers"] | words["relatives"]
    roles = raw.get("roles") or {}

    def phrases(items: Iterable[str]) -> tuple[tuple[str, ...], ...]:
        seqs = {tuple(stem_word(w, lang) for w in WORD.findall(str(item))) for item in items}
        return tuple(sorted((s for s in seqs if s), key=len, reverse=True))

    official = phrases(roles.get("official") or [])
    other = phrases(roles.get("other") or [])
    rules = Rules(
        lang=lang,
        triggers={k: tuple(sorted(v, key=lambda t: len(t.words), reverse=True)) for k, v in by_first.items()},
        globs=tuple(sorted(globs, key=lambda t: len(t.words), reverse=True)),
        words=words,
        official=official,
        other=other,
        stopwords=_stopwords(lang),
        index={"official": _phrase_index(official, lang), "other": _phrase_index(other, lang),
               "roles": _phrase_index(official + other, lang)},
        forms=Memo(lambda raw: _word_forms(raw, lang)),
        starts=Memo(lambda key: _trigger_starts(rules, key)),
        telling=Memo(lambda raw: what_it_does(rules, raw)),
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


def _trigger_starts(rules: Rules, key: str) -> tuple[Trigger, ...]:
    """The triggers a word (lower case) can start, longest first (``rules.starts[key]``)."""
    found = [*rules.triggers.get(key, ()), *(g for g in rules.globs if key.startswith(g.words[0][0]))]
    found.sort(key=lambda t: len(t.words), reverse=True)
    return tuple(found)


@functools.lru_cache(maxsize=16)
def _stopwords(lang: str) -> frozenset[str]:
    """The shipped stop words of ``lang`` (:func:`framing.text.stopwords`) as words are compared here; none if absent."""
    try:
        return frozenset(lower_word(w, lang) for w in stopwords(lang))
    except FramingError:
        return frozenset()


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
    language_rules(lang)  # checks the file
    raw = load_yaml(_verbs_path(lang).read_text(encoding="utf-8"), where=f"framing/data/verbs/{lang}.yml")
    sources = raw.get("sources") or {}
    rows = []
    for lemma, spec in raw["verbs"].items():
        for form in spec["forms"]:
            rows.append((str(lemma), str(form), spec["class"], spec.get("pattern", "verb"),
                         str(sources[spec["source"]])))
    return pd.DataFrame(rows, columns=["lemma", "form", "class", "pattern", "source"])


@dataclass(slots=True)
class Token:
    start: int
    end: int
    raw: str
    key: str   # lower case
    stem: str
    inside: bool  # inside a direct quotation
    gap: str      # the text between the previous token and this one
    cap: bool
    hard: bool    # whether that gap ends a phrase (hard_gap)


_SOFT_GAP = re.compile(r"^[\s.'’\-‐]*$")


@functools.lru_cache(maxsize=4096)
def hard_gap(gap: str) -> bool:
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
    return lower_word(raw, lang), stem_word(raw, lang), raw[:1].isupper()


_GAP_WORD = re.compile(r"(\W*)(\w+)")  # a word (WORD) and the text before it


def sentence_tokens(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]], rules: Rules) -> list[Token]:
    forms = rules.forms
    toks: list[Token] = []
    append = toks.append
    e = start
    for gap, raw in _GAP_WORD.findall(text, start, end):
        s = e + len(gap)
        e = s + len(raw)
        key, stem, cap = forms[raw]
        append(Token(s, e, raw, key, stem, False, gap, cap, hard_gap(gap)))
    for a, b in quotes:
        if a < end and b > start:
            for t in toks:
                if a < t.start and t.end <= b:
                    t.inside = True
    return toks


def iter_tokens(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]], rules: Rules
                 ) -> Iterator[Token]:
    """:func:`sentence_tokens`, one at a time, for a reader that may stop early."""
    forms = rules.forms
    quotes = [(a, b) for a, b in quotes if a < end and b > start]
    e = start
    for m in _GAP_WORD.finditer(text, start, end):
        gap, raw = m.groups()
        s = e + len(gap)
        e = s + len(raw)
        key, stem, cap = forms[raw]
        inside = any(a < s and e <= b for a, b in quotes) if quotes else False
        yield Token(s, e, raw, key, stem, inside, gap, cap, hard_gap(gap))


# What a word can do in a sentence, as bits (see what_it_does)
ONE_WORD = 1     # a trigger of one word ("said", "selon")
FIRST_WORD = 2   # the first word of longer triggers ("according" to, "in" the words of)
CONTINUES = 4    # a word that continues reported speech (would, aurait, якобы)


def what_it_does(rules: Rules, raw: str) -> int:
    """What a word as written can do (the bits above; ``rules.telling[raw]``); 0 for most words."""
    key = lower_word(raw, rules.lang)
    triggers = rules.starts[key]
    return (ONE_WORD if any(len(t.words) == 1 for t in triggers) else FIRST_WORD if triggers else 0) \
        | (CONTINUES if key in rules.words["continuation"] else 0)
