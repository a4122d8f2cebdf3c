import pandas as pd
import pytest

import framing

from framing.text import (normalize, paragraph_spans, segment, sentence_spans,
                          source_text, token_spans)


def texts(s, spans):
    return [s[a:b] for a, b in spans]


def test_normalize_composes_accents_and_line_ends():
    assert normalize("Pe\u0301tersbourg\r\nx\ry") == "Pétersbourg\nx\ny"
    with pytest.raises(TypeError, match="expects a str"):
        normalize(None)


def test_paragraphs_are_split_on_blank_lines_and_trimmed():
    s = "  First para.\nsame para.\n\n \n Second.\n\n\nThird.  "
    assert texts(s, paragraph_spans(s)) == ["First para.\nsame para.", "Second.", "Third."]


@pytest.mark.parametrize("lang, s, expected", [
    ("en", "Mr. Peskov spoke on Oct. 19 at the U.N. Security Council. V. Putin stayed home.",
     ["Mr. Peskov spoke on Oct. 19 at the U.N. Security Council.", "V. Putin stayed home."]),
    ("en", 'Is it useful? Is it necessary? "No," he said. Then he left.',
     ["Is it useful?", "Is it necessary?", '"No," he said.', "Then he left."]),
    ("en", "The events “fell out of the program.” Paris disagreed.",
     ["The events “fell out of the program.”", "Paris disagreed."]),
    ("fr", "M. Hollande a parlé à l’ONU le 19 oct. à Paris. Mme Merkel aussi.",
     ["M. Hollande a parlé à l’ONU le 19 oct. à Paris.", "Mme Merkel aussi."]),
    ("fr", "« C’est inacceptable. » Le Kremlin dément.",
     ["« C’est inacceptable. »", "Le Kremlin dément."]),
    ("ru", "В. В. Путин отменил визит, т.е. поездку в г. Париж. Песков пояснил это.",
     ["В. В. Путин отменил визит, т.е. поездку в г. Париж.", "Песков пояснил это."]),
    ("ru", "«Мы ждали», — сказал он. Визит отменён.", ["«Мы ждали», — сказал он.", "Визит отменён."]),
])
def test_sentences(lang, s, expected):
    assert texts(s, sentence_spans(s, lang=lang)) == expected


def test_lower_case_after_a_full_stop_does_not_start_a_sentence():
    s = "The price rose to 3.5 per cent. and then fell."
    assert texts(s, sentence_spans(s)) == [s]


def test_tokens_split_elisions_and_hyphens_and_keep_offsets():
    s = "l’Élysée a dit: war-crimes, Путину!"
    assert texts(s, token_spans(s)) == ["l", "Élysée", "a", "dit", "war", "crimes", "Путину"]


def test_segment_parts_ids_and_offsets():
    articles = pd.DataFrame({
        "doc_id": ["a", "b"],
        "headline": ["Putin stays home", ""],
        "text": ["Lead one. Lead two.\n\nBody one.\n\nBody two.", "Only lead."],
        "lang": ["en", "fr"],
    })
    sentences = segment(articles)
    a = sentences[sentences["doc_id"] == "a"]
    assert a["part"].tolist() == ["headline", "lead", "lead", "body", "body"]
    assert a["sent_id"].tolist() == [0, 1, 2, 3, 4]
    assert a["para_id"].tolist() == [0, 1, 1, 2, 3]
    for row in sentences.itertuples():
        article = articles.set_index("doc_id").loc[row.doc_id]
        assert source_text(article, row.part)[row.start:row.end] == row.text
    b = sentences[sentences["doc_id"] == "b"]
    assert b["sent_id"].tolist() == [1] and b["part"].tolist() == ["lead"]


def test_segment_needs_doc_id_and_text():
    with pytest.raises(ValueError, match="missing \\['text'\\]"):
        segment(pd.DataFrame({"doc_id": ["a"]}))


def test_segment_offsets_hold_on_the_whole_corpus(articles):
    sentences = segment(articles)
    by_id = articles.set_index("doc_id")
    for row in sentences.itertuples():
        assert source_text(by_id.loc[row.doc_id], row.part)[row.start:row.end] == row.text
    assert set(sentences["doc_id"]) == set(articles["doc_id"])


