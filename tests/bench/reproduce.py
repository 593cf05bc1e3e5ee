#!/usr/bin/env python3
"""The FedHDS paper's table on the NI-v1 tasks with stories260K: FedIT, Random, FedHDS-intra, FedHDS (paper mode)
and FedHDS (default), the same seeds for all, N seeds each.

    python3 tests/bench/reproduce.py --cli build/bin/fedpilot-cli --shared ../shared [--seeds 1,2,3] [--rounds 3]
        [--max-samples 80] [--eval-samples 2] [--max-new-tokens 32] [--out DIR] [--workspace DIR]

The setting is tests/bench/bench_federation.py's: every NI-v1 task under <shared>/data is a client (the tasks are
dealt alternately to two sites), every 6th task (sorted by name, the first 8) is held out for zero-shot central
evaluation, k = 0.05 (40 clients: 2 per round; ceil and floor agree). Each seed runs three trials through the
real CLI (`fedpilot-cli run`); the same seed samples the same clients in all of them. The figures come from the
workspaces' CSV export:

  main:      fedit and fedhds with the product's defaults (projected centers, R dbscan's HDBSCAN*, prompt-start
             truncation, 256-token training and 128-token feature windows), evaluated after every round (the loss
             chart);
  baselines: random and fedhds-intra, the same defaults, evaluated after the last round only (evaluation is the
             costly part on 2 cores: NI prompts are ~300-900 tokens);
  paper:     fedhds with the paper's reference behaviour: selection.centers "tsne", selection.hdbscan
             "python-hdbscan", model.truncation "reference" with the model's whole context (512 tokens) as the
             training and feature window, schedule.clients_per_round "floor"; evaluated after every round. Its
             held-out loss is taken under its own window and truncation, so its curve is not like for like with
             FedIT's (FedHDS default's is).

Compared like with like, every run shares the trial-wide settings that are not part of a method: the same sampled
clients, the same held-out samples (evaluation.samples_per_task "fixed", --eval-samples per task: the reference's
max(20, 2 %) would cost minutes per evaluation on 2 cores), and the same Rouge-L, evaluation.rouge "pltrdy" (the
`rouge` 1.0.1 package the reference code calls). partition.min_samples does not apply: one client per task.

Printed: held-out Rouge-L (%, mean +- sd over seeds, after the last round), data fraction (trained / held by the
sampled clients), local-training speedup vs FedIT (FedIT training seconds / the method's, per seed, then the mean),
whole-round speedup vs FedIT with evaluation excluded (round seconds - evaluation seconds), selection bytes per
client-round. Written to --out: table.md, loss_per_round.csv (held-out loss after every round, every seed, FedIT
and both FedHDS modes) and loss_per_round.png (the mean over seeds; needs python3-matplotlib, else skipped with a
note). Exit 0 with the table; 1 when a run fails.
"""

import argparse
import csv
import io
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

METHODS = [  # (label, trial, recorded strategy name)
    ("FedIT", "main", "full"),
    ("Random", "baselines", "random"),
    ("FedHDS-intra", "baselines", "fedhds-intra"),
    ("FedHDS (paper mode)", "paper", "fedhds"),
    ("FedHDS (default)", "main", "fedhds"),
]
TRIALS = {  # strategies and evaluation cadence (0: after the last round only) of each trial
    "main": (["fedit", "fedhds"], 1),
    "baselines": (["random", "fedhds-intra"], 0),
    "paper": (["fedhds"], 1),
}
# The reference's behaviour; its training and feature window is the model's context (stories260K: 512 tokens).
PAPER_OPTIONS = {"selection": {"centers": "tsne", "hdbscan": "python-hdbscan"},
                 "model": {"truncation": "reference", "max_tokens": 512, "feature_tokens": 512},
                 "schedule": {"clients_per_round": "floor"}}


