"""Reference answers of imbalanced-learn 0.10 for @oversample/smote's tests.

Run with the Python that has imbalanced-learn 0.10.0 and scikit-learn 1.2.1 (here /usr/bin/python3):
    /usr/bin/python3 packages/smote/test-fixtures/make-imblearn-fixtures.py
It rewrites imblearn-0.10.json beside it. Only the deterministic parts are frozen: the rows the
cleaners keep, the category row SMOTEN makes from each base row, and SVM-SMOTE's support vectors
split into noise, danger and safe. Features are float32 values widened to float64, as a Dataset
holds them.
"""
import json
import os

import imblearn
import numpy as np
import sklearn
from imblearn.metrics.pairwise import ValueDifferenceMetric
from imblearn.over_sampling import SVMSMOTE
from imblearn.under_sampling import EditedNearestNeighbours, TomekLinks
from imblearn.utils.fixes import _mode
from sklearn.neighbors import NearestNeighbors
from sklearn.svm import SVC


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def table(rng, counts, d, spread):
    xs, ys = [], []
    for c, n in enumerate(counts):
        centre = np.zeros(d)
        centre[c % d] = 1.5
        xs.append(centre + spread * rng.standard_normal((n, d)))
        ys.append(np.full(n, c))
    order = rng.permutation(sum(counts))
    return f32(np.concatenate(xs)[order]), np.concatenate(ys)[order]


def cleaners(rng):
    x, y = table(rng, [50, 25, 12], 3, 0.9)
    cases = []
    for strategy in ["auto", "all", "majority", "not majority", [1]]:
        t = TomekLinks(sampling_strategy=strategy).fit(x, y)
        t.fit_resample(x, y)
        cases.append({"sampler": "TomekLinks", "options": {"samplingStrategy": strategy}, "kept": sorted(int(i) for i in t.sample_indices_)})
    for strategy, k, kind in [("auto", 3, "all"), ("all", 3, "all"), ("all", 3, "mode"), ("not majority", 5, "mode"), ("majority", 4, "all")]:
        e = EditedNearestNeighbours(sampling_strategy=strategy, n_neighbors=k, kind_sel=kind)
        e.fit_resample(x, y)
        cases.append({
            "sampler": "EditedNearestNeighbours",
            "options": {"samplingStrategy": strategy, "nNeighbors": k, "kindSel": kind},
            "kept": sorted(int(i) for i in e.sample_indices_),
        })
    return {"d": 3, "x": [float(v) for v in x.ravel()], "y": [int(v) for v in y], "cases": cases}


def smoten(rng):
    # Three categorical columns; class 1 prefers low codes, class 0 high ones, with overlap.
    n0, n1, n2 = 60, 24, 15
    def col(n, probs):
        return rng.choice(len(probs), size=n, p=probs)
    x0 = np.stack([col(n0, [0.1, 0.2, 0.3, 0.4]), col(n0, [0.2, 0.3, 0.5]), col(n0, [0.5, 0.5])], axis=1)
    x1 = np.stack([col(n1, [0.4, 0.3, 0.2, 0.1]), col(n1, [0.5, 0.3, 0.2]), col(n1, [0.3, 0.7])], axis=1)
    x2 = np.stack([col(n2, [0.25, 0.25, 0.25, 0.25]), col(n2, [0.1, 0.1, 0.8]), col(n2, [0.9, 0.1])], axis=1)
    order = rng.permutation(n0 + n1 + n2)
    # Category values as a user might code them (not 0..k-1): 10, 20, ... for column 0.
    codes = np.concatenate([x0, x1, x2])[order].astype(np.float64)
    codes[:, 0] = (codes[:, 0] + 1) * 10
    y = np.concatenate([np.zeros(n0), np.ones(n1), np.full(n2, 2)])[order].astype(int)
    k = 5
    from sklearn.preprocessing import OrdinalEncoder
    enc = OrdinalEncoder(dtype=np.int32)
    xe = enc.fit_transform(codes)
    vdm = ValueDifferenceMetric(n_categories=[len(c) for c in enc.categories_]).fit(xe, y)
    classes = []
    for c in [1, 2]:
        idx = np.flatnonzero(y == c)
        dist = vdm.pairwise(xe[idx])
        nn = NearestNeighbors(n_neighbors=k + 1, metric="precomputed").fit(dist)
        nns = nn.kneighbors(dist, return_distance=False)
        modes = enc.inverse_transform(np.squeeze(_mode(xe[idx][nns], axis=1).mode, axis=1))
        # A base row is ambiguous when rows of different categories tie at the neighbourhood's edge:
        # scikit-learn's search then picks among them in an unspecified order. (Ties among identical
        # rows do not matter, nor do ties between modes: scipy's mode takes the smallest value.)
        ambiguous = []
        for r in range(len(idx)):
            edge = np.sort(dist[r])[k]
            at_edge = np.flatnonzero(dist[r] == edge)
            needed = k + 1 - np.count_nonzero(dist[r] < edge)
            distinct = {tuple(row) for row in xe[idx][at_edge]}
            ambiguous.append(bool(needed < len(at_edge) and len(distinct) > 1))
        classes.append({
            "label": c,
            "rows": [int(i) for i in idx],
            "modes": [float(v) for v in modes.ravel()],
            "ambiguous": ambiguous,
        })
    return {"d": 3, "k": k, "x": [float(v) for v in codes.ravel()], "y": [int(v) for v in y], "classes": classes}


def svmsmote(rng):
    out = []
    for counts, m in [([70, 30], 10), ([60, 25, 15], 8)]:
        x, y = table(rng, counts, 2, 0.8)
        svm = SVC(gamma="scale").fit(x, y)
        per_class = []
        for c in range(1, len(counts)):
            support = svm.support_[y[svm.support_] == c]
            nn = NearestNeighbors(n_neighbors=m + 1).fit(x)
            nbr = nn.kneighbors(x[support], return_distance=False)[:, 1:]
            n_other = np.sum(y[nbr] != c, axis=1)
            noise = n_other == m
            danger = (n_other >= m / 2) & (n_other < m)
            per_class.append({
                "label": c,
                "support": [int(i) for i in support],
                "noise": [int(i) for i in support[noise]],
                "danger": [int(i) for i in support[~noise & danger]],
                "safe": [int(i) for i in support[~noise & ~danger]],
            })
        # The whole sampler runs too, for its class counts.
        xr, yr = SVMSMOTE(m_neighbors=m, random_state=0).fit_resample(x, y)
        out.append({
            "mNeighbors": m,
            "d": 2,
            "x": [float(v) for v in x.ravel()],
            "y": [int(v) for v in y],
            "classes": per_class,
            "resampledCounts": [int(np.sum(yr == c)) for c in range(len(counts))],
        })
    return out


def main():
    rng = np.random.default_rng(20240601)
    doc = {
        "generator": "packages/smote/test-fixtures/make-imblearn-fixtures.py",
        "imblearn": imblearn.__version__,
        "sklearn": sklearn.__version__,
        "cleaners": cleaners(rng),
        "smoten": smoten(rng),
        "svmsmote": svmsmote(rng),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "imblearn-0.10.json")
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
