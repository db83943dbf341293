"""Wilcoxon signed-rank tests over tables for a `measure.mjs --json` result of @oversample/autosmote.

Each method's per-table mean (over folds) of minority F1, G-mean and balanced accuracy is paired
with the baseline's (default `smote+mlp`); scipy's two-sided test (zero differences dropped,
`zero_method='wilcox'`), and its cost as total fit+predict seconds relative to the baseline.
Run with the Python peer: /usr/bin/python3 docs/research/wilcoxon.py RESULT.json [BASELINE]
"""
import json
import sys

from scipy.stats import wilcoxon

result = json.load(open(sys.argv[1]))
baseline = sys.argv[2] if len(sys.argv) > 2 else "smote+mlp"
tables = result["tables"]
mean = lambda xs: sum(xs) / len(xs)
per_table = {
    m: {k: [mean(result["results"][t][m][k]) for t in tables] for k in ("f1", "gmean", "bacc")}
    for m in result["methods"]
}
print(f"{len(tables)} tables; baseline {baseline}; load at the end {result['load'][0]:.0f}")
print("| method | F1 | G-mean | bal. acc. | wins/ties/losses F1 vs baseline | p (F1) | p (G-mean) | p (bal. acc.) | seconds | cost vs baseline |")
print("|---|---|---|---|---|---|---|---|---|---|")
for m in result["methods"]:
    row = per_table[m]
    base = per_table[baseline]
    cells = []
    for k in ("f1", "gmean", "bacc"):
        cells.append(f"{mean(row[k]):.4f}")
    diffs = [a - b for a, b in zip(row["f1"], base["f1"])]
    wtl = f"{sum(d > 1e-12 for d in diffs)}/{sum(abs(d) <= 1e-12 for d in diffs)}/{sum(d < -1e-12 for d in diffs)}"
    ps = []
    for k in ("f1", "gmean", "bacc"):
        d = [a - b for a, b in zip(row[k], base[k])]
        ps.append("-" if m == baseline or all(abs(x) <= 1e-12 for x in d) else f"{wilcoxon(row[k], base[k]).pvalue:.3f}")
    secs = result["seconds"][m]
    print(f"| {m} | {' | '.join(cells)} | {wtl} | {' | '.join(ps)} | {secs:.0f} | {secs / result['seconds'][baseline]:.1f}x |")
