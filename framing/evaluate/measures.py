"""Continuous article measures against the gold: salience, prominence and balance.

:func:`gold_scores` computes the measures from the gold's sentence labels by
the same code as every method's (:func:`framing.score_marks`);
:func:`measure_agreement` compares a method's measures with them as Pearson
and Spearman r, mean absolute error and bias (mean signed error), with
bootstrap intervals over articles, in the long table
``group, label, metric, value, low, high, n``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import FramingError
from ..intervals import expanded_level, resample_interval
from ..scoring import label_marks, score_marks
from ..study import Study

__all__ = ["AGREEMENT_METRICS", "gold_scores", "measure_agreement"]

#: Metrics of :func:`measure_agreement`, in output order.
AGREEMENT_METRICS = ("pearson", "spearman", "mae", "bias")


def gold_scores(gold: pd.DataFrame, sentences: pd.DataFrame, study: Study, *,
                hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """Article measures computed from the gold sentence labels, by the same code as every method's.

    The gold's labels become side marks (:func:`label_marks`, with the
    lexicon's ``hits`` for the word-order rule of primacy) and
    :func:`framing.score_marks` scores them, so salience, prominence,
    primacy and balance mean the same for the gold as for the lexicon or a
    classifier. Only the gold's articles are scored.

    Examples
    --------
    >>> truth = gold_scores(gold, run.sentences, study, hits=run.hits)  # doctest: +SKIP
    """
    sents = sentences[sentences["doc_id"].isin(gold["doc_id"])]
    return score_marks(sents, label_marks(gold, study, hits=hits), study, method="gold")


def _pearson(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    xm = x - x.mean(axis=axis, keepdims=True)
    ym = y - y.mean(axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (xm * ym).sum(axis=axis) / np.sqrt((xm**2).sum(axis=axis) * (ym**2).sum(axis=axis))


def _spearman(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    from scipy.stats import rankdata

    return _pearson(rankdata(x, axis=axis), rankdata(y, axis=axis), axis=axis)


def _mae(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.abs(x - y).mean(axis=axis)


def _bias(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    return (x - y).mean(axis=axis)


_AGREEMENT = {"pearson": _pearson, "spearman": _spearman, "mae": _mae, "bias": _bias}


def measure_agreement(scores: pd.DataFrame, gold_scores: pd.DataFrame, *, measures: Sequence[str] | None = None,
                      by: Sequence[str] = ("lang", "split"), n_boot: int = 2000, ci: float = 0.95, seed: int = 0,
                      min_n: int = 10) -> pd.DataFrame:
    """Validate each continuous article measure against the same measure computed from the gold.

    For every measure (default: each side's ``salience`` and ``prominence``,
    and ``balance``), the method's value of each article is paired with the
    gold's (:func:`gold_scores`) and compared by Pearson's and Spearman's r,
    the mean absolute error (MAE) and the bias, the mean signed error
    ``mean(method - gold)`` (for balance, a positive bias leans to the
    second balance side, e.g. France). Each figure has a bootstrap interval
    over articles (pairs resampled together; BCa with the small-sample
    expansion, as :func:`framing.compare.summarise`) when at least ``min_n``
    articles are compared.

    Parameters
    ----------
    scores : DataFrame
        The method's scores, one row per article and method (``doc_id``,
        optional ``method``, the measures and the ``by`` columns, e.g.
        ``run.scores``). Several methods stacked are compared separately.
    gold_scores : DataFrame
        One row per article (:func:`gold_scores`).
    measures : sequence of str, optional
    by : sequence of str
        Metadata columns of ``scores`` to break the results down by: each
        one alone and all together, within each method.
    n_boot, ci, seed, min_n
        Bootstrap resamples, nominal coverage, seed, and the smallest group
        with an interval (below it ``low`` and ``high`` are NaN).

    Returns
    -------
    DataFrame
        Long table ``group, label, metric, value, low, high, n``: ``label``
        is the measure, ``metric`` one of :data:`AGREEMENT_METRICS`, ``n``
        the articles compared. ``group`` is ``method=<m>`` (or ``all``
        without a ``method`` column) then `` & column=value`` parts. An
        article whose measure is undefined (NaN: balance without an account)
        on either side is left out of that measure's comparison. r is NaN
        when either side is constant.

    Examples
    --------
    >>> truth = gold_scores(gold, run.sentences, study, hits=run.hits)  # doctest: +SKIP
    >>> measure_agreement(run.scores, truth, by=["lang", "split"])  # doctest: +SKIP
    """
    import zlib


    if measures is None:
        measures = [c for c in gold_scores.columns if c.endswith(("_salience", "_prominence"))] + ["balance"]
    missing = [c for c in ["doc_id", *measures, *by] if c not in scores] + \
        [c for c in ["doc_id", *measures] if c not in gold_scores]
    if missing:
        raise FramingError(f"measure_agreement expected column(s) {', '.join(dict.fromkeys(missing))} in the "
                           "scores and the gold scores; pass run.scores and gold_scores(gold, ...).")
    keys = ["method", "doc_id"] if "method" in scores else ["doc_id"]
    for table, name, unique in ((scores, "scores", keys), (gold_scores, "gold scores", ["doc_id"])):
        dup = table.duplicated(unique)
        if dup.any():
            raise FramingError(f"measure_agreement expected each article once in the {name} (per method); "
                               f"{table.loc[dup, 'doc_id'].iloc[0]!r} repeats. Drop the duplicates.")
    truth = gold_scores[["doc_id", *measures]].astype({"doc_id": object})
    pair = scores[[*keys, *by, *measures]].astype({"doc_id": object}).merge(
        truth, on="doc_id", how="inner", suffixes=("", "_gold"))
    methods = sorted(pair["method"].unique()) if "method" in pair else [None]
    splits: list[tuple[str, pd.Series]] = []
    for method in methods:
        base = pair["method"] == method if method is not None else pd.Series(True, index=pair.index)
        prefix = f"method={method}" if method is not None else "all"
        splits.append((prefix, base))
        subsets = [[c] for c in by] + ([list(by)] if len(by) > 1 else [])
        for columns in subsets:
            for values, part in pair[base].groupby(columns, sort=True):
                values = values if isinstance(values, tuple) else (values,)
                name = " & ".join(f"{c}={v}" for c, v in zip(columns, values))
                splits.append((f"{prefix} & {name}", pair.index.isin(part.index)))
    rows = []
    for group, mask in splits:
        for measure in measures:
            both = pair.loc[mask, [measure, f"{measure}_gold"]].astype(float).dropna()
            x, y = both[measure].to_numpy(), both[f"{measure}_gold"].to_numpy()
            for metric in AGREEMENT_METRICS:
                func = _AGREEMENT[metric]
                value = float(func(x, y)) if len(x) else np.nan
                low = high = np.nan
                if len(x) >= max(min_n, 3) and not np.isnan(value):
                    rng = np.random.default_rng([seed, zlib.crc32(f"{group}\x1f{measure}\x1f{metric}".encode())])
                    lo, hi, _ = resample_interval((x, y), func, interval="bca", level=expanded_level(ci, len(x)),
                                                   n_boot=n_boot, rng=rng, paired=True)
                    low, high = float(lo), float(hi)
                rows.append((group, measure, metric, value, low, high, len(x)))
    return pd.DataFrame(rows, columns=["group", "label", "metric", "value", "low", "high", "n"])
