"""Who says what: quotations, reported speech, speakers and sides, voice measures, evaluation."""

import random

import matplotlib.figure
import numpy as np
import pandas as pd
import pytest

import framing
import framing.quotes.find
import framing.voice
from framing.display import highlight_html
from framing.errors import FramingError
from framing.evaluate import evaluate_quotes, read_gold
from framing.quotes import QUOTE_COLUMNS, VERB_CLASSES, find_quotes, quotation_spans, reporting_verbs
from framing.voice import mark_in_quote, voice_measures
from framing.figures.base import side_colours
from framing.figures.voice import fig_voice
from conftest import CORPUS, REPO


def quoted(text):
    return [text[a:b] for a, b in quotation_spans(text)]


def speech(text, study, lang="en", headline=None):
    """The quotes table of one article, with the words each row covers."""
    articles = pd.DataFrame({"doc_id": ["a"], "headline": [headline], "text": [text], "lang": [lang]})
    quotes = find_quotes(articles, framing.segment(articles), study)
    quotes["words"] = [(headline if s == 0 else text)[a:b] for s, a, b in zip(quotes["sent_id"], quotes["start"],
                                                                           quotes["end"])]
    return quotes


def rows(quotes, *columns):
    return [tuple(None if pd.isna(v) else v for v in row) for row in quotes[list(columns)].itertuples(index=False)]


# ---------------------------------------------------------------------------
# quotation marks
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("He said “yes” twice.", ["“yes”"]),
    ('He said "yes" twice.', ['"yes"']),
    ("Il a dit « oui » deux fois.", ["« oui »"]),
    ("Er sagte „ja“ zweimal.", ["„ja“"]),
    ("Er sagte ‚ja‘ leise.", ["‚ja‘"]),
    ("Il a dit ‹ oui › doucement.", ["‹ oui ›"]),
    ("He said ‘yes’ twice.", ["‘yes’"]),
    ("«Оно» и „другое“ и “третье”.", ["«Оно»", "„другое“", "“третье”"]),
])
def test_each_style_of_quotation_mark(text, expected):
    assert quoted(text) == expected


def test_nested_quotations_make_one_top_level_span():
    assert quoted("« Non, „ jamais “, merci », a-t-il dit.") == ["« Non, „ jamais “, merci »"]
    assert quoted("“Hollande was saying, ‘Come and talk about Syria.’ The Kremlin read it.” Then more.") == [
        "“Hollande was saying, ‘Come and talk about Syria.’ The Kremlin read it.”"]
    assert quoted("«Quand on vous dit “programme” au Kremlin, il faut entendre Alep», résume-t-il.") == [
        "«Quand on vous dit “programme” au Kremlin, il faut entendre Alep»"]
    assert quoted("«Нам ответили: „Без собора президент не приедет“.» Конец.") == [
        "«Нам ответили: „Без собора президент не приедет“.»"]


def test_a_quotation_continues_into_a_paragraph_that_reopens_it():
    text = "“The president could not stand there.\n\n“We knew he would say no,” the diplomat said.\n\nAfter."
    assert quoted(text) == ["“The president could not stand there.\n\n“We knew he would say no,”"]
    # a paragraph that does not reopen it ends the quotation at the paragraph's end
    text = "“The president could not stand there.\n\nThe diplomat said so. “Then this.”"
    assert quoted(text) == ["“The president could not stand there.", "“Then this.”"]


def test_an_unbalanced_mark_stops_at_its_paragraph_and_never_swallows_the_rest():
    text = "He said “this never closes.\n\nNext paragraph has “a real quote” here.\n\nAnd «another»."
    assert quoted(text) == ["“this never closes.", "“a real quote”", "«another»"]
    assert quoted("A stray closing mark ” and » here, then “a quote”.") == ["“a quote”"]
    assert quoted('One " stray mark. Then "two".') == ['"two"']
    # the same opening mark again before the first closed: the first one ends there
    assert quoted("He said “one and “two” too.") == ["“one and", "“two”"]


