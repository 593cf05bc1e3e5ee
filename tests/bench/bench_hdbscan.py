#!/usr/bin/env python3
"""HDBSCAN speed report: fedpilot's fp::engine::hdbscan (fp_bench_hdbscan) against R's dbscan::hdbscan
on the same 2-D points (a temporary CSV), in one run, plus a check that both give the same labels.

Data: FedHDS-like t-SNE output stand-in: 12 Gaussian blobs of different spread and 10% uniform noise,
seeded. Only the hdbscan() call is timed on both sides (best of --reps; R: system.time elapsed).

R's dbscan 1.1-11 builds the full n x n mutual reachability matrix twice (dist + mrd, 8 bytes per pair
each: ~20 GB at n = 50,000) and indexes it with 32-bit ints (its prims() overflows past n = 46,340), so
R is run only where it can be; for larger n the R column shows an O(n^2) extrapolation from the largest
size R did run, marked "est.".

It is a report: exit 0 whatever the ratios; 1 on a crash or a label mismatch; 77 (CTest's skip) when
Rscript with the dbscan package is missing.

  bench_hdbscan.py --bench build/tests/fp_bench_hdbscan [--sizes 5000,20000,50000] [--min-pts 5]
                   [--reps 3] [--seed 1] [--json FILE]
"""
import argparse
import json
import math
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
R_INT_LIMIT = 46340  # largest n whose n * n stays below 2^31 (R dbscan 1.1-11 prims() index arithmetic)

R_SCRIPT = r"""
suppressMessages(library(dbscan))
a <- commandArgs(TRUE)
x <- as.matrix(read.csv(a[1]))
best <- Inf
for (i in seq_len(as.integer(a[3]))) {
  t <- system.time(r <- hdbscan(x, minPts = as.integer(a[2])))[["elapsed"]]
  best <- min(best, t)
}
write.csv(data.frame(cluster = r$cluster, prob = sprintf("%.17g", r$membership_prob)), a[4],
          row.names = FALSE, quote = FALSE)
cat(sprintf("R_SECONDS %.6f\n", best))
"""


def make_points(n, seed):
    rng = random.Random(seed)
    blobs = [(rng.uniform(-50, 50), rng.uniform(-50, 50), rng.uniform(0.5, 4.0)) for _ in range(12)]
    points = []
    for i in range(n):
        if i < n // 10:
            points.append((rng.uniform(-60, 60), rng.uniform(-60, 60)))
        else:
            cx, cy, sd = blobs[rng.randrange(len(blobs))]
            points.append((rng.gauss(cx, sd), rng.gauss(cy, sd)))
    return points


# Integer coordinates (micro-units): both parsers read them exactly, so both sides cluster the same
# doubles (R's read.csv is not correctly rounded on 17-digit decimals; labels would still agree, but
# probabilities would differ in the last bits).
def write_csv(path, points):
    with open(path, "w") as f:
        f.write("x,y\n")
        for x, y in points:
            f.write(f"{round(x * 1e6)},{round(y * 1e6)}\n")


def available_bytes():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


def r_memory_need(n):
    return int(2.5 * n * (n - 1) / 2 * 8)  # dist + mrd + slack


def r_available():
    if not shutil.which("Rscript"):
        return False
    probe = subprocess.run(["Rscript", "-e", "library(dbscan)"], capture_output=True)
    return probe.returncode == 0


