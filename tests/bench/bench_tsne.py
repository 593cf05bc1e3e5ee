#!/usr/bin/env python3
"""Times the engine's t-SNE (fp_bench_tsne) against scikit-learn's TSNE on the same points.

    python3 tests/bench/bench_tsne.py --binary build/tests/fp_bench_tsne [--sizes 1000,5000] [--dim 384]
                                      [--threads 1,K] [--seed 0]

Data: Gaussian clusters (sklearn make_blobs, 10 centres) of dimension 384 = 6 x 64, the feature size of
FedHDS on a 6-layer, 64-wide model. Both sides run once per size and thread count, with the same number
of threads (default: 1, then all the cores this process may use; sklearn's OpenMP and BLAS pools are
limited to it through threadpoolctl) and their defaults: perplexity 30, PCA init, learning rate auto,
1000 iterations, Barnes-Hut with theta 0.5 (the engine's Method::Auto picks Barnes-Hut from
kTsneExactLimit = 500 points on).
Trustworthiness (k = 10) of both embeddings is computed by sklearn.manifold.trustworthiness.
Prints one JSON line per size, then a table; speed-up = sklearn seconds / ours.

It is a report: exit 0 whatever the ratios; 1 on a crash; 77 (CTest's skip) when no Python with numpy,
scikit-learn and threadpoolctl is found (it tries this interpreter, then /usr/bin/python3, where Debian's
python3-sklearn lives, re-running itself there).
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
SYSTEM_PYTHON = "/usr/bin/python3"

try:
    import numpy as np
    from sklearn.datasets import make_blobs
    from sklearn.manifold import TSNE, trustworthiness
    from threadpoolctl import threadpool_limits
except ImportError as missing:
    if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and os.path.exists(SYSTEM_PYTHON):
        probe = subprocess.run([SYSTEM_PYTHON, "-c", "import numpy, sklearn, threadpoolctl"], capture_output=True)
        if probe.returncode == 0:
            os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])
    print(f"bench_tsne: skipped, {missing} (Debian: apt-get install python3-sklearn)", file=sys.stderr)
    sys.exit(SKIP)


def default_binary():
    for candidate in (os.environ.get("FP_BUILD_DIR", ""), "build", "build-bench"):
        path = pathlib.Path(candidate or ".") / "tests" / "fp_bench_tsne"
        if path.exists():
            return str(path)
    return "fp_bench_tsne"


def run_ours(binary, points, threads, workdir):
    data = pathlib.Path(workdir) / "points.f64"
    out = pathlib.Path(workdir) / "embedding.f64"
    points.astype("<f8").tofile(data)
    command = [binary, "--input", str(data), "--dim", str(points.shape[1]), "--threads", str(threads),
               "--output", str(out)]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return report, np.fromfile(out, dtype="<f8").reshape(-1, 2)


def run_sklearn(points, threads, seed):
    with threadpool_limits(limits=threads):
        start = time.perf_counter()
        model = TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto", random_state=seed,
                     n_jobs=threads)
        embedding = model.fit_transform(points)
        return time.perf_counter() - start, model, embedding


def measure(binary, points, threads, seed, workdir):
    ours, our_embedding = run_ours(binary, points, threads, workdir)
    sk_seconds, model, sk_embedding = run_sklearn(points, threads, seed)
    return {
        "n": points.shape[0], "dim": points.shape[1], "threads": threads, "method": ours["method"],
        "ours_seconds": round(ours["seconds"], 3), "sklearn_seconds": round(sk_seconds, 3),
        "speedup": round(sk_seconds / ours["seconds"], 2),
        "ours_trustworthiness": round(float(trustworthiness(points, our_embedding, n_neighbors=10)), 4),
        "sklearn_trustworthiness": round(float(trustworthiness(points, sk_embedding, n_neighbors=10)), 4),
        "ours_kl": round(ours["kl"], 4), "sklearn_kl": round(float(model.kl_divergence_), 4),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=default_binary())
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--threads", default=f"1,{len(os.sched_getaffinity(0))}",
                        help="comma-separated thread counts, each run on both sides")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    if not shutil.which(args.binary) and not os.path.exists(args.binary):
        print(f"bench_tsne: no fp_bench_tsne at {args.binary} (give --binary)", file=sys.stderr)
        return 1
    rows = []
    with tempfile.TemporaryDirectory() as workdir:
        for n in (int(size) for size in args.sizes.split(",")):
            points, _ = make_blobs(n_samples=n, n_features=args.dim, centers=10, cluster_std=4.0,
                                   center_box=(-4.0, 4.0), random_state=args.seed)
            for threads in sorted({int(t) for t in args.threads.split(",")}):
                row = measure(args.binary, points, threads, args.seed, workdir)
                print(json.dumps(row), flush=True)
                rows.append(row)

    print(f"\nt-SNE, dim {args.dim}, sklearn {__import__('sklearn').__version__}")
    print(f"{'n':>6} {'threads':>7} {'method':>10} {'ours s':>8} {'sklearn s':>10} {'speed-up':>9} "
          f"{'trust ours':>11} {'trust sk':>9} {'KL ours':>8} {'KL sk':>7}")
    for r in rows:
        print(f"{r['n']:>6} {r['threads']:>7} {r['method']:>10} {r['ours_seconds']:>8.2f} "
              f"{r['sklearn_seconds']:>10.2f} {r['speedup']:>8.1f}x {r['ours_trustworthiness']:>11.4f} "
              f"{r['sklearn_trustworthiness']:>9.4f} {r['ours_kl']:>8.3f} {r['sklearn_kl']:>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
