"""Tests of framing.annotations: Label Studio and doccano export, import and offset checks."""

from __future__ import annotations

import argparse
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

from framing.annotations import (
    LABEL_COLUMNS,
    SPAN_COLUMNS,
    export_doccano,
    export_label_studio,
    label_studio_config,
    read_annotations,
    read_doccano,
    read_label_studio,
    write_doccano,
    write_label_studio,
)
from framing.cli.imports import register
from framing.errors import FormatError, rejection_report

DATA = Path(__file__).parent / "data" / "annotations"

SENTENCES = pd.DataFrame(
    {
        "doc_id": ["en_001", "en_001", "en_001"],
        "sent_id": [0, 1, 2],
        "para_id": [0, 1, 1],
        "part": ["headline", "lead", "body"],
        "start": [0, 0, 39],
        "end": [25, 38, 75],
        "text": ["Visit off, capitals spar", "Moscow called the cancellation a snub.", "👍 Paris denied any snub on Tuesday."],
    }
)


def report_of(frame: pd.DataFrame) -> pd.DataFrame:
    return rejection_report(frame.attrs["rejected"])


def utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


# --------------------------------------------------------------------------- Label Studio


def test_read_label_studio_annotators_cancelled_emoji_and_mismatch() -> None:
    with pytest.warns(UserWarning, match=r"2 annotation\(s\) or span\(s\) not imported"):
        labels, spans = read_label_studio(DATA / "label_studio.json")
    assert list(labels.columns) == LABEL_COLUMNS and list(spans.columns) == SPAN_COLUMNS
    assert labels[["sent_id", "label", "coder"]].values.tolist() == [
        [1, "kremlin", "ana@example.org"],
        [1, "both", "2"],
        [2, "france", "ana@example.org"],
        [2, "france", "2"],
    ]
    assert labels.loc[0, "speaker"] == "Foreign ministry" and labels.loc[0, "speaker_side"] == "kremlin"
    assert labels.loc[1, "note"] == "irony?" and pd.isna(labels.loc[1, "speaker"])
    # The second span was stored in UTF-16 code units (the emoji counts two) and is converted.
    assert spans[["sent_id", "start", "end", "label", "text"]].values.tolist() == [
        [1, 33, 37, "accusation", "snub"],
        [2, 19, 23, "denial", "snub"],
    ]
    report = report_of(labels)
    assert report["record"].tolist() == [
        "task 0 (id 101), doc_id en_001, sent_id 1",
        "task 1 (id 102), doc_id en_001, sent_id 2",
    ]
    assert report.loc[0, "problem"] == "the annotation by cy@example.org was cancelled (skipped)"
    assert report.loc[1, "problem"] == (
        "annotator 2: the span 12–18 should cover 'denied' but covers 'ed any' in the sentence "
        "text, and 'ied an' if read as UTF-16 offsets"
    )
    assert "correct the span" in report.loc[1, "fix"]
    assert report_of(spans).equals(report)


def test_label_studio_round_trip(tmp_path: Path) -> None:
    tasks = export_label_studio(SENTENCES, labels=("kremlin", "france", "both", "none"))
    assert [t["data"]["sent_id"] for t in tasks] == [0, 1, 2]
    assert tasks[1]["data"]["options"][0] == {"value": "kremlin"}
    # Simulate Label Studio: one annotation per task, the span in UTF-16 units as some versions write it.
    for task in tasks:
        text = task["data"]["text"]
        start = text.find("snub")
        result = [{"type": "choices", "from_name": "label", "value": {"choices": ["none"]}}]
        if start >= 0:
            result.append({"type": "labels", "from_name": "span", "value": {
                "start": utf16(text, start), "end": utf16(text, start + 4), "text": "snub", "labels": ["accusation"]}})  # fmt: skip
        task["annotations"] = [{"completed_by": {"email": "coder@example.org"}, "was_cancelled": False, "result": result}]
    path = write_label_studio(tasks, tmp_path / "tasks.json")
    labels, spans = read_label_studio(path)
    assert labels[["doc_id", "sent_id"]].values.tolist() == SENTENCES[["doc_id", "sent_id"]].values.tolist()
    assert set(labels["label"]) == {"none"} and set(labels["coder"]) == {"coder@example.org"}
    for row in spans.itertuples():
        sentence = SENTENCES.loc[SENTENCES["sent_id"] == row.sent_id, "text"].item()
        assert sentence[row.start : row.end] == row.text == "snub"
    assert len(spans) == 2 and report_of(labels).empty


