"""The learned suggestion model: hierarchical, calibrated on held-out interviews.

Features (``features.unit_features``) are hashed into 2**18 columns and tf-idf weighted.
A code's score is log P(coded) + log P(theme | coded) + log P(sub-code | theme), each a
logistic regression (liblinear, seeded), and a unit's score also counts its neighbours'.
The training interviews are cut into folds by interview; each fold is scored by a model
trained on the others. Those held-out scores calibrate each code's confidence (isotonic
regression, or a Platt curve with fewer positives) and choose its threshold, so nothing
is tuned on an interview being scored; the fold models together are the final model, so
the scores it calibrates look like the ones it was calibrated on. Codebook sentences are
always on the training side of a fold and never scored.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

N_FEATURES = 2 ** 18
MIN_POSITIVES_TO_CALIBRATE = 8
DEFAULT_THRESHOLD = 0.5


def _identity(x):
    return x


def _vectorizer() -> HashingVectorizer:
    return HashingVectorizer(analyzer=_identity, n_features=N_FEATURES, alternate_sign=False, norm=None)


@dataclass
class Calibrator:
    """Decision score -> probability of being right."""
    kind: str                      # "platt", "isotonic" or "none" (the model's own probability)
    a: float = 1.0
    b: float = 0.0
    iso: IsotonicRegression | None = None
    top: float = 1.0  # the most a Platt curve says, beyond the scores it was fitted on too

    def __call__(self, scores: np.ndarray) -> np.ndarray:
        if self.kind == "isotonic" and self.iso is not None:
            return np.clip(self.iso.predict(scores), 0.0, 1.0)
        if self.kind == "none":  # a log-probability (smoothed: a weighted sum of them)
            return np.exp(np.minimum(scores * self.a, 0.0))
        return np.minimum(1.0 / (1.0 + np.exp(-(self.a * scores + self.b))), self.top)


@dataclass
class SuggestModel:
    labels: list[str]
    tfidf: TfidfTransformer
    fitted: list[Any]                # the fold models (_Hierarchy): tf-idf matrix -> (units, labels) scores
    calibrators: list[Calibrator]
    thresholds: np.ndarray           # (labels,) on the calibrated scale
    calibrated: list[bool] = field(default_factory=list)
    smoothing: float = 0.0
    held_out: np.ndarray | None = None  # calibrated confidences of the training units, held out (NaN: never)

    def predict_proba(self, feats: Sequence[Sequence[str]], groups: Sequence[int] | None = None) -> np.ndarray:
        """(units, labels): calibrated confidence that a unit carries each label, the mean
        over the fold models (each scored like the held-out data its calibration saw).
        ``groups`` (the interview of each unit, units in order) lets neighbours count."""
        X = self.tfidf.transform(_vectorizer().transform(feats))
        out = np.zeros((X.shape[0], len(self.labels)))
        for fitted in self.fitted:
            raw = smooth(fitted.scores(X), groups, self.smoothing)
            for j, cal in enumerate(self.calibrators):
                out[:, j] += cal(raw[:, j])
        return out / max(len(self.fitted), 1)


# chosen on the leave-interviews-out bench (bench/suggestion_quality.py); the per-code
# thresholds themselves are chosen inside the training data
BETA = 0.85        # thresholds maximise F-beta: a little more weight on precision
SMOOTHING = 0.5    # weight of the neighbours' mean score
SUB_C = 10.0       # the choice among sub-codes needs less regularisation than "coded at all?"


def smooth(raw: np.ndarray, groups: Sequence[int] | None, beta: float) -> np.ndarray:
    """Add ``beta`` times the mean score of a unit's neighbours in the same interview:
    a coded passage often runs over several sentences, and an answer stays on its topic."""
    if groups is None or not beta or len(raw) < 2:
        return raw
    g = np.asarray(groups)
    same_prev = np.r_[False, (g[1:] == g[:-1]) & (g[1:] >= 0)]
    same_next = np.r_[(g[1:] == g[:-1]) & (g[:-1] >= 0), False]
    prev = np.where(same_prev[:, None], np.roll(raw, 1, axis=0), 0.0)
    nxt = np.where(same_next[:, None], np.roll(raw, -1, axis=0), 0.0)
    n = (same_prev.astype(float) + same_next.astype(float))[:, None]
    mean = np.divide(prev + nxt, n, out=np.zeros_like(raw), where=n > 0)
    return raw + beta * mean


class _OneVsRest:
    """One balanced logistic regression per label (the simple baseline)."""

    def __init__(self, X, Y: np.ndarray, w: np.ndarray, C: float) -> None:
        # only features seen in training get a weight: keep the (large, hashed) matrix sparse
        used = np.flatnonzero(np.asarray(X.getnnz(axis=0)).ravel())
        Xu = X[:, used]
        rows, cols, vals = [], [], []
        self.intercept = np.full(Y.shape[1], -10.0)
        for j in range(Y.shape[1]):
            y = Y[:, j]
            if y.min() == y.max():
                continue  # a label with no positives here: never suggested
            clf = LogisticRegression(C=C, solver="liblinear", dual=True, class_weight="balanced", max_iter=200,
                                     random_state=0)
            clf.fit(Xu, y, sample_weight=w)
            rows.append(used)
            cols.append(np.full(len(used), j))
            vals.append(clf.coef_[0])
            self.intercept[j] = clf.intercept_[0]
        self.coef = sparse.csc_matrix((np.concatenate(vals) if vals else [], (
            np.concatenate(rows) if rows else [], np.concatenate(cols) if cols else [])),
            shape=(X.shape[1], Y.shape[1]))

    def scores(self, X) -> np.ndarray:
        return np.asarray((X @ self.coef).todense()) + self.intercept


class _Sub:
    """The choice among a parent's children, fitted on the rows that carry the parent:
    one logistic regression per child (liblinear: fast; its coordinate order is seeded), normalised."""

    def __init__(self, X, y: np.ndarray, w: np.ndarray) -> None:
        self.used = np.flatnonzero(np.asarray(X.getnnz(axis=0)).ravel())
        self.present = sorted(set(y.tolist()))
        self.models = []
        if len(self.present) > 1:
            Xu = X[:, self.used]
            for k in self.present:
                clf = LogisticRegression(C=SUB_C, solver="liblinear", dual=True, max_iter=200, random_state=0)
                clf.fit(Xu, (y == k).astype(np.int8), sample_weight=w)
                self.models.append(clf)

    def log_proba(self, X) -> dict[int, np.ndarray]:
        n = X.shape[0]
        if len(self.present) == 1:
            return {self.present[0]: np.zeros(n)}
        Xu = X[:, self.used]
        p = np.column_stack([m.predict_proba(Xu)[:, 1] for m in self.models])
        lp = np.log(np.clip(p / p.sum(axis=1, keepdims=True), 1e-12, 1.0))
        return {k: lp[:, i] for i, k in enumerate(self.present)}


class _Hierarchy:
    """Score of a code = log P(coded) + log P(theme | coded) + log P(sub-code | theme) ...

    A unit nearly always carries one code or none. Whether a sentence is coded at all
    (substance, not filler) and what it is about (the question, the words) are different
    questions; a balanced binary model answers the first, a multinomial model per level
    of the codebook the second, each trained only on the rows where it applies.
    """

    def __init__(self, X, Y: np.ndarray, w: np.ndarray, C: float, labels: Sequence[str]) -> None:
        self.labels = list(labels)
        index = {lab: j for j, lab in enumerate(labels)}
        self.parent = {j: index.get(lab.rsplit("/", 1)[0]) if "/" in lab else None for j, lab in enumerate(labels)}
        any_y = Y.max(axis=1) if Y.shape[1] else np.zeros(X.shape[0], dtype=np.int8)
        self.any = _OneVsRest(X, any_y.reshape(-1, 1), w, C)
        self.subs: dict[int | None, _Sub] = {}
        for parent in {None, *[p for p in self.parent.values() if p is not None]}:
            kids = [j for j, p in self.parent.items() if p == parent]
            if not kids:
                continue
            rows_mask = any_y == 1 if parent is None else Y[:, parent] == 1
            xs, ys, ws = [], [], []
            for k in kids + [-1]:
                if k == -1:
                    if parent is None:
                        continue
                    m = rows_mask & (Y[:, kids].max(axis=1) == 0)  # the parent itself, no child
                else:
                    m = rows_mask & (Y[:, k] == 1)
                idx = np.flatnonzero(m)
                if len(idx):
                    xs.append(idx)
                    ys.append(np.full(len(idx), k))
                    ws.append(w[idx])
            if not xs:
                continue
            idx = np.concatenate(xs)
            self.subs[parent] = _Sub(X[idx], np.concatenate(ys), np.concatenate(ws))

    def scores(self, X) -> np.ndarray:
        n = X.shape[0]
        s_any = self.any.scores(X)[:, 0]
        log_any = -np.logaddexp(0.0, -s_any)  # log sigmoid
        out = np.full((n, len(self.labels)), -30.0)
        cond = {p: sub.log_proba(X) for p, sub in self.subs.items()}
        order = sorted(range(len(self.labels)), key=lambda j: self.labels[j].count("/"))
        for j in order:
            p = self.parent[j]
            base = log_any if p is None else out[:, p]
            lp = cond.get(p, {}).get(j)
            out[:, j] = base + (lp if lp is not None else -30.0)
        return out


def _fit_linear(X, Y: np.ndarray, w: np.ndarray, C: float, labels: Sequence[str]) -> _Hierarchy:
    return _Hierarchy(X, Y, w, C, labels)


def _best_threshold(p: np.ndarray, y: np.ndarray, floor: float) -> float:
    """The cut on held-out confidences with the best F1 (ties: the higher cut)."""
    best, best_f = DEFAULT_THRESHOLD, -1.0
    pos = y.sum()
    for t in np.arange(floor, 0.951, 0.025):
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        if not pred.any() or not pos:
            continue
        b2 = BETA ** 2
        f = (1 + b2) * tp / (pred.sum() + b2 * pos)
        if f >= best_f:
            best, best_f = float(t), f
    return best


def _platt(s: np.ndarray, y: np.ndarray) -> Calibrator:
    """Platt scaling with Platt's own targets: a positive counts as (N+ + 1) / (N+ + 2), a
    negative as 1 / (N- + 2), so a code calibrated on a handful of held-out positives cannot
    say 1.00 (fitted on 0 and 1, a coder early in a project saw "Dat is toch bizar." at 1.00,
    where its held-out check found three in four right); nor beyond them."""
    pos, neg = float(y.sum()), float(len(y) - y.sum())
    t = np.where(y == 1, (pos + 1) / (pos + 2), 1 / (neg + 2))
    x = np.concatenate([s, s]).reshape(-1, 1)
    target = np.concatenate([np.ones(len(s)), np.zeros(len(s))])
    platt = LogisticRegression(C=1e4, solver="lbfgs").fit(x, target, sample_weight=np.concatenate([t, 1 - t]))
    # (the final model scores new interviews beyond the held-out scores: the curve went on to 1.00 there)
    return Calibrator("platt", a=float(platt.coef_[0, 0]), b=float(platt.intercept_[0]), top=float(t.max()))


def train(feats: Sequence[Sequence[str]], carried: Sequence[set[str]], groups: Sequence[int],
          labels: Sequence[str], *,
          weights: Sequence[float] | None = None, folds: int = 4, C: float = 3.0, seed: int = 0,
          threshold_floor: float = 0.3,
          progress: Callable[[int, int, str], None] | None = None) -> SuggestModel:
    """Train on units (``groups``: the interview of each; ``-1`` for codebook sentences,
    which are always trained on and never used to calibrate). ``carried``: the labels of each."""
    Y = np.array([[lab in c for lab in labels] for c in carried], dtype=np.int8).reshape(len(carried), len(labels))
    w = np.ones(len(feats)) if weights is None else np.asarray(weights, dtype=float)
    groups_arr = np.asarray(groups)
    counts = _vectorizer().transform(feats)
    tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
    X = sparse.csr_matrix(tfidf.transform(counts))
    docs = sorted({g for g in groups if g >= 0})
    k = min(folds, len(docs))
    oof = np.full(Y.shape, np.nan)
    steps = max(k, 1)
    models = []
    if k >= 2:
        rng = np.random.default_rng(seed)
        order = list(rng.permutation(docs))
        fold_of = {d: i % k for i, d in enumerate(order)}
        for f in range(k):
            test = np.array([g >= 0 and fold_of[g] == f for g in groups])
            fitted = _fit_linear(X[~test], Y[~test], w[~test], C, labels)
            oof[test] = smooth(fitted.scores(X[test]), groups_arr[test], SMOOTHING)
            models.append(fitted)
            if progress:
                progress(f + 1, steps, "learning, and calibrating on held-out interviews")
    else:  # too few coded interviews to hold one out: one model, its own probabilities
        models.append(_fit_linear(X, Y, w, C, labels))
        if progress:
            progress(1, 1, "learning")
    calibrators, thresholds, calibrated = [], [], []
    scored = groups_arr >= 0
    for j in range(Y.shape[1]):
        s, y = oof[scored, j], Y[scored, j]
        ok = ~np.isnan(s)
        s, y = s[ok], y[ok]
        if len(s) and y.sum() >= MIN_POSITIVES_TO_CALIBRATE and y.min() != y.max():
            if y.sum() >= 40:
                # never quite sure: at most what Platt's targets allow (a top bucket of a few held-out
                # sentences, all right, said 1.00 of "Ja, wel degelijk.")
                top = (y.sum() + 1) / (y.sum() + 2)
                iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=float(top)).fit(s, y)
                cal = Calibrator("isotonic", iso=iso)
            else:
                cal = _platt(s, y)
            thresholds.append(_best_threshold(cal(s), y, threshold_floor))
            calibrated.append(True)
        else:
            cal = Calibrator("none", a=1.0 / (1.0 + SMOOTHING))
            thresholds.append(DEFAULT_THRESHOLD)
            calibrated.append(False)
        calibrators.append(cal)
    held = np.full(Y.shape, np.nan)
    for j, cal in enumerate(calibrators):
        ok = ~np.isnan(oof[:, j])
        if ok.any():
            held[ok, j] = cal(oof[ok, j])
    return SuggestModel(labels=list(labels), tfidf=tfidf, fitted=models, calibrators=calibrators,
                        thresholds=np.array(thresholds), calibrated=calibrated, smoothing=SMOOTHING,
                        held_out=held)
