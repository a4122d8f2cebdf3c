import json

import pandas as pd
import pytest

import framing
from framing.corpus import corpus_columns, count_articles
from framing.errors import CorpusError

from conftest import SEED_ID

GOOD = """---
doc_id: {doc_id}
headline: "A headline"
lang: en
date: 2016-10-12
outlet: The Test Gazette
---
First paragraph.

Second paragraph.
"""


def write(folder, name, content, encoding="utf-8"):
    path = folder / name
    path.write_bytes(content.encode(encoding) if isinstance(content, str) else content)
    return path


def test_the_repository_corpus_reads_whole(articles):
    assert len(articles) >= 49
    assert articles["doc_id"].is_unique
    assert set(articles["lang"]) == {"en", "fr", "ru"}
    assert articles["date"].dtype.kind == "M"
    synthetic = articles[articles["doc_id"] != SEED_ID]
    assert synthetic["synthetic"].eq(True).all()


def test_the_seed_keeps_its_provenance(seed):
    row = seed.iloc[0]
    assert row["headline"] == "Putin calls off Paris visit over Syria war crimes row"
    assert row["synthetic"] is False or row["synthetic"] == False  # noqa: E712
    assert str(row["date"].date()) == "2016-10-11" and row["lang"] == "en"
    assert "shared/seed/000_9cd90cb41eb6c02b.txt" in row["provenance"]
    assert row["text"].startswith("The Russian president was due to visit")


def test_folder_of_markdown(tmp_path):
    write(tmp_path, "a1.md", GOOD.format(doc_id="a1"))
    write(tmp_path, "a2.md", GOOD.format(doc_id="a2"))
    write(tmp_path, "notes.txt", "not an article")
    articles, report = framing.read_corpus(tmp_path, report=True)
    assert articles["doc_id"].tolist() == ["a1", "a2"]
    assert articles.loc[0, "text"] == "First paragraph.\n\nSecond paragraph.\n"
    assert articles.columns[:7].tolist() == ["doc_id", "headline", "text", "lang", "date", "outlet", "country"]
    assert report.empty and report.columns.tolist() == ["file", "record", "problem", "fix"]


@pytest.mark.parametrize("name, content, problem", [
    ("b.md", "no front matter at all", "no YAML front matter"),
    ("b.md", "---\ndoc_id: b\nlang: en\nno closing line", "not closed"),
    ("b.md", "---\ndoc_id: b\nheadline: a: b: c\n---\ntext", "broken YAML in front matter at line 3"),
    ("b.md", "---\ndoc_id: b\nlang: en\n---\n   \n", "empty text"),
    ("b.md", "---\ndoc_id: b\nlang: english\n---\ntext", "unknown language code 'english'"),
    ("b.md", "---\ndoc_id: b\nlang: en\ndate: 2016-13-45\n---\ntext", "unparsable date '2016-13-45'"),
    ("b.md", "---\ndoc_id: c\nlang: en\n---\ntext", "does not match the file name"),
    ("b.md", "---\ndoc_id: b\n---\ntext", "no language"),
    ("b.md", "---\ndoc_id: b\nlang: en\n---\ncaf\xe9".encode("latin-1"), "not UTF-8: byte 0xe9 at line 5"),
])
def test_bad_markdown_records_are_reported_with_file_and_fix(tmp_path, name, content, problem):
    write(tmp_path, "a.md", GOOD.format(doc_id="a"))
    write(tmp_path, name, content)
    with pytest.raises(CorpusError, match="1 problem") as err:
        framing.read_corpus(tmp_path)
    assert problem in str(err.value) and "b.md" in str(err.value) and "Fix:" in str(err.value)
    with pytest.warns(UserWarning, match="1 of 2 records rejected"):
        articles, report = framing.read_corpus(tmp_path, errors="skip", report=True)
    assert articles["doc_id"].tolist() == ["a"]
    assert report.columns.tolist() == ["file", "record", "problem", "fix"]
    assert len(report) == 1 and problem in report.loc[0, "problem"] and report.loc[0, "file"].endswith("b.md")


def test_csv_rows_are_validated_and_nothing_vanishes(tmp_path):
    table = pd.DataFrame({
        "doc_id": ["x1", "x2", "x1", "x4", ""],
        "text": ["Some text.", "", "Again.", "More.", "Orphan."],
        "lang": ["en", "fr", "en", "xx", "en"],
        "date": ["2016-10-11", "2016-10-12", "", "12/10/2016", ""],
        "outlet": ["A", "B", "C", "D", "E"],
    })
    path = tmp_path / "corpus.csv"
    table.to_csv(path, index=False)
    with pytest.warns(UserWarning):
        articles, report = framing.read_corpus(path, errors="skip", report=True)
    assert articles["doc_id"].tolist() == ["x1"]
    problems = dict(zip(report["record"], report["problem"]))
    assert problems["row 3"] == "empty text"
    assert problems["row 4"].startswith("duplicate doc_id 'x1'; first seen in corpus.csv (row 2)")
    assert "unknown language code 'xx'" in set(report.loc[report["record"] == "row 5", "problem"])
    assert "unparsable date '12/10/2016'" in set(report.loc[report["record"] == "row 5", "problem"])
    assert problems["row 6"] == "missing doc_id"
    # every input row is either an article or in the report
    assert set(report["record"]) | {"row 2"} == {f"row {i}" for i in range(2, 7)}


