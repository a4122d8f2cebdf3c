import subprocess
import sys

import pandas as pd
import pytest

import framing
from framing.cli import main
from conftest import CORPUS, REPO, SEED_ID


def test_validate_the_repository_corpus(capsys):
    assert main(["validate", str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert "problem" in out and "0 problem(s)" in out


def test_validate_reports_bad_records_and_exits_non_zero(tmp_path, capsys):
    (tmp_path / "a.md").write_text("---\ndoc_id: a\nlang: en\n---\nText.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ndoc_id: b\nlang: zz\n---\nText.\n", encoding="utf-8")
    report = tmp_path / "rejected.csv"
    assert main(["validate", str(tmp_path), "--rejected", str(report)]) == 1
    out = capsys.readouterr().out
    assert "1 article(s) valid" in out and "unknown language code 'zz'" in out and "b.md" in out
    assert pd.read_csv(report)["problem"].tolist() == ["unknown language code 'zz'"]


def test_score_writes_one_row_per_article_with_hits(tmp_path):
    out, hits = tmp_path / "scores.csv", tmp_path / "hits.parquet"
    assert main(["score", "--study", str(CORPUS / "study.yaml"), str(CORPUS), "-o", str(out),
                 "--hits", str(hits), "--no-progress"]) == 0
    scores = pd.read_csv(out)
    assert scores["doc_id"].is_unique and SEED_ID in set(scores["doc_id"])
    assert scores.set_index("doc_id").loc[SEED_ID, "primacy"] == "france"
    assert set(pd.read_parquet(hits)["side"].dropna()) == {"kremlin", "france"}


def test_errors_are_one_line_and_exit_2(tmp_path, capsys):
    assert main(["score", "--study", str(tmp_path / "none.yaml"), str(CORPUS), "-o", "x.csv"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("framing score: error: Study file not found")
    assert main(["score", "--study", str(CORPUS / "study.yaml"), str(CORPUS), "-o",
                 str(tmp_path / "x.xlsx"), "--no-progress"]) == 2
    assert "expected an output ending in .csv, .jsonl, .parquet" in capsys.readouterr().err


def test_explain_prints_the_sentences_behind_the_scores(capsys):
    assert main(["explain", SEED_ID, "--study", str(CORPUS / "study.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{SEED_ID}: primacy france")
    assert "kremlin.programme: fell out of the program (quoted)" in out
    assert main(["explain", "nope", "--study", str(CORPUS / "study.yaml")]) == 2


def test_evaluate_prints_the_table(capsys):
    assert main(["evaluate", "--study", str(CORPUS / "study.yaml"),
                 "--gold", str(CORPUS / "annotations" / "gold.csv")]) == 0
    out = capsys.readouterr().out
    assert "macro_f1" in out and "lang=ru" in out and "split=dev" in out
    measures = out.split("Continuous measures against the gold", 1)[1]
    assert "method=lexicon & split=test" in measures and "france_prominence" in measures and "bias" in measures


def test_the_installed_command_runs_without_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "framing.cli", "validate", str(tmp_path / "missing")],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no such file or folder" in result.stderr


def test_quotes_writes_the_table_and_evaluates(tmp_path, capsys):
    out = tmp_path / "quotes.csv"
    assert main(["quotes", str(CORPUS), "--study", str(CORPUS / "study.yaml"), "-o", str(out),
                 "--gold", str(CORPUS / "annotations" / "gold.csv")]) == 0
    quotes = pd.read_csv(out)
    assert {"doc_id", "kind", "speaker", "side", "verb_class"} <= set(quotes.columns)
    assert set(quotes["kind"]) == {"direct", "indirect"}
    assert "side_accuracy" in capsys.readouterr().out


def test_score_with_lexicon_and_classifier_in_one_schema(tmp_path, capsys):
    model, out = tmp_path / "model.skops", tmp_path / "scores.csv"
    assert main(["train", "--study", str(CORPUS / "study.yaml"), "--gold", str(CORPUS / "annotations" / "gold.csv"),
                 "-o", str(model)]) == 0
    assert main(["score", "--study", str(CORPUS / "study.yaml"), str(CORPUS), "-o", str(out),
                 "--method", "both", "--model", str(model), "--no-progress"]) == 0
    scores = pd.read_csv(out)
    lexicon, classifier = (scores[scores["method"] == m] for m in ("lexicon", "classifier"))
    assert len(lexicon) == len(classifier) and lexicon["doc_id"].tolist() == classifier["doc_id"].tolist()
    assert lexicon[["kremlin_voice", "outlet"]].values.tolist() == classifier[["kremlin_voice", "outlet"]].values.tolist()
    assert f"scored {len(framing.read_corpus(CORPUS))} article(s)" in capsys.readouterr().err
    assert main(["score", "--study", str(CORPUS / "study.yaml"), str(CORPUS), "-o", str(out),
                 "--method", "classifier", "--no-progress"]) == 2
    assert "needs --model" in capsys.readouterr().err


def test_anything_but_a_framing_error_shows_as_a_bug(monkeypatch, capsys):
    import framing.cli.corpus
    from framing.errors import ISSUES_URL

    def broken(path, **kwargs):
        raise KeyError("internal")

    monkeypatch.setattr(framing.cli.corpus, "read_corpus", broken)
    assert main(["validate", str(CORPUS)]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and "KeyError" in err and "a bug in framing" in err and ISSUES_URL in err


CORPUS_COMMANDS = ["validate", "score", "quotes", "explain", "evaluate", "train", "figures"]


@pytest.mark.parametrize("command", CORPUS_COMMANDS)
def test_every_command_takes_the_corpus_as_a_positional_argument_with_examples(command):
    from framing.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command").choices[command]
    positional = [a.dest for a in sub._actions if not a.option_strings]
    assert positional[0] == "corpus"
    assert sub.epilog.startswith("examples:\n  framing " + command)
    assert {g.title for g in sub._action_groups} >= {"input"}
    if command != "validate":
        study = next(a for a in sub._actions if "--study" in a.option_strings)
        assert study.default is None and not study.required  # the same default everywhere


def test_the_study_defaults_to_the_corpus_folders_study_file(tmp_path, capsys):
    out = tmp_path / "scores.csv"
    assert main(["score", str(CORPUS), "-o", str(out), "--no-progress", "--no-attribution"]) == 0
    assert len(pd.read_csv(out)) == len(framing.read_corpus(CORPUS))
    assert main(["explain", str(CORPUS), SEED_ID]) == 0
    assert SEED_ID in capsys.readouterr().out
    assert main(["score", str(tmp_path), "-o", str(tmp_path / "x.csv")]) == 2
    assert "No --study given and no study file at" in capsys.readouterr().err


def test_quotes_in_batches_are_the_quotes_of_the_whole_corpus(tmp_path, monkeypatch):
    # framing quotes finds reported speech a batch of articles at a time, to show progress on long runs
    import framing.cli.quotes as quotes_command
    from framing.quotes import find_quotes

    monkeypatch.setattr(quotes_command, "_BATCH", 7)
    out = tmp_path / "quotes.csv"
    assert main(["quotes", str(CORPUS), "-o", str(out), "--no-progress"]) == 0
    articles = framing.read_corpus(CORPUS)
    whole = find_quotes(articles, framing.segment(articles), framing.load_study(CORPUS / "study.yaml"))
    batched = pd.read_csv(out, keep_default_na=False)
    assert len(batched) == len(whole) > 0
    assert batched["doc_id"].tolist() == whole["doc_id"].tolist()
    assert batched["start"].tolist() == whole["start"].tolist() and batched["side"].tolist() == whole["side"].fillna("").tolist()
