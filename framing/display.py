"""Presentation that is not a figure: readable tables for notebooks, and articles as HTML.

:func:`show` is the one display helper of the notebooks. It never changes
the table it is given; it returns a pandas ``Styler`` that renders as HTML.
:func:`section` says, in one line, when a notebook skips a part the study
has no data for. :func:`highlight_html` shows one article with its
quotations coloured by side.

Computation never imports this module; it sits with the figures.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .corpus import read_corpus
from .evaluate import read_gold
from .figures.base import side_colours
from .study import Study, load_study
from .text import paragraph_spans

__all__ = ["show", "side_order", "section", "highlight_html", "study_inputs", "StudyInputs"]


class StudyInputs(NamedTuple):
    """What a notebook's parameters name: the study, its articles and its gold (None without one)."""

    study: Study
    articles: pd.DataFrame
    gold: pd.DataFrame | None


def study_inputs(study_path: str | Path, corpus_path: str | Path | None = None,
                 gold_path: str | Path | None = None) -> StudyInputs:
    """Load the study, its corpus (default: the study file's folder) and, when given, its gold.

    The one call behind every notebook's parameters cell, so that pointing the
    parameters at another study is all it takes to run a notebook on it.

    Examples
    --------
    >>> study, articles, gold = study_inputs("../corpus/study.yaml", gold_path=None)  # doctest: +SKIP
    """
    study = load_study(study_path)
    articles = read_corpus(corpus_path or Path(study_path).parent)
    gold = read_gold(gold_path, study=study) if gold_path else None
    return StudyInputs(study, articles, gold)


def side_order(columns: Sequence[object], study: Study) -> list[object]:
    """``columns`` with those of the sides (``france``, ``kremlin_salience``) in the study's order.

    Columns that belong to no side keep their place; the sides' columns are
    reordered among the places they occupy, side by side, then ``both`` and
    ``none``.

    Examples
    --------
    >>> side_order(["doc_id", "france_salience", "kremlin_salience"], study)  # doctest: +SKIP
    ['doc_id', 'kremlin_salience', 'france_salience']
    """
    rank = {side: i for i, side in enumerate([*study.side_ids, "both", "none"])}

    def side(column: object) -> int | None:
        name = column[0] if isinstance(column, tuple) else column
        name = str(name)
        for key, i in rank.items():
            if name == key or name.startswith(f"{key}_") or name.endswith(f"[{key}]"):
                return i
        return None

    owned = [c for c in columns if side(c) is not None]
    ordered = iter(sorted(owned, key=lambda c: side(c)))  # stable: a side's own columns keep their order
    return [next(ordered) if side(c) is not None else c for c in columns]


def show(table: pd.DataFrame | pd.Series, *, study: Study | None = None, digits: int = 2,
         columns: Sequence[object] | None = None, max_columns: int = 8, max_text: int = 80):
    """A readable view of ``table`` for a notebook.

    Parameters
    ----------
    table : DataFrame or Series
    study : Study, optional
        Puts the sides' columns (and a crosstab's side columns) in the
        study's order instead of the alphabet's.
    digits : int, default 2
        Decimals shown for floats.
    columns : sequence, optional
        The columns to show; by default the first ``max_columns`` (the
        caption names the rest), so the table fits a notebook's width.
    max_text : int, default 80
        Longer text is cut with "…".

    Returns
    -------
    pandas.io.formats.style.Styler
        Text left-aligned, dates without a time of day when they have none.

    Examples
    --------
    >>> show(run.scores, study=study, columns=["doc_id", "balance"])  # doctest: +SKIP
    """
    data = table.to_frame() if isinstance(table, pd.Series) else table.copy()
    if study is not None:
        data = data[side_order(list(data.columns), study)]
    hidden: list[str] = []
    if columns is not None:
        data = data[list(columns)]
    elif len(data.columns) > max_columns:
        hidden = [str(c) for c in data.columns[max_columns:]]
        data = data.iloc[:, :max_columns]
    text = []
    for column in data.columns:
        values = data[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            if (values.dropna() == values.dropna().dt.normalize()).all():
                data[column] = values.dt.date
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            text.append(column)
            data[column] = values.map(lambda v: v if not isinstance(v, str) or len(v) <= max_text
                                      else v[: max_text - 1] + "…")
    styler = data.style.format(precision=digits, na_rep="")
    if text:
        styler = styler.set_properties(subset=text, **{"text-align": "left"})
    styler = styler.set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    if hidden:
        more = ", ".join(hidden[:6]) + (" …" if len(hidden) > 6 else "")
        styler = styler.set_caption(f"{len(hidden)} more column(s) not shown: {more}")
    return styler


def section(available: bool, needs: str) -> bool:
    """Whether a notebook section can run; if not, say in one line what it needs and that it is skipped.

    Examples
    --------
    >>> if section(gold is not None, "gold annotations (gold_path)"):  # doctest: +SKIP
    ...     show(evaluate(...))
    """
    if not available:
        print(f"Skipped: this study has no {needs}.")
    return available

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
