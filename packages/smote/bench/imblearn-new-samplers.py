"""imbalanced-learn's side of bench/new-samplers.mjs: times fit_resample on the tables that script
generated: arguments are the path of its tables JSON, a sampler name and a table name; prints the
median wall and CPU seconds (time.process_time: the process, every thread) and the output rows as
JSON. Not meant to be run by hand."""
import json
import warnings
import platform
import sys
import time

import imblearn
import numpy as np
import sklearn
from imblearn.combine import SMOTEENN, SMOTETomek
from imblearn.over_sampling import SMOTEN, SVMSMOTE, KMeansSMOTE
from imblearn.under_sampling import EditedNearestNeighbours, TomekLinks

MAKE = {
    "SMOTEN": lambda: SMOTEN(random_state=0),
    "KMeansSMOTE": lambda: KMeansSMOTE(random_state=0),
    "SVMSMOTE": lambda: SVMSMOTE(random_state=0),
    "TomekLinks": lambda: TomekLinks(),
    "EditedNearestNeighbours": lambda: EditedNearestNeighbours(),
    "SMOTEENN": lambda: SMOTEENN(random_state=0),
    "SMOTETomek": lambda: SMOTETomek(random_state=0),
}


def main():
    # scikit-learn 1.2 warns that MiniBatchKMeans' n_init default will change; the run is the same.
    warnings.simplefilter("ignore", FutureWarning)
    path, sampler, table = sys.argv[1:4]
    with open(path) as f:
        doc = json.load(f)
    t = doc["tables"][table]
    x = np.asarray(t["x"], dtype=np.float32).astype(np.float64).reshape(-1, t["d"])
    y = np.asarray(t["y"])
    make = MAKE[sampler]
    make().fit_resample(x, y)  # warm-up, as the JavaScript side does
    wall = []
    cpu = []
    rows = 0
    for _ in range(doc["runs"]):
        c0 = time.process_time()
        t0 = time.perf_counter()
        _, yr = make().fit_resample(x, y)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        rows = len(yr)
    version = f"imbalanced-learn {imblearn.__version__}, scikit-learn {sklearn.__version__}, Python {platform.python_version()}"
    json.dump({"seconds": float(np.median(wall)), "cpu": float(np.median(cpu)), "rows": rows, "version": version}, sys.stdout)


if __name__ == "__main__":
    main()
