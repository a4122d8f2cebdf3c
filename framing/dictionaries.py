"""Read and write content-analysis dictionaries: quanteda YAML, LIWC .dic/.dicx, Lexicoder .lc3, WordStat .cat."""

from __future__ import annotations

import csv
import io
import os
import re
import warnings
from collections.abc import Mapping
from pathlib import Path

import yaml

from .errors import DictionaryError
from .safeyaml import load_yaml
from .tables import write_file
from .text import normalize

__all__ = ["DICTIONARY_FORMATS", "read_dictionary", "write_dictionary"]

#: Supported dictionary formats and the file extensions that select them.
DICTIONARY_FORMATS: dict[str, tuple[str, ...]] = {
    "yaml": (".yml", ".yaml"),
    "dic": (".dic",),
    "dicx": (".dicx",),
    "lc3": (".lc3",),
    "cat": (".cat",),
}

_FORMAT_NAMES = {
    "yaml": "quanteda YAML",
    "dic": "LIWC .dic",
    "dicx": "LIWC-22 .dicx",
    "lc3": "Lexicoder .lc3",
    "cat": "WordStat .cat",
}

_NUMERIC = re.compile(r"^\d+$")
# A LIWC2007 conditional token such as ``134/125[02]``, ``<of>53/20`` or ``(02 134)``.
_CONDITIONAL = re.compile(r"\d/\d|\d\[|^<|^\(\d")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}\s*$")
_WEIGHT = re.compile(r"\s*\(\s*[-+]?\d+(?:[.,]\d+)?\s*\)\s*$")


def _supported() -> str:
    return ", ".join(ext for exts in DICTIONARY_FORMATS.values() for ext in exts)


def _format_of(path: Path, format: str | None, *, flag: str = "--from-format") -> str:
    if format is not None:
        key = format.lower().lstrip(".")
        if key == "yml":
            key = "yaml"
        if key not in DICTIONARY_FORMATS:
            raise DictionaryError(
                f"Unknown dictionary format {format!r} for {path}: expected one of "
                f"{', '.join(DICTIONARY_FORMATS)}. Choose one of these ({flag} on the command line, format= "
                "in Python), or leave it out to choose by the file extension."
            )
        return key
    suffix = path.suffix.lower()
    for key, exts in DICTIONARY_FORMATS.items():
        if suffix in exts:
            return key
    raise DictionaryError(
        f"Cannot tell the dictionary format of {path}: the extension {suffix or '(none)'!r} is not "
        f"supported. Supported extensions: {_supported()}. Rename the file or choose the format "
        f"({flag} on the command line, format= in Python)."
    )


