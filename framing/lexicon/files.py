"""Reading rule lexicons from YAML, and merging the lexicons of several languages."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml

from ..errors import DictionaryError, LexiconError
from ..safeyaml import load_yaml
from ..text import normalize
from .rules import OPTION_KEYS, RULE_KEYS

__all__ = ["read_lexicon", "merge_dictionaries"]

_RULE_MARKERS = {"patterns", "all", "any", "none"}


def read_lexicon(path: str | Path) -> dict[str, object]:
    """Read a lexicon YAML file: quanteda-style nesting, plain lists and rule mappings.

    A mapping whose keys are all rule keys (``patterns``, ``all``, ``any``,
    ``none``, ``role``, ``if_denied``, ``codebook``, ``stem``, ``negation``,
    ``description``) and which has ``patterns``, ``all`` or ``any`` is one rule
    category; any other mapping nests categories (``kremlin: {programme: [...]}``
    gives ``kremlin.programme``). The top-level key ``_options`` holds
    lexicon-wide options (``stem``, ``negation``). Files in other formats go
    through :func:`framing.dictionaries.read_dictionary`.

    Examples
    --------
    >>> read_lexicon("corpus/lexicons/accounts.en.yml")["context.syria"]["role"]  # doctest: +SKIP
    'context'
    """
    path = Path(path)
    if path.suffix.lower() not in (".yml", ".yaml"):
        from ..dictionaries import read_dictionary

        return dict(read_dictionary(path))
    try:
        # normalised as article text is (NFC), so that an entry typed in decomposed form still matches
        data = load_yaml(normalize(path.read_text(encoding="utf-8")), where=str(path), error=DictionaryError)
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path} is not valid YAML: {exc}. Fix the YAML syntax at the position shown.") from None
    except UnicodeDecodeError as err:
        raise DictionaryError(f"{path}: not UTF-8 ({err.reason} at byte {err.start}); save it as UTF-8.") from None
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise DictionaryError(f"{path}: expected a mapping of category names at the top level, got "
                              f"{type(data).__name__}. Write it as `category: [entry, entry]`.")
    out: dict[str, object] = {}
    if "_options" in data:
        options = data["_options"]
        if not isinstance(options, Mapping) or set(options) - OPTION_KEYS:
            raise DictionaryError(f"{path}: `_options` must be a mapping with keys among "
                                  f"{', '.join(sorted(OPTION_KEYS))}; got {options!r:.80}.")
        out["_options"] = dict(options)
    for key, value in data.items():
        if key != "_options":
            _flatten(value, _name(key, "", path), out, path)
    return out


def _name(key: object, prefix: str, path: Path) -> str:
    if isinstance(key, bool) or key is None:
        raise DictionaryError(f"{path}: category key {key!r} under {prefix or 'the top level'} is not a name "
                              "(YAML reads yes/no/true/false/null as values). Quote the key, e.g. 'no':")
    return f"{prefix}.{key}" if prefix else str(key)


def _is_rule(node: Mapping) -> bool:
    keys = set(map(str, node))
    return bool(keys) and keys <= RULE_KEYS and bool(keys & _RULE_MARKERS)


def _flatten(node: object, name: str, out: dict[str, object], path: Path) -> None:
    if isinstance(node, Mapping) and not _is_rule(node):
        if not node:
            out[name] = []
        for key, value in node.items():
            _flatten(value, _name(key, name, path), out, path)
        return
    if isinstance(node, Mapping):
        out[name] = dict(node)
        return
    items = node if isinstance(node, list) else [] if node is None else [node]
    entries = out.setdefault(name, [])
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise DictionaryError(f"{path}: category {name!r} has the entry {item!r} ({type(item).__name__}); "
                                  "expected a string. Quote the entry in the YAML file (e.g. 'yes', 'no').")
        entry = " ".join(str(item).split())
        if entry and entry not in entries:
            entries.append(entry)


def merge_dictionaries(dictionaries: Mapping[str, Mapping[str, object]]) -> dict[str, object]:
    """One lexicon mapping from the lexicons of several languages (``{lang: dictionary}``).

    Plain lists are joined (a pattern counts once). Rule categories join
    their ``patterns``, ``any`` and ``none`` items; their ``all`` items,
    ``role`` and ``if_denied`` must be the same in every language, so write
    conjunctions with ``@category`` items. Negation cues of every language
    whose lexicon uses them are merged; stemming, which is per language, is
    dropped.

    Examples
    --------
    >>> merge_dictionaries({"en": {"k": ["programme"]}, "fr": {"k": ["programme", "calendrier"]}})
    {'k': ['programme', 'calendrier'], '_options': {'negation': ['en', 'fr']}}
    """
    merged: dict[str, object] = {}
    negation = []
    for lang, dictionary in dictionaries.items():
        options = dictionary.get("_options") or {}
        if options.get("negation", True) is not False:
            negation.append(lang)
        for category, value in dictionary.items():
            if category == "_options":
                continue
            if isinstance(value, str):
                value = [value]
            have = merged.get(category)
            if isinstance(value, Mapping):
                value = {k: (list(v) if isinstance(v, list) else v) for k, v in value.items() if k != "stem"}
                if have is None:
                    merged[category] = value
                    continue
                if not isinstance(have, Mapping):
                    have = merged[category] = {"patterns": list(have)}
                for key in ("all", "role", "if_denied", "negation"):
                    if have.get(key) != value.get(key):
                        raise LexiconError(
                            f"Category {category!r}: `{key}` is {have.get(key)!r} in one language and "
                            f"{value.get(key)!r} in {lang!r}; a multilingual lexicon needs the same rule "
                            "structure in every language (write conjunction items as @category).")
                for key in ("patterns", "any", "none"):
                    if value.get(key):
                        bucket = have.setdefault(key, [])
                        bucket.extend(p for p in value[key] if p not in bucket)
            else:
                if have is None:
                    merged[category] = list(value)
                elif isinstance(have, Mapping):
                    bucket = have.setdefault("patterns", [])
                    bucket.extend(p for p in value if p not in bucket)
                else:
                    have.extend(p for p in value if p not in have)
    from .negation import CUE_LANGUAGES

    langs = [lang for lang in negation if lang in CUE_LANGUAGES]
    if langs:
        merged["_options"] = {"negation": langs}
    return merged
