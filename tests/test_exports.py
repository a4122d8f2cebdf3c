"""Tests of framing.exports: Nexis Uni, LexisNexis, Factiva and MediaCloud exports into the corpus table."""

from __future__ import annotations

import argparse
import re
import shutil
import warnings
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
import pytest

from framing.cli.imports import register
from framing.errors import REJECTED_COLUMNS, FormatError, rejection_report
from framing.exports import (
    CORPUS_COLUMNS,
    combine_exports,
    language_code,
    parse_date,
    read_export,
    read_factiva_html,
    read_factiva_rtf,
    read_factiva_txt,
    read_lexisnexis_txt,
    read_mediacloud_csv,
    read_nexis_docx,
)

DATA = Path(__file__).parent / "data" / "exports"
NBSP = "\u00a0"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)

#: A Nexis Uni export: cover page, three articles (the third without body text).
#: A tuple is one paragraph written as several runs; "\n" inside a paragraph is a <w:br/>.
NEXIS = [
    "Invented Search Service",
    "User Name: = tester",
    "Date and Time: Wednesday, October 19, 2016 10:00:00 AM EST",
    "Job Number: 1",
    "Documents (3)",
    "1. Ministers trade barbs over cancelled visit",
    "Client/Matter: -None-",
    "Search Terms: visit AND snub",
    f"Language:{NBSP}French",  # a label on the cover page must not leak into article 1
    "",
    "Ministers trade barbs over cancelled visit",
    "The Northern Courier",
    "October 12, 2016 Wednesday",
    "Copyright 2016 Invented Media Group",
    ("Length:", f"{NBSP}61 words"),
    f"Byline:{NBSP}Alex Imaginary",
    f"Section:{NBSP}WORLD; Pg. 14",
    f"Highlight:{NBSP}A planned visit is off.",
    "Body",
    "The foreign ministry said the planned visit had been called off.",
    ("One official described it ", "as a snub.\nOfficials on the other side denied any snub."),
    "Classification",
    f"Language:{NBSP}ENGLISH",
    f"Subject:{NBSP}DIPLOMACY (90%)",
    f"Load-Date:{NBSP}October 13, 2016",
    "End of Document",
    "Visite annulée",
    "Le Quotidien Imaginaire",
    "12 octobre 2016 mercredi",
    f"Length:{NBSP}22 words",
    "Body",
    "Le ministère a démenti tout affront.",
    f"Language:{NBSP}FRENCH",
    f"Load-Date:{NBSP}October 13, 2016",
    "End of Document",
    "Empty shell",
    "The Northern Courier",
    "October 14, 2016 Friday",
    f"Length:{NBSP}0 words",
    "Body",
    "Classification",
    f"Language:{NBSP}ENGLISH",
    "End of Document",
]


def _paragraph(paragraph: str | tuple[str, ...]) -> str:
    runs = (paragraph,) if isinstance(paragraph, str) else paragraph
    xml = []
    for run in runs:
        pieces = [f'<w:t xml:space="preserve">{escape(piece)}</w:t>' for piece in run.split("\n")]
        xml.append("<w:r>" + "<w:br/>".join(pieces) + "</w:r>")
    return "<w:p><w:pPr><w:jc w:val=\"left\"/></w:pPr>" + "".join(xml) + "</w:p>"