def test_csv_missing_column_and_encoding(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,body\n1,text\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="missing column\\(s\\) doc_id, text; found body, id"):
        framing.read_corpus(path)
    path.write_bytes("doc_id,text,lang\n1,caf\xe9,fr\n".encode("cp1252"))
    with pytest.raises(CorpusError, match="not utf-8: byte 0xe9 at line 2"):
        framing.read_corpus(path)
    assert framing.read_corpus(path, encoding="cp1252").loc[0, "text"] == "café"


def test_jsonl_with_a_broken_line_and_default_language(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [json.dumps({"doc_id": "j1", "text": "Un texte."}), "{broken", json.dumps([1, 2]),
             json.dumps({"doc_id": "j2", "text": "Un autre.", "lang": "fr", "extra": 3})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(UserWarning):
        articles, report = framing.read_corpus(path, errors="skip", lang="fr", report=True)
    assert articles["doc_id"].tolist() == ["j1", "j2"]
    assert articles["lang"].tolist() == ["fr", "fr"] and articles.loc[1, "extra"] == 3
    assert report["record"].tolist() == ["line 2", "line 3"]
    assert "not valid JSON" in report.loc[0, "problem"] and "not an object" in report.loc[1, "problem"]


def test_parquet_round_trip(tmp_path, articles):
    path = tmp_path / "c.parquet"
    articles[["doc_id", "headline", "text", "lang", "date", "outlet"]].to_parquet(path)
    again = framing.read_corpus(path)
    assert again["doc_id"].tolist() == articles["doc_id"].tolist()
    assert again["text"].tolist() == articles["text"].tolist()
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(CorpusError, match="not a readable Parquet file"):
        framing.read_corpus(tmp_path / "bad.parquet")


def test_unknown_paths_and_formats(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        framing.read_corpus(tmp_path / "missing")
    with pytest.raises(CorpusError, match="no articles found"):
        framing.read_corpus(tmp_path)
    (tmp_path / "x.xlsx").write_bytes(b"")
    with pytest.raises(CorpusError, match="cannot read a corpus from a .xlsx file"):
        framing.read_corpus(tmp_path / "x.xlsx")


def test_read_corpus_reads_a_folder_of_shards_as_framing_score_does(tmp_path, articles):
    # bug fix: read_corpus("shards/") said "no articles found" while framing score read the folder
    shards = tmp_path / "shards"
    shards.mkdir()
    articles.iloc[:30].to_parquet(shards / "part-0.parquet", index=False)
    articles.iloc[30:].to_parquet(shards / "part-1.parquet", index=False)
    got = framing.read_corpus(shards)
    assert got["doc_id"].tolist() == articles["doc_id"].tolist()
    pd.testing.assert_frame_equal(got[["doc_id", "text", "lang"]], articles[["doc_id", "text", "lang"]])
    streamed = pd.concat(framing.corpus.iter_corpus(shards, chunk_size=25), ignore_index=True)
    columns = ["doc_id", "headline", "text", "lang", "date", "outlet"]
    pd.testing.assert_frame_equal(streamed[columns], got[columns])


def test_a_rejection_report_survives_a_merge(tmp_path):
    # bug fix: the report rode in DataFrame.attrs, which pandas drops on merge and concat
    pd.DataFrame({"doc_id": ["a", "b", "a"], "text": ["One.", "", "Two."], "lang": "en",
                  "outlet": ["X", "Y", "Z"]}).to_csv(tmp_path / "c.csv", index=False)
    with pytest.warns(UserWarning, match="report=True"):
        articles, report = framing.read_corpus(tmp_path / "c.csv", errors="skip", report=True)
    merged = articles.merge(pd.DataFrame({"outlet": ["X"], "kind": ["daily"]}), on="outlet", how="left")
    combined = pd.concat([merged, merged.iloc[:0]])
    assert combined["doc_id"].tolist() == ["a"]
    assert report["record"].tolist() == ["row 3", "row 4"]  # the report is its own table, untouched
    assert "rejected" not in articles.attrs


def test_a_csv_row_with_one_field_too_many_is_rejected_with_its_line_not_shifted(tmp_path):
    # An unquoted comma in the text gives one field more than the header: pandas would take the
    # first column as an index and shift every column; the strict reader rejects that row only.
    path = tmp_path / "corpus.csv"
    path.write_text("doc_id,text,lang,date\n"
                    "a1,Putin called off the visit.,en,2016-10-12\n"
                    "a2,Paris, said the ministry, was surprised.,en,2016-10-12\n"
                    'a3,"A quoted text,\nover two lines.",en,2016-10-13\n'
                    "a4,Too few,en\n"
                    "a5,The last one.,en,2016-10-14\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="2 of 5 records rejected"):
        articles, report = framing.read_corpus(path, errors="skip", report=True)
    assert articles["doc_id"].tolist() == ["a1", "a3", "a5"]
    assert articles["lang"].tolist() == ["en", "en", "en"]
    assert articles.loc[1, "text"] == "A quoted text,\nover two lines."
    assert report["file"].tolist() == [str(path), str(path)]
    assert report["record"].tolist() == ["row 3", "row 5"]
    assert report.loc[0, "problem"].startswith("line 3 has 6 field(s) but the header has 4")
    assert report.loc[1, "problem"].startswith("line 6 has 3 field(s) but the header has 4")  # a3 spans lines 4-5
    with pytest.raises(CorpusError, match=r"\[row 3\]: line 3 has 6 field\(s\)"):
        framing.read_corpus(path)


def test_every_csv_row_one_field_too_many_never_becomes_an_index(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text("doc_id,text,lang\nb1,One, two,en\nb2,Three, four,en\n", encoding="utf-8")
    with pytest.warns(UserWarning):
        articles, report = framing.read_corpus(path, errors="skip", report=True)
    assert len(articles) == 0 and report["record"].tolist() == ["row 2", "row 3"]
    assert not report["problem"].str.contains("language code").any()


def test_a_csv_header_with_a_repeated_or_empty_name_is_refused(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text("doc_id,text,text\nc1,a,b\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"corpus.csv: in the header \(line 1\), the column name 'text' appears more than once"):
        framing.read_corpus(path)
    path.write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match="an empty CSV file"):
        framing.read_corpus(path)


@pytest.mark.parametrize("front, problem", [
    ("lang: en\nlang: fr\n", "front matter, line 4: the key 'lang' is given twice in one mapping (lines 3 and 4)"),
    ("lang: en\nx: &a [1, 2]\ny: [*a, *a]\n", "front matter, line 4: a YAML anchor (&a) is not allowed"),
    ("lang: en\nx: " + "[" * 200 + "]" * 200 + "\n", "front matter, line 4: nesting deeper than 50 levels"),
])
def test_front_matter_with_a_repeated_key_an_alias_or_deep_nesting_is_one_rejected_record(tmp_path, front, problem):
    write(tmp_path, "a.md", GOOD.format(doc_id="a"))
    write(tmp_path, "b.md", "---\ndoc_id: b\n" + front + "---\nSome text.\n")
    with pytest.warns(UserWarning, match="1 of 2 records rejected"):
        articles, report = framing.read_corpus(tmp_path, errors="skip", report=True)
    assert articles["doc_id"].tolist() == ["a"]
    assert report.loc[0, "file"].endswith("b.md") and report.loc[0, "problem"].startswith(problem)
    assert report.loc[0, "fix"]


def _within(seconds, call, *, fifo=None):
    """``call()``'s result or exception, failing (and unblocking ``fifo``) if it does not return in time."""
    import os
    import threading

    outcome = {}

    def run():
        try:
            outcome["value"] = call()
        except BaseException as err:  # noqa: BLE001 - handed back to the test
            outcome["error"] = err

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        if fifo is not None:  # a writer that closes at once gives the blocked reader end-of-file
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(5)
        pytest.fail(f"still running after {seconds} s (blocked on {fifo})")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes on this system")
@pytest.mark.parametrize("where", ["folder", "argument"])
def test_a_named_pipe_called_x_md_is_refused_not_read(tmp_path, where):
    import os

    write(tmp_path, "a.md", GOOD.format(doc_id="a"))
    fifo = tmp_path / ("x.md" if where == "folder" else "x.csv")
    os.mkfifo(fifo)
    target = tmp_path if where == "folder" else fifo
    for reader in (framing.read_corpus, corpus_columns, count_articles):
        with pytest.raises(CorpusError, match=rf"{fifo.name}: a named pipe \(FIFO\), not a regular file"):
            _within(10, lambda: reader(target), fifo=fifo)


def test_a_broken_link_a_link_loop_and_a_folder_called_x_md_are_named(tmp_path):
    write(tmp_path, "a.md", GOOD.format(doc_id="a"))
    (tmp_path / "b.md").symlink_to(tmp_path / "gone.md")
    with pytest.raises(CorpusError, match=r"b.md: a symbolic link to a file that does not exist"):
        framing.read_corpus(tmp_path)
    (tmp_path / "b.md").unlink()
    (tmp_path / "c.md").mkdir()
    with pytest.raises(CorpusError, match=r"c.md: a folder, not a regular file"):
        framing.read_corpus(tmp_path)
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    with pytest.raises(CorpusError, match=r"loop.csv: cannot be read \(Too many levels of symbolic links\)"):
        framing.read_corpus(loop)
