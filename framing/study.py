"""The study definition: sides, their actors and aliases, their accounts, lexicons, languages.

A study is data, not code. One YAML file names the sides of a contested event,
the actors who speak for each side (with their names in every language of the
corpus), and which lexicon categories make up each side's account. Loading is
strict: an unknown key, a side without actors or a lexicon file that does not
exist is an error naming the file and the key.

A minimal study file::

    name: my-event
    languages: [en]
    lexicons:
      en: lexicons/accounts.en.yml      # relative to the study file
    matching:                           # optional
      stem: false                       # Snowball stemming (a lexicon may also set it)
      overlap: category                 # nested matches: category | lexicon | keep
      negation: true                    # mark hits governed by a negation/denial cue
    sides:
      government:
        label: Government account
        account: [government]           # lexicon categories (and their children)
        actors:
          minister:
            aliases: {en: [the minister, Smith]}
      opposition:
        label: Opposition account
        account: [opposition]
        actors:
          leader:
            aliases: {en: [Jones]}
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import StudyError, check_choice
from .safeyaml import load_yaml
from .text import normalize
from .lexicon import OVERLAP_RULES, Lexicon, read_lexicon

__all__ = ["Actor", "Side", "Study", "load_study"]

_TOP_KEYS = {"name", "title", "description", "languages", "lexicons", "matching", "sides",
             "balance", "citation"}
_REQUIRED_TOP = {"name", "languages", "lexicons", "sides"}
_SIDE_KEYS = {"label", "description", "account", "actors", "colour"}
_ACTOR_KEYS = {"role", "aliases", "description"}
_MATCHING_KEYS = {"stem", "overlap", "negation"}
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_LANG = re.compile(r"^[a-z]{2}$")


@dataclass(frozen=True)
class Actor:
    """Someone who speaks for a side, with names per language."""

    id: str
    side: str
    role: str = ""
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Side:
    """One side of the event: its account (lexicon categories) and its actors."""

    id: str
    label: str
    account: tuple[str, ...]
    actors: Mapping[str, Actor]
    description: str = ""
    colour: str | None = None

    def owns(self, category: str) -> bool:
        """Whether lexicon ``category`` belongs to this side's account.

        A listed category owns its children: ``kremlin`` owns ``kremlin.programme``.
        """
        return any(category == a or category.startswith(a + ".") for a in self.account)


@dataclass(frozen=True)
class Study:
    """A loaded study. Build it with :func:`load_study`."""

    name: str
    languages: tuple[str, ...]
    sides: Mapping[str, Side]
    lexicon_paths: Mapping[str, Path]
    path: Path | None = None
    title: str = ""
    description: str = ""
    stem: bool = False
    overlap: str = "category"
    negation: bool = True
    balance: tuple[str, str] = ("", "")
    citation: str = ""

    @property
    def side_ids(self) -> list[str]:
        """The side ids in the order of the study file."""
        return list(self.sides)

    def side_of(self, category: str) -> str | None:
        """The id of the side whose account includes ``category``, or ``None``."""
        for side in self.sides.values():
            if side.owns(category):
                return side.id
        return None

    def lexicon(self, lang: str) -> Lexicon:
        """The compiled lexicon for ``lang`` (compiled once per study and language)."""
        if lang not in self.lexicon_paths:
            raise StudyError(
                f"Study {self.name!r} has no lexicon for language {lang!r}; it has "
                f"{', '.join(self.lexicon_paths)}. Add `{lang}: <file>` under `lexicons:` in "
                f"{self.path or 'the study file'}."
            )
        return _compiled(self.lexicon_paths[lang], lang, self.stem, self.overlap, self.negation)

    def lexicon_dictionary(self, lang: str) -> dict[str, list[str]]:
        """The lexicon for ``lang`` as category → entries, for reading and display.

        A rule category lists its ``patterns`` and then its conjunction as one
        readable entry (``@a AND @b NOT (@c)``); :meth:`lexicon_rules` gives
        the rules themselves.
        """
        out = {}
        for category, value in _dictionary(self.lexicon_paths[lang]).items():
            if category == "_options":
                continue
            if not isinstance(value, Mapping):
                out[category] = list(value)
                continue
            entries = list(value.get("patterns", []))
            rule = " AND ".join(value.get("all", []))
            if value.get("any"):
                alternatives = "(" + " OR ".join(value["any"]) + ")"
                rule = f"{rule} AND {alternatives}" if rule else alternatives
            if rule:
                entries.append(rule)
            if value.get("none"):
                entries.append("NOT (" + " OR ".join(value["none"]) + ")")
            out[category] = entries
        return out

    def lexicon_rules(self, lang: str) -> dict[str, object]:
        """The lexicon for ``lang`` as read: category → patterns or rule mapping, and ``_options``."""
        return dict(_dictionary(self.lexicon_paths[lang]))


def _dictionary(path: Path) -> dict[str, object]:
    return _read_cached(path, *_stamp(path))


def _compiled(path: Path, lang: str, stem: bool, overlap: str, negation: bool = True) -> Lexicon:
    return _compile_cached(path, *_stamp(path), lang, stem, overlap, negation)


def _stamp(path: Path) -> tuple[int, int]:
    # The caches are keyed on the file's size and modification time, so a
    # lexicon edited in a notebook session is read again.
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=64)
def _read_cached(path: Path, mtime: int, size: int) -> dict[str, object]:
    return read_lexicon(path)  # YAML with rules; other formats through read_dictionary


@functools.lru_cache(maxsize=64)
def _compile_cached(path: Path, mtime: int, size: int, lang: str, stem: bool, overlap: str,
                    negation: bool = True) -> Lexicon:
    # stem: false in the study leaves the lexicon file's own _options.stem in force;
    # negation: false turns the denial scope off whatever the file says.
    return Lexicon(_read_cached(path, mtime, size), lang=lang, stem=True if stem else None, overlap=overlap,
                   negation=None if negation else False)


def load_study(path: str | Path) -> Study:
    """Read and check a study file.

    Parameters
    ----------
    path : str or Path
        A YAML study file; lexicon paths in it are relative to its folder.

    Returns
    -------
    Study

    Raises
    ------
    StudyError
        For a missing file, bad YAML, an unknown or missing key, a side
        without actors or account, a missing lexicon file, or an account
        category that no lexicon defines. The message names the file and key.

    Examples
    --------
    >>> study = load_study("corpus/study.yaml")  # doctest: +SKIP
    >>> study.side_ids  # doctest: +SKIP
    ['kremlin', 'france']
    """
    path = Path(path)
    if not path.is_file():
        raise StudyError(f"Study file not found: {path}. Give the path to a study YAML file "
                         "(for the demonstration study: corpus/study.yaml).")
    try:
        # normalised as article text is (NFC), so that aliases typed in decomposed form still match
        raw = load_yaml(normalize(path.read_text(encoding="utf-8")), where=str(path), error=StudyError)
    except UnicodeDecodeError as err:
        raise StudyError(f"{path}: not UTF-8 ({err.reason} at byte {err.start}); save it as UTF-8.") from None
    except yaml.YAMLError as err:
        raise StudyError(f"{path}: not valid YAML: {_yaml_problem(err)}") from None
    where = str(path)
    _check_keys(raw, _TOP_KEYS, where, "the top level", required=_REQUIRED_TOP)

    name = _string(raw["name"], where, "name")
    languages = raw["languages"]
    if not isinstance(languages, list) or not languages or not all(
            isinstance(x, str) and _LANG.match(x) for x in languages):
        raise StudyError(f"{where}: `languages` must be a list of ISO 639-1 codes such as "
                         f"[en, fr, ru]; got {languages!r}.")

    lexicons = raw["lexicons"]
    if not isinstance(lexicons, dict) or not lexicons:
        raise StudyError(f"{where}: `lexicons` must map each language to a lexicon file, "
                         f"e.g. `en: lexicons/accounts.en.yml`; got {lexicons!r}.")
    lexicon_paths = {}
    for lang, file in lexicons.items():
        if lang not in languages:
            raise StudyError(f"{where}: `lexicons.{lang}` is for a language not listed in "
                             f"`languages` ({', '.join(languages)}); add it there or remove the lexicon.")
        lexicon_path = (path.parent / _string(file, where, f"lexicons.{lang}")).resolve()
        if not lexicon_path.is_file():
            raise StudyError(f"{where}: `lexicons.{lang}` names {file!r}, but {lexicon_path} does not "
                             "exist. Fix the path (it is relative to the study file).")
        lexicon_paths[lang] = lexicon_path

    matching = raw.get("matching") or {}
    _check_keys(matching, _MATCHING_KEYS, where, "`matching`")
    stem = matching.get("stem", False)
    overlap = matching.get("overlap", "category")
    if not isinstance(stem, bool):
        raise StudyError(f"{where}: `matching.stem` must be true or false; got {stem!r}.")
    negation = matching.get("negation", True)
    if not isinstance(negation, bool):
        raise StudyError(f"{where}: `matching.negation` must be true or false; got {negation!r}.")
    check_choice("`matching.overlap`", overlap, OVERLAP_RULES, error=StudyError, where=where)

    sides = _sides(raw["sides"], where, languages)
    balance = raw.get("balance", list(sides)[:2])
    if (not isinstance(balance, list) or len(balance) != 2 or not all(b in sides for b in balance)
            or balance[0] == balance[1]):
        raise StudyError(f"{where}: `balance` must name two different sides, [negative, positive], "
                         f"from {', '.join(sides)}; got {balance!r}.")

    study = Study(
        name=name, languages=tuple(languages), sides=sides, lexicon_paths=lexicon_paths,
        path=path, title=str(raw.get("title", "")), description=str(raw.get("description", "")),
        stem=stem, overlap=overlap, negation=negation, balance=(balance[0], balance[1]),
        citation=str(raw.get("citation", "")),
    )
    _check_accounts(study, where)
    return study


def _sides(raw: object, where: str, languages: list[str]) -> dict[str, Side]:
    if not isinstance(raw, dict) or len(raw) < 2:
        raise StudyError(f"{where}: `sides` must map at least two side ids to their definitions; "
                         f"got {raw!r:.80}.")
    sides = {}
    owner: dict[str, str] = {}
    for side_id, spec in raw.items():
        key = f"`sides.{side_id}`"
        if not isinstance(side_id, str) or not _ID.match(side_id):
            raise StudyError(f"{where}: side id {side_id!r} must be lower case letters, digits and _.")
        _check_keys(spec, _SIDE_KEYS, where, key, required={"account", "actors"})
        account = spec["account"]
        if isinstance(account, str):
            account = [account]
        if not isinstance(account, list) or not account or not all(isinstance(a, str) for a in account):
            raise StudyError(f"{where}: {key}.account must list lexicon categories; got {account!r}.")
        for category in account:
            if category in owner:
                raise StudyError(f"{where}: category {category!r} is in the accounts of both "
                                 f"{owner[category]!r} and {side_id!r}; a category belongs to one side.")
            owner[category] = side_id
        actors_raw = spec["actors"]
        if not isinstance(actors_raw, dict) or not actors_raw:
            raise StudyError(f"{where}: {key}.actors is empty; a side needs at least one actor "
                             "with aliases (who speaks for it).")
        actors = {}
        for actor_id, actor in actors_raw.items():
            akey = f"{key}.actors.{actor_id}"
            _check_keys(actor, _ACTOR_KEYS, where, akey, required={"aliases"})
            aliases = actor["aliases"]
            if not isinstance(aliases, dict) or not aliases:
                raise StudyError(f"{where}: {akey}.aliases must map languages to lists of names.")
            for lang, names in aliases.items():
                if lang not in languages:
                    raise StudyError(f"{where}: {akey}.aliases.{lang}: {lang!r} is not one of the "
                                     f"study's languages ({', '.join(languages)}).")
                if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
                    raise StudyError(f"{where}: {akey}.aliases.{lang} must be a list of names.")
            actors[actor_id] = Actor(
                id=actor_id, side=side_id, role=str(actor.get("role", "")),
                aliases={lang: tuple(names) for lang, names in aliases.items()},
            )
        sides[side_id] = Side(
            id=side_id, label=str(spec.get("label", side_id)), account=tuple(account),
            actors=actors, description=str(spec.get("description", "")), colour=spec.get("colour"),
        )
    return sides


def _check_accounts(study: Study, where: str) -> None:
    categories = set()
    for lang, lexicon_path in study.lexicon_paths.items():
        try:
            categories.update(c for c in _dictionary(lexicon_path) if c != "_options")
            study.lexicon(lang)  # compile now: a bad rule is an error at load time
        except (ValueError, OSError) as err:
            raise StudyError(f"{where}: lexicon for {lang!r} ({lexicon_path}) cannot be read: {err}") from None
    for side in study.sides.values():
        for account in side.account:
            if not any(c == account or c.startswith(account + ".") for c in categories):
                raise StudyError(
                    f"{where}: `sides.{side.id}.account` names category {account!r}, which no lexicon "
                    f"defines. Categories found: {', '.join(sorted(categories)) or 'none'}."
                )


def _check_keys(spec: object, allowed: set[str], where: str, what: str,
                required: set[str] = frozenset()) -> None:
    if not isinstance(spec, dict):
        raise StudyError(f"{where}: {what} must be a mapping of keys to values; got {spec!r:.80}.")
    unknown = sorted(set(map(str, spec)) - allowed)
    if unknown:
        raise StudyError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))} in {what}. "
                         f"Allowed keys: {', '.join(sorted(allowed))}.")
    missing = sorted(required - set(spec))
    if missing:
        raise StudyError(f"{where}: missing key(s) {', '.join(map(repr, missing))} in {what}.")


def _string(value: object, where: str, key: str) -> str:
    if not isinstance(value, str) or not value:
        raise StudyError(f"{where}: `{key}` must be a non-empty string; got {value!r}.")
    return value


def _yaml_problem(err: yaml.YAMLError) -> str:
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    return f"{problem} at line {mark.line + 1}, column {mark.column + 1}" if mark else problem
