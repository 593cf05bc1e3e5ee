#!/usr/bin/env python3
"""The PyTorch peer of fp_bench_engine: the same Llama + LoRA work, written the way a Python user would.

nn.Module per block, one nn.Linear per projection, PEFT-style LoRA modules wrapping the frozen Linear,
torch.optim.Adam, a pre-allocated KV cache (as Meta's reference Llama code) under torch.inference_mode.
Same CLI and the same one-line JSON output as the C++ benchmark, so bench_engine.py can compare them.

  llama_peer.py --mode train (--model FILE | --random dim=384,...) [--seq-len T] [--batch B] [--steps N] ...
  llama_peer.py --mode generate --model FILE [--new-tokens N] [--steps N] [--warmup W] [--threads K]
  llama_peer.py --mode features --model FILE --sequences FILE [--steps N] [--warmup W] [--check-rows R] ...
      (the token sequences fp_bench_engine --mode features --sequences-out wrote: a JSON list of lists)
  llama_peer.py --mode matmul [--threads K]

Needs python3-torch (Debian's 1.13.1, the same LibTorch as the engine) and numpy.
"""
import argparse
import json
import math
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Config:
    def __init__(self, dim, hidden, layers, heads, kv_heads, vocab, seq, tied=True):
        self.dim, self.hidden, self.layers, self.heads = dim, hidden, layers, heads
        self.kv_heads, self.vocab, self.seq, self.tied = kv_heads, vocab, seq, tied
        self.head_dim = dim // heads
        self.eps, self.theta = 1e-5, 10000.0


# --- model -------------------------------------------------------------------------------------------

