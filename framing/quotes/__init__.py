"""Who says what: direct quotations, reported speech, their speakers and sides.

Rules, not models: every rule is either data (``framing/data/verbs/<lang>.yml``,
one file per language) or a few lines of code, and every row of output points
back at the characters it covers. The modules, in dependency order:

:mod:`~framing.quotes.marks`
    quotation marks and dialogue dashes: the one detector of direct quotations,
    which matching (``in_quote``) uses too.
:mod:`~framing.quotes.language`
    the verb files, word folding and stemming, tokens.
:mod:`~framing.quotes.speakers`
    the study's actors and aliases per language; who a speaker is.
:mod:`~framing.quotes.frames`
    verb, preposition, noun and headline frames in a sentence.
:mod:`~framing.quotes.find`
    :func:`find_quotes`, follow-on quotations and continuation.

The voice measures built on the quotes are in :mod:`framing.voice`, their
evaluation against the gold in :mod:`framing.evaluate`
(:func:`~framing.evaluate.evaluate_quotes`) and the HTML view in
:mod:`framing.display`.
"""

from .find import QUOTE_COLUMNS, find_quotes
from .language import VERB_CLASSES, reporting_verbs
from .marks import dialogue_spans, quotation_spans, quote_spans

__all__ = ["QUOTE_COLUMNS", "VERB_CLASSES", "dialogue_spans", "find_quotes", "quotation_spans", "quote_spans",
           "reporting_verbs"]
