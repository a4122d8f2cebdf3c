"""Find reported speech: :func:`find_quotes`, follow-on quotations and continuation.

articles and sentences → quotes: ``doc_id, sent_id, start, end, kind,
speaker, side, verb, verb_class`` (:data:`QUOTE_COLUMNS`). ``kind`` is
``direct`` (a quotation, marks included) or ``indirect`` (the reported
content of a frame: the clause after "X said that", before "…, said X",
after "selon X,"). Offsets follow the hits: into the headline for
``sent_id`` 0, into the text otherwise; ``sent_id`` is the sentence where the
span starts, and a span may run over several sentences or paragraphs.

A follow-on quotation takes the speaker before it. A short quotation that
nobody introduces is a scare quote: it counts as that side's speech when it
uses one of the side's account terms (the codebook's rule 4.6), and as no
speech otherwise (the “Normandy” format). A sentence that goes on with the
journalistic conditional (*Poutine aurait refusé*), «якобы» or "He would …"
right after an attribution continues it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pandas as pd

from ..errors import FramingError
from ..lexicon import Lexicon
from ..study import Study
from ..text import WORD
from .marks import dialogue_spans, quotation_spans
from .language import CONTINUES, FIRST_WORD, ONE_WORD, Rules, Token, iter_tokens, language_rules, lower_word, sentence_tokens
from .speakers import Actors, CARRY, Speaker, resolve_speaker, study_actors
from .frames import Frame, sentence_frames, subject_tokens

__all__ = ["QUOTE_COLUMNS", "find_quotes"]

#: Columns of the quotes table (:func:`find_quotes`).
QUOTE_COLUMNS = ["doc_id", "sent_id", "start", "end", "kind", "speaker", "side", "verb", "verb_class"]

# A quotation shorter than this many words, with no sentence-final punctuation
# inside, that no frame attributes and that echoes no side's account, is a
# mention ("the “Normandy” format"), not reported speech.
_SCARE_WORDS = 5


@dataclass
class _Said:
    """One item of reported speech while an article is read."""

    start: int
    end: int
    kind: str
    who: Speaker | None
    verb: str | None
    cls: str | None
    sent_id: int
    para_id: int


def find_quotes(articles: pd.DataFrame, sentences: pd.DataFrame, study: Study) -> pd.DataFrame:
    """Find direct quotations and reported speech, with speaker, side and reporting verb.

    Parameters
    ----------
    articles : DataFrame
        The corpus table (:func:`framing.read_corpus`): ``doc_id``, ``text``,
        optionally ``headline``.
    sentences : DataFrame
        From :func:`framing.segment` on the same articles.
    study : Study
        Its actors' aliases (``study.sides[...].actors[...].aliases[lang]``)
        resolve speakers to actor ids and sides.

    Returns
    -------
    DataFrame
        Columns :data:`QUOTE_COLUMNS`, one row per quotation or reported
        content, in reading order. ``speaker`` is the actor id when the
        speaker is one of the study's actors, else the speaker's name or
        description as written ("Hélène Marchetti", "a German official"),
        or missing when no speaker is named; ``side`` is the actor's side,
        the side a role noun is tied to ("Russian officials"), or
        ``other``. ``verb`` and ``verb_class`` are missing for quotations
        that no frame introduces (follow-on quotations inherit the speaker,
        and so the attribution, of the speech before them; scare quotes
        that echo a side's account terms are given to that side).

    Raises
    ------
    FramingError
        When an article of ``sentences`` is missing from ``articles``, or
        a language has no verb file.

    Examples
    --------
    >>> quotes = find_quotes(articles, segment(articles), study)  # doctest: +SKIP
    >>> quotes[["doc_id", "kind", "speaker", "side", "verb", "verb_class"]].head()  # doctest: +SKIP
    """
    missing = {"doc_id", "text"} - set(articles.columns)
    if missing:
        raise FramingError(f"find_quotes needs articles with doc_id and text; missing {sorted(missing)}. "
                           "Read them with framing.read_corpus.")
    missing = {"doc_id", "sent_id", "para_id", "part", "start", "end", "lang"} - set(sentences.columns)
    if missing:
        raise FramingError(f"find_quotes needs the sentences table of framing.segment; missing {sorted(missing)}.")
    by_id = articles.drop_duplicates("doc_id")
    texts = dict(zip(by_id["doc_id"], by_id["text"]))
    headlines = dict(zip(by_id["doc_id"], by_id["headline"])) if "headline" in by_id else {}
    absent = sorted(set(sentences["doc_id"]) - set(texts))
    if absent:
        raise FramingError(f"The sentences name {len(absent)} article(s) not in the articles table "
                           f"(e.g. {', '.join(map(str, absent[:3]))}); segment and find quotes in the same corpus.")
    columns = [sentences[c].tolist() for c in ("doc_id", "sent_id", "para_id", "part", "start", "end", "lang")]
    by_doc: dict[object, list[tuple]] = {}
    for row in zip(*columns):
        by_doc.setdefault(row[0], []).append(row)
    rows: list[tuple] = []
    per_lang: dict[str, tuple[Rules, Actors, Lexicon | None]] = {}
    for doc_id, sents in by_doc.items():
        lang = str(sents[0][6])
        if lang not in per_lang:
            per_lang[lang] = (language_rules(lang), study_actors(study, lang),
                              study.lexicon(lang) if lang in study.lexicon_paths else None)
        rules, actors, lexicon = per_lang[lang]
        sents.sort(key=lambda r: r[1])
        head = [(r[1], r[2], r[4], r[5]) for r in sents if r[3] == "headline"]
        body = [(r[1], r[2], r[4], r[5]) for r in sents if r[3] != "headline"]
        said: list[_Said] = []
        if head:
            said += _part_quotes(str(headlines.get(doc_id)), head, rules, actors, study, lexicon, headline=True)
        if body:
            said += _part_quotes(str(texts[doc_id]), body, rules, actors, study, lexicon, headline=False)
        for item in said:
            who = item.who
            rows.append((doc_id, item.sent_id, item.start, item.end, item.kind,
                         who.speaker if who else None, who.side if who else "other", item.verb, item.cls))
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return frame.astype({"doc_id": "object", "sent_id": "int64", "start": "int64", "end": "int64",
                         "kind": "string", "speaker": "string", "side": "string", "verb": "string",
                         "verb_class": "string"})


def _part_quotes(text: str, sent_rows: list[tuple[int, int, int, int]], rules: Rules, actors: Actors,
                 study: Study, lexicon: Lexicon | None, *, headline: bool) -> list[_Said]:
    """The reported speech of one part (the headline or the text), read sentence by sentence.

    ``sent_rows`` are its sentences' ``(sent_id, para_id, start, end)`` in order. A sentence
    without quotation marks and without a word that can start a frame or continue speech
    has nothing to say: it is not even tokenised, unless the next sentence's pronoun needs
    to know whom it is about.
    """
    quotes = quotation_spans(text)
    quotes = sorted(quotes + dialogue_spans(text, quotes))
    out: list[_Said] = []
    last: _Said | None = None  # the last item with a speaker, for pronouns and follow-on quotations
    pending = list(quotes)
    frames_by_sent: dict[int, list[Frame]] = {}
    toks_by_sent: dict[int, list[Token]] = {}
    previous: tuple | None = None  # the sentence before: (toks or None, sent_id, para_id, start, end)
    mention: _Said | None = None  # the person or actor it is about, once asked
    asked = False
    for sent_id, para_id, s_start, s_end in sent_rows:
        quoted = any(q[0] < s_end and q[1] > s_start for q in quotes)
        done = [q for q in pending if q[1] <= s_end]
        if not (headline or quoted or done or _may_speak(
                WORD.findall(text, s_start, s_end), rules,
                lambda: _continues(text, s_start, s_end, out, rules, sent_id, para_id))):
            frames_by_sent[sent_id] = []
            previous, mention, asked = (None, sent_id, para_id, s_start, s_end), None, False
            continue
        toks = sentence_tokens(text, s_start, s_end, quotes, rules)
        toks_by_sent[sent_id] = toks
        frames = sentence_frames(toks, s_start, s_end, rules, actors, headline=headline)
        for frame in frames:
            frame.content = _with_marks(frame.content, quotes, s_start, s_end)
        for frame in frames:
            if frame.who == CARRY:
                # the speaker last named, or the person the sentence before is about, whichever
                # comes later; that sentence's subject starts before it ends, so when the last
                # speaker is named after that, it is not looked for
                if not asked and not (last is not None and previous is not None
                                      and last.start >= previous[4]):
                    mention, asked = _mention_of(previous, text, quotes, rules, actors), True
                ref = max((x for x in (last, mention) if x is not None), key=lambda x: x.start,
                          default=None)
                frame.who = ref.who if ref is not None else None
            elif frame.who == "impersonal":
                frame.who = None
            if frame.who is not None:
                last = _Said(frame.start, frame.end, "frame", frame.speaker, frame.verb, frame.cls, sent_id,
                             para_id)
        frames_by_sent[sent_id] = frames
        # quotations that end in this sentence are attributed now
        for q in sorted(done):
            pending.remove(q)
            item = _attribute(q, text, sent_rows, frames_by_sent, last, rules, lexicon, study,
                              toks_by_sent=toks_by_sent, actors=actors)
            if item is None:
                continue
            out.append(item)
            if item.who is not None and item.who.how != "echo":
                last = item
        # the reported content of each frame with words of its own
        for frame in frames:
            if frame.who is None and frame.pattern != "verb":
                continue
            a, b = frame.content
            near = [q for q in quotes if q[0] < b and q[1] > a]
            own = [t for t in toks if a <= t.start and t.end <= b and not t.inside
                   and not any(q[0] <= t.start < q[1] for q in near)]
            if len(own) >= 2:
                out.append(_Said(a, b, "indirect", frame.speaker, frame.verb, frame.cls, sent_id, para_id))
            elif not quoted:
                # speech reported without its content: "The Élysée gave a different account."
                out.append(_Said(frame.start, frame.end, "indirect", frame.speaker, frame.verb, frame.cls,
                                 sent_id, para_id))
        if not frames and not quoted:
            said = _continuation(toks, out, rules, sent_id, para_id)
            if said is not None:
                out.append(said)
        previous, mention, asked = (toks, sent_id, para_id, s_start, s_end), None, False
    for q in pending:  # a quotation reaching past the last sentence (cannot happen with segment output)
        item = _attribute(q, text, sent_rows, frames_by_sent, last, rules, lexicon, study,
                          toks_by_sent=toks_by_sent, actors=actors)
        if item is not None:
            out.append(item)
    out.sort(key=lambda s: (s.start, s.kind != "direct"))
    return out


def _may_speak(words: list[str], rules: Rules, continues: Callable[[], bool]) -> bool:
    """Whether a sentence with these words (WORD, as written) can hold a frame or continue speech.

    A cheap test that never says no wrongly: a one-word trigger; the words of a
    longer trigger in a row; a continuation word when ``continues()`` (speech
    just before, in the same paragraph) allows it.
    """
    telling = rules.telling
    found = set(map(telling.__getitem__, words))
    if ONE_WORD in found or ONE_WORD | CONTINUES in found:
        return True
    if (CONTINUES in found or FIRST_WORD | CONTINUES in found) and continues():
        return True
    if not (FIRST_WORD in found or FIRST_WORD | CONTINUES in found):
        return False
    forms = rules.forms
    for i, word in enumerate(words):
        if telling[word] & FIRST_WORD:
            for trig in rules.starts[forms[word][0]]:
                k = len(trig.words)
                if i + k <= len(words) and all(
                        forms[words[i + j]][0].startswith(w) if glob else forms[words[i + j]][0] == w
                        for j, (w, glob) in enumerate(trig.words)):
                    return True
    return False


def _mention_of(previous: tuple | None, text: str, quotes: list[tuple[int, int]], rules: Rules,
                actors: Actors) -> _Said | None:
    """:func:`_mention` of the sentence before, tokenising it if it was skipped."""
    if previous is None:
        return None
    toks, sent_id, para_id, s_start, s_end = previous
    if toks is None:  # tokenised only as far as _mention reads
        toks = iter_tokens(text, s_start, s_end, quotes, rules)
    return _mention(toks, rules, actors, sent_id, para_id)


def _continues(text: str, s_start: int, s_end: int, said: list[_Said], rules: Rules, sent_id: int,
               para_id: int) -> bool:
    """Whether :func:`_continuation` could find speech going on in this sentence: speech with a
    speaker in the sentence before, in the same paragraph (and in English a subject pronoun first)."""
    if rules.lang == "en":
        first = WORD.search(text, s_start, s_end)
        if first is None or lower_word(first.group(), "en") not in rules.words["subject_pronouns"]:
            return False
    return any(s.sent_id == sent_id - 1 and s.para_id == para_id and s.who is not None and s.who.how != "echo"
               for s in said)


def _continuation(toks: list[Token], said: list[_Said], rules: Rules, sent_id: int, para_id: int
                  ) -> _Said | None:
    """Reported speech continued without a new frame: the French journalistic conditional
    ("Poutine aurait refusé"), Russian «якобы», English "He would …" right after an attribution."""
    words = rules.words
    if not toks or not any(t.key in words["continuation"] and not t.inside for t in toks):
        return None
    if rules.lang == "en" and toks[0].key not in words["subject_pronouns"]:
        return None
    previous = [s for s in said if s.sent_id == sent_id - 1 and s.para_id == para_id and s.who is not None
                and s.who.how != "echo"]
    if not previous:
        return None
    return _Said(toks[0].start, toks[-1].end, "indirect", previous[-1].who, None, None, sent_id, para_id)


def _mention(toks: Iterable[Token], rules: Rules, actors: Actors, sent_id: int, para_id: int) -> _Said | None:
    """The actor or person a sentence opens with (its likely subject), for "he"/"il"/«он» next.

    The first phrase of the sentence, or the second when the first is a short
    phrase naming nobody ("Peu après, le président français …"). The tokens
    are read only as far as needed.
    """
    for n, head in enumerate(_phrases(toks, rules)):
        head = head[:8]
        who = resolve_speaker(head, rules, actors, whole=False) if head else None
        if isinstance(who, Speaker) and who.how in ("alias", "named"):
            return _Said(head[0].start, head[-1].end, "mention", who, None, None, sent_id, para_id)
        if who is not None or len(head) > 3 or n == 1:
            break
    return None


def _phrases(toks: Iterable[Token], rules: Rules) -> Iterator[list[Token]]:
    """The phrases of a sentence up to its first quotation: each ends before a comma, a dash,
    a clause word … (see hard_gap, ``boundaries``)."""
    phrase: list[Token] = []
    for k, t in enumerate(toks):
        if t.inside:
            break
        if k and (t.hard or t.key in rules.words["boundaries"]):
            yield phrase
            phrase = []
        phrase.append(t)
    yield phrase


def _with_marks(span: tuple[int, int], quotes: list[tuple[int, int]], low: int, high: int) -> tuple[int, int]:
    """Widen a span that starts or ends inside a quotation to take in its marks."""
    a, b = span
    for qa, qb in quotes:
        if qa < a < qb and qa >= low:
            a = qa
        if qa < b < qb and qb <= high:
            b = qb
    return a, b


def _attribute(q: tuple[int, int], text: str, sent_rows: list[tuple], frames_by_sent: dict[int, list[Frame]],
               last: _Said | None, rules: Rules, lexicon: Lexicon | None, study: Study, *,
               toks_by_sent: dict[int, list[Token]], actors: Actors) -> _Said | None:
    """Give a quotation its speaker: a frame beside it, the speaker before it, or the side it echoes."""
    a, b = q
    touched = [r for r in sent_rows if r[2] < b and r[3] > a]
    if not touched:
        return None
    sent_id, para_id = touched[0][0], touched[0][1]
    candidates = []
    for r in touched:
        for frame in frames_by_sent.get(r[0], []):
            if frame.who is None and frame.pattern != "verb":
                continue
            if frame.content[0] <= a and b <= frame.content[1]:
                distance = 0  # a partial quotation inside the reported content
            elif frame.verb_at >= b:
                distance = frame.start - b
            elif frame.end <= a:
                distance = a - frame.end
            else:
                distance = 0
            candidates.append((max(distance, 0), frame))
    inner = text[a:b]
    n_words = len(WORD.findall(inner))
    full = n_words > _SCARE_WORDS or bool(re.search(r"[.!?…]\W*$", inner.rstrip("”»“\"’›‘ ")))
    if candidates:
        frame = min(candidates, key=lambda c: c[0])[1]
        return _Said(a, b, "direct", frame.speaker, frame.verb, frame.cls, sent_id, para_id)
    if text[touched[0][2]:a].rstrip().endswith(":"):
        # "Un ancien ambassadeur, qui a requis l'anonymat, va plus loin : « … »"
        before = [t for t in toks_by_sent.get(sent_id, []) if t.end <= a]
        who = resolve_speaker(subject_tokens(before, len(before), rules), rules, actors, whole=False) if before else None
        if who == CARRY:
            who = last.who if last is not None else None
        if isinstance(who, Speaker):
            return _Said(a, b, "direct", who, None, None, sent_id, para_id)
    if full and last is not None and last.who is not None and para_id - last.para_id <= 1:
        return _Said(a, b, "direct", last.who, None, None, sent_id, para_id)
    side = _echo(inner, lexicon, study)
    if side is not None:
        return _Said(a, b, "direct", Speaker(None, side, "echo"), None, None, sent_id, para_id)
    if full:
        return _Said(a, b, "direct", None, None, None, sent_id, para_id)
    return None


def _echo(inner: str, lexicon: Lexicon | None, study: Study) -> str | None:
    """The one side whose account terms the quoted words use, if exactly one."""
    if lexicon is None:
        return None
    sides = {study.side_of(m.category) for m in lexicon.find(inner)} - {None}
    return sides.pop() if len(sides) == 1 else None
