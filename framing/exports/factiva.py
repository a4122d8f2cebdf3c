"""Factiva exports (TXT, RTF, and both HTML layouts) into the corpus table."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from ..errors import FormatError
from .common import (COPYRIGHT, FACTIVA_CODES, Collector, alternation, blank_separated, label_markers, read_text,
                     language_code, parse_date)

__all__ = ["read_factiva_txt", "read_factiva_rtf", "read_factiva_html"]

# --------------------------------------------------------------------------- Factiva TXT / RTF


def _factiva_chunks(lines: list[str], marks: Mapping[str, tuple[str, ...]]) -> list[tuple[str | None, list[str]]]:
    document = re.compile(rf"^\s*(?:{alternation(marks['document'])})\s+(\S+)\s*$")
    chunks: list[tuple[str | None, list[str]]] = []
    current: list[str] = []
    for line in lines:
        match = document.match(line)
        if match:
            chunks.append((match[1], current))
            current = []
        else:
            current.append(line)
    if any(line.strip() for line in current):
        chunks.append((None, current))
    return chunks


def _parse_factiva_text(text: str, path: Path, kind: str, markers: Mapping | None) -> pd.DataFrame:
    marks = label_markers("factiva", markers)
    codes = set(FACTIVA_CODES) | {code for values in marks.values() for code in values}
    codes -= set(marks["document"])
    code_line = re.compile(rf"^\s*({alternation(codes)})(?:\s*$|(?:\t| {{2,}})\s*(.*)$)")
    field_of = {code: key for key, values in marks.items() for code in values}
    collector = Collector(path, kind)
    for number, (accession, lines) in enumerate(_factiva_chunks(text.splitlines(), marks), start=1):
        fields: dict[str, list[str]] = {}
        current: list[str] | None = None
        for line in lines:
            match = code_line.match(line)
            if match:
                key = field_of.get(match[1], match[1])
                current = fields.setdefault(key, [])
                if match[2]:
                    current.append(match[2].strip())
            elif current is not None:
                current.append(line.strip())
        if "headline" not in fields and "text" not in fields and "lead" not in fields:
            continue
        if accession is None and fields.get("accession"):
            accession = fields["accession"][0].split()[-1]
        record = f"document {accession}" if accession else f"article {number}"
        paragraphs = [" ".join(p) for p in blank_separated(fields.get("lead", []))]
        paragraphs += [" ".join(p) for p in blank_separated(fields.get("text", []))]
        first = lambda key: next((v for v in fields.get(key, []) if v), None)  # noqa: E731
        collector.add(
            record,
            headline=" ".join(v for v in fields.get("headline", []) if v) or None,
            outlet=first("source"),
            date=first("date"),
            paragraphs=paragraphs,
            lang=first("language"),
            byline=first("byline"),
            section=first("section"),
            body_fix="check that the article has LP/TD fields (export 'Full Article/Report plus Indexing')",
        )
    return collector.frame(
        expected=f"Factiva field codes (HD, PD, SN, TD …) and {marks['document'][0]!r} <accession> lines"
    )


def read_factiva_txt(
    path: str | Path, *, markers: Mapping[str, str | Sequence[str]] | None = None
) -> pd.DataFrame:
    """Read a Factiva plain-text export in the field-coded layout into the corpus table.

    Each field starts with its code on a line of its own (``HD``, ``BY``, ``WC``, ``PD``,
    ``SN``, ``LA``, ``LP``, ``TD`` …) or with the code, a tab and the value; articles end with
    ``Document <accession number>``. Lead (LP) and text (TD) paragraphs are separated by
    blank lines. Blocks without HD/LP/TD (such as the search summary) are ignored.

    Parameters
    ----------
    path : str or Path
        The ``.txt`` file.
    markers : dict, optional
        Replacement codes; keys ``document``, ``headline``, ``byline``, ``word_count``,
        ``date``, ``source``, ``section``, ``language``, ``lead``, ``text``, ``accession``.

    Returns
    -------
    pandas.DataFrame
        The corpus table; ``source_record`` is ``document <accession number>``.

    Raises
    ------
    FormatError
        No field-coded article in the file.

    Examples
    --------
    >>> corpus = read_factiva_txt("factiva.txt")  # doctest: +SKIP
    """
    path = Path(path)
    return _parse_factiva_text(read_text(path), path, "factiva_txt", markers)


_RTF_TOKEN = re.compile(
    r"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+", re.DOTALL
)
_RTF_SKIP = frozenset(
    "fonttbl colortbl stylesheet info pict header headerl headerr headerf footer footerl footerr "
    "footerf footnote listtable listoverridetable rsidtbl generator themedata colorschememapping "
    "latentstyles datastore xmlnstbl object fldinst filetbl revtbl bkmkstart bkmkend".split()
)
_RTF_WORDS = {
    "par": "\n", "line": "\n", "sect": "\n", "page": "\n", "row": "\n", "cell": "\t", "tab": "\t",
    "emdash": "\u2014", "endash": "\u2013", "lquote": "\u2018", "rquote": "\u2019",
    "ldblquote": "\u201c", "rdblquote": "\u201d", "bullet": "\u2022", "emspace": " ", "enspace": " ",
}  # fmt: skip
_RTF_SYMBOLS = {"\\": "\\", "{": "{", "}": "}", "~": "\u00a0", "-": "", "_": "\u2011", "\n": "\n", "\r": "\n"}


def _rtf_to_text(rtf: str) -> str:
    """Strip RTF groups and control words, keeping the text (``\\'e9``, ``\\u1080?`` decoded)."""
    out: list[str] = []
    pending = bytearray()
    codepage = "cp1252"
    stack: list[tuple[bool, int]] = []
    skip, uc, to_skip, group_start = False, 1, 0, False

    def flush() -> None:
        if pending:
            out.append(pending.decode(codepage, errors="replace"))
            pending.clear()

    for match in _RTF_TOKEN.finditer(rtf):
        word, argument, hexbyte, symbol, brace, text = match.groups()
        starting, group_start = group_start, False
        if brace == "{":
            flush()
            stack.append((skip, uc))
            group_start = True
            continue
        if brace == "}":
            flush()
            skip, uc = stack.pop() if stack else (skip, uc)
            to_skip = 0
            continue
        if to_skip and not skip:
            if text:
                dropped = min(to_skip, len(text))
                to_skip -= dropped
                text = text[dropped:]
                if not text:
                    continue
            elif word or hexbyte or symbol:
                to_skip -= 1
                continue
        if word:
            if starting and word in _RTF_SKIP:
                skip = True
            elif word == "ansicpg" and argument:
                codepage = f"cp{argument}"
            elif skip:
                continue
            elif word == "u" and argument:
                flush()
                out.append(chr(int(argument) % 65536))
                to_skip = uc
            elif word == "uc" and argument:
                uc = int(argument)
            elif word in _RTF_WORDS:
                flush()
                out.append(_RTF_WORDS[word])
            continue
        if symbol is not None:
            if symbol == "*" and starting:
                skip = True
            elif not skip and symbol in _RTF_SYMBOLS:
                flush()
                out.append(_RTF_SYMBOLS[symbol])
            continue
        if skip:
            continue
        if hexbyte:
            pending.append(int(hexbyte, 16))
            continue
        if text:
            flush()
            out.append(text)
    flush()
    # \uN pairs may encode one character outside the BMP as two surrogates: join them.
    return "".join(out).encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def read_factiva_rtf(
    path: str | Path, *, markers: Mapping[str, str | Sequence[str]] | None = None
) -> pd.DataFrame:
    """Read a Factiva RTF export: strip the RTF markup, then parse it as :func:`read_factiva_txt`.

    The small built-in RTF reader keeps text, decodes ``\\'hh`` bytes in the file's code
    page and ``\\uN?`` characters, and drops font tables, pictures and other hidden groups.

    Parameters
    ----------
    path : str or Path
        The ``.rtf`` file.
    markers : dict, optional
        As for :func:`read_factiva_txt`.

    Returns
    -------
    pandas.DataFrame
        The corpus table.

    Raises
    ------
    FormatError
        The file is not RTF, or holds no field-coded article.

    Examples
    --------
    >>> corpus = read_factiva_rtf("factiva.rtf")  # doctest: +SKIP
    """
    path = Path(path)
    raw = read_text(path)
    if not raw.lstrip().startswith("{\\rtf"):
        raise FormatError(
            f"{path} is not an RTF file: expected it to start with '{{\\rtf', got "
            f"{raw.lstrip()[:20]!r}. Read a plain-text export as factiva_txt (--format factiva_txt on the "
            "command line, read_factiva_txt in Python)."
        )
    return _parse_factiva_text(_rtf_to_text(raw), path, "factiva_rtf", markers)


# --------------------------------------------------------------------------- Factiva HTML

_VOID = frozenset("br img hr meta link input col area base wbr source".split())
_BLOCKS = frozenset(
    "p div br tr td th table tbody thead tfoot li ul ol h1 h2 h3 h4 h5 h6 section article header "
    "footer blockquote pre body html dd dt dl".split()
)
_HIDDEN = frozenset("script style head title noscript".split())


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []
        self.parent = parent

    def elements(self) -> Iterable[_Node]:
        for child in self.children:
            if isinstance(child, _Node):
                yield child
                yield from child.elements()

    def marks(self) -> set[str]:
        """Class tokens and id of this element, lower case."""
        tokens = set((self.attrs.get("class") or "").lower().split())
        if self.attrs.get("id"):
            tokens.add(self.attrs["id"].lower())
        return tokens


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.stack = [self.root]

    def _close(self, tags: set[str], stop: set[str]) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[index].tag
            if tag in stop:
                return
            if tag in tags:
                del self.stack[index:]
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "div", "table", "ul", "ol", "h1", "h2", "h3") and self.stack[-1].tag == "p":
            self.stack.pop()
        if tag in ("td", "th"):
            self._close({"td", "th"}, {"tr", "table"})
        elif tag == "tr":
            self._close({"tr"}, {"table"})
        elif tag == "li":
            self._close({"li"}, {"ul", "ol"})
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _html_lines(node: _Node) -> list[tuple[str, _Node]]:
    """Text of ``node`` as lines, each with the innermost block element that holds it."""
    out: list[tuple[str, _Node]] = []
    buffer: list[str] = []

    def flush(owner: _Node) -> None:
        text = " ".join("".join(buffer).split())
        buffer.clear()
        if text:
            out.append((text, owner))

    def walk(element: _Node, owner: _Node) -> None:
        for child in element.children:
            if isinstance(child, str):
                buffer.append(child)
            elif child.tag in _HIDDEN:
                continue
            elif child.tag in _BLOCKS:
                flush(owner)
                walk(child, child)
                flush(child)
            else:
                walk(child, owner)

    walk(node, node)
    flush(node)
    return out


