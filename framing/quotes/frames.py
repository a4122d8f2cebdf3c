"""Attribution frames in a sentence: verb, preposition, noun and headline frames.

A verb of saying with its subject before it ("Peskov said that …") or after
it ("…, said a French diplomat", "« … », a déclaré X", «как сообщил X»,
"a-t-il ajouté"); a preposition ("according to X", *selon X*, «по словам X»);
a noun of speech ("the Kremlin's statement", «слова Олланда»); a headline's
"Kremlin: …" or "… — Kremlin". Each frame (:class:`Frame`) has a class,
``neutral``, ``assertive`` or ``distancing``; a distancing marker in the
sentence ("so-called", *prétendument*, «якобы») makes its frames distancing.
"""

from __future__ import annotations

from dataclasses import dataclass


from .language import Rules, Token, Trigger, hard_gap
from .speakers import Actors, CARRY, Speaker, alias_matches, resolve_speaker, role_matches

__all__ = ["Frame", "sentence_frames", "subject_tokens"]
# Words a speaker phrase may have, before and after its verb.
_CHUNK_BEFORE = 12
_CHUNK_AFTER = 10


@dataclass
class Frame:
    start: int          # the frame (speaker and verb), in source offsets
    end: int
    verb: str
    cls: str
    pattern: str
    content: tuple[int, int]  # the reported content
    who: Speaker | str | None
    verb_at: int
    inverted: bool = False

    @property
    def speaker(self) -> Speaker | None:
        """``who`` once pronouns are resolved (:func:`_part_quotes`): a speaker or None."""
        return self.who if isinstance(self.who, Speaker) else None


def _match_trigger(toks: list[Token], i: int, rules: Rules) -> tuple[Trigger, int] | None:
    """The longest trigger starting at token ``i``, and its length in tokens."""
    for trig in rules.starts[toks[i].key]:
        k = len(trig.words)
        if i + k > len(toks):
            continue
        ok = True
        for j, (word, glob) in enumerate(trig.words):
            tok = toks[i + j]
            if tok.inside or (j and tok.hard):
                ok = False
                break
            if not (tok.key.startswith(word) if glob else tok.key == word):
                ok = False
                break
        if ok:
            return trig, k
    return None


def sentence_frames(toks: list[Token], s_start: int, s_end: int, rules: Rules, actors: Actors,
                     *, headline: bool) -> list[Frame]:
    frames: list[Frame] = []
    distancing = False
    starts = rules.starts
    i = 0
    for at, tok in enumerate(toks):
        if at < i or tok.inside:
            continue  # inside the trigger before, or quoted
        i = at
        if not starts[tok.key]:
            continue
        found = _match_trigger(toks, i, rules)
        if found is None:
            continue
        trig, k = found
        j_end = i + k  # tokens i..j_end-1 are the trigger
        if trig.pattern == "marker":
            distancing = True
            i = j_end
            continue
        frame = None
        if trig.pattern == "verb":
            frame = _verb_frame(toks, i, j_end, trig, rules, actors, frames)
        elif trig.pattern in ("prep", "opinion"):
            frame = _prep_frame(toks, i, j_end, trig, rules, actors)
        elif trig.pattern == "noun":
            frame = _noun_frame(toks, i, j_end, trig, rules, actors)
        if frame is not None:
            frames.append(frame)
        i = j_end
    for frame in frames:
        if frame.who == CARRY:
            # "Puis François Hollande a haussé le ton : il a confié …"
            # or "Пескова спросили о Сирии, и он ответил …": the clause before names the speaker
            cut = [t for t in toks if t.start < frame.start and (";" in t.gap or ":" in t.gap or (
                t.hard and t.key in rules.words["coordinators"]))]
            if cut:
                before = [t for t in toks if t.start < cut[-1].start]
                head = subject_tokens(before, len(before), rules)[:5]
                who = resolve_speaker(head, rules, actors, whole=False) if head else None
                if isinstance(who, Speaker) and who.how in ("alias", "named"):
                    frame.who = who
    for k, frame in enumerate(frames):
        low = frames[k - 1].end if k else s_start
        high = frames[k + 1].start if k + 1 < len(frames) else s_end
        frame.content = _content_span(toks, frame, min(low, frame.start), max(high, frame.end), rules)
    if headline and not frames:
        frame = _headline_frame(toks, rules, actors, s_start, s_end)
        if frame is not None:
            frames.append(frame)
    if distancing:
        for frame in frames:
            frame.cls = "distancing"
    return frames


