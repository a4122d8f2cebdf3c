"""Measure a method against the gold annotations: sentence labels and article measures.

A *method* is anything that labels sentences with the study's accounts: the
lexicon (:func:`lexicon_labels`), a classifier, or a second human coder.
Labels are a side id, ``both`` (more than one side) or ``none``.
:func:`evaluate` compares them with the gold at two levels:

- sentences: precision, recall and F1 per label, and macro-F1;
- articles: accuracy of each side's presence and of primacy, with the
  article measures computed from either set of labels in the same way
  (:func:`framing.score_marks`);
- continuous measures (:func:`measure_agreement`): salience, prominence and
  balance against the same measures computed from the gold
  (:func:`gold_scores`), as Pearson and Spearman r, MAE and bias with
  bootstrap intervals.

Every figure is given overall and per group (language, split).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import FramingError
from .scoring import carriers, score_marks
from .study import Study

__all__ = ["GOLD_COLUMNS", "AGREEMENT_METRICS", "read_gold", "lexicon_labels", "label_marks", "evaluate", "check_gold",
           "gold_scores", "measure_agreement"]

GOLD_COLUMNS = ["doc_id", "sent_id", "part", "start", "end", "text", "label", "speaker", "speaker_side", "note"]


def read_gold(path: str | Path, *, study: Study | None = None) -> pd.DataFrame:
    """Read a gold annotation file and check its labels.

    Raises
    ------
    FramingError
        For a missing column, a duplicate (doc_id, sent_id), or a label or
        speaker side that is not a side id, ``both``, ``none`` (labels) or
        ``other`` (speaker sides). The message names the file and rows.
    """
    path = Path(path)
    gold = pd.read_csv(path, dtype={"doc_id": str, "label": str, "speaker": str, "speaker_side": str,
                                    "note": str}, keep_default_na=False)
    missing = [c for c in GOLD_COLUMNS[:7] if c not in gold]
    if missing:
        raise FramingError(f"{path}: missing column(s) {', '.join(missing)}; a gold file has "
                           f"{', '.join(GOLD_COLUMNS)}.")
    dup = gold.duplicated(["doc_id", "sent_id"], keep=False)
    if dup.any():
        rows = ", ".join(str(i + 2) for i in gold.index[dup][:5])
        raise FramingError(f"{path}: the same (doc_id, sent_id) appears twice (lines {rows}); "
                           "code each sentence once.")
    if study is not None:
        allowed = set(study.side_ids) | {"both", "none"}
        bad = ~gold["label"].isin(allowed)
        if bad.any():
            i = gold.index[bad][0]
            raise FramingError(f"{path}: line {i + 2}: label {gold.loc[i, 'label']!r} is not one of "
                               f"{', '.join(sorted(allowed))}.")
        sides = set(study.side_ids) | {"other", ""}
        bad = ~gold["speaker_side"].isin(sides)
        if bad.any():
            i = gold.index[bad][0]
            raise FramingError(f"{path}: line {i + 2}: speaker_side {gold.loc[i, 'speaker_side']!r} is "
                               f"not one of {', '.join(sorted(sides - {''}))} or empty.")
    return gold


def check_gold(gold: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Rows where the gold and the segmenter disagree (empty when they match).

    Returns the sentences missing from the gold, gold rows with no sentence,
    and rows whose offsets or text differ, with a ``problem`` column.
    """
    keys = ["doc_id", "sent_id"]
    merged = sentences[keys + ["start", "end", "text"]].merge(
        gold[keys + ["start", "end", "text"]], on=keys, how="outer", suffixes=("", "_gold"), indicator=True)
    problems = np.select(
        [merged["_merge"] == "left_only", merged["_merge"] == "right_only",
         (merged["start"] != merged["start_gold"]) | (merged["end"] != merged["end_gold"])
         | (merged["text"] != merged["text_gold"])],
        ["sentence not in the gold", "gold row with no sentence", "offsets or text differ"], default="")
    merged["problem"] = problems
    return merged[merged["problem"] != ""].drop(columns="_merge").reset_index(drop=True)


