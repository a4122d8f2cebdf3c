"""The rule layer of :class:`Lexicon`: proximity entries, sentence conjunctions, denial scope, roles.

The semantics are stated in :mod:`framing.lexicon` and in the README
("Lexicon rules"). Everything is compiled once: every word pattern of every
rule (proximity operands, conjunction items) goes into one :class:`Matcher`,
so a text is tokenised and classified once; the rules then look only at the
matches found, never at every token.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ..errors import LexiconError
from .core import OVERLAP_RULES, Match, Matcher
from .negation import CUE_LANGUAGES, Cues, load_cues

__all__ = ["Lexicon", "Hit", "ROLES", "RULE_KEYS", "NEGATION_MODES", "OPTION_KEYS"]

#: What a category is for: ``account`` hits count for their side; ``context`` hits are kept but never counted.
ROLES = ("account", "context")
#: Keys of a rule category (a mapping instead of a list of patterns).
RULE_KEYS = frozenset({"patterns", "all", "any", "none", "role", "if_denied", "codebook", "stem",
                       "negation", "description"})
#: Which cues may deny a category's hits: all cues, denial cues only, or none.
NEGATION_MODES = ("all", "denial", "off")
#: Keys of the ``_options`` entry of a lexicon mapping or file.
OPTION_KEYS = frozenset({"stem", "negation"})

_PROXIMITY = re.compile(r"^(?P<a>.+?)\s+(?P<op>NEAR|BEFORE)/(?P<k>\d+)\s+(?P<b>.+)$")
_HAS_OPERATOR = re.compile(r"\b(?:NEAR|BEFORE)/")
_PROXIMITY_TERM = re.compile(r"\s(?:NEAR|BEFORE)/\d+\s")
_SENTENCE_MARK = re.compile(r"[.!?…]\S*\s")


class Hit(NamedTuple):
    """One hit of a :class:`Lexicon` with what scoring needs to know about it.

    ``counts_for`` is the category the hit counts for in scores: the category
    itself, its ``if_denied`` category when the hit is denied, or ``None``
    (a context hit, or a denied hit of a category without ``if_denied``).
    """

    category: str
    term: str
    start: int
    end: int
    denied: bool
    role: str
    counts_for: str | None


@dataclass
class _Category:
    name: str
    role: str = "account"
    if_denied: str | None = None
    codebook: str = ""
    negation: str = "all"
    stem: bool | None = None
    patterns: list[str] = field(default_factory=list)
    proximity: list[tuple] = field(default_factory=list)  # (term, a_key, b_key, k, ordered)
    all: list[tuple] = field(default_factory=list)  # keys: ("cat", name)
    any: list[tuple] = field(default_factory=list)
    none: list[tuple] = field(default_factory=list)
    hidden: bool = False  # an anonymous category made for a proximity item of a conjunction

    @property
    def conjunction(self) -> bool:
        return bool(self.all or self.any)


class Lexicon:
    """A compiled lexicon: plain entries, proximity entries and rule categories.

    Parameters
    ----------
    dictionary : mapping
        Category name to a list of patterns (quanteda style), or to a rule
        mapping with the keys of :data:`RULE_KEYS` (see :mod:`framing.lexicon`).
        An entry ``_options`` holds lexicon-wide options (:data:`OPTION_KEYS`).
    lang : str, optional
        ISO 639-1 code: the Snowball stemmer and the negation cues of the language.
    stem : bool, optional
        Stem exact entry words and text words; default from ``_options``, else False.
        A category's own ``stem`` key overrides it.
    overlap : {"category", "lexicon", "keep"}, default "category"
        How nested matches are counted.
    negation : bool, str or sequence of str, optional
        Mark hits governed by a negation or denial cue as ``denied``: True
        uses the cues of ``lang``, a code or list of codes names the cue
        languages, False turns it off. Default from ``_options``, else True
        when the package has cues for ``lang``.

    Examples
    --------
    >>> lex = Lexicon({"k": ["program* NEAR/3 chang*"], "ctx": {"patterns": ["Syria"], "role": "context"}},
    ...               lang="en")
    >>> [(h.category, h.term, h.denied, h.counts_for) for h in lex.hits("The programme was changed, not Syria.")]
    [('k', 'program* NEAR/3 chang*', False, 'k'), ('ctx', 'Syria', True, None)]
    """

    def __init__(self, dictionary: Mapping[str, object], *, lang: str | None = None,
                 stem: bool | None = None, overlap: str = "category",
                 negation: bool | str | Sequence[str] | None = None) -> None:
        if overlap not in OVERLAP_RULES:
            raise LexiconError(f"overlap must be one of {', '.join(OVERLAP_RULES)}; got {overlap!r}.")
        if not isinstance(dictionary, Mapping) or not [k for k in dictionary if k != "_options"]:
            raise LexiconError(
                "A lexicon needs a non-empty mapping of category names to lists of patterns; "
                f"got {type(dictionary).__name__} {dictionary!r:.80}."
            )
        options = dictionary.get("_options") or {}
        if not isinstance(options, Mapping) or set(options) - OPTION_KEYS:
            raise LexiconError(f"_options must be a mapping with keys among {sorted(OPTION_KEYS)}; "
                               f"got {options!r:.80}.")
        self.lang = lang
        self.stem = bool(options.get("stem", False) if stem is None else stem)
        self.overlap = overlap
        self._specs: dict[str, _Category] = {}
        self._atoms: dict[tuple[str, bool], str] = {}  # (pattern, stemmed) -> hidden category
        for name, value in dictionary.items():
            if name == "_options":
                continue
            if not isinstance(name, str) or not name or name.startswith("\x00"):
                raise LexiconError(f"Category names must be non-empty strings; got {name!r}.")
            self._specs[name] = self._parse(name, value)
        self.categories = [c for c, s in self._specs.items() if not s.hidden]
        self._check_references()
        self._order = self._topological()
        self.rules = any(s.proximity or s.conjunction or s.none or s.hidden for s in self._specs.values())
        plain: dict[str, list[str]] = {}
        stem_for: dict[str, bool] = {}
        for name, spec in self._specs.items():
            plain[name] = spec.patterns
            if spec.stem is not None:
                stem_for[name] = spec.stem
        for (pattern, stemmed), name in self._atoms.items():
            plain[name] = [pattern]
            stem_for[name] = stemmed
        plain = {k: v for k, v in plain.items() if v}
        self._matcher = Matcher(plain or {"\x00empty": []}, lang=lang, stem=self.stem,
                                overlap="keep" if self.rules else overlap, stem_for=stem_for)
        self.cues = self._cues(options.get("negation", True) if negation is None else negation,
                               explicit=negation is not None or "negation" in options)
        self.counted_categories = [c for c in self.categories if self._specs[c].role == "account"]
        for c in self.categories:
            target = self._specs[c].if_denied
            if target and target not in self.counted_categories:
                self.counted_categories.append(target)

    # -- parsing -----------------------------------------------------------------

    def _parse(self, name: str, value: object) -> _Category:
        spec = _Category(name)
        if isinstance(value, str):
            value = [value]
        if isinstance(value, Mapping):
            unknown = set(map(str, value)) - RULE_KEYS
            if unknown:
                raise LexiconError(f"Category {name!r}: unknown rule key(s) {sorted(unknown)}; "
                                   f"allowed: {', '.join(sorted(RULE_KEYS))}.")
            spec.role = str(value.get("role", "account"))
            if spec.role not in ROLES:
                raise LexiconError(f"Category {name!r}: role must be one of {', '.join(ROLES)}; "
                                   f"got {spec.role!r}.")
            spec.if_denied = value.get("if_denied")
            if spec.if_denied is not None and not isinstance(spec.if_denied, str):
                raise LexiconError(f"Category {name!r}: if_denied must name a category; got {spec.if_denied!r}.")
            spec.codebook = str(value.get("codebook", "") or "")
            spec.negation = str(value.get("negation", "all"))
            if spec.negation not in NEGATION_MODES:
                raise LexiconError(f"Category {name!r}: negation must be one of {', '.join(NEGATION_MODES)}; "
                                   f"got {spec.negation!r}.")
            stem = value.get("stem")
            if stem is not None and not isinstance(stem, bool):
                raise LexiconError(f"Category {name!r}: stem must be true or false; got {stem!r}.")
            spec.stem = stem
            entries = _strings(value.get("patterns", []), name, "patterns")
            for key in ("all", "any", "none"):
                setattr(spec, key, [self._item(name, item) for item in _strings(value.get(key, []), name, key)])
            if not (entries or spec.conjunction):
                raise LexiconError(f"Category {name!r} has neither patterns nor all/any items; "
                                   "give `patterns: [...]` or `all: [...]`.")
        elif isinstance(value, Iterable):
            entries = _strings(list(value), name, "patterns")
        else:
            raise LexiconError(f"Category {name!r} must map to a list of patterns or a rule mapping; "
                               f"got {type(value).__name__}.")
        stemmed = self.stem if spec.stem is None else spec.stem
        for entry in entries:
            proximity = _PROXIMITY.match(entry)
            if proximity:
                a = self._operand(name, proximity["a"], stemmed)
                b = self._operand(name, proximity["b"], stemmed)
                spec.proximity.append((entry, a, b, int(proximity["k"]), proximity["op"] == "BEFORE"))
            elif _HAS_OPERATOR.search(entry):
                raise LexiconError(f"Category {name!r}: {entry!r} is not a proximity entry; write "
                                   "`A NEAR/k B` or `A BEFORE/k B` with a word count k, e.g. 'program* NEAR/3 chang*'.")
            else:
                spec.patterns.append(entry)
        return spec

    def _operand(self, category: str, text: str, stemmed: bool) -> tuple:
        text = text.strip()
        if text.startswith("@"):
            return ("cat", text[1:])
        if _HAS_OPERATOR.search(text):
            raise LexiconError(f"Category {category!r}: a proximity entry joins two terms; "
                               f"{text!r} holds another operator. Name a category with @ instead.")
        key = (text, stemmed)
        if key not in self._atoms:
            self._atoms[key] = f"\x00{len(self._atoms)}"
        return ("cat", self._atoms[key])

    def _item(self, category: str, text: str) -> tuple:
        text = text.strip()
        if text.startswith("@"):
            return ("cat", text[1:])
        if _HAS_OPERATOR.search(text):  # an anonymous proximity category
            name = f"\x00p{len(self._specs)}_{len(self._atoms)}_{text}"
            self._specs[name] = self._parse(name, [text])
            self._specs[name].hidden = True
            return ("cat", name)
        return self._operand(category, text, self.stem)

    def _check_references(self) -> None:
        atoms = set(self._atoms.values())
        names = set(self._specs) | atoms
        for spec in self._specs.values():
            for _, a, b, _, _ in spec.proximity:
                for _, ref in (a, b):
                    if ref not in names:
                        raise LexiconError(f"Category {spec.name!r}: @{ref} names no category of the lexicon.")
                    target = self._specs.get(ref)
                    if target is not None and (target.proximity or target.conjunction or target.none):
                        raise LexiconError(
                            f"Category {spec.name!r}: a proximity operand @{ref} must be a category of "
                            "plain patterns; name its words, or move the rule into all/any.")
            for key in ("all", "any", "none"):
                for _, ref in getattr(spec, key):
                    if ref not in names:
                        raise LexiconError(f"Category {spec.name!r}: `{key}` names @{ref}, which is no "
                                           "category of the lexicon.")
            if spec.if_denied and not any(c == spec.if_denied or c.startswith(spec.if_denied + ".")
                                          for c in self._specs):
                raise LexiconError(f"Category {spec.name!r}: if_denied names {spec.if_denied!r}, which is "
                                   "neither a category nor a parent of one.")

    def _topological(self) -> list[str]:
        order: list[str] = []
        state: dict[str, int] = {}

        def visit(name: str, path: tuple[str, ...]) -> None:
            if state.get(name) == 2:
                return
            if state.get(name) == 1:
                raise LexiconError(f"Rule categories refer to each other in a cycle: {' -> '.join(path)}.")
            state[name] = 1
            spec = self._specs.get(name)
            if spec is not None:
                for _, ref in spec.all + spec.any + spec.none:
                    visit(ref, (*path, ref))
            state[name] = 2
            if spec is not None:
                order.append(name)

        for name in self._specs:
            visit(name, (name,))
        return order

    def _cues(self, negation, *, explicit: bool) -> Cues | None:
        if negation is False or negation is None:
            return None
        if negation is True:
            if self.lang in CUE_LANGUAGES:
                return load_cues(self.lang)
            if explicit and self.lang is not None:
                return load_cues(self.lang)  # raises, naming the languages that have cues
            return None
        return load_cues(negation)

    # -- information ----------------------------------------------------------------

    def role(self, category: str) -> str:
        """``account`` or ``context``."""
        return self._specs[category].role

    def codebook(self, category: str) -> str:
        """The codebook element(s) a category encodes, as written in its ``codebook`` key."""
        return self._specs[category].codebook

    def if_denied(self, category: str) -> str | None:
        """The category a denied hit of ``category`` counts for, or None."""
        return self._specs[category].if_denied

    @property
    def entries(self) -> list:
        """The compiled word entries (plain patterns, proximity operands and conjunction items)."""
        return self._matcher.entries

    @property
    def _seen_types(self):
        return self._matcher._seen_types

    # -- matching -----------------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """Every hit in ``text`` (all roles, denied or not), ordered by position.

        Examples
        --------
        >>> lex = Lexicon({"k": ["program*"], "f": ["Syria"]})
        >>> [(m.category, m.term) for m in lex.find("Syria? Not in the programme.")]
        [('f', 'Syria'), ('k', 'program*')]
        """
        if not self.rules:
            return self._matcher.find(text)
        return [Match(h.category, h.term, h.start, h.end) for h in self.hits(text)]

    def find_all(self, texts: Iterable[str]) -> list[list[Match]]:
        """Return :meth:`find` for each text."""
        return [self.find(text) for text in texts]

    def hits(self, text: str) -> list[Hit]:
        """Every hit in ``text`` with its denial, role and the category it counts for.

        Examples
        --------
        >>> lex = Lexicon({"f": {"patterns": ["over Syria"], "if_denied": "k"}, "k": ["programme"]}, lang="en")
        >>> [(h.category, h.denied, h.counts_for) for h in lex.hits("It was not over Syria.")]
        [('f', True, 'k')]
        """
        raw, several, shared = self._matcher.scan(text)
        if not raw:
            return []
        specs = self._specs
        if not self.rules:
            kept = _settle(raw, several, shared, self.overlap)
            found = [[s, e, a, b, entry.category, entry.term, False] for s, e, a, b, entry in kept]
            self._deny(text, found, raw)
            return [self._hit(h) for h in found]
        seg_starts = _segments(text, self.lang)
        by_cat: dict[str, list] = {}
        for m in raw:
            by_cat.setdefault(m[4].category, []).append(m)
        # plain and proximity entries of the visible categories settle overlaps together;
        # hidden categories (proximity items of conjunctions) and atoms (operands) do not
        visible = [m for m in raw if m[4].category in specs]
        hidden: list[tuple] = []
        operands: set[tuple[int, int]] = set()
        for spec in specs.values():
            for term, (_, ka), (_, kb), k, ordered in spec.proximity:
                left, right = by_cat.get(ka), by_cat.get(kb)
                if left and right:
                    near = _near(spec.name, term, left, right, k, ordered, seg_starts, operands)
                    if spec.hidden:
                        hidden += near
                    else:
                        visible += [(a, b, c, d, _Named(cat, t)) for a, b, c, d, cat, t in near]
        level = _settle(visible, True, True, self.overlap) if visible else []
        found = [[s, e, a, b, entry.category, entry.term, False] for s, e, a, b, entry in level]
        found += [[s, e, a, b, c, t, False] for s, e, a, b, c, t in hidden]
        found += [[s, e, a, b, entry.category, entry.term, False] for s, e, a, b, entry in raw
                  if entry.category not in specs]
        # a cue that is an operand of a proximity hit ("not" in `not BEFORE/2 attend*`) belongs to it
        owners = (raw, operands)
        self._deny(text, found, owners)
        # conjunctions and exclusions, per sentence, in dependency order
        final: dict[str, list] = {}
        for h in found:
            final.setdefault(h[4], []).append(h)
        if any(s.conjunction or s.none for s in specs.values()):
            for name in self._order:
                spec = specs[name]
                if not (spec.conjunction or spec.none):
                    continue
                mine = final.get(name, [])
                for seg in range(len(seg_starts)):
                    here = {ref: [h for h in final.get(ref, []) if _seg(seg_starts, h[0]) == seg]
                            for _, ref in spec.all + spec.any + spec.none}
                    if spec.none and any(here[ref] for _, ref in spec.none):
                        mine = [h for h in mine if _seg(seg_starts, h[0]) != seg]
                        continue
                    if spec.conjunction and all(here[ref] for _, ref in spec.all) and (
                            not spec.any or any(here[ref] for _, ref in spec.any)):
                        parts = [_best(here[ref]) for _, ref in spec.all]
                        parts += [_best(here[ref]) for _, ref in spec.any if here[ref]][:1]
                        hit = [min(p[0] for p in parts), max(p[1] for p in parts),
                               min(p[2] for p in parts), max(p[3] for p in parts),
                               name, self._conjunction_term(spec), any(p[6] for p in parts)]
                        if not hit[6] and spec.negation != "off" and self.cues is not None:
                            self._deny(text, [hit], owners)
                        mine = mine + [hit]
                final[name] = sorted(mine, key=lambda h: (h[0], -h[1]))
        out = [h for name in self.categories for h in final.get(name, ())]
        out.sort(key=lambda h: (h[0], -h[1]))
        return [self._hit(h) for h in out]

    def _hit(self, h: list) -> Hit:
        spec = self._specs[h[4]]
        if spec.role == "context":
            counts = None
        elif h[6]:
            counts = spec.if_denied
        else:
            counts = h[4]
        return Hit(h[4], h[5], h[0], h[1], bool(h[6]), spec.role, counts)

    def _deny(self, text: str, found: list, owners) -> None:
        """Mark (in place) the hits of ``found`` that a cue governs.

        ``owners`` is a list of matches ``(start, end, first, last, _)`` (a cue
        inside a longer one belongs to it and governs nothing), or a pair of
        that list and a set of operand token spans ``(first, last)`` (a cue
        that is an operand of a proximity hit belongs to it). A cue between the
        operands of a proximity hit governs that hit ("the programme did not
        change").
        """
        raw, operands = owners if isinstance(owners, tuple) else (owners, set())
        cues = self.cues
        if cues is None:
            return
        specs = self._specs
        targets = [h for h in found if not h[6] and (h[4] not in specs or specs[h[4]].negation != "off")]
        if not targets:
            return
        got, _, _ = cues.matcher.scan(text)
        if not got:
            return
        exempt = [(a, b) for _, _, a, b, entry in got if entry.category == "not_cue"]
        longer = [(a, b) for _, _, a, b, _ in raw if b > a]
        active = []
        for s, e, a, b, entry in got:
            kind = entry.category
            if kind == "not_cue":
                continue
            if any(x <= a and b <= y for x, y in exempt):
                continue
            if (a, b) in operands or any(x <= a and b <= y and (y - x) > (b - a) for x, y in longer):
                continue  # part of a longer lexicon match, or a proximity operand, which owns it
            active.append((s, e, a, b, kind))
        if not active:
            return
        cue_operands = [(a, b) for _, _, a, b, entry in got if entry.category != "not_cue" and (a, b) in operands]
        seg_starts = _segments(text, self.lang)
        for h in targets:
            spec = specs.get(h[4])
            allowed = ("denial",) if spec is not None and spec.negation == "denial" else ("negator", "denial")
            # a cue between the operands denies a proximity hit, unless an operand is itself a cue
            # (`not BEFORE/3 attend*` in "would not attend, nor ...")
            between = _PROXIMITY_TERM.search(h[5]) is not None and not any(
                h[2] <= x and y <= h[3] for x, y in cue_operands)
            for s, e, a, b, kind in active:
                if kind not in allowed:
                    continue
                if between and h[2] < a and b < h[3]:
                    h[6] = True  # a cue between the operands of a proximity hit
                    break
                if b >= h[2] or h[2] - b - 1 > cues.window[kind]:
                    continue
                if _seg(seg_starts, s) != _seg(seg_starts, h[0]) or cues.broken(kind, text[e:h[0]]):
                    continue
                h[6] = True
                break

    def _label(self, ref: str) -> str:
        if ref in self._specs and not self._specs[ref].hidden:
            return "@" + ref
        for (pattern, _), name in self._atoms.items():
            if name == ref:
                return pattern
        return ref.split("_", 2)[-1]

    def _conjunction_term(self, spec: _Category) -> str:
        term = " AND ".join(self._label(r) for _, r in spec.all)
        if spec.any:
            alternatives = "(" + " OR ".join(self._label(r) for _, r in spec.any) + ")"
            term = f"{term} AND {alternatives}" if term else alternatives
        if spec.none:
            term += " NOT (" + " OR ".join(self._label(r) for _, r in spec.none) + ")"
        return term

    def __repr__(self) -> str:
        return (f"Lexicon({len(self.categories)} categories, {len(self._matcher.entries)} entries, "
                f"lang={self.lang!r}, stem={self.stem}, overlap={self.overlap!r}, "
                f"negation={self.cues.langs if self.cues else False})")


class _Named(NamedTuple):
    category: str
    term: str


def _strings(items: object, category: str, key: str) -> list[str]:
    if isinstance(items, str):
        items = [items]
    if not isinstance(items, list):
        raise LexiconError(f"Category {category!r}: `{key}` must be a list of strings; got {items!r:.80}.")
    for item in items:
        if not isinstance(item, str):
            raise LexiconError(f"Category {category!r}: `{key}` holds {item!r} "
                               f"({type(item).__name__}); patterns must be strings.")
    return [" ".join(item.split()) for item in items]


def _settle(found: list, several: bool, shared: bool, overlap: str) -> list:
    """Apply the overlap rule to raw matches; return them in reading order."""
    if overlap != "keep" and (several or shared):
        helper = Matcher.__new__(Matcher)
        helper.overlap = overlap
        found = Matcher._drop_nested(helper, found)
    return sorted(found, key=lambda f: (f[0], -f[1]))


def _near(category: str, term: str, left: list, right: list, k: int, ordered: bool,
          seg_starts: list[int], operands: set) -> list[tuple]:
    """Proximity hits: each left match with the nearest right match within k words (same sentence).

    The token spans of the operands used are added to ``operands``.
    """
    out = []
    for s1, e1, a1, b1, _ in left:
        best = None
        for s2, e2, a2, b2, _ in right:
            if a2 > b1:
                gap = a2 - b1 - 1
            elif not ordered and a1 > b2:
                gap = a1 - b2 - 1
            else:
                continue  # overlapping, or in the wrong order
            if gap > k or _seg(seg_starts, s1) != _seg(seg_starts, s2):
                continue
            if best is None or gap < best[0]:
                best = (gap, min(s1, s2), max(e1, e2), min(a1, a2), max(b1, b2), (a2, b2))
        if best is not None:
            out.append((best[1], best[2], best[3], best[4], category, term))
            operands.add((a1, b1))
            operands.add(best[5])
    return list(dict.fromkeys(out))


def _segments(text: str, lang: str | None) -> list[int]:
    """Start offsets of the sentences of ``text`` (one sentence unless it holds a sentence end)."""
    if not _SENTENCE_MARK.search(text):
        return [0]
    from ..text import sentence_spans

    spans = sentence_spans(text, lang=lang or "en")
    return [0] + [s for s, _ in spans[1:]] if spans else [0]


def _seg(starts: list[int], pos: int) -> int:
    return bisect_right(starts, pos) - 1


def _best(hits: list) -> list:
    """The first hit not denied, else the first hit."""
    return next((h for h in hits if not h[6]), hits[0])