def run_ours(bench, csv, min_pts, reps, labels):
    out = subprocess.run([bench, "--points", csv, "--min-pts", str(min_pts), "--reps", str(reps), "--labels", labels],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"fp_bench_hdbscan failed: {out.stderr.strip()}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_r(csv, min_pts, reps, labels, limit):
    def cap_memory():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    out = subprocess.run(["Rscript", "-e", R_SCRIPT, csv, str(min_pts), str(reps), labels], capture_output=True,
                         text=True, preexec_fn=cap_memory)
    for line in out.stdout.splitlines():
        if line.startswith("R_SECONDS"):
            return float(line.split()[1]), None
    return None, (out.stderr.strip().splitlines() or ["no output"])[-1]


def read_labels(path):
    with open(path) as f:
        next(f)
        rows = [line.strip().split(",") for line in f if line.strip()]
    return [int(r[0]) for r in rows], [float(r[1]) for r in rows]


def compare(ours_path, r_path):
    ours, p_ours = read_labels(ours_path)
    theirs, p_r = read_labels(r_path)
    if len(ours) != len(theirs):
        return False, float("inf")
    same = ours == theirs
    diff = max((abs(a - (1.0 if math.isnan(b) else b)) for a, b, c in zip(p_ours, p_r, theirs) if c != 0),
               default=0.0)
    return same, diff


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", required=True, help="path to fp_bench_hdbscan")
    ap.add_argument("--sizes", default="5000,20000,50000")
    ap.add_argument("--min-pts", type=int, default=5)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", help="also write the rows here")
    args = ap.parse_args()
    if not r_available():
        print("bench_hdbscan: Rscript with the dbscan package not found (apt install r-cran-dbscan): skipped")
        return SKIP

    rows, mismatch, r_ref = [], False, None
    with tempfile.TemporaryDirectory(prefix="fp_bench_hdbscan_") as tmp:
        for n in [int(s) for s in args.sizes.split(",")]:
            csv = os.path.join(tmp, f"points{n}.csv")
            write_csv(csv, make_points(n, args.seed + n))
            ours = run_ours(args.bench, csv, args.min_pts, args.reps, os.path.join(tmp, "ours.csv"))
            row = {"n": n, "ours_s": ours["seconds"], "clusters": ours["clusters"], "noise": ours["noise"]}
            need, have = r_memory_need(n), available_bytes()
            if n > R_INT_LIMIT or need > 0.8 * have:
                why = f"n > {R_INT_LIMIT} (int index overflow)" if n > R_INT_LIMIT else "not enough memory"
                row["r_note"] = f"R not run: {why}; needs ~{need / 2**30:.0f} GiB, {have / 2**30:.0f} GiB available"
                if r_ref:
                    row["r_s_est"] = r_ref[1] * (n / r_ref[0]) ** 2
            else:
                r_s, err = run_r(csv, args.min_pts, 1 if n > 10000 else args.reps, os.path.join(tmp, "r.csv"),
                                 int(0.8 * have))
                if r_s is None:
                    row["r_note"] = f"R failed: {err}"
                else:
                    row["r_s"] = r_s
                    r_ref = (n, r_s)
                    row["labels_equal"], row["max_prob_diff"] = compare(os.path.join(tmp, "ours.csv"),
                                                                        os.path.join(tmp, "r.csv"))
                    mismatch |= not row["labels_equal"] or row["max_prob_diff"] > 1e-6
            rows.append(row)
            print_row(row, args.min_pts)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    return 1 if mismatch else 0


def print_row(row, min_pts):
    if not hasattr(print_row, "header"):
        print_row.header = True
        print(f"HDBSCAN, 2-D, minPts {min_pts}: fedpilot vs R dbscan::hdbscan (seconds; ratio = R / ours)")
        print(f"{'n':>7} {'ours':>9} {'R':>12} {'ratio':>10}  {'clusters':>8} {'noise':>6}  agreement")
    if "r_s" in row:
        r, ratio = f"{row['r_s']:.3f}", f"{row['r_s'] / row['ours_s']:.0f}x"
        agree = f"labels {'identical' if row['labels_equal'] else 'DIFFER'}, max prob diff {row['max_prob_diff']:.1e}"
    elif "r_s_est" in row:
        r, ratio = f"~{row['r_s_est']:.0f} est.", f"~{row['r_s_est'] / row['ours_s']:.0f}x est."
        agree = row["r_note"]
    else:
        r, ratio, agree = "-", "-", row["r_note"]
    print(f"{row['n']:>7} {row['ours_s']:>9.3f} {r:>12} {ratio:>10}  {row['clusters']:>8} {row['noise']:>6}  {agree}",
          flush=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as e:
        print(f"bench_hdbscan: {e}", file=sys.stderr)
        sys.exit(1)
