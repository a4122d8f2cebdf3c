"""A study's paper: every figure it declares, built from the corpus in one call.

:func:`paper_figures` is what ``framing figures`` (and ``make figures``) runs,
and what notebook 06 shows. Which figures, grouped by which columns, and the
human names of the groups are data: a ``figures.yaml`` beside the study file
(:func:`load_figure_plan`). Without one, every study gets the figures that
need nothing but the corpus's required columns (grouped by ``lang``).

A figures file::

    columns:                      # human names of grouping columns and their values
      outlet_type:
        label: Outlet type
        values: {ru_state_tv: Russian state TV, fr_online_news: French online news}
      lang:
        label: Language
        values: {en: English, fr: French}
    figures:                      # file name: the figure and its arguments
      salience_prominence: {figure: salience_prominence}
      accounts_by_outlet_type: {figure: accounts, by: outlet_type}
      primacy_by_outlet_type: {figure: primacy, by: outlet_type}
      balance_by_lang: {figure: balance, by: lang}
      keyness_fr: {figure: keyness, column: country, groups: [RU, FR], lang: fr,
                   labels: [Russian outlets, French outlets]}
      timeline_by_lang: {figure: timeline, by: lang}
      voice_by_outlet_type: {figure: voice, by: outlet_type}
      method_f1: {figure: method_f1}

A figure whose columns the corpus lacks (or that needs gold annotations or
voice measures the run does not have) is skipped, with a one-line reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
import yaml
from matplotlib.figure import Figure

from .compare import METADATA_TEXT_COLUMNS, keyness, metadata_terms, summarise, term_counts
from .errors import StudyError
from .safeyaml import load_yaml
from .figures import (fig_accounts_by_group, fig_balance, fig_keyness, fig_method_f1, fig_primacy,
                      fig_salience_prominence, fig_timeline, fig_voice)
from .errors import FramingError
from .pipeline import Analysis
from .study import Study

__all__ = ["FigurePlan", "PaperFigure", "load_figure_plan", "paper_figures", "keyness_between",
           "method_metrics_table"]

#: Each kind of figure: the function that draws it and the options it takes.
KINDS: dict[str, tuple[str, set[str]]] = {
    "salience_prominence": ("fig_salience_prominence", {"label", "order"}),
    "accounts": ("fig_accounts_by_group", {"by"}),
    "primacy": ("fig_primacy", {"by"}),
    "balance": ("fig_balance", {"by"}),
    "keyness": ("fig_keyness", {"column", "groups", "lang", "labels", "method"}),
    "timeline": ("fig_timeline", {"by"}),
    "voice": ("fig_voice", {"by"}),
    "method_f1": ("fig_method_f1", set()),
}

#: The figures of a study without a figures file: only columns every corpus has.
DEFAULT_FIGURES: dict[str, dict[str, Any]] = {
    "salience_prominence": {"figure": "salience_prominence"},
    "accounts_by_lang": {"figure": "accounts", "by": "lang"},
    "primacy_by_lang": {"figure": "primacy", "by": "lang"},
    "balance_by_lang": {"figure": "balance", "by": "lang"},
    "timeline_by_lang": {"figure": "timeline", "by": "lang"},
    "voice_by_lang": {"figure": "voice", "by": "lang"},
    "method_f1": {"figure": "method_f1"},
}

_LANG_NAMES = {"en": "English", "fr": "French", "ru": "Russian", "de": "German", "es": "Spanish",
               "it": "Italian", "uk": "Ukrainian", "pt": "Portuguese", "nl": "Dutch", "pl": "Polish"}


@dataclass(frozen=True)
class FigurePlan:
    """The figures of a study and the human names of its grouping columns and values."""

    figures: Mapping[str, Mapping[str, Any]]
    columns: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    path: Path | None = None

    @property
    def group_columns(self) -> list[str]:
        """The grouping columns of the figures, in the order they first appear (``lang`` when none)."""
        found = [str(spec["by"]) for spec in self.figures.values() if "by" in spec]
        return list(dict.fromkeys(found)) or ["lang"]

    def column_label(self, column: str) -> str:
        """The human name of a grouping column (``Outlet type``), or the column itself."""
        default = {"lang": "Language"}.get(column, column.replace("_", " ").capitalize())
        return str(self.columns.get(column, {}).get("label", default))

    def value_labels(self, column: str) -> dict[str, str]:
        """The human names of a column's values (``fr_online_news`` → ``French online news``)."""
        values = dict(self.columns.get(column, {}).get("values") or {})
        if column == "lang":
            values = {**_LANG_NAMES, **values}
        return {str(k): str(v) for k, v in values.items()}

    def labelled(self, table: pd.DataFrame, column: str) -> pd.DataFrame:
        """``table`` with ``column``'s values replaced by their human names."""
        names = self.value_labels(column)
        out = table.copy()
        out[column] = out[column].map(lambda v: names.get(str(v), v) if pd.notna(v) else v)
        return out


