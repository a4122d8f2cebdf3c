"""Figures for papers: one pure function per figure, one :func:`save_figure`.

Each ``fig_*`` function takes tables (never file paths), draws with the
package style sheet (:data:`STYLE`), and returns a matplotlib ``Figure``.
:func:`save_figure` writes PDF and PNG that are byte-identical on rerun.
Sides keep the same colour in every figure (:func:`side_colours`).
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

import matplotlib

matplotlib.use("Agg", force=False)

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .study import Study  # noqa: E402

__all__ = ["STYLE", "side_colours", "fig_salience_prominence", "save_figure"]

#: The package style sheet (a path usable with ``plt.style.context``).
STYLE = str(files("framing") / "data" / "framing.mplstyle")

# Okabe & Ito (2008) colour-blind-safe palette; the first two go to the first two sides.
_PALETTE = ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]


def side_colours(study: Study) -> dict[str, str]:
    """Colour of each side: the study's ``colour`` if set, else the palette in side order."""
    return {side.id: side.colour or _PALETTE[i % len(_PALETTE)]
            for i, side in enumerate(study.sides.values())}


def fig_salience_prominence(scores: pd.DataFrame, study: Study, *, label: str = "doc_id",
                            order: str = "balance") -> Figure:
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
    with plt.style.context(STYLE):
        fig, axes = plt.subplots(1, 2, sharey=True, figsize=(6.8, 1.2 + 0.16 * n),
                                 layout="constrained")
        y = np.arange(n)
        offsets = np.linspace(-0.18, 0.18, len(study.sides)) if len(study.sides) > 1 else [0.0]
        for ax, measure, title in zip(axes, ["salience", "prominence"],
                                      ["Salience (share of sentences)", "Prominence (position-weighted)"]):
            for offset, side in zip(offsets, study.sides.values()):
                values = data[f"{side.id}_{measure}"].to_numpy(dtype=float)
                ax.hlines(y + offset, 0, values, color=colours[side.id], linewidth=1.0, alpha=0.6)
                ax.plot(values, y + offset, "o", color=colours[side.id], label=side.label,
                        markersize=3.2)
            ax.set_title(title, loc="left")
            ax.set_xlim(0, 1)
            ax.set_xlabel("share")
        axes[0].set_yticks(y, data[label].astype(str).tolist())
        axes[0].invert_yaxis()
        axes[0].tick_params(axis="y", length=0)
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside lower center", ncols=len(labels))
        axes[0].set_ylim(n - 0.5, -0.5)
    return fig


def save_figure(fig: Figure, path: str | Path, *, formats: Sequence[str] = ("pdf", "png"),
                close: bool = True) -> list[Path]:
    """Save ``fig`` as ``path.<format>`` for each format; rerunning gives the same bytes.

    PDF carries no creation date, PNG no software stamp, SVG a fixed hash
    salt; the style sheet fixes fonts and resolution.

    Returns
    -------
    list of Path
        The files written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        target = path.with_suffix(f".{fmt}")
        metadata = {"pdf": {"CreationDate": None, "ModDate": None, "Producer": None},
                    "png": {"Software": None},
                    "svg": {"Date": None}}.get(fmt, {})
        with plt.style.context(STYLE):
            fig.savefig(target, format=fmt, metadata=metadata)
        written.append(target)
    if close:
        plt.close(fig)
    return written
