"""The lexicon rule language: proximity, conjunction and exclusion, denial scope, context, stemming.

Every rule type is tested in English, French and Russian, with the edge cases
the README names: a sentence end (no rule crosses it), overlap with plain
entries, a denial inside a quotation, NOT exclusion, context never counted.
"""

import pandas as pd
import pytest

from framing.classify import LexiconCounts
from framing.errors import LexiconError, StudyError
from framing.evaluate import lexicon_labels
from framing.lexicon import Lexicon, load_cues, merge_dictionaries, read_lexicon
from framing.scoring import carriers, match, score
from framing.study import load_study


def hits(lexicon, text):
    return [(h.category, text[h.start:h.end], h.denied, h.counts_for) for h in lexicon.hits(text)]


def counted(lexicon, text):
    return sorted({h.counts_for for h in lexicon.hits(text) if h.counts_for})


# -- proximity --------------------------------------------------------------------------

PROXIMITY = {
    "en": ({"k": ["program* NEAR/3 chang*"], "b": ["cancel* BEFORE/4 visit*"]},
           "The programme had been changed.", "Changes to the whole programme.",
           "The visit was cancelled.", "They cancelled the planned Paris visit."),
    "fr": ({"k": ["programme NEAR/3 modifi*"], "b": ["annul* BEFORE/4 visite"]},
           "Le programme a été modifié.", "On a modifié tout le programme.",
           "La visite est annulée.", "Poutine annule sa prochaine visite."),
    "ru": ({"k": ["программ* NEAR/3 измен*"], "b": ["отмен* BEFORE/4 визит*"]},
           "Программа визита изменилась.", "Изменилась вся программа.",
           "Визит отменён.", "Путин отменил свой визит."),
}


SPANS = {"The programme had been changed.": "programme had been changed",
         "Changes to the whole programme.": "Changes to the whole programme",
         "Le programme a été modifié.": "programme a été modifié",
         "On a modifié tout le programme.": "modifié tout le programme",
         "Программа визита изменилась.": "Программа визита изменилась",
         "Изменилась вся программа.": "Изменилась вся программа"}


@pytest.mark.parametrize("lang", ["en", "fr", "ru"])
def test_near_matches_in_either_order_and_before_only_in_its_order(lang):
    dictionary, near1, near2, wrong_order, right_order = PROXIMITY[lang]
    lex = Lexicon(dictionary, lang=lang)
    for text in (near1, near2):
        (hit,) = lex.hits(text)
        assert (hit.category, hit.term, hit.denied) == ("k", dictionary["k"][0], False)
        # the span runs from the first to the last matched word, whichever comes first
        assert text[hit.start:hit.end] == SPANS[text]
    assert [h.category for h in lex.hits(wrong_order)] == []
    (hit,) = lex.hits(right_order)
    assert hit.category == "b" and hit.term == dictionary["b"][0]


def test_proximity_span_runs_from_the_first_to_the_last_matched_word_and_counts_words_between():
    lex = Lexicon({"k": ["program* NEAR/2 chang*"]})
    text = "Then changes, they said, to the programme."
    assert hits(lex, "The programme was quietly changed.") == [
        ("k", "programme was quietly changed", False, "k")]
    assert hits(lex, "The programme was very quietly changed.") == []  # three words between
    assert hits(lex, text) == []  # four words (punctuation does not count) between
    assert hits(Lexicon({"k": ["program* NEAR/0 chang*"]}), "programme changes") == [
        ("k", "programme changes", False, "k")]


def test_proximity_operands_can_be_multi_word_globs_or_categories():
    lex = Lexicon({"syria": ["Syria", "Aleppo", "war crime*"],
                   "f": ["in retaliation NEAR/6 @syria", "over BEFORE/1 @syria"]})
    assert [c for c, *_ in hits(lex, "Putin stayed away in retaliation for the war crimes charge.")] == [
        "f", "syria"]
    assert [c for c, *_ in hits(lex, "The row over Aleppo.")] == ["f", "syria"]
    assert [c for c, *_ in hits(lex, "Aleppo was over.")] == ["syria"]


