"""The evaluation room: every method against the gold, with one precision/recall/F1 core.

A *method* is anything that labels sentences with the study's accounts: the
lexicon (:func:`lexicon_labels`), a classifier, or a second human coder.
Labels are a side id, ``both`` (more than one side) or ``none``.
:func:`evaluate` compares them with the gold at two levels:

- sentences: precision, recall and F1 per label, and macro-F1;
- articles: accuracy of each side's presence and of primacy, with the
  article measures computed from either set of labels in the same way
  (:func:`framing.score_marks`).

Every figure is given overall and per group (language, split).

Also here, so that every comparison with the gold lives in one room:

- :func:`evaluate_by_tag`: accuracy on the sentences the coders tagged as
  hard (paraphrase, context, negation, ...), so that "hard by design" and
  "missed" can be told apart;
- :func:`evaluate_quotes`: reported speech and its speaker's side;
- :func:`cross_val_predict` (scikit-learn's name): out-of-fold labels with
  folds of whole articles (:func:`group_folds`); :func:`holdout_predict`
  trains on the dev split and labels the test split;
- :func:`classification_metrics`: per-label precision, recall, F1 and
  macro-F1 with intervals from a cluster bootstrap over articles, in the
  long table :data:`METRIC_COLUMNS`; :func:`confusion_table`;
  :func:`learning_curve`;
- :func:`method_metrics`, :func:`compare_methods`, :func:`method_agreement`,
  :func:`comparison_table`, :func:`evaluate_methods`, :func:`disagreements`:
  lexicon vs classifier vs gold.

- :func:`select_model`: model selection by nested grouped cross-validation
  on dev (inner folds choose, outer folds estimate the choosing);

- :func:`gold_scores` and :func:`measure_agreement`: the continuous
  measures (salience, prominence, balance) against the gold, as r, MAE and
  bias with intervals.

All of them count with :func:`precision_recall_f1`.
"""

from .gold import (DIFFICULTY_TAGS, GOLD_COLUMNS, METRIC_COLUMNS, check_gold, evaluate, evaluate_by_tag, evaluate_quotes,
                   gold_tags, label_marks, lexicon_labels, precision_recall_f1, read_gold)
from .measures import AGREEMENT_METRICS, gold_scores, measure_agreement
from .selection import macro_f1, select_model
from .methods import (classification_metrics, compare_methods, comparison_table, confusion_table, cross_val_predict,
                      cross_validate, disagreements, evaluate_methods, group_folds, holdout_predict, learning_curve,
                      method_agreement, method_metrics)

__all__ = ["DIFFICULTY_TAGS", "GOLD_COLUMNS", "METRIC_COLUMNS", "evaluate_by_tag", "gold_tags", "read_gold", "lexicon_labels", "label_marks", "evaluate", "check_gold",
           "precision_recall_f1", "evaluate_quotes", "group_folds", "cross_val_predict", "cross_validate",
           "holdout_predict", "classification_metrics", "confusion_table", "learning_curve", "method_metrics",
           "compare_methods", "method_agreement", "comparison_table", "evaluate_methods", "disagreements",
           "AGREEMENT_METRICS", "gold_scores", "measure_agreement", "select_model", "macro_f1"]