@dataclass
class PaperFigure:
    """One figure of the paper and what it was made from; ``figure`` is None when it was skipped."""

    figure: Figure | None
    function: str
    parameters: dict = field(default_factory=dict)
    skipped: str = ""


def load_figure_plan(study: Study, path: str | Path | None = None) -> FigurePlan:
    """The study's figures: ``path``, else ``figures.yaml`` beside the study file, else the defaults.

    Examples
    --------
    >>> plan = load_figure_plan(load_study("corpus/study.yaml"))  # doctest: +SKIP
    >>> list(plan.figures)[:2]  # doctest: +SKIP
    ['salience_prominence', 'accounts_by_outlet_type']
    """
    if path is None and study.path is not None and (Path(study.path).parent / "figures.yaml").is_file():
        path = Path(study.path).parent / "figures.yaml"
    if path is None:
        return FigurePlan(figures=DEFAULT_FIGURES)
    path = Path(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), where=str(path), error=StudyError) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise StudyError(f"Cannot read the figures file {path}: {exc}") from exc
    unknown = sorted(set(data) - {"figures", "columns"})
    if unknown:
        raise StudyError(f"{path}: unknown key(s) {', '.join(unknown)}; a figures file has `columns:` and "
                         "`figures:`.")
    figures = data.get("figures") or {}
    for name, spec in figures.items():
        kind = (spec or {}).get("figure")
        if kind not in KINDS:
            raise StudyError(f"{path}: figure {name!r} has figure: {kind!r}; use one of {', '.join(KINDS)}.")
        extra = sorted(set(spec) - {"figure"} - KINDS[kind][1])
        if extra:
            raise StudyError(f"{path}: figure {name!r} ({kind}) has unknown option(s) {', '.join(extra)}; "
                             f"it takes {', '.join(sorted(KINDS[kind][1])) or 'none'}.")
    for column, spec in (data.get("columns") or {}).items():
        if not isinstance(spec, Mapping) or set(spec) - {"label", "values"}:
            raise StudyError(f"{path}: columns: {column} takes `label:` and `values:` (a mapping of codes "
                             "to names).")
    return FigurePlan(figures=figures, columns=data.get("columns") or {}, path=path)


