"""What every figure shares: the style sheet, the sides' colours, and :func:`save_figure`."""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

import matplotlib

matplotlib.use("Agg", force=False)

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from ..study import Study  # noqa: E402

__all__ = ["STYLE", "PALETTE", "side_colours", "save_figure"]

#: The package style sheet (a path usable with ``plt.style.context``).
STYLE = str(files("framing") / "data" / "framing.mplstyle")

#: Okabe & Ito (2008) colour-blind-safe palette; the first two go to the first two sides.
PALETTE = ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]


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
