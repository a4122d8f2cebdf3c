"""Presentation of results that is not a figure: an article as HTML with its quotations coloured.

Computation never imports this module; it sits with the figures.
"""

from __future__ import annotations

import html

import pandas as pd

from .figures.base import side_colours
from .study import Study
from .text import paragraph_spans

__all__ = ["highlight_html"]

_OTHER_COLOUR = "#999999"


def highlight_html(article: pd.Series | dict, quotes: pd.DataFrame, study: Study) -> str:
    """One article as HTML, each quotation and report highlighted in its side's colour.

    Direct quotations get a solid background, indirect reports a lighter one
    and an underline; hovering shows speaker, verb and class. Colours come
    from :func:`framing.figures.base.side_colours` (``other`` is grey).
    Display it in a notebook with ``IPython.display.HTML(...)``.

    Examples
    --------
    >>> html_text = highlight_html(articles.iloc[0], quotes, study)  # doctest: +SKIP
    """
    colours = {**side_colours(study), "other": _OTHER_COLOUR}
    doc_id = article["doc_id"]
    mine = quotes[quotes["doc_id"] == doc_id]
    parts = []
    headline = article.get("headline") if hasattr(article, "get") else None
    if isinstance(headline, str) and headline.strip():
        head = mine[mine["sent_id"] == 0]
        parts.append(f"<h3>{_highlight(headline, head, colours, 0, len(headline))}</h3>")
    text = str(article["text"])
    body = mine[mine["sent_id"] != 0]
    parts.extend(f"<p>{_highlight(text, body, colours, start, end)}</p>" for start, end in paragraph_spans(text))
    legend = " ".join(
        f'<span style="background:{_tint(colours[s], 0.45)};padding:0 4px">{html.escape(label)}</span>'
        for s, label in [*((side.id, side.label) for side in study.sides.values()), ("other", "other")])
    return (f'<div class="framing-quotes" style="line-height:1.6;max-width:48em">'
            f'<div style="font-size:smaller">{legend} · solid: direct quotation; '
            f'underlined: indirect report</div>{"".join(parts)}</div>')


def _highlight(text: str, quotes: pd.DataFrame, colours: dict[str, str], start: int, end: int) -> str:
    """``text[start:end]`` as HTML, the parts inside quotes wrapped in coloured spans."""
    spans = sorted(zip(quotes["start"], quotes["end"], quotes["kind"], quotes["side"], quotes["speaker"],
                       quotes["verb"], quotes["verb_class"]), key=lambda q: (q[0], -q[1]))
    inner = {int(p) for q in spans for p in q[:2] if start < int(p) < end}
    cuts = sorted({start, end, *inner})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b])
        covering = [q for q in spans if q[0] <= a and b <= q[1]]
        if not covering:
            out.append(piece)
            continue
        q = min(covering, key=lambda q: (q[1] - q[0], q[2] != "direct"))
        start, end, kind, side, speaker, verb, cls = q
        colour = colours.get(str(side), _OTHER_COLOUR)
        title = html.escape(f"{kind}: {speaker if isinstance(speaker, str) else '?'} ({side})"
                            + (f", {verb} [{cls}]" if isinstance(verb, str) else ""))
        style = (f"background:{_tint(colour, 0.45)}" if kind == "direct"
                 else f"background:{_tint(colour, 0.18)};border-bottom:2px solid {colour}")
        out.append(f'<span title="{title}" style="{style}">{piece}</span>')
    return "".join(out).replace("\n", "<br>")


def _tint(colour: str, alpha: float) -> str:
    """``colour`` mixed with white: ``alpha`` of the colour."""
    colour = colour.lstrip("#")
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    mix = [round(255 - alpha * (255 - c)) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)