def test_random_marks_never_crash_and_stay_inside_their_paragraphs():
    rng = random.Random(7)
    alphabet = "“”«»„‹›‚‘’\"' ab.\n"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        paragraphs = framing.text.paragraph_spans(text)
        spans = quotation_spans(text)
        assert spans == sorted(spans)
        for (a, b), (c, _) in zip(spans, spans[1:]):
            assert b <= c
        for a, b in spans:
            assert 0 <= a < b <= len(text)
            starts = [p for p in paragraphs if p[0] <= a < p[1]]
            assert starts, (text, a, b)


def test_apostrophes_inside_words_are_not_quotation_marks():
    assert quoted("L’Élysée a répondu à l’agence d’Ayrault; the Kremlin’s spokesman’s aide agreed.") == []
    assert quoted("He called it ‘the Kremlin’s line’ and left.") == ["‘the Kremlin’s line’"]
    assert quoted("Il l’a dit : « l’Élysée n’a rien changé », a-t-il ajouté.") == ["« l’Élysée n’a rien changé »"]


# ---------------------------------------------------------------------------
# reported speech and speakers
# ---------------------------------------------------------------------------


def test_english_direct_indirect_and_inverted_attributions(study):
    quotes = speech("Peskov said that the trip was off. The decision was final, said a Kremlin source. "
                    "According to the Élysée, Hollande offered only a working meeting. "
                    "“We proposed a meeting on Syria,” said a French diplomat who asked not to be named. "
                    "Putin cancelled, French officials said.", study)
    assert rows(quotes, "kind", "speaker", "side", "verb", "words") == [
        ("indirect", "peskov", "kremlin", "said", "the trip was off"),
        ("indirect", "kremlin", "kremlin", "said", "The decision was final"),
        ("indirect", "elysee", "france", "According to", "Hollande offered only a working meeting"),
        ("direct", "french_government", "france", "said", "“We proposed a meeting on Syria,”"),
        ("indirect", "french_government", "france", "said", "Putin cancelled"),
    ]
    assert list(quotes.columns[:9]) == QUOTE_COLUMNS


def test_french_attributions_inverted_clitics_and_elision(study):
    quotes = speech("« Les événements sont sortis du programme », a déclaré Dmitri Peskov. "
                    "M. Poutine est prêt à venir, a-t-il ajouté. "
                    "L’Élysée a précisé que le président n’offrait qu’une réunion de travail. "
                    "Selon les proches d’Ayrault, la Russie bloque tout. "
                    "D’après l'Elysée, la visite n’aura pas lieu.", study, lang="fr")
    assert rows(quotes, "kind", "speaker", "side", "verb") == [
        ("direct", "peskov", "kremlin", "déclaré"),
        ("indirect", "peskov", "kremlin", "ajouté"),
        ("indirect", "elysee", "france", "précisé"),
        ("indirect", "ayrault", "france", "Selon"),
        ("indirect", "elysee", "france", "D’après"),
    ]


def test_russian_attributions_with_gender_and_number_forms(study):
    quotes = speech("«Эти мероприятия выпали из программы», — сказал Песков. "
                    "По словам Пескова, Путин готов приехать. "
                    "Как сообщил Ушаков, контакты продолжаются. "
                    "Пресс-секретарь Елисейского дворца заявила, что формат был рабочим. "
                    "В Кремле заявили, что программа изменилась. "
                    "Связи с Сирией нет, передаёт ТАСС.", study, lang="ru")
    assert rows(quotes, "kind", "speaker", "side", "verb") == [
        ("direct", "peskov", "kremlin", "сказал"),
        ("indirect", "peskov", "kremlin", "По словам"),
        ("indirect", "ushakov", "kremlin", "сообщил"),
        ("indirect", "elysee", "france", "заявила"),
        ("indirect", "kremlin", "kremlin", "заявили"),
        ("indirect", "ТАСС", "other", "передаёт"),
    ]


@pytest.fixture
def nominative_study(tmp_path):
    """A study whose Russian aliases are nominative only: other cases must be found by stem."""
    (tmp_path / "lex.yml").write_text("kremlin: [программ*]\nfrance: [Сири*]\n", encoding="utf-8")
    (tmp_path / "study.yaml").write_text(
        "name: stems\nlanguages: [ru]\nlexicons: {ru: lex.yml}\nsides:\n"
        "  kremlin:\n    account: [kremlin]\n    actors:\n"
        "      putin: {aliases: {ru: [Путин]}}\n      peskov: {aliases: {ru: [Песков]}}\n"
        "  france:\n    account: [france]\n    actors:\n      hollande: {aliases: {ru: [Олланд]}}\n",
        encoding="utf-8")
    return framing.load_study(tmp_path / "study.yaml")