def test_label_studio_task_without_ids_is_an_article_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "seed.json"
    tasks = [
        {"id": 9, "data": {"text": "A ferry sailed."}, "annotations": [{"completed_by": 1, "result": [
            {"type": "choices", "from_name": "stance", "value": {"choices": ["none"]}},
            {"type": "labels", "from_name": "span", "value": {"start": 2, "end": 7, "text": "ferry", "labels": ["ship"]}},
        ]}]},
        {"id": 10, "data": {"text": "Gulls circled.", "doc_id": "gull-7"}, "annotations": [{"completed_by": 1, "result": [
            {"type": "choices", "from_name": "stance", "value": {"choices": ["none"]}}]}]},
    ]  # fmt: skip
    path.write_text(json.dumps(tasks), encoding="utf-8")
    labels, spans = read_label_studio(path)
    assert labels["doc_id"].tolist() == ["9", "gull-7"] and labels["sent_id"].isna().all()
    assert spans[["doc_id", "start", "end", "text", "label"]].values.tolist() == [["9", 2, 7, "ferry", "ship"]]
    assert report_of(labels).empty


def test_label_studio_not_a_list(tmp_path: Path) -> None:
    path = tmp_path / "min.json"
    path.write_text(json.dumps({"text": "x"}), encoding="utf-8")
    with pytest.raises(FormatError, match=r"expected a Label Studio JSON export \(a list of tasks\), got a dict"):
        read_label_studio(path)


def test_label_studio_two_labels_and_out_of_range_span(tmp_path: Path) -> None:
    task = {"data": {"text": "Short.", "doc_id": "d", "sent_id": 4}, "annotations": [{"completed_by": 5, "result": [
        {"type": "choices", "from_name": "label", "value": {"choices": ["kremlin", "france"]}},
        {"type": "labels", "from_name": "span", "value": {"start": 3, "end": 40, "labels": ["x"]}},
    ]}]}  # fmt: skip
    path = tmp_path / "t.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    with pytest.warns(UserWarning):
        labels, spans = read_label_studio(path)
    assert labels.empty and spans.empty
    problems = report_of(labels)["problem"].tolist()
    assert problems == [
        "annotator 5: the span 3–40 lies outside the sentence text (6 characters)",
        "annotator 5 chose 2 sentence labels (kremlin, france); expected exactly one",
    ]


def test_label_studio_config_mentions_controls() -> None:
    config = label_studio_config(span_labels=("accusation", "denial"))
    assert '<Choices name="label" toName="text" choice="single" value="$options"/>' in config
    assert '<Label value="accusation"/><Label value="denial"/>' in config
    assert "<Labels" not in label_studio_config()


# --------------------------------------------------------------------------- doccano


def test_read_doccano_labels_cats_entities_and_triples() -> None:
    labels, spans = read_doccano(DATA / "doccano.jsonl")
    assert labels[["doc_id", "sent_id", "label", "coder"]].values.tolist() == [
        ["fr_002", 0, "france", "doccano"],
        ["fr_002", 3, "kremlin", "doccano"],
    ]
    # Record 2: offsets 27-31 only fit as UTF-16 units (two emoji before the span).
    assert spans[["sent_id", "start", "end", "label", "text"]].values.tolist() == [
        [3, 25, 29, "accusation", "snub"],
        [4, 0, 5, "actor", "Paris"],
        [4, 17, 23, "actor", "Moscow"],
    ]
    assert report_of(labels).empty


def test_doccano_prefers_the_reading_that_does_not_cut_words(tmp_path: Path) -> None:
    text = "🙂 Moscow snubbed Paris"
    start = text.index("snubbed")
    record = {"text": text, "doc_id": "d", "sent_id": 1, "label": [[utf16(text, start), utf16(text, start + 7), "act"]]}
    path = tmp_path / "ann.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    _, spans = read_doccano(path, coder="kim")
    assert spans[["start", "end", "text", "coder"]].values.tolist() == [[start, start + 7, "snubbed", "kim"]]


