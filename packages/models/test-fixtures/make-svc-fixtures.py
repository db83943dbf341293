"""Reference answers of scikit-learn's SVC for @oversample/models' SVC tests.

Run with the Python that has scikit-learn 1.2.1 (here /usr/bin/python3):
    /usr/bin/python3 packages/models/test-fixtures/make-svc-fixtures.py
It rewrites svc-sklearn.json beside it. Features are float32 values (what a Dataset holds), widened
to float64 for scikit-learn, so both libraries see the same numbers.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.svm import SVC


def blobs(rng, counts, d, spread):
    xs, ys = [], []
    for c, n in enumerate(counts):
        centre = np.zeros(d)
        centre[c % d] = 2.0
        centre[(c + 1) % d] -= 1.0 * c
        xs.append(centre + spread * rng.standard_normal((n, d)))
        ys.append(np.full(n, c))
    x = np.concatenate(xs)
    y = np.concatenate(ys)
    order = rng.permutation(len(y))
    return x[order].astype(np.float32).astype(np.float64), y[order]


def case(name, x, y, test, **params):
    opts = dict(params)
    clf = SVC(**opts).fit(x, y)
    out = {
        "name": name,
        "options": {k: v for k, v in params.items() if k not in ("decision_function_shape", "random_state")},
        "d": int(x.shape[1]),
        "x": [float(v) for v in x.ravel()],
        "y": [int(v) for v in y],
        "test": [float(v) for v in test.ravel()],
        "classes": [int(c) for c in clf.classes_],
        "support": [int(i) for i in clf.support_],
        "n_support": [int(i) for i in clf.n_support_],
        "dual_coef": [float(v) for v in clf.dual_coef_.ravel()],
        "intercept": [float(v) for v in clf.intercept_],
        "predict": [int(v) for v in clf.predict(test)],
        "decision": [float(v) for v in clf.decision_function(test).ravel()],
    }
    if params.get("probability"):
        out["proba"] = [float(v) for v in clf.predict_proba(test).ravel()]
    if len(clf.classes_) > 2:
        clf.set_params(decision_function_shape="ovo")
        out["decision_ovo"] = [float(v) for v in clf.decision_function(test).ravel()]
    return out


def main():
    rng = np.random.default_rng(20240517)
    cases = []
    x, y = blobs(rng, [40, 25], 2, 1.2)
    # Class 1 first in row order: libsvm must still treat the sorted classes the same way.
    if y[0] != 1:
        first = int(np.argmax(y == 1))
        x[[0, first]] = x[[first, 0]]
        y[[0, first]] = y[[first, 0]]
    test, _ = blobs(rng, [10, 10], 2, 1.5)
    cases.append(case("binary rbf scale C=1", x, y, test))
    cases.append(case("binary rbf scale C=1 tol=1e-7", x, y, test, tol=1e-7))
    cases.append(case("binary linear C=0.5", x, y, test, kernel="linear", C=0.5))
    cases.append(case("binary rbf balanced C=3 no shrinking", x, y, test, C=3.0, class_weight="balanced", shrinking=False))
    x3, y3 = blobs(rng, [30, 20, 12], 3, 1.0)
    t3, _ = blobs(rng, [6, 6, 6], 3, 1.3)
    cases.append(case("3 classes rbf auto C=10", x3, y3, t3, gamma="auto", C=10.0))
    cases.append(case("3 classes linear C=1", x3, y3, t3, kernel="linear"))
    x4, y4 = blobs(rng, [25, 15, 10, 8], 4, 1.1)
    t4, _ = blobs(rng, [5, 5, 5, 5], 4, 1.2)
    cases.append(case("4 classes rbf gamma=0.3 balanced", x4, y4, t4, gamma=0.3, class_weight="balanced"))
    # Platt probabilities come from a random 5-fold split, so tests compare them loosely.
    cases.append(case("binary rbf probability", x, y, test, probability=True, random_state=0))
    cases.append(case("3 classes rbf probability", x3, y3, t3, probability=True, random_state=0))
    # Labels 0 and 2 (class 1 absent): classes_ = [0, 2].
    y_gap = np.where(y == 1, 2, 0)
    cases.append(case("labels 0 and 2", x, y_gap, test, C=2.0))
    doc = {
        "generator": "packages/models/test-fixtures/make-svc-fixtures.py",
        "sklearn": sklearn.__version__,
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "svc-sklearn.json")
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path}: {len(cases)} cases")


if __name__ == "__main__":
    main()
