"""Figures that compare groups of articles: accounts by group, primacy, balance, keyness, timeline."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..study import Study
from .base import PALETTE, figure_style, group_tick, legend_entries, points_with_intervals, side_colours

__all__ = ["fig_accounts_by_group", "fig_primacy", "fig_balance", "fig_keyness", "fig_timeline"]

_GREY = "#999999"


def fig_accounts_by_group(summary: pd.DataFrame, study: Study, *, group_label: str = "") -> Figure:
    """Each side's mean salience and prominence per group, with intervals.

    A group too small for an interval (``interval == "n too small"`` in the
    summary, or no bounds) is drawn as a hollow point without a bar, and the
    legend says what the hollow points mean.

    Parameters
    ----------
    summary : DataFrame
        From :func:`framing.compare.summarise` over the measures
        ``<side>_salience`` and ``<side>_prominence`` of every side (columns
        ``group, measure, estimate, ci_low, ci_high, n``, and ``interval``).
    study : Study
    group_label : str
        Axis label for the groups (e.g. "Outlet type").

    Examples
    --------
    >>> measures = [f"{s}_{m}" for s in study.side_ids for m in ("salience", "prominence")]
    >>> fig = fig_accounts_by_group(summarise(scores, measures, by="outlet_type"), study)  # doctest: +SKIP
    """
    _need(summary, ["group", "measure", "estimate", "ci_low", "ci_high", "n"], "summary")
    colours = side_colours(study)
    groups = list(dict.fromkeys(summary["group"]))
    counts = summary.drop_duplicates("group").set_index("group")["n"]
    n = len(groups)
    with figure_style():
        fig, axes = plt.subplots(1, 2, sharex=True, sharey=True, figsize=(6.8, 1.0 + 0.32 * n), layout="constrained")
        y = np.arange(n)
        offsets = np.linspace(-0.15, 0.15, len(study.sides)) if len(study.sides) > 1 else [0.0]
        for ax, measure, title in zip(axes, ["salience", "prominence"],
                                      ["Salience (share of sentences)", "Prominence (position-weighted)"]):
            for offset, side in zip(offsets, study.sides.values()):
                rows = summary[summary["measure"] == f"{side.id}_{measure}"].set_index("group").reindex(groups)
                points_with_intervals(ax, rows, y + offset, colour=colours[side.id], label=side.label)
            ax.set_title(title, loc="left")
            ax.set_xlim(left=0)
            ax.set_xlabel("mean share per article (95% BCa interval)")
        axes[0].set_yticks(y, [group_tick(g, counts[g]) for g in groups])
        axes[0].set_ylim(n - 0.5, -0.5)
        axes[0].set_ylabel(group_label)
        axes[0].tick_params(axis="y", length=0)
        handles, labels = legend_entries(axes[0], summary)
        fig.legend(handles, labels, loc="outside lower center", ncols=len(labels))
    return fig


def fig_primacy(scores: pd.DataFrame, study: Study, *, by: str = "outlet_type") -> Figure:
    """Share of articles per group whose first account is each side's (or both, or none).

    Examples
    --------
    >>> fig = fig_primacy(scores, study, by="outlet_type")  # doctest: +SKIP
    """
    _need(scores, [by, "primacy"], "scores")
    colours = {**side_colours(study), "both": "#E69F00", "none": _GREY}
    # "both": the first sentence with an account carries several and their word order is unknown
    order = [*study.side_ids, *(["both"] if (scores["primacy"] == "both").any() else []), "none"]
    table = pd.crosstab(scores[by], scores["primacy"]).reindex(columns=order, fill_value=0)
    shares = table.div(table.sum(axis=1), axis=0)
    n = len(shares)
    with figure_style():
        fig, ax = plt.subplots(figsize=(6.8, 1.0 + 0.3 * n), layout="constrained")
        left = np.zeros(n)
        for key in order:
            label = study.sides[key].label if key in study.sides else {"both": "both, order unknown",
                                                                        "none": "no account"}[key]
            ax.barh(np.arange(n), shares[key], left=left, color=colours[key], label=label, height=0.7)
            left += shares[key].to_numpy()
        ax.set_yticks(np.arange(n), [f"{g} (n={table.loc[g].sum()})" for g in shares.index])
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of articles whose first account is …")
        ax.tick_params(axis="y", length=0)
        ax.grid(False)
        fig.legend(loc="outside lower center", ncols=len(order))
    return fig


def fig_balance(scores: pd.DataFrame, study: Study, *, by: str = "country") -> Figure:
    """The balance of every article, one row of dots per group, with the group mean.

    Dots are spread vertically by rank, not at random, so the figure is the
    same on every run. An article that carries neither account has no
    balance (NaN): it is left out, and the group's label says how many were.

    Examples
    --------
    >>> fig = fig_balance(scores, study, by="country")  # doctest: +SKIP
    """
    _need(scores, [by, "balance"], "scores")
    neg, pos = (study.sides[s] for s in study.balance)
    colours = side_colours(study)
    groups = sorted(scores[by].dropna().unique())
    n = len(groups)
    with figure_style():
        fig, ax = plt.subplots(figsize=(3.5, 1.1 + 0.35 * n), layout="constrained")
        ticks = []
        for i, group in enumerate(groups):
            everything = scores.loc[scores[by] == group, "balance"].to_numpy(float)
            values = np.sort(everything[~np.isnan(everything)])
            spread = ((np.arange(len(values)) % 5) - 2) * 0.07
            ax.scatter(values, i + spread, s=9, color=[_balance_colour(v, colours, neg.id, pos.id) for v in values],
                       alpha=0.8, linewidths=0)
            if len(values):
                ax.plot([values.mean()] * 2, [i - 0.3, i + 0.3], color="black", linewidth=1.2)
            left_out = len(everything) - len(values)
            ticks.append(f"{group} (n={len(values)}" + (f"; {left_out} without an account left out)" if left_out
                                                        else ")"))
        ax.axvline(0, color=_GREY, linewidth=0.6)
        ax.set_yticks(np.arange(n), ticks)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(-1.08, 1.08)
        ax.set_xticks([-1, -0.5, 0, 0.5, 1], [f"−1\n{neg.label}", "−0.5", "0", "0.5", f"+1\n{pos.label}"])
        ax.set_xlabel("balance per article (bar: mean)")
        ax.tick_params(axis="y", length=0)
    return fig


def fig_keyness(table: pd.DataFrame, *, labels: Sequence[str] = ("group a", "group b"), n: int = 12,
                colours: Sequence[str] = ("#D55E00", "#0072B2")) -> Figure:
    """The terms that most separate two groups, as diverging bars of the keyness score.

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.compare.keyness` (``term``, ``score``): positive
        scores lean to the first group.
    labels : two str
        Names of the two groups.
    n : int
        Terms shown on each side.

    Examples
    --------
    >>> fig = fig_keyness(keyness(counts_ru, counts_fr), labels=("Russian outlets", "French outlets"))  # doctest: +SKIP
    """
    _need(table, ["term", "score"], "table")
    ranked = table.sort_values("score", kind="stable")
    top = pd.concat([ranked.tail(n).iloc[::-1], ranked.head(n).iloc[::-1]]).drop_duplicates("term")
    y = np.arange(len(top))
    with figure_style():
        fig, ax = plt.subplots(figsize=(3.5, 1.0 + 0.16 * len(top)), layout="constrained")
        ax.barh(y, top["score"], color=[colours[0] if s > 0 else colours[1] for s in top["score"]], height=0.7)
        ax.set_yticks(y, top["term"])
        ax.set_ylim(len(top) - 0.5, -0.5)
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_xlabel(f"keyness (← {labels[1]} · {labels[0]} →)")
        ax.tick_params(axis="y", length=0)
    return fig


def fig_timeline(scores: pd.DataFrame, *, by: str = "lang", date: str = "date") -> Figure:
    """Articles per day, stacked by group.

    Examples
    --------
    >>> fig = fig_timeline(scores, by="lang")  # doctest: +SKIP
    """
    _need(scores, [by, date], "scores")
    days = pd.to_datetime(scores[date]).dt.normalize()
    table = pd.crosstab(days, scores[by])
    full = pd.date_range(table.index.min(), table.index.max(), freq="D")
    table = table.reindex(full, fill_value=0)
    with figure_style():
        fig, ax = plt.subplots(figsize=(3.5, 2.2), layout="constrained")
        bottom = np.zeros(len(table))
        # groups that are not sides never take the sides' two colours
        colours = PALETTE[2:]
        for i, column in enumerate(table.columns):
            ax.bar(np.arange(len(table)), table[column], bottom=bottom, label=str(column), width=0.8,
                   color=colours[i % len(colours)])
            bottom += table[column].to_numpy()
        ticks = np.arange(0, len(table), 2)
        ax.set_xticks(ticks, [table.index[i].strftime("%d %b") for i in ticks], rotation=90)
        ax.set_ylabel("articles")
        ax.grid(axis="x", visible=False)
        ax.grid(axis="y", visible=True)
        ax.legend(title=by, loc="upper right")
    return fig


def _balance_colour(value: float, colours: dict[str, str], neg: str, pos: str) -> str:
    return colours[neg] if value < 0 else colours[pos] if value > 0 else _GREY


def _need(table: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    missing = [c for c in columns if c not in table]
    if missing:
        raise ValueError(f"{name} has no column(s) {', '.join(missing)}; it has {', '.join(map(str, table.columns))}.")
