import subprocess
import sys

import pandas as pd
import pytest

import framing
from framing.cli import main
from framing.stream import chunk_metadata, iter_corpus, score_chunk, scores_meta

from conftest import CORPUS, REPO

STUDY = CORPUS / "study.yaml"


def pandas_scores(study, path=CORPUS):
    return pd.concat([score_chunk(c, study) for c in iter_corpus(path)], ignore_index=True)


def test_import_framing_does_not_import_dask():
    code = ("import sys, framing, framing.stream, framing.parallel, framing.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"


def test_missing_dask_says_how_to_install_it(monkeypatch, tmp_path, capsys):
    from framing.distributed import MissingDependencyError, score_dask

    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'framing\[dask\]'"):
        score_dask(None, STUDY)
    assert main(["score", "--engine", "dask", "--study", str(STUDY), str(CORPUS), "-o",
                 str(tmp_path / "s.csv")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'framing[dask]'" in err


def test_map_partitions_with_explicit_meta_equals_the_pandas_path(study, articles):
    dd = pytest.importorskip("dask.dataframe")
    from framing.distributed import score_dask

    ddf = dd.from_pandas(articles, npartitions=4)
    lazy = score_dask(ddf, STUDY)
    assert lazy.columns.tolist() == scores_meta(study, metadata=chunk_metadata(articles.columns)).columns.tolist()
    got = lazy.compute(scheduler="sync").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, pandas_scores(study))


def test_without_attribution_equals_the_pandas_path(study, articles):
    dd = pytest.importorskip("dask.dataframe")
    from framing.distributed import score_dask

    lazy = score_dask(dd.from_pandas(articles, npartitions=3), STUDY, attribution=False)
    got = lazy.compute(scheduler="sync").reset_index(drop=True)
    expected = pd.concat([score_chunk(c, study, attribution=False) for c in iter_corpus(CORPUS)],
                         ignore_index=True)
    pd.testing.assert_frame_equal(got, expected)
    assert not any(c.endswith("_voice") for c in got.columns)


def test_lexicon_and_classifier_in_one_schema_as_the_local_engine(study, articles, tmp_path):
    dd = pytest.importorskip("dask.dataframe")
    from framing.distributed import score_dask
    from framing.models import load_model
    from framing.parallel import score_methods

    model = tmp_path / "model.skops"
    assert main(["train", "--study", str(STUDY), "--gold", str(CORPUS / "annotations" / "gold.csv"),
                 "-o", str(model)]) == 0
    ddf = dd.from_pandas(articles, npartitions=2)
    got = score_dask(ddf, STUDY, method="both", model=model).compute(scheduler="sync").reset_index(drop=True)
    loaded = load_model(model, study=study)
    expected = pd.concat([score_methods(ddf.get_partition(i).compute(), study, model=loaded, method="both")
                          for i in range(ddf.npartitions)], ignore_index=True)
    pd.testing.assert_frame_equal(got, expected)
    assert got["method"].value_counts().to_dict() == {"lexicon": len(articles), "classifier": len(articles)}
    with pytest.raises(framing.FramingError, match="needs a model file"):
        score_dask(dd.from_pandas(articles, npartitions=1), STUDY, method="classifier")


def test_bad_records_in_a_partition_raise_or_are_skipped(study):
    dd = pytest.importorskip("dask.dataframe")
    from framing.distributed import score_dask

    raw = pd.DataFrame({"doc_id": ["a", "b", "c"], "lang": ["en", "zz", "en"],
                        "text": ["Putin will not come.", "Text.", "War crimes in Aleppo."]})
    ddf = dd.from_pandas(raw, npartitions=1)
    with pytest.raises(framing.CorpusError, match="partition 0, row 2.*unknown language code 'zz'"):
        score_dask(ddf, STUDY).compute(scheduler="sync")
    got = score_dask(ddf, STUDY, errors="skip").compute(scheduler="sync")
    assert got["doc_id"].tolist() == ["a", "c"]
    with pytest.raises(framing.CorpusError, match="missing column"):
        score_dask(ddf[["doc_id", "lang"]], STUDY)


@pytest.mark.slow
def test_a_local_cluster_gives_the_pandas_results(tmp_path, study, articles):
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    from framing.distributed import score_dask

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        got = score_dask(dd.from_pandas(articles, npartitions=3), STUDY).compute()
        pd.testing.assert_frame_equal(got.reset_index(drop=True), pandas_scores(study))

        # the command line, on that cluster, writes what the local engine writes
        shards = tmp_path / "shards"
        shards.mkdir()
        for i, start in enumerate(range(0, len(articles), 25)):
            articles.iloc[start:start + 25].to_parquet(shards / f"part-{i}.parquet", index=False)
        local, remote = tmp_path / "local.csv", tmp_path / "remote.csv"
        assert main(["score", "--study", str(STUDY), str(shards), "-o", str(local), "--no-progress"]) == 0
        assert main(["score", "--engine", "dask", "--scheduler", cluster.scheduler_address, "--study",
                     str(STUDY), str(shards), "-o", str(remote), "--no-progress"]) == 0
        assert remote.read_bytes() == local.read_bytes()
        for where, engine in ((local, []), (remote, ["--engine", "dask", "--scheduler", cluster.scheduler_address])):
            assert main(["score", *engine, "--study", str(STUDY), str(shards), "-o", str(where), "--no-progress",
                         "--no-attribution"]) == 0
        assert remote.read_bytes() == local.read_bytes() and b"_voice" not in local.read_bytes()

        # a Markdown folder too, and duplicates across partitions are caught
        md = tmp_path / "md.csv"
        assert main(["score", "--engine", "dask", "--scheduler", cluster.scheduler_address, "--study",
                     str(STUDY), str(CORPUS), "-o", str(md), "--chunk-size", "16", "--no-progress"]) == 0
        assert pd.read_csv(md)["doc_id"].tolist() == articles["doc_id"].tolist()
        articles.iloc[:3].to_parquet(shards / "part-9.parquet", index=False)
        assert main(["score", "--engine", "dask", "--scheduler", cluster.scheduler_address, "--study",
                     str(STUDY), str(shards), "-o", str(tmp_path / "dup.csv"), "--no-progress"]) == 2
        assert not (tmp_path / "dup.csv").exists()


def test_the_dask_engine_carries_every_front_matter_key_of_a_markdown_folder(tmp_path):
    # bug fix: the Dask engine read a fixed list of columns from Markdown, so other metadata was dropped
    folder = tmp_path / "articles"
    folder.mkdir()
    for i, source in enumerate(sorted((CORPUS / "articles").glob("en_00*.md"))[:3]):
        text = source.read_text(encoding="utf-8").replace("\nsynthetic:", f"\ncoder: c{i}\nsynthetic:", 1)
        (folder / source.name).write_text(text, encoding="utf-8")
    local, remote = tmp_path / "local.csv", tmp_path / "remote.csv"
    assert main(["score", str(folder), "--study", str(STUDY), "-o", str(local), "--no-progress",
                 "--no-attribution"]) == 0
    assert main(["score", str(folder), "--study", str(STUDY), "-o", str(remote), "--no-progress",
                 "--no-attribution", "--engine", "dask"]) == 0
    assert pd.read_csv(remote)["coder"].tolist() == ["c0", "c1", "c2"]
    assert remote.read_bytes() == local.read_bytes()
