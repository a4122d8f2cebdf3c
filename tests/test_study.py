from pathlib import Path

import pytest

import framing
from framing.errors import StudyError

TINY = Path(__file__).parent / "data" / "tiny_study"

LEXICON = "kremlin:\n  programme: [fell out of the program*]\nfrance:\n  syria: [Aleppo]\n"
STUDY = """
name: t
languages: [en]
lexicons: {en: lex.yml}
sides:
  kremlin:
    account: [kremlin]
    actors: {putin: {aliases: {en: [Putin]}}}
  france:
    account: [france]
    actors: {hollande: {aliases: {en: [Hollande]}}}
"""


def write_study(tmp_path, text=STUDY, lexicon=LEXICON):
    (tmp_path / "lex.yml").write_text(lexicon, encoding="utf-8")
    path = tmp_path / "study.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_demonstration_study(study):
    assert study.side_ids == ["kremlin", "france"]
    assert study.languages == ("en", "fr", "ru")
    assert study.balance == ("kremlin", "france")
    putin = study.sides["kremlin"].actors["putin"]
    assert {"Путина", "Путину"} <= set(putin.aliases["ru"])
    assert "Олланду" in study.sides["france"].actors["hollande"].aliases["ru"]
    assert study.side_of("kremlin.programme") == "kremlin"
    assert study.side_of("france.war_crimes") == "france"
    assert study.side_of("elsewhere") is None
    for lang in study.languages:
        assert study.lexicon(lang).entries


def test_a_minimal_study_loads(tmp_path):
    study = framing.load_study(write_study(tmp_path))
    assert study.side_ids == ["kremlin", "france"] and study.overlap == "category" and not study.stem


@pytest.mark.parametrize("change, message", [
    (lambda s: s + "colour: red\n", "unknown key\\(s\\) 'colour' in the top level"),
    (lambda s: s.replace("    account: [france]", "    acount: [france]"),
     "unknown key\\(s\\) 'acount' in `sides.france`"),
    (lambda s: s.replace("    actors: {hollande: {aliases: {en: [Hollande]}}}", "    actors: {}"),
     "`sides.france`.actors is empty"),
    (lambda s: s.replace("lex.yml", "missing.yml"), "names 'missing.yml', but .*missing.yml does not exist"),
    (lambda s: s.replace("[france]", "[francia]"), "names category 'francia', which no lexicon defines"),
    (lambda s: s.replace("languages: [en]", "languages: [english]"), "ISO 639-1"),
    (lambda s: s.replace("name: t\n", ""), "missing key\\(s\\) 'name'"),
    (lambda s: s + "balance: [kremlin, kremlin]\n", "`balance` must name two different sides"),
    (lambda s: s + "matching: {overlap: longest}\n", "invalid value .longest. for `matching.overlap`; choose one of"),
    (lambda s: s.replace("{en: [Hollande]}", "{de: [Hollande]}"), "not one of the study's languages"),
    (lambda s: s.replace("[france]", "[kremlin]"), "is in the accounts of both"),
])
def test_strict_loading_names_the_file_and_key(tmp_path, change, message):
    path = write_study(tmp_path, change(STUDY))
    with pytest.raises(StudyError, match=message) as err:
        framing.load_study(path)
    assert str(path) in str(err.value)


def test_missing_file_and_broken_yaml(tmp_path):
    with pytest.raises(StudyError, match="Study file not found"):
        framing.load_study(tmp_path / "nope.yaml")
    path = write_study(tmp_path, "name: [unclosed\n")
    with pytest.raises(StudyError, match="not valid YAML.*line"):
        framing.load_study(path)


def test_missing_lexicon_language_is_a_clear_error(tmp_path):
    study = framing.load_study(write_study(tmp_path))
    with pytest.raises(StudyError, match="has no lexicon for language 'fr'"):
        study.lexicon("fr")


def test_an_edited_lexicon_is_read_again(tmp_path):
    path = write_study(tmp_path)
    first = framing.load_study(path).lexicon("en")
    (tmp_path / "lex.yml").write_text(LEXICON + "  veto: [veto*]\n", encoding="utf-8")
    second = framing.load_study(path).lexicon("en")
    assert len(second.entries) == len(first.entries) + 1


