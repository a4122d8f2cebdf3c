"""Speakers of reported speech: the study's actors and aliases per language, and resolution.

An alias of one of the study's actors (Russian words compared by stem, so
Пескова and Путину match Песков and Путин; French elisions split off, so
d'Ayrault matches Ayrault); a role with a side's name next to it ("Russian
officials", *un diplomate français*, «источник в Кремле») gives that side; a
pronoun or a definite role ("the source", «— считает эксперт») takes the
speaker before it (:data:`CARRY`); a commentator's role or any other name
keeps its words with the side ``other`` (:func:`resolve_speaker`).
"""

from __future__ import annotations

import functools
from collections.abc import Container
from dataclasses import dataclass, field

from ..study import Study
from ..text import WORD
from .language import Memo, RU_SURNAME_ENDINGS, Rules, Token, fold_word, language_rules, lower_word, same_stem, stem_word

__all__ = ["Actors", "CARRY", "Speaker", "alias_matches", "resolve_speaker", "role_matches", "study_actors"]


@dataclass(frozen=True)
class _Alias:
    actor: str
    side: str
    stems: tuple[str, ...]
    caps: int


@dataclass(frozen=True)
class Actors:
    by_first: dict[str, tuple[_Alias, ...]]
    anchors: dict[str, str]  # stem -> side
    # filled as stems are met: the side a stem names (_side_named) and what it can do in a
    # speaker phrase (_relevance)
    sides: dict[str, str | None] = field(default_factory=dict, compare=False)
    relevant: dict[str, int | tuple[str, ...]] = field(default_factory=dict, compare=False)


def study_actors(study: Study, lang: str) -> Actors:
    """The study's aliases for ``lang``, indexed, and the words that name each side."""
    aliases = tuple((side.id, actor.id, tuple(actor.aliases.get(lang, ())))
                    for side in study.sides.values() for actor in side.actors.values())
    return _actors_of(lang, aliases)


@functools.lru_cache(maxsize=64)
def _actors_of(lang: str, aliases: tuple[tuple[str, str, tuple[str, ...]], ...]) -> Actors:
    """:func:`study_actors` of ``(side id, actor id, aliases)`` triples, kept for the next call."""
    rules = language_rules(lang)
    by_first: dict[str, list[_Alias]] = {}
    seen: dict[str, set[str]] = {}
    excluded = {fold_word(w, lang) for w in rules.stopwords} | {stem_word(w, lang) for w in rules.words["generic"]}
    for phrase in (*rules.official, *rules.other):
        excluded.update(phrase)
    for side_id, actor_id, names in aliases:
        for alias in names:
            raw = WORD.findall(alias.replace("’", "'"))
            if not raw:
                continue
            stems = tuple(stem_word(w, lang) for w in raw)
            caps = sum(w[0].isupper() for w in raw)
            entry = _Alias(actor_id, side_id, stems, caps)
            by_first.setdefault(_first_key(stems[0], lang), []).append(entry)
            if len(raw) > 2 and lower_word(raw[0], lang) in rules.words["definite"] | {"a", "an", "un", "une"}:
                # "le chef de l'État" also matches "du chef de l'État"
                bare = _Alias(actor_id, side_id, stems[1:], caps)
                by_first.setdefault(_first_key(stems[1], lang), []).append(bare)
            # anchors: content words that name a side; of a personal name
            # ("Vladimir Putin") only the surname
            words = raw[-1:] if len(raw) > 1 and all(w[0].isupper() for w in raw) else raw
            for w in words:
                s = stem_word(w, lang)
                if len(s) >= 3 and s not in excluded and fold_word(w, lang) not in excluded:
                    seen.setdefault(s, set()).add(side_id)
    anchors = {s: next(iter(sides)) for s, sides in seen.items() if len(sides) == 1}
    actors = Actors(
        by_first={k: tuple(sorted(v, key=lambda a: len(a.stems), reverse=True)) for k, v in by_first.items()},
        anchors=anchors,
        sides=Memo(lambda stem: _side_named(stem, anchors)),
        relevant=Memo(lambda stem: _relevance(stem, rules, actors)),
    )
    return actors


