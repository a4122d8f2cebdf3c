"""Tables a notebook can read: rounded, sides in the study's order, text left-aligned, dates as dates.

:func:`show` is the one display helper of the notebooks. It never changes
the table it is given; it returns a pandas ``Styler`` that renders as HTML.
:func:`section` says, in one line, when a notebook skips a part the study
has no data for.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .study import Study

__all__ = ["show", "side_order", "section"]


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
