"""Group comparisons: BCa bootstrap intervals with a small-sample expansion (:mod:`framing.intervals`; Efron 1987, Hesterberg 2015), none below a minimum group size, permutation tests, and keyness by Dunning's G² (Dunning 1993) and informative-prior log-odds (Monroe, Colaresi and Quinn 2008, "Fightin' Words")."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import chi2

from framing.errors import DuplicateArticleError, FramingError
from framing.intervals import INTERVALS as _INTERVALS
from framing.intervals import confidence_interval, difference_interval
from framing.text import stopwords as text_stopwords

__all__ = ["summarise", "permutation_test", "confidence_interval", "term_counts", "metadata_terms", "keyness",
           "METADATA_TEXT_COLUMNS"]

_STATISTICS = ("mean", "median")
_DIFF_STATISTICS = {"mean_diff": "mean", "median_diff": "median"}
_KEYNESS_METHODS = ("log_odds", "g2")
_INTERVALS = ("bca", "percentile", "t")
_GROUP_SEP = " | "
#: Largest number of cells in one block of resamples (bounds memory, not a loop per resample).
_BLOCK_CELLS = 4_000_000
_TOKEN = re.compile(r"\w+")
#: Article metadata whose words name the source rather than describe the event (see :func:`metadata_terms`).
METADATA_TEXT_COLUMNS = ("outlet", "outlet_type", "country", "byline", "reporting_source", "section")


# ---------------------------------------------------------------------------
# validation helpers
# ---------------------------------------------------------------------------


def _check_frame(scores: Any, func: str) -> None:
    if not isinstance(scores, pd.DataFrame):
        raise FramingError(
            f"{func} expected a scores DataFrame (one row per article); got {type(scores).__name__}. "
            "Pass a pandas DataFrame with metadata and measure columns."
        )


def _check_columns(scores: pd.DataFrame, columns: Sequence[str], role: str, func: str) -> None:
    missing = [c for c in columns if c not in scores.columns]
    if missing:
        raise FramingError(
            f"{func} expected {role} column(s) {missing!r} in the scores table; it is not there. "
            f"Available columns: {', '.join(map(str, scores.columns))}. Fix the name or add the column."
        )


def _numeric_column(scores: pd.DataFrame, measure: str, func: str) -> pd.Series:
    col = scores[measure]
    if not (pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col)):
        raise FramingError(
            f"{func} expected measure column {measure!r} to be numeric; it has dtype {col.dtype}. "
            f"Convert it, e.g. scores[{measure!r}] = pd.to_numeric(scores[{measure!r}], errors='coerce')."
        )
    return col.astype(float)


def _check_ci(ci: float, func: str) -> None:
    if not 0.0 < ci < 1.0:
        raise FramingError(
            f"{func} expected ci strictly between 0 and 1 (e.g. 0.95); got {ci!r}. Pass a coverage level such as 0.9 or 0.95."
        )


def _check_count(value: int, name: str, func: str) -> None:
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
        raise FramingError(f"{func} expected {name} to be a positive integer; got {value!r}. Pass e.g. {name}=2000.")


def _check_once_per_group(scores: pd.DataFrame, by_cols: Sequence[str], func: str) -> None:
    """Refuse a table in which one article (``doc_id``) appears twice in one group."""
    if "doc_id" not in scores.columns:
        return
    dup = scores.duplicated([*by_cols, "doc_id"], keep=False)
    if not dup.any():
        return
    rows = scores[dup]
    first = rows.iloc[0]
    same = rows[rows["doc_id"] == first["doc_id"]]
    group = _GROUP_SEP.join(str(first[c]) for c in by_cols)
    methods = sorted(map(str, same["method"].unique())) if "method" in rows and "method" not in by_cols else []
    origin = f" (rows of methods {', '.join(methods)})" if len(methods) > 1 else ""
    raise DuplicateArticleError(
        f"{func} expected each article once per group; article {first['doc_id']!r} appears {len(same)} times "
        f"in group {group!r}{origin}, and {rows['doc_id'].nunique()} article(s) repeat in all. It would count "
        "more than once in n and in the interval. Filter to one method first "
        "(e.g. scores[scores['method'] == 'lexicon']), or group by method too, or drop the duplicates."
    )


def _check_interval(interval: str, statistic: str, min_n: int, func: str) -> None:
    if interval not in _INTERVALS:
        raise FramingError(
            f"{func} expected interval to be one of {', '.join(_INTERVALS)}; got {interval!r}. Choose one of those."
        )
    if interval == "t" and statistic not in ("mean", "mean_diff"):
        raise FramingError(f"{func}: interval='t' is for means; got statistic={statistic!r}. Use interval='bca'.")
    if not isinstance(min_n, (int, np.integer)) or isinstance(min_n, bool) or min_n < 0:
        raise FramingError(f"{func} expected min_n to be a non-negative integer; got {min_n!r}. Pass e.g. min_n=10.")


def _group_rng(seed: int, key: tuple[Any, ...]) -> np.random.Generator:
    """Generator seeded by ``seed`` and a stable hash of the group key.

    A group's interval therefore does not change when other groups are added or removed.
    """
    text = "\x1f".join(str(part) for part in key)
    return np.random.default_rng([int(seed), zlib.crc32(text.encode("utf-8"))])


# ---------------------------------------------------------------------------
# intervals
# ---------------------------------------------------------------------------


def _stat(values: np.ndarray, statistic: str, axis: int = -1) -> np.ndarray:
    return values.mean(axis=axis) if statistic == "mean" else np.median(values, axis=axis)


def summarise(
    scores: pd.DataFrame,
    measure: str | Sequence[str],
    *,
    by: str | Sequence[str],
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
    statistic: str = "mean",
    interval: str = "bca",
    min_n: int = 10,
) -> pd.DataFrame:
    """Per-group estimate of a measure with a confidence interval, none below ``min_n`` articles.

    Parameters
    ----------
    scores : DataFrame
        One row per article, with metadata and measure columns.
    measure : str or list of str
        Numeric measure column(s). Several measures give one block of rows each.
    by : str or list of str
        Grouping column(s). Rows whose group value is missing are left out.
        With several columns the ``group`` column holds the values joined by
        ``" | "`` (e.g. ``"fr | fr_national_daily"``) and each grouping column
        is also kept under its own name.
    n_boot : int
        Number of bootstrap resamples (resampling articles with replacement
        within the group).
    ci : float
        Nominal coverage of the interval.
    seed : int
        Seed. Each (measure, group) draws from ``default_rng([seed, crc32(measure, group)])``,
        so results are deterministic and a group's interval does not depend
        on which other groups are present.
    statistic : {"mean", "median"}
        The statistic estimated.
    interval : {"bca", "percentile", "t"}
        The interval (:func:`confidence_interval`). The default is the BCa
        bootstrap (:func:`scipy.stats.bootstrap`) widened by Hesterberg's
        small-sample expansion, with the percentile interval of the same
        resamples where BCa is undefined (all values equal). Its coverage on
        bounded, skewed data like the scores, measured by
        ``bench/coverage.py`` (``bench/COVERAGE.md``), is 0.93-0.97 for
        n >= 10; below that no bootstrap interval holds its level.
    min_n : int
        Smallest group given an interval. Smaller groups keep their estimate,
        with ``ci_low`` and ``ci_high`` NaN and ``interval == "n too small"``.

    Raises
    ------
    DuplicateArticleError
        When ``scores`` has a ``doc_id`` column and one article appears twice
        in one group (e.g. lexicon and classifier scores stacked).

    Returns
    -------
    DataFrame
        Columns ``group, measure, estimate, ci_low, ci_high, n, n_missing,
        interval`` (plus the grouping columns after ``group`` when ``by`` is a
        list), groups sorted. Missing measure values are left out: ``n``
        counts the values used and ``n_missing`` the group's articles left out
        because the measure is undefined for them (e.g. ``balance`` of an
        article with no account). ``interval`` names the interval computed:
        ``bca``, ``percentile`` (BCa undefined), ``t``, ``n too small`` or
        ``no data``.

    Examples
    --------
    >>> df = pd.DataFrame({"outlet": ["a", "a", "a", "b"], "balance": [1.0, 2.0, 3.0, 5.0]})
    >>> summarise(df, "balance", by="outlet", n_boot=200)[["group", "estimate", "n", "interval"]].values.tolist()
    [['a', 2.0, 3, 'n too small'], ['b', 5.0, 1, 'n too small']]
    """
    func = "summarise"
    _check_frame(scores, func)
    measures = [measure] if isinstance(measure, str) else list(measure)
    by_cols = [by] if isinstance(by, str) else list(by)
    if not by_cols:
        raise FramingError(f"{func} expected at least one grouping column in `by`; got {by!r}. Pass e.g. by='outlet'.")
    if not measures:
        raise FramingError(f"{func} expected at least one measure column; got {measure!r}. Pass e.g. 'balance'.")
    _check_columns(scores, measures, "measure", func)
    _check_columns(scores, by_cols, "grouping", func)
    if statistic not in _STATISTICS:
        raise FramingError(
            f"{func} expected statistic to be one of {', '.join(_STATISTICS)}; got {statistic!r}. Choose one of those."
        )
    _check_ci(ci, func)
    _check_count(n_boot, "n_boot", func)
    _check_interval(interval, statistic, min_n, func)

    keyed = scores.dropna(subset=by_cols)
    _check_once_per_group(keyed, by_cols, func)
    grouped = keyed.groupby(by_cols if len(by_cols) > 1 else by_cols[0], sort=True, dropna=True)
    rows: list[dict[str, Any]] = []
    for m in measures:
        _numeric_column(keyed, m, func)
        for key, sub in grouped:
            key_tuple = key if isinstance(key, tuple) else (key,)
            label = key_tuple[0] if len(by_cols) == 1 else _GROUP_SEP.join(map(str, key_tuple))
            values = sub[m].astype(float).dropna().to_numpy()
            n = len(values)
            row: dict[str, Any] = {"group": label, "measure": m}
            if len(by_cols) > 1:
                row.update(dict(zip(by_cols, key_tuple)))
            est, low, high = np.nan, np.nan, np.nan
            kind = "no data" if n == 0 else "n too small"
            if n:
                est = float(_stat(values, statistic))
            if n >= max(min_n, 2):
                lo, hi, kd = confidence_interval(values, statistic=statistic, interval=interval, ci=ci,
                                                 n_boot=n_boot, rng=_group_rng(seed, (m, *key_tuple)))
                low, high, kind = float(lo), float(hi), str(kd)
            row.update(estimate=est, ci_low=low, ci_high=high, n=n, n_missing=len(sub) - n, interval=kind)
            rows.append(row)
    columns = ["group", *(by_cols if len(by_cols) > 1 else []), "measure", "estimate", "ci_low", "ci_high", "n",
               "n_missing", "interval"]
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"n": "int64", "n_missing": "int64"})


# ---------------------------------------------------------------------------
# permutation test and effect sizes
# ---------------------------------------------------------------------------


def _cohens_d(a: np.ndarray, b: np.ndarray) -> float:
    """Standardised mean difference with the pooled (n - 1 weighted) standard deviation."""
    n_a, n_b = len(a), len(b)
    if n_a + n_b < 3:
        return float("nan")
    ss = ((a - a.mean()) ** 2).sum() + ((b - b.mean()) ** 2).sum()
    pooled = np.sqrt(ss / (n_a + n_b - 2))
    if pooled == 0:
        return float("nan")
    return float((a.mean() - b.mean()) / pooled)


def _cliffs_delta(a: np.ndarray, b: np.ndarray) -> float:
    """P(a > b) - P(a < b) over all pairs, counted by sorting (no n_a x n_b matrix)."""
    sorted_b = np.sort(b)
    below = np.searchsorted(sorted_b, a, side="left")  # b values < each a
    above = len(b) - np.searchsorted(sorted_b, a, side="right")  # b values > each a
    return float((below.sum() - above.sum()) / (len(a) * len(b)))


def _permutation_stats(pooled: np.ndarray, n_a: int, n_perm: int, statistic: str, rng: np.random.Generator) -> np.ndarray:
    """Difference statistic for ``n_perm`` random relabellings, vectorised by blocks."""
    total = len(pooled)
    per_block = max(1, _BLOCK_CELLS // total)
    out = np.empty(n_perm)
    for start in range(0, n_perm, per_block):
        stop = min(n_perm, start + per_block)
        shuffled = rng.permuted(np.broadcast_to(pooled, (stop - start, total)), axis=1)
        out[start:stop] = _stat(shuffled[:, :n_a], statistic, axis=1) - _stat(shuffled[:, n_a:], statistic, axis=1)
    return out


def permutation_test(
    scores: pd.DataFrame,
    measure: str,
    *,
    by: str,
    groups: tuple[Any, Any] | None = None,
    n_perm: int = 9999,
    seed: int = 0,
    statistic: str = "mean_diff",
    n_boot: int = 2000,
    ci: float = 0.95,
    interval: str = "bca",
    min_n: int = 10,
) -> dict[str, Any]:
    """Two-sided permutation test of a difference between two groups, with effect sizes.

    Parameters
    ----------
    scores : DataFrame
        One row per article.
    measure : str
        Numeric measure column; missing values are dropped.
    by : str
        Grouping column.
    groups : (a, b), optional
        The two values of ``by`` to compare; the difference is ``a - b``.
        When omitted, ``by`` must hold exactly two values, taken in sorted order.
    n_perm : int
        Number of random relabellings.
    seed : int
        Seed of ``numpy.random.default_rng``; the result is deterministic.
    statistic : {"mean_diff", "median_diff"}
        The test statistic, ``stat(a) - stat(b)``.
    n_boot : int
        Resamples for the bootstrap interval of the difference (each group
        resampled separately).
    ci : float
        Nominal coverage of that interval.
    interval : {"bca", "percentile", "t"}
        As in :func:`summarise`: BCa by default, widened by the small-sample
        expansion for the smaller group's size (percentile where BCa is
        undefined); ``"t"`` is Welch's interval of the mean difference.
    min_n : int
        Below this many values in either group the interval is NaN and
        ``interval == "n too small"`` (the test itself still runs).

    Returns
    -------
    dict
        ``measure, group_a, group_b, n_a, n_b, estimate_a, estimate_b,
        difference, ci_low, ci_high, interval, cohens_d, cliffs_delta, p_value,
        n_perm, statistic``. ``p_value = (k + 1) / (n_perm + 1)`` where ``k`` counts
        relabellings with ``|diff| >= |observed diff|``. ``cohens_d`` uses the
        pooled SD ``sqrt(((n_a-1) s_a^2 + (n_b-1) s_b^2) / (n_a + n_b - 2))``
        (NaN when that SD is 0); ``cliffs_delta`` is ``P(a > b) - P(a < b)``.
        ``pd.DataFrame([result])`` gives a one-row table.

    Raises
    ------
    DuplicateArticleError
        When ``scores`` has a ``doc_id`` column and one article appears twice
        in one of the two groups.

    Examples
    --------
    >>> df = pd.DataFrame({"lang": ["en"] * 3 + ["fr"] * 3, "balance": [1.0, 2.0, 3.0, 3.0, 4.0, 5.0]})
    >>> r = permutation_test(df, "balance", by="lang", groups=("fr", "en"), n_perm=999, min_n=3)
    >>> r["difference"], r["cohens_d"], r["cliffs_delta"]
    (2.0, 2.0, 0.8888888888888888)
    """
    func = "permutation_test"
    _check_frame(scores, func)
    if not isinstance(by, str):
        raise FramingError(f"{func} expected `by` to be one column name; got {by!r}. Pass e.g. by='outlet_type'.")
    _check_columns(scores, [measure], "measure", func)
    _check_columns(scores, [by], "grouping", func)
    if statistic not in _DIFF_STATISTICS:
        raise FramingError(
            f"{func} expected statistic to be one of {', '.join(_DIFF_STATISTICS)}; got {statistic!r}. Choose one of those."
        )
    _check_count(n_perm, "n_perm", func)
    _check_count(n_boot, "n_boot", func)
    _check_ci(ci, func)
    _check_interval(interval, statistic, min_n, func)
    values = _numeric_column(scores, measure, func)
    available = sorted(scores[by].dropna().unique().tolist(), key=str)
    if groups is None:
        if len(available) != 2:
            raise FramingError(
                f"{func} expected column {by!r} to hold exactly two groups when `groups` is not given; "
                f"it holds {len(available)}: {available!r}. Pass groups=(a, b)."
            )
        groups = (available[0], available[1])
    if len(groups) != 2 or groups[0] == groups[1]:
        raise FramingError(f"{func} expected two different groups (a, b); got {groups!r}. Pass e.g. groups=('fr', 'ru').")
    samples = []
    for g in groups:
        if g not in available:
            raise FramingError(
                f"{func} expected group {g!r} in column {by!r}; it is not there. "
                f"Available groups: {available!r}. Fix the group name or the `by` column."
            )
        sample = values[scores[by] == g].dropna().to_numpy()
        if len(sample) == 0:
            raise FramingError(
                f"{func} expected non-missing {measure!r} values in group {g!r}; all are missing. "
                "Choose another group or fill the measure."
            )
        samples.append(sample)
    _check_once_per_group(scores[scores[by].isin(list(groups))], [by], func)
    a, b = samples
    stat = _DIFF_STATISTICS[statistic]
    observed = float(_stat(a, stat) - _stat(b, stat))

    rng = np.random.default_rng(seed)
    pooled = np.concatenate([a, b])
    perm = _permutation_stats(pooled, len(a), n_perm, stat, rng)
    tol = 1e-12 * max(1.0, abs(observed))  # relabellings equal to the observed value up to rounding count as extreme
    k = int(np.count_nonzero(np.abs(perm) >= abs(observed) - tol))
    p_value = (k + 1) / (n_perm + 1)

    low, high, kind = difference_interval(a, b, stat, interval=interval, ci=ci, n_boot=n_boot, rng=rng,
                                           min_n=min_n)

    return {
        "measure": measure,
        "group_a": groups[0],
        "group_b": groups[1],
        "n_a": len(a),
        "n_b": len(b),
        "estimate_a": float(_stat(a, stat)),
        "estimate_b": float(_stat(b, stat)),
        "difference": observed,
        "ci_low": low,
        "ci_high": high,
        "interval": kind,
        "cohens_d": _cohens_d(a, b),
        "cliffs_delta": _cliffs_delta(a, b),
        "p_value": p_value,
        "n_perm": int(n_perm),
        "statistic": statistic,
    }


# ---------------------------------------------------------------------------
# term counts
# ---------------------------------------------------------------------------


def term_counts(
    texts: str | Iterable[str],
    *,
    lang: str,
    stopwords: bool = True,
    lowercase: bool = True,
    min_count: int = 1,
) -> pd.Series:
    """Count terms in texts with a simple offline tokenizer.

    Tokens are ``re.findall(r"\\w+", text)`` (after lower-casing when
    ``lowercase``); tokens made only of digits are dropped, and so are stop
    words from ``framing/data/stopwords/<lang>.txt`` when ``stopwords``
    (matched case-insensitively). French elisions split at the apostrophe
    (``l'armée`` gives ``l`` and ``armée``), and the lists contain the elided
    forms.

    Parameters
    ----------
    texts : str or iterable of str
        The texts; missing entries (None / NaN) are skipped.
    lang : {"en", "fr", "ru"}
        Language of the stop-word list.
    stopwords : bool
        Drop stop words.
    lowercase : bool
        Lower-case the text before counting.
    min_count : int
        Keep terms counted at least this many times.

    Returns
    -------
    Series
        Term -> count (index ``term``, name ``count``), sorted by count
        descending, then term.

    Examples
    --------
    >>> term_counts(["The war, the war in 2022."], lang="en").to_dict()
    {'war': 2}
    """
    if isinstance(texts, str):
        texts = [texts]
    if not isinstance(lang, str):
        raise FramingError(
            f"term_counts expected lang to be a language code such as 'en'; got {lang!r}. Pass lang='en', 'fr' or 'ru'."
        )
    _check_count(min_count, "min_count", "term_counts")
    stop = _stopword_list(lang) if stopwords else frozenset()
    counter: Counter[str] = Counter()
    for i, text in enumerate(texts):
        if text is None or (not isinstance(text, str) and pd.isna(text)):
            continue
        if not isinstance(text, str):
            raise FramingError(
                f"term_counts expected texts to be strings; item {i} is {type(text).__name__}. "
                "Pass the text column, e.g. articles['text']."
            )
        if lowercase:
            text = text.lower()
        counter.update(
            tok for tok in _TOKEN.findall(text) if not tok.isdigit() and (tok.lower() not in stop)
        )
    series = pd.Series(counter, dtype="int64", name="count")
    series = series[series >= min_count]
    series.index = pd.Index(series.index, name="term", dtype=object)
    order = sorted(series.index, key=lambda t: (-series[t], t))
    return series.loc[order] if len(order) else series


def metadata_terms(articles: pd.DataFrame, *, columns: Sequence[str] = METADATA_TEXT_COLUMNS,
                   lowercase: bool = True) -> frozenset[str]:
    """The words of the articles' metadata values: outlet names, outlet types, countries, bylines.

    Keyness between groups of outlets otherwise ranks the outlets' own names
    (a wire service's name in its dateline) among the most distinctive
    terms. Pass the result to :func:`keyness` as ``exclude``. Tokens are
    found as in :func:`term_counts` (``\\w+``, lower-cased when
    ``lowercase``); columns missing from ``articles`` are skipped. A content
    word that is also part of an outlet name is left out too (e.g.
    ``français`` of "Vestnik (service français)").

    Examples
    --------
    >>> df = pd.DataFrame({"outlet": ["Vestnik (service français)", None], "country": ["RU", "FR"]})
    >>> sorted(metadata_terms(df))
    ['fr', 'français', 'ru', 'service', 'vestnik']
    """
    terms: set[str] = set()
    for column in columns:
        if column not in articles.columns:
            continue
        for value in articles[column].dropna().unique():
            text = str(value).lower() if lowercase else str(value)
            terms.update(_TOKEN.findall(text))
    return frozenset(terms)


# ---------------------------------------------------------------------------
# keyness
# ---------------------------------------------------------------------------


def _as_counts(counts: Any, name: str) -> pd.Series:
    if isinstance(counts, Mapping) and not isinstance(counts, pd.Series):
        counts = pd.Series(dict(counts), dtype=float)
    if not isinstance(counts, pd.Series):
        raise FramingError(
            f"keyness expected `{name}` to be a Series or dict of term -> count; got {type(counts).__name__}. "
            "Build one with term_counts(texts, lang=...)."
        )
    values = pd.to_numeric(counts, errors="coerce")
    bad = values.isna() | (values < 0)
    if bad.any():
        raise FramingError(
            f"keyness expected non-negative counts in `{name}`; got {int(bad.sum())} invalid entries, e.g. "
            f"{counts[bad].index[0]!r}: {counts[bad].iloc[0]!r}. Fix or drop them."
        )
    if counts.index.has_duplicates:
        raise FramingError(
            f"keyness expected each term once in `{name}`; some repeat, e.g. "
            f"{counts.index[counts.index.duplicated()][0]!r}. Sum them first: counts.groupby(level=0).sum()."
        )
    return values.astype(float)


def _xlogx_over(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """O * ln(O / E) with 0 * ln 0 = 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(np.where(o > 0, o, 1.0) / e), 0.0)


def _g2(ya: np.ndarray, yb: np.ndarray, n_a: float, n_b: float) -> tuple[np.ndarray, np.ndarray]:
    """Signed Dunning G² over the 2 x 2 table (term / other terms) x (corpus a / corpus b)."""
    n = n_a + n_b
    term = ya + yb
    other = n - term
    e_a, e_b = n_a * term / n, n_b * term / n
    e_a_other, e_b_other = n_a * other / n, n_b * other / n
    g2 = 2.0 * (
        _xlogx_over(ya, e_a) + _xlogx_over(yb, e_b) + _xlogx_over(n_a - ya, e_a_other) + _xlogx_over(n_b - yb, e_b_other)
    )
    g2 = np.maximum(g2, 0.0)  # clear tiny negative rounding
    sign = np.sign(ya / n_a - yb / n_b)
    return sign * g2, chi2.sf(g2, df=1)


def keyness(
    counts_a: pd.Series | Mapping[str, float],
    counts_b: pd.Series | Mapping[str, float],
    *,
    method: str = "log_odds",
    prior: pd.Series | Mapping[str, float] | None = None,
    alpha0: float | None = None,
    min_count: int = 1,
    exclude: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Terms over- or under-represented in corpus a relative to corpus b.

    Parameters
    ----------
    counts_a, counts_b : Series or dict
        Term -> count for each corpus (e.g. from :func:`term_counts`). A term
        missing from one side counts 0 there. Corpus sizes ``n_a``, ``n_b``
        are the sums of all counts.
    method : {"log_odds", "g2"}
        ``"g2"``: Dunning's (1993) log-likelihood ratio over the 2 x 2 table
        (term vs. all other terms) x (corpus a vs. b),
        ``G2 = 2 * sum(O * ln(O / E))`` over the four cells with
        ``E = row total * column total / N``. ``score`` is G² signed positive
        when the term's relative frequency is higher in a; ``p_value`` is the
        chi-square (1 df) tail probability.

        ``"log_odds"``: log-odds ratio with an informative Dirichlet prior
        (Monroe, Colaresi and Quinn 2008, eqs. 16-22):
        ``delta = ln((y_a + a_w) / (n_a + a0 - y_a - a_w)) - ln((y_b + a_w) / (n_b + a0 - y_b - a_w))``,
        ``variance = 1 / (y_a + a_w) + 1 / (y_b + a_w)`` (their eq. 20
        approximation) and ``score = z = delta / sqrt(variance)``.
    prior : Series or dict, optional
        Background term counts for the log-odds prior ``a_w``. Default: the
        combined counts ``counts_a + counts_b``. Every compared term needs a
        positive prior.
    alpha0 : float, optional
        Total prior weight ``a0``; the prior is rescaled to sum to it. Default:
        no rescaling, i.e. ``a0`` is the prior's own total (with the default
        prior, the total count of both corpora - a strong prior that shrinks
        rare terms). Pass a smaller ``alpha0`` for a weaker prior.
    min_count : int
        Report terms with ``count_a + count_b >= min_count``. The corpus
        totals always use all terms.
    exclude : iterable of str, optional
        Terms left out before anything is computed (they count neither as
        terms nor in the corpus totals), e.g. the outlet names of the
        compared groups from :func:`metadata_terms`.

    Returns
    -------
    DataFrame
        ``g2``: columns ``term, count_a, count_b, score, g2, p_value``;
        ``log_odds``: columns ``term, count_a, count_b, score, delta,
        variance``. Sorted by ``score`` descending (terms typical of a
        first, typical of b last), ties by term.

    Examples
    --------
    >>> k = keyness({"war": 10, "peace": 2, "the": 50}, {"war": 2, "peace": 8, "the": 50}, method="g2")
    >>> k["term"].tolist()
    ['war', 'the', 'peace']
    """
    if method not in _KEYNESS_METHODS:
        raise FramingError(
            f"keyness expected method to be one of {', '.join(_KEYNESS_METHODS)}; got {method!r}. Choose one of those."
        )
    a = _as_counts(counts_a, "counts_a")
    b = _as_counts(counts_b, "counts_b")
    if exclude is not None:
        dropped = set(exclude)
        a, b = a[~a.index.isin(dropped)], b[~b.index.isin(dropped)]
    terms = a.index.union(b.index, sort=False)
    a = a.reindex(terms, fill_value=0.0)
    b = b.reindex(terms, fill_value=0.0)
    keep = (a + b) > 0
    a, b = a[keep], b[keep]
    n_a, n_b = float(a.sum()), float(b.sum())
    if n_a == 0 or n_b == 0:
        raise FramingError(
            f"keyness expected both corpora to have tokens; got totals n_a={n_a:g}, n_b={n_b:g}. "
            "Check that both count tables are filled (e.g. stop-word removal left nothing)."
        )
    ya, yb = a.to_numpy(), b.to_numpy()
    out = pd.DataFrame({"term": a.index.to_numpy(dtype=object), "count_a": ya, "count_b": yb})

    if method == "g2":
        if prior is not None or alpha0 is not None:
            raise FramingError(
                "keyness(method='g2') expected no `prior` or `alpha0` (they set the log-odds prior); "
                "got one. Drop them or use method='log_odds'."
            )
        score, p = _g2(ya, yb, n_a, n_b)
        out["score"], out["g2"], out["p_value"] = score, np.abs(score), p
    else:
        if prior is None:
            background = a + b
        else:
            background = _as_counts(prior, "prior").reindex(a.index)
            lacking = background.isna() | (background <= 0)
            if lacking.any():
                raise FramingError(
                    "keyness expected a positive prior count for every compared term; "
                    f"{int(lacking.sum())} terms have none, e.g. {list(background.index[lacking][:5])!r}. "
                    "Add them to `prior` (e.g. prior + 0.5) or use the default prior."
                )
            background = _as_counts(prior, "prior")
        total = float(background.sum())
        if alpha0 is not None:
            if not alpha0 > 0:
                raise FramingError(f"keyness expected alpha0 > 0; got {alpha0!r}. Pass a positive total prior weight.")
            background = background * (alpha0 / total)
            total = float(alpha0)
        aw = background.reindex(a.index).to_numpy()
        rest_a = n_a + total - ya - aw
        rest_b = n_b + total - yb - aw
        if (rest_a <= 0).any() or (rest_b <= 0).any():
            raise FramingError(
                "keyness(method='log_odds') expected every term to leave other tokens in each corpus plus prior; "
                "a single term fills a whole corpus. Compare corpora with more than one term or supply a broader prior."
            )
        delta = np.log((ya + aw) / rest_a) - np.log((yb + aw) / rest_b)
        variance = 1.0 / (ya + aw) + 1.0 / (yb + aw)
        out["score"], out["delta"], out["variance"] = delta / np.sqrt(variance), delta, variance

    out = out[(out["count_a"] + out["count_b"]) >= min_count]
    out = out.sort_values(["score", "term"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    return out


def _stopword_list(lang: str) -> frozenset[str]:
    try:
        return text_stopwords(lang)
    except FramingError as error:
        raise FramingError(f"term_counts expected a language with a stop-word list: {error} "
                           "Or pass stopwords=False.") from None
