#!/usr/bin/env python3
"""Engine speed report: fedpilot's engine (fp_bench_engine) against the same work in plain PyTorch
(llama_peer.py; Debian's python3-torch uses the same LibTorch 1.13.1), on the same inputs, in one run.

Cases (each run alternately by both implementations, best of --reps repetitions):
  * LoRA training tokens/s on stories260K           target: >= 2x PyTorch
  * LoRA training tokens/s on a random ~20M Llama   target: >= 1x PyTorch
      (dim 384, 6 layers, 6 heads, hidden 1024, vocab 32000 tied, seq 256)
    plus that step's achieved FLOP/s as a fraction of the measured 1024^3 fp32 matmul rate
  * greedy KV-cache generation tokens/s on stories260K, one stream      target: >= 2,000 tokens/s
  * feature extraction samples/s on stories260K over a real NI-v1 task  (a ratio, no target)
      (the product's feature sequences: every sample of --task, BOS + its last --feature-tokens - 1 tokens,
       all-layer last-token states in batches of 16; the engine writes the sequences, the peer reads them)
and two correctness checks: greedy decoding from BOS (40 tokens) must give the same ids in both, and the
feature rows of every sample must agree (max abs difference <= 1e-3 x the largest feature magnitude).

It is a report: missed targets still exit 0. Exit 1 on a crash, a token mismatch or a feature mismatch,
77 (CTest's skip) when no Python with torch + numpy or no stories260K is found. Without the task file the
feature case is skipped (said so in the output).

  bench_engine.py --engine build/tests/fp_bench_engine [--threads K] [--reps N] [--wait-policy PASSIVE]
                  [--task FILE] [--feature-tokens 128] [--quick] [--json FILE]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77
RANDOM_20M = "dim=384,layers=6,heads=6,kv=6,hidden=1024,vocab=32000,seq=256"
LORA_RANK = 8
CHECK_TOKENS = 40
NI_TASK = os.path.join("data", "natural-instructions-v1", "tasks",
                       "subtask003_mctaco_question_generation_event_duration.json")
FEATURE_TOLERANCE = 1e-3  # max abs difference, relative to the largest feature magnitude


class BenchError(Exception):
    pass


def find_python(explicit):
    candidates = [explicit] if explicit else [sys.executable, "/usr/bin/python3", shutil.which("python3")]
    for exe in candidates:
        if exe and os.path.exists(exe):
            probe = subprocess.run([exe, "-c", "import torch, numpy"], capture_output=True)
            if probe.returncode == 0:
                return exe
    return None


def find_model(shared):
    roots = [shared] if shared else []
    roots += [os.environ.get("FP_SHARED_DIR", ""), os.path.join(HERE, "..", "..", "..", "shared")]
    for root in roots:
        path = os.path.join(root, "models", "stories260K", "stories260K.bin") if root else ""
        if path and os.path.exists(path):
            return os.path.abspath(path)
    return None


def find_task(explicit, model):
    """--task, else the NI-v1 task in the shared folder that holds the model (shared/models/stories260K/...)."""
    path = explicit or os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(model))), NI_TASK)
    return os.path.abspath(path) if os.path.exists(path) else None


def run_json(command, threads, wait_policy):
    """Runs one benchmark process and returns its JSON line.

    Both implementations get the same OpenMP (ATen) and OpenBLAS thread counts: torch.set_num_threads does
    not reach OpenBLAS's own pool, which otherwise uses every core and spins next to ATen's threads."""
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    if wait_policy:
        env["OMP_WAIT_POLICY"] = wait_policy
    proc = subprocess.run(command, capture_output=True, text=True, env=env)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise BenchError("%s failed (exit %d):\n%s" % (" ".join(command), proc.returncode, proc.stderr[-2000:]))
    return json.loads(lines[-1])


class Runner:
    def __init__(self, args, python):
        self.args, self.python = args, python
        self.impls = {"fedpilot": [args.engine], "pytorch": [python, os.path.join(HERE, "llama_peer.py")]}

    def once(self, impl, flags):
        return run_json(self.impls[impl] + flags + ["--threads", str(self.args.threads)], self.args.threads,
                        self.args.wait_policy)

    def best(self, flags, reps, key="tokens_per_s", impls=("fedpilot", "pytorch"), own_flags=None):
        """Alternates the implementations (who goes first alternates too); keeps each one's best run.
        own_flags: extra flags per implementation ({impl: [...]})."""
        best = {}
        for rep in range(reps):
            for impl in impls if rep % 2 == 0 else impls[::-1]:
                result = self.once(impl, flags + (own_flags or {}).get(impl, []))
                if impl not in best or result[key] > best[impl][key]:
                    best[impl] = result
        return best


def train_flops(dim, layers, heads, kv_heads, hidden, vocab, batch, seq, head_rows, attention="full",
                rank=LORA_RANK):
    """FLOPs one LoRA training step COMPUTES, counting each multiply-add as 2 and only the matrix products.

    N = batch * seq tokens; kvD = kv_heads * dim / heads; R = head_rows, the positions the LM head runs on (both
    implementations compute it only on rows whose next token carries a label: batch * seq / 2 here).
    P_mm   = layers * (D*D [q] + 2*D*kvD [k, v] + D*D [o] + 3*D*H [gate, up, down])
    P_lora = layers * rank * ((D+D) + 2*(D+kvD) + (D+D) + 2*(D+H) + (H+D))      (A and B of 7 adapters)
    S      = seq^2 ("full": the whole square, masked afterwards) or seq*(seq+1)/2 ("causal": the engine's
             causal-half kernel, used for head sizes up to 32; the 20M config has head size 64, so both compute
             the full square there)
    forward  = 2*N*P_mm + 2*R*V*D [lm_head] + 2*N*P_lora + 4*batch*S*D*layers
    backward = 2*N*P_mm + 2*R*V*D       frozen base and head: input gradients only
             + 4*N*P_lora               LoRA: input gradients and weight gradients of A and B
             + 8*batch*S*D*layers       attention: two products per forward product
    The embedding lookup, norms, RoPE, softmax, SiLU and Adam are not counted (element-wise, < 2%).
    Layer 0 needs no input gradient for q/k/v (the embedding is frozen), which we still count: ~0.3%.
    """
    kv_dim = kv_heads * dim // heads
    p_mm = layers * (2 * dim * dim + 2 * dim * kv_dim + 3 * dim * hidden)
    p_lora = layers * rank * (2 * dim + 2 * (dim + kv_dim) + 2 * dim + 2 * (dim + hidden) + (hidden + dim))
    n = batch * seq
    square = seq * seq if attention == "full" else seq * (seq + 1) // 2
    attention_flops = 4 * batch * square * dim * layers
    head = 2 * head_rows * vocab * dim
    forward = 2 * n * p_mm + head + 2 * n * p_lora + attention_flops
    backward = 2 * n * p_mm + head + 4 * n * p_lora + 2 * attention_flops
    return forward + backward


def parse_random(spec):
    f = {k: int(v) for k, v in (item.split("=") for item in spec.split(","))}
    return dict(dim=f["dim"], layers=f["layers"], heads=f["heads"], kv_heads=f.get("kv", f["heads"]),
                hidden=f["hidden"], vocab=f["vocab"])


def check_tokens(runner, model):
    """Greedy ids from BOS: the engine's CPU decoder and its LibTorch path must both match PyTorch."""
    flags = ["--mode", "generate", "--model", model, "--new-tokens", str(CHECK_TOKENS), "--steps", "1",
             "--warmup", "0"]
    theirs = runner.once("pytorch", flags)["token_ids"][:CHECK_TOKENS]
    same = True
    for backend in ("auto", "torch"):
        ours = runner.once("fedpilot", flags + ["--backend", backend])["token_ids"][:CHECK_TOKENS]
        print("greedy check (%d tokens from BOS, engine backend %s): %s" % (
            CHECK_TOKENS, backend, "same ids as PyTorch" if ours == theirs else "MISMATCH"))
        if ours != theirs:
            print("  fedpilot:", ours)
            print("  pytorch: ", theirs)
            same = False
    return same


