"""Deprecated home of reported speech; import from :mod:`framing.quotes`, :mod:`framing.voice`,
:mod:`framing.evaluate` and :mod:`framing.display` instead.

Kept so that scripts written against the first release keep working; it only
re-exports.
"""

from .display import highlight_html
from .evaluate import evaluate_quotes
from .quotes import QUOTE_COLUMNS, VERB_CLASSES, find_quotes, quotation_spans, reporting_verbs
from .voice import mark_in_quote, voice_measures

__all__ = ["QUOTE_COLUMNS", "VERB_CLASSES", "quotation_spans", "reporting_verbs", "find_quotes", "mark_in_quote",
           "voice_measures", "evaluate_quotes", "highlight_html"]