def test_russian_inflected_names_resolve_by_stem_to_actor_and_side(nominative_study):
    quotes = speech("По словам Пескова, визит отменён. "
                    "Путину задали вопрос о Сирии. Он ответил, что программа изменилась. "
                    "Олланду позвонили из Москвы, и он заявил, что разочарован. "
                    "Со слов Олланда, встреча возможна.", nominative_study, lang="ru")
    assert rows(quotes, "speaker", "side") == [
        ("peskov", "kremlin"), ("putin", "kremlin"), ("hollande", "france"), ("hollande", "france")]


def test_a_speaker_carries_over_to_follow_on_quotations_and_pronouns(study):
    quotes = speech("“The visit is off,” Peskov said. “There is nothing more to add.”\n\n"
                    "“We knew he would refuse.\n\n“He chose the ribbon,” said a French diplomat.\n\n"
                    "Dr Anna Lebedeva, a historian, spoke to us. She said the ties were old.", study)
    assert rows(quotes, "kind", "speaker", "side", "verb") == [
        ("direct", "peskov", "kremlin", "said"),
        ("direct", "peskov", "kremlin", None),  # the follow-on quotation has no verb of its own
        ("direct", "french_government", "france", "said"),  # one quotation over two paragraphs
        ("indirect", "Anna Lebedeva", "other", "spoke"),  # speech without content: the frame itself
        ("indirect", "Anna Lebedeva", "other", "said"),  # "She said"
    ]
    assert quotes["words"].iloc[2] == "“We knew he would refuse.\n\n“He chose the ribbon,”"


def test_unknown_speakers_keep_their_name_and_side_other(study):
    quotes = speech("“Churches outlast presidents,” said Nikolai Andrusiak, the parish rector. "
                    "Political scientist Igor Danilenko said the ties were deep. "
                    "A German official said the summit would go ahead.", study)
    assert rows(quotes, "speaker", "side") == [
        ("Nikolai Andrusiak", "other"), ("Political scientist Igor Danilenko", "other"),
        ("German official", "other")]


def test_role_nouns_take_the_side_named_next_to_them(study):
    quotes = speech("A Russian diplomat said the draft was one-sided. Russian officials maintained that "
                    "nothing had changed.", study)
    assert rows(quotes, "speaker", "side") == [("Russian diplomat", "kremlin"), ("Russian officials", "kremlin")]
    quotes = speech("Un diplomate russe en poste à Paris a affirmé que la décision était technique.", study,
                    lang="fr")
    assert rows(quotes, "speaker", "side") == [("diplomate russe", "kremlin")]


def test_headline_attributions(study):
    quotes = speech("Body.", study, headline="Putin will not travel to Paris — Kremlin")
    assert rows(quotes, "sent_id", "speaker", "words") == [(0, "kremlin", "Putin will not travel to Paris")]
    quotes = speech("Corps.", study, lang="fr", headline="Le Kremlin : la visite est sortie du programme")
    assert rows(quotes, "sent_id", "speaker") == [(0, "kremlin")]


# ---------------------------------------------------------------------------
# verb classes
# ---------------------------------------------------------------------------


def test_every_verb_file_gives_a_known_class_and_a_cited_source():
    for lang in ("en", "fr", "ru"):
        verbs = reporting_verbs(lang)
        assert set(verbs["class"]) == set(VERB_CLASSES)
        assert verbs["source"].str.len().min() > 20  # a full reference, not a key
    classes = {(lang, form): cls for lang in ("en", "fr", "ru")
               for form, cls in reporting_verbs(lang)[["form", "class"]].itertuples(index=False)}
    assert classes["en", "said"] == "neutral"
    assert classes["en", "stressed"] == "assertive"
    assert classes["en", "claimed"] == classes["en", "insisted"] == classes["en", "alleged"] == "distancing"
    assert classes["fr", "prétendu"] == "distancing" and classes["fr", "déclaré"] == "neutral"
    assert classes["ru", "намекнул*"] == classes["ru", "якобы"] == "distancing"
    assert classes["ru", "подчеркнул*"] == "assertive"


