"""Figures comparing methods against the gold: per-label F1 of lexicon and classifier, and the learning curve."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..study import Study
from .base import PALETTE, figure_style, side_colours

__all__ = ["fig_method_f1", "fig_learning_curve"]

_MARKERS = ["s", "o", "D", "^", "v", "P"]
_NEUTRAL = {"both": "#7f7f7f", "none": "#b0b0b0", "macro": "#000000"}


def _label_colours(labels: Sequence[str], study: Study | None) -> dict[str, str]:
    colours = side_colours(study) if study is not None else {}
    sides = [label for label in labels if label not in _NEUTRAL]
    out = {label: colours.get(label, PALETTE[i % len(PALETTE)]) for i, label in enumerate(sides)}
    out.update({label: colour for label, colour in _NEUTRAL.items() if label in labels})
    return out


def _ordered(labels: Sequence[str], study: Study | None) -> list[str]:
    """Sides in the study's order, then other labels as given, then ``both``, ``none``, ``macro``."""
    first = [side for side in (study.side_ids if study is not None else []) if side in labels]
    middle = [label for label in labels if label not in first and label not in _NEUTRAL]
    return first + middle + [label for label in _NEUTRAL if label in labels]


def _label_names(labels: Sequence[str], study: Study | None) -> list[str]:
    names = {"both": "both", "none": "none", "macro": "macro-F1"}
    if study is not None:
        names.update({side.id: side.label.replace(" account", "") for side in study.sides.values()})
    return [names.get(label, label) for label in labels]


def _check(table: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in table]
    if missing:
        raise ValueError(f"{what} needs column(s) {', '.join(missing)}; got {', '.join(map(str, table.columns))}.")


def fig_method_f1(table: pd.DataFrame, *, study: Study | None = None, group: str = "all",
                  evaluations: Sequence[str] | None = None) -> Figure:
    """Per-label F1 of each method against the gold, with bootstrap intervals, one panel per evaluation.

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.classify.method_metrics` (``evaluation, method,
        group, label, metric, value, low, high``), e.g. the dev
        cross-validation and the test split stacked.
    study : Study, optional
        Gives the sides' names and colours (:func:`side_colours`).
    group : str, default "all"
        Which group of the table to draw (e.g. ``lang=fr``).
    evaluations : sequence of str, optional
        Panels in order (default: as they appear in the table).

    Returns
    -------
    Figure
        Points at F1 with interval bars; labels along x (sides, ``both``,
        ``none``, then macro-F1), methods told apart by marker and offset.

    Examples
    --------
    >>> fig = fig_method_f1(pd.concat([dev_metrics, test_metrics]), study=study)  # doctest: +SKIP
    >>> save_figure(fig, "figures/method_f1")  # doctest: +SKIP
    """
    _check(table, ["evaluation", "method", "group", "label", "metric", "value", "low", "high"], "fig_method_f1")
    data = table[(table["group"] == group) & table["metric"].isin(["f1", "macro_f1"])]
    if data.empty:
        raise ValueError(f"The table has no F1 rows for group {group!r}; groups are "
                         f"{', '.join(map(str, table['group'].unique()))}.")
    panels = list(evaluations) if evaluations is not None else list(dict.fromkeys(data["evaluation"]))
    methods = list(dict.fromkeys(data["method"]))
    labels = _ordered([*dict.fromkeys(data["label"]), "macro"], study)
    colours = _label_colours(labels, study)
    offsets = np.linspace(-0.16, 0.16, len(methods)) if len(methods) > 1 else np.zeros(1)
    x = np.arange(len(labels))
    with figure_style():
        fig, axes = plt.subplots(1, len(panels), sharey=True, squeeze=False,
                                 figsize=(0.8 + 0.6 * len(labels) * len(panels), 2.6), layout="constrained")
        for ax, evaluation in zip(axes[0], panels):
            part = data[data["evaluation"] == evaluation]
            for offset, marker, method in zip(offsets, _MARKERS, methods):
                rows = part[part["method"] == method].set_index("label").reindex(labels)
                for xi, label in zip(x, labels):
                    value, low, high = rows.loc[label, ["value", "low", "high"]].astype(float)
                    if np.isnan(value):
                        continue
                    colour = colours[label]
                    if np.isfinite(low) and np.isfinite(high):
                        ax.vlines(xi + offset, low, high, color=colour, linewidth=1.0)
                    ax.plot(xi + offset, value, marker, color=colour, markersize=4.5,
                            markerfacecolor="white" if marker == _MARKERS[0] else colour, zorder=3)
            ax.axvline(len(labels) - 1.5, color="#999999", linewidth=0.6, linestyle=":")
            ax.set_xticks(x, _label_names(labels, study), rotation=30, ha="right")
            ax.set_xlim(-0.6, len(labels) - 0.4)
            ax.set_ylim(-0.03, 1.03)
            ax.set_title(evaluation, loc="left")
            ax.grid(axis="y", color="#dddddd", linewidth=0.5)
            ax.grid(axis="x", visible=False)
        axes[0][0].set_ylabel("F1 against the gold")
        handles = [Line2D([], [], linestyle="none", marker=m, color="#333333",
                          markerfacecolor="white" if m == _MARKERS[0] else "#333333", label=method)
                   for m, method in zip(_MARKERS, methods)]
        fig.legend(handles=handles, loc="outside lower center", ncols=len(methods),
                   title=None if group == "all" else group)
    return fig


def fig_learning_curve(curve: pd.DataFrame, *, study: Study | None = None,
                       labels: Sequence[str] | None = None) -> Figure:
    """Cross-validated F1 against the number of labelled training articles, one line per label.

    Parameters
    ----------
    curve : DataFrame
        From :func:`framing.classify.learning_curve`.
    study : Study, optional
        Gives the sides' names and colours.
    labels : sequence of str, optional
        Labels to draw (default: every label in the curve, then macro-F1).

    Returns
    -------
    Figure

    Examples
    --------
    >>> fig = fig_learning_curve(learning_curve(make_classifier(), dev), study=study)  # doctest: +SKIP
    """
    _check(curve, ["n_articles", "label", "metric", "value", "low", "high"], "fig_learning_curve")
    data = curve[curve["metric"].isin(["f1", "macro_f1"])]
    if labels is None:
        labels = _ordered([*dict.fromkeys(data["label"]), "macro"], study)
    colours = _label_colours(labels, study)
    names = dict(zip(labels, _label_names(labels, study)))
    with figure_style():
        fig, ax = plt.subplots(figsize=(4.2, 2.8), layout="constrained")
        for label in labels:
            rows = data[data["label"] == label].sort_values("n_articles")
            if rows.empty:
                continue
            n = rows["n_articles"].to_numpy(dtype=float)
            ax.fill_between(n, rows["low"].to_numpy(dtype=float), rows["high"].to_numpy(dtype=float),
                            color=colours[label], alpha=0.12, linewidth=0)
            ax.plot(n, rows["value"].to_numpy(dtype=float), "o-", color=colours[label], label=names[label],
                    linewidth=2.0 if label == "macro" else 1.2, markersize=3.5)
        ax.set_xlabel("labelled training articles (mean per fold)")
        ax.set_ylabel("cross-validated F1")
        ax.set_ylim(-0.03, 1.03)
        ax.grid(axis="y", color="#dddddd", linewidth=0.5)
        fig.legend(loc="outside right center")
    return fig