def _relevance(stem: str, rules: Rules, actors: Actors) -> int | tuple[str, ...]:
    """What a stem can do in a speaker phrase (``actors.relevant[stem]``): 0 nothing; 1 it is an
    alias or role of one word, or names a side; otherwise the stems that must follow it for an
    alias or a role phrase it starts ("the" → "kremlin", "élysée", …).

    A phrase where none can, and no word could start a name, names nobody
    (:func:`resolve_speaker` need not look further).
    """
    ru = rules.lang == "ru"
    starts = [alias.stems for alias in actors.by_first.get(stem[:3] if ru else stem, ())]  # _first_key
    starts += rules.index["roles"].get(stem[:2] if ru else stem, ())  # _phrase_key
    if actors.sides[stem] is not None or any(len(words) == 1 for words in starts):
        return 1
    return tuple(dict.fromkeys(words[1] for words in starts)) or 0


def _names_nobody(toks: list[Token], actors: Actors, lang: str) -> bool:
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


CARRY = "carry"


@dataclass
class Speaker:
    speaker: str | None
    side: str
    how: str  # alias | anchor | named | commentator | role | echo | unknown


def alias_matches(toks: list[Token], actors: Actors, lang: str) -> list[tuple[int, int, _Alias]]:
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
    return same_stem(text_stem, alias_stem) if lang == "ru" else text_stem == alias_stem


def role_matches(toks: list[Token], which: str, rules: Rules) -> list[tuple[int, int]]:
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


def resolve_speaker(toks: list[Token], rules: Rules, actors: Actors, *, whole: bool = True) -> Speaker | str | None:
    """The speaker a phrase names: a :class:`Speaker`, ``"carry"`` (a pronoun), or None.

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
        return CARRY
    if first.key in words["impersonal"]:
        return "impersonal"
    if _names_nobody(toks, actors, lang):
        # no alias, role, side or name can be found: the phrase's own words, as below
        content = _content(toks, rules)
        return Speaker(_surface(content), "other", "unknown") if content and whole else None

    aliases = alias_matches(toks, actors, lang)
    covered = {j for a, b, _ in aliases for j in range(a, b)}
    officials = [r for r in role_matches(toks, "official", rules) if r[0] not in covered]
    official_cover = {j for a, b in officials for j in range(a, b)}
    others = [r for r in role_matches(toks, "other", rules) if r[0] not in covered | official_cover]
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
        return CARRY  # "the source said", "l'expert", «— считает эксперт»

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
            return Speaker(alias.actor, alias.side, "alias")
        if kind == "anchor":
            return Speaker(_surface(toks[a:b]), side, "anchor")  # "Russian officials", "diplomate russe"
        if kind == "name":
            return Speaker(_surface(toks[a:b]), "other", "named")
        return Speaker(_surface(toks[a:a + 5]), "other", "commentator")
    if anchors:
        j = min(anchors)
        return Speaker(toks[j].raw, anchors[j], "anchor")  # a side's name used as a speaker: "France"
    if officials:
        if determined and len(toks) <= 4:
            return CARRY
        a, _ = officials[0]
        if lang == "ru" and not toks[a].raw.endswith(("ы", "и")) and not (a > 0 and _ru_adjective(toks[a - 1])):
            return CARRY  # «источник, знакомый с подготовкой визита» refers back to the last source
        return Speaker(_surface(content), "other", "role")
    if not content or not whole:
        return None
    return Speaker(_surface(content), "other", "unknown")


_RU_ADJECTIVE = ("ий", "ый", "ой", "ая", "ое", "ие", "ые", "ого", "ому", "ым", "ом", "ей", "ую", "их", "ых")


def _ru_adjective(tok: Token) -> bool:
    return len(tok.key) > 4 and tok.key.endswith(_RU_ADJECTIVE)


def _names(toks: list[Token], rules: Rules, skip: Container[int], roles: Container[int] = frozenset()
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
            lone = k - j == 1 and rules.lang == "ru" and not t.stem.endswith(RU_SURNAME_ENDINGS) and (
                len(toks) > 1 or _ru_adjective(t))
            modifier = k - j == 1 and k in roles
            if (k - j >= 2 or j > 0 or len(toks) == 1) and not (institution or latin or lone or modifier):
                runs.append((j, k))
            j = k
        else:
            j += 1
    return runs


def _content(toks: list[Token], rules: Rules) -> list[Token]:
    """The phrase without its leading function words, at most six words."""
    i = 0
    while i < len(toks) and toks[i].key in rules.stopwords:
        i += 1
    return toks[i:i + 6]


def _surface(toks: list[Token]) -> str | None:
    """The words of a phrase as written, joined by their own hyphens and apostrophes."""
    if not toks:
        return None
    parts = [toks[0].raw]
    for t in toks[1:]:
        gap = t.gap.strip()
        parts.append((gap if gap in ("-", "'", "’") and t.gap == gap else " ") + t.raw)
    return "".join(parts)
