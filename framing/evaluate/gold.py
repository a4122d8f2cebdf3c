"""Sentence labels and reported speech against the gold: the P/R/F1 core, the gold table, :func:`evaluate`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import FramingError
from ..scoring import carriers, label_marks, score_marks
from ..study import Study

__all__ = ["GOLD_COLUMNS", "METRIC_COLUMNS", "DIFFICULTY_TAGS", "precision_recall_f1", "read_gold", "check_gold",
           "lexicon_labels", "label_marks", "evaluate", "evaluate_by_tag", "evaluate_quotes", "gold_tags"]

#: The long table of every method-against-gold metric with an interval.
METRIC_COLUMNS = ["group", "label", "metric", "value", "low", "high", "n"]

GOLD_COLUMNS = ["doc_id", "sent_id", "part", "start", "end", "text", "label", "speaker", "speaker_side", "note"]


def precision_recall_f1(tp, n_pred, n_gold):
    """Precision, recall and F1 from counts: the one core every evaluation uses.

    Works on numbers or arrays of the same shape; a measure with a zero
    denominator is NaN. F1 is ``2 tp / (n_pred + n_gold)``.

    Examples
    --------
    >>> precision_recall_f1(3, 4, 6)
    (0.75, 0.5, 0.6)
    """
    scalar = all(np.ndim(x) == 0 for x in (tp, n_pred, n_gold))
    tp, n_pred, n_gold = (np.asarray(x, dtype=float) for x in (tp, n_pred, n_gold))
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(n_pred > 0, tp / np.where(n_pred > 0, n_pred, 1), np.nan)
        recall = np.where(n_gold > 0, tp / np.where(n_gold > 0, n_gold, 1), np.nan)
        denominator = n_pred + n_gold
        f1 = np.where(denominator > 0, 2 * tp / np.where(denominator > 0, denominator, 1), np.nan)
    if scalar:
        return float(precision), float(recall), float(f1)
    return precision, recall, f1


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
    and rows whose offsets or text differ, with a ``problem`` column. Page
    furniture (``part == "furniture"``) is not article text and is not coded
    (CODEBOOK.md section 2), so the gold need not have it.
    """
    keys = ["doc_id", "sent_id"]
    if "part" in sentences:
        sentences = sentences[sentences["part"] != "furniture"]
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
        word-order rule of primacy (see :func:`framing.scoring.label_marks`).

    Returns
    -------
    DataFrame
        The long table :data:`METRIC_COLUMNS`, one row per group, label and
        metric: sentence ``precision``, ``recall`` and ``f1`` per label,
        ``macro_f1`` (label ``macro``) and ``accuracy`` (label ``all``);
        article ``presence_accuracy`` and ``presence_f1`` per side (an article
        carries the side or not), ``presence_macro_f1`` (label ``macro``, the
        mean over the sides present in the gold) and ``primacy_accuracy``
        (label ``all``). ``low`` and ``high`` are NaN (no intervals here;
        :func:`classification_metrics` has them).
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
        precision, recall, f1 = precision_recall_f1(tp, n_pred, n_gold)
        if n_gold:
            f1s.append(0.0 if np.isnan(f1) else f1)
        rows += [(group, label, "precision", precision, n_pred),
                 (group, label, "recall", recall, n_gold),
                 (group, label, "f1", f1, n_gold)]
    rows.append((group, "macro", "macro_f1", float(np.mean(f1s)) if f1s else np.nan, len(pair)))
    rows.append((group, "all", "accuracy", float((pair["label_gold"] == pair["label_method"]).mean())
                 if len(pair) else np.nan, len(pair)))
    n = len(articles)
    presence_f1s = []
    for side in study.side_ids:
        truth, found = articles[f"{side}_presence_gold"] == 1, articles[f"{side}_presence_method"] == 1
        rows.append((group, side, "presence_accuracy", float((truth == found).mean()) if n else np.nan, n))
        f1 = precision_recall_f1(int((truth & found).sum()), int(found.sum()), int(truth.sum()))[2]
        rows.append((group, side, "presence_f1", f1, int(truth.sum())))
        if truth.any():
            presence_f1s.append(0.0 if np.isnan(f1) else f1)
    rows.append((group, "macro", "presence_macro_f1", float(np.mean(presence_f1s)) if presence_f1s else np.nan, n))
    same = articles["primacy_gold"] == articles["primacy_method"]
    rows.append((group, "all", "primacy_accuracy", float(same.mean()) if n else np.nan, n))
    table = pd.DataFrame(rows, columns=["group", "label", "metric", "value", "n"])
    return table.assign(low=np.nan, high=np.nan)[METRIC_COLUMNS]