def test_doccano_round_trip(tmp_path: Path) -> None:
    records = export_doccano(SENTENCES)
    assert records[0] == {"text": "Visit off, capitals spar", "doc_id": "en_001", "sent_id": 0, "para_id": 0,
                          "part": "headline", "label": []}  # fmt: skip
    for record in records:
        record["label"] = ["none"]
    labels, _ = read_doccano(write_doccano(records, tmp_path / "admin.jsonl"))
    assert labels[["sent_id", "label", "coder"]].values.tolist() == [[0, "none", "admin"], [1, "none", "admin"], [2, "none", "admin"]]


def test_doccano_record_with_a_bad_sent_id_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "a", "doc_id": "d", "sent_id": 1, "label": ["none"]}\n\n{"text": "b", "doc_id": "d", "sent_id": "two", "label": ["none"]}\n', encoding="utf-8")
    with pytest.warns(UserWarning, match="1 annotation"):
        labels, _ = read_doccano(path)
    assert labels["sent_id"].tolist() == [1]
    report = report_of(labels)
    assert report[["record", "problem"]].values.tolist() == [
        ["task 1 (line 3)", "not aligned: its sent_id 'two' is not an integer sentence number"]
    ]


def test_doccano_bad_json_line(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text("{not json}\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"x\.jsonl, line 1: not valid JSON"):
        read_doccano(path)


def test_export_needs_id_columns() -> None:
    with pytest.raises(FormatError, match=r"lacks the column\(s\) sent_id"):
        export_doccano(SENTENCES.drop(columns="sent_id"))


def test_read_annotations_dispatch(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert len(read_annotations(DATA / "label_studio.json")[0]) == 4
    assert len(read_annotations(DATA / "doccano.jsonl")[1]) == 3
    with pytest.raises(FormatError, match="expected a Label Studio '.json' export or a doccano '.jsonl'"):
        read_annotations(tmp_path / "a.csv")


# --------------------------------------------------------------------------- CLI


def test_cli_import_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="framing")
    register(parser.add_subparsers(dest="command"))
    gold, spans, rejected = tmp_path / "gold.csv", tmp_path / "spans.csv", tmp_path / "rej.csv"
    args = parser.parse_args(["import-annotations", str(DATA / "label_studio.json"), "-o", str(gold),
                              "--spans", str(spans), "--rejected", str(rejected)])  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert args.func(args) == 0
    assert "4 labels written" in capsys.readouterr().out
    assert pd.read_csv(gold).columns.tolist() == LABEL_COLUMNS
    assert pd.read_csv(spans)["text"].tolist() == ["snub", "snub"]
    assert len(pd.read_csv(rejected)) == 2


# --------------------------------------------------------------------------- exports as the tools write them

CORPUS = pd.DataFrame(
    {
        "doc_id": ["tv_01", "tv_02"],
        "headline": ["Harbour talks stall", "Ferry strike ends"],
        "text": [
            "The mayor of Veldmark said the harbour plan was dead.  Port workers disagreed.\n\n"
            'A spokeswoman, Ilse Brandt, called it "a pause".',
            "Crews returned on Monday. The union claimed victory.",
        ],
        "lang": ["en", "en"],
    }
)


@pytest.fixture(scope="module")
def corpus_sentences() -> pd.DataFrame:
    from framing.text import segment

    return segment(CORPUS)


def test_label_studio_export_aligns_by_text_with_no_rejection(corpus_sentences: pd.DataFrame) -> None:
    labels, spans = read_label_studio(DATA / "label_studio_export.json", sentences=corpus_sentences, articles=CORPUS)
    assert report_of(labels).empty
    # Exact sentence; whitespace-normalised sentence within the task's doc_id; a whole article
    # (article-level label, no sent_id); a headline, which is also sentence 0 (the sentence wins).
    assert labels[["doc_id", "sent_id", "label", "coder", "note"]].astype(object).values.tolist() == [
        ["tv_01", 1, "city", "1", "quotes the plan's end"],
        ["tv_01", 1, "city", "2", pd.NA],
        ["tv_01", 2, "union", "1", pd.NA],
        ["tv_02", pd.NA, "union", "1", pd.NA],
        ["tv_01", 0, "none", "2", pd.NA],
    ]
    # The article-level span lands in its sentence, with offsets into that sentence.
    assert spans[["doc_id", "sent_id", "start", "end", "label", "text"]].values.tolist() == [
        ["tv_01", 1, 4, 21, "speaker", "mayor of Veldmark"],
        ["tv_01", 2, 0, 12, "speaker", "Port workers"],
        ["tv_02", 2, 10, 17, "distancing", "claimed"],
    ]
    for row in spans.itertuples():
        text = corpus_sentences.set_index(["doc_id", "sent_id"]).loc[(row.doc_id, row.sent_id), "text"]
        assert text[row.start : row.end] == row.text


def test_doccano_export_aligns_by_text_with_no_rejection(corpus_sentences: pd.DataFrame) -> None:
    labels, spans = read_doccano(DATA / "doccano_export.jsonl", sentences=corpus_sentences, articles=CORPUS)
    assert report_of(labels).empty and labels.empty  # a span project: no sentence labels, none demanded
    assert spans[["doc_id", "sent_id", "start", "end", "label", "text", "coder"]].values.tolist() == [
        ["tv_01", 1, 4, 21, "speaker", "mayor of Veldmark", "doccano_export"],
        ["tv_01", 2, 0, 12, "speaker", "Port workers", "doccano_export"],
        ["tv_02", 2, 4, 9, "speaker", "union", "doccano_export"],
        ["tv_02", 2, 10, 17, "distancing", "claimed", "doccano_export"],
    ]


def test_doccano_1x_layouts_are_read(corpus_sentences: pd.DataFrame) -> None:
    labels, spans = read_doccano(DATA / "doccano_1x_labels.jsonl", sentences=corpus_sentences)
    assert report_of(labels).empty
    assert spans[["doc_id", "sent_id", "text", "label"]].values.tolist() == [
        ["tv_01", 1, "mayor of Veldmark", "speaker"], ["tv_02", 2, "union", "speaker"]
    ]
    labels, spans = read_doccano(DATA / "doccano_1x_annotations.jsonl", sentences=corpus_sentences)
    assert report_of(labels).empty and spans.empty
    # doccano 1.x writes label ids, one annotation per user.
    assert labels[["doc_id", "sent_id", "label", "coder"]].values.tolist() == [
        ["tv_01", 1, "5", "1"], ["tv_01", 1, "6", "3"], ["tv_02", 1, "6", "1"], ["tv_02", 1, "6", "3"]
    ]


def test_unaligned_and_ambiguous_tasks_are_reported(tmp_path: Path, corpus_sentences: pd.DataFrame) -> None:
    rows = [
        {"id": 1, "text": "Nobody wrote this sentence.", "label": [[0, 6, "speaker"]]},
        {"id": 2, "text": "The union claimed victory.", "label": [[4, 9, "speaker"]]},
    ]
    path = tmp_path / "admin.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    twice = pd.concat([corpus_sentences, corpus_sentences.assign(doc_id="tv_03")], ignore_index=True)
    with pytest.warns(UserWarning, match="2 annotation"):
        labels, spans = read_doccano(path, sentences=twice)
    assert spans.empty
    problems = report_of(spans)["problem"].tolist()
    assert problems[0].startswith("not aligned: its text matches no sentence or article in the corpus")
    assert problems[1] == "not aligned: its text matches 2 places in the corpus (tv_02 sentence 2, tv_03 sentence 2)"
    assert "doc_id" in report_of(spans)["fix"].iloc[1]


def test_label_studio_textarea_as_a_plain_string(tmp_path: Path) -> None:
    task = {"id": 3, "data": {"text": "Quiet day."}, "annotations": [{"completed_by": 1, "result": [
        {"type": "choices", "from_name": "stance", "value": {"choices": "none"}},
        {"type": "textarea", "from_name": "speaker", "value": {"text": "Ilse Brandt"}},
    ]}]}  # fmt: skip
    path = tmp_path / "t.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    labels, _ = read_label_studio(path)
    assert labels[["label", "speaker"]].values.tolist() == [["none", "Ilse Brandt"]]


def _cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="framing")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_export_annotations_round_trip(tmp_path: Path, suffix: str, corpus_sentences: pd.DataFrame) -> None:
    corpus = tmp_path / "articles.csv"
    CORPUS.to_csv(corpus, index=False)
    tasks = tmp_path / f"tasks{suffix}"
    assert _cli(["export-annotations", str(corpus), "-o", str(tasks)]) == 0
    # Annotate as the tool would: Label Studio adds annotations to each task, doccano fills `label`.
    if suffix == ".json":
        exported = json.loads(tasks.read_text(encoding="utf-8"))
        for n, task in enumerate(exported):
            first = task["data"]["text"].split()[0]
            task["annotations"] = [{"id": n, "completed_by": 1, "was_cancelled": False, "result": [
                {"type": "choices", "from_name": "label", "to_name": "text", "value": {"choices": ["none"]}},
                {"type": "labels", "from_name": "span", "to_name": "text",
                 "value": {"start": 0, "end": len(first), "text": first, "labels": ["first"]}}]}]  # fmt: skip
        tasks.write_text(json.dumps(exported), encoding="utf-8")
    else:
        lines = [json.loads(line) for line in tasks.read_text(encoding="utf-8").splitlines()]
        for record in lines:
            record["label"] = [[0, len(record["text"].split()[0]), "first"]]
        tasks.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    gold, spans, rejected = tmp_path / "gold.csv", tmp_path / "spans.csv", tmp_path / "rej.csv"
    assert _cli(["import-annotations", str(tasks), "--corpus", str(corpus), "-o", str(gold),
                 "--spans", str(spans), "--rejected", str(rejected)]) == 0  # fmt: skip
    assert pd.read_csv(rejected).empty
    expected = corpus_sentences[["doc_id", "sent_id"]].values.tolist()
    got = pd.read_csv(spans)
    assert got[["doc_id", "sent_id"]].values.tolist() == expected
    assert got["text"].tolist() == [t.split()[0] for t in corpus_sentences["text"]]
    if suffix == ".json":
        assert pd.read_csv(gold)[["doc_id", "sent_id"]].values.tolist() == expected


def test_import_annotations_without_corpus_seeds_articles(tmp_path: Path) -> None:
    from framing.corpus import read_corpus

    gold, spans, articles = tmp_path / "gold.csv", tmp_path / "spans.csv", tmp_path / "articles.csv"
    assert _cli(["import-annotations", str(DATA / "label_studio_export.json"), "-o", str(gold),
                 "--spans", str(spans), "--articles", str(articles)]) == 0  # fmt: skip
    seeded = pd.read_csv(articles, keep_default_na=False)
    assert seeded["doc_id"].astype(str).tolist() == ["41", "tv_01", "43", "44"]
    assert seeded["text"].iloc[2] == "Crews returned on Monday. The union claimed victory."
    labels = pd.read_csv(gold)
    assert set(labels["doc_id"].astype(str)) == set(seeded["doc_id"].astype(str))
    got = pd.read_csv(spans)
    for row in got.itertuples():
        text = seeded.set_index(seeded["doc_id"].astype(str)).loc[str(row.doc_id), "text"]
        assert text[row.start : row.end] == row.text
    assert len(read_corpus(articles, lang="en")) == 4


def test_read_annotations_can_return_its_report_which_survives_a_merge(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "a", "doc_id": "d", "sent_id": 1, "label": ["none"]}\n'
                    '{"text": "b", "doc_id": "d", "sent_id": "two", "label": ["none"]}\n', encoding="utf-8")
    with pytest.warns(UserWarning, match="1 annotation"):
        labels, spans, report = read_annotations(path, report=True)
    merged = labels.merge(pd.DataFrame({"doc_id": ["d"], "outlet": ["x"]}), on="doc_id")
    assert merged.attrs.get("rejected", []) == []  # what the attrs route loses
    assert report["record"].tolist() == ["task 1 (line 2)"] and len(labels) == 1
