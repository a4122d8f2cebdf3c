"""Save and load fitted classifiers safely: skops files with an explicit list of trusted types.

A framing model file is a skops archive (``skops.io``, no pickle, no
joblib) with one extra member, ``framing.json``: the study name, the labels,
a hash of the training data, the versions of framing, scikit-learn and
skops, and a hash of the archive's model members.

:func:`load_model` refuses, with a :class:`ModelFileError` naming the file
and the fix, a pickle, random bytes, a zip that is not a skops file, a skops
file that framing did not save, a file changed after it was saved, and any
file holding a type outside :data:`TRUSTED_TYPES`. Only then does skops
construct the model, trusting exactly the types on that list. A model saved
under another scikit-learn version loads with a :class:`ModelVersionWarning`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import tempfile
import warnings
import zipfile
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .errors import ModelFileError
from .study import Study

__all__ = ["KINDS", "ModelFileError", "ModelVersionWarning", "TRUSTED_TYPES", "FORMAT", "save_model", "load_model",
           "read_model_info"]

#: The classifier kinds :func:`framing.classify.make_classifier` builds (and a model file may hold).
KINDS = ("logreg", "svm", "nb")

#: The ``format`` recorded in ``framing.json``.
FORMAT = "framing-model/1"

_META = "framing.json"
_SCHEMA = "schema.json"

#: Every type a framing model file may hold (fully qualified names, as skops writes them):
#: the pipelines of :func:`framing.classify.make_classifier` (plain, hybrid, context, multi-label) and
#: the plain data inside them.
TRUSTED_TYPES: tuple[str, ...] = (
    "builtins.NoneType", "builtins.bool", "builtins.dict", "builtins.float", "builtins.int",
    "builtins.list", "builtins.slice", "builtins.str", "builtins.tuple",
    "numpy.ndarray", "numpy.dtype", "numpy.bool_", "numpy.float32", "numpy.float64", "numpy.int32",
    "numpy.int64",
    "sklearn.pipeline.Pipeline", "sklearn.pipeline.FeatureUnion", "sklearn.compose._column_transformer.ColumnTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer", "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression", "sklearn.svm._classes.LinearSVC",
    "sklearn.naive_bayes.MultinomialNB",
    "framing.classify.LexiconCounts", "framing.classify.StudyHits", "framing.classify.SidesClassifier",
)

_PICKLE_FIX = ("framing never loads pickle or joblib files, because loading one can run any code; "
               "retrain the model with `framing train` (or framing.models.save_model).")


class ModelVersionWarning(UserWarning):
    """A model file was saved under another version of scikit-learn."""


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        if name == "framing":
            from .version import __version__

            return __version__
        return "not installed"


def _payload_hash(archive: zipfile.ZipFile) -> str:
    digest = hashlib.sha256()
    for name in sorted(n for n in archive.namelist() if n != _META):
        digest.update(name.encode() + b"\x00" + hashlib.sha256(archive.read(name)).digest())
    return digest.hexdigest()


def _types_in(node: Any, found: set[str] | None = None) -> set[str]:
    """Every ``module.class`` named anywhere in a skops schema."""
    found = set() if found is None else found
    if isinstance(node, dict):
        if "__class__" in node or "__module__" in node:
            found.add(f"{node.get('__module__')}.{node.get('__class__')}")
        for value in node.values():
            _types_in(value, found)
    elif isinstance(node, list):
        for value in node:
            _types_in(value, found)
    return found


def _untrusted(schema: dict) -> list[str]:
    return sorted(_types_in(schema) - set(TRUSTED_TYPES))


def save_model(model, path: str | Path, *, study: Study | str, labels: Sequence[str],
               training_data_hash: str, extra: dict[str, Any] | None = None) -> Path:
    """Write a fitted model as a skops file with framing's metadata.

    Parameters
    ----------
    model : estimator
        A fitted pipeline from :func:`framing.classify.make_classifier`.
    path : str or Path
        Where to write (``.skops`` by convention); written atomically.
    study : Study or str
        The study (or its name) whose labels the model predicts.
    labels : sequence of str
        The labels it was trained on.
    training_data_hash : str
        From :func:`framing.classify.training_data_hash`.
    extra : dict, optional
        More JSON-serialisable facts to record (e.g. ``kind``, ``seed``, ``split``).

    Returns
    -------
    Path

    Raises
    ------
    ModelFileError
        If the model holds a type that :func:`load_model` would refuse.

    Examples
    --------
    >>> save_model(model, "model.skops", study=study, labels=["kremlin", "france", "both", "none"],
    ...            training_data_hash=training_data_hash(dev))  # doctest: +SKIP
    """
    import skops.io as sio

    path = Path(path)
    data = sio.dumps(model)
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        untrusted = _untrusted(json.loads(archive.read(_SCHEMA)))
        if untrusted:
            raise ModelFileError(f"Cannot save to {path}: the model holds type(s) {', '.join(untrusted)} that "
                                 "framing does not load. Build the model with framing.classify.make_classifier.")
        meta = {
            "format": FORMAT,
            "study": study.name if isinstance(study, Study) else str(study),
            "labels": [str(label) for label in labels],
            "training_data_hash": str(training_data_hash),
            "versions": {"framing": _version("framing"), "scikit-learn": _version("scikit-learn"),
                         "skops": _version("skops"), "python": sys.version.split()[0]},
            "payload_sha256": _payload_hash(archive),
            **({"extra": extra} if extra else {}),
        }
        archive.writestr(_META, json.dumps(meta, indent=2, sort_keys=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(buffer.getvalue())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _open(path: Path) -> tuple[bytes, dict, dict]:
    """Read and check a model file up to, not including, constructing the model."""
    if not path.is_file():
        raise ModelFileError(f"{path}: no such model file; train one with `framing train ... -o {path}`.")
    data = path.read_bytes()
    if data[:1] == b"\x80" or data[:2] in (b"(d", b"(l", b"}q", b"]q"):
        raise ModelFileError(f"{path}: this is a pickle file, not a framing model. {_PICKLE_FIX}")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ModelFileError(f"{path}: not a framing model file (not a skops zip archive). "
                             "Give a file written by `framing train` or framing.models.save_model.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if _SCHEMA not in names:
                raise ModelFileError(f"{path}: a zip archive but not a skops model file (no {_SCHEMA}). "
                                     "Give a file written by `framing train` or framing.models.save_model.")
            if _META not in names:
                raise ModelFileError(f"{path}: a skops file that framing did not write (no {_META}), so its "
                                     "study, labels and versions are unknown. Retrain it with `framing train`.")
            meta = json.loads(archive.read(_META))
            schema = json.loads(archive.read(_SCHEMA))
            payload = _payload_hash(archive)
    except (zipfile.BadZipFile, json.JSONDecodeError, UnicodeDecodeError, OSError) as err:
        raise ModelFileError(f"{path}: the model file is damaged ({err}). Retrain it with `framing train`.") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        found = meta.get("format") if isinstance(meta, dict) else None
        raise ModelFileError(f"{path}: unknown model format {found!r} (this framing reads {FORMAT!r}). "
                             "Retrain the model with this version's `framing train`.")
    if meta.get("payload_sha256") != payload:
        raise ModelFileError(f"{path}: the model was changed after it was saved (its contents do not match "
                             f"the hash in {_META}). Do not use it; retrain with `framing train`.")
    return data, meta, schema


def read_model_info(path: str | Path) -> dict[str, Any]:
    """The metadata of a model file (study, labels, training data hash, versions), without loading it.

    Examples
    --------
    >>> read_model_info("model.skops")["labels"]  # doctest: +SKIP
    ['both', 'france', 'kremlin', 'none']
    """
    return _open(Path(path))[1]


def load_model(path: str | Path, *, study: Study | None = None):
    """Load a model saved by :func:`save_model`, trusting only :data:`TRUSTED_TYPES`.

    Parameters
    ----------
    path : str or Path
    study : Study, optional
        When given, the model must have been trained for this study: same
        name, and labels among its side ids, ``both`` and ``none``.

    Returns
    -------
    estimator
        The fitted pipeline.

    Raises
    ------
    ModelFileError
        For a pickle, a file that is not a framing skops file, a file changed
        after saving, a file holding an untrusted type, or another study's model.

    Warns
    -----
    ModelVersionWarning
        When the file was saved under another scikit-learn version.

    Examples
    --------
    >>> model = load_model("model.skops", study=study)  # doctest: +SKIP
    """
    import skops.io as sio

    path = Path(path)
    data, meta, schema = _open(path)
    untrusted = _untrusted(schema)
    if untrusted:
        raise ModelFileError(f"{path}: refused: the file holds type(s) framing does not trust: "
                             f"{', '.join(untrusted)}. A framing model holds only the pipelines of "
                             "framing.classify.make_classifier; retrain it with `framing train`.")
    if study is not None:
        allowed = set(study.side_ids) | {"both", "none"}
        if meta.get("study") != study.name or not set(meta.get("labels", [])) <= allowed:
            raise ModelFileError(f"{path}: the model was trained for study {meta.get('study')!r} with labels "
                                 f"{', '.join(meta.get('labels', []))}, not for study {study.name!r} "
                                 f"({', '.join(sorted(allowed))}). Train one for this study with `framing train`.")
    saved = meta.get("versions", {}).get("scikit-learn")
    installed = _version("scikit-learn")
    if saved != installed:
        warnings.warn(f"{path} was saved with scikit-learn {saved} and this is scikit-learn {installed}; "
                      "its predictions may differ. Retrain it with `framing train` to be sure.",
                      ModelVersionWarning, stacklevel=2)
    try:
        skops_untrusted = sio.get_untrusted_types(data=data)
        # every name skops asks about is on TRUSTED_TYPES (checked above); trust exactly those
        model = sio.loads(data, trusted=[name for name in skops_untrusted if name in TRUSTED_TYPES])
    except Exception as err:  # a damaged member, or a type skops itself refuses
        raise ModelFileError(f"{path}: the model could not be rebuilt ({type(err).__name__}: {err}). "
                             "Retrain it with `framing train`.") from None
    return model