#: The gold's tags (CODEBOOK.md section 6) that mark sentences hard by design.
DIFFICULTY_TAGS = ("paraphrase", "context", "negation", "weak-link", "irony", "scare-quotes", "question",
                   "gesture-word")


def gold_tags(note: str) -> list[str]:
    """The codebook tags at the start of a gold ``note`` (``"negation; free text"`` gives ``["negation"]``).

    Examples
    --------
    >>> gold_tags("weak-link; context; the 'amid' clause")
    ['weak-link', 'context']
    """
    tags = []
    for piece in str(note or "").split(";"):
        word = piece.strip()
        if word in DIFFICULTY_TAGS or word in ("inherited-speaker", "seg-error"):
            tags.append(word)
    return tags


def evaluate_by_tag(labels: pd.DataFrame, gold: pd.DataFrame, *, groups: pd.DataFrame | None = None,
                    by: str | None = "split", tags: Sequence[str] = DIFFICULTY_TAGS) -> pd.DataFrame:
    """How often a method gets the gold label of sentences the coders tagged as hard, per tag.

    So that "hard by design" and "missed" can be told apart: a method that
    fails mostly on ``paraphrase`` sentences misses what no word list can
    catch; one that fails on untagged sentences misses plain wording.

    Parameters
    ----------
    labels, gold : DataFrame
        ``doc_id, sent_id, label``; the gold also has ``note``.
    groups : DataFrame, optional
        ``doc_id`` and the ``by`` column (e.g. the corpus table) to break
        results down by.
    by : str, optional
        A column of ``groups``.
    tags : sequence of str
        The tags to report; ``(untagged)`` is added for sentences with none.

    Returns
    -------
    DataFrame
        :data:`METRIC_COLUMNS` with ``label`` the tag, ``metric ==
        "accuracy"`` (share of the tagged sentences labelled as the gold
        does) and ``n`` the tagged sentences; ``group`` is ``all`` or
        ``<by>=<value>``.

    Examples
    --------
    >>> evaluate_by_tag(lexicon_labels(run.sentences, run.hits), gold)  # doctest: +SKIP
    """
    keys = ["doc_id", "sent_id"]
    pair = gold[[*keys, "label", "note"]].merge(labels[[*keys, "label"]], on=keys, suffixes=("_gold", "_method"))
    pair["tags"] = pair["note"].map(gold_tags)
    pair["right"] = pair["label_gold"] == pair["label_method"]
    parts = [("all", pair)]
    if groups is not None and by is not None:
        pair = pair.merge(groups[["doc_id", by]].drop_duplicates("doc_id"), on="doc_id", how="left")
        parts = [("all", pair)] + [(f"{by}={v}", p) for v, p in pair.groupby(by, sort=True)]
    rows = []
    for group, part in parts:
        for tag in [*tags, "(untagged)"]:
            has = part["tags"].map(lambda t: not [x for x in t if x in tags]) if tag == "(untagged)" \
                else part["tags"].map(lambda t, tag=tag: tag in t)
            chosen = part[has.astype(bool)]
            if len(chosen):
                rows.append((group, tag, "accuracy", float(chosen["right"].mean()), len(chosen)))
    table = pd.DataFrame(rows, columns=["group", "label", "metric", "value", "n"])
    return table.assign(low=np.nan, high=np.nan)[METRIC_COLUMNS]


