"""Measure a method against the gold annotations: sentence labels and article measures.

A *method* is anything that labels sentences with the study's accounts: the
lexicon (:func:`lexicon_labels`), a classifier, or a second human coder.
Labels are a side id, ``both`` (more than one side) or ``none``.
:func:`evaluate` compares them with the gold at two levels:

- sentences: precision, recall and F1 per label, and macro-F1;
- articles: accuracy of each side's presence and of primacy, with the
  article measures computed from either set of labels in the same way
  (:func:`framing.score_marks`).

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

__all__ = ["GOLD_COLUMNS", "read_gold", "lexicon_labels", "label_marks", "evaluate", "check_gold"]

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