def _ancestry_marks(node: _Node, top: _Node) -> set[str]:
    marks: set[str] = set()
    current: _Node | None = node
    while current is not None and current is not top:
        marks |= current.marks()
        current = current.parent
    return marks


def _table_rows(table: _Node) -> list[_Node]:
    rows: list[_Node] = []
    for child in table.children:
        if isinstance(child, _Node):
            if child.tag == "tr":
                rows.append(child)
            elif child.tag in ("tbody", "thead", "tfoot"):
                rows.extend(c for c in child.children if isinstance(c, _Node) and c.tag == "tr")
    return rows


def _factiva_tables(root: _Node, collector: Collector, marks: Mapping[str, tuple[str, ...]]) -> int:
    codes = set(FACTIVA_CODES) | {code for values in marks.values() for code in values}
    field_of = {code: key for key, values in marks.items() for code in values}
    found = 0
    for table in (n for n in root.elements() if n.tag == "table"):
        fields: dict[str, _Node] = {}
        for row in _table_rows(table):
            cells = [c for c in row.children if isinstance(c, _Node) and c.tag in ("td", "th")]
            if len(cells) < 2:
                continue
            code = " ".join(text for text, _ in _html_lines(cells[0])).strip()
            if code in codes:
                fields.setdefault(field_of.get(code, code), cells[1])
        if not {"headline", "lead", "text"} & set(fields):
            continue
        found += 1

        def value(key: str) -> str | None:
            if key not in fields:
                return None
            return " ".join(text for text, _ in _html_lines(fields[key])) or None

        accession = value("accession")
        if accession:
            accession = accession.split()[-1]
        paragraphs = [text for key in ("lead", "text") if key in fields for text, _ in _html_lines(fields[key])]
        collector.add(
            f"document {accession}" if accession else f"article {found}",
            headline=value("headline"),
            outlet=value("source"),
            date=value("date"),
            paragraphs=paragraphs,
            lang=value("language"),
            byline=value("byline"),
            section=value("section"),
            body_fix="check that the article has LP/TD rows (export 'Full Article/Report plus Indexing')",
        )
    return found


