"""Supervised sentence classifiers for the accounts, evaluated honestly against the gold and the lexicon.

A classifier labels each sentence with a side id, ``both`` or ``none``, like
:func:`framing.evaluate.lexicon_labels` does from lexicon hits, so the two
methods are compared on the same footing:

- :func:`make_classifier`: a scikit-learn pipeline, TF-IDF over words and
  character n-grams (``char_wb``, which works across English, French and
  Russian), optionally with lexicon counts (:class:`LexiconCounts`), and
  logistic regression (default), a linear SVM or multinomial naive Bayes;
- :func:`training_table`: the gold as ``doc_id, sent_id, text, label, lang,
  split`` (X is ``text``, y is ``label``, the groups are ``doc_id``);
- :func:`cross_validate`: out-of-fold labels with folds of whole articles
  (:func:`group_folds`), so no sentence of a test article is trained on;
  :func:`holdout_predict` trains on the dev split and labels the test split;
- :func:`classification_metrics`: per-label precision, recall, F1 and
  macro-F1 with intervals from a cluster bootstrap over articles;
  :func:`confusion_table`; :func:`learning_curve`;
- :func:`method_metrics`, :func:`compare_methods`, :func:`method_agreement`,
  :func:`comparison_table`, :func:`disagreements`: lexicon vs classifier vs gold;
- :func:`top_features`, :func:`explain_sentence`: what a linear model learnt;
- :func:`classifier_labels`, :func:`score_with_model`: sentence labels and
  article measures in the schema of the lexicon scores (``method ==
  "classifier"``).

Save and load fitted models with :mod:`framing.models` (skops, never pickle).
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterator, Mapping, Sequence
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin, clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted, validate_data

from .errors import FramingError, LexiconError, check_choice
from .evaluate import check_gold, evaluate
from .lexicon import Lexicon
from .pipeline import analyse, classifier_labels
from .reliability import agreement_table
from .study import Study

__all__ = [
    "KINDS",
    "LexiconCounts",
    "make_classifier",
    "study_dictionary",
    "training_table",
    "training_data_hash",
    "group_folds",
    "cross_validate",
    "holdout_predict",
    "classification_metrics",
    "confusion_table",
    "learning_curve",
    "method_metrics",
    "compare_methods",
    "method_agreement",
    "comparison_table",
    "evaluate_methods",
    "disagreements",
    "top_features",
    "explain_sentence",
    "classifier_labels",
    "score_with_model",
]

#: The classifier kinds :func:`make_classifier` builds.
KINDS = ("logreg", "svm", "nb")

_KEYS = ["doc_id", "sent_id"]
_EXTRA_LABELS = ("both", "none")

#: Checks of scikit-learn's suite that cannot apply to :class:`LexiconCounts`, with the reason
#: (pass to ``parametrize_with_checks(..., expected_failed_checks=...)``).
_EXPECTED_FAILED_CHECKS = {
    "check_fit1d": "a text transformer's natural input is 1-D, one text per row; "
                   "the check requires fitting on 1-D input to raise",
}


# ---------------------------------------------------------------------------
# features and models
# ---------------------------------------------------------------------------


class LexiconCounts(TransformerMixin, BaseEstimator):
    """Count the matches of each lexicon category in each text.

    Parameters
    ----------
    lexicon : mapping of str to sequence of str
        Category name to patterns (the syntax of :class:`framing.Lexicon`);
        compiled in :meth:`fit`. :func:`study_dictionary` gives one for a
        whole multilingual study.

    Attributes
    ----------
    lexicon_ : dict of str to list of str
        The validated copy of ``lexicon`` that was compiled.
    categories_ : ndarray of str
        The output columns, in the lexicon's category order.
    n_features_in_ : int
        Number of columns of ``X`` seen in fit, when ``X`` was a 2-D table.

    Notes
    -----
    ``X`` is a sequence of texts (a list, a 1-D array or a Series), or a
    2-D table whose cells are text fields of the same row (e.g. headline
    and text), joined with a space. Every item is read as text with
    ``str``; a missing item (None, NaN) is an error.

    Examples
    --------
    >>> counts = LexiconCounts({"kremlin": ["program*"], "france": ["war crime*", "Aleppo"]})
    >>> counts.fit_transform(["Not in the programme.", "War crimes in Aleppo"]).tolist()
    [[1.0, 0.0], [0.0, 2.0]]
    """

    def __init__(self, lexicon: Mapping[str, Sequence[str]] | None = None) -> None:
        self.lexicon = lexicon

    def fit(self, X, y=None):
        """Check ``X`` and compile the lexicon; returns ``self``."""
        self._texts(X, reset=True)
        if self.lexicon is None:
            raise LexiconError("LexiconCounts needs a lexicon: a mapping of category names to "
                               "patterns, e.g. LexiconCounts(study_dictionary(study)).")
        if not isinstance(self.lexicon, Mapping) or not self.lexicon:
            raise LexiconError("LexiconCounts(lexicon=...) expects a non-empty mapping of category "
                               f"names to lists of patterns; got {type(self.lexicon).__name__}.")
        self.lexicon_ = {str(category): [patterns] if isinstance(patterns, str) else
                         [str(p) for p in patterns] for category, patterns in self.lexicon.items()}
        self._compiled = Lexicon(self.lexicon_)
        self.categories_ = np.asarray(self._compiled.categories, dtype=object)
        return self

    def transform(self, X) -> np.ndarray:
        """Per-category match counts, shape ``(n_texts, n_categories)``, float64."""
        check_is_fitted(self, "categories_")
        texts = self._texts(X, reset=False)
        lexicon = self._lexicon()
        column = {category: i for i, category in enumerate(self.categories_)}
        out = np.zeros((len(texts), len(column)), dtype=np.float64)
        for row, text in enumerate(texts):
            for match in lexicon.find(text):
                out[row, column[match.category]] += 1.0
        return out

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The category names (one output column each)."""
        check_is_fitted(self, "categories_")
        return np.asarray(self.categories_, dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = True
        tags.transformer_tags.preserves_dtype = []  # texts in, float64 counts out
        tags.requires_fit = True
        return tags

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_compiled", None)  # rebuilt from lexicon_; compiled matchers are not data
        return state

    def _lexicon(self) -> Lexicon:
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self._compiled = Lexicon(self.lexicon_)
        return compiled

    def _texts(self, X, *, reset: bool) -> list[str]:
        name = type(self).__name__
        if isinstance(X, str):
            raise ValueError(f"{name} expects a sequence of texts and got one string; "
                             "wrap it in a list: [text].")
        if sparse.issparse(X):
            raise TypeError(f"{name} reads texts; a sparse matrix is not supported. "
                            "Pass a list of texts or a dense table of text fields.")
        ndim = X.ndim if hasattr(X, "ndim") else np.ndim(np.asarray(X, dtype=object))
        if ndim == 2:
            if not reset and not hasattr(self, "n_features_in_"):
                raise ValueError(f"{name} was fitted on a sequence of texts (1-D) and got a 2-D "
                                 "table; pass the texts as one column.")
            table = validate_data(self, X, dtype=None, reset=reset)
            missing = pd.isna(pd.DataFrame(table)).to_numpy()
            if missing.any():
                row = int(np.argwhere(missing)[0][0])
                raise ValueError(f"{name}: row {row} has a missing text field (None or NaN); "
                                 "give every field a text ('' for an empty one).")
            return [" ".join(str(cell) for cell in row) for row in table]
        if ndim != 1:
            raise ValueError(f"{name} expects a sequence of texts (1-D) or a table of text fields "
                             f"(2-D); got {ndim}-D input.")
        if not reset and hasattr(self, "n_features_in_"):
            raise ValueError(f"{name} was fitted on a 2-D table with {self.n_features_in_} column(s) "
                             "and got 1-D input. Reshape your data to the table's columns.")
        items = X.to_numpy(dtype=object) if isinstance(X, pd.Series) else np.asarray(X, dtype=object)
        if reset:
            self.__dict__.pop("n_features_in_", None)
            self.__dict__.pop("feature_names_in_", None)
            if len(items) == 0:
                raise ValueError(f"{name} needs at least one text to fit; got an empty sequence.")
        missing = pd.isna(items)
        if missing.any():
            row = int(np.flatnonzero(missing)[0])
            raise ValueError(f"{name}: text {row} is missing (None or NaN); give every row a text "
                             "('' for an empty one).")
        return [str(item) for item in items]


def study_dictionary(study: Study) -> dict[str, list[str]]:
    """All of a study's lexicons as one mapping, patterns of every language per category.

    Categories keep the order in which they first appear (languages in the
    study's order); a pattern listed in several languages counts once.

    Examples
    --------
    >>> lexicon = study_dictionary(load_study("corpus/study.yaml"))  # doctest: +SKIP
    >>> model = make_classifier("logreg", lexicon=lexicon)  # doctest: +SKIP
    """
    merged: dict[str, list[str]] = {}
    for lang in study.lexicon_paths:
        for category, patterns in study.lexicon_dictionary(lang).items():
            bucket = merged.setdefault(category, [])
            bucket.extend(p for p in ([patterns] if isinstance(patterns, str) else patterns)
                          if p not in bucket)
    return merged


def make_classifier(kind: str = "logreg", *, seed: int = 0,
                    lexicon: Mapping[str, Sequence[str]] | Study | None = None,
                    word_ngram_range: tuple[int, int] = (1, 2),
                    char_ngram_range: tuple[int, int] = (2, 5), C: float = 10.0) -> Pipeline:
    """A sentence classifier: TF-IDF over words and characters, then a linear model.

    Parameters
    ----------
    kind : {"logreg", "svm", "nb"}
        Logistic regression (class_weight balanced), a linear SVM (class_weight
        balanced; it has ``decision_function`` but no probabilities) or
        multinomial naive Bayes.
    seed : int
        Seeds the model's solver where it uses randomness.
    lexicon : mapping or Study, optional
        Also count the matches of each lexicon category (:class:`LexiconCounts`);
        a Study gives :func:`study_dictionary`.
    word_ngram_range, char_ngram_range : (int, int)
        n-gram ranges of the word and ``char_wb`` TF-IDF features.
    C : float
        Inverse regularisation strength (logreg and svm); for naive Bayes
        the smoothing ``alpha`` is ``1 / C``.

    Returns
    -------
    Pipeline
        Steps ``features`` (a FeatureUnion of ``words``, ``chars`` and, with a
        lexicon, ``lexicon``) and ``classifier``.

    Examples
    --------
    >>> model = make_classifier("logreg", seed=0)
    >>> [name for name, _ in model.named_steps["features"].transformer_list]
    ['words', 'chars']
    """
    check_choice("kind", kind, KINDS)
    parts: list[tuple[str, object]] = [
        ("words", TfidfVectorizer(analyzer="word", ngram_range=tuple(word_ngram_range), sublinear_tf=True,
                                  token_pattern=r"(?u)\b\w+\b")),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(char_ngram_range), sublinear_tf=True,
                                  min_df=2)),
    ]
    if lexicon is not None:
        parts.append(("lexicon", LexiconCounts(study_dictionary(lexicon) if isinstance(lexicon, Study)
                                               else lexicon)))
    if kind == "logreg":
        classifier = LogisticRegression(C=C, class_weight="balanced", solver="newton-cg", max_iter=1000,
                                        random_state=seed)
    elif kind == "svm":
        classifier = LinearSVC(C=C / 10.0, class_weight="balanced", max_iter=20000, random_state=seed)
    else:
        classifier = MultinomialNB(alpha=1.0 / C)
    return Pipeline([("features", FeatureUnion(parts)), ("classifier", classifier)])


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------


