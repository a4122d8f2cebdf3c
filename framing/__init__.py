"""framing: measure how news coverage frames the competing accounts of a contested event.

The flow is tables in, tables out::

    import framing
    study = framing.load_study("corpus/study.yaml")
    articles = framing.read_corpus("corpus/articles")
    sentences = framing.segment(articles)
    hits = framing.match(sentences, study)
    scores = framing.score(sentences, hits, study)
    framing.explain("000_9cd90cb41eb6c02b", sentences=sentences, hits=hits)

or, all at once, ``run = framing.analyse(articles, study)``: the one entry
point, which the command line, worker processes and Dask call per chunk
(``method="classifier"`` or ``"both"`` with a trained ``model``).
"""

from .display import highlight_html
from .evaluate import evaluate_quotes
from .quotes import find_quotes
from .voice import mark_in_quote, voice_measures
from .corpus import iter_corpus, read_corpus, rejected
from .dictionaries import read_dictionary, write_dictionary
from .errors import (CorpusError, DictionaryError, FormatError, FramingError, LexiconError, StudyError,
                     UnsupportedLanguageError)
from .lexicon import Lexicon
from .pipeline import Analysis, analyse, explain
from .scoring import match, score, score_marks
from .study import Study, load_study
from .text import segment

__all__ = [
    "Analysis", "CorpusError", "UnsupportedLanguageError", "iter_corpus", "DictionaryError", "FormatError", "FramingError", "Lexicon",
    "LexiconError", "Study", "StudyError", "analyse", "explain", "load_study", "match",
    "read_corpus", "read_dictionary", "rejected", "score", "score_marks", "segment",
    "write_dictionary", "evaluate_quotes", "find_quotes", "highlight_html", "mark_in_quote", "voice_measures",
    "make_classifier", "cross_validate", "cross_val_predict", "classifier_labels", "score_with_model",
    "training_table", "load_model", "save_model",
]

from .version import __version__ as __version__

# The supervised models pull in scikit-learn; load them on first use so that
# `import framing` stays quick for lexicon work.
_LAZY = {
    "make_classifier": "classify", "cross_validate": "evaluate", "cross_val_predict": "evaluate",
    "classifier_labels": "pipeline",
    "score_with_model": "classify", "training_table": "classify",
    "load_model": "models", "save_model": "models",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'framing' has no attribute {name!r}")
