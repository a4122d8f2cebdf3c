"""What every figure shares: the style sheet, the sides' colours, and :func:`save_figure`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..study import Study

__all__ = ["STYLE", "PALETTE", "figure_style", "group_tick", "side_colours", "save_figure", "points_with_intervals",
           "legend_entries", "too_small"]

#: The package style sheet (a path usable with ``plt.style.context``).
STYLE = str(files("framing") / "data" / "framing.mplstyle")

#: Okabe & Ito (2008) colour-blind-safe palette; the first two go to the first two sides.
PALETTE = ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]


@contextmanager
def figure_style() -> Iterator[None]:
    """Draw with the package style sheet, leaving matplotlib's interactive mode as the backend set it.

    ``plt.style.context`` restores every setting on exit, ``interactive``
    too. In a notebook the inline backend is loaded by the first figure and
    switches interactive mode on; restoring it to off would leave every
    later figure undrawn. No backend is chosen here.

    Examples
    --------
    >>> with figure_style():
    ...     fig, ax = plt.subplots()
    >>> plt.close(fig)
    """
    with plt.style.context(STYLE):
        try:
            yield
        finally:
            interactive = matplotlib.is_interactive()
    matplotlib.interactive(interactive)


def group_tick(group: object, n: int) -> str:
    """A group's axis label with its number of articles; a group of one is said to have no interval.

    Examples
    --------
    >>> group_tick("French online news", 1)
    'French online news (n=1, no interval)'
    """
    return f"{group} (n={n}, no interval)" if n == 1 else f"{group} (n={n})"


def side_colours(study: Study) -> dict[str, str]:
    """Colour of each side: the study's ``colour`` if set, else the palette in side order."""
    return {side.id: side.colour or PALETTE[i % len(PALETTE)]
            for i, side in enumerate(study.sides.values())}


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


def points_with_intervals(ax, rows: pd.DataFrame, y: np.ndarray, *, colour: str, label: str) -> None:
    """Group estimates of a summary as points with interval bars; hollow points, no bar, where n is too small."""
    est = rows["estimate"].to_numpy(float)
    small = too_small(rows)
    shown = ~small
    low = np.nan_to_num(est - rows["ci_low"].to_numpy(float), nan=0.0)
    high = np.nan_to_num(rows["ci_high"].to_numpy(float) - est, nan=0.0)
    ax.errorbar(est[shown], y[shown], xerr=[low[shown], high[shown]], fmt="o", color=colour, label=label,
                capsize=0, elinewidth=1.0, markersize=3.5)
    if small.any():
        ax.plot(est[small], y[small], "o", markerfacecolor="white", markeredgecolor=colour, markeredgewidth=1.0,
                markersize=3.5, linestyle="none")


def legend_entries(ax, summary: pd.DataFrame) -> tuple[list, list[str]]:
    """The axes' legend entries, plus one for hollow points when a group had no interval."""
    handles, labels = ax.get_legend_handles_labels()
    if too_small(summary).any():
        handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="white",
                              markeredgecolor="black", markeredgewidth=1.0, markersize=3.5))
        labels.append("n too small: mean only, no interval")
    return handles, labels


def too_small(rows: pd.DataFrame) -> np.ndarray:
    """Rows drawn without an interval: marked "n too small", or with no bounds."""
    marked = rows["interval"].eq("n too small").to_numpy() if "interval" in rows else np.zeros(len(rows), bool)
    unbounded = rows["ci_low"].isna().to_numpy() & rows["estimate"].notna().to_numpy()
    return marked | unbounded
