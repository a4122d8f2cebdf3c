"""Model selection by nested grouped cross-validation: choose on dev, and estimate the choosing honestly.

Choosing a model by its cross-validated score and reporting that score
flatters it: the best of many noisy scores is high partly by luck. Nested
cross-validation separates the two jobs. Each *outer* fold holds out whole
articles; on the rest an *inner* grouped cross-validation picks a candidate
by macro-F1, which is then trained on the rest and scored on the held-out
articles. The outer scores estimate the whole procedure (whatever it picks);
the configuration to use is the one the same inner procedure picks on all of dev.
"""

from __future__ import annotations

from collections.abc import Mapping

import joblib
import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.metrics import f1_score
from sklearn.pipeline import Pipeline

from ..errors import FramingError
from ..features import model_input
from ..progress import progress as _progress
from .methods import group_folds

__all__ = ["select_model", "macro_f1"]


def macro_f1(gold, predicted) -> float:
    """Macro-F1 over the labels present in ``gold``, an undefined F1 counting 0 (as :func:`framing.evaluate.evaluate`).

    Examples
    --------
    >>> macro_f1(["a", "a", "b"], ["a", "b", "b"])
    0.6666666666666666
    """
    gold = np.asarray(gold, dtype=object).astype(str)
    labels = np.unique(gold)
    return float(f1_score(gold, np.asarray(predicted, dtype=object).astype(str), labels=labels,
                          average="macro", zero_division=0))


def _fit_predict(candidates: Mapping[str, object], train: pd.DataFrame, test: pd.DataFrame) -> dict[str, np.ndarray]:
    """Each candidate trained on ``train``, labelling ``test``; candidates with the same features share them."""
    out, cache = {}, {}
    y = train["label"].to_numpy(dtype=object)
    for name, model in candidates.items():
        if isinstance(model, Pipeline) and len(model.steps) > 1:
            key = joblib.hash(model[:-1].get_params(deep=True))
            if key not in cache:  # fitting a pipeline is fitting its features, then its last step
                features = clone(model[:-1])
                cache[key] = (features.fit_transform(model_input(model, train), y),
                              features.transform(model_input(model, test)))
            X_train, X_test = cache[key]
            out[name] = clone(model[-1]).fit(X_train, y).predict(X_test)
        else:
            out[name] = clone(model).fit(model_input(model, train), y).predict(model_input(model, test))
    return out


def _inner_scores(candidates: Mapping[str, object], table: pd.DataFrame, *, n_splits: int,
                  seed: int) -> dict[str, float]:
    """Macro-F1 of each candidate's out-of-fold labels over grouped folds of ``table``."""
    table = table.reset_index(drop=True)
    predicted = {name: np.empty(len(table), dtype=object) for name in candidates}
    for train, test in group_folds(table, n_splits=n_splits, seed=seed):
        for name, labels in _fit_predict(candidates, table.iloc[train], table.iloc[test]).items():
            predicted[name][test] = labels
    return {name: macro_f1(table["label"], labels) for name, labels in predicted.items()}


def select_model(table: pd.DataFrame, candidates: Mapping[str, object], *, outer: int = 5, inner: int = 3,
                 seed: int = 0, progress: bool | None = None) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """Choose among ``candidates`` by grouped cross-validation, and estimate that choice by nested CV.

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.classify.training_table`: pass the dev rows only
        (the test split must not take part in choosing).
    candidates : mapping of str to estimator
        Unfitted models by name, e.g. :func:`framing.classify.candidate_models`.
    outer, inner : int
        Folds of whole articles (:func:`framing.evaluate.group_folds`) of the
        outer estimate and of the inner choice.
    seed : int
        Shuffles the articles into folds (outer folds with ``seed``, inner
        folds with ``seed + 1``).

    Returns
    -------
    chosen : str
        The candidate the inner cross-validation picks on all of ``table``
        (ties go to the first in ``candidates``' order).
    scores : DataFrame
        ``fold, candidate, inner_macro_f1, chosen, outer_macro_f1``: for each
        outer fold (``0 ..``) and for the final choice on all rows (fold
        ``-1``), every candidate's inner macro-F1 and whether it was chosen;
        ``outer_macro_f1`` is the chosen candidate's score on the held-out
        fold (NaN otherwise).
    predictions : DataFrame
        The held-out labels of the selection procedure, schema of
        :func:`framing.evaluate.cross_val_predict` plus ``candidate`` (the one
        chosen in that fold): evaluate them like any method's labels.

    Raises
    ------
    FramingError
        For no candidates, or a table with another split than one.

    Examples
    --------
    >>> chosen, scores, oof = select_model(dev, candidate_models(study), outer=5, inner=3)  # doctest: +SKIP
    >>> scores.query("chosen and fold >= 0")["outer_macro_f1"].mean()  # doctest: +SKIP
    """
    if not candidates:
        raise FramingError("select_model needs at least one candidate model.")
    if "split" in table and table["split"].nunique() > 1:
        raise FramingError(f"Select on one split only (dev); the table holds splits "
                           f"{', '.join(sorted(table['split'].unique()))}.")
    table = table.reset_index(drop=True)
    names = list(candidates)
    rows, predicted, chosen_in = [], np.empty(len(table), dtype=object), np.empty(len(table), dtype=object)
    fold = np.full(len(table), -1, dtype=np.int64)
    folds = _progress(group_folds(table, n_splits=outer, seed=seed), desc="outer folds", total=outer,
                      enable=progress)
    for k, (train, test) in enumerate(folds):
        inner_scores = _inner_scores(candidates, table.iloc[train], n_splits=inner, seed=seed + 1)
        best = max(names, key=lambda name: (inner_scores[name], -names.index(name)))
        labels = _fit_predict({best: candidates[best]}, table.iloc[train], table.iloc[test])[best]
        predicted[test], chosen_in[test], fold[test] = labels, best, k
        outer_score = macro_f1(table["label"].iloc[test], labels)
        rows += [(k, name, inner_scores[name], name == best, outer_score if name == best else np.nan)
                 for name in names]
    final = _inner_scores(candidates, table, n_splits=inner, seed=seed + 1)
    chosen = max(names, key=lambda name: (final[name], -names.index(name)))
    rows += [(-1, name, final[name], name == chosen, np.nan) for name in names]
    scores = pd.DataFrame(rows, columns=["fold", "candidate", "inner_macro_f1", "chosen", "outer_macro_f1"])
    out = table[["doc_id", "sent_id", "lang", "split"]].copy()  # the schema of cross_val_predict
    out["fold"] = fold
    out["gold"] = table["label"].to_numpy()
    out["label"] = pd.Series(predicted, index=out.index).astype(str)
    out["candidate"] = chosen_in.astype(str)
    return chosen, scores, out