@pytest.mark.parametrize("lang, text", [
    ("en", "The programme was final. Changes came later."),
    ("fr", "Le programme était fixé. Modifié ensuite par M. Hollande."),
    ("ru", "Программа была готова. Изменилась она потом."),
])
def test_proximity_never_crosses_a_sentence_end(lang, text):
    dictionary = PROXIMITY[lang][0]
    lex = Lexicon(dictionary, lang=lang)
    assert [h for h in lex.hits(text) if h.category == "k"] == []
    # the same words in one sentence do match
    assert [h.category for h in lex.hits(text.replace(". ", ", ", 1))] == ["k"]


def test_an_abbreviation_is_no_sentence_end_for_rules():
    lex = Lexicon({"f": ["annul* NEAR/8 Alep"]}, lang="fr")
    assert [h.category for h in lex.hits("Annulée après les propos de M. Hollande sur Alep.")] == ["f"]


def test_a_plain_entry_inside_a_proximity_hit_of_the_same_category_counts_once():
    lex = Lexicon({"k": ["programme", "programme NEAR/3 chang*"], "other": ["programme"]})
    assert hits(lex, "The programme has changed.") == [
        ("k", "programme has changed", False, "k"), ("other", "programme", False, "other")]
    assert hits(lex, "The programme stands.") == [
        ("k", "programme", False, "k"), ("other", "programme", False, "other")]
    keep = Lexicon({"k": ["programme", "programme NEAR/3 chang*"]}, overlap="keep")
    assert len(keep.hits("The programme has changed.")) == 2


# -- conjunction and exclusion ----------------------------------------------------------

CONJUNCTION = {
    "en": ("Putin cancelled his trip amid the row over Aleppo.", "Putin cancelled his trip.",
           "The Kremlin denied that Putin cancelled his trip over Aleppo."),
    "fr": ("Poutine annule sa visite sur fond de crise à Alep.", "Poutine annule sa visite.",
           "Le Kremlin a démenti que Poutine annule sa visite à cause d'Alep."),
    "ru": ("Путин отменил визит на фоне событий в Алеппо.", "Путин отменил визит.",
           "В Кремле опровергли, что Путин отменил визит из-за Алеппо."),
}
CONJ_LEXICON = {
    "cancel": {"patterns": ["cancel*", "annul*", "отмен*"], "role": "context"},
    "syria": {"patterns": ["Aleppo", "Alep", "Алеппо"], "role": "context"},
    "denial": {"patterns": ["denied", "démenti", "опровергли"], "role": "context"},
    "f3": {"all": ["@cancel", "@syria"], "none": ["@denial"], "codebook": "F3"},
}


@pytest.mark.parametrize("lang", ["en", "fr", "ru"])
def test_conjunction_fires_when_all_items_share_a_sentence_and_none_excludes(lang):
    linked, bare, denied = CONJUNCTION[lang]
    lex = Lexicon(CONJ_LEXICON, lang=lang)
    found = lex.hits(linked)
    assert [h.category for h in found if h.counts_for] == ["f3"]
    (f3,) = [h for h in found if h.category == "f3"]
    assert f3.term == "@cancel AND @syria NOT (@denial)"
    assert linked[f3.start:f3.end].lower().startswith(("cancel", "annule", "отменил"))
    assert linked[f3.start:f3.end].endswith(("Aleppo", "Alep", "Алеппо"))
    assert counted(lex, bare) == []
    assert counted(lex, denied) == []  # NOT: a denial word in the sentence excludes the rule
    assert lex.codebook("f3") == "F3"


@pytest.mark.parametrize("lang, text", [
    ("en", "Putin cancelled his trip. The bombing of Aleppo went on."),
    ("fr", "Poutine annule sa visite. Les bombardements d'Alep continuent."),
    ("ru", "Путин отменил визит. Бомбардировки Алеппо продолжаются."),
])
def test_conjunction_never_joins_two_sentences(lang, text):
    assert counted(Lexicon(CONJ_LEXICON, lang=lang), text) == []
    assert counted(Lexicon(CONJ_LEXICON, lang=lang), text.replace(". ", "; ", 1)) == ["f3"]


