"""Model files: skops with an explicit list of trusted types; anything else is refused with the fix."""

import io
import json
import pickle
import warnings
import zipfile

import numpy as np
import pandas as pd
import pytest
import skops.io as sio
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

import framing
from framing.classify import make_classifier
from framing.errors import FramingError
from framing.features import model_input
from framing.models import (
    ModelFileError,
    ModelVersionWarning,
    _payload_hash,
    load_model,
    read_model_info,
    save_model,
)

TEXTS = ["The visit fell out of the programme.", "Hollande spoke of war crimes in Aleppo.",
         "Le programme a changé.", "Des crimes de guerre à Alep.", "Визит выпал из программы.",
         "Военные преступления в Алеппо.", "The weather was fine.", "Il pleut.", "Погода хорошая."] * 2
LABELS = ["kremlin", "france", "kremlin", "france", "kremlin", "france", "none", "none", "none"] * 2


def fit(kind="logreg", **options):
    return make_classifier(kind, word_ngram_range=(1, 1), char_ngram_range=(3, 3), **options).fit(TEXTS, LABELS)


def save(model, path, study="putin-paris-2016"):
    return save_model(model, path, study=study, labels=["kremlin", "france", "none"], training_data_hash="h" * 64)


def rewrite(source, target, *, members=None, meta=None):
    """Copy a zip archive, replacing some members' bytes (and, with meta, framing.json)."""
    members = dict(members or {})
    with zipfile.ZipFile(source) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    contents.update(members)
    if meta is not None:
        contents["framing.json"] = json.dumps(meta).encode()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return target


@pytest.mark.parametrize("kind", ["logreg", "svm", "nb"])
def test_round_trip_predicts_identically(tmp_path, kind):
    model = fit(kind, lexicon={"kremlin": ["program*"], "france": ["war crime*", "Alep*"]})
    path = save(model, tmp_path / "model.skops")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # same versions: no warning at all
        loaded = load_model(path)
    probe = TEXTS + ["Putin will come when it suits Hollande.", "Syrie", ""]
    assert (loaded.predict(probe) == model.predict(probe)).all()
    score = "decision_function" if kind == "svm" else "predict_proba"
    np.testing.assert_array_equal(getattr(loaded, score)(probe), getattr(model, score)(probe))


def _table(texts):
    lang = {0: "en", 1: "en", 2: "fr", 3: "fr", 4: "ru", 5: "ru", 6: "en", 7: "fr", 8: "ru"}
    doc = [f"d{i % 9}" for i in range(len(texts))]
    sents = pd.DataFrame({"doc_id": doc, "sent_id": range(len(texts)), "text": texts,
                          "lang": [lang[i % 9] for i in range(len(texts))]})
    return sents


@pytest.mark.parametrize("options", [{"lexicon": "study"}, {"context": True},
                                     {"lexicon": "study", "context": True, "multilabel": True, "kind": "svm"}],
                         ids=["hybrid", "context", "hybrid-context-multilabel"])
def test_table_models_round_trip_with_the_trusted_types(tmp_path, study, options):
    options = {**options, **({"lexicon": study} if options.get("lexicon") == "study" else {})}
    model = make_classifier(word_ngram_range=(1, 1), char_ngram_range=(3, 3), **options)
    sents = _table(TEXTS)
    model.fit(model_input(model, sents), LABELS)
    path = save(model, tmp_path / "model.skops")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loaded = load_model(path, study=study)
    probe = model_input(model, _table(TEXTS + ["Putin will come when it suits Hollande.", "Syrie", ""]))
    assert (loaded.predict(probe) == model.predict(probe)).all()
    np.testing.assert_array_equal(loaded.decision_function(probe), model.decision_function(probe))
    # bare texts are not what such a model reads: a clear error names the fix
    with pytest.raises(FramingError, match="lang"):
        model_input(model, pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["x"]}))


def test_the_file_records_study_labels_hash_and_versions(tmp_path, study):
    path = save_model(fit(), tmp_path / "m.skops", study=study, labels=["kremlin", "france", "none"],
                      training_data_hash="abc", extra={"kind": "logreg"})
    info = read_model_info(path)
    assert info["study"] == "putin-paris-2016" and info["labels"] == ["kremlin", "france", "none"]
    assert info["training_data_hash"] == "abc" and info["extra"] == {"kind": "logreg"}
    assert info["versions"]["framing"] == framing.__version__
    assert info["versions"]["scikit-learn"] == __import__("sklearn").__version__