@pytest.mark.parametrize("lang, s, expected", [
    ("en", "The first version is the Kremlin's. On Tuesday he spoke.",
     ["The first version is the Kremlin's.", "On Tuesday he spoke."]),
    ("en", "Later, without P. Poroshenko, they talked.", ["Later, without P. Poroshenko, they talked."]),
    ("en", "He would say no. He left. See No. 10 and p. 5 today.",
     ["He would say no.", "He left.", "See No. 10 and p. 5 today."]),
    ("ru", "Хор, солисты и т.д. Визы получены.", ["Хор, солисты и т.д.", "Визы получены."]),
])
def test_sentence_ends_after_possessives_list_ends_and_numbered_abbreviations(lang, s, expected):
    assert texts(s, sentence_spans(s, lang=lang)) == expected


@pytest.mark.parametrize("lang, s", [
    ("en", "The collection assembled c. 1900 by S. I. Shchukin stayed."),
    ("fr", "Un terrain d’env. 4 200 m² avenue de l’av. Foch."),
    ("ru", "Его т. н. «знатоки» и о. Николай на наб. Бранли, арх. Вильмотт."),
])
def test_lower_case_abbreviations_and_initials_do_not_end_sentences(lang, s):
    assert texts(s, sentence_spans(s, lang=lang)) == [s]


# --- Title lines and page furniture ---------------------------------------------------------

from framing.text import FURNITURE_REASONS, furniture_reason  # noqa: E402


@pytest.mark.parametrize("lang, s, expected", [
    ("en", "Putin calls off Paris visit\nThe Russian president will not come on Oct. 19. Paris regrets it.",
     ["Putin calls off Paris visit", "The Russian president will not come on Oct. 19.", "Paris regrets it."]),
    ("fr", "Poutine renonce à sa visite à Paris\nLe président russe ne viendra pas. L’Élysée regrette.",
     ["Poutine renonce à sa visite à Paris", "Le président russe ne viendra pas.", "L’Élysée regrette."]),
    ("ru", "Путин отменил визит в Париж\nПрезидент России не приедет 19 октября. В Париже сожалеют.",
     ["Путин отменил визит в Париж", "Президент России не приедет 19 октября.", "В Париже сожалеют."]),
    ("en", "“Not coming”: Putin drops Paris\nThe Kremlin said so.", ["“Not coming”: Putin drops Paris",
                                                                    "The Kremlin said so."]),
])
def test_a_title_line_and_one_newline_end_a_sentence(lang, s, expected):
    assert texts(s, sentence_spans(s, lang=lang)) == expected


@pytest.mark.parametrize("lang, s", [
    # the line ends with a function word: it is a wrapped line, not a title
    ("en", "Vladimir Putin cancelled his visit to\nParis on Tuesday, the Kremlin said."),
    ("fr", "Vladimir Poutine a annulé sa visite de\nParis mardi, a dit le Kremlin."),
    ("ru", "Путин отменил визит в\nПариж, сообщил Кремль."),
    # the next line opens in lower case: the sentence goes on
    ("en", "The Kremlin said Putin had cancelled\nhis visit on Tuesday."),
    # hard-wrapped text: most breaks fall inside sentences
    ("en", "Vladimir Putin met\nPeskov on Tuesday and they\nspoke of the\nprogramme."),
])
def test_a_line_break_inside_a_sentence_is_not_a_title_break(lang, s):
    assert texts(s, sentence_spans(s, lang=lang)) == [s]


def test_a_line_holding_a_sentence_end_is_no_title():
    s = "Putin will not come. So said Peskov\nOn Tuesday."
    assert texts(s, sentence_spans(s)) == ["Putin will not come.", "So said Peskov\nOn Tuesday."]