def make_docx(path: Path, paragraphs: list) -> Path:
    """Write a minimal DOCX whose body holds ``paragraphs``."""
    body = "".join(_paragraph(p) for p in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
    return path


def report_of(frame: pd.DataFrame) -> pd.DataFrame:
    return rejection_report(frame.attrs["rejected"])


# --------------------------------------------------------------------------- dates and languages


@pytest.mark.parametrize(
    "raw",
    [
        "October 12, 2016 Wednesday",
        "Wednesday, October 12, 2016 10:30 AM GMT",
        "12 October 2016",
        "12 Oct 2016",
        "Oct. 12, 2016",
        "12 octobre 2016",
        "mercredi 12 octobre 2016",
        "12. Oktober 2016",
        "Mittwoch, 12. Okt. 2016",
        "12 октября 2016",
        "2016-10-12 08:15:00",
        "12.10.2016",
    ],
)
def test_parse_date_without_locale(raw: str) -> None:
    assert parse_date(raw) == "2016-10-12"


def test_parse_date_other_months_and_failures() -> None:
    assert parse_date("1er février 2017") == "2017-02-01"
    assert parse_date("3. März 2017") == "2017-03-03"
    assert parse_date("August 1, 2016") == "2016-08-01"
    assert parse_date("Octember 45, 2016") is None
    assert parse_date("February 30, 2016") is None
    assert parse_date("10/12/2016") is None  # ambiguous: not guessed
    assert parse_date(None) is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("ENGLISH", "en"), ("Englisch", "en"), ("Anglais", "en"), ("French", "fr"),
        ("Französisch", "fr"), ("Français", "fr"), ("Russian", "ru"), ("Russisch", "ru"),
        ("Russe", "ru"), ("GERMAN", "de"), ("Deutsch", "de"), ("Spanish", "es"), ("en-US", "en"),
        ("fr", "fr"), ("Klingon", None), ("RT", None),
    ],
)  # fmt: skip
def test_language_code(name: str, code: str | None) -> None:
    assert language_code(name) == code


# --------------------------------------------------------------------------- Nexis Uni DOCX


def test_nexis_docx_cover_page_nbsp_labels_and_classification(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "nexis.docx", NEXIS)
    with pytest.warns(UserWarning, match=r"1 of 3 record\(s\) rejected, first: article 3: the article has no body text"):
        corpus = read_nexis_docx(path)
    assert list(corpus.columns) == CORPUS_COLUMNS
    assert corpus["headline"].tolist() == ["Ministers trade barbs over cancelled visit", "Visite annulée"]
    assert corpus["outlet"].tolist() == ["The Northern Courier", "Le Quotidien Imaginaire"]
    assert corpus["date"].tolist() == ["2016-10-12", "2016-10-12"]
    assert corpus["lang"].tolist() == ["en", "fr"]
    assert corpus["byline"].tolist() == ["Alex Imaginary", pd.NA]
    assert corpus.loc[0, "section"] == "WORLD; Pg. 14"
    assert corpus.loc[0, "text"] == (
        "The foreign ministry said the planned visit had been called off.\n\n"
        "One official described it as a snub.\n\nOfficials on the other side denied any snub."
    )
    assert corpus.loc[1, "text"] == "Le ministère a démenti tout affront."
    assert corpus["source_record"].tolist() == ["article 1", "article 2"]
    assert corpus["source_file"].tolist() == [str(path)] * 2
    report = report_of(corpus)
    assert list(report.columns) == REJECTED_COLUMNS
    assert report["record"].tolist() == ["article 3"]
    assert "'Body'" in report.loc[0, "fix"]


def test_nexis_docx_custom_markers(tmp_path: Path) -> None:
    paragraphs = ["Titre", "Le Quotidien Imaginaire", "12 octobre 2016", f"Longueur:{NBSP}5 mots",
                  "Texte", "Un paragraphe inventé.", "Fin du document"]  # fmt: skip
    path = make_docx(tmp_path / "fr.docx", paragraphs)
    with pytest.raises(FormatError, match=r"No article found in .*fr\.docx: expected articles with a 'Body' line"):
        read_nexis_docx(path)
    corpus = read_nexis_docx(path, markers={"body": "Texte", "end": ["Fin du document"], "length": "Longueur"})
    assert corpus[["headline", "date", "text"]].values.tolist() == [["Titre", "2016-10-12", "Un paragraphe inventé."]]


def test_nexis_docx_unknown_marker_key(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "x.docx", NEXIS)
    with pytest.raises(FormatError, match=r"Unknown marker key 'bdy'.*expected one of body, end"):
        read_nexis_docx(path, markers={"bdy": "Body"})


def test_nexis_docx_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("plain text", encoding="utf-8")
    with pytest.raises(FormatError, match=r"fake\.docx is not a DOCX file"):
        read_nexis_docx(path)


# --------------------------------------------------------------------------- LexisNexis TXT