def test_any_items_patterns_and_proximity_items_and_none_on_plain_patterns():
    lex = Lexicon({
        "cancel": {"patterns": ["cancel*"], "role": "context"},
        "f": {"all": ["@cancel"], "any": ["war crime*", "veto NEAR/3 Aleppo"]},
        "k": {"patterns": ["programme"], "none": ["joke"]},
    })
    assert counted(lex, "He cancelled after the war crimes charge.") == ["f"]
    assert counted(lex, "He cancelled after the veto on Aleppo.") == ["f"]
    assert counted(lex, "He cancelled after the veto.") == []
    assert counted(lex, "The programme.") == ["k"]
    assert counted(lex, "The programme is a joke.") == []


def test_conjunctions_can_use_other_rules_and_cycles_are_refused():
    lex = Lexicon({"a": ["alpha"], "b": ["beta"], "ab": {"all": ["@a", "@b"]}, "abc": {"all": ["@ab", "gamma"]}})
    assert counted(lex, "alpha beta gamma") == ["a", "ab", "abc", "b"]
    with pytest.raises(LexiconError, match="cycle"):
        Lexicon({"x": {"all": ["@y"]}, "y": {"all": ["@x"]}})


# -- negation and denial scope ------------------------------------------------------------

DENIAL = {
    # language: (denied F3, not denied, denial in a quotation, clause break)
    "en": ("It was not because of Syria.", "It was because of Syria.",
           '"This has nothing to do with the row over Syria," Peskov said.',
           "It was not the schedule, but because of Syria."),
    "fr": ("Ce n'est pas à cause de la Syrie.", "C'est à cause de la Syrie.",
           "« Cela n'a rien à voir avec la querelle sur la Syrie », a dit Peskov.",
           "Ce n'est pas le calendrier, mais à cause de la Syrie."),
    "ru": ("Это не из-за Сирии.", "Это из-за Сирии.",
           "«Это не имеет отношения к спору из-за Сирии», — сказал Песков.",
           "Дело не в графике, а из-за Сирии."),
}
CAUSE = {"f.cause": {"patterns": ["because of Syria", "row over Syria", "à cause de la Syrie",
                                  "querelle sur la Syrie", "из-за Сирии"],
                     "if_denied": "k", "codebook": "F3"},
         "k": {"patterns": ["programme"], "codebook": "K1"}}


@pytest.mark.parametrize("lang", ["en", "fr", "ru"])
def test_a_denied_hit_counts_for_its_if_denied_category(lang):
    denied, plain, quoted, broken = DENIAL[lang]
    lex = Lexicon(CAUSE, lang=lang)
    (hit,) = lex.hits(denied)
    assert (hit.category, hit.denied, hit.counts_for) == ("f.cause", True, "k")
    (hit,) = lex.hits(plain)
    assert (hit.denied, hit.counts_for) == (False, "f.cause")
    (hit,) = lex.hits(quoted)  # the denial inside the quotation governs the quoted words
    assert (hit.denied, hit.counts_for) == (True, "k")
    (hit,) = lex.hits(broken)  # a clause break ends the cue's scope
    assert (hit.denied, hit.counts_for) == (False, "f.cause")


def test_a_denied_hit_without_if_denied_counts_for_nothing():
    lex = Lexicon({"f": ["war crimes"]}, lang="en")
    assert hits(lex, "He never spoke of war crimes.") == [("f", "war crimes", True, None)]
    assert hits(lex, "He spoke of war crimes.") == [("f", "war crimes", False, "f")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Peskov did not explain why the programme changed."),
    ("fr", "Peskov n'a pas expliqué pourquoi le programme a changé."),
    ("ru", "Песков не объяснил, почему изменилась программа."),
])
def test_a_negation_does_not_reach_into_a_why_clause(lang, text):
    # codebook 4.4: the negation leaves the presupposed programme change standing
    lex = Lexicon({"k": ["programme", "программа"]}, lang=lang)
    assert [(h.denied, h.counts_for) for h in lex.hits(text)] == [(False, "k")]