def test_attributions_carry_their_verb_class(study):
    quotes = speech("Peskov claimed that the trip had lost its purpose. Peskov stressed that Putin would come. "
                    "Peskov said that Syria played no part.", study)
    assert rows(quotes, "verb", "verb_class") == [
        ("claimed", "distancing"), ("stressed", "assertive"), ("said", "neutral")]
    quotes = speech("Источник в Кремле прозрачно намекнул, что драмы никто не видит. "
                    "В Париже утверждают, что Олланд якобы предложил только рабочую встречу.", study, lang="ru")
    assert rows(quotes, "side", "verb_class") == [("kremlin", "distancing"), ("france", "distancing")]


# ---------------------------------------------------------------------------
# hits in quotations, and voice measures
# ---------------------------------------------------------------------------


def test_mark_in_quote_tells_direct_quotation_from_any_reported_speech(study):
    text = ("Peskov said the events “fell out of the program”. The war in Aleppo continues. "
            "The Élysée said Hollande offered a meeting devoted to Syria.")
    articles = pd.DataFrame({"doc_id": ["a"], "text": [text], "lang": ["en"]})
    run = framing.analyse(articles, study)
    marked = mark_in_quote(run.hits, find_quotes(articles, run.sentences, study))
    found = {text[s:e]: (q, sp) for s, e, q, sp in zip(marked["start"], marked["end"], marked["in_quote"],
                                                       marked["in_speech"])}
    assert found["fell out of the program"] == (True, True) and found["Aleppo"] == (False, False)
    assert found["offered a meeting devoted to Syria"] == (False, True)
    assert marked["in_speech"].dtype == bool and len(marked) == len(run.hits)


def test_voice_measures_by_hand_on_a_tiny_article(study):
    text = "Peskov said the programme changed. “It is final,” Peskov said. Hollande claimed the visit was about Syria. Aleppo suffers."
    articles = pd.DataFrame({"doc_id": ["a", "b"], "text": [text, "Nothing here."], "lang": ["en", "en"]})
    sentences = framing.segment(articles)
    quotes = find_quotes(articles, sentences, study)
    assert [text[a:b] for a, b in zip(quotes["start"], quotes["end"])] == [
        "the programme changed", "“It is final,”", "the visit was about Syria"]

    def hit(word, side):
        start = text.index(word)
        sent = sentences[(sentences["doc_id"] == "a") & (sentences["start"] <= start) & (sentences["end"] > start)]
        return ("a", int(sent["sent_id"].iloc[0]), "body", side, side, word, start, start + len(word), False)

    hits = pd.DataFrame([hit("programme", "kremlin"), hit("Syria", "france"), hit("Aleppo", "france")],
                        columns=framing.scoring.HIT_COLUMNS)
    voice = voice_measures(sentences, hits, quotes, study).set_index("doc_id")
    words = 19  # Peskov said the programme changed It is final Peskov said Hollande claimed the visit ...
    a = voice.loc["a"]
    assert a["kremlin_voice"] == pytest.approx(6 / words)  # "the programme changed" + "It is final"
    assert a["france_voice"] == pytest.approx(5 / words)   # "the visit was about Syria"
    assert (a["kremlin_direct"], a["kremlin_indirect"], a["france_direct"], a["france_indirect"]) == (1, 1, 0, 1)
    assert a["kremlin_distancing"] == 0.0 and a["france_distancing"] == 1.0
    assert (a["kremlin_adoption_count"], a["france_adoption_count"]) == (0, 1)  # only "Aleppo" is the journalist's own
    b = voice.loc["b"]
    assert b["kremlin_voice"] == 0.0 and np.isnan(b["kremlin_distancing"]) and b["france_adoption_count"] == 0
    assert list(voice.columns) == [f"{s}_{m}" for s in study.side_ids
                                   for m in ("voice", "direct", "indirect", "distancing", "adoption_count")]