def evaluate_quotes(quotes: pd.DataFrame, gold: pd.DataFrame, sentences: pd.DataFrame,
                    articles: pd.DataFrame, *, by: Sequence[str] = ("lang", "split")) -> pd.DataFrame:
    """Reported-speech detection and speaker side against the gold, overall and per group.

    A gold sentence has reported speech when its ``speaker`` is not empty; a
    sentence is predicted to have it when it overlaps a row of ``quotes``.
    Where both say so, the predicted side is that of the first such row in
    reading order (the codebook's "first speaker") and is compared with
    ``speaker_side``.

    Parameters
    ----------
    quotes : DataFrame
        From :func:`find_quotes`.
    gold : DataFrame
        From :func:`framing.evaluate.read_gold`.
    sentences : DataFrame
        From :func:`framing.segment`; must match the gold's sentences.
    articles : DataFrame
        Gives the ``by`` columns per ``doc_id``.
    by : sequence of str
        Group by each column alone and by all together (``lang=en & split=dev``).

    Returns
    -------
    DataFrame
        :data:`METRIC_COLUMNS` (``low``/``high`` are NaN: no intervals
        yet), label ``speech`` with metrics ``precision`` (``n`` =
        sentences predicted), ``recall`` (``n`` = gold sentences with
        speech), ``f1`` (``n`` = sentences) and ``side_accuracy`` (``n`` =
        sentences where both have speech) with label ``side``.

    Examples
    --------
    >>> table = evaluate_quotes(quotes, gold, run.sentences, articles)  # doctest: +SKIP
    >>> table.pivot(index="group", columns="metric", values="value")  # doctest: +SKIP
    """
    keys = ["doc_id", "sent_id"]
    missing = {"doc_id", "sent_id", "speaker", "speaker_side"} - set(gold.columns)
    if missing:
        raise FramingError(f"evaluate_quotes needs a gold table with {sorted(missing)}; "
                           "read it with framing.evaluate.read_gold.")
    absent = [c for c in by if c not in articles.columns]
    if absent:
        raise FramingError(f"evaluate_quotes: the articles table has no column(s) {absent} to group by; "
                           f"its columns are {', '.join(articles.columns)}.")
    sents = sentences[keys + ["part", "start", "end"]].merge(gold[keys + ["speaker", "speaker_side"]],
                                                             on=keys, how="inner")
    if len(sents) < len(gold):
        raise FramingError(f"Only {len(sents)} of {len(gold)} gold sentences are in the sentences table; "
                           "segment the same corpus the gold was coded on.")
    index: dict[tuple, list[tuple[int, int, str]]] = {}
    for doc_id, sent_id, start, end, side in zip(quotes["doc_id"], quotes["sent_id"], quotes["start"],
                                                 quotes["end"], quotes["side"]):
        index.setdefault((doc_id, int(sent_id) == 0), []).append((int(start), int(end), str(side)))
    predicted, sides = [], []
    for doc_id, part, start, end in zip(sents["doc_id"], sents["part"], sents["start"], sents["end"]):
        over = sorted((a, b, s) for a, b, s in index.get((doc_id, part == "headline"), ()) if a < end and b > start)
        predicted.append(bool(over))
        sides.append(over[0][2] if over else "")
    sents["predicted"] = predicted
    sents["predicted_side"] = sides
    sents["gold_speech"] = sents["speaker"].fillna("").astype(str).str.len() > 0
    meta = articles[["doc_id", *by]].drop_duplicates("doc_id")
    sents = sents.merge(meta, on="doc_id", how="left")
    results = [_speech_metrics("all", sents)]
    for column in by:
        for value, part in sents.groupby(column, sort=True):
            results.append(_speech_metrics(f"{column}={value}", part))
    if len(by) > 1:
        for values, part in sents.groupby(list(by), sort=True):
            results.append(_speech_metrics(" & ".join(f"{c}={v}" for c, v in zip(by, values)), part))
    out = pd.DataFrame([r for block in results for r in block], columns=METRIC_COLUMNS)
    return out.astype({"value": "float64", "low": "float64", "high": "float64", "n": "int64"})


def _speech_metrics(group: str, sents: pd.DataFrame) -> list[tuple]:
    pred, gold = sents["predicted"], sents["gold_speech"]
    tp = int((pred & gold).sum())
    n_pred, n_gold = int(pred.sum()), int(gold.sum())
    precision, recall, f1 = precision_recall_f1(tp, n_pred, n_gold)
    both = sents[pred & gold]
    accuracy = float((both["predicted_side"] == both["speaker_side"]).mean()) if len(both) else np.nan
    nan = np.nan
    return [(group, "speech", "precision", precision, nan, nan, n_pred),
            (group, "speech", "recall", recall, nan, nan, n_gold),
            (group, "speech", "f1", f1, nan, nan, len(sents)),
            (group, "side", "side_accuracy", accuracy, nan, nan, len(both))]