@pytest.mark.parametrize("lang, text, entry", [
    ("en", "Hollande would not attend the ceremony over Syria.", "would not attend"),
    ("fr", "Hollande n'assisterait pas à la cérémonie à cause de la Syrie.", "n'assisterait pas"),
    ("ru", "Путин не приедет из-за Сирии.", "не приедет"),
])
def test_a_cue_inside_a_longer_entry_belongs_to_it(lang, text, entry):
    lex = Lexicon({"f2": [entry], "f3": ["over Syria", "à cause de la Syrie", "из-за Сирии"]}, lang=lang)
    assert [(h.category, h.denied) for h in lex.hits(text)] == [("f2", False), ("f3", False)]


@pytest.mark.parametrize("lang, text", [
    ("en", "Not only because of Syria."),
    ("fr", "Non seulement à cause de la Syrie."),
    ("ru", "Не только из-за Сирии."),
])
def test_not_cues_deny_nothing(lang, text):
    assert [h.denied for h in Lexicon(CAUSE, lang=lang).hits(text)] == [False]


@pytest.mark.parametrize("lang, mention, denial", [
    ("en", "The statement made no mention of Syria.", "Moscow denied any link with Syria."),
    ("fr", "Le communiqué ne fait aucune mention de la Syrie.", "Moscou a démenti tout lien avec la Syrie."),
    ("ru", "В заявлении нет упоминания о Сирии.", "В Москве отвергли связь с Сирией."),
])
def test_negation_denial_lets_only_denial_cues_deny(lang, mention, denial):
    # codebook 4.4: a non-mention is no denial; a denial of a Syria link is K3
    lex = Lexicon({"syria": {"patterns": ["Syria", "Syrie", "Сири*"], "negation": "denial", "if_denied": "k3"},
                   "k3": ["no link"]}, lang=lang)
    assert [(h.denied, h.counts_for) for h in lex.hits(mention)] == [(False, "syria")]
    assert [(h.denied, h.counts_for) for h in lex.hits(denial)] == [(True, "k3")]
    off = Lexicon({"syria": {"patterns": ["Syria", "Syrie", "Сири*"], "negation": "off"}}, lang=lang)
    assert [h.denied for h in off.hits(denial)] == [False]


def test_a_cue_after_the_hit_or_too_far_before_it_denies_nothing():
    lex = Lexicon({"f": ["Aleppo"]}, lang="en")
    assert hits(lex, "Aleppo was not the reason.")[0][2] is False
    assert hits(lex, "Not one of the reasons given mentioned Aleppo.")[0][2] is False  # beyond the window
    assert load_cues("en").window["negator"] == 3


def test_negation_can_be_off_or_given_by_language():
    text = "It was not because of Syria."
    assert [h.denied for h in Lexicon(CAUSE, lang="en", negation=False).hits(text)] == [False]
    assert [h.denied for h in Lexicon(CAUSE).hits(text)] == [False]  # no language, no cues
    assert [h.denied for h in Lexicon(CAUSE, negation=["fr", "en"]).hits(text)] == [True]
    assert [h.denied for h in Lexicon({**CAUSE, "_options": {"negation": "en"}}).hits(text)] == [True]
    with pytest.raises(LexiconError, match="No negation cues"):
        Lexicon(CAUSE, negation="xx")


def test_a_conjunction_with_a_denied_part_is_denied():
    lex = Lexicon({**CONJ_LEXICON, "f3": {"all": ["@cancel", "@syria"], "if_denied": "k"}, "k": ["programme"]},
                  lang="en")
    found = {h.category: h for h in lex.hits("Putin did not cancel over Aleppo.")}
    assert found["f3"].denied and found["f3"].counts_for == "k"
    assert not lex.hits("Putin cancelled over Aleppo.")[0].denied