def training_table(articles: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """The gold-labelled sentences as a training table.

    Parameters
    ----------
    articles : DataFrame
        The corpus (gives ``split``; without that column every article is ``"all"``).
    sentences : DataFrame
        From :func:`framing.segment` (gives ``text`` and ``lang``).
    gold : DataFrame
        From :func:`framing.evaluate.read_gold`. Every sentence of every
        article it codes must be coded, with the same text and offsets.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, part, text, label, lang, split``: X is ``text``,
        y is ``label`` and the groups for splitting are ``doc_id``.

    Raises
    ------
    FramingError
        When the gold and the segmented sentences disagree, or a gold
        article is not among ``articles``.

    Examples
    --------
    >>> table = training_table(articles, framing.segment(articles), gold)  # doctest: +SKIP
    >>> dev = table[table["split"] == "dev"]  # doctest: +SKIP
    """
    coded = gold["doc_id"].drop_duplicates()
    unknown = coded[~coded.isin(articles["doc_id"])]
    if len(unknown):
        raise FramingError(f"The gold codes {len(unknown)} article(s) that are not in the corpus, e.g. "
                           f"{unknown.iloc[0]!r}; pass the corpus the gold was coded on.")
    sents = sentences[sentences["doc_id"].isin(coded)]
    drift = check_gold(gold, sents)
    if len(drift):
        first = drift.iloc[0]
        raise FramingError(f"The gold does not match the segmented sentences in {len(drift)} row(s), e.g. "
                           f"{first['doc_id']} sentence {first['sent_id']}: {first['problem']}. Re-code "
                           "those sentences or restore the segmentation they were coded on.")
    meta = articles[["doc_id"]].copy()
    meta["split"] = articles["split"].astype(object).fillna("all") if "split" in articles else "all"
    table = sents[["doc_id", "sent_id", "part", "text", "lang"]].merge(
        gold[_KEYS + ["label"]], on=_KEYS, how="left").merge(meta.drop_duplicates("doc_id"), on="doc_id",
                                                              how="left")
    table = table[["doc_id", "sent_id", "part", "text", "label", "lang", "split"]]
    table = table.astype({"doc_id": str, "text": str, "label": str, "lang": str, "split": str})
    return table.sort_values(_KEYS, kind="stable", ignore_index=True)


def training_data_hash(table: pd.DataFrame) -> str:
    """SHA-256 of the training rows (``doc_id, sent_id, text, label``), independent of row order.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["x"], "label": ["none"]})
    >>> training_data_hash(t) == training_data_hash(pd.concat([t, t]).iloc[:1])
    True
    """
    rows = sorted(zip(table["doc_id"].astype(str), table["sent_id"].astype(int), table["text"].astype(str),
                      table["label"].astype(str)))
    digest = hashlib.sha256()
    for doc_id, sent_id, text, label in rows:
        digest.update(f"{doc_id}\x1f{sent_id}\x1f{label}\x1f{text}\x1e".encode())
    return digest.hexdigest()


# ---------------------------------------------------------------------------
# honest evaluation
# ---------------------------------------------------------------------------


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


def cross_validate(model, table: pd.DataFrame, *, n_splits: int = 5, seed: int = 0) -> pd.DataFrame:
    """Out-of-fold labels for every row of ``table``, folds of whole articles.

    Parameters
    ----------
    model : estimator
        Cloned (unfitted) for each fold, e.g. :func:`make_classifier`.
    table : DataFrame
        From :func:`training_table`; pass only the rows to cross-validate
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
    >>> oof = cross_validate(make_classifier(), dev, n_splits=5, seed=0)  # doctest: +SKIP
    >>> classification_metrics(oof, gold)  # doctest: +SKIP
    """
    table = table.reset_index(drop=True)
    predicted = np.empty(len(table), dtype=object)
    fold = np.full(len(table), -1, dtype=np.int64)
    for k, (train, test) in enumerate(group_folds(table, n_splits=n_splits, seed=seed)):
        fitted = clone(model).fit(table["text"].iloc[train], table["label"].iloc[train])
        predicted[test] = fitted.predict(table["text"].iloc[test])
        fold[test] = k
    return _predictions(table, fold, predicted)


def holdout_predict(model, table: pd.DataFrame, *, train: str = "dev", test: str = "test") -> pd.DataFrame:
    """Train on the ``train`` split, label the ``test`` split (``fold`` is -1).

    Returns the schema of :func:`cross_validate` for the ``test`` rows.

    Examples
    --------
    >>> held_out = holdout_predict(make_classifier(), table)  # doctest: +SKIP
    """
    fit_rows, test_rows = table[table["split"] == train], table[table["split"] == test].reset_index(drop=True)
    for name, rows in [(train, fit_rows), (test, test_rows)]:
        if rows.empty:
            raise FramingError(f"No sentence has split {name!r} (splits: "
                               f"{', '.join(sorted(table['split'].unique()))}).")
    fitted = clone(model).fit(fit_rows["text"], fit_rows["label"])
    return _predictions(test_rows, np.full(len(test_rows), -1, dtype=np.int64), fitted.predict(test_rows["text"]))


def _predictions(table: pd.DataFrame, fold: np.ndarray, predicted) -> pd.DataFrame:
    out = table[["doc_id", "sent_id", "lang", "split"]].copy()
    out["fold"] = fold
    out["gold"] = table["label"].to_numpy()
    out["label"] = pd.Series(np.asarray(predicted, dtype=object), index=out.index).astype(str)
    return out


def _label_order(values: Sequence[str]) -> list[str]:
    found = sorted(set(values) - set(_EXTRA_LABELS))
    return found + [label for label in _EXTRA_LABELS if label in set(values)]


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
    >>> m = classification_metrics(cross_validate(make_classifier(), dev), gold)  # doctest: +SKIP
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
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(n_pred > 0, tp / np.where(n_pred > 0, n_pred, 1), np.nan)
        recall = np.where(n_gold > 0, tp / np.where(n_gold > 0, n_gold, 1), np.nan)
        denominator = n_pred + n_gold
        f1 = np.where(denominator > 0, 2 * tp / np.where(denominator > 0, denominator, 1), np.nan)
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
                   n_splits: int = 10, seed: int = 0, n_boot: int = 1000, ci: float = 0.95) -> pd.DataFrame:
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
    for train, test in folds:
        train_docs = _interleaved(doc_lang[pd.unique(table["doc_id"].iloc[train])], rng)
        for size in sizes:
            docs = train_docs if size is None else train_docs[:size]
            rows = train[table["doc_id"].iloc[train].isin(docs).to_numpy()]
            used[size].append(len(docs))
            fitted = clone(model).fit(table["text"].iloc[rows], table["label"].iloc[rows])
            predicted[size][test] = fitted.predict(table["text"].iloc[test])
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