_WORD_COUNT = re.compile(r"^[\d.,\u00a0 ]+\s+(words?|mots|w[öo]rter|слов\w*)$", re.IGNORECASE)
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(\s*(am|pm|gmt|utc|[a-z]{2,4}))*$", re.IGNORECASE)


def _factiva_articles(root: _Node, collector: Collector, marks: Mapping[str, tuple[str, ...]]) -> int:
    wrappers: list[_Node] = []

    def find(node: _Node) -> None:
        for child in node.children:
            if isinstance(child, _Node):
                tokens = child.marks()
                if any(t == "article" or (t.endswith("article") and len(t) <= 9) for t in tokens):
                    wrappers.append(child)
                else:
                    find(child)

    find(root)
    document = re.compile(rf"^(?:{alternation(marks['document'])})\s+(\S+)$")
    segments: list[tuple[_Node, list[tuple[str, _Node]]]] = []
    for top in wrappers or [root]:
        current: list[tuple[str, _Node]] = []
        for line in _html_lines(top):
            current.append(line)
            if document.match(line[0]):
                segments.append((top, current))
                current = []
        if current and (wrappers or segments == []):
            segments.append((top, current))
    found = 0
    for top, lines in segments:
        tagged = [(text, node, _ancestry_marks(node, top)) for text, node in lines]
        paragraphs = [t for t, n, m in tagged if n.tag == "p" and any("articleparagraph" in x for x in m)]
        ends = any(document.match(t) for t, _, _ in tagged)
        if not paragraphs and ends:
            paragraphs = [t for t, n, m in tagged if n.tag == "p"]
        if not paragraphs:
            continue
        found += 1
        headline = next((t for t, _, m in tagged if "hd" in m or any("headline" in x for x in m)), None)
        byline = next((t for t, _, m in tagged if any("author" in x for x in m)), None)
        accession = next((document.match(t)[1] for t, _, _ in tagged if document.match(t)), None)
        meta = [
            t
            for t, n, m in tagged
            if t not in (headline, byline) and t not in paragraphs and not document.match(t)
        ]
        if headline is None and meta:
            headline = meta.pop(0)
        if byline is None and meta and meta[0].lower().startswith(("by ", "von ", "par ")):
            byline = meta.pop(0)
        after = next((i + 1 for i, t in enumerate(meta) if _WORD_COUNT.match(t)), None)
        date = outlet = lang = None
        if after is not None and after < len(meta):
            date, rest = meta[after], meta[after + 1 :]
        else:
            date = next((t for t in meta if parse_date(t)), None)
            rest = [t for t in meta if t != date and not _WORD_COUNT.match(t)]
        for text in rest:
            if _TIME.match(text) or COPYRIGHT.match(text):
                continue
            if lang is None and language_code(text) and len(text.split()) == 1:
                lang = text
            elif outlet is None:
                outlet = text
        collector.add(
            f"document {accession}" if accession else f"article {found}",
            headline=headline,
            outlet=outlet,
            date=date,
            paragraphs=paragraphs,
            lang=lang,
            byline=re.sub(r"^(by|von|par)\s+", "", byline, flags=re.IGNORECASE) if byline else None,
        )
    return found