def _decode(data: bytes, path: Path, encoding: str | None) -> str:
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DictionaryError(
                f"{path} is not valid {encoding}: byte {exc.start} cannot be decoded. "
                "Give the file's real encoding (--encoding on the command line, encoding= in Python), or leave "
                "it out to try UTF-8 then Windows-1252."
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DictionaryError(
            f"{path} is neither UTF-8 nor Windows-1252: byte {exc.start} cannot be decoded. "
            "Give the file's encoding, e.g. latin-1 (--encoding latin-1 on the command line, "
            "encoding='latin-1' in Python), or re-save it as UTF-8."
        ) from None
    warnings.warn(
        f"{path} is not valid UTF-8; read it as Windows-1252. Check accented entries, and "
        "re-save the file as UTF-8 (or give its encoding: --encoding on the command line, encoding= in "
        "Python) to silence this warning.",
        stacklevel=3,
    )
    return text


def _add(dictionary: dict[str, list[str]], category: str, entry: str) -> None:
    entries = dictionary.setdefault(category, [])
    if entry not in entries:
        entries.append(entry)


def _clean_entry(entry: str) -> str:
    return " ".join(entry.split())


# --------------------------------------------------------------------------- readers


def _flatten_yaml(node: object, prefix: str, out: dict[str, list[str]], path: Path) -> None:
    if isinstance(node, Mapping) and not prefix and "_options" in node:
        raise DictionaryError(
            f"{path}: `_options` sets lexicon options (stem, negation) of a rule lexicon. Read the file "
            "with framing.lexicon.read_lexicon (as a study does); plain dictionary formats cannot hold them."
        )
    if isinstance(node, Mapping) and prefix and node and set(map(str, node)) <= _RULE_KEYS and \
            set(map(str, node)) & {"patterns", "all", "any", "none"}:
        raise DictionaryError(
            f"{path}: category {prefix!r} is a lexicon rule ({', '.join(map(str, node))}), which "
            "plain dictionary formats cannot hold. Read the file with framing.lexicon.read_lexicon "
            "(as a study does), or write the category as a plain list of patterns."
        )
    if isinstance(node, Mapping):
        if not node and prefix:
            out[prefix] = []
        for key, value in node.items():
            if isinstance(key, bool) or key is None:
                raise DictionaryError(
                    f"{path}: category key {key!r} under {prefix or 'the top level'} is not a name "
                    "(YAML reads yes/no/true/false/null as values). Quote the key, e.g. 'no':"
                )
            # quanteda writes a parent's own entries under the key '' (``parent: {'': [...], child: [...]}``)
            name = (f"{prefix}.{key}" if str(key) else prefix) if prefix else str(key)
            _flatten_yaml(value, name, out, path)
        return
    if not prefix:
        raise DictionaryError(
            f"{path}: expected a YAML mapping of category names to lists of entries at the top "
            f"level, got {type(node).__name__}. Write it as `category: [entry, entry]`."
        )
    items = node if isinstance(node, list) else [] if node is None else [node]
    out.setdefault(prefix, [])
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise DictionaryError(
                f"{path}: category {prefix!r} has the entry {item!r} ({type(item).__name__}); "
                "expected a string. Quote the entry in the YAML file (e.g. 'yes', 'no', '1984')."
            )
        entry = _clean_entry(str(item))
        if entry:
            _add(out, prefix, entry)


_RULE_KEYS = {"patterns", "all", "any", "none", "role", "if_denied", "codebook", "stem", "negation",
              "description"}  # framing.lexicon.RULE_KEYS (not imported: lexicon imports this module lazily)


def _read_yaml(text: str, path: Path) -> dict[str, list[str]]:
    try:
        data = load_yaml(text, where=str(path), error=DictionaryError)
    except yaml.YAMLError as exc:
        raise DictionaryError(
            f"{path} is not valid YAML: {exc}. Fix the YAML syntax at the position shown."
        ) from None
    out: dict[str, list[str]] = {}
    if data is None:
        return out
    _flatten_yaml(data, "", out, path)
    return out


def _split_dic_line(line: str) -> tuple[str, list[str]]:
    """Split a LIWC term line into the term and its category-id tokens."""
    if "\t" in line:
        term, _, rest = line.partition("\t")
        ids = rest.split()
        if term.strip() and ids and all(_NUMERIC.match(t) for t in ids):
            return _clean_entry(term), ids
    tokens = line.split()
    cut = len(tokens)
    while cut > 1 and _NUMERIC.match(tokens[cut - 1]):
        cut -= 1
    return " ".join(tokens[:cut]), tokens[cut:]


def _read_dic(text: str, path: Path) -> dict[str, list[str]]:
    lines = text.splitlines()
    number = 0
    while number < len(lines) and not lines[number].strip():
        number += 1
    if number == len(lines):
        return {}
    if lines[number].strip() != "%":
        raise DictionaryError(
            f"{path}, line {number + 1}: expected '%' opening the LIWC category block, got "
            f"{lines[number].strip()[:60]!r}. A .dic file starts with '%', then lines "
            "'<number><TAB><category>', then '%', then the terms."
        )
    ids: dict[int, str] = {}
    out: dict[str, list[str]] = {}
    number += 1
    closed = False
    while number < len(lines):
        line = lines[number].strip()
        number += 1
        if not line:
            continue
        if line == "%":
            closed = True
            break
        parts = line.split(None, 1)
        if len(parts) != 2 or not _NUMERIC.match(parts[0]):
            raise DictionaryError(
                f"{path}, line {number}: expected '<number><TAB><category name>' in the category "
                f"block, got {line[:60]!r}. Fix the line or close the block with '%'."
            )
        cat_id, name = int(parts[0]), parts[1].strip()
        if cat_id in ids:
            raise DictionaryError(
                f"{path}, line {number}: category number {parts[0]} is declared twice "
                f"({ids[cat_id]!r} and {name!r}). Give each category its own number."
            )
        ids[cat_id] = name
        out.setdefault(name, [])
    if not closed:
        raise DictionaryError(
            f"{path}: the category block opened with '%' is never closed. Add a line '%' after "
            "the last category."
        )
    skipped: list[str] = []
    for index in range(number, len(lines)):
        line = lines[index].strip()
        if not line:
            continue
        term, id_tokens = _split_dic_line(line)
        words = line.split()
        if any(_CONDITIONAL.search(tok) for tok in words[1:]):
            skipped.append(f"{words[0]!r} (line {index + 1})")
            continue
        if not id_tokens:
            raise DictionaryError(
                f"{path}, line {index + 1}: the term {term!r} has no category numbers. Expected "
                "'<term><TAB><number> <number> ...'; add the numbers of its categories."
            )
        for token in id_tokens:
            cat_id = int(token)
            if cat_id not in ids:
                declared = ", ".join(str(i) for i in sorted(ids)) or "none"
                raise DictionaryError(
                    f"{path}, line {index + 1}: the term {term!r} refers to category {token}, which "
                    f"the '%' block does not declare (declared: {declared}). Declare it in the "
                    "category block or correct the number."
                )
            _add(out, ids[cat_id], term)
    if skipped:
        warnings.warn(
            f"{path}: skipped {len(skipped)} LIWC2007 conditional line(s) that framing cannot "
            f"express: {', '.join(skipped)}. Add plain entries for these terms if you need them.",
            stacklevel=3,
        )
    return out


def _read_dicx(text: str, path: Path) -> dict[str, list[str]]:
    if not text.strip():
        return {}
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    header = [cell.strip() for cell in rows[0]]
    if not header or header[0].lower() != "dicterm":
        raise DictionaryError(
            f"{path}, line 1: expected a LIWC-22 .dicx header starting with 'DicTerm' followed by "
            f"one column per category, got {', '.join(header[:4])!r}. Rename the first column to DicTerm."
        )
    categories = header[1:]
    if len(set(categories)) != len(categories) or any(not c for c in categories):
        raise DictionaryError(
            f"{path}, line 1: category columns must have unique, non-empty names; got "
            f"{categories}. Rename the duplicated or blank column headers."
        )
    out: dict[str, list[str]] = {name: [] for name in categories}
    for number, row in enumerate(rows[1:], start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        term = _clean_entry(row[0])
        if not term:
            raise DictionaryError(
                f"{path}, line {number}: the DicTerm cell is empty but category cells are marked. "
                "Fill in the term or delete the row."
            )
        if len(row) > len(header):
            raise DictionaryError(
                f"{path}, line {number}: {len(row)} cells but the header has {len(header)} columns. "
                "Quote terms that contain the delimiter, or remove the extra cells."
            )
        for name, cell in zip(categories, row[1:]):
            if cell.strip():
                _add(out, name, term)
    return out


def _read_lc3(text: str, path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    category: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("+"):
            category = _COLOUR.sub("", line[1:]).strip()  # Lexicoder 3 may colour a category: +negative#AA0000
            if not category:
                raise DictionaryError(
                    f"{path}, line {number}: '+' without a category name. Write '+name'."
                )
            out.setdefault(category, [])
            continue
        if category is None:
            raise DictionaryError(
                f"{path}, line {number}: entry {line[:40]!r} comes before any category. A Lexicoder "
                "file starts with a '+category' line; add one above the entries."
            )
        _add(out, category, _clean_entry(line))
    return out


def _read_cat(text: str, path: Path) -> dict[str, list[str]]:
    """WordStat: nesting by indentation, as quanteda reads it (a tab counts two columns, a space one).

    A line with a weight such as ``(1)`` is an entry. A line without one is a category
    when it is at the top level or has lines indented under it; an empty subcategory when
    its siblings are all categories and one of them has lines under it; else an entry.
    """
    nodes: list[dict] = []
    open_lines: list[int] = []  # unweighted lines that may take children, by indentation
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        body = raw.rstrip()
        content = body.lstrip()
        lead = body[: len(body) - len(content)]
        column = 2 * lead.count("\t") + (len(lead) - lead.count("\t"))
        weighted = bool(_WEIGHT.search(content))
        while open_lines and nodes[open_lines[-1]]["column"] >= column:
            open_lines.pop()
        parent = open_lines[-1] if open_lines else None
        if parent is None and weighted:
            raise DictionaryError(
                f"{path}, line {number}: the entry {content[:40]!r} is not indented under a "
                "category. Put a category name above it and indent the entry with one tab."
            )
        nodes.append({"number": number, "column": column, "name": _WEIGHT.sub("", content).strip(),
                      "weighted": weighted, "parent": parent, "children": 0})  # fmt: skip
        if parent is not None:
            nodes[parent]["children"] += 1
        if not weighted:
            open_lines.append(len(nodes) - 1)
    parents_of_categories = {n["parent"] for n in nodes if n["children"]} - {n["parent"] for n in nodes if n["weighted"]}
    out: dict[str, list[str]] = {}
    names: dict[int, str] = {}
    for index, node in enumerate(nodes):
        parent = node["parent"]
        is_category = not node["weighted"] and (
            parent is None or node["children"] > 0 or parent in parents_of_categories
        )
        if is_category:
            names[index] = node["name"] if parent is None else f"{names[parent]}.{node['name']}"
            out.setdefault(names[index], [])
            continue
        entry = _clean_entry(node["name"].replace("_", " "))
        if entry:
            _add(out, names[parent], entry)
    with_children = {names[n["parent"]] for n in nodes if n["parent"] is not None and n["parent"] in names}
    subparents = {name for name in with_children if any(other.startswith(name + ".") for other in out)}
    return {name: entries for name, entries in out.items() if entries or name not in subparents}


_READERS = {"yaml": _read_yaml, "dic": _read_dic, "dicx": _read_dicx, "lc3": _read_lc3, "cat": _read_cat}


def read_dictionary(
    path: str | Path, *, format: str | None = None, encoding: str | None = None
) -> dict[str, list[str]]:
    """Read a dictionary file into ``{category: [pattern, ...]}``.

    The format is chosen by the extension (``.yml``/``.yaml`` quanteda, ``.dic`` LIWC,
    ``.dicx`` LIWC-22, ``.lc3`` Lexicoder, ``.cat`` WordStat) unless ``format`` names one
    of :data:`DICTIONARY_FORMATS`. Nested categories become ``parent.child``; a quanteda
    ``''`` key holds the parent's own entries. Patterns are kept as written (case
    included); runs of whitespace become one space, WordStat underscores become spaces and
    WordStat weights such as ``(1)`` are dropped; WordStat nesting follows indentation as
    quanteda reads it (spaces and tabs mixed). A Lexicoder category colour
    (``+negative#AA0000``) is dropped. LIWC2007 conditional lines (``like 02 134/125[02]``)
    are skipped with one warning. A file that is not UTF-8 is read as Windows-1252 with a
    warning, unless ``encoding`` is given. A forced ``format`` that does not fit the file
    (an error, or categories without a single entry) is refused.

    Parameters
    ----------
    path : str or Path
        The dictionary file.
    format : str, optional
        ``"yaml"``, ``"dic"``, ``"dicx"``, ``"lc3"`` or ``"cat"``; default from the extension.
    encoding : str, optional
        Text encoding; default UTF-8 (BOM allowed) with a Windows-1252 fallback.

    Returns
    -------
    dict of str to list of str
        Categories in file order, each with its patterns in file order.

    Raises
    ------
    DictionaryError
        Unknown extension, malformed line, undeclared LIWC category, or no category at all.

    Examples
    --------
    >>> d = read_dictionary("frames.lc3")  # doctest: +SKIP
    >>> d["war"]  # doctest: +SKIP
    ['war crime*', 'bomb*']
    """
    path = Path(path)
    key = _format_of(path, format)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DictionaryError(
            f"Cannot read dictionary {path}: {exc.strerror}. Check the path."
        ) from None
    text = normalize(_decode(data, path, encoding))  # as article text is (NFC), so decomposed entries match
    by_extension = next((k for k, exts in DICTIONARY_FORMATS.items() if path.suffix.lower() in exts), None)
    forced = format is not None and key != by_extension
    hint = (
        f" The file was read as {_FORMAT_NAMES[key]} because that format was forced"
        + (f"; its extension says {_FORMAT_NAMES[by_extension]}" if by_extension else "")
        + ". Choose the file's real format (--from-format on the command line, format= in Python), or "
        "leave it out to go by the extension."
    )
    try:
        dictionary = _READERS[key](text, path)
    except DictionaryError as exc:
        if forced:
            raise DictionaryError(f"{exc}{hint}") from None
        raise
    if forced and dictionary and not any(dictionary.values()):
        raise DictionaryError(
            f"{path} does not parse as {_FORMAT_NAMES[key]}: it gives {len(dictionary)} categories "
            f"and not one entry (first categories: {', '.join(repr(n[:30]) for n in list(dictionary)[:3])})."
            + hint
        )
    if not dictionary:
        raise DictionaryError(
            f"{path} holds no category: expected a {_FORMAT_NAMES[key]} dictionary with at least "
            "one category. Check that the file is not empty and has the right extension."
        )
    return dictionary


# --------------------------------------------------------------------------- writers


def _validate(dictionary: Mapping[str, object]) -> dict[str, list[str]]:
    if not isinstance(dictionary, Mapping) or not dictionary:
        raise DictionaryError(
            "Expected a non-empty dict mapping category names to lists of patterns, got "
            f"{type(dictionary).__name__ if not isinstance(dictionary, Mapping) else 'an empty dict'}."
            " Pass e.g. {'war': ['war crime*', 'bomb*']}."
        )
    out: dict[str, list[str]] = {}
    for name, entries in dictionary.items():
        if not isinstance(name, str) or not name.strip() or "\n" in name:
            raise DictionaryError(
                f"Category name {name!r} is not a non-empty one-line string. Rename the category."
            )
        if isinstance(entries, str) or not isinstance(entries, (list, tuple)):
            raise DictionaryError(
                f"Category {name!r} maps to {type(entries).__name__}; expected a list of patterns. "
                "Wrap single patterns in a list."
            )
        clean: list[str] = []
        for entry in entries:
            if not isinstance(entry, str) or not entry.strip():
                raise DictionaryError(
                    f"Category {name!r} has the entry {entry!r}; expected a non-empty string. "
                    "Remove it or write it as text."
                )
            entry = _clean_entry(entry)
            if entry not in clean:
                clean.append(entry)
        out[name.strip()] = clean
    return out


def _nest(dictionary: dict[str, list[str]]) -> dict:
    """``parent.child`` names as nested mappings; a parent's own entries go under the key ``''``, as quanteda does."""
    tree: dict = {}
    for name, entries in dictionary.items():
        parts = name.split(".")
        node = tree
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                child = node[part] = {"": child}
            node = child
        if isinstance(node.get(parts[-1]), dict):
            node[parts[-1]][""] = list(entries)
        else:
            node[parts[-1]] = list(entries)
    return tree


def _write_yaml(dictionary: dict[str, list[str]]) -> str:
    return yaml.safe_dump(_nest(dictionary), allow_unicode=True, sort_keys=False, default_flow_style=False)


def _term_lines(dictionary: dict[str, list[str]]) -> list[tuple[str, list[int]]]:
    """Term lines ``(term, [category index, ...])`` that read back with every category's entries in order.

    A term goes on one line with all its categories when it comes next in each of them;
    when the orders of two categories conflict, the term is written on more than one line.
    """
    queues = [list(entries) for entries in dictionary.values()]
    heads = [0] * len(queues)
    remaining: dict[str, int] = {}
    for entries in queues:
        for entry in entries:
            remaining[entry] = remaining.get(entry, 0) + 1
    at_head: dict[str, int] = {}
    for entries in queues:
        if entries:
            at_head[entries[0]] = at_head.get(entries[0], 0) + 1
    lines: list[tuple[str, list[int]]] = []
    while any(h < len(q) for h, q in zip(heads, queues)):
        current = [q[h] for h, q in zip(heads, queues) if h < len(q)]
        term = next((t for t in current if at_head[t] == remaining[t]), current[0])
        members = [i for i, (h, q) in enumerate(zip(heads, queues)) if h < len(q) and q[h] == term]
        for i in members:
            heads[i] += 1
            remaining[term] -= 1
            at_head[term] -= 1
            if heads[i] < len(queues[i]):
                nxt = queues[i][heads[i]]
                at_head[nxt] = at_head.get(nxt, 0) + 1
        lines.append((term, members))
    return lines


def _write_dic(dictionary: dict[str, list[str]]) -> str:
    lines = ["%"]
    for number, name in enumerate(dictionary, start=1):
        lines.append(f"{number}\t{name}")
    lines.append("%")
    for term, members in _term_lines(dictionary):
        lines.append(term + "\t" + "\t".join(str(i + 1) for i in members))
    return "\n".join(lines) + "\n"


def _write_dicx(dictionary: dict[str, list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["DicTerm", *dictionary])
    for term, members in _term_lines(dictionary):
        writer.writerow([term, *("X" if i in members else "" for i in range(len(dictionary)))])
    return buffer.getvalue()


def _write_lc3(dictionary: dict[str, list[str]]) -> str:
    for name, entries in dictionary.items():
        for entry in entries:
            if entry.startswith("+"):
                raise DictionaryError(
                    f"Entry {entry!r} of category {name!r} starts with '+', which Lexicoder reads "
                    "as a category line. Remove the '+', or write another format."
                )
    blocks = ["\n".join([f"+{name}", *entries]) for name, entries in dictionary.items()]
    return "\n\n".join(blocks) + "\n"


def _write_cat(dictionary: dict[str, list[str]]) -> str:
    lines: list[str] = []
    previous: list[str] = []
    for name, entries in dictionary.items():
        for entry in entries:
            if "_" in entry:
                raise DictionaryError(
                    f"Entry {entry!r} of category {name!r} contains '_', which WordStat reads as a "
                    "space. Replace the underscore, or write another format."
                )
        parts = name.split(".")
        common = 0
        while common < min(len(parts), len(previous)) and parts[common] == previous[common]:
            common += 1
        lines.extend("\t" * depth + parts[depth] for depth in range(common, len(parts)))
        lines.extend("\t" * len(parts) + entry.replace(" ", "_") + " (1)" for entry in entries)
        previous = parts
    return "\n".join(lines) + "\n"


def _shown(dictionary: dict[str, list[str]], name: str) -> str:
    return repr(dictionary[name]) if name in dictionary else "nothing"


_WRITERS = {"yaml": _write_yaml, "dic": _write_dic, "dicx": _write_dicx, "lc3": _write_lc3, "cat": _write_cat}


def write_dictionary(
    dictionary: Mapping[str, list[str]], path: str | Path, *, format: str | None = None
) -> Path:
    """Write ``{category: [pattern, ...]}`` in one of the five dictionary formats, as UTF-8.

    LIWC ``.dic`` numbers the categories 1..n in order and writes multi-word terms with
    spaces; ``.dicx`` is a CSV with ``X`` marks; both write the terms so that every
    category reads back in its order. ``.cat`` nests ``parent.child`` by tabs, writes
    spaces as ``_`` and gives each entry the weight ``(1)``; quanteda YAML nests
    ``parent.child`` back into mappings (a parent's own entries under ``''``); ``.lc3``
    writes ``+category`` blocks. The text is read back before it is written: a dictionary
    the format cannot hold exactly is refused, and the file is written atomically.

    Parameters
    ----------
    dictionary : mapping of str to list of str
        Categories and their patterns.
    path : str or Path
        Output file; its extension chooses the format unless ``format`` is given.
    format : str, optional
        ``"yaml"``, ``"dic"``, ``"dicx"``, ``"lc3"`` or ``"cat"``.

    Returns
    -------
    Path
        The written file, so that ``read_dictionary(write_dictionary(d, p))`` round-trips.

    Raises
    ------
    DictionaryError
        Unknown format, invalid dictionary, or a dictionary the format cannot hold exactly
        (such as an empty WordStat subcategory among entries).

    Examples
    --------
    >>> write_dictionary({"war": ["war crime*", "bomb*"]}, "frames.dic")  # doctest: +SKIP
    PosixPath('frames.dic')
    """
    path = Path(path)
    key = _format_of(path, format, flag="--to-format")
    clean = _validate(dictionary)
    text = _WRITERS[key](clean)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = _READERS[key](text, path)
    if back != clean:
        lost = next(
            (name for name in [*clean, *back] if clean.get(name) != back.get(name)), next(iter(clean))
        )
        raise DictionaryError(
            f"Cannot write {path} as {_FORMAT_NAMES[key]} without changing the dictionary: category "
            f"{lost!r} would read back as {_shown(back, lost)} instead of {_shown(clean, lost)}. "
            "Give empty subcategories an entry (WordStat cannot tell them from entries), or write "
            "another format (.yml keeps everything)."
        )
    write_file(text, path)
    return path