def feature_flags(model, args, steps, warmup):
    return ["--mode", "features", "--model", model, "--feature-tokens", str(args.feature_tokens), "--steps",
            str(steps), "--warmup", str(warmup)]


def feature_sources(args):
    """The engine reads the task (and builds the product's sequences); the peer reads the sequences it wrote."""
    return {"fedpilot": ["--data", args.task], "pytorch": ["--sequences", args.sequences]}


def check_features(runner, model, args):
    """Every sample's feature row from the engine against PyTorch's, on the engine's own token sequences.
    Plain Python (the harness itself may run without numpy)."""
    flags = feature_flags(model, args, 1, 0) + ["--check-rows", "-1"]
    ours = runner.once("fedpilot", flags + ["--data", args.task, "--sequences-out", args.sequences])
    theirs = runner.once("pytorch", flags + ["--sequences", args.sequences])
    a, b = ours["rows"], theirs["rows"]
    check = {"samples": len(a), "feature_dim": ours["feature_dim"], "checksum_fedpilot": ours["checksum"],
             "checksum_pytorch": theirs["checksum"]}
    if not a or [len(row) for row in a] != [len(row) for row in b]:
        print("feature check: MISMATCH in shape: fedpilot %d rows, PyTorch %d rows" % (len(a), len(b)))
        return False, check
    diff, worst = max((abs(x - y), (i, j)) for i, (ra, rb) in enumerate(zip(a, b))
                      for j, (x, y) in enumerate(zip(ra, rb)))
    scale = max(abs(y) for row in b for y in row)
    check.update(max_abs_diff=diff, scale=scale, tolerance=FEATURE_TOLERANCE * scale)
    same = diff <= check["tolerance"]
    print("feature check (%d samples x %d features, %d sequence tokens, feature tokens %d): max abs diff %.3g "
          "(largest |feature| %.3g, tolerance %.3g), checksums %.6g / %.6g: %s" % (
              len(a), len(a[0]), ours["sequence_tokens"], args.feature_tokens, diff, scale, check["tolerance"],
              ours["checksum"], theirs["checksum"], "same features as PyTorch" if same else "MISMATCH"),
          flush=True)
    if not same:
        i, j = worst
        print("  worst at sample %d, feature %d: fedpilot %.7g, PyTorch %.7g" % (i, j, a[i][j], b[i][j]))
    return same, check


