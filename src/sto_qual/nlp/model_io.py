"""A trained ``SuggestModel`` as bytes and back, so a project keeps the model it learned
and ``sto-qual suggest`` applies it without training again.

The bytes are a compressed numpy ``.npz`` of plain arrays plus a JSON description, read
back with ``allow_pickle=False``: a project file from elsewhere cannot make loading run
code. Loading rebuilds exactly the numbers that were saved (float64, the same sparse
structure), so a loaded model scores every unit as the trained one did. The held-out
confidences (only needed while training) are not kept.
"""
from __future__ import annotations

import io
import json
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

from sto_qual.nlp.classifier import N_FEATURES, Calibrator, SuggestModel, _Hierarchy, _OneVsRest, _Sub

FORMAT = 1


class ModelFormatError(ValueError):
    """The bytes are not a model this version can read (another format, damaged)."""


def dump(model: SuggestModel) -> bytes:
    arrays: dict[str, np.ndarray] = {"thresholds": np.asarray(model.thresholds, dtype=float),
                                     "idf": np.asarray(model.tfidf.idf_)}
    fitted = []
    for i, h in enumerate(model.fitted):
        coef = sparse.csc_matrix(h.any.coef)
        arrays.update({f"{i}.any.data": coef.data, f"{i}.any.indices": coef.indices,
                       f"{i}.any.indptr": coef.indptr, f"{i}.any.intercept": h.any.intercept})
        subs = []
        for p, s in h.subs.items():
            key = f"{i}.sub.{len(subs)}"
            arrays[f"{key}.used"] = s.used
            if s.models:
                arrays[f"{key}.coef"] = np.vstack([m.coef_ for m in s.models])
                arrays[f"{key}.intercept"] = np.concatenate([m.intercept_ for m in s.models])
            subs.append({"parent": p, "present": [int(k) for k in s.present]})
        fitted.append({"shape": list(coef.shape), "subs": subs})
    calibrators = []
    for j, cal in enumerate(model.calibrators):
        if cal.kind == "isotonic" and cal.iso is not None:
            arrays[f"cal.{j}.x"] = cal.iso.X_thresholds_
            arrays[f"cal.{j}.y"] = cal.iso.y_thresholds_
            calibrators.append({"kind": "isotonic", "x_min": float(cal.iso.X_min_),
                                "x_max": float(cal.iso.X_max_)})
        else:
            calibrators.append({"kind": cal.kind, "a": cal.a, "b": cal.b, "top": cal.top})
    meta = {"format": FORMAT, "labels": model.labels, "calibrated": [bool(c) for c in model.calibrated],
            "smoothing": model.smoothing, "fitted": fitted, "calibrators": calibrators}
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def load(data: bytes) -> SuggestModel:
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
        if meta.get("format") != FORMAT:
            raise ModelFormatError(f"model format {meta.get('format')!r}, expected {FORMAT}")
        model = _build(meta, arrays)
        _check(model)
        return model
    except ModelFormatError:
        raise
    except Exception as exc:  # a damaged or foreign blob: the caller trains a new model
        raise ModelFormatError(f"cannot read the stored model ({type(exc).__name__}: {exc})") from exc


def _check(model: SuggestModel) -> None:
    """Shapes that agree, so a damaged model is refused here rather than failing while scoring."""
    n = len(model.labels)
    ok = (len(model.tfidf.idf_) == N_FEATURES and len(model.thresholds) == len(model.calibrated)
          == len(model.calibrators) == n and len(model.fitted) > 0)
    for h in model.fitted:
        ok = ok and h.any.coef.shape == (N_FEATURES, 1) and len(h.any.intercept) == 1
        for p, sub in h.subs.items():
            ok = ok and (p is None or 0 <= p < n) and all(-1 <= k < n for k in sub.present)  # -1: the parent itself
            ok = ok and (not len(sub.used) or (sub.used.min() >= 0 and sub.used.max() < N_FEATURES))
            ok = ok and len(sub.models) == (len(sub.present) if len(sub.present) > 1 else 0)
            ok = ok and all(m.coef_.shape == (1, len(sub.used)) for m in sub.models)
    if not ok:
        raise ModelFormatError("the stored model's parts do not fit together")


def _build(meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> SuggestModel:
    labels = list(meta["labels"])
    tfidf = TfidfTransformer(sublinear_tf=True)
    tfidf.idf_ = arrays["idf"]
    tfidf.n_features_in_ = N_FEATURES
    fitted = []
    for i, f in enumerate(meta["fitted"]):
        h = object.__new__(_Hierarchy)
        h.labels = labels
        index = {lab: j for j, lab in enumerate(labels)}
        h.parent = {j: index.get(lab.rsplit("/", 1)[0]) if "/" in lab else None for j, lab in enumerate(labels)}
        h.any = object.__new__(_OneVsRest)
        h.any.coef = sparse.csc_matrix((arrays[f"{i}.any.data"], arrays[f"{i}.any.indices"],
                                        arrays[f"{i}.any.indptr"]), shape=tuple(f["shape"]))
        h.any.intercept = arrays[f"{i}.any.intercept"]
        h.subs = {}
        for n, s in enumerate(f["subs"]):
            key = f"{i}.sub.{n}"
            sub = object.__new__(_Sub)
            sub.used = arrays[f"{key}.used"]
            sub.present = list(s["present"])
            sub.models = []
            if f"{key}.coef" in arrays:
                for row, b in zip(arrays[f"{key}.coef"], arrays[f"{key}.intercept"]):
                    clf = LogisticRegression(C=1.0, solver="liblinear")
                    clf.classes_ = np.array([0, 1], dtype=np.int8)
                    clf.coef_ = row.reshape(1, -1)
                    clf.intercept_ = np.array([b])
                    clf.n_features_in_ = len(sub.used)
                    sub.models.append(clf)
            h.subs[s["parent"]] = sub
        fitted.append(h)
    calibrators = []
    for j, c in enumerate(meta["calibrators"]):
        if c["kind"] == "isotonic":
            iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0)
            state = iso.__getstate__()
            state.update(X_thresholds_=arrays[f"cal.{j}.x"], y_thresholds_=arrays[f"cal.{j}.y"],
                         X_min_=c["x_min"], X_max_=c["x_max"], increasing_=True)
            iso.__setstate__(state)  # rebuilds the interpolation, as unpickling does
            calibrators.append(Calibrator("isotonic", iso=iso))
        else:
            calibrators.append(Calibrator(c["kind"], a=float(c["a"]), b=float(c["b"]), top=float(c.get("top", 1.0))))
    return SuggestModel(labels=labels, tfidf=tfidf, fitted=fitted, calibrators=calibrators,
                        thresholds=arrays["thresholds"], calibrated=list(meta["calibrated"]),
                        smoothing=float(meta["smoothing"]), held_out=None)
