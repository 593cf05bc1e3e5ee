#!/usr/bin/env python3
"""Peak memory of loading a model: fedpilot-cli generate (one new token) on a large random llama2.c
checkpoint and on the same model converted to the Hugging Face layout (model.safetensors), against the
same command on stories260K (~1 MB, so its peak is LibTorch, the tokenizer and the program: the baseline).

  ratio = (peak RSS with the large model - baseline peak RSS) / model file size
  target: <= 1.2 (the weights are mapped from the file, not read into a buffer and copied)

The model is written into a temporary folder (default: dim 768, 8 layers, hidden 2048, vocab 512, about
230 MB) and removed afterwards. Peak RSS is the child's ru_maxrss (kernel-measured high-water mark,
file-backed mapped pages included, from wait4 of each command).

  bench_load_rss.py --cli build/bin/fedpilot-cli [--shared ../shared] [--dim 768] [--layers 8] [--hidden 2048]

It is a report: a missed target still exits 0. Exit 1 when a command fails, 77 (CTest's skip) when
stories260K is not found.
"""
import argparse
import array
import os
import random
import resource
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77
TARGET = 1.2


def find_model_dir(shared):
    roots = [shared] if shared else []
    roots += [os.environ.get("FP_SHARED_DIR", ""), os.path.join(HERE, "..", "..", "..", "shared")]
    for root in roots:
        folder = os.path.join(root, "models", "stories260K") if root else ""
        if folder and os.path.exists(os.path.join(folder, "stories260K.bin")):
            return folder
    return None


def write_llama2c(path, dim, hidden, layers, heads, vocab, seq):
    """A legacy llama2.c checkpoint (shared classifier) of small random weights."""
    rng = random.Random(1)
    chunk = array.array("f", [rng.uniform(-0.02, 0.02) for _ in range(1 << 16)])

    def floats(f, n):
        while n > 0:
            take = min(n, len(chunk))
            f.write(chunk[:take].tobytes())
            n -= take

    head = dim // heads
    with open(path, "wb") as f:
        f.write(struct.pack("<7i", dim, hidden, layers, heads, heads, vocab, seq))
        floats(f, vocab * dim)                      # token embeddings
        floats(f, layers * dim)                     # attention norms
        floats(f, 4 * layers * dim * dim)           # wq wk wv wo
        floats(f, layers * dim)                     # ffn norms
        floats(f, 3 * layers * dim * hidden)        # w1 w2 w3
        floats(f, dim)                              # final norm
        floats(f, seq * head)                       # freq_cis_real + freq_cis_imag (seq * head/2 each)


def peak_rss(command):
    """Runs command; returns its peak RSS in bytes (wait4's ru_maxrss of that child, KiB on Linux)."""
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {child.returncode}: {err.strip()[-400:]}")
    return usage.ru_maxrss * 1024


def generate(cli, model, tokenizer):
    return [cli, "generate", "--model", model, "--tokenizer", tokenizer, "--prompt", "Once", "--max-new-tokens",
            "1", "--threads", "1"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True, help="path to fedpilot-cli")
    ap.add_argument("--shared", help="the shared folder (models/stories260K)")
    ap.add_argument("--dim", type=int, default=768)
    ap.add_argument("--layers", type=int, default=8)
    ap.add_argument("--hidden", type=int, default=2048)
    ap.add_argument("--heads", type=int, default=12)
    ap.add_argument("--work", help="folder for the temporary model (default: the system's temp folder)")
    args = ap.parse_args()
    folder = find_model_dir(args.shared)
    if not folder:
        print("bench_load_rss: stories260K not found (pass --shared): skipped")
        return SKIP
    small = os.path.join(folder, "stories260K.bin")
    tokenizer = os.path.join(folder, "tok512.bin")
    work = tempfile.mkdtemp(prefix="fp_bench_rss_", dir=args.work)
    try:
        big = os.path.join(work, "model.bin")
        write_llama2c(big, args.dim, args.hidden, args.layers, args.heads, 512, 256)
        hf = os.path.join(work, "hf")
        subprocess.run([args.cli, "convert", "--model", big, "--tokenizer", tokenizer, "--out", hf], check=True,
                       capture_output=True)
        baseline = peak_rss(generate(args.cli, small, tokenizer))
        print(f"baseline: generate on stories260K ({os.path.getsize(small) / 2**20:.1f} MiB): "
              f"peak RSS {baseline / 2**20:.0f} MiB")
        worst = 0.0
        for name, model, size in (("llama2.c", big, os.path.getsize(big)),
                                  ("safetensors", hf, os.path.getsize(os.path.join(hf, "model.safetensors")))):
            peak = peak_rss(generate(args.cli, model, os.path.join(hf, "tokenizer.json") if model == hf
                                     else tokenizer))
            ratio = (peak - baseline) / size
            worst = max(worst, ratio)
            print(f"{name}: file {size / 2**20:.0f} MiB, peak RSS {peak / 2**20:.0f} MiB, "
                  f"(peak - baseline) / file = {ratio:.2f}")
        print(f"worst ratio {worst:.2f} (target <= {TARGET}): {'met' if worst <= TARGET else 'NOT met'}")
        return 0
    except (RuntimeError, subprocess.CalledProcessError) as e:
        print(f"bench_load_rss: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
