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
- the evaluation against the gold (:func:`~framing.evaluate.cross_val_predict`,
  :func:`~framing.evaluate.classification_metrics`, the method comparisons)
  lives in :mod:`framing.evaluate`; its names are re-exported here;
- :func:`top_features`, :func:`explain_sentence`: what a linear model learnt;
- :func:`classifier_labels`: sentence labels; article measures come from
  ``framing.analyse(articles, study, method="classifier", model=model)``.

Save and load fitted models with :mod:`framing.models` (skops, never pickle).
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted, validate_data

from .errors import FramingError, LexiconError, check_choice
from .evaluate import (check_gold, classification_metrics, compare_methods, comparison_table, confusion_table,
                       cross_val_predict, cross_validate, disagreements, evaluate_methods, group_folds,
                       holdout_predict, learning_curve, method_agreement, method_metrics)
from .lexicon import Lexicon, merge_dictionaries
from .models import KINDS
from .pipeline import analyse, classifier_labels
from .study import Study

__all__ = [
    "KINDS",
    "LexiconCounts",
    "make_classifier",
    "study_dictionary",
    "training_table",
    "training_data_hash",
    "group_folds",
    "cross_val_predict",
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
        self.lexicon_ = {str(category): dict(patterns) if isinstance(patterns, Mapping) else
                         [patterns] if isinstance(patterns, str) else [str(p) for p in patterns]
                         for category, patterns in self.lexicon.items()}
        self._compiled = Lexicon(self.lexicon_)
        # rules: context hits and denied hits do not count; a denied hit counts for its if_denied
        self.categories_ = np.asarray(self._compiled.counted_categories, dtype=object)
        return self

    def transform(self, X) -> np.ndarray:
        """Per-category match counts, shape ``(n_texts, n_categories)``, float64."""
        check_is_fitted(self, "categories_")
        texts = self._texts(X, reset=False)
        lexicon = self._lexicon()
        column = {category: i for i, category in enumerate(self.categories_)}
        out = np.zeros((len(texts), len(column)), dtype=np.float64)
        for row, text in enumerate(texts):
            for hit in lexicon.hits(text):
                if hit.counts_for is not None:
                    out[row, column[hit.counts_for]] += 1.0
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
    return merge_dictionaries({lang: study.lexicon_rules(lang) for lang in study.lexicon_paths})


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
    if "part" in sents:  # page furniture is not article text and is not coded
        sents = sents[sents["part"] != "furniture"]
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