FURNITURE = [
    # (lang, line, reason)
    ("en", "Tags: Russia, France, Putin, Hollande", "tags"),
    ("en", "Russia, France, Syria, Vladimir Putin", "tags"),
    ("en", "By Jane Doe, Moscow correspondent", "byline"),
    ("en", "BY JANE DOE AND JOHN ROE", "byline"),
    ("en", "Read more: Putin cancels Paris trip", "read-more"),
    ("en", "Photo: Jane Doe/Reuters", "photo-credit"),
    ("en", "(Photo: AFP)", "photo-credit"),
    ("en", "Home > World > Europe", "breadcrumb"),
    ("en", "MOSCOW, Oct. 11 (Meridian Wire) -", "dateline"),
    ("en", "Updated 11 October 2016 14:02 GMT", "dateline"),
    ("en", "Share on Facebook", "share"),
    ("en", "Facebook Twitter Email", "share"),
    ("en", "© 2016 Meridian Wire. All rights reserved.", "copyright"),
    ("fr", "Mots-clés : Russie, France, Syrie", "tags"),
    ("fr", "Russie, France, Syrie, Vladimir Poutine", "tags"),
    ("fr", "Par Jean Dupont, envoyé spécial à Moscou", "byline"),
    ("fr", "Lire aussi : Poutine annule sa visite à Paris", "read-more"),
    ("fr", "Crédit photo : AFP", "photo-credit"),
    ("fr", "Accueil > International > Europe", "breadcrumb"),
    ("fr", "PARIS, 11 octobre (AFP) -", "dateline"),
    ("fr", "Publié le 11 octobre 2016 à 14h02", "dateline"),
    ("fr", "Partager sur Facebook", "share"),
    ("fr", "© Le Quotidien 2016. Tous droits réservés.", "copyright"),
    ("ru", "Теги: Россия, Франция, Сирия", "tags"),
    ("ru", "Россия, Франция, Сирия, Владимир Путин", "tags"),
    ("ru", "Автор: Иван Петров", "byline"),
    ("ru", "Читайте также: Путин отменил визит в Париж", "read-more"),
    ("ru", "Фото: РИА Новости", "photo-credit"),
    ("ru", "Главная / Новости / В мире", "breadcrumb"),
    ("ru", "МОСКВА, 11 октября — Вестник.", "dateline"),
    ("ru", "Опубликовано 11 октября 2016, 14:02", "dateline"),
    ("ru", "Поделиться", "share"),
    ("ru", "© 2016 Вестник. Все права защищены.", "copyright"),
]


@pytest.mark.parametrize("lang, line, reason", FURNITURE)
def test_each_kind_of_page_furniture(lang, line, reason):
    assert furniture_reason(line, lang=lang) == reason


def test_every_kind_of_furniture_is_tested_in_every_language():
    kinds = {(lang, reason) for lang, _, reason in FURNITURE}
    for reason in set(FURNITURE_REASONS) - {"headline-repeat"}:
        assert {(lang, reason) for lang in ("en", "fr", "ru")} <= kinds, reason


@pytest.mark.parametrize("lang, line", [
    ("en", "Russia, France, Germany and Italy signed the deal."),
    ("en", "Russia, France, Germany signed"),
    ("en", "By Tuesday, the visit was off."),
    ("en", "By Tuesday, the visit was off"),
    ("en", "By Christmas, the talks had collapsed"),
    ("en", "Read more of this report from CNN."),
    ("en", "Photos of the cathedral were published on Monday."),
    ("en", "Share prices fell in Moscow."),
    ("en", "Copyright law was discussed in Paris."),
    ("en", "PUTIN STAYS HOME"),
    ("fr", "Par ailleurs, le Kremlin dément toute tension."),
    ("fr", "Par ailleurs, le Kremlin dément"),
    ("fr", "Par Jean Dupont, qui était à Moscou"),
    ("fr", "La Russie, la France et l’Allemagne ont signé."),
    ("fr", "Lire aussi les déclarations de Peskov."),
    ("ru", "Фото, опубликованные в соцсетях, показали пустой зал."),
    ("ru", "Фото, опубликованные в соцсетях, показали пустой зал"),
    ("ru", "Россия, Франция и Германия подписали соглашение."),
    ("ru", "Читайте также заявление Пескова."),
])
def test_a_sentence_that_looks_like_furniture_is_text(lang, line):
    assert furniture_reason(line, lang=lang) == ""