def read_factiva_html(
    path: str | Path, *, markers: Mapping[str, str | Sequence[str]] | None = None
) -> pd.DataFrame:
    """Read a Factiva HTML export (either layout) into the corpus table.

    The "full article + indexing" layout has one table per article with field codes
    (``HD``, ``BY``, ``WC``, ``PD``, ``SN``, ``SC``, ``LA``, ``LP``, ``TD``, ``AN`` …) in the
    left cell. The default article layout has, per article, a headline, an author, the word
    count, the date, the source name and code, the language, the paragraphs
    (``<p class="articleParagraph">``) and ``Document <accession number>``; its unlabelled
    lines are told apart by position after the word count and by content.

    Parameters
    ----------
    path : str or Path
        The ``.html``/``.htm`` file.
    markers : dict, optional
        As for :func:`read_factiva_txt` (field codes and the ``document`` word).

    Returns
    -------
    pandas.DataFrame
        The corpus table; ``source_record`` is ``document <accession number>``.

    Raises
    ------
    FormatError
        Neither layout is found.

    Examples
    --------
    >>> corpus = read_factiva_html("factiva.html")  # doctest: +SKIP
    """
    path = Path(path)
    marks = label_markers("factiva", markers)
    builder = _TreeBuilder()
    builder.feed(read_text(path))
    builder.close()
    collector = Collector(path, "factiva_html")
    if not _factiva_tables(builder.root, collector, marks):
        _factiva_articles(builder.root, collector, marks)
    return collector.frame(
        expected="tables with Factiva field codes (HD, PD, TD …) in the left cell, or articles "
        "with <p class=\"articleParagraph\"> paragraphs ending in 'Document <accession number>'"
    )
