"""The study's paper: every figure, built from the corpus in one call.

:func:`paper_figures` is what ``framing figures`` (and ``make figures``) runs,
and what notebook 06 shows. Each entry carries the parameters it was built
with, which go into ``figures/MANIFEST.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from matplotlib.figure import Figure

from .compare import keyness, summarise, term_counts
from .figures import (fig_accounts_by_group, fig_balance, fig_keyness, fig_method_f1, fig_primacy,
                      fig_salience_prominence, fig_timeline, fig_voice)
from .errors import FramingError
from .pipeline import Analysis
from .study import Study

__all__ = ["PaperFigure", "paper_figures", "keyness_between", "method_metrics_table"]


@dataclass
class PaperFigure:
    """One figure of the paper and what it was made from."""

    figure: Figure
    function: str
    parameters: dict = field(default_factory=dict)


def keyness_between(articles: pd.DataFrame, *, column: str, groups: tuple[str, str], lang: str,
                    method: str = "log_odds") -> pd.DataFrame:
    """Keyness of the words of two groups of articles written in one language.

    Words are counted in headlines and texts, without stop words
    (:func:`framing.compare.term_counts`) or one-letter tokens; positive
    scores lean to ``groups[0]``.

    Examples
    --------
    >>> keyness_between(articles, column="country", groups=("RU", "FR"), lang="fr").head()  # doctest: +SKIP
    """
    mine = articles[articles["lang"] == lang]
    texts = {g: (mine.loc[mine[column] == g, "headline"] + "\n" + mine.loc[mine[column] == g, "text"])
             for g in groups}
    empty = [g for g, t in texts.items() if t.empty]
    if empty:
        raise FramingError(f"No {lang} articles with {column} == {', '.join(map(repr, empty))}.")
    counts = [term_counts(texts[g].tolist(), lang=lang) for g in groups]
    counts = [c[c.index.str.len() > 1] for c in counts]  # initials ("V. Poutine") are not words
    return keyness(counts[0], counts[1], method=method, min_count=3)


def method_metrics_table(articles: pd.DataFrame, run: Analysis, study: Study, gold: pd.DataFrame, *,
                         seed: int = 0, n_boot: int = 1000) -> pd.DataFrame:
    """Per-label F1 of the lexicon and the default classifier against the gold.

    The classifier is cross-validated on the dev split (grouped by article)
    and, trained on all of dev, scored on the test split; see
    :func:`framing.classify.evaluate_methods`.
    """
    from .classify import evaluate_methods, make_classifier, training_table
    from .evaluate import lexicon_labels

    table = training_table(articles, run.sentences, gold)
    _, metrics, _ = evaluate_methods(make_classifier(seed=seed), table, lexicon_labels(run.sentences, run.hits),
                                     gold, label_order=[*study.side_ids, "both", "none"], seed=seed,
                                     n_boot=n_boot)
    return metrics


def paper_figures(articles: pd.DataFrame, run: Analysis, study: Study, *, gold: pd.DataFrame | None = None,
                  seed: int = 0, n_boot: int = 2000) -> dict[str, PaperFigure]:
    """Build every figure of the paper.

    Parameters
    ----------
    articles : DataFrame
        The corpus table.
    run : Analysis
        ``framing.analyse(articles, study)``.
    study : Study
    gold : DataFrame, optional
        The gold sentence labels (:func:`framing.evaluate.read_gold`); with
        it, the figure of lexicon against classifier F1 is built too (this
        trains and cross-validates the classifier, about half a minute).
    seed, n_boot : int
        For the bootstrap intervals and the classifier.

    Returns
    -------
    dict of str to PaperFigure
        Keyed by file name (without extension).
    """
    scores = run.scores
    measures = [f"{s}_{m}" for s in study.side_ids for m in ("salience", "prominence")]
    boot = {"seed": seed, "n_boot": n_boot}
    out = {
        "salience_prominence": PaperFigure(fig_salience_prominence(scores, study),
                                           "fig_salience_prominence", {"label": "doc_id", "order": "balance"}),
    }
    for by, label in [("outlet_type", "Outlet type"), ("lang", "Language")]:
        summary = summarise(scores, measures, by=by, seed=seed, n_boot=n_boot)
        out[f"accounts_by_{by}"] = PaperFigure(fig_accounts_by_group(summary, study, group_label=label),
                                               "fig_accounts_by_group", {"by": by, **boot})
    out["primacy_by_outlet_type"] = PaperFigure(fig_primacy(scores, study, by="outlet_type"), "fig_primacy",
                                                {"by": "outlet_type"})
    out["balance_by_country"] = PaperFigure(fig_balance(scores, study, by="country"), "fig_balance",
                                            {"by": "country"})
    if {"RU", "FR"} <= set(articles.loc[articles["lang"] == "fr", "country"]):
        table = keyness_between(articles, column="country", groups=("RU", "FR"), lang="fr")
        out["keyness_fr_ru_vs_fr_outlets"] = PaperFigure(
            fig_keyness(table, labels=("Russian outlets", "French outlets")), "fig_keyness",
            {"lang": "fr", "column": "country", "groups": ["RU", "FR"], "method": "log_odds"})
    out["timeline_by_lang"] = PaperFigure(fig_timeline(scores, by="lang"), "fig_timeline", {"by": "lang"})
    if f"{study.side_ids[0]}_voice" in scores:
        out["voice_by_outlet_type"] = PaperFigure(fig_voice(scores, study, by="outlet_type", seed=seed,
                                                            n_boot=n_boot), "fig_voice",
                                                  {"by": "outlet_type", **boot})
    if gold is not None:
        metrics = method_metrics_table(articles, run, study, gold, seed=seed, n_boot=min(n_boot, 1000))
        out["method_f1"] = PaperFigure(fig_method_f1(metrics, study=study), "fig_method_f1",
                                       {"classifier": "make_classifier(kind='logreg')", "cv": "5-fold grouped, dev",
                                        "test": "trained on dev", **boot})
    return out
