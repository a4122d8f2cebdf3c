import pytest

from framing.errors import LexiconError
from framing.lexicon import Lexicon, Match


def found(lexicon, text):
    return [(m.category, m.term, text[m.start:m.end]) for m in lexicon.find(text)]


def test_exact_words_match_whole_words_only_and_ignore_case():
    lex = Lexicon({"f": ["Aleppo", "veto"]})
    assert found(lex, "ALEPPO and the Veto, not vetoed, not Aleppos.") == [
        ("f", "Aleppo", "ALEPPO"), ("f", "veto", "Veto")]


def test_a_match_reads_by_name_and_unpacks():
    (match,) = Lexicon({"f": ["war crime*"]}).find("No war crimes.")
    assert match == Match(category="f", term="war crime*", start=3, end=13)
    category, term, start, end = match
    assert (category, term, "No war crimes."[start:end]) == (match.category, match.term, "war crimes")
    assert repr(match) == "Match(category='f', term='war crime*', start=3, end=13)"
    with pytest.raises(AttributeError):
        match.start = 0  # matches are values


def test_glob_matches_word_endings_and_inner_wildcards():
    lex = Lexicon({"f": ["veto*"], "g": ["bomb?d", "*bomb*"]})
    assert found(lex, "vetoed vetoes veto vet carpetbombing bombed bomb") == [
        ("f", "veto*", "vetoed"), ("f", "veto*", "vetoes"), ("f", "veto*", "veto"),
        ("g", "*bomb*", "carpetbombing"), ("g", "bomb?d", "bombed"), ("g", "*bomb*", "bomb")]


def test_one_span_counts_once_per_category_and_the_first_listed_entry_names_it():
    lex = Lexicon({"g": ["bomb?d", "*bomb*"], "h": ["*bomb*"]})
    assert found(lex, "bombed") == [("g", "bomb?d", "bombed"), ("h", "*bomb*", "bombed")]


def test_multi_word_entries_join_on_spaces_hyphens_and_apostrophes_only():
    lex = Lexicon({"k": ["fell out of the program*"], "f": ["war crimes", "n'assistera pas"]})
    text = "They fell out of the programme; war-crimes; war, crimes; il n’assistera pas."
    assert found(lex, text) == [
        ("k", "fell out of the program*", "fell out of the programme"),
        ("f", "war crimes", "war-crimes"),
        ("f", "n'assistera pas", "n’assistera pas")]


def test_multi_word_entry_does_not_match_a_prefix_of_itself():
    lex = Lexicon({"k": ["fell out of the program"]})
    assert found(lex, "It fell out of the") == []


@pytest.mark.parametrize("overlap, expected", [
    ("category", [("f", "war crimes"), ("g", "crimes")]),
    ("lexicon", [("f", "war crimes")]),
    ("keep", [("f", "war crimes"), ("f", "crimes"), ("g", "crimes")]),
])
def test_overlap_rules(overlap, expected):
    lex = Lexicon({"f": ["war crimes", "crimes"], "g": ["crimes"]}, overlap=overlap)
    assert [(c, t) for c, t, _ in found(lex, "war crimes")] == expected


def test_cyrillic_and_accented_text_with_offsets():
    lex = Lexicon({"k": ["выпал* из программ*"], "f": ["crimes de guerre", "Élysée", "Алеппо"]})
    text = "Мероприятия «выпали из программы», в Алеппо; l’Élysée parle de crimes de guerre."
    assert found(lex, text) == [
        ("k", "выпал* из программ*", "выпали из программы"), ("f", "Алеппо", "Алеппо"),
        ("f", "Élysée", "Élysée"), ("f", "crimes de guerre", "crimes de guerre")]


def test_stemming_is_per_language_and_optional():
    plain = Lexicon({"k": ["программа"]}, lang="ru")
    stemmed = Lexicon({"k": ["программа"]}, lang="ru", stem=True)
    assert found(plain, "из программы") == []
    assert found(stemmed, "из программы") == [("k", "программа", "программы")]
    with pytest.raises(LexiconError, match="Snowball stemmer"):
        Lexicon({"k": ["x"]}, lang="xx", stem=True)


@pytest.mark.parametrize("pattern, message", [
    ("*", "only wildcards"),
    ("** war", "only wildcards"),
    ("(((", "no word characters"),
    ("", "no word characters"),
    ("x" * 300, "too long"),
    (" ".join(["w"] * 20), "at most"),
    (42, "must be strings"),
])
def test_hostile_patterns_are_refused_with_the_category_named(pattern, message):
    with pytest.raises(LexiconError, match=message) as err:
        Lexicon({"bad.category": [pattern]})
    assert "bad.category" in str(err.value) or message == "must be strings"


def test_regex_metacharacters_are_literal_and_globs_stay_fast():
    lex = Lexicon({"x": ["a*a*a*a*a*a*b", "(war)", "c+d"]})
    assert found(lex, "a" * 5000) == []  # no catastrophic backtracking
    assert found(lex, "a" * 5000 + "b") == [("x", "a*a*a*a*a*a*b", "a" * 5000 + "b")]
    # punctuation in a pattern separates words, as it does in text
    assert found(lex, "war c+d c d") == [("x", "(war)", "war"), ("x", "c+d", "c d")]


def test_bad_arguments():
    with pytest.raises(LexiconError, match="overlap must be one of"):
        Lexicon({"a": ["x"]}, overlap="longest")
    with pytest.raises(LexiconError, match="non-empty mapping"):
        Lexicon({})


def test_matching_is_cached_per_word_type():
    lex = Lexicon({"a": ["war*"]})
    lex.find("war wars warsaw peace")
    assert {"war", "wars", "warsaw", "peace"} <= lex._seen_types
    assert lex.find_all(["war", "peace", "Wars"]) and [len(m) for m in lex.find_all(["war", "peace", "Wars"])] == [1, 0, 1]


def test_a_full_type_cache_starts_afresh_without_changing_matches(monkeypatch):
    texts = ["War crimes in Aleppo, said the war ministry.", "Crimes of war: the wars of Aleppo.",
             "Peace talks; war-crimes inquiry in aleppo."] * 3
    dictionary = {"war": ["war crime*", "war*"], "city": ["Aleppo"], "peace": ["peace talks"]}
    expected = [found(Lexicon(dictionary), t) for t in texts]
    monkeypatch.setattr("framing.lexicon.core._CACHE_LIMIT", 6)  # fewer than one text's types
    lex = Lexicon(dictionary)
    assert [found(lex, t) for t in texts] == expected
    assert len(lex._seen_types) <= 12