def test_lexisnexis_hard_wrapped_english_with_broken_date() -> None:
    with pytest.warns(UserWarning, match="1 of 3 record"):
        corpus = read_lexisnexis_txt(DATA / "lexis_en.txt")
    assert corpus["source_record"].tolist() == ["document 1", "document 3"]
    first = corpus.iloc[0]
    assert first["outlet"] == "The Northern Courier (Leeds)"
    assert first["headline"] == "Ministers trade barbs over cancelled visit"
    assert (first["date"], first["lang"], first["byline"]) == ("2016-10-12", "en", "Alex Imaginary")
    assert first["section"] == "WORLD NEWS; Pg. 14"
    assert first["text"] == (
        "The foreign ministry said on Tuesday that the planned visit had been called off, a "
        "decision one official described as a snub that nobody in the capital had expected.\n\n"
        "Officials on the other side denied any snub and said the talks would resume."
    )
    third = corpus.iloc[1]
    assert third["headline"] == "Talks resume after a frosty week"  # from the HEADLINE: label
    assert (third["date"], third["url"]) == ("2016-10-13", "https://example.org/talks-resume")
    assert third["text"] == "Negotiators met again on Thursday in a hotel by the harbour."
    report = report_of(corpus)
    assert report["record"].tolist() == ["document 2"]
    assert report.loc[0, "problem"] == "the date 'Octember 45, 2016 Someday' cannot be read"


def test_lexisnexis_german_labels() -> None:
    corpus = read_lexisnexis_txt(DATA / "lexis_de.txt")
    row = corpus.iloc[0]
    assert (row["outlet"], row["date"], row["lang"]) == ("Erfundene Rundschau", "2016-10-12", "de")
    assert (row["headline"], row["byline"], row["section"]) == ("Streit um abgesagten Besuch", "Kim Beispiel", "AUSLAND; S. 5")
    assert row["text"] == (
        "Das Außenministerium teilte mit, der geplante Besuch sei abgesagt worden.\n\n"
        "Die Gegenseite wies den Vorwurf zurück."
    )
    assert report_of(corpus).empty


def test_lexisnexis_french_labels() -> None:
    corpus = read_lexisnexis_txt(DATA / "lexis_fr.txt")
    row = corpus.iloc[0]
    assert (row["outlet"], row["date"], row["lang"]) == ("Le Quotidien Imaginaire", "2016-10-12", "fr")
    assert (row["byline"], row["section"]) == ("Camille Exemple", "INTERNATIONAL; Pg. 3")
    assert row["text"].split("\n\n") == [
        "Le ministère a déclaré que la visite prévue avait été annulée.",
        "L'autre partie a démenti tout affront.",
    ]


def test_lexisnexis_without_document_lines(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Just some notes\nabout a visit.\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"No article found in .*notes\.txt: expected lines such as '1 of 3 DOCUMENTS'"):
        read_lexisnexis_txt(path)


def test_lexisnexis_cp1252_file_is_read(tmp_path: Path) -> None:
    text = (DATA / "lexis_fr.txt").read_text(encoding="utf-8")
    path = tmp_path / "cp.txt"
    path.write_bytes(text.encode("cp1252"))
    with pytest.warns(UserWarning, match="not valid UTF-8"):
        corpus = read_lexisnexis_txt(path)
    assert corpus.loc[0, "headline"] == "Visite annulée : échange de reproches"


# --------------------------------------------------------------------------- Factiva


def test_factiva_html_full_article_plus_indexing_layout() -> None:
    corpus = read_factiva_html(DATA / "factiva_full.html")
    assert corpus["source_record"].tolist() == [
        "document NCOUR00020161012ecac0001",
        "document QUOTIM0020161012ecac0002",
    ]
    first = corpus.iloc[0]
    assert (first["headline"], first["outlet"], first["date"], first["lang"], first["byline"]) == (
        "Ministers trade barbs over cancelled visit", "The Northern Courier", "2016-10-12", "en", "Alex Imaginary",
    )  # fmt: skip
    assert first["text"].split("\n\n") == [
        "The foreign ministry said the planned visit had been called off.",  # LP comes first
        "One official described it as a snub & a surprise.",
        "Officials on the other side denied any snub.",
    ]
    assert (corpus.loc[1, "lang"], corpus.loc[1, "headline"]) == ("fr", "Visite annulée")