def _verb_frame(toks: list[Token], i: int, j_end: int, trig: Trigger, rules: Rules, actors: Actors,
                frames: list[Frame]) -> Frame | None:
    """A verb of saying at tokens ``i:j_end`` and its speaker, before it or (inverted) after it."""
    words = rules.words
    lang = rules.lang
    # a participle with its agent: "announced by the Kremlin", "évoquée par plusieurs capitales"
    if j_end < len(toks) and toks[j_end].key in words["agent"] and not toks[j_end].hard:
        agent, _ = _chunk_after(toks, j_end + 1, rules)
        by = resolve_speaker(agent, rules, actors, whole=False) if agent else None
        if by is None or _negative(agent, rules):
            return None
        return Frame(toks[i].start, agent[-1].end, _words(toks[i:j_end]), trig.cls, "verb",
                      (0, 0), by, toks[i].start, True)
    # a passive participle without agent ("was told", "accused of") is no frame
    before = toks[i - 1] if i > 0 and not toks[i].hard else None
    if before is not None and before.key in words["passive"] and not toks[i].key.endswith("ing"):
        return None
    # French clitic inversion after the verb: "dit-elle", "ajoute-t-il", "assure-t-on"
    who: Speaker | str | None = None
    after_from = j_end
    m = j_end
    if m < len(toks) and toks[m].key == "t" and toks[m].gap.strip() == "-":
        m += 1
    if m < len(toks) and toks[m].gap.strip() == "-" and (
            toks[m].key in words["pronouns"] or toks[m].key in words["impersonal"]):
        who = CARRY if toks[m].key in words["pronouns"] else "impersonal"
        after_from = m + 1
    # walk back over auxiliaries, clitics and adverbs to the start of the verb group
    v = i
    steps = 0
    while v > 0 and steps < 6 and not toks[v].hard:
        prev = toks[v - 1]
        if prev.inside:
            break
        clitic = prev.gap.strip() == "-"
        if clitic and prev.key in words["pronouns"]:
            who = CARRY  # "a-t-il ajouté", "avait-elle dit"
        elif clitic and prev.key in words["impersonal"]:
            who = "impersonal"
        elif not (prev.key in words["auxiliaries"] or (clitic and prev.key == "t")
                  or _is_adverb(toks, v - 1, rules)):
            break
        v -= 1
        steps += 1
    if j_end < len(toks) and toks[j_end].key in words["passive_after"] and not toks[j_end].hard \
            and toks[i].key.endswith(tuple(words["participle_endings"])) \
            and not any(toks[k].key in words["perfect"] for k in range(v, i)):
        return None  # a participle used as an adjective: "accused of", "Accusé de crimes de guerre"
    first = v
    inverter = v > 0 and not toks[v].hard and toks[v - 1].key in words["inverters"]
    if inverter:
        first = v - 1
    after_chunk, stop = _chunk_after(toks, after_from, rules)
    if not after_chunk and after_from < len(toks) and "," in toks[after_from].gap and not toks[after_from].inside:
        # "», résume, avec un sourire, un diplomate français": skip one adjunct
        k = after_from + 1
        while k < len(toks) and not toks[k].hard:
            k += 1
        if k < len(toks) and "," in toks[k].gap and not toks[k].inside:
            chunk, why = _chunk_after(toks, k, rules, first_gap=True)
            if _speaker_like(chunk, why, rules, actors):
                after_chunk, stop = chunk, why
    before_chunk = _chunk_before(toks, first, rules)
    opens_clause = first == 0 or toks[first].hard
    # "..., said X" / "«…», a déclaré X" / "как сообщил X": the speaker follows the verb
    inverted = inverter or (opens_clause and (lang != "en" or first > 0)
                            and _speaker_like(after_chunk, stop, rules, actors))
    if who is None and first > 0 and not toks[first].hard and toks[first - 1].key in words["subject_pronouns"]:
        who = CARRY  # "he said", "il a dit", «Удары по Алеппо он назвал»
    if who is None:
        if inverted:
            who = resolve_speaker(after_chunk, rules, actors, whole=lang != "en")
            if who is None:
                who = resolve_speaker(subject_tokens(toks, first, rules), rules, actors, whole=False)
        else:
            who = _subject_of(toks, first, before_chunk, rules, actors, frames)
            weak = who is None or isinstance(who, Speaker) and who.how in ("role", "unknown")
            if weak and lang != "en" and _speaker_like(after_chunk, stop, rules, actors):
                # «Такую картину событий изложил Елисейский дворец»
                later = resolve_speaker(after_chunk, rules, actors, whole=False)
                if isinstance(later, Speaker) and later.how in ("alias", "anchor", "named", "commentator"):
                    who = later
                elif who is None:
                    who = later
    if who == "impersonal":
        who = resolve_speaker(after_chunk, rules, actors, whole=False) if after_chunk else None
        if who is None or who == CARRY:
            who = resolve_speaker(subject_tokens(toks, first, rules), rules, actors, whole=False)
    if who is None and not inverted and not frames and not opens_clause and (
            not before_chunk or before_chunk[-1].key in words["articles"]):
        return None  # no subject, or an article before a participle: "an estimated 275,000", "le prétendu"
    if _negative((after_chunk if inverted else before_chunk) + toks[first:i], rules):
        return None  # "Neither side said …", «никто не сказал»
    if isinstance(who, Speaker) and who.how == "unknown":
        return None  # a subject that names nobody: "a visit agreed months ago", "l'épisode rappelle"
    if inverted:
        start = toks[first].start
        end = after_chunk[-1].end if after_chunk else toks[j_end - 1].end
    else:
        start = before_chunk[0].start if before_chunk else toks[first].start
        end = toks[j_end - 1].end
    verb = _words(toks[i:j_end])
    return Frame(start, end, verb, trig.cls, "verb", (0, 0), who, toks[i].start, inverted)


