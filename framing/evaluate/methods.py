"""Classifiers and methods against the gold: folds of whole articles, out-of-fold labels, metrics with
intervals, comparisons of methods."""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping, Sequence
from itertools import combinations

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.model_selection import StratifiedGroupKFold

from ..errors import FramingError
from ..features import model_input
from ..progress import progress as _progress
from ..reliability import agreement_table
from ..scoring import LABELS_BEYOND_SIDES
from ..study import Study

from .gold import METRIC_COLUMNS, evaluate, precision_recall_f1

__all__ = ["group_folds", "cross_val_predict", "cross_validate", "holdout_predict", "classification_metrics",
           "confusion_table", "learning_curve", "method_metrics", "compare_methods", "method_agreement",
           "comparison_table", "evaluate_methods", "disagreements"]

_KEYS = ["doc_id", "sent_id"]


# -- honest evaluation ---------------------------------------------------------


def group_folds(table: pd.DataFrame, *, n_splits: int = 5, seed: int = 0
                ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Stratified folds of whole articles: ``(train_rows, test_rows)`` positions per fold.

    Labels are balanced across folds as far as whole articles allow
    (:class:`sklearn.model_selection.StratifiedGroupKFold`, shuffled with ``seed``).

    Examples
    --------
    >>> folds = list(group_folds(table, n_splits=5, seed=0))  # doctest: +SKIP
    """
    n_docs = table["doc_id"].nunique()
    if n_splits < 2 or n_splits > n_docs:
        raise FramingError(f"n_splits must be between 2 and the number of articles ({n_docs}); "
                           f"got {n_splits}.")
    splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    yield from splitter.split(np.zeros(len(table)), table["label"].to_numpy(), table["doc_id"].to_numpy())


def cross_val_predict(model, table: pd.DataFrame, *, n_splits: int = 5, seed: int = 0,
                      progress: bool | None = None) -> pd.DataFrame:
    """Out-of-fold labels for every row of ``table``, folds of whole articles.

    Parameters
    ----------
    model : estimator
        Cloned (unfitted) for each fold, e.g. :func:`framing.classify.make_classifier`.
    table : DataFrame
        From :func:`framing.classify.training_table`; pass only the rows to cross-validate
        (usually ``table[table["split"] == "dev"]``).
    n_splits : int
    seed : int
        Shuffles the articles into folds.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, lang, split, fold, gold, label`` (``label`` is the
        prediction of the model that did not see the article).

    Examples
    --------
    >>> oof = cross_val_predict(make_classifier(), dev, n_splits=5, seed=0)  # doctest: +SKIP
    >>> classification_metrics(oof, gold)  # doctest: +SKIP
    """
    table = table.reset_index(drop=True)
    predicted = np.empty(len(table), dtype=object)
    fold = np.full(len(table), -1, dtype=np.int64)
    folds = _progress(group_folds(table, n_splits=n_splits, seed=seed), desc="folds", total=n_splits,
                      enable=progress)  # a bar when interactive
    for k, (train, test) in enumerate(folds):
        fitted = clone(model).fit(model_input(model, table.iloc[train]), table["label"].iloc[train])
        predicted[test] = fitted.predict(model_input(model, table.iloc[test]))
        fold[test] = k
    return _predictions(table, fold, predicted)


def holdout_predict(model, table: pd.DataFrame, *, train: str = "dev", test: str = "test") -> pd.DataFrame:
    """Train on the ``train`` split, label the ``test`` split (``fold`` is -1).

    Returns the schema of :func:`cross_val_predict` for the ``test`` rows.

    Examples
    --------
    >>> held_out = holdout_predict(make_classifier(), table)  # doctest: +SKIP
    """
    fit_rows, test_rows = table[table["split"] == train], table[table["split"] == test].reset_index(drop=True)
    for name, rows in [(train, fit_rows), (test, test_rows)]:
        if rows.empty:
            raise FramingError(f"No sentence has split {name!r} (splits: "
                               f"{', '.join(sorted(table['split'].unique()))}).")
    fitted = clone(model).fit(model_input(model, fit_rows), fit_rows["label"])
    return _predictions(test_rows, np.full(len(test_rows), -1, dtype=np.int64),
                        fitted.predict(model_input(model, test_rows)))


def _predictions(table: pd.DataFrame, fold: np.ndarray, predicted) -> pd.DataFrame:
    out = table[["doc_id", "sent_id", "lang", "split"]].copy()
    out["fold"] = fold
    out["gold"] = table["label"].to_numpy()
    out["label"] = pd.Series(np.asarray(predicted, dtype=object), index=out.index).astype(str)
    return out


def _label_order(values: Sequence[str]) -> list[str]:
    found = sorted(set(values) - set(LABELS_BEYOND_SIDES))
    return found + [label for label in LABELS_BEYOND_SIDES if label in set(values)]


def _paired(labels: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    pair = labels[_KEYS + ["label"]].merge(gold[_KEYS + ["label"]].rename(columns={"label": "gold"}),
                                           on=_KEYS, how="left")
    missing = pair["gold"].isna()
    if missing.any():
        first = pair[missing].iloc[0]
        raise FramingError(f"{int(missing.sum())} labelled sentence(s) have no gold label, e.g. "
                           f"{first['doc_id']} sentence {first['sent_id']}; evaluate on coded articles only.")
    return pair


def classification_metrics(labels: pd.DataFrame, gold: pd.DataFrame, *, groups: pd.DataFrame | None = None,
                           by: str | None = "lang", label_order: Sequence[str] | None = None,
                           n_boot: int = 1000, ci: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Per-label precision, recall, F1 and macro-F1, with article-level bootstrap intervals.

    The intervals come from a cluster bootstrap: articles (not sentences) are
    resampled with replacement, ``n_boot`` times, so sentences of one
    article stay together as they do in the data. Macro-F1 averages F1 over
    the labels present in the gold (as :func:`framing.evaluate.evaluate` does);
    resamples keep that label set, counting a label they happen to miss as F1 0.

    Parameters
    ----------
    labels, gold : DataFrame
        ``doc_id, sent_id, label`` for a method and for the gold; every
        labelled sentence must be in the gold (the gold may hold more).
    groups : DataFrame, optional
        Article metadata with ``doc_id`` and ``by``; by default ``by`` is
        looked up in ``labels``.
    by : str or None
        Also report each value of this column (e.g. ``lang``).
    label_order : sequence of str, optional
        Labels to report (default: those seen, alphabetically, then ``both``, ``none``).
    n_boot : int
        Bootstrap resamples (0 for none: ``low`` and ``high`` are NaN).
    ci : float
        Coverage of the percentile interval.
    seed : int

    Returns
    -------
    DataFrame
        ``group, label, metric, value, low, high, n``: ``metric`` is
        ``precision``, ``recall``, ``f1`` or ``macro_f1`` (``label ==
        "macro"``); ``n`` is the number of gold sentences with the label
        (all sentences for macro-F1); ``group`` is ``all`` or ``<by>=<value>``.

    Examples
    --------
    >>> m = classification_metrics(cross_val_predict(make_classifier(), dev), gold)  # doctest: +SKIP
    >>> m.query("metric == 'macro_f1'")  # doctest: +SKIP
    """
    pair = _paired(labels, gold)
    order = list(label_order) if label_order is not None else _label_order(
        pd.concat([pair["label"], pair["gold"]]).unique())
    if by is not None:
        source = groups if groups is not None else labels
        if by not in source:
            raise FramingError(f"No column {by!r} to break the metrics down by; pass groups= with it or by=None.")
        pair = pair.merge(source[["doc_id", by]].drop_duplicates("doc_id") if groups is not None
                          else labels[_KEYS + [by]], on="doc_id" if groups is not None else _KEYS, how="left")
    parts = [("all", pair)]
    if by is not None:
        parts += [(f"{by}={value}", part) for value, part in pair.groupby(by, sort=True)]
    rng_seed = np.random.SeedSequence(seed)
    out = []
    for (group, part), child in zip(parts, rng_seed.spawn(len(parts))):
        out.append(_group_metrics(group, part, order, n_boot, ci, np.random.default_rng(child)))
    return pd.concat(out, ignore_index=True)


def _group_metrics(group: str, pair: pd.DataFrame, order: list[str], n_boot: int, ci: float,
                   rng: np.random.Generator) -> pd.DataFrame:
    docs, doc_index = np.unique(pair["doc_id"].to_numpy(dtype=str), return_inverse=True)
    k = len(order)
    counts = np.zeros((len(docs), 3, k))  # per article: true positives, predicted, gold
    gold, pred = pair["gold"].to_numpy(dtype=object), pair["label"].to_numpy(dtype=object)
    for j, label in enumerate(order):
        np.add.at(counts[:, 0, j], doc_index, (gold == label) & (pred == label))
        np.add.at(counts[:, 1, j], doc_index, pred == label)
        np.add.at(counts[:, 2, j], doc_index, gold == label)
    point = _scores(counts.sum(axis=0)[None])
    if n_boot > 0 and len(docs) > 0:
        draws = rng.integers(0, len(docs), size=(n_boot, len(docs)))
        weights = np.stack([np.bincount(d, minlength=len(docs)) for d in draws]).astype(float)
        # macro-F1 keeps the observed label set: a resample that misses a rare label
        # counts it as F1 0 instead of silently averaging over fewer labels
        boot = _scores(np.einsum("bd,dtk->btk", weights, counts), present=counts.sum(axis=0)[2] > 0)
        alpha = (1.0 - ci) / 2.0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a label absent from every resample: NaN
            low, high = np.nanquantile(boot, [alpha, 1.0 - alpha], axis=0)
    else:
        low = high = np.full_like(point[0], np.nan)
    totals = counts.sum(axis=0)
    rows = []
    for j, label in enumerate(order):
        for m, metric in enumerate(["precision", "recall", "f1"]):
            rows.append((group, label, metric, point[0, m, j], low[m, j], high[m, j],
                         int(totals[1, j] if metric == "precision" else totals[2, j])))
    rows.append((group, "macro", "macro_f1", point[0, 3, 0], low[3, 0], high[3, 0], len(pair)))
    return pd.DataFrame(rows, columns=["group", "label", "metric", "value", "low", "high", "n"])


def _scores(counts: np.ndarray, present: np.ndarray | None = None) -> np.ndarray:
    """(b, 3, k) counts → (b, 4, k): precision, recall, F1, macro-F1 (broadcast over k).

    Macro-F1 averages over the labels in ``present`` (default: those with
    gold sentences in each sample), counting an undefined F1 as 0.
    """
    tp, n_pred, n_gold = counts[:, 0], counts[:, 1], counts[:, 2]
    precision, recall, f1 = precision_recall_f1(tp, n_pred, n_gold)
    with np.errstate(invalid="ignore", divide="ignore"):
        present = n_gold > 0 if present is None else np.broadcast_to(present, n_gold.shape)
        n_present = present.sum(axis=1)
        macro = np.where(n_present > 0, np.where(present, np.nan_to_num(f1), 0.0).sum(axis=1)
                         / np.where(n_present > 0, n_present, 1), np.nan)
    return np.stack([precision, recall, f1, np.repeat(macro[:, None], f1.shape[1], axis=1)], axis=1)


def confusion_table(labels: pd.DataFrame, gold: pd.DataFrame, *,
                    label_order: Sequence[str] | None = None) -> pd.DataFrame:
    """Counts of gold label (rows) against the method's label (columns).

    Examples
    --------
    >>> confusion_table(oof, gold)  # doctest: +SKIP
    """
    pair = _paired(labels, gold)
    order = list(label_order) if label_order is not None else _label_order(
        pd.concat([pair["label"], pair["gold"]]).unique())
    table = pd.crosstab(pd.Categorical(pair["gold"], categories=order),
                        pd.Categorical(pair["label"], categories=order), dropna=False)
    table.index.name, table.columns.name = "gold", "predicted"
    return table


def learning_curve(model, table: pd.DataFrame, *, sizes: Sequence[int | None] = (10, 20, 30, 40, None),
                   n_splits: int = 10, seed: int = 0, n_boot: int = 1000, ci: float = 0.95,
                   progress: bool | None = None) -> pd.DataFrame:
    """Cross-validated F1 as a function of the number of labelled training articles.

    The folds are fixed (:func:`group_folds`); in each fold the model is
    trained on the first ``size`` of its training articles, drawn in a
    seeded order that alternates languages (so subsets are nested and
    balanced), and labels the whole held-out fold. Every point is thus
    evaluated on the same out-of-fold sentences. ``None`` means all the
    training articles of the fold; a size larger than a fold's training
    articles uses them all (``n_articles`` says how many were used).

    Returns
    -------
    DataFrame
        ``size, n_articles`` (mean training articles per fold) and the
        columns of :func:`classification_metrics` for the ``all`` group.

    Examples
    --------
    >>> curve = learning_curve(make_classifier(), dev, sizes=(10, 20, None))  # doctest: +SKIP
    """
    table = table.reset_index(drop=True)
    rng = np.random.default_rng(seed)
    folds = list(group_folds(table, n_splits=n_splits, seed=seed))
    predicted = {size: np.empty(len(table), dtype=object) for size in sizes}
    used: dict[int | None, list[int]] = {size: [] for size in sizes}
    doc_lang = table.drop_duplicates("doc_id").set_index("doc_id")["lang"]
    for train, test in _progress(folds, desc="learning curve", enable=progress):  # a bar when interactive
        train_docs = _interleaved(doc_lang[pd.unique(table["doc_id"].iloc[train])], rng)
        for size in sizes:
            docs = train_docs if size is None else train_docs[:size]
            rows = train[table["doc_id"].iloc[train].isin(docs).to_numpy()]
            used[size].append(len(docs))
            fitted = clone(model).fit(model_input(model, table.iloc[rows]), table["label"].iloc[rows])
            predicted[size][test] = fitted.predict(model_input(model, table.iloc[test]))
    gold = table[_KEYS + ["label"]]
    out = []
    for i, size in enumerate(sizes):
        labels = table[_KEYS].assign(label=predicted[size].astype(str))
        metrics = classification_metrics(labels, gold, by=None, n_boot=n_boot, ci=ci, seed=seed + i)
        metrics.insert(0, "n_articles", float(np.mean(used[size])))
        metrics.insert(0, "size", "all" if size is None else str(size))
        out.append(metrics)
    return pd.concat(out, ignore_index=True)


def _interleaved(doc_lang: pd.Series, rng: np.random.Generator) -> list[str]:
    """Documents shuffled within each language, then taken one language at a time in turn."""
    ranked = []
    for lang, docs in doc_lang.groupby(doc_lang, sort=True):
        order = rng.permutation(np.sort(docs.index.to_numpy(dtype=str)))
        ranked += [(rank, lang, doc) for rank, doc in enumerate(order)]
    return [doc for _, _, doc in sorted(ranked)]


# -- lexicon vs classifier vs gold ---------------------------------------------


def method_metrics(methods: Mapping[str, pd.DataFrame], gold: pd.DataFrame, *,
                   groups: pd.DataFrame | None = None, by: str | None = "lang", evaluation: str = "",
                   label_order: Sequence[str] | None = None, n_boot: int = 1000, ci: float = 0.95,
                   seed: int = 0) -> pd.DataFrame:
    """:func:`classification_metrics` for several methods, stacked with ``evaluation`` and ``method``.

    Each method's labels are evaluated on the sentences it labelled (give
    them the same sentences: e.g. the dev split for cross-validation).

    Examples
    --------
    >>> m = method_metrics({"lexicon": lex_dev, "classifier": oof}, gold, groups=articles,
    ...                    evaluation="dev (cross-validated)")  # doctest: +SKIP
    """
    out = []
    for method, labels in methods.items():
        metrics = classification_metrics(labels, gold, groups=groups, by=by, label_order=label_order,
                                         n_boot=n_boot, ci=ci, seed=seed)
        out.append(metrics.assign(method=method, evaluation=evaluation))
    table = pd.concat(out, ignore_index=True)
    return table[["evaluation", "method", *[c for c in table if c not in ("evaluation", "method")]]]


def compare_methods(methods: Mapping[str, pd.DataFrame], gold: pd.DataFrame, sentences: pd.DataFrame,
                    study: Study, *, groups: pd.DataFrame | None = None,
                    by: Sequence[str] = ("lang",)) -> pd.DataFrame:
    """:func:`framing.evaluate.evaluate` for each method, sentence and article level, stacked.

    The gold is restricted to the articles the methods labelled; within
    them, every gold sentence must be labelled.

    Returns
    -------
    DataFrame
        ``method`` and the columns of :func:`framing.evaluate.evaluate`
        (:data:`~framing.evaluate.METRIC_COLUMNS`).

    Examples
    --------
    >>> compare_methods({"lexicon": lex, "classifier": oof}, gold, sentences, study,
    ...                 groups=articles)  # doctest: +SKIP
    """
    out = []
    for method, labels in methods.items():
        subset = gold[gold["doc_id"].isin(labels["doc_id"])]
        table = evaluate(labels[_KEYS + ["label"]], subset, sentences, study, groups=groups, by=tuple(by))
        out.append(table.assign(method=method))
    table = pd.concat(out, ignore_index=True)
    return table[["method", *METRIC_COLUMNS]]


def method_agreement(methods: Mapping[str, pd.DataFrame], *, groups: pd.DataFrame | None = None,
                     by: str | None = "lang") -> pd.DataFrame:
    """Chance-corrected agreement between every pair of methods on the sentences both labelled.

    Returns
    -------
    DataFrame
        ``pair`` (``a~b``) and the columns of :func:`framing.reliability.agreement_table`
        (Cohen's kappa and Krippendorff's alpha, nominal), overall (``(all)``)
        and per value of ``by``.

    Examples
    --------
    >>> method_agreement({"lexicon": lex, "classifier": oof, "gold": gold})  # doctest: +SKIP
    """
    out = []
    for (name_a, a), (name_b, b) in combinations(methods.items(), 2):
        pair = a[_KEYS + ["label"]].merge(b[_KEYS + ["label"]], on=_KEYS, suffixes=("_a", "_b"))
        groups_of = None
        if by is not None:
            source = groups if groups is not None else a
            if by not in source:
                raise FramingError(f"No column {by!r} to break agreement down by; pass groups= or by=None.")
            lookup = source[["doc_id", by]].drop_duplicates("doc_id").set_index("doc_id")[by]
            groups_of = pair["doc_id"].map(lookup).to_numpy(dtype=object)
        table = agreement_table(pair["label_a"].to_numpy(dtype=object), pair["label_b"].to_numpy(dtype=object),
                                by=groups_of)
        table["group"] = [g if g == "(all)" else f"{by}={g}" for g in table["group"]]
        out.append(table.assign(pair=f"{name_a}~{name_b}"))
    table = pd.concat(out, ignore_index=True)
    return table[["pair", *[c for c in table if c != "pair"]]]


def comparison_table(metrics: pd.DataFrame, agreement: pd.DataFrame | None = None, *,
                     pair: str = "lexicon~classifier") -> pd.DataFrame:
    """One row per evaluation and group: macro-F1 and per-label F1 of each method, and their agreement.

    Parameters
    ----------
    metrics : DataFrame
        From :func:`method_metrics` (several evaluations may be stacked).
    agreement : DataFrame, optional
        From :func:`method_agreement`, with an ``evaluation`` column added
        when several evaluations are stacked; the row of ``pair`` gives
        ``kappa`` and ``alpha``.

    Examples
    --------
    >>> comparison_table(pd.concat([dev_metrics, test_metrics]))  # doctest: +SKIP
    """
    f1 = metrics[metrics["metric"].isin(["f1", "macro_f1"])].copy()
    f1["column"] = np.where(f1["metric"] == "macro_f1", f1["method"] + " macro-F1",
                            f1["method"] + " F1[" + f1["label"] + "]")
    columns = list(dict.fromkeys(f1["column"]))
    macro_first = sorted(columns, key=lambda c: (c.split(" ")[0] != columns[0].split(" ")[0], "macro" not in c))
    wide = f1.pivot_table(index=["evaluation", "group"], columns="column", values="value", sort=False)
    sizes = (metrics[metrics["metric"] == "macro_f1"].drop_duplicates(["evaluation", "group"])
             .set_index(["evaluation", "group"])["n"].rename("sentences"))
    wide = pd.concat([sizes, wide[macro_first]], axis=1)
    if agreement is not None:
        rows = agreement[agreement["pair"] == pair].copy()
        if "evaluation" not in rows:
            rows["evaluation"] = metrics["evaluation"].iloc[0]
        rows["group"] = rows["group"].replace({"(all)": "all"})
        kappa = rows.set_index(["evaluation", "group"])[["cohen_kappa", "krippendorff_alpha"]]
        wide = wide.join(kappa.rename(columns={"cohen_kappa": "kappa", "krippendorff_alpha": "alpha"}))
    return wide.reset_index()


def evaluate_methods(model, table: pd.DataFrame, lexicon: pd.DataFrame, gold: pd.DataFrame, *,
                     groups: pd.DataFrame | None = None, by: str | None = "lang",
                     label_order: Sequence[str] | None = None, n_splits: int = 5, seed: int = 0,
                     n_boot: int = 1000) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Lexicon and classifier against the gold: cross-validated on dev, and trained on dev for test.

    Parameters
    ----------
    model : estimator or mapping of str to estimator
        Unfitted, e.g. :func:`framing.classify.make_classifier`; several
        under their names (e.g. ``{"classifier": ..., "hybrid": ...}``) are
        reported side by side with the lexicon (a single one is ``classifier``).
    table : DataFrame
        From :func:`framing.classify.training_table`, with ``dev`` and ``test`` splits.
    lexicon : DataFrame
        The lexicon's labels (:func:`framing.evaluate.lexicon_labels`) for the same sentences.
    gold : DataFrame
    groups : DataFrame, optional
        Article metadata with ``by`` (default: the ``lang`` of ``table``).
    by : str or None
    label_order : sequence of str, optional
        Labels to report, e.g. ``[*study.side_ids, "both", "none"]``.
    n_splits, seed, n_boot
        For :func:`cross_val_predict` and :func:`classification_metrics`.

    Returns
    -------
    predictions : DataFrame
        ``evaluation, method, doc_id, sent_id, label``, every labelled sentence.
    metrics : DataFrame
        :func:`method_metrics` for ``dev (cross-validated)`` and ``test``.
    agreement : DataFrame
        :func:`method_agreement` of every pair of methods, with ``evaluation``.

    Examples
    --------
    >>> predictions, metrics, agreement = evaluate_methods(make_classifier(), table, lex, gold)  # doctest: +SKIP
    >>> comparison_table(metrics, agreement)  # doctest: +SKIP
    """
    groups = groups if groups is not None else table[["doc_id", "lang", "split"]].drop_duplicates("doc_id")
    models = dict(model) if isinstance(model, Mapping) else {"classifier": model}
    if "lexicon" in models:
        raise FramingError("'lexicon' names the lexicon's labels; give the models other names.")
    dev = table[table["split"] == "dev"]
    runs = {"dev (cross-validated)": {name: cross_val_predict(m, dev, n_splits=n_splits, seed=seed)
                                      for name, m in models.items()},
            "test": {name: holdout_predict(m, table, train="dev", test="test") for name, m in models.items()}}
    predictions, metrics, agreement = [], [], []
    for evaluation, runs_of in runs.items():
        first = next(iter(runs_of.values()))
        methods = {"lexicon": lexicon[lexicon["doc_id"].isin(first["doc_id"])][_KEYS + ["label"]],
                   **{name: classified[_KEYS + ["label"]] for name, classified in runs_of.items()}}
        for method, labels in methods.items():
            predictions.append(labels.assign(evaluation=evaluation, method=method))
        metrics.append(method_metrics(methods, gold, groups=groups, by=by, evaluation=evaluation,
                                      label_order=label_order, n_boot=n_boot, seed=seed))
        agreement.append(method_agreement(methods, groups=groups, by=by).assign(evaluation=evaluation))
    predictions_table = pd.concat(predictions, ignore_index=True)
    predictions_table = predictions_table[["evaluation", "method", "doc_id", "sent_id", "label"]]
    return predictions_table, pd.concat(metrics, ignore_index=True), pd.concat(agreement, ignore_index=True)


def disagreements(lexicon: pd.DataFrame, classifier: pd.DataFrame, gold: pd.DataFrame,
                  sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences where the lexicon and the classifier disagree, with the gold label.

    Read it to improve the lexicon: ``right == "classifier"`` rows are
    sentences the lexicon got wrong and a classifier got right.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, lang, text, lexicon, classifier, gold, right``
        (``lexicon``, ``classifier``, ``both`` methods or ``neither`` match the gold),
        in reading order.

    Examples
    --------
    >>> disagreements(lexicon_labels(sentences, hits), oof, gold, sentences)  # doctest: +SKIP
    """
    pair = lexicon[_KEYS + ["label"]].rename(columns={"label": "lexicon"}).merge(
        classifier[_KEYS + ["label"]].rename(columns={"label": "classifier"}), on=_KEYS)
    pair = pair[pair["lexicon"] != pair["classifier"]]
    pair = pair.merge(gold[_KEYS + ["label"]].rename(columns={"label": "gold"}), on=_KEYS, how="left")
    pair = pair.merge(sentences[_KEYS + ["lang", "text"]], on=_KEYS, how="left")
    lex_ok, clf_ok = pair["lexicon"] == pair["gold"], pair["classifier"] == pair["gold"]
    pair["right"] = np.select([lex_ok & clf_ok, lex_ok, clf_ok], ["both", "lexicon", "classifier"], "neither")
    pair = pair[["doc_id", "sent_id", "lang", "text", "lexicon", "classifier", "gold", "right"]]
    return pair.sort_values(_KEYS, kind="stable", ignore_index=True)


def cross_validate(model, table: pd.DataFrame, *, n_splits: int = 5, seed: int = 0,
                   progress: bool | None = None) -> pd.DataFrame:
    """Deprecated name of :func:`cross_val_predict` (scikit-learn's name for out-of-fold predictions)."""
    warnings.warn("cross_validate is now cross_val_predict, as in scikit-learn", DeprecationWarning, stacklevel=2)
    return cross_val_predict(model, table, n_splits=n_splits, seed=seed, progress=progress)
