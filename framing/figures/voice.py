"""Figures of voice: how much of each article is the quoted or reported speech of each side."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from ..compare import summarise
from ..errors import FramingError
from ..study import Study
from .base import figure_style, group_tick, legend_entries, points_with_intervals, side_colours

__all__ = ["fig_voice"]


def fig_voice(scores: pd.DataFrame, study: Study, *, by: str = "outlet_type", n_boot: int = 2000,
              seed: int = 0) -> Figure:
    """Mean share of each article's words that is each side's quoted or reported speech, per group.

    Parameters
    ----------
    scores : DataFrame
        One row per article with the ``<side>_voice`` columns of
        :func:`framing.attribution.voice_measures` and the grouping column
        ``by`` (merge the voice measures with the article metadata, e.g.
        ``analyse(...).scores``, on ``doc_id``).
    study : Study
        Gives the sides, their labels and colours.
    by : str, default "outlet_type"
        The grouping column.
    n_boot, seed : int
        Passed to :func:`framing.compare.summarise`: the number of bootstrap
        resamples and the seed of the 95% intervals (BCa; none below 10 articles).

    Returns
    -------
    Figure
        One row per group (labelled with its number of articles), one
        marker per side at the group mean, with its interval; a hollow
        marker without one for a group too small for an interval.

    Examples
    --------
    >>> voice = voice_measures(run.sentences, run.hits, quotes, study)  # doctest: +SKIP
    >>> fig = fig_voice(voice.merge(run.scores[["doc_id", "outlet_type"]]), study)  # doctest: +SKIP
    """
    measures = [f"{side}_voice" for side in study.side_ids]
    missing = [c for c in [by, *measures] if c not in scores]
    if missing:
        raise FramingError(
            f"fig_voice needs the column(s) {', '.join(missing)} in scores; it has {', '.join(map(str, scores.columns))}. "
            "Compute voice_measures and merge the article metadata on doc_id."
        )
    summary = summarise(scores, measures, by=by, n_boot=n_boot, seed=seed)
    colours = side_colours(study)
    groups = list(dict.fromkeys(summary["group"]))
    counts = summary.drop_duplicates("group").set_index("group")["n"]
    n = len(groups)
    with figure_style():
        fig, ax = plt.subplots(figsize=(4.6, 1.1 + 0.3 * n), layout="constrained")
        y = np.arange(n)
        offsets = np.linspace(-0.15, 0.15, len(study.sides)) if len(study.sides) > 1 else [0.0]
        for offset, side in zip(offsets, study.sides.values()):
            rows = summary[summary["measure"] == f"{side.id}_voice"].set_index("group").reindex(groups)
            points_with_intervals(ax, rows, y + offset, colour=colours[side.id], label=side.label)
        ax.set_yticks(y, [group_tick(g, counts[g]) for g in groups])
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(left=0)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel("words in the side's quoted or reported speech\n(mean per article, 95% BCa interval)")
        ax.set_title("Whose voice the articles carry", loc="left")
        ax.tick_params(axis="y", length=0)
        handles, labels = legend_entries(ax, summary)
        fig.legend(handles, labels, loc="outside lower center", ncols=len(labels))
    return fig