# -- context ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("en", "Russia vetoed the draft on Aleppo."),
    ("fr", "La Russie a mis son veto au projet sur Alep."),
    ("ru", "Россия наложила вето на проект по Алеппо."),
])
def test_context_hits_are_found_but_never_counted(lang, text):
    lex = Lexicon({"context.syria": {"patterns": ["Aleppo", "Alep", "Алеппо", "veto*", "вето"],
                                     "role": "context"}, "f": ["war crimes"]}, lang=lang)
    found = lex.hits(text)
    assert len(found) == 2 and all(h.role == "context" and h.counts_for is None for h in found)
    assert [m.category for m in lex.find(text)] == ["context.syria", "context.syria"]
    assert lex.counted_categories == ["f"]


# -- stemming -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, entry, text", [
    ("en", "cancellation", "The cancellations were announced."),
    ("fr", "annulation", "Les annulations sont annoncées."),
    ("ru", "программа", "Изменения программы."),
])
def test_stemming_per_category_and_per_lexicon(lang, entry, text):
    assert Lexicon({"c": [entry]}, lang=lang).hits(text) == []
    assert [h.category for h in Lexicon({"c": {"patterns": [entry], "stem": True}, "d": [entry]},
                                        lang=lang).hits(text)] == ["c"]
    assert [h.category for h in Lexicon({"c": [entry], "_options": {"stem": True}}, lang=lang).hits(text)] == ["c"]
    assert [h.category for h in Lexicon({"c": {"patterns": [entry], "stem": False}, "_options": {"stem": True}},
                                        lang=lang).hits(text)] == []


# -- files, errors, merging -----------------------------------------------------------------

RULE_YAML = """\
_options: {negation: true}
context:
  syria: {patterns: [Syria, Aleppo], role: context, negation: denial}
  cancel: {patterns: [cancel*], role: context}
kremlin:
  programme:
    patterns: [programme, program* NEAR/3 chang*]
    codebook: K1
france:
  cause: {all: ["@context.cancel", "@context.syria"], if_denied: kremlin, codebook: F3}
"""


def test_read_lexicon_keeps_rule_mappings_and_nests_the_rest(tmp_path):
    path = tmp_path / "rules.en.yml"
    path.write_text(RULE_YAML, encoding="utf-8")
    dictionary = read_lexicon(path)
    assert list(dictionary) == ["_options", "context.syria", "context.cancel", "kremlin.programme", "france.cause"]
    assert dictionary["france.cause"]["if_denied"] == "kremlin"
    lex = Lexicon(dictionary, lang="en")
    assert lex.codebook("kremlin.programme") == "K1" and lex.role("context.syria") == "context"
    assert counted(lex, "Putin cancelled over Syria.") == ["france.cause"]
    assert counted(lex, "Putin did not cancel over Syria.") == ["kremlin"]


@pytest.mark.parametrize("dictionary, message", [
    ({"a": {"patterns": ["x"], "colour": "red"}}, "unknown rule key"),
    ({"a": {"patterns": ["x"], "role": "background"}}, "role must be one of"),
    ({"a": {"all": ["@nowhere"]}}, "no category"),
    ({"a": ["x NEAR/3 @nowhere"]}, "no category"),
    ({"a": ["x NEAR 3 y", "x NEAR/y z"]}, "not a proximity entry"),
    ({"a": {"role": "context"}}, "neither patterns nor"),
    ({"a": {"patterns": ["x"], "if_denied": "nowhere"}}, "if_denied names"),
    ({"a": {"patterns": ["x"], "negation": "maybe"}}, "negation must be one of"),
    ({"a": ["x"], "b": {"all": ["@a"]}, "c": ["y NEAR/2 @b"]}, "plain patterns"),
    ({"a": ["x"], "_options": {"colour": 1}}, "_options"),
])
def test_bad_rules_are_refused_with_the_category_named(dictionary, message):
    with pytest.raises(LexiconError, match=message):
        Lexicon(dictionary)


