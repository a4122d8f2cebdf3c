"""Quotation marks and dialogue dashes: the one detector of direct quotations.

Matching (``in_quote`` of :func:`framing.match`) and reported speech
(:func:`framing.find_quotes`) both ask :func:`quote_spans`, so a hit is inside
a quotation for the same reason with and without attribution.

- **Quotation marks** (:func:`quotation_spans`): “ ”, " ", « », „ “, ‚ ‘,
  ‘ ’ and ‹ ›, nested, continued over paragraphs that reopen them. A mark
  left open ends with its paragraph; an apostrophe inside a word
  (l’Élysée, Kremlin’s) is never a mark.
- **Dialogue dashes** (:func:`dialogue_spans`): in Russian and French, the
  dash that opens a paragraph ("— Мы ждали …, — сказал он").
"""

from __future__ import annotations

import re

from ..text import paragraph_spans

__all__ = ["QUOTE_MARKS", "quote_spans", "quotation_spans", "dialogue_spans"]


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


_DIALOGUE = re.compile(r"[—–]\s")
# the author's words after a dialogue line: ", — сказал он", " — dit-il"
_AUTHOR = re.compile(r",?\s+[—–]\s+(?=[^\W\d_])")


def dialogue_spans(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
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


#: Any character that can open or close a quotation; a text without one has none.
QUOTE_MARKS = re.compile('[“”«»„‹›‚‘’"—–]')


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each direct quotation in ``text``: marks and dialogue dashes.

    The one detector of direct quotations: :func:`quotation_spans` and then
    :func:`dialogue_spans` outside them, in reading order.

    Examples
    --------
    >>> s = '«Non», a-t-il dit.\\n\\n— Мы ждали, — сказал он.'
    >>> [s[a:b] for a, b in quote_spans(s)]
    ['«Non»', '— Мы ждали']
    """
    if not QUOTE_MARKS.search(text):
        return []
    spans = quotation_spans(text)
    return sorted(spans + dialogue_spans(text, spans))