def _words(toks: list[Token]) -> str:
    """Tokens as written, with the hyphens and apostrophes between them ("D’après", "a-t-il")."""
    return toks[0].raw + "".join((" " if t.gap.isspace() else t.gap) + t.raw for t in toks[1:]) if toks else ""


def _negative(chunk: list[Token], rules: Rules) -> bool:
    """Whether a speaker phrase says that nobody spoke ("neither side", "nul à Paris")."""
    return any(t.key in rules.words["negatives"] for t in chunk)


def _speaker_like(chunk: list[Token], stop: str, rules: Rules, actors: Actors) -> bool:
    """Whether the words after a verb can be its inverted subject (not a clause it introduces).

    They must name someone (a pronoun, an alias, a side's name, a role or a
    person) in their first five words, before any word that makes a clause.
    """
    if not chunk or stop == "complementizer":
        return False
    if any(t.key in rules.words["clause_words"] for t in chunk):
        return False
    return resolve_speaker(chunk[:5], rules, actors, whole=False) is not None


def _subject_of(toks: list[Token], first: int, before_chunk: list[Token], rules: Rules, actors: Actors,
                frames: list[Frame]) -> Speaker | str | None:
    """The speaker of a verb whose subject comes before it."""
    words = rules.words
    prev = toks[first - 1].key if first > 0 and not toks[first].hard else None
    if before_chunk:
        who = resolve_speaker(before_chunk, rules, actors)
        start = toks.index(before_chunk[0])
        if isinstance(who, Speaker) and who.how == "alias" and start > 0 \
                and toks[start - 1].key in words["coordinators"] and not toks[start].hard:
            # "Moscow and Paris explain …": the first of two speakers
            earlier = _chunk_before(toks, start - 1, rules)
            first_one = resolve_speaker(earlier, rules, actors, whole=False) if 0 < len(earlier) <= 3 else None
            if isinstance(first_one, Speaker) and first_one.how == "alias":
                return first_one
        if who is None or (isinstance(who, Speaker) and who.how in ("role", "unknown")):
            # "In Paris, officials insist": the place or name earlier in the clause decides
            better = resolve_speaker(subject_tokens(toks, first, rules), rules, actors, whole=False)
            if isinstance(better, Speaker) and better.how in ("alias", "anchor", "named", "commentator"):
                return better
        return who
    if prev in words["relatives"]:
        antecedent = _chunk_before(toks, first - 1, rules, across=True)
        return resolve_speaker(antecedent, rules, actors, whole=False) if antecedent else None
    if prev in words["coordinators"] and frames:
        return frames[-1].who
    who = resolve_speaker(subject_tokens(toks, first, rules), rules, actors, whole=False)
    if who is None and frames:
        return frames[-1].who
    return who