def test_nothing_is_wired_to_the_putin_paris_event():
    """A different event with three sides runs through the whole pipeline."""
    study = framing.load_study(TINY / "study.yaml")
    run = framing.analyse(framing.read_corpus(TINY), study)
    scores = run.scores.set_index("doc_id")
    assert study.side_ids == ["council", "union", "residents"]
    assert {f"{s}_{m}" for s in study.side_ids for m in ("presence", "salience", "prominence")} <= set(scores)
    assert scores.loc["b1", "primacy"] == "council"  # "inspection ... structural" in the headline
    assert scores.loc["b2", "primacy"] == "union"  # "Ferry contract" in the headline
    assert scores.loc["b1", "residents_presence"] == 1 and scores.loc["b2", "residents_presence"] == 0
    # balance runs between the study's own two poles
    assert scores.loc["b2", "balance"] == pytest.approx((2 - 1) / 3)


def test_a_side_defined_twice_is_refused_naming_the_key_and_lines(tmp_path):
    # YAML keeps the last of two equal keys: the first definition of `france` would vanish.
    twice = STUDY + "  france:\n    account: [kremlin]\n    actors: {x: {aliases: {en: [X]}}}\n"
    with pytest.raises(StudyError, match=r"study.yaml, line 12: the key 'france' is given twice in one mapping "
                                         r"\(lines 9 and 12\)"):
        framing.load_study(write_study(tmp_path, twice))


def test_a_billion_laughs_study_is_refused_before_it_expands(tmp_path):
    laughs = STUDY + 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    with pytest.raises(StudyError, match=r"study.yaml, line 12: a YAML anchor \(&a\) is not allowed"):
        framing.load_study(write_study(tmp_path, laughs))


def test_a_lexicon_with_a_category_twice_is_refused(tmp_path):
    lexicon = LEXICON + "kremlin:\n  other: [visit]\n"
    with pytest.raises(framing.errors.FramingError, match=r"lex.yml, line 5: the key 'kremlin' is given twice"):
        framing.load_study(write_study(tmp_path, lexicon=lexicon)).lexicon("en")


NFC_WORDS = {"en": ("café", "The café was closed."), "fr": ("Élysée", "L'Élysée a confirmé."),
             "ru": ("войны", "Речь шла о войны в Сирии.")}


@pytest.mark.parametrize("lang", sorted(NFC_WORDS))
@pytest.mark.parametrize("suffix", [".yml", ".dic"])
def test_lexicon_entries_and_aliases_typed_decomposed_match_the_article(tmp_path, lang, suffix):
    import unicodedata

    word, sentence = NFC_WORDS[lang]
    nfd = unicodedata.normalize("NFD", word)
    assert nfd != word  # the file holds the decomposed form; the article the composed one
    lexicon = (f"kremlin:\n  term: [{nfd}]\nfrance:\n  other: [zzzz]\n" if suffix == ".yml" else
               f"%\n1\tkremlin.term\n2\tfrance.other\n%\n{nfd}\t1\nzzzz\t2\n")
    (tmp_path / f"lex{suffix}").write_text(lexicon, encoding="utf-8")
    study = STUDY.replace("[en]", f"[{lang}]").replace("en: lex.yml", f"{lang}: lex{suffix}")
    study = study.replace("{en: [Putin]}", f"{{{lang}: [{unicodedata.normalize('NFD', 'Zoé')}]}}")
    study = study.replace("{en: [Hollande]}", f"{{{lang}: [Hollande]}}")
    (tmp_path / "study.yaml").write_text(study, encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a1.md").write_text(f"---\ndoc_id: a1\nlang: {lang}\n---\n{sentence}\n",
                                                 encoding="utf-8")
    loaded = framing.load_study(tmp_path / "study.yaml")
    assert "Zoé" in loaded.sides["kremlin"].actors["putin"].aliases[lang]
    run = framing.analyse(framing.read_corpus(tmp_path / "articles"), loaded)
    assert run.hits["term"].tolist() == [word]
    assert run.hits["category"].tolist() == ["kremlin.term"]