def keyness_between(articles: pd.DataFrame, *, column: str, groups: tuple[str, str], lang: str,
                    method: str = "log_odds", drop_metadata: bool = True) -> pd.DataFrame:
    """Keyness of the words of two groups of articles written in one language.

    Words are counted in headlines and texts, without stop words
    (:func:`framing.compare.term_counts`) or one-letter tokens; positive
    scores lean to ``groups[0]``. With ``drop_metadata`` (the default) the
    words of the compared articles' metadata (``column`` and
    :data:`framing.compare.METADATA_TEXT_COLUMNS`: outlet names, outlet
    types, countries) are left out (:func:`framing.compare.metadata_terms`),
    so the outlets' own names do not top the list.

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
    exclude = None
    if drop_metadata:
        exclude = metadata_terms(mine[mine[column].isin(groups)], columns=[column, *METADATA_TEXT_COLUMNS])
    return keyness(counts[0], counts[1], method=method, min_count=3, exclude=exclude)


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
                  plan: FigurePlan | None = None, seed: int = 0, n_boot: int = 2000,
                  progress: bool | None = None) -> dict[str, PaperFigure]:
    """Build every figure the study declares.

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
    plan : FigurePlan, optional
        Default: :func:`load_figure_plan` of the study.
    seed, n_boot : int
        For the bootstrap intervals and the classifier.
    progress : bool, optional
        Show a progress bar (default: only in an interactive session;
        see :func:`framing.progress.progress`).

    Returns
    -------
    dict of str to PaperFigure
        Keyed by file name (without extension), in the plan's order; a
        skipped figure has ``figure=None`` and its reason in ``skipped``.

    Examples
    --------
    >>> figures = paper_figures(articles, analyse(articles, study), study)  # doctest: +SKIP
    >>> [name for name, item in figures.items() if item.skipped]  # doctest: +SKIP
    """
    from .progress import progress as bar

    plan = plan if plan is not None else load_figure_plan(study)
    out = {}
    for name, spec in bar(plan.figures.items(), desc="figures", total=len(plan.figures), enable=progress):
        kind = spec["figure"]
        options = {k: v for k, v in spec.items() if k != "figure"}
        reason = _missing(kind, options, articles, run.scores, study, gold)
        if reason:
            out[name] = PaperFigure(None, KINDS[kind][0], options, skipped=reason)
            continue
        figure, parameters = _draw(kind, options, articles, run, study, gold, plan, seed=seed, n_boot=n_boot)
        plt.close(figure)  # returned, not shown: a notebook draws each where it shows it
        out[name] = PaperFigure(figure, KINDS[kind][0], parameters)
    return out


def _missing(kind: str, options: dict, articles: pd.DataFrame, scores: pd.DataFrame, study: Study,
             gold: pd.DataFrame | None) -> str:
    """Why the figure cannot be drawn from this study's data ("" when it can)."""
    need = [options.get("by", "lang")] if kind in {"accounts", "primacy", "balance", "timeline", "voice"} else []
    if kind == "salience_prominence":
        need = [options.get("label", "doc_id"), options.get("order", "balance")]
    if kind == "timeline":
        need.append("date")
    if kind == "keyness":
        need = [options["column"], "lang", "headline"]
    absent = [c for c in need if c not in scores and c not in articles]
    if absent:
        return f"the corpus has no column {', '.join(absent)}"
    empty = [c for c in need if (scores[c] if c in scores else articles[c]).isna().all()]
    if empty:
        return f"column {', '.join(empty)} is empty in every article"
    if kind == "voice" and f"{study.side_ids[0]}_voice" not in scores:
        return "no voice measures (run analyse with attribution=True)"
    if kind == "method_f1" and gold is None:
        return "no gold annotations"
    if kind == "keyness":
        lang = options.get("lang") or (study.languages[0] if len(study.languages) == 1 else None)
        if lang is None:
            return "keyness needs `lang:` in a study of several languages"
        present = set(articles.loc[articles["lang"] == lang, options["column"]].astype(str))
        absent = [str(g) for g in options["groups"] if str(g) not in present]
        if absent:
            return f"no {lang} articles with {options['column']} {', '.join(absent)}"
    return ""


def _draw(kind: str, options: dict, articles: pd.DataFrame, run: Analysis, study: Study,
          gold: pd.DataFrame | None, plan: FigurePlan, *, seed: int, n_boot: int) -> tuple[Figure, dict]:
    scores = run.scores
    boot = {"seed": seed, "n_boot": n_boot}
    by = options.get("by", "lang")
    if kind == "salience_prominence":
        parameters = {"label": options.get("label", "doc_id"), "order": options.get("order", "balance")}
        return fig_salience_prominence(scores, study, **parameters), parameters
    if kind == "accounts":
        measures = [f"{s}_{m}" for s in study.side_ids for m in ("salience", "prominence")]
        summary = summarise(plan.labelled(scores, by), measures, by=by, seed=seed, n_boot=n_boot)
        return fig_accounts_by_group(summary, study, group_label=plan.column_label(by)), {"by": by, **boot}
    if kind == "primacy":
        return fig_primacy(plan.labelled(scores, by), study, by=by), {"by": by}
    if kind == "balance":
        return fig_balance(plan.labelled(scores, by), study, by=by), {"by": by}
    if kind == "timeline":
        label = plan.column_label(by)
        table = plan.labelled(scores, by).rename(columns={by: label})
        return fig_timeline(table, by=label), {"by": by}
    if kind == "voice":
        labelled = plan.labelled(scores, by)
        return fig_voice(labelled, study, by=by, seed=seed, n_boot=n_boot), {"by": by, **boot}
    if kind == "keyness":
        column, groups = options["column"], tuple(options["groups"])
        lang = options.get("lang") or study.languages[0]
        method = options.get("method", "log_odds")
        names = plan.value_labels(column)
        labels = tuple(options.get("labels") or [names.get(str(g), str(g)) for g in groups])
        table = keyness_between(articles, column=column, groups=groups, lang=lang, method=method)
        return (fig_keyness(table, labels=labels),
                {"lang": lang, "column": column, "groups": list(groups), "method": method, "drop_metadata": True})
    if kind == "method_f1":
        metrics = method_metrics_table(articles, run, study, gold, seed=seed, n_boot=min(n_boot, 1000))
        return (fig_method_f1(metrics, study=study),
                {"classifier": "make_classifier(kind='logreg')", "cv": "5-fold grouped, dev",
                 "test": "trained on dev", **boot})
    raise StudyError(f"Unknown figure {kind!r}; use one of {', '.join(KINDS)}.")  # pragma: no cover