def _is_adverb(toks: list[Token], j: int, rules: Rules) -> bool:
    """An adverb before a verb ("firmly rejects", "прозрачно намекнул", "a notamment dit").

    French adverbs in -ment are skipped only between an auxiliary and its
    participle, so that a noun such as "gouvernement" is never taken for one.
    """
    t = toks[j]
    if t.cap or len(t.key) <= 4 or not any(t.key.endswith(e) for e in rules.words["adverb_endings"]) \
            or t.key in rules.words["negatives"]:
        return False
    if rules.lang != "fr":
        return True
    return any(toks[b].key in rules.words["auxiliaries"] for b in range(j - 1, max(-1, j - 3), -1))


def _prep_frame(toks: list[Token], i: int, j_end: int, trig: Trigger, rules: Rules, actors: Actors
                ) -> Frame | None:
    """ "according to X", "selon X", «по словам X»; and "Pour X, …" (an opinion, sentence-initial)."""
    opinion = trig.pattern == "opinion"
    if opinion and i != 0:
        return None
    pron = [t for t in toks[i:j_end] if t.key in rules.words["pronouns"]]
    chunk, stop = _chunk_after(toks, j_end, rules)
    if opinion and stop != "hard":
        return None
    who = CARRY if pron else (resolve_speaker(chunk, rules, actors) if chunk else None)
    if ((who == CARRY and not pron) or isinstance(who, Speaker) and who.how in ("role", "unknown", "anchor")) \
            and stop == "hard":
        # "Selon son porte-parole, Dmitri Peskov, …": a name in apposition
        k = j_end + len(chunk)
        apposition, why = _chunk_after(toks, k, rules, first_gap=True)
        if k < len(toks) and "," in toks[k].gap and why == "hard" and len(apposition) <= 4:
            named = resolve_speaker(apposition, rules, actors, whole=False)
            if isinstance(named, Speaker) and named.how in ("alias", "named"):
                who = named
                chunk = chunk + apposition
    if isinstance(who, Speaker) and who.how in ("role", "unknown"):
        # "Inside the Élysée, according to an official, …"
        better = resolve_speaker(subject_tokens(toks, i, rules), rules, actors, whole=False)
        if isinstance(better, Speaker) and better.how in ("alias", "anchor"):
            who = better
    if who is None:
        return None
    if opinion:
        # "Pour le politologue X, …", "Pour la présidence, …" are speech; "Pour Moscou, …" and
        # "Pour le président français, …" (a role inside an alias) are points of view
        covered = {id(t) for a, b, _ in alias_matches(chunk, actors, rules.lang) for t in chunk[a:b]}
        free = [r for r in role_matches(chunk, "roles", rules)
                if id(chunk[r[0]]) not in covered]
        if not (free or isinstance(who, Speaker) and who.how in ("named", "commentator")):
            return None
    end = chunk[-1].end if chunk and not pron else toks[j_end - 1].end
    verb = _words(toks[i:j_end])
    return Frame(toks[i].start, end, verb, trig.cls, "prep", (0, 0), who, toks[i].start)