# ---------------------------------------------------------------------------
# lexicon vs classifier vs gold
# ---------------------------------------------------------------------------


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
        ``method, group, level, metric, value, n``.

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
    return table[["method", "group", "level", "metric", "value", "n"]]


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
    model : estimator
        Unfitted, e.g. :func:`make_classifier`.
    table : DataFrame
        From :func:`training_table`, with ``dev`` and ``test`` splits.
    lexicon : DataFrame
        The lexicon's labels (:func:`framing.evaluate.lexicon_labels`) for the same sentences.
    gold : DataFrame
    groups : DataFrame, optional
        Article metadata with ``by`` (default: the ``lang`` of ``table``).
    by : str or None
    label_order : sequence of str, optional
        Labels to report, e.g. ``[*study.side_ids, "both", "none"]``.
    n_splits, seed, n_boot
        For :func:`cross_validate` and :func:`classification_metrics`.

    Returns
    -------
    predictions : DataFrame
        ``evaluation, method, doc_id, sent_id, label``, every labelled sentence.
    metrics : DataFrame
        :func:`method_metrics` for ``dev (cross-validated)`` and ``test``.
    agreement : DataFrame
        :func:`method_agreement` of lexicon and classifier, with ``evaluation``.

    Examples
    --------
    >>> predictions, metrics, agreement = evaluate_methods(make_classifier(), table, lex, gold)  # doctest: +SKIP
    >>> comparison_table(metrics, agreement)  # doctest: +SKIP
    """
    groups = groups if groups is not None else table[["doc_id", "lang", "split"]].drop_duplicates("doc_id")
    dev = table[table["split"] == "dev"]
    runs = {"dev (cross-validated)": cross_validate(model, dev, n_splits=n_splits, seed=seed),
            "test": holdout_predict(model, table, train="dev", test="test")}
    predictions, metrics, agreement = [], [], []
    for evaluation, classified in runs.items():
        methods = {"lexicon": lexicon[lexicon["doc_id"].isin(classified["doc_id"])][_KEYS + ["label"]],
                   "classifier": classified[_KEYS + ["label"]]}
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


# ---------------------------------------------------------------------------
# interpretation
# ---------------------------------------------------------------------------


def _linear_parts(model) -> tuple[object, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(features step, classes, weights (classes × features), intercepts, feature names)."""
    if not isinstance(model, Pipeline) or len(model.steps) < 2:
        raise FramingError("Expected a fitted pipeline from make_classifier (features, then classifier).")
    features, classifier = model[:-1], model[-1]
    check_is_fitted(classifier)
    classes = np.asarray(classifier.classes_, dtype=object)
    if hasattr(classifier, "coef_"):
        weights, intercept = np.asarray(classifier.coef_), np.asarray(classifier.intercept_, dtype=float)
        if len(classes) == 2 and weights.shape[0] == 1:
            weights = np.vstack([-weights[0], weights[0]])
            intercept = np.array([-intercept[0], intercept[0]])
    elif hasattr(classifier, "feature_log_prob_"):
        log_prob = np.asarray(classifier.feature_log_prob_)
        weights = log_prob - log_prob.mean(axis=0, keepdims=True)  # same argmax, readable per feature
        intercept = np.asarray(classifier.class_log_prior_, dtype=float)
    else:
        raise FramingError(f"{type(classifier).__name__} is not a linear model; top_features and "
                           "explain_sentence need coef_ or feature_log_prob_.")
    names = np.asarray(features.get_feature_names_out(), dtype=object)
    return features, classes, weights, intercept, names