def test_voice_measures_have_columns_for_every_side_of_any_study():
    tiny = framing.load_study(REPO / "tests" / "data" / "tiny_study" / "study.yaml")
    articles = pd.DataFrame({"doc_id": ["b"], "lang": ["en"], "text": [
        "The mayor said the bridge was unsafe. Union leaders claimed that budget cuts were the reason. "
        "Residents complained about the traffic."]})
    run = framing.analyse(articles, tiny)
    quotes = find_quotes(articles, run.sentences, tiny)
    assert rows(quotes, "speaker", "side") == [("mayor", "council"), ("union", "union"), ("residents", "residents")]
    voice = voice_measures(run.sentences, run.hits, quotes, tiny)
    assert {f"{s}_voice" for s in ("council", "union", "residents")} <= set(voice.columns)
    assert voice["union_distancing"].iloc[0] == 1.0


# ---------------------------------------------------------------------------
# the corpus: schema, evaluation, HTML and figure
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_quotes(articles, study):
    sentences = framing.segment(articles)
    return sentences, find_quotes(articles, sentences, study)


def test_quotes_table_on_the_corpus_points_back_at_the_text(articles, study, corpus_quotes):
    sentences, quotes = corpus_quotes
    assert list(quotes.columns) == QUOTE_COLUMNS
    assert set(quotes["kind"]) == {"direct", "indirect"}
    assert set(quotes["side"]) <= {*study.side_ids, "other"}
    assert set(quotes["verb_class"].dropna()) <= set(VERB_CLASSES)
    texts = articles.set_index("doc_id")
    for row in quotes[quotes["kind"] == "direct"].itertuples():
        source = texts.loc[row.doc_id, "headline" if row.sent_id == 0 else "text"]
        assert source[row.start] in "“«„‚‘‹\"—–", (row.doc_id, source[row.start:row.end])
    for side in study.side_ids:  # both sides speak in the corpus, directly and indirectly
        assert {"direct", "indirect"} <= set(quotes.loc[quotes["side"] == side, "kind"])


def test_skipping_sentences_that_cannot_speak_changes_nothing(articles, study, corpus_quotes, monkeypatch):
    # find_quotes does not tokenise a sentence whose words can start no frame; reading
    # every sentence in full must give the same table, row for row
    sentences, quotes = corpus_quotes
    monkeypatch.setattr(framing.quotes.find, "_may_speak", lambda *args: True)
    pd.testing.assert_frame_equal(find_quotes(articles, sentences, study), quotes)


def test_voice_measures_agree_with_counting_word_by_word(articles, study, corpus_quotes):
    sentences, quotes = corpus_quotes
    hits = mark_in_quote(framing.match(sentences, study), quotes)
    voice = voice_measures(sentences, hits, quotes, study).set_index("doc_id")
    for doc_id, sents in sentences.groupby("doc_id"):
        words = [(part == "headline", start + m.start(), start + m.end())
                 for part, start, text in zip(sents["part"], sents["start"], sents["text"])
                 for m in framing.text.WORD.finditer(text)]
        mine = quotes[quotes["doc_id"] == doc_id]
        for side in study.side_ids:
            spans = [(sent_id == 0, a, b) for sent_id, a, b, s in
                     zip(mine["sent_id"], mine["start"], mine["end"], mine["side"]) if s == side]
            covered = sum(any(h == head and a <= s and e <= b for head, a, b in spans) for h, s, e in words)
            assert voice.loc[doc_id, f"{side}_voice"] == pytest.approx(covered / len(words)), (doc_id, side)
            assert voice.loc[doc_id, f"{side}_direct"] == ((mine["side"] == side) & (mine["kind"] == "direct")).sum()


def test_span_containment_and_overlap_against_brute_force():
    rng = np.random.default_rng(3)
    for _ in range(50):
        a = rng.integers(0, 100, rng.integers(0, 8))
        spans = (a, a + rng.integers(1, 30, len(a)))
        s = rng.integers(0, 120, 40)
        e = s + rng.integers(1, 10, 40)
        inside = [any(x <= si and ei <= y for x, y in zip(*spans)) for si, ei in zip(s, e)]
        overlap = [any(x < ei and y > si for x, y in zip(*spans)) for si, ei in zip(s, e)]
        assert framing.voice._inside(*spans, s, e).tolist() == inside
        assert framing.voice._overlapping(*spans, s, e).tolist() == overlap


