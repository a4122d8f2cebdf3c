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
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted, validate_data

from .errors import FramingError, LexiconError, check_choice
from .features import model_input, takes_table, with_context
from .evaluate import (check_gold, classification_metrics, compare_methods, comparison_table, confusion_table,
                       cross_val_predict, cross_validate, disagreements, evaluate_methods, group_folds,
                       holdout_predict, learning_curve, method_agreement, method_metrics, select_model)
from .lexicon import Lexicon, merge_dictionaries
from .models import KINDS
from .pipeline import analyse, classifier_labels
from .study import Study

__all__ = [
    "KINDS",
    "LexiconCounts",
    "StudyHits",
    "SidesClassifier",
    "make_classifier",
    "study_lexicons",
    "candidate_configs",
    "candidate_models",
    "model_from_config",
    "select_model",
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


class StudyHits(TransformerMixin, BaseEstimator):
    """Count the hits of each counted lexicon category in each sentence, with its own language's rules.

    The frozen rule lexicons of a study, matched exactly as
    :func:`framing.match` matches them (per language: its stemming,
    negation cues and overlap rule), so a hit counts for the category its
    ``counts_for`` names: context hits count for nothing, a denied hit for
    its ``if_denied`` category or nothing. This is what the hybrid method
    feeds the classifier.

    Parameters
    ----------
    lexicons : mapping of str to mapping
        Language to lexicon (category → patterns or rule, and ``_options``);
        :func:`study_lexicons` gives a study's.
    overlap : str
        The study's overlap rule for nested matches.

    Attributes
    ----------
    categories_ : ndarray of str
        The output columns: every counted category, in the order the languages first name them.
    n_features_in_ : int
        2: ``X`` is a table of (text, lang) rows.

    Examples
    --------
    >>> hits = StudyHits({"en": {"k": ["programme"]}, "fr": {"k": ["calendrier"]}})
    >>> hits.fit_transform(pd.DataFrame({"text": ["Le calendrier.", "calendrier"], "lang": ["fr", "en"]})).tolist()
    [[1.0], [0.0]]
    """

    def __init__(self, lexicons: Mapping[str, Mapping[str, object]] | None = None, *,
                 overlap: str = "category") -> None:
        self.lexicons = lexicons
        self.overlap = overlap

    def fit(self, X, y=None):
        """Check ``X`` and compile each language's lexicon; returns ``self``."""
        if not isinstance(self.lexicons, Mapping) or not self.lexicons:
            raise LexiconError("StudyHits needs a mapping of languages to lexicons, e.g. "
                               "StudyHits(study_lexicons(study)).")
        self._rows(X, reset=True)
        compiled = self._compile()
        self.categories_ = np.asarray(list(dict.fromkeys(
            c for lexicon in compiled.values() for c in lexicon.counted_categories)), dtype=object)
        return self

    def transform(self, X) -> np.ndarray:
        """Per-category counts of counted hits, shape ``(n_rows, n_categories)``, float64."""
        check_is_fitted(self, "categories_")
        rows = self._rows(X, reset=False)
        compiled = self.__dict__.get("_compiled") or self._compile()
        column = {category: i for i, category in enumerate(self.categories_)}
        out = np.zeros((len(rows), len(column)), dtype=np.float64)
        for i, (text, lang) in enumerate(rows):
            lexicon = compiled.get(lang)
            if lexicon is None:
                raise FramingError(f"StudyHits: row {i} is in language {lang!r}, which has no lexicon "
                                   f"(languages: {', '.join(compiled)}); filter the sentences first.")
            for hit in lexicon.hits(text):
                if hit.counts_for is not None and hit.counts_for in column:
                    out[i, column[hit.counts_for]] += 1.0
        return out

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The category names (one output column each)."""
        check_is_fitted(self, "categories_")
        return np.asarray(self.categories_, dtype=object)

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_compiled", None)  # rebuilt from lexicons; compiled matchers are not data
        return state

    def _compile(self) -> dict[str, Lexicon]:
        self._compiled = {str(lang): Lexicon(dict(lexicon), lang=str(lang), overlap=self.overlap)
                          for lang, lexicon in self.lexicons.items()}
        return self._compiled

    def _rows(self, X, *, reset: bool) -> list[tuple[str, str]]:
        table = pd.DataFrame(X) if not isinstance(X, pd.DataFrame) else X
        if table.ndim != 2 or table.shape[1] != 2:
            raise ValueError("StudyHits reads a table of two columns, text and lang (e.g. "
                             "sentences[['text', 'lang']]); got " + (f"{table.shape[1]} column(s)."
                                                                     if table.ndim == 2 else "1-D input."))
        if table.isna().to_numpy().any():
            raise ValueError("StudyHits: a text or language is missing (None or NaN).")
        if reset:
            self.n_features_in_ = 2
        return [(str(text), str(lang)) for text, lang in table.itertuples(index=False, name=None)]


class SidesClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label accounts: one binary classifier per side, ``both`` when several fire, ``none`` when none.

    A sentence labelled ``both`` is a positive example for every side. The
    label set stays the one of the 4-class model (side ids, ``both``,
    ``none``), so the two compare on the same footing.

    Parameters
    ----------
    estimator : classifier
        A binary classifier with ``decision_function`` (cloned per side).

    Attributes
    ----------
    sides_ : ndarray of str
        The sides, one binary classifier each (labels other than ``both`` and ``none``).
    estimators_ : list
        The fitted binary classifiers, in ``sides_`` order.
    classes_ : ndarray of str
        The labels it predicts: the sides, ``both`` (with two sides or more) and ``none``.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]] * 3)
    >>> y = ["k", "f", "both", "none"] * 3
    >>> SidesClassifier(LogisticRegression(C=100.0)).fit(X, y).predict(X[:4]).tolist()
    ['k', 'f', 'both', 'none']
    """

    def __init__(self, estimator=None) -> None:
        self.estimator = estimator

    def fit(self, X, y):
        """Fit one binary classifier per side; returns ``self``."""
        y = np.asarray(y, dtype=object).astype(str)
        sides = sorted(str(label) for label in set(y) - set(_EXTRA_LABELS))
        if not sides:
            raise FramingError("SidesClassifier needs sentences labelled with a side; the labels are only "
                               f"{', '.join(sorted(set(y)))}.")
        estimator = self.estimator if self.estimator is not None else LogisticRegression()
        self.estimators_ = []
        for side in sides:
            target = (y == side) | (y == "both")
            if target.all():
                raise FramingError(f"SidesClassifier: every sentence carries side {side!r}; "
                                   "a binary classifier needs examples without it too.")
            self.estimators_.append(clone(estimator).fit(X, target.astype(int)))
        self.sides_ = np.asarray(sides, dtype=object)
        self.classes_ = np.asarray(sides + (["both"] if len(sides) > 1 else []) + ["none"], dtype=object)
        return self

    def decision_function(self, X) -> np.ndarray:
        """Each side's score, shape ``(n_rows, n_sides)``; a side fires above 0."""
        check_is_fitted(self, "estimators_")
        return np.column_stack([np.ravel(e.decision_function(X)) for e in self.estimators_])

    def predict(self, X) -> np.ndarray:
        """The side that fires, ``both`` when several do, ``none`` when none does."""
        fire = self.decision_function(X) > 0
        n = fire.sum(axis=1)
        first = self.sides_[np.argmax(fire, axis=1)]
        return np.where(n == 0, "none", np.where(n > 1, "both", first)).astype(object)


def study_lexicons(study: Study) -> dict[str, dict[str, object]]:
    """Each language's lexicon of a study with the study's matching options, for :class:`StudyHits`.

    Examples
    --------
    >>> sorted(study_lexicons(load_study("corpus/study.yaml")))  # doctest: +SKIP
    ['en', 'fr', 'ru']
    """
    out = {}
    for lang in study.lexicon_paths:
        dictionary = dict(study.lexicon_rules(lang))
        options = dict(dictionary.get("_options") or {})
        if study.stem:
            options["stem"] = True
        if not study.negation:
            options["negation"] = False
        if options:
            dictionary["_options"] = options
        out[lang] = dictionary
    return out


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
                    char_ngram_range: tuple[int, int] = (2, 5), C: float = 10.0, context: bool = False,
                    multilabel: bool = False) -> Pipeline:
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
        Also count the matches of each lexicon category. A Study gives the
        *hybrid* method: its frozen rule lexicons matched per language exactly
        as :func:`framing.match` does (:class:`StudyHits`: denied and context
        hits count as the lexicon counts them); the model then reads a table
        (:func:`framing.features.model_input`). A mapping is matched on the
        text alone (:class:`LexiconCounts`).
    word_ngram_range, char_ngram_range : (int, int)
        n-gram ranges of the word and ``char_wb`` TF-IDF features.
    C : float
        Inverse regularisation strength (logreg and svm); for naive Bayes
        the smoothing ``alpha`` is ``1 / C``.
    context : bool
        Also read the neighbouring sentences (``prev_text``, ``next_text``:
        word TF-IDF of each); the model then reads a table of
        :data:`framing.features.MODEL_COLUMNS`.
    multilabel : bool
        One binary classifier per side (:class:`SidesClassifier`): ``both``
        when several sides fire, ``none`` when none does (logreg and svm).

    Returns
    -------
    Pipeline
        Steps ``features`` and ``classifier``. ``features`` is a FeatureUnion
        of ``words``, ``chars`` (and ``lexicon`` for a mapping), or, for a
        model that reads a table, a ColumnTransformer of that union over
        ``text``, ``hits`` over ``text, lang`` (a Study) and ``prev``,
        ``next`` (context).

    Examples
    --------
    >>> model = make_classifier("logreg", seed=0)
    >>> [name for name, _ in model.named_steps["features"].transformer_list]
    ['words', 'chars']
    """
    check_choice("kind", kind, KINDS)
    if multilabel and kind == "nb":
        raise FramingError("multilabel=True needs a classifier with a decision function: kind 'logreg' or 'svm'.")
    parts: list[tuple[str, object]] = [
        ("words", TfidfVectorizer(analyzer="word", ngram_range=tuple(word_ngram_range), sublinear_tf=True,
                                  token_pattern=r"(?u)\b\w+\b")),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(char_ngram_range), sublinear_tf=True,
                                  min_df=2)),
    ]
    if lexicon is not None and not isinstance(lexicon, Study):
        parts.append(("lexicon", LexiconCounts(lexicon)))
    if kind == "logreg":
        classifier = LogisticRegression(C=C, class_weight="balanced", solver="newton-cg", max_iter=1000,
                                        random_state=seed)
    elif kind == "svm":
        classifier = LinearSVC(C=C / 10.0, class_weight="balanced", max_iter=20000, random_state=seed)
    else:
        classifier = MultinomialNB(alpha=1.0 / C)
    if multilabel:
        classifier = SidesClassifier(classifier)
    if not isinstance(lexicon, Study) and not context:
        return Pipeline([("features", FeatureUnion(parts)), ("classifier", classifier)])
    blocks: list[tuple[str, object, object]] = [("text", FeatureUnion(parts), "text")]
    if isinstance(lexicon, Study):
        blocks.append(("hits", StudyHits(study_lexicons(lexicon), overlap=lexicon.overlap), ["text", "lang"]))
    if context:
        for name, column in [("prev", "prev_text"), ("next", "next_text")]:
            blocks.append((name, TfidfVectorizer(analyzer="word", sublinear_tf=True, min_df=2,
                                                 token_pattern=r"(?u)\b\w+\b"), column))
    return Pipeline([("features", ColumnTransformer(blocks, sparse_threshold=1.0)), ("classifier", classifier)])


def candidate_configs(*, kinds: Sequence[str] = ("logreg", "svm"), C: Sequence[float] = (10.0,),
                      hybrid: Sequence[bool] = (False, True), context: Sequence[bool] = (False, True),
                      multilabel: Sequence[bool] = (False, True)) -> dict[str, dict[str, object]]:
    """The grid of model configurations to select among, by name (every combination).

    Each configuration is the keyword arguments ``kind, C, hybrid, context,
    multilabel`` of :func:`model_from_config`. The name lists them, e.g.
    ``"svm C=10 hybrid context multilabel"`` (``plain`` for none of the three options).

    Examples
    --------
    >>> list(candidate_configs(kinds=["svm"], hybrid=[True], context=[False], multilabel=[False, True]))
    ['svm C=10 hybrid', 'svm C=10 hybrid multilabel']
    """
    out = {}
    for kind in kinds:
        check_choice("kind", kind, KINDS)
        for c in C:
            for h in hybrid:
                for ctx in context:
                    for multi in multilabel:
                        if multi and kind == "nb":
                            continue
                        flags = [name for name, on in [("hybrid", h), ("context", ctx), ("multilabel", multi)] if on]
                        name = f"{kind} C={float(c):g} " + (" ".join(flags) or "plain")
                        out[name] = {"kind": kind, "C": float(c), "hybrid": bool(h), "context": bool(ctx),
                                     "multilabel": bool(multi)}
    return out


def model_from_config(config: Mapping[str, object], study: Study, *, seed: int = 0, **options) -> Pipeline:
    """The unfitted model of one configuration of :func:`candidate_configs` (``hybrid`` uses ``study``).

    ``options`` go to :func:`make_classifier` (e.g. smaller n-gram ranges).

    Examples
    --------
    >>> model = model_from_config({"kind": "svm", "hybrid": True}, study)  # doctest: +SKIP
    """
    unknown = set(config) - {"kind", "C", "hybrid", "context", "multilabel"}
    if unknown:
        raise FramingError(f"Unknown model configuration key(s): {', '.join(sorted(unknown))}; "
                           "use kind, C, hybrid, context and multilabel.")
    return make_classifier(str(config.get("kind", "logreg")), seed=seed, C=float(config.get("C", 10.0)),
                           lexicon=study if config.get("hybrid") else None, context=bool(config.get("context")),
                           multilabel=bool(config.get("multilabel")), **options)


def candidate_models(study: Study, *, seed: int = 0, configs: Mapping[str, Mapping[str, object]] | None = None,
                     **options) -> dict[str, Pipeline]:
    """The unfitted models of a grid (default :func:`candidate_configs`), for :func:`~framing.evaluate.select_model`.

    Examples
    --------
    >>> chosen, scores, oof = select_model(dev, candidate_models(study))  # doctest: +SKIP
    """
    configs = candidate_configs() if configs is None else configs
    return {name: model_from_config(config, study, seed=seed, **options) for name, config in configs.items()}


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
        ``doc_id, sent_id, part, text, prev_text, next_text, label, lang,
        split``: X is ``text`` (or, for a model that reads a table,
        :func:`framing.features.model_input`), y is ``label`` and the
        groups for splitting are ``doc_id``. ``prev_text`` and ``next_text``
        are the neighbouring sentences in the article (:func:`framing.features.with_context`).

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
    table = with_context(sents)[["doc_id", "sent_id", "part", "text", "prev_text", "next_text", "lang"]].merge(
        gold[_KEYS + ["label"]], on=_KEYS, how="left").merge(meta.drop_duplicates("doc_id"), on="doc_id",
                                                              how="left")
    table = table[["doc_id", "sent_id", "part", "text", "prev_text", "next_text", "label", "lang", "split"]]
    table = table.astype({"doc_id": str, "text": str, "prev_text": str, "next_text": str, "label": str,
                          "lang": str, "split": str})
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
    if takes_table(model):
        if not isinstance(text, pd.DataFrame) or len(text) != 1:
            raise FramingError("This model reads a sentence with its neighbours and language; pass one row "
                               "of a training or sentences table (e.g. table.iloc[[i]]), not a bare text.")
        X = model_input(model, text)
    else:
        X = [text]
    if label is None:
        label = str(model.predict(X)[0])
    where = np.flatnonzero(classes == label)
    if not len(where):
        raise FramingError(f"The model has no label {label!r}; its labels are {', '.join(map(str, classes))}.")
    i = int(where[0])
    row = sparse.csr_array(features.transform(X))
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