def _split_name(name: str) -> tuple[str, str]:
    block, _, feature = name.partition("__")
    return (block, feature) if feature else ("", name)


def top_features(model, *, n: int = 15) -> pd.DataFrame:
    """The ``n`` features with the largest weight towards each label.

    For logistic regression and the SVM the weight is the coefficient; for
    naive Bayes it is the feature's log probability under the label minus
    its mean over labels.

    Returns
    -------
    DataFrame
        ``label, rank, block`` (``words``, ``chars`` or ``lexicon``), ``feature, weight``.

    Examples
    --------
    >>> top_features(model, n=10).query("label == 'kremlin'")  # doctest: +SKIP
    """
    _, classes, weights, _, names = _linear_parts(model)
    rows = []
    for i, label in enumerate(classes):
        order = np.argsort(-weights[i], kind="stable")[:n]
        for rank, j in enumerate(order, start=1):
            block, feature = _split_name(names[j])
            rows.append((label, rank, block, feature, float(weights[i, j])))
    return pd.DataFrame(rows, columns=["label", "rank", "block", "feature", "weight"])


def explain_sentence(model, text: str, *, label: str | None = None, n: int = 15) -> pd.DataFrame:
    """The features of one sentence that pushed it towards ``label`` (default: the predicted label).

    For a linear model each feature contributes its value times its weight
    for the label (:func:`top_features`); the contributions plus the
    intercept are the label's score.

    Returns
    -------
    DataFrame
        ``label, block, feature, value, weight, contribution``: the ``n``
        largest contributions by absolute size, then a row ``(intercept)``.

    Examples
    --------
    >>> explain_sentence(model, "The Kremlin said the visit fell out of the programme.")  # doctest: +SKIP
    """
    features, classes, weights, intercept, names = _linear_parts(model)
    if label is None:
        label = str(model.predict([text])[0])
    where = np.flatnonzero(classes == label)
    if not len(where):
        raise FramingError(f"The model has no label {label!r}; its labels are {', '.join(map(str, classes))}.")
    i = int(where[0])
    row = sparse.csr_array(features.transform([text]))
    columns, values = row.indices, row.data
    contribution = values * weights[i, columns]
    order = np.argsort(-np.abs(contribution), kind="stable")[:n]
    rows = []
    for k in order:
        block, feature = _split_name(names[columns[k]])
        rows.append((label, block, feature, float(values[k]), float(weights[i, columns[k]]), float(contribution[k])))
    rows.append((label, "", "(intercept)", 1.0, float(intercept[i]), float(intercept[i])))
    return pd.DataFrame(rows, columns=["label", "block", "feature", "value", "weight", "contribution"])


# ---------------------------------------------------------------------------
# use
# ---------------------------------------------------------------------------


def score_with_model(articles: pd.DataFrame, study: Study, model, *, sentences: pd.DataFrame | None = None,
                     voice: pd.DataFrame | None = None, attribution: bool = True) -> pd.DataFrame:
    """Deprecated: use ``framing.analyse(articles, study, method="classifier", model=model).scores``.

    ``sentences`` and ``voice`` are ignored (analyse computes them once).
    """
    warnings.warn("score_with_model is deprecated; use framing.analyse(articles, study, method='classifier', "
                  "model=model).scores", DeprecationWarning, stacklevel=2)
    return analyse(articles, study, method="classifier", model=model, attribution=attribution).scores