def test_merged_lexicons_of_several_languages_count_for_the_right_columns():
    merged = merge_dictionaries({"en": {"syria": {"patterns": ["Syria"], "role": "context"},
                                        "f": {"patterns": ["over Syria"], "if_denied": "k"}, "k": ["programme"]},
                                 "fr": {"syria": {"patterns": ["Syrie"], "role": "context"},
                                        "f": {"patterns": ["à cause de la Syrie"], "if_denied": "k"},
                                        "k": ["programme"]}})
    assert merged["f"]["patterns"] == ["over Syria", "à cause de la Syrie"]
    assert merged["_options"] == {"negation": ["en", "fr"]}
    counts = LexiconCounts(merged).fit(["x"])
    assert list(counts.get_feature_names_out()) == ["f", "k"]  # context is no feature
    assert counts.transform(["Not over Syria.", "À cause de la Syrie.", "Syrie."]).tolist() == [
        [0.0, 1.0], [1.0, 0.0], [0.0, 0.0]]
    with pytest.raises(LexiconError, match="same rule"):
        merge_dictionaries({"en": {"f": {"all": ["@a"]}}, "fr": {"f": {"all": ["@b"]}}})


# -- wired through scoring and evaluation ---------------------------------------------------

STUDY = """\
name: tiny
languages: [en]
lexicons: {en: rules.en.yml}
sides:
  kremlin: {account: [kremlin], actors: {peskov: {aliases: {en: [Peskov]}}}}
  france: {account: [france], actors: {hollande: {aliases: {en: [Hollande]}}}}
"""


def test_scores_and_labels_ignore_context_and_denied_hits_and_apply_if_denied(tmp_path):
    (tmp_path / "rules.en.yml").write_text(RULE_YAML, encoding="utf-8")
    (tmp_path / "study.yaml").write_text(STUDY, encoding="utf-8")
    study = load_study(tmp_path / "study.yaml")
    texts = ["Russia vetoed the draft on Aleppo.", "Putin did not cancel over Syria.",
             "Putin cancelled over Syria."]
    sentences = pd.DataFrame({"doc_id": ["bg", "d", "d"], "sent_id": [1, 1, 2], "para_id": [1, 1, 1],
                              "part": ["lead", "lead", "lead"], "start": [0, 0, 33],
                              "end": [len(t) for t in texts], "text": texts, "lang": "en"})
    sentences["end"] = sentences["start"] + sentences["end"]
    found = match(sentences, study)
    assert list(found["role"]) == ["context", "account", "context", "context", "account", "context", "context"]
    assert found.loc[found["category"] == "france.cause", "denied"].tolist() == [True, False]
    assert found.loc[found["category"] == "france.cause", "counts_for"].tolist() == ["kremlin", "france"]
    assert carriers(found)[["doc_id", "sent_id", "side"]].values.tolist() == [["d", 1, "kremlin"], ["d", 2, "france"]]
    labels = lexicon_labels(sentences, found)
    assert labels["label"].tolist() == ["none", "kremlin", "france"]
    scores = score(sentences, found, study).set_index("doc_id")
    assert scores.loc["bg", ["kremlin_presence", "france_presence"]].tolist() == [0, 0]
    assert scores.loc["bg", "primacy"] == "none" and pd.isna(scores.loc["bg", "balance"])  # no account: balance undefined
    assert scores.loc["d", "primacy"] == "kremlin" and scores.loc["d", "balance"] == 0


def test_a_bad_rule_in_a_study_lexicon_is_a_study_error(tmp_path):
    (tmp_path / "rules.en.yml").write_text(RULE_YAML.replace("@context.syria", "@context.sirya"), encoding="utf-8")
    (tmp_path / "study.yaml").write_text(STUDY, encoding="utf-8")
    with pytest.raises(StudyError, match="context.sirya"):
        load_study(tmp_path / "study.yaml")
    (tmp_path / "rules.en.yml").write_text(RULE_YAML, encoding="utf-8")
    (tmp_path / "study.yaml").write_text(STUDY + "matching: {negation: maybe}\n", encoding="utf-8")
    with pytest.raises(StudyError, match="matching.negation"):
        load_study(tmp_path / "study.yaml")


