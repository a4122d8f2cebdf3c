"""The word matcher under :class:`framing.lexicon.Lexicon`: exact, glob and multi-word entries.

A matcher is built from a mapping of category names to patterns and matches
text in three steps:

1. the text is split into word tokens (``\\w+``, see :data:`framing.text.WORD`);
2. each distinct token *type* is classified once (case folded, optionally
   stemmed, looked up among exact entries and prefix globs) and the result is
   cached, so the cost per token is one dictionary look-up;
3. entries of several words are checked only where their first word occurs.

Pattern syntax and the overlap rules are described in :mod:`framing.lexicon`.
Rules (proximity, conjunction, denial scope) are built on top of this
matcher in :mod:`framing.lexicon.rules`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import compress, repeat
from operator import is_
from typing import NamedTuple

from ..errors import LexiconError

__all__ = ["Matcher", "Match", "OVERLAP_RULES", "STEMMER_LANGUAGES"]

OVERLAP_RULES = ("category", "lexicon", "keep")

#: Languages with a Snowball stemmer in nltk (no download needed).
STEMMER_LANGUAGES = {
    "ar": "arabic", "da": "danish", "nl": "dutch", "en": "english", "fi": "finnish",
    "fr": "french", "de": "german", "hu": "hungarian", "it": "italian", "no": "norwegian",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish", "sv": "swedish",
}

_WORD = re.compile(r"\w+")
_NON_WORD = re.compile(r"\W*")
_PATTERN_WORD = re.compile(r"[\w*?]+")
_JOINERS = frozenset({" ", "-", "'", "’", "\u00a0", "\u2010", "\u2011", "\t", "\n"})
_MAX_WORDS = 12
_MAX_PATTERN = 200
_CACHE_LIMIT = 2_000_000


class Match(NamedTuple):
    """One lexicon match: ``text[start:end]`` matched ``term`` of ``category``.

    A named tuple: ``category, term, start, end = match`` unpacks it.
    """

    category: str
    term: str
    start: int
    end: int


_new_match = partial(tuple.__new__, Match)  # Match from a tuple of its fields, without a Python call


@dataclass(frozen=True, slots=True)
class _Entry:
    category: str
    term: str
    words: tuple[int, ...]  # ids of word patterns


class Matcher:
    """A compiled set of word patterns (the plain part of a :class:`framing.lexicon.Lexicon`).

    Parameters
    ----------
    dictionary : mapping of str to sequence of str
        Category name to patterns. Nested categories are written with dots
        (``kremlin.programme``); see :func:`framing.dictionaries.read_dictionary`
        for reading LIWC, quanteda, Lexicoder and WordStat files.
    lang : str, optional
        ISO 639-1 code; needed only with ``stem=True``.
    stem : bool, default False
        Snowball-stem exact words of entries and words of the text.
    stem_for : mapping of str to bool, optional
        Per-category override of ``stem``.
    overlap : {"category", "lexicon", "keep"}, default "category"
        How nested matches are counted (see the module docstring).

    Examples
    --------
    >>> lex = Matcher({"france": ["war crime*", "Aleppo"], "kremlin": ["fell out of the program*"]})
    >>> [(m.category, m.term, m.start, m.end) for m in lex.find("War crimes in Aleppo")]
    [('france', 'war crime*', 0, 10), ('france', 'Aleppo', 14, 20)]
    """

    def __init__(self, dictionary: Mapping[str, Sequence[str]], *, lang: str | None = None,
                 stem: bool = False, overlap: str = "category",
                 stem_for: Mapping[str, bool] | None = None) -> None:
        if overlap not in OVERLAP_RULES:
            raise LexiconError(
                f"overlap must be one of {', '.join(OVERLAP_RULES)}; got {overlap!r}."
            )
        if not isinstance(dictionary, Mapping) or not dictionary:
            raise LexiconError(
                "A lexicon needs a non-empty mapping of category names to lists of patterns; "
                f"got {type(dictionary).__name__} {dictionary!r:.80}."
            )
        self.lang = lang
        self.stem = stem
        self.overlap = overlap
        stem_for = dict(stem_for or {})
        self._stemmer = _stemmer(lang) if (stem or any(stem_for.values())) else None
        self._word_ids: dict[tuple[str, str], int] = {}
        self._exact: dict[str, list[int]] = {}  # folded word -> word ids
        self._stemmed: dict[str, list[int]] = {}  # stem of a word -> word ids (stemmed entries)
        self._prefix: dict[str, list[int]] = {}  # prefix of a trailing-* glob -> word ids
        self._globs: list[tuple[int, Callable[[str], bool]]] = []  # other globs
        self._min_prefix = 10**9
        self.entries: list[_Entry] = []
        self._starting: dict[int, list[int]] = {}  # word id -> entries starting with it
        seen: set[tuple[str, tuple[int, ...]]] = set()
        for category, patterns in dictionary.items():
            if isinstance(patterns, str):
                patterns = [patterns]
            if not isinstance(category, str) or not category:
                raise LexiconError(f"Category names must be non-empty strings; got {category!r}.")
            stemmed = stem_for.get(category, stem)
            for pattern in patterns:
                words = self._compile_pattern(category, pattern, stemmed)
                if (category, words) in seen:
                    continue  # the same entry twice in one category counts once
                seen.add((category, words))
                self._starting.setdefault(words[0], []).append(len(self.entries))
                self.entries.append(_Entry(category, pattern, words))
        self.categories = list(dict.fromkeys(dictionary))
        # Per token type (as it appears in text): word ids it matches, and the
        # entries that may start at it. Filled lazily, one look-up per type.
        self._type_words: dict[str, frozenset[int]] = {}
        # Every type seen so far is a key of _type_starts (an empty tuple when
        # no entry starts at it), so one look-up per token classifies it.
        self._type_starts: dict[str, tuple[_Entry, ...]] = {}
        self._whole_words: dict[str, re.Pattern] = {}  # token type -> pattern of it as a whole word

    # -- compiling -------------------------------------------------------------

    def _compile_pattern(self, category: str, pattern: object, stem: bool = False) -> tuple[int, ...]:
        where = f"category {category!r}, pattern {pattern!r:.60}"
        if not isinstance(pattern, str):
            raise LexiconError(f"Patterns must be strings; {where} is a {type(pattern).__name__}.")
        if len(pattern) > _MAX_PATTERN:
            raise LexiconError(
                f"Pattern too long ({len(pattern)} characters, at most {_MAX_PATTERN}) in {where}."
            )
        words = _PATTERN_WORD.findall(pattern.lower())
        if not words:
            raise LexiconError(
                f"Pattern has no word characters in {where}; write words, globs such as "
                "'bomb*', or several words separated by spaces."
            )
        if len(words) > _MAX_WORDS:
            raise LexiconError(f"Pattern has {len(words)} words (at most {_MAX_WORDS}) in {where}.")
        ids = []
        for word in words:
            if not word.strip("*?"):
                raise LexiconError(
                    f"Pattern word {word!r} is only wildcards and would match every word; {where}. "
                    "Give at least one letter, e.g. 'bomb*'."
                )
            ids.append(self._word_id(word, stem))
        return tuple(ids)

    def _word_id(self, word: str, stem: bool = False) -> int:
        word = re.sub(r"\*+", "*", word)
        kind = "glob" if ("*" in word or "?" in word) else "stem" if stem else "exact"
        key = (kind, word)
        if key in self._word_ids:
            return self._word_ids[key]
        wid = len(self._word_ids)
        self._word_ids[key] = wid
        if kind == "exact":
            self._exact.setdefault(word, []).append(wid)
        elif kind == "stem":
            self._stemmed.setdefault(self._stemmer(word), []).append(wid)
        elif word.endswith("*") and "*" not in word[:-1] and "?" not in word:
            prefix = word[:-1]
            self._prefix.setdefault(prefix, []).append(wid)
            self._min_prefix = min(self._min_prefix, len(prefix))
        else:
            self._globs.append((wid, _glob(word)))
        return wid

    # -- classifying word types -------------------------------------------------

    def _classify(self, token: str) -> None:
        low = token.lower()
        ids = list(self._exact.get(low, ()))
        if self._stemmed:
            ids.extend(self._stemmed.get(self._stemmer(low), ()))
        if self._prefix:
            for i in range(self._min_prefix, len(low) + 1):
                found = self._prefix.get(low[:i])
                if found:
                    ids.extend(found)
        for wid, matches in self._globs:
            if matches(low):
                ids.append(wid)
        starts: tuple[_Entry, ...] = ()
        if ids:
            words = frozenset(ids)
            self._type_words[token] = words
            starts = tuple(self.entries[e] for w in sorted(words) for e in self._starting.get(w, ()))
        self._type_starts[token] = starts

    def _classify_new(self, tokens: list[str]) -> list[int]:
        """Classify the types of ``tokens`` not seen before; return the indices of the candidates."""
        starts_of = self._type_starts
        n = len(tokens)
        got = list(map(starts_of.get, tokens))
        unseen = list(compress(range(n), map(is_, got, repeat(None))))
        new = {tokens[i] for i in unseen}
        if len(starts_of) + len(new) > _CACHE_LIMIT:  # start the cache afresh with this text's types
            self._type_words.clear()
            self._whole_words.clear()
            starts_of.clear()
            new = set(tokens)
            unseen = range(n)
        for token in new:
            self._classify(token)
        for i in unseen:
            got[i] = starts_of[tokens[i]]
        return list(compress(range(n), got))

    def _whole_word(self, token: str) -> re.Pattern:
        pattern = self._whole_words.get(token)
        if pattern is None:
            pattern = self._whole_words[token] = re.compile(rf"(?<!\w){re.escape(token)}(?!\w)")
        return pattern

    @property
    def _seen_types(self):
        """The token types classified so far (a set-like view)."""
        return self._type_starts.keys()

    # -- matching ---------------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """Return the matches in ``text``, ordered by position.

        Examples
        --------
        >>> lex = Matcher({"k": ["program*"], "f": ["Syria"]})
        >>> [(m.category, m.term) for m in lex.find("Syria? Not in the programme.")]
        [('f', 'Syria'), ('k', 'program*')]
        """
        found, several, shared = self.scan(text)
        if several:
            if self.overlap != "keep":
                found = self._drop_nested(found)
            found.sort(key=_position)
        elif shared and self.overlap != "keep":
            # Single words only: found is already in reading order, and a match is
            # nested only in an earlier one on the same word (and the same category),
            # so only where several entries start at one token.
            seen: set = set()
            by_category = self.overlap == "category"
            found = [f for f in found if (key := (f[2], f[4].category if by_category else None)) not in seen
                     and not seen.add(key)]
        return [_new_match((e.category, e.term, s, t)) for s, t, _, _, e in found]

    def scan(self, text: str) -> tuple[list[tuple], bool, bool]:
        """Every match in ``text``, nested ones included, before the overlap rule.

        Returns ``(found, several, shared)``: ``found`` holds tuples
        ``(start, end, first_token, last_token, entry)`` (token indices count
        ``\\w+`` tokens of ``text``), in order of first token unless
        ``several``; ``several`` tells whether any match has several words,
        ``shared`` whether several entries start at one token.
        """
        tokens = _WORD.findall(text)
        starts_of = self._type_starts
        n = len(tokens)
        try:
            candidates = list(compress(range(n), map(starts_of.__getitem__, tokens)))
        except KeyError:  # types not seen before: classify them once
            candidates = self._classify_new(tokens)
        if not candidates:
            return [], False, False
        words_of = self._type_words
        found: list[tuple[int, int, int, int, _Entry]] = []  # start, end, first, last token, entry
        # Offsets of candidate tokens only. Every whole-token occurrence of a
        # candidate's type is itself a candidate, so searching for the token from
        # the end of the previous candidate, skipping occurrences inside longer
        # words, finds exactly this one.
        size_text = len(text)
        pos = 0
        several = False  # any match of several words?
        shared = False  # any token where several entries start?
        for i in candidates:
            token = tokens[i]
            start = text.find(token, pos)
            end = start + len(token)
            # inside a longer word? (a word character, as \w matches, on either side)
            if (start and ((c := text[start - 1]).isalnum() or c == "_")) or (
                    end < size_text and ((c := text[end]).isalnum() or c == "_")):
                start = self._whole_word(token).search(text, pos).start()
                end = start + len(token)
            pos = end
            entries = starts_of[token]
            if len(entries) > 1:
                shared = True
            for entry in entries:
                k = len(entry.words)
                if k == 1:
                    found.append((start, end, i, i, entry))
                    continue
                if i + k > n:
                    continue
                cur = end
                for j in range(1, k):
                    following = tokens[i + j]
                    if entry.words[j] not in words_of.get(following, ()):
                        break
                    gap = _NON_WORD.match(text, cur).end()  # where token i + j starts
                    if not _joined(text[cur:gap]):
                        break
                    cur = gap + len(following)
                else:
                    found.append((start, cur, i, i + k - 1, entry))
                    several = True
        return found, several, shared

    def _drop_nested(self, found: list) -> list:
        by_category = self.overlap == "category"
        # Longest first; a match is dropped if a kept match of the same scope covers it.
        # Single-word matches look up the covered (scope, token) pairs; longer
        # ones are compared with the kept matches of several words only.
        found = sorted(found, key=_longest_first)
        kept: list = []
        covered: set[tuple] = set()
        kept_long: list = []
        for match in found:
            scope = match[4].category if by_category else None
            first, last = match[2], match[3]
            if first == last:
                if (scope, first) in covered:
                    continue
            elif any(
                (not by_category or k[4].category == scope) and k[2] <= first and last <= k[3]
                for k in kept_long
            ):
                continue
            kept.append(match)
            if first == last:
                covered.add((scope, first))
            else:
                kept_long.append(match)
                covered.update((scope, j) for j in range(first, last + 1))
        return kept

    def find_all(self, texts: Iterable[str]) -> list[list[Match]]:
        """Return :meth:`find` for each text.

        Examples
        --------
        >>> [len(m) for m in Matcher({"a": ["x"]}).find_all(["x x", "y"])]
        [2, 0]
        """
        return [self.find(text) for text in texts]

    def __repr__(self) -> str:
        return (f"Matcher({len(self.categories)} categories, {len(self.entries)} entries, "
                f"lang={self.lang!r}, stem={self.stem}, overlap={self.overlap!r})")


def _position(found: tuple) -> tuple[int, int]:
    return (found[0], -found[1])


def _longest_first(found: tuple) -> tuple[int, int]:
    return (found[2] - found[3], found[2])


def _glob(word: str) -> Callable[[str], bool]:
    """A matcher for a glob word with ``*`` and ``?``, linear in the word's length.

    The literal pieces between stars are fixed-length patterns (``?`` is any
    character); the first must match at the start, the last at the end, and
    the middle ones are found left to right. No regular expression with
    nested repetition is ever run, so a hostile pattern such as
    ``a*a*a*a*b`` cannot backtrack catastrophically.
    """
    pieces = [re.compile("".join("." if c == "?" else re.escape(c) for c in piece), re.DOTALL)
              for piece in word.split("*")]
    sizes = [len(p) for p in word.split("*")]
    if len(pieces) == 1:
        return lambda s: pieces[0].fullmatch(s) is not None
    first, *middle, last = pieces

    def matches(s: str) -> bool:
        tail = len(s) - sizes[-1]
        if tail < sizes[0] or not first.match(s) or not last.fullmatch(s, tail):
            return False
        pos = sizes[0]
        for piece in middle:
            found = piece.search(s, pos, tail)
            if found is None:
                return False
            pos = found.end()
        return True

    return matches


def _joined(separator: str) -> bool:
    return bool(separator) and all(c in _JOINERS for c in separator)


def _stemmer(lang: str | None):
    if lang not in STEMMER_LANGUAGES:
        raise LexiconError(
            f"stem=True needs a language with a Snowball stemmer; got lang={lang!r}. "
            f"Choose one of {', '.join(sorted(STEMMER_LANGUAGES))} or set stem=False."
        )
    from nltk.stem.snowball import SnowballStemmer  # no data download needed

    return SnowballStemmer(STEMMER_LANGUAGES[lang]).stem
