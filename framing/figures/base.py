"""What every figure shares: the style sheet, the sides' colours, and :func:`save_figure`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from ..study import Study

__all__ = ["STYLE", "PALETTE", "figure_style", "group_tick", "side_colours", "save_figure"]

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
