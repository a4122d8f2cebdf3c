"""What a sentence classifier reads: the one place that builds its input from the sentences table.

A plain classifier (:func:`framing.classify.make_classifier` without context
or study hits) reads one column, the sentence ``text``. The hybrid and
context models read a table, :data:`MODEL_COLUMNS`: the sentence, its
neighbours in the article (``prev_text``, ``next_text``; ``""`` at the
article's edges) and its language (which lexicon's rules apply).
:func:`model_input` gives each model what it reads, so training
(:func:`framing.classify.training_table`), evaluation
(:mod:`framing.evaluate`) and use (:func:`framing.pipeline.classifier_labels`)
build the columns the same way.
"""

from __future__ import annotations

import pandas as pd

from .errors import FramingError

__all__ = ["MODEL_COLUMNS", "with_context", "takes_table", "model_input"]

#: The columns a table-reading model (context features, study hits) is fitted on, in this order.
MODEL_COLUMNS = ["text", "prev_text", "next_text", "lang"]


def with_context(sentences: pd.DataFrame) -> pd.DataFrame:
    """``sentences`` with ``prev_text`` and ``next_text``: the neighbours within the same article.

    Neighbours follow ``sent_id`` order within ``doc_id``, over every row
    given (so pass whole articles); the first sentence has no previous one
    and the last no next one (``""``).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 1, 0], "text": ["One.", "Two.", "Three."]})
    >>> with_context(s)[["prev_text", "next_text"]].values.tolist()
    [['', 'Two.'], ['One.', ''], ['', '']]
    """
    missing = [c for c in ("doc_id", "sent_id", "text") if c not in sentences]
    if missing:
        raise FramingError(f"Context features need the columns doc_id, sent_id and text of framing.segment; "
                           f"missing {', '.join(missing)}.")
    out = sentences.copy()
    ordered = out[["doc_id", "sent_id"]].reset_index(drop=True).sort_values(["doc_id", "sent_id"], kind="stable")
    text = out["text"].astype(str).reset_index(drop=True).loc[ordered.index]
    same_prev = ordered["doc_id"].eq(ordered["doc_id"].shift(1))
    same_next = ordered["doc_id"].eq(ordered["doc_id"].shift(-1))
    prev = text.shift(1).where(same_prev, "").fillna("")
    nxt = text.shift(-1).where(same_next, "").fillna("")
    out["prev_text"] = prev.sort_index().to_numpy(dtype=object)
    out["next_text"] = nxt.sort_index().to_numpy(dtype=object)
    return out


def takes_table(model) -> bool:
    """Whether ``model`` reads a table of :data:`MODEL_COLUMNS` (else a sequence of texts).

    A model reads a table when its first step is a ColumnTransformer (the
    hybrid and context models of :func:`framing.classify.make_classifier`).

    Examples
    --------
    >>> takes_table(make_classifier())  # doctest: +SKIP
    False
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import Pipeline

    first = model.steps[0][1] if isinstance(model, Pipeline) and model.steps else model
    return isinstance(first, ColumnTransformer)


def model_input(model, table: pd.DataFrame):
    """The rows of ``table`` as ``model`` reads them: the ``text`` Series, or the :data:`MODEL_COLUMNS` table.

    ``table`` is a training table or a sentences table; the context columns
    are added (:func:`with_context`) when missing, from whole articles.

    Raises
    ------
    FramingError
        When a table-reading model gets rows without the columns it needs.

    Examples
    --------
    >>> model.predict(model_input(model, sentences))  # doctest: +SKIP
    """
    if not takes_table(model):
        if "text" not in table:
            raise FramingError("The classifier reads the column `text`; the table has none.")
        return table["text"].astype(str).reset_index(drop=True)
    if "prev_text" not in table or "next_text" not in table:
        table = with_context(table)
    if "lang" not in table:
        raise FramingError("This classifier (context or study-hit features) reads each sentence's `lang`; "
                           "pass the sentences of framing.segment or a training table.")
    return table[MODEL_COLUMNS].astype(str).reset_index(drop=True)
