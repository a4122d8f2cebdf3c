"""Figures of the accounts in each article: salience and prominence."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..study import Study
from .base import figure_style, side_colours

__all__ = ["fig_salience_prominence"]


def fig_salience_prominence(scores: pd.DataFrame, study: Study, *, label: str = "doc_id",
                            order: str = "balance", max_labels: int = 30) -> Figure:
    """Each side's salience and prominence per article, side by side.

    Parameters
    ----------
    scores : DataFrame
        From :func:`framing.score` (one row per article).
    study : Study
        Gives the sides, their labels and colours.
    label : str, default "doc_id"
        Column used to label the articles (e.g. ``outlet``).
    order : str, default "balance"
        Column the articles are sorted by (top to bottom).
    max_labels : int, default 30
        With more articles than this, rows are not labelled and the figure
        keeps a page's height (about 4.8 in): every article is still drawn,
        sorted by ``order``.

    Returns
    -------
    Figure
        Two panels sharing the article axis: salience (share of sentences)
        and prominence (position-weighted share), one marker per side.

    Examples
    --------
    >>> fig = fig_salience_prominence(scores, study)  # doctest: +SKIP
    >>> save_figure(fig, "figures/salience_prominence")  # doctest: +SKIP
    """
    for column in [label, order]:
        if column not in scores:
            raise ValueError(f"scores has no column {column!r}; columns are {', '.join(scores.columns)}.")
    data = scores.sort_values([order, label], ascending=[False, True], kind="stable").reset_index(drop=True)
    colours = side_colours(study)
    n = len(data)
    labelled = n <= max_labels
    height = 1.2 + 0.16 * n if labelled else min(1.6 + 0.05 * n, 4.8)
    with figure_style():
        fig, axes = plt.subplots(1, 2, sharey=True, figsize=(6.8, height), layout="constrained")
        y = np.arange(n)
        offsets = np.linspace(-0.18, 0.18, len(study.sides)) if len(study.sides) > 1 else [0.0]
        for ax, measure, title in zip(axes, ["salience", "prominence"],
                                      ["Salience (share of sentences)", "Prominence (position-weighted)"]):
            for offset, side in zip(offsets, study.sides.values()):
                values = data[f"{side.id}_{measure}"].to_numpy(dtype=float)
                ax.hlines(y + offset, 0, values, color=colours[side.id], linewidth=1.0 if labelled else 0.6,
                          alpha=0.6)
                ax.plot(values, y + offset, "o", color=colours[side.id], label=side.label,
                        markersize=3.2 if labelled else 2.0)
            ax.set_title(title, loc="left")
            ax.set_xlim(0, 1)
            ax.set_xlabel("share")
        if labelled:
            axes[0].set_yticks(y, data[label].astype(str).tolist())
        else:
            axes[0].set_yticks([])
            axes[0].set_ylabel(f"{n} articles, sorted by {order}")
        axes[0].invert_yaxis()
        axes[0].tick_params(axis="y", length=0)
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside lower center", ncols=len(labels))
        axes[0].set_ylim(n - 0.5, -0.5)
    return fig
