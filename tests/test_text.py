import pandas as pd
import pytest

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