def test_factiva_html_default_article_layout() -> None:
    corpus = read_factiva_html(DATA / "factiva_article.html")
    first = corpus.iloc[0]
    assert (first["headline"], first["byline"], first["outlet"], first["date"], first["lang"]) == (
        "Ministers trade barbs over cancelled visit", "Alex Imaginary", "The Northern Courier", "2016-10-12", "en",
    )  # fmt: skip
    assert first["text"] == (
        "The foreign ministry said the planned visit had been called off.\n\n"
        "One official described it as a snub."
    )
    second = corpus.iloc[1]
    assert (second["headline"], second["outlet"], second["lang"]) == ("Визит отменён", "Вымышленные Известия", "ru")
    assert second["source_record"] == "document VYMIZV0020161012ecac0003"


def test_factiva_html_without_article(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><p>No results.</p></body></html>", encoding="utf-8")
    with pytest.raises(FormatError, match=r"No article found in .*empty\.html: expected tables with Factiva field codes"):
        read_factiva_html(path)


def test_factiva_txt_field_codes_and_search_summary() -> None:
    corpus = read_factiva_txt(DATA / "factiva.txt")
    assert corpus["headline"].tolist() == ["Ministers trade barbs over cancelled visit", "Streit um abgesagten Besuch"]
    assert corpus["lang"].tolist() == ["en", "de"]
    assert corpus["date"].tolist() == ["2016-10-12", "2016-10-12"]
    assert corpus.loc[0, "text"].count("\n\n") == 2
    assert "xyzco" not in corpus.loc[0, "text"]  # CO field is not body text


def test_factiva_txt_broken_date_goes_to_report(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("HD\nA headline\n\nPD\nsometime in autumn\n\nTD\nA paragraph.\n\nAN\nDocument X1\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="rejected"):
        corpus = read_factiva_txt(path)
    assert corpus.empty and list(corpus.columns) == CORPUS_COLUMNS
    report = report_of(corpus)
    assert report.iloc[0].tolist() == [
        str(path), "document X1", "the date 'sometime in autumn' cannot be read", report.loc[0, "fix"],
    ]  # fmt: skip
    assert "12 October 2016" in report.loc[0, "fix"]


def test_factiva_rtf_escapes() -> None:
    corpus = read_factiva_rtf(DATA / "factiva.rtf")
    first = corpus.iloc[0]
    assert first["headline"] == "Visite annulée à Moscou"
    assert first["lang"] == "fr"
    assert first["text"] == (
        "Le ministère a démenti : le визит est annulé.\n\n"  # NO-BREAK SPACE (\\~) -> space
        "Deuxième paragraphe avec accolade { et barre \\."
    )
    assert "Arial" not in first["text"] and "Invented RTF writer" not in " ".join(corpus["text"])
    assert corpus.loc[1, "text"] == "The foreign ministry said the visit was off."


def test_factiva_rtf_code_page_and_surrogate_pairs(tmp_path: Path) -> None:
    rtf = (
        r"{\rtf1\ansi\ansicpg1251{\fonttbl{\f0 Arial;}}\uc1 HD\par \'e2\'e8\'e7\'e8\'f2\par\par "
        r"TD\par Smile \u-10179?\u-8704? here.\par\par AN\par Document ABC1\par}"
    )
    path = tmp_path / "cp.rtf"
    path.write_text(rtf, encoding="ascii")
    corpus = read_factiva_rtf(path)
    assert corpus[["headline", "text"]].values.tolist() == [["визит", "Smile \U0001f600 here."]]


def test_factiva_rtf_rejects_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "plain.rtf"
    path.write_text("HD\nheadline\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"plain\.rtf is not an RTF file"):
        read_factiva_rtf(path)


# --------------------------------------------------------------------------- MediaCloud


def test_mediacloud_rows_without_text_are_rejected() -> None:
    with pytest.warns(UserWarning, match="1 of 3"):
        corpus = read_mediacloud_csv(DATA / "mediacloud.csv")
    assert corpus["source_record"].tolist() == ["story 1001", "story 1003"]
    assert corpus.loc[0, "text"] == "The foreign ministry said the visit was off.\n\nOfficials denied any snub."
    assert corpus.loc[0, "date"] == "2016-10-12"
    assert pd.isna(corpus.loc[1, "date"])  # a missing date is kept missing, not rejected
    assert corpus["url"].tolist() == ["https://example.org/a", "https://example.org/c"]
    report = report_of(corpus)
    assert report["record"].tolist() == ["story 1002"]
    assert "fetch the article text separately" in report.loc[0, "fix"]


def test_mediacloud_wrong_columns(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"expected MediaCloud columns such as stories_id.*got a, b"):
        read_mediacloud_csv(path)


def test_mediacloud_row_with_an_unquoted_comma_is_rejected_with_its_line_not_shifted(tmp_path: Path) -> None:
    path = tmp_path / "mc.csv"
    path.write_text("stories_id,publish_date,title,url,media_name,language,text\n"
                    "1,2016-10-12,Trip off,https://example.org/a,Ledger,en,The visit is off.\n"
                    "2,2016-10-12,Snub, says Paris,https://example.org/b,Ledger,en,Paris spoke of a snub.\n",
                    encoding="utf-8")
    with pytest.warns(UserWarning, match="1 of 2"):
        corpus = read_mediacloud_csv(path)
    assert corpus["source_record"].tolist() == ["story 1"]
    assert corpus["url"].tolist() == ["https://example.org/a"]
    report = report_of(corpus)
    assert report["record"].tolist() == ["row 3"]
    assert report.loc[0, "problem"].startswith("line 3 has 8 field(s) but the header has 7")


# --------------------------------------------------------------------------- dispatch, ids, CLI


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("lexis_en.txt", "lexisnexis"), ("lexis_de.txt", "lexisnexis"), ("factiva.txt", "factiva"),
        ("factiva_full.html", "factiva"), ("factiva_article.html", "factiva"), ("factiva.rtf", "factiva"),
        ("mediacloud.csv", "mediacloud"),
    ],
)  # fmt: skip
def test_read_export_dispatches_by_extension_and_content(name: str, source: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = read_export(DATA / name)
    assert len(corpus) > 0
    assert all(re.fullmatch(rf"{source}_[0-9a-f]{{12}}", d) for d in corpus["doc_id"])


def test_read_export_docx(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert len(read_export(make_docx(tmp_path / "n.docx", NEXIS))) == 2


def test_read_export_unknown_kinds(tmp_path: Path) -> None:
    odd = tmp_path / "export.pdf"
    odd.write_bytes(b"%PDF")
    with pytest.raises(FormatError, match=r"extension '\.pdf': expected one of .*\.docx"):
        read_export(odd)
    notes = tmp_path / "notes.txt"
    notes.write_text("nothing to see\n", encoding="utf-8")
    with pytest.raises(FormatError, match="expected LexisNexis lines such as '1 of 3 DOCUMENTS' or Factiva"):
        read_export(notes)


def test_doc_ids_are_deterministic_and_collisions_get_suffixes(tmp_path: Path) -> None:
    one = read_factiva_txt(DATA / "factiva.txt")
    assert one["doc_id"].tolist() == read_factiva_txt(DATA / "factiva.txt")["doc_id"].tolist()
    text = (DATA / "factiva.txt").read_text(encoding="utf-8")
    twice = tmp_path / "twice.txt"
    twice.write_text(text + "\n" + text, encoding="utf-8")
    ids = read_factiva_txt(twice)["doc_id"].tolist()
    assert ids == [*one["doc_id"], one["doc_id"][0] + "_2", one["doc_id"][1] + "_2"]


def test_combine_exports_keeps_ids_unique_and_merges_reports() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frames = [read_export(DATA / "mediacloud.csv"), read_export(DATA / "mediacloud.csv")]
    combined = combine_exports(frames)
    assert len(combined) == 4 and combined["doc_id"].is_unique
    assert combined["doc_id"][2] == combined["doc_id"][0] + "_2"
    assert len(report_of(combined)) == 2


def _cli(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="framing")
    register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_cli_import_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(DATA / "lexis_en.txt", tmp_path / "lexis_en.txt")
    out, rejected = tmp_path / "corpus.jsonl", tmp_path / "rejected.csv"
    args = _cli(["import-corpus", str(tmp_path / "lexis_en.txt"), str(DATA / "factiva.txt"), "-o", str(out),
                 "--rejected", str(rejected)])  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert args.func(args) == 0
    assert "4 articles from 2 file(s)" in capsys.readouterr().out
    written = pd.read_json(out, lines=True)
    assert list(written.columns) == CORPUS_COLUMNS and len(written) == 4
    assert pd.read_csv(rejected)["record"].tolist() == ["document 2"]


def test_cli_import_corpus_bad_output_suffix(tmp_path: Path) -> None:
    args = _cli(["import-corpus", str(DATA / "factiva.txt"), "-o", str(tmp_path / "corpus.xlsx")])
    with pytest.raises(FormatError, match=r"expected an output ending in \.csv, \.jsonl, \.parquet"):
        args.func(args)


# --------------------------------------------------------------------------- the command line speaks flags

FRENCH_DOCX = ["Titre", "Le Quotidien Imaginaire", "12 octobre 2016", f"Longueur:{NBSP}5 mots",
               "Texte", "Un paragraphe inventé.", "Fin du document"]  # fmt: skip


def test_cli_marker_flag_reads_other_labels_and_missing_language_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_docx(tmp_path / "fr.docx", FRENCH_DOCX)
    out = tmp_path / "corpus.csv"
    args = _cli(["import-corpus", str(path), "-o", str(out)])
    with pytest.raises(FormatError, match=r"--marker KEY=LABEL on the command line"):
        args.func(args)
    args = _cli(["import-corpus", str(path), "-o", str(out), "--marker", "body=Texte",
                 "--marker", "end=Fin du document", "--marker", "length=Longueur"])  # fmt: skip
    assert args.func(args) == 0
    captured = capsys.readouterr()
    assert "1 article(s) have no language" in captured.err and "--lang CODE" in captured.err
    assert pd.read_csv(out)["lang"].isna().all()
    args = _cli(["import-corpus", str(path), "-o", str(out), "--lang", "fr", "--marker", "body=Texte",
                 "--marker", "end=Fin du document"])  # fmt: skip
    assert args.func(args) == 0
    assert "no language" not in capsys.readouterr().err
    assert pd.read_csv(out)[["headline", "lang"]].values.tolist() == [["Titre", "fr"]]


def test_cli_flag_errors(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "fr.docx", FRENCH_DOCX)
    args = _cli(["import-corpus", str(path), "-o", str(tmp_path / "c.csv"), "--marker", "Texte"])
    with pytest.raises(FormatError, match=r"--marker 'Texte': expected KEY=LABEL"):
        args.func(args)
    args = _cli(["import-corpus", str(path), "-o", str(tmp_path / "c.csv"), "--lang", "French",
                 "--marker", "body=Texte", "--marker", "end=Fin du document"])  # fmt: skip
    with pytest.raises(FormatError, match=r"--lang 'French' is not an ISO 639-1 code"):
        args.func(args)


def test_export_errors_name_the_flag_and_the_parameter(tmp_path: Path) -> None:
    odd = tmp_path / "export.pdf"
    odd.write_bytes(b"%PDF")
    with pytest.raises(FormatError, match=r"--format on the command line, format= in Python"):
        read_export(odd)
    plain = tmp_path / "plain.rtf"
    plain.write_text("HD\nheadline\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"--format factiva_txt on the command line, read_factiva_txt in Python"):
        read_factiva_rtf(plain)


def test_read_export_can_return_its_report_which_survives_a_merge() -> None:
    # the report rode only in DataFrame.attrs, which pandas drops on merge and concat
    with pytest.warns(UserWarning, match="1 of 3"):
        corpus, report = read_export(DATA / "mediacloud.csv", report=True)
    merged = corpus.merge(pd.DataFrame({"doc_id": corpus["doc_id"], "coder": "x"}), on="doc_id")
    assert merged.attrs.get("rejected", []) == []  # what the attrs route loses
    assert report.columns.tolist() == REJECTED_COLUMNS and report["record"].tolist() == ["story 1002"]