def make_trial(shared, args, seed, mode):
    tasks = sorted((shared / "data" / "natural-instructions-v1" / "tasks").glob("*.json"))
    held = [t.stem for t in tasks[::6]][:8]
    sites = [{"name": "site-a", "data": []}, {"name": "site-b", "data": []}]
    for i, t in enumerate(tasks):
        sites[i % 2]["data"].append(str(t))
    for s in sites:
        s["max_samples_per_client"] = args.max_samples
    trial = {
        "name": f"reproduce {mode} seed={seed}",
        "model": {"path": str(shared / "models" / "stories260K" / "stories260K.bin"), "max_tokens": 256,
                  "feature_tokens": 128},
        "sites": sites,
        "strategies": TRIALS[mode][0],
        "selection": {"min_cluster_size": 5, "server_min_cluster_size": 2},
        "schedule": {"rounds": args.rounds, "participation": 0.05, "learning_rate": 3e-4, "batch_size": 1,
                     "eval_every": TRIALS[mode][1], "seed": seed},
        "evaluation": {"held_out_tasks": held, "samples_per_task": "fixed", "max_samples_per_task": args.eval_samples,
                       "max_new_tokens": args.max_new_tokens, "rouge": "pltrdy",
                       "data": [str(t) for t in tasks if t.stem in held]},
    }
    if mode == "paper":
        for section, values in PAPER_OPTIONS.items():
            trial[section].update(values)
    return trial


def export(cli, workspace, clients):
    cmd = [cli, "runs", "export", "--csv", "-", "--workspace", str(workspace)] + (["--clients"] if clients else [])
    return list(csv.DictReader(io.StringIO(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)))


def figures(rounds, clients, strategy):
    """One run's figures from its rows of the rounds and client-rounds exports."""
    r = [x for x in rounds if x["strategy"] == strategy]
    c = [x for x in clients if x["strategy"] == strategy]
    last = max(r, key=lambda x: int(x["round"]))
    seconds = sum(float(x["seconds"]) for x in r)
    evaluation = sum(float(x["eval_seconds"] or 0) for x in r)
    return {
        "rouge_l": 100 * float(last["rouge_l"]),
        "fraction": 100 * sum(int(x["selected"]) for x in c) / max(1, sum(int(x["available"]) for x in c)),
        "training_seconds": sum(float(x["training_seconds"]) for x in c),
        "round_seconds": seconds - evaluation,
        "selection_bytes": sum(int(x["selection_bytes"]) for x in c) / max(1, len(c)),
        "loss": {int(x["round"]): float(x["eval_loss"]) for x in r if x["eval_loss"]},
    }


def run_seed(args, shared, root, seed):
    """Runs the trials of one seed (--report-only: reads their workspaces); returns {method label: figures}."""
    out = {}
    for mode in TRIALS:
        workspace = root / f"seed{seed}-{mode}"
        if args.report_only:
            rounds, clients = export(args.cli, workspace, False), export(args.cli, workspace, True)
            out.update({label: figures(rounds, clients, strategy) for label, trial, strategy in METHODS if trial == mode})
            continue
        workspace.mkdir(parents=True, exist_ok=True)
        trial_path = workspace / "trial.json"
        trial_path.write_text(json.dumps(make_trial(shared, args, seed, mode), indent=2))
        start = time.monotonic()
        run = subprocess.run([args.cli, "run", str(trial_path), "--workspace", str(workspace)], capture_output=True,
                             text=True)
        print(f"seed {seed} {mode}: {time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)
        if run.returncode != 0:
            print(run.stdout, run.stderr, sep="\n", file=sys.stderr)
            raise RuntimeError(f"fedpilot-cli run failed for seed {seed}, {mode} trial (exit {run.returncode})")
        rounds, clients = export(args.cli, workspace, False), export(args.cli, workspace, True)
        for label, trial, strategy in METHODS:
            if trial == mode:
                out[label] = figures(rounds, clients, strategy)
    return out


def mean_sd(values, digits):
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.{digits}f} ± {sd:.{digits}f}"