def _noun_frame(toks: list[Token], i: int, j_end: int, trig: Trigger, rules: Rules, actors: Actors
                ) -> Frame | None:
    """A noun of speech and whose it is: "the Kremlin's statement", "his remarks", "la version
    du Kremlin", «слова Олланда», or the subject of its clause ("The Élysée gave a different
    account", "Au Kremlin, le récit est différent")."""
    words = rules.words
    who: Speaker | str | None = None
    start, end = toks[i].start, toks[j_end - 1].end
    prev = toks[i - 1] if i > 0 and not toks[i].hard else None
    if prev is not None and prev.key in words["possessives"]:
        who = CARRY
        start = prev.start
    elif prev is not None and prev.key == "s" and prev.gap in ("'", "’"):
        chunk = _chunk_before(toks, i - 1, rules)
        who = resolve_speaker(chunk, rules, actors, whole=False) if chunk else None
        if chunk:
            start = chunk[0].start
    else:
        chunk, _ = _chunk_after(toks, j_end, rules)
        if rules.lang == "en":
            chunk = chunk[1:] if chunk and chunk[0].key in ("of", "by") else []
        elif rules.lang == "fr":
            chunk = chunk if chunk and chunk[0].key in ("de", "du", "des", "d") else []
        who = resolve_speaker(chunk[:4], rules, actors, whole=False) if chunk else None
        if chunk and who is not None:
            end = chunk[min(3, len(chunk) - 1)].end
    if (who is None or (isinstance(who, Speaker) and who.how not in ("alias", "anchor")) and who != CARRY) \
            and _in_main_clause(toks, i, rules):
        # the subject of the clause the noun is in
        subject = subject_tokens(toks, i, rules)
        pronoun = subject and subject[-1].key in words["subject_pronouns"]
        who = CARRY if pronoun else (resolve_speaker(subject, rules, actors, whole=False) if subject else None)
        if isinstance(who, Speaker) and who.how not in ("alias", "named"):
            who = None
        if subject:
            start = min(start, subject[0].start)
    if who is None or (isinstance(who, Speaker) and who.how not in ("alias", "anchor", "named")):
        return None
    return Frame(start, end, _words(toks[i:j_end]), trig.cls, "noun", (0, 0), who,
                  toks[i].start)


def _in_main_clause(toks: list[Token], i: int, rules: Rules) -> bool:
    """Whether token ``i`` is in the sentence's first clause (after at most a short fronted
    phrase, "Au Kremlin, le récit …") and not right after a preposition ("in other words")."""
    if any(toks[k].key in rules.words["prepositions"] for k in range(max(0, i - 2), i)):
        return False
    cuts = [k for k in range(1, i + 1) if toks[k].hard or toks[k].key in rules.words["boundaries"]]
    if not cuts:
        return True
    return len(cuts) == 1 and cuts[0] <= 3 and toks[0].key in rules.words["prepositions"]


def _headline_frame(toks: list[Token], rules: Rules, actors: Actors, s_start: int, s_end: int
                    ) -> Frame | None:
    """Headline attributions without a verb: "Kremlin: …", "Le Kremlin : …" and "… — Kremlin"."""
    if not toks:
        return None

    def only_actor(part: list[Token]) -> Speaker | None:
        # the phrase is one alias and nothing else but function words
        found = alias_matches(part, actors, rules.lang)
        if len(found) != 1:
            return None
        a, b, alias = found[0]
        if any(t.key not in rules.stopwords for t in part[:a] + part[b:]):
            return None
        return Speaker(alias.actor, alias.side, "alias")

    for j in range(1, min(5, len(toks))):
        if ":" in toks[j].gap:
            who = only_actor(toks[:j])
            if who is not None:
                return Frame(toks[0].start, toks[j - 1].end, ":", "neutral", "headline",
                              (toks[j].start, s_end), who, toks[0].start)
            break
    for j in range(len(toks) - 1, max(0, len(toks) - 4), -1):
        if any(d in toks[j].gap for d in "—–") or toks[j].gap.strip() == "-":
            who = only_actor(toks[j:])
            if who is not None:
                return Frame(toks[j].start, toks[-1].end, "—", "neutral", "headline",
                              (s_start, toks[j - 1].end), who, toks[j].start)
            break
    return None


