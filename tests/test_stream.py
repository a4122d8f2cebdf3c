import json

import pandas as pd
import pytest

import framing
from framing.cli import main
from framing.errors import CorpusError, FormatError
from framing.cli import main
from framing.stream import chunk_metadata, count_articles, iter_corpus, score_chunk, scores_meta, table_writer
from framing.tables import write_table

from conftest import CORPUS, SEED_ID

RECORDS = [
    {"doc_id": "a", "headline": "Putin stays home", "text": "Putin will not come to Paris.", "lang": "en"},
    {"doc_id": "b", "text": "Hollande spoke of war crimes in Aleppo.", "lang": "en", "date": "2016-10-11"},
    {"doc_id": "c", "text": "", "lang": "en"},  # empty text
    {"doc_id": "d", "text": "Le Kremlin a parlé.", "lang": "xx"},  # unknown language
    {"doc_id": "a", "text": "A second article a.", "lang": "en"},  # duplicate of the first
    {"doc_id": "e", "text": "The visit fell out of the programme.", "lang": "en"},
]


def write_jsonl(path, records):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


def concat(chunks):
    chunks = list(chunks)
    return pd.concat([c for c in chunks if len(c)], ignore_index=True), chunks


def test_chunks_of_the_repository_corpus_add_up_to_read_corpus(articles):
    whole, chunks = concat(iter_corpus(CORPUS, chunk_size=9))
    full, rest = divmod(len(articles), 9)
    assert [len(c) for c in chunks] == [9] * full + [rest] * bool(rest)
    assert [n for _, _, n in iter_corpus(CORPUS, chunk_size=9, report=True)] == [9] * full + [rest] * bool(rest)
    pd.testing.assert_frame_equal(whole[articles.columns], articles)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_table_files_stream_like_read_corpus_and_reject_the_same_records(tmp_path, suffix):
    path = tmp_path / f"corpus{suffix}"
    frame = pd.DataFrame(RECORDS).fillna({"headline": "", "date": ""})
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        write_jsonl(path, frame.to_dict("records"))
    with pytest.warns(UserWarning):
        expected, expected_report = framing.read_corpus(path, errors="skip", report=True)
    whole, chunks = concat(iter_corpus(path, chunk_size=2, errors="skip"))
    assert whole["doc_id"].tolist() == expected["doc_id"].tolist() == ["a", "b", "e"]
    pd.testing.assert_frame_equal(whole[expected.columns], expected)
    report = pd.concat([r for _, r, _ in iter_corpus(path, chunk_size=2, errors="skip", report=True)],
                       ignore_index=True)
    pd.testing.assert_frame_equal(report, expected_report)
    # The duplicate is caught although its first occurrence was two chunks earlier.
    assert any("duplicate doc_id 'a'" in p for p in report["problem"])


def test_a_bad_record_stops_the_stream_naming_it(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [RECORDS[0], RECORDS[1], RECORDS[5], RECORDS[4]])
    chunks = iter_corpus(path, chunk_size=3)
    assert len(next(chunks)) == 3  # the first chunk is fine and arrives
    with pytest.raises(CorpusError, match=r"records 4-4:\n.*c.jsonl \[line 4\]: duplicate doc_id 'a'; "
                                          r"first seen in c.jsonl \(line 1\)"):
        next(chunks)