def test_evaluation_on_the_gold_returns_every_group_and_sane_values(articles, study, corpus_quotes):
    sentences, quotes = corpus_quotes
    gold = read_gold(CORPUS / "annotations" / "gold.csv", study=study)
    table = evaluate_quotes(quotes, gold, sentences, articles)
    splits = sorted(articles["split"].unique())
    groups = {"all", "lang=en", "lang=fr", "lang=ru", *(f"split={s}" for s in splits),
              *(f"lang={l} & split={s}" for l in ("en", "fr", "ru") for s in splits)}
    assert set(table["group"]) == groups
    assert set(table["metric"]) == {"precision", "recall", "f1", "side_accuracy"}
    assert table["value"].between(0, 1).all()
    value = table.set_index(["group", "metric"])["value"]
    n = table.set_index(["group", "metric"])["n"]
    assert n["all", "f1"] == len(gold)
    assert sum(n[f"split={s}", "f1"] for s in splits) == len(gold)
    assert value["split=dev", "f1"] > 0.5 and value["split=dev", "side_accuracy"] > 0.5


def test_evaluation_arithmetic_by_hand():
    sentences = pd.DataFrame({"doc_id": ["a"] * 4, "sent_id": [1, 2, 3, 4], "part": ["body"] * 4,
                              "start": [0, 10, 20, 30], "end": [9, 19, 29, 39]})
    gold = pd.DataFrame({"doc_id": ["a"] * 4, "sent_id": [1, 2, 3, 4],
                         "speaker": ["peskov", "hollande", "", ""], "speaker_side": ["kremlin", "france", "", ""]})
    quotes = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [1, 3], "start": [2, 22], "end": [15, 25],
                           "kind": ["direct", "indirect"], "side": ["kremlin", "france"]})
    articles = pd.DataFrame({"doc_id": ["a"], "lang": ["en"], "split": ["dev"]})
    value = evaluate_quotes(quotes, gold, sentences, articles).query("group == 'all'").set_index("metric")
    # predicted: sentences 1, 2 (the first quote runs into it) and 3; gold: 1 and 2
    assert value.loc["precision", "value"] == pytest.approx(2 / 3)
    assert value.loc["recall", "value"] == 1.0
    assert value.loc["f1", "value"] == pytest.approx(0.8)
    assert value.loc["side_accuracy", "value"] == 0.5  # sentence 2 gets the first quote's side, kremlin
    assert value.loc["side_accuracy", "n"] == 2


def test_highlight_html_colours_each_quote_by_side(articles, study, corpus_quotes):
    _, quotes = corpus_quotes
    article = articles[articles["doc_id"] == "en_001"].iloc[0]
    page = highlight_html(article, quotes, study)
    colours = side_colours(study)
    assert page.count("<p>") == len(framing.text.paragraph_spans(article["text"]))
    assert colours["france"] in page and colours["kremlin"] in page
    assert "said a French diplomat" in page and "&lt;" not in article["text"]
    assert 'title="direct: peskov (kremlin)' in page or 'title="indirect: peskov (kremlin)' in page


def test_fig_voice_draws_one_row_per_group(articles, study, corpus_quotes):
    sentences, quotes = corpus_quotes
    hits = framing.match(sentences, study)
    scores = voice_measures(sentences, hits, quotes, study).merge(articles[["doc_id", "lang"]], on="doc_id")
    fig = fig_voice(scores, study, by="lang", n_boot=200)
    assert isinstance(fig, matplotlib.figure.Figure)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [
        f"{lang} (n={n})" for lang, n in scores["lang"].value_counts().sort_index().items()]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [s.label for s in study.sides.values()]
    with pytest.raises(FramingError, match="outlet_type"):
        fig_voice(scores, study, by="outlet_type")


# ---------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------


def test_bad_input_gets_a_clear_error(study):
    articles = pd.DataFrame({"doc_id": ["a"], "text": ["Il a dit « oui »."], "lang": ["fr"]})
    sentences = framing.segment(articles)
    with pytest.raises(FramingError, match="not in the articles table"):
        find_quotes(articles.assign(doc_id="b"), sentences, study)
    with pytest.raises(FramingError, match="framing/data/verbs/de.yml"):
        find_quotes(articles.assign(lang="de"), sentences.assign(lang="de"), study)
    with pytest.raises(FramingError, match="sentences table"):
        find_quotes(articles, sentences.drop(columns="para_id"), study)