def lexicon_labels(sentences: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """Sentence labels from lexicon hits: the side carried, ``both`` or ``none``.

    Examples
    --------
    >>> labels = lexicon_labels(run.sentences, run.hits)  # doctest: +SKIP
    """
    marks = carriers(hits)
    sides = marks.groupby(["doc_id", "sent_id"])["side"].agg(lambda s: s.iloc[0] if len(s) == 1 else "both")
    labels = sentences[["doc_id", "sent_id"]].merge(sides.rename("label").reset_index(),
                                                    on=["doc_id", "sent_id"], how="left")
    labels["label"] = labels["label"].fillna("none").astype(str)
    return labels


def label_marks(labels: pd.DataFrame, study: Study, *, hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """Turn sentence labels into side marks (``both`` marks every side).

    With ``hits`` (the lexicon's, :func:`framing.match`) each mark also gets
    ``start``, the position of the side's first lexicon hit in that sentence
    (NaN when the lexicon found none of the side's words there). This is how
    the codebook's word-order rule for primacy (CODEBOOK.md §4.10) reaches
    sentence labels: when the first sentence with an account is ``both``,
    the account whose words come first in it has primacy; when the lexicon
    does not find words of every side in that sentence, primacy is ``both``
    (:func:`framing.score_marks`). Without ``hits`` such a tie is always
    ``both``.
    """
    rows = []
    for doc_id, sent_id, label in zip(labels["doc_id"], labels["sent_id"], labels["label"]):
        sides = study.side_ids if label == "both" else [label] if label in study.sides else []
        rows.extend((doc_id, sent_id, side) for side in sides)
    marks = pd.DataFrame(rows, columns=["doc_id", "sent_id", "side"])
    if hits is None:
        return marks
    first = carriers(hits).astype({"side": object})
    return marks.merge(first, on=["doc_id", "sent_id", "side"], how="left").astype({"start": float})


def evaluate(labels: pd.DataFrame, gold: pd.DataFrame, sentences: pd.DataFrame, study: Study, *,
             groups: pd.DataFrame | None = None, by: Sequence[str] = ("lang", "split"),
             hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """Compare a method's sentence labels with the gold, overall and per group.

    Gold primacy follows the codebook's word-order rule (CODEBOOK.md §4.10):
    when the first sentence with an account is labelled ``both``, the
    account whose words come first in it has primacy, as told by the
    lexicon's first hit of each side in that sentence (``hits``); when the
    lexicon does not find words of both sides there, or ``hits`` is not
    given, primacy is ``both``. The method's labels are read the same way.

    Parameters
    ----------
    labels, gold : DataFrame
        ``doc_id, sent_id, label`` for the method and for the gold.
    sentences : DataFrame
        The segmented sentences (for parts and article measures).
    study : Study
    groups : DataFrame, optional
        Article metadata with ``doc_id`` and the ``by`` columns (e.g. the corpus table).
    by : sequence of str
        Columns of ``groups`` to break results down by, one at a time and together.
    hits : DataFrame, optional
        The lexicon's hits on ``sentences`` (:func:`framing.match`), for the
        word-order rule of primacy (see :func:`label_marks`).

    Returns
    -------
    DataFrame
        One row per group and metric: ``group, level, metric, value, n``;
        ``level`` is ``sentence`` or ``article``.
    """
    keys = ["doc_id", "sent_id"]
    pair = gold[keys + ["label"]].merge(labels[keys + ["label"]], on=keys, how="inner",
                                        suffixes=("_gold", "_method"))
    if len(pair) < len(gold):
        raise FramingError(f"The method labelled {len(pair)} of {len(gold)} gold sentences; "
                           "label the same sentences as the gold (run it on the same corpus).")
    sents = sentences[sentences.set_index(keys).index.isin(pair.set_index(keys).index)]
    gold_scores = score_marks(sents, label_marks(gold, study, hits=hits), study, method="gold")
    method_scores = score_marks(sents, label_marks(labels, study, hits=hits), study, method="method")
    articles = gold_scores.merge(method_scores, on="doc_id", suffixes=("_gold", "_method"))

    meta = groups[["doc_id", *by]].drop_duplicates("doc_id") if groups is not None else None
    if meta is not None:
        pair = pair.merge(meta, on="doc_id", how="left")
        articles = articles.merge(meta, on="doc_id", how="left")
    results = [_metrics("all", pair, articles, study)]
    if meta is not None:
        for column in by:
            for value, part in pair.groupby(column, sort=True):
                results.append(_metrics(f"{column}={value}", part, articles[articles[column] == value], study))
        if len(by) > 1:
            for values, part in pair.groupby(list(by), sort=True):
                mask = np.logical_and.reduce([articles[c] == v for c, v in zip(by, values)])
                name = " & ".join(f"{c}={v}" for c, v in zip(by, values))
                results.append(_metrics(name, part, articles[mask], study))
    return pd.concat(results, ignore_index=True)


def _metrics(group: str, pair: pd.DataFrame, articles: pd.DataFrame, study: Study) -> pd.DataFrame:
    rows = []
    labels = [*study.side_ids, "both", "none"]
    f1s = []
    for label in labels:
        tp = int(((pair["label_gold"] == label) & (pair["label_method"] == label)).sum())
        n_pred = int((pair["label_method"] == label).sum())
        n_gold = int((pair["label_gold"] == label).sum())
        precision = tp / n_pred if n_pred else np.nan
        recall = tp / n_gold if n_gold else np.nan
        f1 = (2 * tp / (n_pred + n_gold)) if (n_pred + n_gold) else np.nan
        if n_gold:
            f1s.append(0.0 if np.isnan(f1) else f1)
        rows += [(group, "sentence", f"precision[{label}]", precision, n_pred),
                 (group, "sentence", f"recall[{label}]", recall, n_gold),
                 (group, "sentence", f"f1[{label}]", f1, n_gold)]
    rows.append((group, "sentence", "macro_f1", float(np.mean(f1s)) if f1s else np.nan, len(pair)))
    rows.append((group, "sentence", "accuracy", float((pair["label_gold"] == pair["label_method"]).mean())
                 if len(pair) else np.nan, len(pair)))
    n = len(articles)
    for side in study.side_ids:
        same = articles[f"{side}_presence_gold"] == articles[f"{side}_presence_method"]
        rows.append((group, "article", f"presence_accuracy[{side}]", float(same.mean()) if n else np.nan, n))
    same = articles["primacy_gold"] == articles["primacy_method"]
    rows.append((group, "article", "primacy_accuracy", float(same.mean()) if n else np.nan, n))
    return pd.DataFrame(rows, columns=["group", "level", "metric", "value", "n"])


# ---------------------------------------------------------------------------
# continuous measures against the gold
# ---------------------------------------------------------------------------

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

    from .intervals import _expanded_level, _resample_interval

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
                    lo, hi, _ = _resample_interval((x, y), func, interval="bca", level=_expanded_level(ci, len(x)),
                                                   n_boot=n_boot, rng=rng, paired=True)
                    low, high = float(lo), float(hi)
                rows.append((group, measure, metric, value, low, high, len(x)))
    return pd.DataFrame(rows, columns=["group", "label", "metric", "value", "low", "high", "n"])