def _chunk_before(toks: list[Token], v: int, rules: Rules, *, across: bool = False) -> list[Token]:
    """The words before token ``v`` back to a comma, a quotation or a clause word.

    With ``across``, a comma right before ``v`` does not end the phrase (the
    antecedent of "…, who said").
    """
    out: list[Token] = []
    if v < len(toks) and toks[v].hard and not across:
        return []
    j = v - 1
    while j >= 0 and len(out) < _CHUNK_BEFORE:
        t = toks[j]
        if t.inside or t.key in rules.words["boundaries"]:
            break
        out.append(t)
        if t.hard:
            break
        j -= 1
    return out[::-1]


def _chunk_after(toks: list[Token], j: int, rules: Rules, *, first_gap: bool = False
                 ) -> tuple[list[Token], str]:
    """The words from token ``j`` on, up to a comma, a quotation or a clause word, and why it stopped.

    The reason is ``end`` (of the sentence), ``hard`` (punctuation or a
    quotation), ``complementizer`` ("that", «что»), ``boundary`` (another
    clause word) or ``max`` (too long to be a speaker's name).
    """
    out: list[Token] = []
    while j < len(toks) and toks[j].key in rules.words["after_skip"] and not toks[j].hard:
        j += 1
    while j < len(toks):
        t = toks[j]
        if t.inside or (out and t.hard) or (not out and t.hard and j > 0 and not first_gap):
            return out, "hard"
        if t.key in rules.words["complementizers"]:
            return out, "complementizer"
        if t.key in rules.words["boundaries"]:
            return out, "boundary"
        if len(out) >= _CHUNK_AFTER:
            return out, "max"
        out.append(t)
        j += 1
    return out, "end"


def subject_tokens(toks: list[Token], upto: int, rules: Rules) -> list[Token]:
    """The clause's likely subject: the words before token ``upto``, without the clauses
    that open with a clause word ("Dr X, who teaches …, said") or that are quoted.

    A sentence-initial "But"/"Mais"/«Но» is skipped, not taken for a clause word.
    """
    words = rules.words
    j = 0
    for k in range(1, upto):
        if ";" in toks[k].gap or ":" in toks[k].gap:
            j = k  # a new clause after a semicolon or colon
    while j < upto and toks[j].key in words["coordinators"]:
        j += 1
    out: list[Token] = []
    keep = True
    for k in range(j, upto):
        t = toks[k]
        if k == j or t.hard or t.key in words["boundaries"]:
            keep = not (t.key in words["boundaries"] or t.inside)
        if t.inside:
            keep = False
        if keep:
            out.append(t)
        if len(out) >= _CHUNK_BEFORE:
            break
    return out


def _content_span(toks: list[Token], frame: Frame, low: int, high: int, rules: Rules) -> tuple[int, int]:
    """The reported content of a frame, within ``low``–``high`` (its neighbouring frames).

    Before the frame when it closes the clause ("…, said X", "…, the Kremlin
    said Tuesday", "…, selon X"), after it otherwise ("X said that …",
    "Selon X, …"); for a frame in the middle ("Those bombing, he said, were …")
    the larger side.
    """
    if frame.pattern == "headline":
        return frame.content
    left = [t for t in toks if low <= t.start and t.end <= frame.start]
    right = [t for t in toks if frame.end <= t.start and t.end <= high]
    after_verb = [t for t in toks if t.start >= frame.verb_at and t.end <= high]
    tail = next((k for k, t in enumerate(after_verb[1:], start=1) if t.hard), len(after_verb)) - 1
    closes = frame.inverted or (tail <= 2 and bool(left) and hard_gap(_gap_before(toks, frame.start)))
    if frame.pattern in ("prep", "noun") and left and right:
        side = left if len(left) > len(right) else right
    elif closes and left:
        side = left
    else:
        side = right or left
    words = rules.words
    while side and side[0].key in words["complementizers"]:
        side = side[1:]  # "that …", "que …", «что …»
    while side and side[-1].key in words["boundaries"]:
        side = side[:-1]  # "…, and" before the next frame
    if not side:
        return (frame.end, frame.end)
    return side[0].start, side[-1].end


def _gap_before(toks: list[Token], pos: int) -> str:
    for t in toks:
        if t.start >= pos:
            return t.gap
    return ""