def test_a_language_without_cues_has_no_furniture():
    assert furniture_reason("Tags: Russia, France", lang="de") == ""


def test_no_sentence_or_headline_of_the_corpus_is_furniture_in_any_language(articles):
    # the dev and test articles were written without page furniture (the blind split has some)
    articles = articles[articles["split"].isin(["dev", "test"])]
    sentences = segment(articles)
    assert (sentences["furniture"] == "").all() and "furniture" not in set(sentences["part"])
    for text in [*sentences["text"], *articles["headline"]]:
        for lang in ("en", "fr", "ru"):
            assert furniture_reason(text, lang=lang) == "", (lang, text)


def test_segment_gives_furniture_a_part_and_a_reason_and_keeps_offsets():
    articles = pd.DataFrame({
        "doc_id": ["en", "fr", "ru"],
        "headline": ["Putin calls off Paris visit", "Poutine renonce à Paris", "Путин отменил визит"],
        "text": [
            "Home > World > Europe\nBy Jane Doe, Moscow correspondent\n\n"
            "Putin calls off Paris visit\nMOSCOW - The Kremlin said the visit was off. Paris regretted it.\n"
            "Photo: AFP\nPeskov gave no date.\n\nTags: Russia, France, Putin",
            "Par Jean Dupont\n\nLe Kremlin a annulé la visite.\nLire aussi : Poutine et la Syrie\n\n"
            "Russie, France, Syrie",
            "Путин отменил визит\nКремль отменил визит в Париж.\nФото: ТАСС\n\n"
            "Теги: Россия, Франция\n© 2016 Вестник. Все права защищены.",
        ],
        "lang": ["en", "fr", "ru"],
    })
    sentences = segment(articles)
    by_id = articles.set_index("doc_id")
    for row in sentences.itertuples():
        assert source_text(by_id.loc[row.doc_id], row.part)[row.start:row.end] == row.text
        assert (row.part == "furniture") == (row.furniture != "")
    en = sentences[sentences["doc_id"] == "en"]
    assert en[["part", "furniture"]].values.tolist() == [
        ["headline", ""], ["furniture", "breadcrumb"], ["furniture", "byline"],
        ["furniture", "headline-repeat"], ["lead", ""], ["lead", ""], ["furniture", "photo-credit"],
        ["lead", ""], ["furniture", "tags"]]
    assert en["para_id"].tolist() == [0, 1, 1, 2, 2, 2, 2, 2, 3]  # the lead is the first paragraph of text
    fr = sentences[sentences["doc_id"] == "fr"]
    assert fr["furniture"].tolist() == ["", "byline", "", "read-more", "tags"]
    assert fr["part"].tolist() == ["headline", "furniture", "lead", "furniture", "furniture"]
    ru = sentences[sentences["doc_id"] == "ru"]
    assert ru["furniture"].tolist() == ["", "headline-repeat", "", "photo-credit", "tags", "copyright"]
    assert ru["text"].tolist()[2] == "Кремль отменил визит в Париж."


def test_a_first_line_is_only_a_headline_repeat_when_it_repeats_the_headline():
    articles = pd.DataFrame({"doc_id": ["a"], "headline": ["Putin stays home"], "lang": ["en"],
                             "text": ["Putin stays at home\nThe Kremlin said so."]})
    sentences = segment(articles)
    assert sentences["part"].tolist() == ["headline", "lead", "lead"]
    assert sentences["text"].tolist()[1] == "Putin stays at home"


def test_the_stop_word_lists_have_one_loader():
    # keyness and reported speech once read the lists with two loaders that folded case differently
    from conftest import REPO

    readers = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "framing").rglob("*.py")
                     if '"stopwords"' in p.read_text(encoding="utf-8"))
    assert readers == ["framing/text.py"]
    from framing.text import stopwords

    assert {"the", "le", "и"} <= stopwords("en") | stopwords("fr") | stopwords("ru")
    with pytest.raises(framing.FramingError, match="lists exist for en, fr, ru"):
        stopwords("xx")
