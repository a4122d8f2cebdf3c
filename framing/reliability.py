"""Inter-coder reliability: Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability") and Cohen's kappa (Cohen 1960)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .errors import FramingError, check_choice

__all__ = ["krippendorff_alpha", "cohen_kappa", "agreement_table", "coder_agreement"]

_LEVELS = ("nominal", "ordinal", "interval")
_LONG_COLUMNS = ("unit", "coder", "value")


# ---------------------------------------------------------------------------
# input handling
# ---------------------------------------------------------------------------


def _is_long(data: Any) -> bool:
    return isinstance(data, pd.DataFrame) and all(c in data.columns for c in _LONG_COLUMNS)


def _long_to_matrix(data: pd.DataFrame) -> np.ndarray:
    """Pivot a long ``unit, coder, value`` table to a coders x units object array."""
    long = data.loc[:, list(_LONG_COLUMNS)]
    if long["unit"].isna().any() or long["coder"].isna().any():
        raise FramingError(
            "krippendorff_alpha expected every row of the long table to name a unit and a coder; "
            f"{int(long['unit'].isna().sum())} rows have no unit and "
            f"{int(long['coder'].isna().sum())} have no coder. "
            "Fill or drop those rows before computing alpha."
        )
    dup = long.duplicated(subset=["unit", "coder"], keep=False)
    if dup.any():
        first = long.loc[dup].iloc[0]
        raise FramingError(
            "krippendorff_alpha expected at most one value per (unit, coder) pair; "
            f"{int(dup.sum())} rows repeat a pair, e.g. unit={first['unit']!r}, coder={first['coder']!r}. "
            "Remove duplicate codings or keep one value per coder and unit."
        )
    coders, coder_idx = np.unique(long["coder"].astype(str).to_numpy(), return_inverse=True)
    units, unit_idx = np.unique(long["unit"].astype(str).to_numpy(), return_inverse=True)
    matrix = np.full((len(coders), len(units)), None, dtype=object)
    matrix[coder_idx, unit_idx] = long["value"].to_numpy(dtype=object)
    return matrix


def _as_matrix(data: Any) -> np.ndarray:
    """Return reliability data as a 2-D object array, coders x units."""
    if _is_long(data):
        return _long_to_matrix(data)
    if isinstance(data, pd.DataFrame):
        matrix = data.to_numpy(dtype=object)
    elif isinstance(data, pd.Series):
        raise FramingError(
            "krippendorff_alpha expected a coders x units table or a long table with columns "
            "'unit', 'coder', 'value'; got a Series. Pass a DataFrame with one row per coder, "
            "or a long DataFrame."
        )
    else:
        try:
            matrix = np.asarray(data, dtype=object)
        except ValueError:
            raise FramingError(
                "krippendorff_alpha expected a rectangular table of shape (coders, units); the rows "
                "have different lengths. Give every coder one entry per unit, with NaN/None where "
                "the coder did not code the unit."
            ) from None
    if matrix.ndim == 1 and any(isinstance(row, (list, tuple, np.ndarray)) for row in matrix):
        raise FramingError(
            "krippendorff_alpha expected a rectangular table of shape (coders, units); the rows "
            f"have different lengths ({sorted({len(row) for row in matrix})}). Give every coder one "
            "entry per unit, with NaN/None where the coder did not code the unit."
        )
    if matrix.ndim != 2:
        raise FramingError(
            "krippendorff_alpha expected a 2-D table of shape (coders, units) or a long DataFrame "
            f"with columns 'unit', 'coder', 'value'; got an array with {matrix.ndim} dimension(s) "
            f"and shape {matrix.shape}. Put one coder per row and one unit per column."
        )
    if matrix.shape[0] < 2:
        raise FramingError(
            "krippendorff_alpha expected at least 2 coders (rows); got shape "
            f"{matrix.shape} (coders, units). If your table has coders in columns, transpose it "
            "(data.T)."
        )
    return matrix


def _missing_mask(values: np.ndarray) -> np.ndarray:
    return np.asarray(pd.isna(values), dtype=bool)


# ---------------------------------------------------------------------------
# Krippendorff's alpha
# ---------------------------------------------------------------------------


def _category_codes(
    present: np.ndarray, level: str, order: Sequence[Any] | None
) -> tuple[np.ndarray, np.ndarray]:
    """Map present values to integer codes; return (codes, category values in code order)."""
    if level == "nominal" and order is None:
        codes, cats = pd.factorize(pd.Series(present, dtype=object), sort=False)
        return np.asarray(codes), np.asarray(cats, dtype=object)
    if order is not None:
        order_list = list(order)
        if len(set(order_list)) != len(order_list):
            raise FramingError(
                f"krippendorff_alpha expected `order` to list each category once; got {order_list!r}. "
                "Remove the repeated entries."
            )
        lookup = {v: i for i, v in enumerate(order_list)}
        unknown = sorted({repr(v) for v in present if v not in lookup})
        if unknown:
            raise FramingError(
                f"krippendorff_alpha expected every value to appear in `order` {order_list!r}; "
                f"these do not: {', '.join(unknown[:10])}. Add them to `order` or recode the data."
            )
        codes = np.fromiter((lookup[v] for v in present), dtype=np.int64, count=len(present))
        used = np.unique(codes)
        remap = np.full(len(order_list), -1, dtype=np.int64)
        remap[used] = np.arange(len(used))
        return remap[codes], np.asarray([order_list[i] for i in used], dtype=object)
    # ordinal or interval without an explicit order: values must be numbers
    try:
        numeric = pd.to_numeric(pd.Series(present, dtype=object), errors="raise").to_numpy(dtype=float)
    except (ValueError, TypeError):
        sample = sorted({repr(v) for v in present})[:5]
        raise FramingError(
            f"krippendorff_alpha(level={level!r}) expected numeric values; got non-numeric values "
            f"such as {', '.join(sample)}. Recode the categories as numbers"
            + (", or pass order=[...] listing them from low to high." if level == "ordinal" else ".")
        ) from None
    cats, codes = np.unique(numeric, return_inverse=True)
    return codes.ravel(), cats


def _coincidences(matrix: np.ndarray, level: str, order: Sequence[Any] | None):
    """Coincidence matrix o_ck over pairable units, and the category values."""
    missing = _missing_mask(matrix)
    coder_idx, unit_idx = np.nonzero(~missing)
    present = matrix[coder_idx, unit_idx]
    if present.size == 0:
        raise FramingError(
            "krippendorff_alpha expected some coded values; every cell is missing. "
            "Check that the table holds the codes and that missing values are NaN/None only."
        )
    codes, cats = _category_codes(present, level, order)
    n_units = matrix.shape[1]
    counts = np.zeros((n_units, len(cats)), dtype=float)
    np.add.at(counts, (unit_idx, codes), 1.0)
    m_u = counts.sum(axis=1)
    pairable = m_u >= 2
    if not pairable.any():
        raise FramingError(
            "krippendorff_alpha expected at least one unit coded by 2 or more coders; none is "
            f"(the table has {n_units} units and {matrix.shape[0]} coders). Alpha needs units "
            "that several coders coded: add overlapping codings."
        )
    counts = counts[pairable]
    weights = 1.0 / (m_u[pairable] - 1.0)
    # o_ck = sum_u n_uc * (n_uk - [c == k]) / (m_u - 1)
    o = (counts * weights[:, None]).T @ counts
    o -= np.diag((counts * weights[:, None]).sum(axis=0))
    return o, cats


def _delta2(cats: np.ndarray, n_c: np.ndarray, level: str) -> np.ndarray:
    """Squared difference function delta^2_ck for the given level of measurement."""
    k = len(cats)
    if level == "nominal":
        return 1.0 - np.eye(k)
    if level == "interval":
        values = cats.astype(float)
        return (values[:, None] - values[None, :]) ** 2
    # ordinal: (sum_{g=c}^{k} n_g - (n_c + n_k) / 2)^2, categories in rank order
    cum = np.concatenate([[0.0], np.cumsum(n_c)])
    lo = np.minimum.outer(np.arange(k), np.arange(k))
    hi = np.maximum.outer(np.arange(k), np.arange(k))
    span = cum[hi + 1] - cum[lo]
    return (span - (n_c[:, None] + n_c[None, :]) / 2.0) ** 2


def krippendorff_alpha(
    data: pd.DataFrame | np.ndarray | Sequence[Sequence[Any]],
    *,
    level: str = "nominal",
    order: Sequence[Any] | None = None,
) -> float:
    """Krippendorff's alpha for any number of coders, with missing values.

    Follows the coincidence-matrix computation of Krippendorff (2011),
    "Computing Krippendorff's Alpha-Reliability":
    ``alpha = 1 - (n - 1) * sum(o_ck * d2_ck) / sum(n_c * n_k * d2_ck)``.

    Parameters
    ----------
    data : DataFrame, array-like
        Either

        * a *reliability matrix* of shape (coders, units): one row per coder,
          one column per unit, missing codings as NaN / None / ``pd.NA``; or
        * a *long* DataFrame with columns ``unit``, ``coder`` and ``value``
          (one row per coding; other columns are ignored; a missing ``value``
          counts as not coded). A DataFrame is read as long whenever it has
          those three columns.

        Units with fewer than two values are not pairable and are dropped.
    level : {"nominal", "ordinal", "interval"}
        Level of measurement, which sets the difference function.
        ``ordinal`` and ``interval`` need numeric values (``ordinal`` also
        accepts labels when ``order`` is given).
    order : sequence, optional
        For ``level="ordinal"``: the categories from lowest to highest, for
        non-numeric labels. Ignored by the ranking for ``nominal``, but every
        value must still appear in it.

    Returns
    -------
    float
        Alpha. It is ``nan`` when all pairable values fall into one category:
        the expected disagreement is then zero and alpha is undefined (0/0).
        (NLTK's ``AnnotationTask.alpha`` returns 1 in that case.)

    Raises
    ------
    FramingError
        For an unknown level, a table that is not 2-D or has fewer than two
        coders, duplicate codings in long form, non-numeric values at the
        ordinal/interval level, or when no unit has two or more values.

    Examples
    --------
    >>> import numpy as np
    >>> data = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    ...         [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]
    >>> round(krippendorff_alpha(data), 3)
    0.095
    >>> round(krippendorff_alpha([[1, 2, np.nan], [1, 2, 3]]), 3)
    1.0
    """
    check_choice("level (the level of measurement of your codes)", level, _LEVELS)
    if level == "interval" and order is not None:
        raise FramingError(
            "krippendorff_alpha(level='interval') expected numeric values and no `order`; got "
            f"order={list(order)!r}. Drop `order`: it only applies to level='ordinal' or 'nominal'."
        )
    matrix = _as_matrix(data)
    o, cats = _coincidences(matrix, level, order)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    d2 = _delta2(cats, n_c, level)
    expected = float((np.outer(n_c, n_c) * d2).sum())
    if expected == 0.0:
        return float("nan")
    observed = float((o * d2).sum())
    return float(1.0 - (float(n) - 1.0) * observed / expected)


# ---------------------------------------------------------------------------
# Cohen's kappa
# ---------------------------------------------------------------------------


def _as_labels(values: Any, name: str) -> np.ndarray:
    if isinstance(values, (str, bytes)) or np.ndim(values) == 0:
        raise FramingError(
            f"expected `{name}` to be a sequence of labels (list, array or Series); got "
            f"{type(values).__name__}. Pass one label per item."
        )
    arr = np.asarray(values, dtype=object)
    if arr.ndim != 1:
        raise FramingError(
            f"expected `{name}` to be 1-D (one label per item); got shape {arr.shape}. "
            "Pass a single column of labels."
        )
    return arr


def _paired(a: Any, b: Any, name_a: str = "a", name_b: str = "b") -> tuple[np.ndarray, np.ndarray, int]:
    """Return the complete pairs of two label sequences and how many pairs were dropped."""
    if isinstance(a, pd.Series) and isinstance(b, pd.Series) and not a.index.equals(b.index):
        raise FramingError(
            f"expected `{name_a}` and `{name_b}` to share the same index (one row per item); "
            "their indexes differ. Align them first, e.g. b = b.reindex(a.index), or pass lists."
        )
    x = _as_labels(a, name_a)
    y = _as_labels(b, name_b)
    if len(x) != len(y):
        raise FramingError(
            f"expected `{name_a}` and `{name_b}` to have the same length (one label per item from "
            f"each coder); got {len(x)} and {len(y)}. Pass the two codings of the same items."
        )
    keep = ~(_missing_mask(x) | _missing_mask(y))
    return x[keep], y[keep], int((~keep).sum())


def cohen_kappa(
    a: Sequence[Any] | np.ndarray | pd.Series,
    b: Sequence[Any] | np.ndarray | pd.Series,
    *,
    labels: Sequence[Any] | None = None,
) -> float:
    """Cohen's kappa between two coders' nominal labels.

    ``kappa = (p_o - p_e) / (1 - p_e)`` with ``p_o`` the observed proportion
    of agreement and ``p_e = sum_c p_a(c) * p_b(c)`` the agreement expected
    from each coder's own marginal distribution (Cohen 1960).

    Parameters
    ----------
    a, b : sequence
        Labels given by the two coders to the same items, in the same order
        (equal lengths). Items where either label is missing (NaN / None /
        ``pd.NA``) are dropped pairwise before computing kappa.
    labels : sequence, optional
        The admissible categories. When given, a label outside it raises an
        error (this catches typos such as ``"Yes"`` vs ``"yes"``).

    Returns
    -------
    float
        Kappa; ``nan`` when ``p_e == 1`` (both coders used one and the same
        category for every item, so kappa is 0/0).

    Raises
    ------
    FramingError
        If lengths differ, no complete pair remains, or a label is not in
        ``labels``.

    Examples
    --------
    >>> cohen_kappa(["y", "y", "n", "n"], ["y", "n", "n", "n"])
    0.5
    """
    x, y, _ = _paired(a, b)
    if len(x) == 0:
        raise FramingError(
            "cohen_kappa expected at least one item labelled by both coders; after dropping pairs "
            "with a missing label none remains. Check that both sequences hold labels for the same items."
        )
    if labels is not None:
        allowed = set(labels)
        unknown = sorted({repr(v) for v in np.concatenate([x, y]) if v not in allowed})
        if unknown:
            raise FramingError(
                f"cohen_kappa expected labels among {sorted(map(repr, allowed))}; got also "
                f"{', '.join(unknown[:10])}. Recode those labels or add them to `labels`."
            )
    codes, _cats = pd.factorize(pd.Series(np.concatenate([x, y]), dtype=object))
    k = int(codes.max()) + 1
    n = len(x)
    table = np.zeros((k, k), dtype=float)
    np.add.at(table, (codes[:n], codes[n:]), 1.0)
    table /= n
    p_o = float(np.trace(table))
    p_e = float(table.sum(axis=1) @ table.sum(axis=0))
    if np.isclose(p_e, 1.0):
        return float("nan")
    return (p_o - p_e) / (1.0 - p_e)


# ---------------------------------------------------------------------------
# table
# ---------------------------------------------------------------------------


def _agreement_row(group: Any, x: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    x2, y2, dropped = _paired(x, y)
    n = len(x2)
    row: dict[str, Any] = {"group": group, "n": n, "n_missing": dropped}
    if n == 0:
        row.update(percent_agreement=np.nan, cohen_kappa=np.nan, krippendorff_alpha=np.nan)
        return row
    row["percent_agreement"] = 100.0 * float(np.mean([u == v for u, v in zip(x2, y2)]))
    row["cohen_kappa"] = cohen_kappa(x2, y2)
    row["krippendorff_alpha"] = krippendorff_alpha(np.vstack([x2, y2]))
    return row


def agreement_table(
    gold: Sequence[Any] | pd.Series,
    other: Sequence[Any] | pd.Series,
    *,
    by: Sequence[Any] | pd.Series | None = None,
    total: bool = True,
) -> pd.DataFrame:
    """Agreement between two label columns, overall and optionally per group.

    Parameters
    ----------
    gold, other : sequence or Series
        Nominal labels for the same items, in the same order (two Series must
        share their index). Pairs with a missing label are dropped and counted
        in ``n_missing``.
    by : sequence or Series, optional
        A group label per item (e.g. the language of each article). Items with
        a missing group are left out of the per-group rows but kept in the
        total row.
    total : bool
        With ``by``, add a last row with ``group == "(all)"`` over all items.

    Returns
    -------
    DataFrame
        Columns ``group, n, n_missing, percent_agreement, cohen_kappa,
        krippendorff_alpha``: ``n`` complete pairs, percent agreement in
        0-100, and the two chance-corrected coefficients (nominal level;
        ``nan`` where undefined, see :func:`cohen_kappa` and
        :func:`krippendorff_alpha`). Without ``by`` there is one row,
        ``group == "(all)"``. Groups are sorted.

    Examples
    --------
    >>> t = agreement_table(["a", "a", "b", "b"], ["a", "b", "b", "b"], by=["en", "en", "fr", "fr"])
    >>> t["n"].tolist()
    [2, 2, 4]
    """
    x = _as_labels(gold, "gold")
    y = _as_labels(other, "other")
    _paired(gold, other, "gold", "other")  # validates lengths and index alignment
    rows = []
    if by is not None:
        if isinstance(by, pd.Series) and isinstance(gold, pd.Series) and not by.index.equals(gold.index):
            raise FramingError(
                "agreement_table expected `by` to share the index of `gold`; the indexes differ. "
                "Align it first, e.g. by = by.reindex(gold.index)."
            )
        groups = _as_labels(by, "by")
        if len(groups) != len(x):
            raise FramingError(
                f"agreement_table expected `by` to hold one group per item ({len(x)}); got "
                f"{len(groups)}. Pass the group column of the same items."
            )
        has_group = ~_missing_mask(groups)
        for g in sorted(pd.unique(groups[has_group]), key=lambda v: (str(type(v)), v)):
            mask = has_group & (groups == g)
            rows.append(_agreement_row(g, x[mask], y[mask]))
    if by is None or total:
        rows.append(_agreement_row("(all)", x, y))
    columns = ["group", "n", "n_missing", "percent_agreement", "cohen_kappa", "krippendorff_alpha"]
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------------------
# two codings of the same sentences
# ---------------------------------------------------------------------------

_EMPTY = "(empty)"


def coder_agreement(
    first: pd.DataFrame,
    second: pd.DataFrame,
    *,
    fields: Sequence[str] = ("label", "speaker_side", "speaker"),
    by: pd.Series | None = None,
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Krippendorff's alpha between two independent codings, with article-bootstrap intervals.

    The procedure of the codebook (section 7): the sentence is the unit, each
    field is nominal, and an empty field (no speaker) is a category of its
    own. The interval resamples whole *articles* with replacement, since the
    sentences of one article are not independent.

    Parameters
    ----------
    first, second : DataFrame
        Codings with columns ``doc_id``, ``sent_id`` and each of ``fields``,
        one row per sentence. Both must code exactly the same sentences.
    fields : sequence of str
        The coded columns to compare.
    by : Series, optional
        A group per article (index ``doc_id``), e.g. the language. Adds one
        set of rows per group beside the ``(all)`` rows.
    n_boot : int
        Bootstrap resamples of articles (0 for no interval).
    ci : float
        Coverage of the percentile interval.
    seed : int
        Seed of the resampling.

    Returns
    -------
    DataFrame
        Columns ``group, field, metric, value, low, high, n, n_articles``
        with ``metric == "krippendorff_alpha"``; ``n`` counts sentences.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["x", "x", "y"], "sent_id": [0, 1, 0],
    ...                   "label": ["none", "france", "kremlin"]})
    >>> coder_agreement(a, a, fields=["label"], n_boot=0)["value"].tolist()
    [1.0]
    """
    keys = ["doc_id", "sent_id"]
    for name, frame in (("first", first), ("second", second)):
        missing = [c for c in [*keys, *fields] if c not in frame]
        if missing:
            raise FramingError(
                f"coder_agreement expected columns {', '.join([*keys, *fields])} in the {name} coding; "
                f"missing {', '.join(missing)}. Pass codings in the gold-file layout (CODEBOOK.md, section 6)."
            )
        duplicated = frame[frame.duplicated(keys)]
        if not duplicated.empty:
            row = duplicated.iloc[0]
            raise FramingError(
                f"coder_agreement expected one row per sentence in the {name} coding; sentence "
                f"{row['doc_id']}/{row['sent_id']} occurs more than once. Remove the duplicate rows."
            )
    pair = first[[*keys, *fields]].merge(second[[*keys, *fields]], on=keys, how="outer",
                                         suffixes=("_a", "_b"), indicator=True)
    unpaired = pair[pair["_merge"] != "both"]
    if not unpaired.empty:
        row = unpaired.iloc[0]
        side = "first" if row["_merge"] == "left_only" else "second"
        raise FramingError(
            f"coder_agreement expected both codings to cover the same sentences; {len(unpaired)} are "
            f"coded only once, e.g. {row['doc_id']}/{row['sent_id']} only in the {side}. "
            "Code every sentence of the sampled articles in both codings."
        )
    groups: list[tuple[str, pd.DataFrame]] = [("(all)", pair)]
    if by is not None:
        group_of = pair["doc_id"].map(by)
        for g in sorted(group_of.dropna().unique()):
            groups.append((str(g), pair[group_of == g]))
    rng = np.random.default_rng(seed)
    rows = []
    for group, part in groups:
        docs = part["doc_id"].unique()
        for field in fields:
            a = part[f"{field}_a"].fillna("").astype(str).replace("", _EMPTY).to_numpy()
            b = part[f"{field}_b"].fillna("").astype(str).replace("", _EMPTY).to_numpy()
            value = krippendorff_alpha(np.vstack([a, b]))
            low = high = float("nan")
            if n_boot and len(docs) > 1:
                low, high = _article_interval(part["doc_id"].to_numpy(), a, b, docs, n_boot, ci, rng)
            rows.append({"group": group, "field": field, "metric": "krippendorff_alpha", "value": value,
                         "low": low, "high": high, "n": len(part), "n_articles": len(docs)})
    return pd.DataFrame(rows, columns=["group", "field", "metric", "value", "low", "high", "n", "n_articles"])


def _article_interval(doc: np.ndarray, a: np.ndarray, b: np.ndarray, docs: np.ndarray, n_boot: int,
                      ci: float, rng: np.random.Generator) -> tuple[float, float]:
    rows_of = {d: np.flatnonzero(doc == d) for d in docs}
    values = []
    for _ in range(n_boot):
        take = np.concatenate([rows_of[d] for d in rng.choice(docs, size=len(docs), replace=True)])
        alpha = krippendorff_alpha(np.vstack([a[take], b[take]]))
        if not np.isnan(alpha):
            values.append(alpha)
    if not values:
        return float("nan"), float("nan")
    tail = (1.0 - ci) / 2.0 * 100.0
    return float(np.percentile(values, tail)), float(np.percentile(values, 100.0 - tail))