class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        variance = x.pow(2).mean(-1, keepdim=True)
        return self.weight * (x * torch.rsqrt(variance + self.eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def repeat_kv(x, groups):
    if groups == 1:
        return x
    b, kvh, t, hd = x.shape
    return x[:, :, None, :, :].expand(b, kvh, groups, t, hd).reshape(b, kvh * groups, t, hd)


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        kv_dim = c.kv_heads * c.head_dim
        self.q_proj = nn.Linear(c.dim, c.dim, bias=False)
        self.k_proj = nn.Linear(c.dim, kv_dim, bias=False)
        self.v_proj = nn.Linear(c.dim, kv_dim, bias=False)
        self.o_proj = nn.Linear(c.dim, c.dim, bias=False)
        self.cache = None  # (keys, values) [B, kvH, capacity, hd] while generating

    def forward(self, x, cos, sin, mask, pos):
        c = self.c
        b, t, _ = x.shape
        q = self.q_proj(x).view(b, t, c.heads, c.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(b, t, c.kv_heads, c.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(b, t, c.kv_heads, c.head_dim).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if self.cache is not None:
            keys, values = self.cache
            keys[:b, :, pos:pos + t] = k
            values[:b, :, pos:pos + t] = v
            k, v = keys[:b, :, :pos + t], values[:b, :, :pos + t]
        groups = c.heads // c.kv_heads
        k, v = repeat_kv(k, groups), repeat_kv(v, groups)
        scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(c.head_dim)
        if mask is not None:
            scores = scores + mask
        out = torch.matmul(F.softmax(scores, dim=-1), v)
        return self.o_proj(out.transpose(1, 2).reshape(b, t, c.dim))


class MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.gate_proj = nn.Linear(c.dim, c.hidden, bias=False)
        self.up_proj = nn.Linear(c.dim, c.hidden, bias=False)
        self.down_proj = nn.Linear(c.hidden, c.dim, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.input_layernorm = RMSNorm(c.dim, c.eps)
        self.self_attn = Attention(c)
        self.post_attention_layernorm = RMSNorm(c.dim, c.eps)
        self.mlp = MLP(c)

    def forward(self, x, cos, sin, mask, pos):
        h = x + self.self_attn(self.input_layernorm(x), cos, sin, mask, pos)
        return h + self.mlp(self.post_attention_layernorm(h))


class Llama(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.embed_tokens = nn.Embedding(c.vocab, c.dim)
        self.layers = nn.ModuleList(Block(c) for _ in range(c.layers))
        self.norm = RMSNorm(c.dim, c.eps)
        self.lm_head = nn.Linear(c.dim, c.vocab, bias=False)
        if c.tied:
            self.lm_head.weight = self.embed_tokens.weight
        inv_freq = 1.0 / (c.theta ** (torch.arange(0, c.head_dim, 2, dtype=torch.float64) / c.head_dim))
        angles = torch.outer(torch.arange(c.seq, dtype=torch.float64), inv_freq)
        emb = torch.cat((angles, angles), dim=-1)
        self.register_buffer("cos", emb.cos().float(), persistent=False)
        self.register_buffer("sin", emb.sin().float(), persistent=False)

    def forward(self, tokens, pos=0, head_rows=None):
        """head_rows: flat indices of the (batch * seq) positions whose logits are needed (as the engine, which
        computes the LM head only on rows that carry a loss); None: every position."""
        t = tokens.shape[1]
        x = self.embed_tokens(tokens)
        cos, sin = self.cos[pos:pos + t], self.sin[pos:pos + t]
        mask = None
        if t > 1:
            mask = torch.full((t, pos + t), float("-inf")).triu(pos + 1)
        for layer in self.layers:
            x = layer(x, cos, sin, mask, pos)
        x = self.norm(x)
        if head_rows is not None:
            x = x.reshape(-1, x.shape[-1]).index_select(0, head_rows)
        return self.lm_head(x)

    def reset_cache(self, batch, capacity):
        c = self.c
        for layer in self.layers:
            shape = (batch, c.kv_heads, capacity, c.head_dim)
            layer.self_attn.cache = (torch.empty(shape), torch.empty(shape))


# --- LoRA (the PEFT way: a module wrapping the frozen Linear) ------------------------------------------

class LoraLinear(nn.Module):
    def __init__(self, base, r=8, alpha=16, dropout=0.05):
        super().__init__()
        self.base_layer = base
        self.lora_dropout = nn.Dropout(dropout)
        self.lora_A = nn.Linear(base.in_features, r, bias=False)
        self.lora_B = nn.Linear(r, base.out_features, bias=False)
        self.scaling = alpha / r
        nn.init.kaiming_uniform_(self.lora_A.weight, a=math.sqrt(5))
        nn.init.zeros_(self.lora_B.weight)

    def forward(self, x):
        result = self.base_layer(x)
        return result + self.lora_B(self.lora_A(self.lora_dropout(x))) * self.scaling


LORA_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


def attach_lora(model):
    for p in model.parameters():
        p.requires_grad_(False)
    for module in list(model.modules()):
        for name in LORA_TARGETS:
            child = getattr(module, name, None)
            if isinstance(child, nn.Linear):
                setattr(module, name, LoraLinear(child))
    return [p for p in model.parameters() if p.requires_grad]


# --- checkpoints ---------------------------------------------------------------------------------------

def load_llama2c(path):
    """Legacy llama2.c file: 7 int32 header, fp32 weights; wq/wk permuted to the rotate_half layout."""
    with open(path, "rb") as f:
        dim, hidden, layers, heads, kv_heads, vocab, seq = struct.unpack("7i", f.read(28))
        data = np.frombuffer(f.read(), dtype=np.float32)
    c = Config(dim, hidden, layers, heads, kv_heads, abs(vocab), seq, tied=vocab > 0)
    kv_dim = kv_heads * c.head_dim
    offset = 0

    def take(*shape):
        nonlocal offset
        n = int(np.prod(shape))
        out = torch.from_numpy(data[offset:offset + n].copy()).view(*shape)
        offset += n
        return out

    def to_halves(w, n_heads):  # llama2.c rotates pairs (2i, 2i+1); rotate_half pairs (i, i + hd/2)
        rows, cols = w.shape
        return w.view(n_heads, rows // n_heads // 2, 2, cols).transpose(1, 2).reshape(rows, cols)

    emb = take(c.vocab, dim)
    rms_att, wq, wk = take(layers, dim), take(layers, dim, dim), take(layers, kv_dim, dim)
    wv, wo = take(layers, kv_dim, dim), take(layers, dim, dim)
    rms_ffn, w1 = take(layers, dim), take(layers, hidden, dim)
    w2, w3 = take(layers, dim, hidden), take(layers, hidden, dim)
    rms_final = take(dim)
    take(2, seq, c.head_dim // 2)  # freq_cis real/imag: recomputed
    wcls = None if c.tied else take(c.vocab, dim)

    model = Llama(c)
    with torch.no_grad():
        model.embed_tokens.weight.copy_(emb)
        model.norm.weight.copy_(rms_final)
        if wcls is not None:
            model.lm_head.weight.copy_(wcls)
        for i, block in enumerate(model.layers):
            block.input_layernorm.weight.copy_(rms_att[i])
            block.post_attention_layernorm.weight.copy_(rms_ffn[i])
            block.self_attn.q_proj.weight.copy_(to_halves(wq[i], heads))
            block.self_attn.k_proj.weight.copy_(to_halves(wk[i], kv_heads))
            block.self_attn.v_proj.weight.copy_(wv[i])
            block.self_attn.o_proj.weight.copy_(wo[i])
            block.mlp.gate_proj.weight.copy_(w1[i])
            block.mlp.up_proj.weight.copy_(w3[i])
            block.mlp.down_proj.weight.copy_(w2[i])
    return model


def random_model(spec, seed):
    f = dict(item.split("=") for item in spec.split(","))
    heads = int(f["heads"])
    c = Config(int(f["dim"]), int(f["hidden"]), int(f["layers"]), heads, int(f.get("kv", heads)),
               int(f["vocab"]), int(f["seq"]))
    torch.manual_seed(seed)
    model = Llama(c)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() == 1:
                p.fill_(1.0)
            else:
                p.normal_(0.0, 0.02)
    return model


# --- benchmarks ----------------------------------------------------------------------------------------

def synthetic_batch(batch, length, vocab):
    """The same tokens as fp_bench_engine: ((b*T + i) * 7919 + 13) % V, first half of each row masked."""
    tokens = [[((b * length + i) * 7919 + 13) % vocab for i in range(length)] for b in range(batch)]
    labels = [[-100 if i < length // 2 else tok for i, tok in enumerate(row)] for row in tokens]
    return torch.tensor(tokens), torch.tensor(labels)


def header(args, model=None):
    out = {"impl": "pytorch", "mode": args.mode, "threads": torch.get_num_threads(), "torch": torch.__version__}
    if model is not None:
        named = dict(model.named_parameters())
        out["params"] = sum(p.numel() for name, p in named.items() if "lora_" not in name)
        out["lora_params"] = sum(p.numel() for name, p in named.items() if "lora_" in name)
    return out


def run_train(args, model):
    model.train()
    # foreach: PyTorch's multi-tensor Adam, the fastest stock implementation (the engine updates one flat buffer).
    optimizer = torch.optim.Adam(attach_lora(model), lr=3e-4, foreach=True)
    tokens, labels = synthetic_batch(args.batch, args.seq_len, model.c.vocab)
    # The LM head only on rows whose next token carries a label, as the engine does: same loss, same work.
    targets = labels[:, 1:]
    keep = targets != -100
    head_rows = torch.nonzero(F.pad(keep, (0, 1), value=False).reshape(-1)).squeeze(1)
    wanted = targets[keep]
    losses, seconds, cpu_seconds = [], 0.0, 0.0
    for i in range(args.warmup + args.steps):
        start, cpu_start = time.perf_counter(), time.process_time()
        logits = model(tokens, head_rows=head_rows)
        loss = F.cross_entropy(logits, wanted)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if i >= args.warmup:
            seconds += time.perf_counter() - start
            cpu_seconds += time.process_time() - cpu_start
    n = args.steps * args.batch * args.seq_len
    return {**header(args, model), "batch": args.batch, "seq_len": args.seq_len, "steps": args.steps,
            "head_rows": int(head_rows.numel()), "tokens": n, "seconds": seconds, "cpu_seconds": cpu_seconds, "tokens_per_s": n / seconds,
            "loss_first": losses[0], "loss_last": losses[-1]}


@torch.inference_mode()
def generate(model, prompt, new_tokens):
    model.reset_cache(1, len(prompt) + new_tokens)
    x = torch.tensor([prompt])
    pos, out = 0, []
    for _ in range(new_tokens):
        logits = model(x, pos)
        pos += x.shape[1]
        token = int(logits[0, -1].argmax())
        out.append(token)
        x = torch.tensor([[token]])
    return out


def run_generate(args, model):
    model.eval()
    ids, seconds, cpu_seconds = [], 0.0, 0.0
    for i in range(args.warmup + args.steps):
        start, cpu_start = time.perf_counter(), time.process_time()
        ids = generate(model, [1], args.new_tokens)
        if i >= args.warmup:
            seconds += time.perf_counter() - start
            cpu_seconds += time.process_time() - cpu_start
    n = args.steps * len(ids)
    return {**header(args, model), "new_tokens": args.new_tokens, "steps": args.steps, "tokens": n,
            "seconds": seconds, "cpu_seconds": cpu_seconds, "tokens_per_s": n / seconds, "token_ids": ids}


FEATURE_BATCH = 16  # sequences per forward pass, as the product (federation/ClientWork.h kFeatureBatchSize)


def last_token_features(model, sequences):
    """One right-padded batch (pad id 0, causal attention, so real tokens never see the padding). For each
    sequence, the hidden state at its last real token of the embedding output and of every layer, the last one
    after the final norm (Hugging Face's output_hidden_states), concatenated: [B, (layers + 1) * dim]."""
    lengths = [len(s) for s in sequences]
    t = max(lengths)
    tokens = torch.tensor([s + [0] * (t - len(s)) for s in sequences])
    rows, last = torch.arange(len(sequences)), torch.tensor(lengths) - 1
    mask = torch.full((t, t), float("-inf")).triu(1) if t > 1 else None
    x = model.embed_tokens(tokens)
    states = [x[rows, last]]
    for layer in model.layers:
        x = layer(x, model.cos[:t], model.sin[:t], mask, 0)
        states.append(x[rows, last])
    states[-1] = model.norm(states[-1])  # the norm is per position: the same as norming all, then picking
    return torch.cat(states, dim=-1)


@torch.inference_mode()
def extract_features(model, sequences):
    return torch.cat([last_token_features(model, sequences[at:at + FEATURE_BATCH])
                      for at in range(0, len(sequences), FEATURE_BATCH)])


def run_features(args, model):
    model.eval()
    with open(args.sequences) as f:
        sequences = json.load(f)
    features, seconds, cpu_seconds = None, 0.0, 0.0
    for i in range(args.warmup + args.steps):
        start, cpu_start = time.perf_counter(), time.process_time()
        features = extract_features(model, sequences)
        if i >= args.warmup:
            seconds += time.perf_counter() - start
            cpu_seconds += time.process_time() - cpu_start
    n = args.steps * len(sequences)
    rows = len(sequences) if args.check_rows < 0 else args.check_rows
    return {**header(args, model), "feature_tokens": args.feature_tokens, "batch": FEATURE_BATCH,
            "task_samples": len(sequences), "sequence_tokens": sum(len(s) for s in sequences),
            "feature_dim": features.shape[1], "steps": args.steps, "samples": n, "seconds": seconds,
            "cpu_seconds": cpu_seconds, "samples_per_s": n / seconds, "checksum": float(features.double().sum()),
            "checksum_abs": float(features.double().abs().sum()), "rows": features[:rows].tolist()}


def run_matmul(args):
    a, b = torch.randn(1024, 1024), torch.randn(1024, 1024)
    torch.matmul(a, b)
    reps, start = 0, time.perf_counter()
    while time.perf_counter() - start < 1.0 or reps < 2:
        torch.matmul(a, b)
        reps += 1
    seconds = time.perf_counter() - start
    return {**header(args), "n": 1024, "repetitions": reps, "seconds": seconds,
            "gflops": 2 * 1024 ** 3 * reps / seconds / 1e9}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mode", choices=("train", "generate", "features", "matmul"), required=True)
    p.add_argument("--model")
    p.add_argument("--random")
    p.add_argument("--seq-len", type=int, default=256)
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--new-tokens", type=int, default=256)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--sequences", help="--mode features: JSON list of token lists (fp_bench_engine --sequences-out)")
    p.add_argument("--feature-tokens", type=int, default=128,
                   help="--mode features: reported only (the engine already cut the sequences to this length)")
    p.add_argument("--check-rows", type=int, default=4, help="--mode features: feature rows printed (-1: all)")
    args = p.parse_args()
    torch.set_num_threads(args.threads if args.threads > 0 else len(os.sched_getaffinity(0)))
    torch.manual_seed(args.seed)
    if args.mode == "matmul":
        result = run_matmul(args)
    else:
        if (args.model is None) == (args.random is None):
            p.error("give exactly one of --model and --random")
        model = load_llama2c(args.model) if args.model else random_model(args.random, args.seed)
        if args.mode == "features" and not args.sequences:
            p.error("--mode features needs --sequences")
        modes = {"train": run_train, "generate": run_generate, "features": run_features}
        result = modes[args.mode](args, model)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    sys.exit(main())
