import pandas as pd
import pytest

import framing

from framing.cli import main
from framing.parallel import map_chunks, score_corpus
from framing.stream import iter_corpus

from conftest import CORPUS

STUDY = CORPUS / "study.yaml"


def test_two_jobs_give_the_rows_of_one_job_in_the_same_order(tmp_path):
    outputs = {}
    for jobs in (1, 2):
        out, hits = tmp_path / f"scores{jobs}.csv", tmp_path / f"hits{jobs}.parquet"
        summary = score_corpus(CORPUS, STUDY, out, jobs=jobs, chunk_size=6, hits=hits, progress=False)
        assert summary.n_articles == len(framing.read_corpus(CORPUS)) and summary.rejected.empty
        outputs[jobs] = out.read_bytes(), pd.read_parquet(hits)
    assert outputs[1][0] == outputs[2][0]  # byte for byte
    pd.testing.assert_frame_equal(outputs[1][1], outputs[2][1])


def test_map_chunks_keeps_input_order_with_few_chunks_in_flight(study):
    chunks = list(iter_corpus(CORPUS, chunk_size=5))
    got = list(map_chunks(chunks, STUDY, jobs=2, in_flight=2))
    assert [c is g[0] for c, g in zip(chunks, got)] == [True] * len(chunks)
    assert [s["doc_id"].tolist() for _, s in got] == [c["doc_id"].tolist() for c in chunks]
    with pytest.raises(framing.FramingError, match="invalid value 0 for jobs"):
        next(map_chunks(chunks, STUDY, jobs=0))


def test_cli_rejects_a_bad_jobs_value(tmp_path, capsys):
    assert main(["score", "--study", str(STUDY), str(CORPUS), "-o", str(tmp_path / "s.csv"), "--jobs", "0"]) == 2
    assert "invalid value 0 for --jobs" in capsys.readouterr().err
    assert main(["score", "--study", str(STUDY), str(CORPUS), "-o", str(tmp_path / "s.csv"),
                 "--scheduler", "tcp://localhost:8786"]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
    assert main(["score", "--study", str(STUDY), str(CORPUS), "-o", str(tmp_path / "s.csv"),
                 "--engine", "dask", "--hits", str(tmp_path / "h.csv")]) == 2
    assert "--engine local only" in capsys.readouterr().err
    assert not (tmp_path / "s.csv").exists()


def test_no_attribution_leaves_out_the_voice_columns_only(tmp_path):
    study = STUDY
    full, fast = tmp_path / "full.csv", tmp_path / "fast.csv"
    assert main(["score", "--study", str(study), str(CORPUS), "-o", str(full), "--no-progress"]) == 0
    assert main(["score", "--study", str(study), str(CORPUS), "-o", str(fast), "--no-progress",
                 "--no-attribution", "--jobs", "2"]) == 0
    full, fast = pd.read_csv(full), pd.read_csv(fast)
    voice = [c for c in full.columns if c.endswith(("_voice", "_direct", "_indirect", "_distancing", "_adoption_count"))]
    assert len(voice) == 10 and not set(voice) & set(fast.columns)
    pd.testing.assert_frame_equal(full[fast.columns], fast, check_dtype=False)
