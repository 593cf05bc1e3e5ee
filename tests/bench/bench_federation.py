#!/usr/bin/env python3
"""FedHDS vs FedIT on the NI-v1 setting with stories260K: the figures the FedHDS paper reports, measured.

    python3 tests/bench/bench_federation.py --cli build/bin/fedpilot-cli --shared ../shared
        [--rounds 5] [--participation 0.05] [--max-samples 400] [--clients 0] [--held-out 8]
        [--threads 0] [--workspace DIR] [--strategies fedhds,fedit]

The trial: every Natural Instructions v1 task in <shared>/data is a client (or, with --clients N, each site's data is
split IID into N/2 clients: --clients 738 synthesizes the paper's NI client count); the tasks are dealt alternately
to two sites; the first
--held-out tasks (sorted by name, every 6th) are held out for zero-shot evaluation. Both strategies run under the
same seed, schedule and sampled clients. --max-samples caps each client (FedIT on a 6500-sample task would take an
hour per round on 2 cores; the cap is printed with the results).

Reported (from the workspace's CSV export, i.e. what the product recorded):
  - local training speedup: FedIT training seconds / FedHDS training seconds (summed over clients and rounds);
  - whole-round speedup: FedIT round seconds / FedHDS round seconds, evaluation excluded as in the paper (it is
    the same for every strategy): feature extraction, clustering, selection, training and aggregation
    (round_seconds - eval_seconds of the rounds export); round_speedup_with_eval keeps evaluation in;
  - data fraction used by each strategy (selected / available);
  - central Rouge-L (%) of both after the last round, on the held-out tasks;
  - extra bytes per client per round that selection costs (FedHDS centers up + chosen ids down);
  - peak RSS of the fedpilot-cli process.
A report: exit 0 whatever the figures; 1 when the CLI fails.
"""

import argparse
import csv
import io
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time


def make_trial(shared, args, path):
    tasks = sorted((shared / "data" / "natural-instructions-v1" / "tasks").glob("*.json"))
    held = [t.stem for t in tasks[::6]][: args.held_out]
    sites = [{"name": "site-a", "data": []}, {"name": "site-b", "data": []}]
    for i, t in enumerate(tasks):
        sites[i % 2]["data"].append(str(t))
    for s in sites:
        s["max_samples_per_client"] = args.max_samples
        s["cost"] = {"compute_per_hour": 2.5, "transfer_per_gb": 0.1}
        if args.clients > 0:
            s["partition"] = {"scheme": "iid", "clients": args.clients // 2 + (args.clients % 2 if s["name"] == "site-a" else 0)}
    trial = {
        "name": f"bench NI-v1 k={args.participation} cap={args.max_samples}",
        "model": {"path": str(shared / "models" / "stories260K" / "stories260K.bin"), "max_tokens": 256,
                  "feature_tokens": 128},
        "sites": sites,
        "strategies": args.strategies.split(","),
        "selection": {"min_cluster_size": 5, "server_min_cluster_size": 2},
        "schedule": {"rounds": args.rounds, "participation": args.participation, "learning_rate": 3e-4,
                     "batch_size": 1, "eval_every": args.rounds, "seed": args.seed},
        "evaluation": {"held_out_tasks": held, "max_samples_per_task": 10, "max_new_tokens": 64,
                       "data": [str(t) for t in tasks if t.stem in held]},
    }
    path.write_text(json.dumps(trial, indent=2))
    return trial


def export(cli, workspace, clients):
    cmd = [cli, "runs", "export", "--csv", "-", "--workspace", workspace] + (["--clients"] if clients else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def total(rows, strategy, field):
    return sum(float(r[field] or 0) for r in rows if r["strategy"] == strategy)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--shared", default=os.environ.get("FP_SHARED_DIR", "../shared"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--participation", type=float, default=0.05)
    parser.add_argument("--max-samples", type=int, default=400)
    parser.add_argument("--clients", type=int, default=0)
    parser.add_argument("--held-out", type=int, default=8)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--strategies", default="fedhds,fedit")
    parser.add_argument("--workspace")
    args = parser.parse_args()
    shared = pathlib.Path(args.shared).resolve()
    if not (shared / "models" / "stories260K" / "stories260K.bin").exists():
        print(f"bench_federation: no stories260K under {shared}; skipped")
        return 77
    workspace = args.workspace or tempfile.mkdtemp(prefix="fp-bench-fed-")
    trial_path = pathlib.Path(workspace) / "trial.json"
    pathlib.Path(workspace).mkdir(parents=True, exist_ok=True)
    trial = make_trial(shared, args, trial_path)
    cmd = [args.cli, "run", str(trial_path), "--workspace", workspace]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    start = time.monotonic()
    run = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.monotonic() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    if run.returncode != 0:
        print(run.stdout, run.stderr, sep="\n")
        return 1
    print(run.stdout)
    clients = export(args.cli, workspace, True)
    rounds = export(args.cli, workspace, False)
    # The workspace stores canonical names ("fedit" is recorded as "full").
    strategies = ["full" if s == "fedit" else s for s in trial["strategies"]]
    result = {"trial": trial["name"], "wall_seconds": round(wall, 1), "peak_rss_mb": round(peak_mb, 1),
              "workspace": workspace}
    for s in strategies:
        rows = [r for r in clients if r["strategy"] == s]
        last = max(int(r["round"]) for r in rounds if r["strategy"] == s)
        rouge = [r["rouge_l"] for r in rounds if r["strategy"] == s and int(r["round"]) == last]
        result[s] = {
            "training_seconds": round(total(clients, s, "training_seconds"), 2),
            "round_seconds": round(total(rounds, s, "seconds") - total(rounds, s, "eval_seconds"), 2),
            "eval_seconds": round(total(rounds, s, "eval_seconds"), 2),
            "feature_seconds": round(total(clients, s, "feature_seconds"), 2),
            "selection_seconds": round(total(clients, s, "selection_seconds"), 2),
            "data_fraction_percent": round(100 * total(clients, s, "selected") / max(1, total(clients, s, "available")), 3),
            "rouge_l_percent": round(100 * float(rouge[0]), 2) if rouge and rouge[0] else None,
            "selection_bytes_per_client_round": round(total(clients, s, "selection_bytes") / max(1, len(rows)), 1),
            "client_rounds": len(rows),
        }
    if "fedhds" in strategies and "full" in strategies:
        full = result["full"]
        hds = result["fedhds"]
        result["training_speedup"] = round(full["training_seconds"] / max(hds["training_seconds"], 1e-9), 1)
        result["round_speedup"] = round(full["round_seconds"] / max(hds["round_seconds"], 1e-9), 1)
        with_eval = [x["round_seconds"] + x["eval_seconds"] for x in (full, hds)]
        result["round_speedup_with_eval"] = round(with_eval[0] / max(with_eval[1], 1e-9), 1)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