def run_cases(runner, model, args):
    steps_small, steps_big = ("3", "1") if args.quick else ("10", "3")
    train = ["--mode", "train", "--seq-len", "256", "--warmup", "1"]
    cases = {
        "train_260k": train + ["--model", model, "--batch", str(args.batch), "--steps", steps_small],
        "train_20m": train + ["--random", RANDOM_20M, "--batch", str(args.batch_20m), "--steps", steps_big],
        "generate_260k": ["--mode", "generate", "--model", model, "--new-tokens", str(args.new_tokens),
                          "--steps", "1" if args.quick else "3", "--warmup", "1"],
        # Where compute, not per-token overhead, dominates: a 20M model, 64 new tokens.
        "generate_20m": ["--mode", "generate", "--random", RANDOM_20M, "--new-tokens", "64", "--steps",
                         "1" if args.quick else "2", "--warmup", "1"],
    }
    results = {}
    for name, flags in cases.items():
        start = time.perf_counter()
        results[name] = runner.best(flags, args.reps)
        print("  %-14s done in %.0f s" % (name, time.perf_counter() - start), flush=True)
    # For reference: the engine's LibTorch decoding path (what CUDA runs), against the same PyTorch best.
    torch_path = runner.best(cases["generate_260k"] + ["--backend", "torch"], args.reps, impls=("fedpilot",))
    results["generate_260k_torch"] = {"fedpilot": torch_path["fedpilot"], "pytorch": results["generate_260k"]["pytorch"]}
    if args.task:
        start = time.perf_counter()
        # One pass over a task (430 samples for the default one) takes seconds: a few passes per run suffice.
        flags = feature_flags(model, args, 1 if args.quick else 3, 1) + ["--check-rows", "0"]
        results["features_260k"] = runner.best(flags, args.reps, key="samples_per_s",
                                               own_flags=feature_sources(args))
        print("  %-14s done in %.0f s" % ("features_260k", time.perf_counter() - start), flush=True)
    results["matmul"] = runner.best(["--mode", "matmul"], 1 if args.quick else 2, key="gflops")
    return results


