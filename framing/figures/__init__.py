"""Figures for papers: one pure function per figure, one :func:`save_figure`.

Each ``fig_*`` function takes tables (never file paths), draws with the
package style sheet (:data:`STYLE`), and returns a matplotlib ``Figure``.
:func:`save_figure` writes PDF and PNG that are byte-identical on rerun.
Sides keep the same colour in every figure (:func:`side_colours`).
Figures live in one module per topic; this package gathers them.
"""

from .accounts import fig_salience_prominence
from .base import PALETTE, STYLE, save_figure, side_colours
from .comparisons import fig_accounts_by_group, fig_balance, fig_keyness, fig_primacy, fig_timeline
from .methods import fig_learning_curve, fig_method_f1
from .voice import fig_voice

__all__ = ["PALETTE", "STYLE", "fig_accounts_by_group", "fig_balance", "fig_keyness", "fig_learning_curve", "fig_method_f1", "fig_primacy",
           "fig_salience_prominence", "fig_timeline", "fig_voice", "save_figure", "side_colours"]