def test_a_skops_file_with_an_untrusted_type_is_refused(tmp_path):
    # Someone builds a skops file around a function call and gives it framing's metadata,
    # with a correct payload hash: the type check, not the hash, must stop it.
    good = save(fit(), tmp_path / "good.skops")
    meta = read_model_info(good)
    hostile = Pipeline([("run", FunctionTransformer(np.log1p)), ("classifier", fit()[-1])])
    sio.dump(hostile, tmp_path / "hostile.skops")
    with zipfile.ZipFile(tmp_path / "hostile.skops") as archive:
        meta["payload_sha256"] = _payload_hash(archive)
    path = rewrite(tmp_path / "hostile.skops", tmp_path / "tampered.skops", meta=meta)
    with pytest.raises(ModelFileError, match=r"tampered\.skops: refused: the file holds type\(s\) framing does "
                                             r"not trust: numpy\.log1p, sklearn\.preprocessing\._function_transformer\."
                                             r"FunctionTransformer\.") as err:
        load_model(path)
    assert isinstance(err.value, FramingError) and "framing train" in str(err.value)


def test_a_file_changed_after_saving_is_refused(tmp_path):
    path = save(fit(), tmp_path / "m.skops")
    with zipfile.ZipFile(path) as archive:
        schema = archive.read("schema.json")
    assert b"newton-cg" in schema
    schema = schema.replace(b"newton-cg", b"lbfgs")
    edited = rewrite(path, tmp_path / "edited.skops", members={"schema.json": schema})
    with pytest.raises(ModelFileError, match=r"edited\.skops: the model was changed after it was saved"):
        load_model(edited)


def test_saving_a_model_framing_would_not_load_is_refused(tmp_path):
    model = Pipeline([("log", FunctionTransformer(np.log1p)), ("classifier", fit()[-1])])
    with pytest.raises(ModelFileError, match="holds type\\(s\\) .*FunctionTransformer"):
        save(model, tmp_path / "m.skops")
    assert not (tmp_path / "m.skops").exists()


@pytest.mark.parametrize("kind, message", [
    ("pickle", r"this is a pickle file, not a framing model\. framing never loads pickle"),
    ("random", r"not a framing model file \(not a skops zip archive\)"),
    ("zip", r"a zip archive but not a skops model file \(no schema\.json\)"),
    ("skops", r"a skops file that framing did not write \(no framing\.json\)"),
    ("missing", r"no such model file; train one with `framing train"),
])
def test_foreign_files_are_refused_with_the_fix(tmp_path, kind, message):
    path = tmp_path / f"{kind}.skops"
    if kind == "pickle":
        path.write_bytes(pickle.dumps({"model": fit()}))
    elif kind == "random":
        path.write_bytes(np.random.default_rng(0).bytes(4096))
    elif kind == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "hello")
    elif kind == "skops":
        sio.dump(fit(), path)
    with pytest.raises(ModelFileError, match=message) as err:
        load_model(path)
    assert str(path) in str(err.value)


def test_another_scikit_learn_version_warns(tmp_path):
    path = save(fit(), tmp_path / "m.skops")
    meta = read_model_info(path)
    meta["versions"]["scikit-learn"] = "0.0.1"
    older = rewrite(path, tmp_path / "older.skops", meta=meta)
    with pytest.warns(ModelVersionWarning, match=r"older\.skops was saved with scikit-learn 0\.0\.1 and this is"):
        model = load_model(older)
    assert (model.predict(TEXTS) == np.array(LABELS)).mean() > 0.5


def test_another_studys_model_is_refused(tmp_path, study):
    path = save(fit(), tmp_path / "m.skops", study="bridge-closure")
    with pytest.raises(ModelFileError, match="trained for study 'bridge-closure'.*not for study 'putin-paris-2016'"):
        load_model(path, study=study)


def test_unknown_format_is_refused(tmp_path):
    path = save(fit(), tmp_path / "m.skops")
    meta = read_model_info(path) | {"format": "framing-model/99"}
    future = rewrite(path, tmp_path / "future.skops", meta=meta)
    with pytest.raises(ModelFileError, match=r"unknown model format 'framing-model/99'"):
        load_model(future)


def test_a_schema_naming_a_hostile_type_is_refused_before_skops_builds_anything(tmp_path):
    # The archive is re-hashed, as an attacker would: only the list of trusted types stops it.
    path = save(fit(), tmp_path / "m.skops")
    with zipfile.ZipFile(path) as archive:
        schema = json.loads(archive.read("schema.json"))
    schema["__module__"], schema["__class__"] = "os", "system"
    data = json.dumps(schema).encode()
    meta = read_model_info(path)
    buffer = io.BytesIO()
    rewrite(path, buffer, members={"schema.json": data})
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        meta["payload_sha256"] = _payload_hash(archive)
    hostile = rewrite(io.BytesIO(buffer.getvalue()), tmp_path / "os.skops", meta=meta)
    with pytest.raises(ModelFileError, match=r"does not trust: os\.system"):
        load_model(hostile)