def table(results):
    lines = ["| method | held-out Rouge-L (%) | data fraction (%) | local-training speedup vs FedIT | "
             "whole-round speedup vs FedIT (eval. excluded) | selection bytes / client-round |",
             "|---|---|---|---|---|---|"]
    for label, _, _ in METHODS:
        runs = [seed[label] for seed in results]
        fedit = [seed["FedIT"] for seed in results]
        # A seed in which the method trained on nothing has no training speedup to average.
        training = [f["training_seconds"] / r["training_seconds"] for f, r in zip(fedit, runs) if r["training_seconds"]]
        trained = f"{statistics.mean(training):.1f}x" if training else "no training"
        if training and len(training) < len(runs):
            trained += f" ({len(training)} of {len(runs)} seeds trained)"
        whole = [f["round_seconds"] / max(r["round_seconds"], 1e-9) for f, r in zip(fedit, runs)]
        lines.append(f"| {label} | {mean_sd([r['rouge_l'] for r in runs], 2)} | "
                     f"{mean_sd([r['fraction'] for r in runs], 2)} | {trained} | "
                     f"{statistics.mean(whole):.1f}x | {statistics.mean(r['selection_bytes'] for r in runs):.0f} |")
    return "\n".join(lines)


def write_losses(results, seeds, out):
    labels = ["FedIT", "FedHDS (default)", "FedHDS (paper mode)"]
    rows = []
    for seed, result in zip(seeds, results):
        for label in labels:
            for rnd, loss in sorted(result[label]["loss"].items()):
                rows.append({"method": label, "seed": seed, "round": rnd, "held_out_loss": loss})
    with open(out / "loss_per_round.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["method", "seed", "round", "held_out_loss"])
        writer.writeheader()
        writer.writerows(rows)
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "loss_per_round.png skipped: no matplotlib (Debian: python3-matplotlib)"
    fig, ax = plt.subplots(figsize=(5, 3.2), dpi=100)
    for label in labels:
        by_round = {}
        for r in rows:
            if r["method"] == label:
                by_round.setdefault(r["round"], []).append(r["held_out_loss"])
        xs = sorted(by_round)
        ax.plot(xs, [statistics.mean(by_round[x]) for x in xs], marker="o", label=label)
    ax.set_xlabel("round")
    ax.set_ylabel(f"held-out loss (mean of {len(seeds)} seeds)")
    ax.set_xticks(sorted({r["round"] for r in rows}))
    ax.set_title("stories260K on NI-v1, held-out tasks", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "loss_per_round.png")
    return "loss_per_round.png written"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--shared", default=os.environ.get("FP_SHARED_DIR", "../shared"))
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--max-samples", type=int, default=80, help="samples per client (task) at most")
    parser.add_argument("--eval-samples", type=int, default=2, help="held-out samples per held-out task")
    parser.add_argument("--max-new-tokens", type=int, default=32)
    parser.add_argument("--out", default=".", help="folder for table.md, loss_per_round.csv and .png")
    parser.add_argument("--workspace", help="folder for the workspaces (default: a new temporary one)")
    parser.add_argument("--report-only", action="store_true",
                        help="no runs: the table and chart from the workspaces of an earlier run in --workspace")
    args = parser.parse_args()
    shared = pathlib.Path(args.shared).resolve()
    if not (shared / "models" / "stories260K" / "stories260K.bin").exists():
        print(f"reproduce: no stories260K under {shared}; skipped")
        return 77
    seeds = [int(s) for s in args.seeds.split(",")]
    if args.report_only and not args.workspace:
        parser.error("--report-only needs --workspace")
    root = pathlib.Path(args.workspace or tempfile.mkdtemp(prefix="fp-reproduce-"))
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    try:
        results = [run_seed(args, shared, root, seed) for seed in seeds]
    except RuntimeError as e:
        print(f"reproduce: {e}", file=sys.stderr)
        return 1
    text = table(results)
    note = write_losses(results, seeds, out)
    setting = (f"stories260K, NI-v1 tasks of {shared}: 40 task clients on 2 sites, 8 held-out tasks, k = 0.05, "
               f"{args.rounds} rounds, clients capped at {args.max_samples} samples, seeds {args.seeds}; "
               f"evaluation: {args.eval_samples} samples per held-out task, {args.max_new_tokens} new tokens, "
               f"Rouge-L as pltrdy `rouge` 1.0.1 for every method"
               + ("" if args.report_only else f"; {time.monotonic() - start:.0f} s"))
    (out / "table.md").write_text(text + "\n\n" + setting + "\n")
    print(text, setting, note, f"workspaces: {root}", sep="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
