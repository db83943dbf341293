"""imbalanced-learn's SMOTE on rows written by bench/versus-imblearn.mjs: the peer of that script.

    /usr/bin/python3 bench/imblearn_smote.py X.f32 Y.i32 D K RUNS

X.f32 holds the rows (float32, little-endian, row-major, D values each), Y.i32 the labels (int32).
Runs SMOTE(k_neighbors=K, random_state=0).fit_resample once to warm up, then RUNS times, and
prints one JSON line: wall and CPU seconds of each run, rows out, peak RSS (MiB) and versions.
"""
import json
import resource
import sys
import time

import numpy as np
import imblearn
import sklearn
from imblearn.over_sampling import SMOTE


def main():
    x_path, y_path, d, k, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    x = np.fromfile(x_path, dtype="<f4").reshape(-1, d)
    y = np.fromfile(y_path, dtype="<i4")
    rows = 0
    wall, cpu = [], []
    for r in range(runs + 1):
        c0, t0 = time.process_time(), time.perf_counter()
        xr, _ = SMOTE(k_neighbors=k, random_state=0).fit_resample(x, y)
        if r > 0:  # the first run warms up
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        rows = xr.shape[0]
    print(json.dumps({
        "wall": wall,
        "cpu": cpu,
        "rows": rows,
        "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "version": f"imbalanced-learn {imblearn.__version__}, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
    }))


if __name__ == "__main__":
    main()
