"""Lexicons: plain word lists, plus rules for proximity, conjunction, denial scope and context.

A lexicon maps category names to patterns. Nested categories are written with
dots (``kremlin.programme``). A category is either a **plain list** of
patterns, exactly as in a quanteda YAML dictionary, or a **rule mapping**.

Patterns
--------
Words separated by spaces; ``*`` matches any run of word characters
(``bomb*``) and ``?`` exactly one, anywhere in a word; case is ignored.
Punctuation in a pattern separates words exactly as it does in text, so
``l'Élysée`` matches the tokens ``l`` ``Élysée``. The words of a multi-word
entry must be adjacent and in order, separated in the text by white space, a
hyphen or an apostrophe (``n'assistera pas``), never by other punctuation.
Tokens are ``\\w+`` runs; each distinct token type is classified once and
cached, and entries of several words are checked only where their first word
occurs.

``overlap`` (explicit, as quanteda's ``nested_scope``): ``"category"``
(default) drops a match nested inside a longer match of the same category;
``"lexicon"`` drops it whatever its category; ``"keep"`` keeps every match.
When several entries of one category match the same words, the entry listed
first names the hit. ``stem=True`` Snowball-stems exact entry words and text
words (nltk, no download; globs match the unstemmed word).

Rules
-----
**Proximity entries.** ``A NEAR/k B`` matches A and B with at most *k* words
between them, in either order; ``A BEFORE/k B`` requires A first. A and B are
ordinary patterns (single or multi-word, globs allowed) or ``@category``, a
category of plain patterns. The two never overlap and never lie in different
sentences: matching is per sentence (:func:`framing.scoring.match` passes one
sentence at a time), and a text of several sentences is cut with the
segmenter's own rule (:func:`framing.text.sentence_spans`). Each A is paired
with its nearest B; the hit spans from the first to the last matched word,
and its ``term`` is the entry as written. Proximity hits and plain hits of a
category settle overlaps together: a plain hit inside a proximity hit of the
same category counts once.

**Conjunction and exclusion.** A rule mapping ``{all: [...], any: [...],
none: [...]}`` fires once per sentence in which every ``all`` item and (when
``any`` is given) at least one ``any`` item is present. Items are
``@category`` (any category, rules included, without cycles) or patterns
(proximity entries allowed). The hit spans the first match chosen for each
item (a match that is not denied is preferred), and its ``term`` reads
``@a AND @b NOT (@c)``. In a sentence where any ``none`` item is present the
category has no hit at all, from its conjunction or its own ``patterns``.

**Negation and denial scope.** Cue lists per language ship in
``framing/data/negation/{en,fr,ru}.yml``: negators (*not, never, pas, jamais,
не, нет*), denial cues (*deny, reject, nothing to do with, démenti, rien à voir,
отверг, опроверг*) and phrases that are not cues (*not only, non seulement,
не только*). A hit is **denied** when a cue ends before it in the same clause:
at most ``window`` words between (per language and kind), no clause break
between (``, ; : ( ) [ ] — –``, *but, mais, но*…; for negators also *that,
why, que, что*…, so "did not explain why the programme changed" leaves the
change standing). Quotation marks do not break a clause, so a denial inside a
quotation governs the quoted words. A cue that is part of a longer entry match
(*would not attend*, *не приедет*) or is an operand of a proximity hit
(``not BEFORE/2 attend*``) belongs to it and governs nothing; phrases such as
*hard not to*, *нельзя не* (litotes) are no cue. A cue *between* the two
operands of a proximity hit denies it ("the programme did not change",
``program* NEAR/3 chang*``); otherwise scope runs forward only, so a cue after
a plain hit does not deny it. A conjunction is denied when a part chosen for it
is denied or a cue governs its start. ``negation: denial`` lets only denial
cues deny a category, ``negation: off`` none.

**What a hit counts for.** An ``account`` hit (the default ``role``) that is
not denied counts for its category; a denied one counts for its
``if_denied`` category (``if_denied: kremlin``: denying a Syria link is the
Kremlin's account, codebook §4.4) or for nothing. A ``role: context``
category is found and kept (KWIC, keyness, explain) but never counts.

Other rule keys: ``patterns`` (plain and proximity entries), ``codebook``
(the codebook elements the category encodes, e.g. ``F3``), ``stem`` (per
category), ``description``. The entry ``_options`` (``stem``, ``negation``)
sets lexicon-wide options in a mapping or file.

Where we differ from WordStat and quanteda
------------------------------------------
- WordStat's ``NEAR`` rules count words between the terms, like ours, but
  may cross sentences (unless restricted) and combine with ``AND``/``OR``/
  ``NOT`` inside one rule; we never cross a sentence end, keep one operator
  per entry, and build larger expressions from named categories, so every
  step shows up as its own hit.
- WordStat's ``AND``/``NOT`` rules work within a chosen unit (sentence,
  paragraph, document); ours always work in the sentence.
- quanteda matches multi-word values as fixed adjacent sequences
  (``phrase()``) and builds windows with ``kwic(window=)`` or
  ``tokens_select(window=)``; windows there run across sentences unless
  the tokens were reshaped to sentences. Our multi-word entries are adjacent
  too, and proximity entries add unordered or ordered windows inside the sentence.
- Neither has a negation scope; ours is a deliberately small rule (a cue
  before the hit in the same clause), not a parser.
"""

from .core import OVERLAP_RULES, STEMMER_LANGUAGES, Match, Matcher
from .files import merge_dictionaries, read_lexicon
from .negation import CUE_LANGUAGES, Cues, load_cues
from .rules import NEGATION_MODES, OPTION_KEYS, ROLES, RULE_KEYS, Hit, Lexicon

__all__ = [
    "Lexicon", "Match", "Hit", "Matcher", "OVERLAP_RULES", "STEMMER_LANGUAGES", "ROLES", "RULE_KEYS",
    "NEGATION_MODES", "OPTION_KEYS", "CUE_LANGUAGES", "Cues", "load_cues", "read_lexicon",
    "merge_dictionaries",
]