def test_broken_lines_and_files_are_reported(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(RECORDS[0]) + "\n{not json\n[1, 2]\n", encoding="utf-8")
    ((chunk, report, _),) = iter_corpus(path, errors="skip", report=True)
    problems = list(zip(report["record"], report["problem"]))
    assert [r for r, _ in problems] == ["line 2", "line 3"] and "not valid JSON" in problems[0][1]
    (tmp_path / "x.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="missing column.*doc_id, text"):
        next(iter_corpus(tmp_path / "x.csv"))
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(CorpusError, match="not a readable Parquet file"):
        next(iter_corpus(tmp_path / "bad.parquet"))
    (tmp_path / "latin.csv").write_bytes("doc_id,text,lang\n1,café,fr\n".encode("cp1252"))
    with pytest.raises(CorpusError, match="not utf-8"):
        next(iter_corpus(tmp_path / "latin.csv"))
    assert len(next(iter_corpus(tmp_path / "latin.csv", encoding="cp1252"))) == 1
    with pytest.raises(CorpusError, match="no such file"):
        next(iter_corpus(tmp_path / "missing"))


def test_a_folder_of_shards_is_read_in_name_order(tmp_path, articles):
    shards = tmp_path / "shards"
    shards.mkdir()
    articles.iloc[40:].to_parquet(shards / "part-1.parquet", index=False)
    articles.iloc[:40].to_parquet(shards / "part-0.parquet", index=False)
    assert count_articles(shards) == len(articles)
    whole, _ = concat(iter_corpus(shards, chunk_size=25))
    assert whole["doc_id"].tolist() == articles["doc_id"].tolist()


def test_count_articles_is_cheap_and_exact_where_it_can_be(tmp_path):
    assert count_articles(CORPUS) == len(list(CORPUS.glob("articles/*.md")))
    assert count_articles(write_jsonl(tmp_path / "c.jsonl", RECORDS)) == len(RECORDS)
    pd.DataFrame(RECORDS).to_csv(tmp_path / "c.csv", index=False)
    assert count_articles(tmp_path / "c.csv") is None


def test_score_chunk_has_one_schema_whatever_the_chunk(study, articles):
    metadata = chunk_metadata(articles.columns)
    meta = scores_meta(study, metadata=metadata)
    first = score_chunk(articles.iloc[:5], study, metadata=metadata)
    bare = score_chunk(articles.iloc[5:8][["doc_id", "headline", "text", "lang"]], study, metadata=metadata)
    empty = score_chunk(articles.iloc[:0], study, metadata=metadata)
    for table in (first, bare, empty):
        assert table.columns.tolist() == meta.columns.tolist()
        assert table.dtypes.astype(str).tolist() == meta.dtypes.astype(str).tolist()
    assert bare["outlet"].isna().all() and first["outlet"].notna().all()
    # the measures are those of analyse
    run = framing.analyse(articles.iloc[:5], study)
    measures = run.scores.columns[:11]
    pd.testing.assert_frame_equal(first[measures], run.scores[measures], check_dtype=False)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_table_writer_appends_chunks_and_commits_only_on_success(tmp_path, study, articles, suffix):
    scores = score_chunk(articles, study)
    out = tmp_path / f"scores{suffix}"
    with table_writer(out) as write:
        for start in range(0, len(scores), 30):
            write(scores.iloc[start:start + 30])
    read = {".csv": pd.read_csv, ".jsonl": lambda p: pd.read_json(p, lines=True),
            ".parquet": pd.read_parquet}[suffix](out)
    assert read["doc_id"].tolist() == scores["doc_id"].tolist()
    assert read["france_salience"].round(12).tolist() == scores["france_salience"].round(12).tolist()
    failed = tmp_path / f"failed{suffix}"
    with pytest.raises(RuntimeError), table_writer(failed) as write:
        write(scores.iloc[:3])
        raise RuntimeError("stop")
    assert list(tmp_path.glob("failed*")) == [] and list(tmp_path.glob(".*part")) == []
    with pytest.raises(FormatError, match="expected an output ending in"):
        with table_writer(tmp_path / "scores.xlsx"):
            pass


def test_cli_score_streams_with_the_old_results(tmp_path, study, articles):
    out, hits, sents = tmp_path / "s.csv", tmp_path / "h.parquet", tmp_path / "t.csv"
    assert main(["score", "--study", str(CORPUS / "study.yaml"), str(CORPUS), "-o", str(out),
                 "--hits", str(hits), "--sentences", str(sents), "--chunk-size", "8", "--no-progress"]) == 0
    run = framing.analyse(articles, study)
    scores = pd.read_csv(out)
    assert scores["doc_id"].tolist() == run.scores["doc_id"].tolist()
    for column in ["kremlin_salience", "france_prominence", "balance"]:
        assert scores[column].tolist() == pytest.approx(run.scores[column].tolist(), abs=1e-12, nan_ok=True)
    assert scores.set_index("doc_id").loc[SEED_ID, "primacy"] == "france"
    pd.testing.assert_frame_equal(pd.read_parquet(hits), run.hits, check_dtype=False)
    assert len(pd.read_csv(sents)) == len(run.sentences)


def test_cli_score_skip_bad_writes_every_rejection(tmp_path, capsys):
    path = write_jsonl(tmp_path / "c.jsonl", RECORDS)
    out, report = tmp_path / "s.parquet", tmp_path / "rejected.csv"
    args = ["score", "--study", str(CORPUS / "study.yaml"), str(path), "-o", str(out), "--chunk-size", "2",
            "--no-progress"]
    assert main(args) == 2
    assert "duplicate doc_id" not in capsys.readouterr().err  # stopped at the first bad chunk
    assert not out.exists()
    assert main([*args, "--skip-bad", "--rejected", str(report)]) == 0
    assert pd.read_parquet(out)["doc_id"].tolist() == ["a", "b", "e"]
    rejected = pd.read_csv(report)
    assert rejected["record"].tolist() == ["line 3", "line 4", "line 5"]
    assert "3 record(s) rejected" in capsys.readouterr().err


def test_every_metadata_column_reaches_the_scores(study, articles):
    # bug fix: a fixed METADATA_COLUMNS list dropped any other metadata a researcher had
    mine = articles.head(4).assign(coder=["ana", "ben", "ana", None], wave=[1, 2, 1, 2])
    scores = framing.analyse(mine, study).scores
    assert scores["coder"].tolist()[:3] == ["ana", "ben", "ana"] and scores["wave"].tolist() == [1, 2, 1, 2]
    assert "text" not in scores and "headline" not in scores
    chunk = score_chunk(mine, study)
    assert chunk["coder"].tolist()[:3] == ["ana", "ben", "ana"] and chunk["wave"].tolist() == ["1", "2", "1", "2"]
    assert chunk.columns.tolist() == scores_meta(study, metadata=chunk_metadata(mine.columns)).columns.tolist()


def test_the_table_writer_never_writes_over_an_input(tmp_path, articles):
    corpus = tmp_path / "corpus.csv"
    articles.head(3).to_csv(corpus, index=False)
    before = corpus.read_bytes()
    with pytest.raises(framing.errors.FormatError, match="one of this run's inputs"):
        write_table(articles.head(1), corpus, inputs=[corpus])
    assert corpus.read_bytes() == before
    assert main(["score", str(corpus), "--study", str(CORPUS / "study.yaml"), "-o", str(corpus),
                 "--no-progress"]) == 2
    assert corpus.read_bytes() == before and not list(tmp_path.glob(".*part"))


def test_streamed_scores_keep_metadata_that_only_later_chunks_have(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, extra in enumerate(["", "coder: ana\n", "wave: 2\n"]):
        (folder / f"d{i}.md").write_text(f"---\ndoc_id: d{i}\nlang: en\n{extra}---\nThe Kremlin said the visit "
                                         "was off.\n", encoding="utf-8")
    out = tmp_path / "scores.csv"
    assert main(["score", str(folder), "--study", str(CORPUS / "study.yaml"), "-o", str(out),
                 "--chunk-size", "1", "--no-progress"]) == 0
    scores = pd.read_csv(out)
    assert scores["doc_id"].tolist() == ["d0", "d1", "d2"]
    assert scores["coder"].tolist()[1] == "ana" and scores["wave"].tolist()[2] == 2
    with pytest.raises(framing.errors.FormatError, match="columns differ"):
        with table_writer(tmp_path / "x.csv") as write:
            write(scores[["doc_id", "coder"]])
            write(scores[["doc_id", "wave"]])