@pytest.mark.parametrize("lang, text", [
    ("en", "Hollande would not attend the ceremony over Syria."),
    ("fr", "Hollande ne viendrait pas à la cérémonie à cause de la Syrie."),
    ("ru", "Олланд не придёт на церемонию из-за Сирии."),
])
def test_a_cue_inside_a_proximity_hit_belongs_to_it(lang, text):
    lex = Lexicon({"f2": ["not BEFORE/2 attend*", "pas BEFORE/3 cérémonie", "не BEFORE/3 церемони*"],
                   "f3": ["over Syria", "à cause de la Syrie", "из-за Сирии"]}, lang=lang)
    assert [(h.category, h.denied) for h in lex.hits(text)] == [("f2", False), ("f3", False)]
    plain = Lexicon({"f3": ["over Syria", "à cause de la Syrie", "из-за Сирии"]}, lang=lang)
    assert [h.denied for h in plain.hits(text.replace("the ceremony ", "").replace("à la cérémonie ", "")
                                         .replace("на церемонию ", ""))] == [True]


@pytest.mark.parametrize("lang, text", [
    ("en", "The programme did not change."),
    ("fr", "Le programme n'a jamais changé."),
    ("ru", "Программа не менялась."),
])
def test_a_cue_between_the_operands_of_a_proximity_hit_denies_it(lang, text):
    # codebook 4.4: rejecting the programme story carries the French account
    lex = Lexicon({"k1": {"patterns": ["program* NEAR/3 chang*", "программ* NEAR/3 меня*"], "if_denied": "f"},
                   "f": ["working meeting"]}, lang=lang)
    assert [(h.denied, h.counts_for) for h in lex.hits(text)] == [(True, "f")]
    assert [(h.denied, h.counts_for) for h in lex.hits(text.replace(" not", "").replace(" n'a jamais", " a")
                                                       .replace(" не", ""))] == [(False, "k1")]


@pytest.mark.parametrize("lang, text", [
    ("en", "It is hard not to see the cancellation over Syria as a snub."),
    ("fr", "Difficile de ne pas lier l'annulation à cause de la Syrie."),
    ("ru", "Трудно не увидеть отмену из-за Сирии."),
])
def test_litotes_are_no_negation(lang, text):
    lex = Lexicon({"f": ["cancellation over Syria", "annulation à cause de la Syrie", "отмену из-за Сирии"]},
                  lang=lang)
    assert [h.denied for h in lex.hits(text)] == [False]


@pytest.mark.parametrize("lang, text", [
    ("en", "He would not go, nor attend the opening."),
    ("fr", "Il n'irait pas ni à l'inauguration ni à l'exposition."),
    ("ru", "Он не придёт ни на открытие, ни на выставку."),
])
def test_a_cue_between_operands_does_not_deny_an_entry_whose_operand_is_a_cue(lang, text):
    lex = Lexicon({"f2": ["not BEFORE/4 attend*", "pas BEFORE/4 inauguration", "не BEFORE/3 открыти*"]}, lang=lang)
    assert [(h.category, h.denied) for h in lex.hits(text)] == [("f2", False)]


def test_plain_dictionary_readers_refuse_a_rule_lexicon_with_a_clear_error(tmp_path):
    from framing.dictionaries import read_dictionary
    from framing.errors import DictionaryError

    path = tmp_path / "rules.yml"
    path.write_text(RULE_YAML.replace("_options: {negation: true}\n", ""), encoding="utf-8")
    with pytest.raises(DictionaryError, match="'context.syria' is a lexicon rule.*read_lexicon"):
        read_dictionary(path)
    path.write_text(RULE_YAML, encoding="utf-8")
    with pytest.raises(DictionaryError, match="_options.*read_lexicon"):
        read_dictionary(path)