def report_features(results, args):
    if "features_260k" not in results:
        print("\nfeature extraction: skipped (no NI-v1 task file; give --task)")
        return None
    r = results["features_260k"]
    ours, theirs = r["fedpilot"]["samples_per_s"], r["pytorch"]["samples_per_s"]
    cpu = (r["pytorch"]["cpu_seconds"] / r["fedpilot"]["cpu_seconds"]) * (
        r["fedpilot"]["samples"] / r["pytorch"]["samples"])  # samples per CPU-second, ours / theirs
    print("\nfeature extraction samples/s: ours %.1f, PyTorch %.1f, ratio %.2f  (cpu ratio %.2fx; stories260K, "
          "%s, %d samples, feature tokens %d, batch %d, threads %d)" % (
              ours, theirs, ours / theirs, cpu, os.path.basename(args.task), r["fedpilot"]["task_samples"],
              args.feature_tokens, r["fedpilot"]["batch"], args.threads))
    return ours / theirs


def report(results, args):
    def rate(case, impl):
        return results[case][impl]["tokens_per_s"]

    rows = [("LoRA train, stories260K (B%d x 256)" % args.batch, "train_260k", "ratio >= 2.0", 2.0),
            ("LoRA train, random 20M (B%d x 256)" % args.batch_20m, "train_20m", "ratio >= 1.0", 1.0),
            ("greedy generate, stories260K, 1 stream", "generate_260k", "fedpilot >= 2000 tok/s", None),
            ("  same, engine's LibTorch path (info)", "generate_260k_torch", "-", False),
            ("greedy generate, random 20M, 1 stream", "generate_20m", "-", False)]
    def cpu_ratio(case):  # tokens per CPU-second (all threads, spinning included), ours / theirs
        r = results[case]
        return r["pytorch"]["cpu_seconds"] / r["fedpilot"]["cpu_seconds"] * (
            r["fedpilot"]["tokens"] / r["pytorch"]["tokens"])

    print("\n%-40s %14s %14s %7s %9s  %-24s %s" % ("case (threads %d)" % args.threads, "fedpilot tok/s",
                                                   "PyTorch tok/s", "ratio", "cpu ratio", "target", "verdict"))
    verdicts = {}
    for label, case, target, need in rows:
        ours, theirs = rate(case, "fedpilot"), rate(case, "pytorch")
        if need is False:  # information only
            print("%-40s %14.1f %14.1f %6.2fx %8.2fx" % (label, ours, theirs, ours / theirs, cpu_ratio(case)))
            continue
        ok = ours / theirs >= need if need is not None else ours >= 2000.0
        verdicts[case] = ok
        print("%-40s %14.1f %14.1f %6.2fx %8.2fx  %-24s %s" % (label, ours, theirs, ours / theirs, cpu_ratio(case),
                                                             target, "met" if ok else "MISSED"))
    print("  (ratio: wall-clock tokens/s, the figure the targets use; cpu ratio: per CPU-second of the process)")
    print("  (generation on stories260K: a 260K-parameter model, so the ratio mostly measures the peer's Python")
    print("   dispatch per token, not compute; the random 20M case is where the matrix products dominate)")
    for case in ("train_260k", "train_20m"):
        r = results[case]
        print("  %s loss first -> last: fedpilot %.4f -> %.4f, PyTorch %.4f -> %.4f" % (
            case, r["fedpilot"]["loss_first"], r["fedpilot"]["loss_last"], r["pytorch"]["loss_first"],
            r["pytorch"]["loss_last"]))

    matmul = results["matmul"]["fedpilot"]["gflops"]
    cfg = parse_random(RANDOM_20M)
    head_rows = results["train_20m"]["pytorch"].get("head_rows", args.batch_20m * 128)
    flops = train_flops(batch=args.batch_20m, seq=256, head_rows=head_rows, attention="full", **cfg)
    tokens_per_step = args.batch_20m * 256
    print("\nmatmul rate (1024^3 fp32): fedpilot %.1f GFLOP/s, PyTorch %.1f GFLOP/s (%s)" % (
        matmul, results["matmul"]["pytorch"]["gflops"], results["matmul"]["fedpilot"].get("blas", "?")))
    print("20M train step: %.2f GFLOP computed per step of %d tokens, by both: the LM head on the %d rows that carry "
          "a loss, attention over the full square (head size 64; formula: bench_engine.py train_flops)" % (
              flops / 1e9, tokens_per_step, head_rows))
    efficiency = {}
    for impl in ("fedpilot", "pytorch"):
        achieved = flops * rate("train_20m", impl) / tokens_per_step / 1e9
        efficiency[impl] = achieved / matmul
        print("  %-8s %.1f GFLOP/s achieved = %.0f%% of the matmul rate" % (impl, achieved, 100 * achieved / matmul))
    return verdicts, efficiency


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--engine", required=True, help="path of fp_bench_engine")
    p.add_argument("--python", help="Python with torch + numpy for the peer (default: first one found)")
    p.add_argument("--shared", help="shared/ folder (default: $FP_SHARED_DIR, else ../shared)")
    p.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)))
    p.add_argument("--reps", type=int, default=3, help="repetitions per case; the best run counts")
    p.add_argument("--batch", type=int, default=1, help="sequences per step, stories260K training (ARCHITECTURE.md: 1)")
    p.add_argument("--batch-20m", type=int, default=1, help="sequences per step, 20M training")
    p.add_argument("--new-tokens", type=int, default=256)
    p.add_argument("--wait-policy", choices=("PASSIVE", "ACTIVE"),
                   help="OMP_WAIT_POLICY for both (default: inherited). PASSIVE helps a lot on a busy machine")
    p.add_argument("--task", help="NI-v1 task file for the feature case (default: %s under --shared)" % NI_TASK)
    p.add_argument("--feature-tokens", type=int, default=128,
                   help="feature sequences: BOS + the last N-1 tokens (the demo trial's feature_tokens)")
    p.add_argument("--quick", action="store_true", help="fewer steps and repetitions (a smoke run)")
    p.add_argument("--json", help="also write all results to this file")
    args = p.parse_args()
    if args.quick:
        args.reps = min(args.reps, 1)

    python, model = find_python(args.python), find_model(args.shared)
    if python is None or model is None:
        print("skipped: %s" % ("no Python with torch and numpy" if python is None else
                               "stories260K.bin not found (set FP_SHARED_DIR)"))
        return SKIP
    if args.task and not os.path.exists(args.task):
        print("error: --task %s: no such file" % args.task)
        return 2
    args.task = find_task(args.task, model)
    runner = Runner(args, python)
    print("fedpilot: %s\nPyTorch:  %s %s\nmodel:    %s\ntask:     %s\nthreads:  %d (OMP_WAIT_POLICY %s), "
          "repetitions: %d (best counts), load average %.1f" % (
              args.engine, python, os.path.join(HERE, "llama_peer.py"), model, args.task or "not found",
              args.threads, args.wait_policy or "inherited", args.reps, os.getloadavg()[0]), flush=True)
    with tempfile.TemporaryDirectory(prefix="fp_bench_engine_") as scratch:
        args.sequences = os.path.join(scratch, "feature_sequences.json")
        try:
            same = check_tokens(runner, model)
            features_same, feature_check = check_features(runner, model, args) if args.task else (True, None)
            results = run_cases(runner, model, args)
        except BenchError as e:
            print("error:", e)
            return 1
    verdicts, efficiency = report(results, args)
    feature_ratio = report_features(results, args)
    print("load average at the end: %.1f (other work on the machine slows both sides, unevenly)" % os.getloadavg()[0])
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"results": results, "targets_met": verdicts, "matmul_fraction_20m": efficiency,
                       "tokens_match": same, "features_match": features_same, "feature_check": feature_check,
                       "feature_ratio": feature_ratio}, f, indent=1)
    return 0 if same and features_same else 1


if __name__ == "__main__":
    sys.exit(main())
