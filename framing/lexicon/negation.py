"""Negation and denial cues per language, and the scope rule that marks hits ``denied``.

Cue lists ship in ``framing/data/negation/{lang}.yml`` (see ``en.yml`` for
the keys). :func:`load_cues` reads one or several languages into a
:class:`Cues` object; :class:`framing.lexicon.Lexicon` uses it to decide,
for every hit, whether a cue governs it:

- the cue ends before the hit starts, in the same sentence;
- at most ``window[kind]`` words lie between them;
- no clause break lies between them: one of ``, ; : ( ) [ ] — –``, a
  spaced hyphen, or a word of ``breaks`` (for negators also a word of
  ``negator_breaks``: "that", "why", *que*, «что»…); quotation marks do not
  break a clause, so a denial inside a quotation governs the quoted words;
- the cue is not part of a ``not_cues`` phrase ("not only") nor of a longer
  lexicon match ("would not attend"), which owns it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from ..errors import LexiconError
from ..safeyaml import load_yaml
from .core import Matcher

__all__ = ["Cues", "load_cues", "CUE_LANGUAGES", "CUE_KINDS"]

#: The two kinds of cue: plain negation and denial (rejecting a claim).
CUE_KINDS = ("negator", "denial")
_KEYS = {"window", "negators", "denials", "not_cues", "breaks", "negator_breaks"}
_PUNCTUATION = r"[,;:()\[\]—–]|\s-\s|\.\.\."


def _available() -> tuple[str, ...]:
    folder = resources.files("framing") / "data" / "negation"
    return tuple(sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".yml")))


#: Languages with cue lists in the package data.
CUE_LANGUAGES = _available()


@dataclass(frozen=True)
class Cues:
    """Compiled cue lists of one or several languages.

    Attributes
    ----------
    langs : tuple of str
    window : dict of str to int
        Largest number of words between a cue of each kind and the hit it governs.
    matcher : Matcher
        Matches the categories ``negator``, ``denial`` and ``not_cue``.
    """

    langs: tuple[str, ...]
    window: Mapping[str, int]
    matcher: Matcher
    breaks: Mapping[str, re.Pattern]  # kind -> pattern of a clause break

    def broken(self, kind: str, between: str) -> bool:
        """Whether the text ``between`` a cue of ``kind`` and a hit holds a clause break."""
        return self.breaks[kind].search(between) is not None


def load_cues(langs: str | Iterable[str]) -> Cues:
    """Read the package's cue lists for one language or several (merged).

    Examples
    --------
    >>> cues = load_cues("en")
    >>> cues.window["negator"], cues.broken("negator", " why the ")
    (3, True)
    """
    langs = (langs,) if isinstance(langs, str) else tuple(dict.fromkeys(langs))
    return _load(langs)


@functools.lru_cache(maxsize=16)
def _load(langs: tuple[str, ...]) -> Cues:
    if not langs:
        raise LexiconError("load_cues needs at least one language.")
    window = {kind: 0 for kind in CUE_KINDS}
    lists: dict[str, list[str]] = {"negator": [], "denial": [], "not_cue": []}
    breaks: list[str] = []
    negator_breaks: list[str] = []
    for lang in langs:
        if lang not in CUE_LANGUAGES:
            raise LexiconError(
                f"No negation cues for language {lang!r}; the package has {', '.join(CUE_LANGUAGES)}. "
                "Set negation: false in the lexicon's _options (or matching.negation: false in the "
                "study), or add framing/data/negation/<lang>.yml."
            )
        where = f"framing/data/negation/{lang}.yml"
        raw = load_yaml((resources.files("framing") / "data" / "negation" / f"{lang}.yml")
                        .read_text(encoding="utf-8"), where=where, error=LexiconError)
        unknown = set(raw) - _KEYS
        if unknown:
            raise LexiconError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}.")
        for kind in CUE_KINDS:
            window[kind] = max(window[kind], int(raw["window"][kind]))
        lists["negator"] += [str(x) for x in raw.get("negators", [])]
        lists["denial"] += [str(x) for x in raw.get("denials", [])]
        lists["not_cue"] += [str(x) for x in raw.get("not_cues", [])]
        breaks += [str(x) for x in raw.get("breaks", [])]
        negator_breaks += [str(x) for x in raw.get("negator_breaks", [])]
    matcher = Matcher({k: v for k, v in lists.items() if v}, overlap="keep")
    compiled = {"denial": _break_pattern(breaks), "negator": _break_pattern(breaks + negator_breaks)}
    return Cues(langs=langs, window=window, matcher=matcher, breaks=compiled)


def _break_pattern(words: list[str]) -> re.Pattern:
    alternatives = sorted({re.escape(w.lower()).replace(r"\ ", r"\s+") for w in words}, key=len, reverse=True)
    body = "|".join(alternatives)
    words_part = rf"|(?<!\w)(?:{body})(?!\w)" if body else ""
    return re.compile(rf"{_PUNCTUATION}{words_part}", re.IGNORECASE)
