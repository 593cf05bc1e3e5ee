#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz/corpus/<harness>/: trimmed copies of the real files of ../shared and
small hand-made cases (valid minimal files, empty, truncated, huge counts). Deterministic: running it again
gives the same bytes. Site messages are encoded with protoc --encode from proto/fedpilot/v1/site.proto.

    tests/fuzz/make_seeds.py [--shared ../shared] [--hf DIR]

--hf names a folder written by `fedpilot-cli convert --model stories260K.bin --tokenizer tok512.bin --out DIR`
(tokenizer.json, tokenizer_config.json, config.json, model.safetensors); without it those seeds are skipped.
"""
import argparse
import hashlib
import json
import os
import pathlib
import shutil
import struct
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests/fuzz/corpus"
SEP = b"\n#fp-fuzz-next-file#\n"  # tests/fuzz/FuzzSupport.h kFileSeparator


def put(harness, name, data):
    folder = CORPUS / harness
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (folder / name).write_bytes(data)


# ---------------------------------------------------------------- llama2.c checkpoints
def llama2c(dim=8, hidden=16, layers=1, heads=2, kv=2, vocab=8, seq=4, tied=True, v1=False, fill=0.25):
    head = dim // heads
    kvd = kv * head
    def f(n):
        return struct.pack("<%df" % n, *[fill * ((i % 7) - 3) for i in range(n)])
    if v1:
        hdr = struct.pack("<Ii7iB", 0x616B3432, 1, dim, hidden, layers, heads, kv, vocab, seq, 1 if tied else 0)
        hdr += b"\0" * (256 - len(hdr))
        body = f(layers * dim) * 2 + f(dim) + f(vocab * dim)
        body += f(layers * dim * dim) + f(layers * kvd * dim) * 2 + f(layers * dim * dim)
        body += f(layers * hidden * dim) + f(layers * dim * hidden) + f(layers * hidden * dim)
    else:
        hdr = struct.pack("<7i", dim, hidden, layers, heads, kv, vocab if tied else -vocab, seq)
        body = f(vocab * dim) + f(layers * dim) + f(layers * dim * dim) + f(layers * kvd * dim) * 2
        body += f(layers * dim * dim) + f(layers * dim) + f(layers * hidden * dim) * 2 + f(layers * dim * hidden)
        body += f(dim) + f(2 * seq * head // 2)
    if not tied:
        body += f(vocab * dim)
    return hdr + body


def seeds_llama2c(shared):
    h = "llama2c_checkpoint"
    put(h, "legacy-tiny-tied.bin", llama2c())
    put(h, "legacy-tiny-untied-gqa.bin", llama2c(heads=4, kv=2, tied=False, layers=2))
    put(h, "v1-tiny-shared.bin", llama2c(v1=True))
    put(h, "v1-tiny-separate.bin", llama2c(v1=True, tied=False, heads=4, kv=1))
    put(h, "empty.bin", b"")
    put(h, "header-only.bin", struct.pack("<7i", 8, 16, 1, 2, 2, 8, 4))
    put(h, "huge-dims.bin", struct.pack("<7i", 1 << 30, 1 << 30, 1 << 20, 1, 1, -(1 << 31), 1 << 30))
    put(h, "v2-int8.bin", struct.pack("<Ii7iB", 0x616B3432, 2, 8, 16, 1, 2, 2, 8, 4, 1) + b"\0" * 220)
    put(h, "truncated.bin", llama2c()[:-5])
    real = shared / "models/stories260K/stories260K.bin"
    if real.exists():
        put(h, "stories260K-first-4k.bin", real.read_bytes()[:4096])


# ---------------------------------------------------------------- tokenizer.bin
def tokenizer_bin(pieces, max_len=None):
    max_len = max_len if max_len is not None else max(len(p) for _, p in pieces)
    out = struct.pack("<i", max_len)
    for score, piece in pieces:
        out += struct.pack("<fi", score, len(piece)) + piece
    return out


def seeds_tokenizer_bin(shared):
    h = "tokenizer_bin"
    real = shared / "models/stories260K/tok512.bin"
    if real.exists():
        put(h, "tok512.bin", real.read_bytes())
    base = [(0.0, b"<unk>"), (0.0, b"\n<s>\n"), (0.0, b"\n</s>\n")]
    base += [(0.0, b"<0x%02X>" % b) for b in (0x0A, 0x20, 0xC3, 0xA9)]
    base += [(-1.0, b" "), (-2.0, b"a"), (-3.0, b"b"), (-4.0, b" a"), (-5.0, b"ab"), (-6.0, b" ab")]
    put(h, "small.bin", tokenizer_bin(base))
    put(h, "three-tokens.bin", tokenizer_bin(base[:3]))
    put(h, "empty.bin", b"")
    put(h, "max-len-only.bin", struct.pack("<i", 16))
    put(h, "negative-length.bin", struct.pack("<i", 16) + struct.pack("<fi", 0.0, -5))
    put(h, "huge-length.bin", struct.pack("<i", 1 << 30) + struct.pack("<fi", 0.0, 1 << 30) + b"abc")
    put(h, "nan-score.bin", tokenizer_bin(base[:3] + [(float("nan"), b"x")]))
    put(h, "long-piece.bin", tokenizer_bin(base + [(-7.0, b"ab" * 300)], max_len=8))
    put(h, "truncated.bin", tokenizer_bin(base)[:-3])


# ---------------------------------------------------------------- tokenizer.json
def byte_level_tokenizer():
    vocab = {"<|begin_of_text|>": 0, "<|end_of_text|>": 1, "a": 2, "b": 3, "\u0120": 4, "\u0120a": 5, "ab": 6,
             "\u010a": 7, "c": 8}
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [
            {"id": 0, "content": "<|begin_of_text|>", "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True},
            {"id": 1, "content": "<|end_of_text|>", "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True}],
        "normalizer": None,
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|"
                                                    "\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|"
                                                    "\\s+(?!\\S)|\\s+"},
             "behavior": "Isolated", "invert": False},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": True,
                  "vocab": vocab, "merges": ["\u0120 a", "a b"]},
    }


def metaspace_tokenizer():
    vocab = {"<unk>": 0, "<s>": 1, "</s>": 2, "<0x0A>": 3, "\u2581": 4, "a": 5, "b": 6, "\u2581a": 7, "ab": 8}
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": i, "content": c, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for i, c in enumerate(["<unk>", "<s>", "</s>"])],
        "normalizer": None,
        "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "first", "split": False},
        "post_processor": None,
        "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "first", "split": False},
        "model": {"type": "BPE", "dropout": None, "unk_token": "<unk>", "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": True, "byte_fallback": True,
                  "vocab": vocab, "merges": [["\u2581", "a"], ["a", "b"]]},
    }


def seeds_tokenizer_json(hf):
    h = "tokenizer_json"
    cfg = json.dumps({"bos_token": {"content": "<s>"}, "eos_token": "</s>"}).encode()
    put(h, "byte-level.json", json.dumps(byte_level_tokenizer(), indent=1))
    put(h, "metaspace-with-config.json", json.dumps(metaspace_tokenizer(), indent=1).encode() + SEP + cfg)
    put(h, "empty.json", b"")
    put(h, "not-bpe.json", json.dumps({"model": {"type": "WordPiece", "vocab": {}}}))
    put(h, "huge-id.json", json.dumps({"model": {"type": "BPE", "vocab": {"a": 2147483647}, "merges": []}}))
    put(h, "truncated.json", json.dumps(metaspace_tokenizer())[:300])
    if hf and (hf / "tokenizer.json").exists():
        tok = (hf / "tokenizer.json").read_bytes()
        put(h, "stories260K-tok512.json", tok + SEP + (hf / "tokenizer_config.json").read_bytes())


# ---------------------------------------------------------------- config.json
def seeds_hf_config(hf):
    h = "hf_config"
    base = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 64,
            "intermediate_size": 172, "num_hidden_layers": 5, "num_attention_heads": 8, "num_key_value_heads": 4,
            "vocab_size": 512, "max_position_embeddings": 512, "rms_norm_eps": 1e-05, "rope_theta": 10000.0,
            "hidden_act": "silu", "tie_word_embeddings": True, "bos_token_id": 1, "eos_token_id": 2}
    if hf and (hf / "config.json").exists():
        put(h, "stories260K.json", (hf / "config.json").read_bytes())
    else:
        put(h, "stories260K.json", json.dumps(base, indent=2))
    minimal = {k: base[k] for k in ("model_type", "hidden_size", "intermediate_size", "num_hidden_layers",
                                    "num_attention_heads", "vocab_size")}
    put(h, "minimal.json", json.dumps(minimal))
    put(h, "huge.json", json.dumps(dict(base, hidden_size=2**31 - 1, vocab_size=2**31 - 1, num_hidden_layers=2**31 - 1)))
    put(h, "eos-list.json", json.dumps(dict(base, eos_token_id=[2, 3], bos_token_id=None)))
    put(h, "rope-scaling.json", json.dumps(dict(base, rope_scaling={"type": "linear", "factor": 2.0})))
    put(h, "floats.json", json.dumps(dict(base, hidden_size=64.0, rms_norm_eps=-1, rope_theta=1e308)))
    put(h, "empty.json", b"")


# ---------------------------------------------------------------- safetensors
def safetensors(tensors, metadata=None, pad=True):
    header, blob = {}, b""
    for name, (dtype, shape, data) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(blob), len(blob) + len(data)]}
        blob += data
    if metadata is not None:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    if pad:
        text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + blob


def lora_tensors(rank=2, dim=8, layers=1, modules=("q_proj", "v_proj")):
    out = {}
    for layer in range(layers):
        for m in modules:
            prefix = "base_model.model.model.layers.%d.self_attn.%s" % (layer, m)
            out[prefix + ".lora_A.weight"] = ("F32", [rank, dim], struct.pack("<%df" % (rank * dim), *[0.5] * (rank * dim)))
            out[prefix + ".lora_B.weight"] = ("F32", [dim, rank], b"\0" * (4 * dim * rank))
    return out


def seeds_safetensors(hf):
    h = "safetensors"
    put(h, "lora-adapter.safetensors", safetensors(lora_tensors(), {"format": "pt"}))
    dtypes = {"F16": 2, "BF16": 2, "F64": 8, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1}
    put(h, "every-dtype.safetensors",
        safetensors({"t_" + d: (d, [2, 1], bytes(range(2 * n))) for d, n in dtypes.items()}))
    put(h, "scalar-and-empty.safetensors", safetensors({"s": ("F32", [], b"\0\0\x80\x3f"), "e": ("F32", [0, 4], b"")}))
    put(h, "empty.safetensors", b"")
    put(h, "header-length-huge.safetensors", struct.pack("<Q", 2**63) + b"{}")
    put(h, "overlap.safetensors", struct.pack("<Q", 96) + json.dumps(
        {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
         "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}).encode().ljust(96) + b"\0" * 12)
    if hf and (hf / "model.safetensors").exists():
        # The real header and data of the 1-D tensors (the norms) of stories260K.
        raw = (hf / "model.safetensors").read_bytes()
        n = struct.unpack("<Q", raw[:8])[0]
        header = json.loads(raw[8:8 + n])
        data = raw[8 + n:]
        keep = {k: v for k, v in header.items() if k != "__metadata__" and len(v["shape"]) == 1}
        tensors = {k: (v["dtype"], v["shape"], data[v["data_offsets"][0]:v["data_offsets"][1]]) for k, v in keep.items()}
        put(h, "stories260K-norms.safetensors", safetensors(tensors, header.get("__metadata__")))


def seeds_safetensors_file():
    # The same cases as the in-memory decoder: readSafetensors reads a file its own way.
    for seed in sorted((CORPUS / "safetensors").iterdir()):
        put("safetensors_file", seed.name, seed.read_bytes())


# ---------------------------------------------------------------- Hugging Face model folder
def hf_model(dim=8, hidden=16, layers=1, heads=2, kv=1, vocab=8, tied=True, dtype="F32"):
    size = {"F32": 4, "F16": 2, "BF16": 2}[dtype]
    config = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": dim,
              "intermediate_size": hidden, "num_hidden_layers": layers, "num_attention_heads": heads,
              "num_key_value_heads": kv, "vocab_size": vocab, "max_position_embeddings": 16, "rms_norm_eps": 1e-05,
              "hidden_act": "silu", "tie_word_embeddings": tied, "bos_token_id": 1, "eos_token_id": 2}
    kvd = kv * dim // heads
    shapes = {"model.embed_tokens.weight": [vocab, dim], "model.norm.weight": [dim]}
    for i in range(layers):
        p = "model.layers.%d." % i
        shapes.update({p + "input_layernorm.weight": [dim], p + "post_attention_layernorm.weight": [dim],
                       p + "self_attn.q_proj.weight": [dim, dim], p + "self_attn.k_proj.weight": [kvd, dim],
                       p + "self_attn.v_proj.weight": [kvd, dim], p + "self_attn.o_proj.weight": [dim, dim],
                       p + "mlp.gate_proj.weight": [hidden, dim], p + "mlp.up_proj.weight": [hidden, dim],
                       p + "mlp.down_proj.weight": [dim, hidden]})
    if not tied:
        shapes["lm_head.weight"] = [vocab, dim]
    tensors = {}
    for name, shape in shapes.items():
        n = 1
        for s in shape:
            n *= s
        tensors[name] = (dtype, shape, bytes((i * 7) % 61 for i in range(n * size)))
    return json.dumps(config, indent=1).encode() + SEP + safetensors(tensors, {"format": "pt"})


def seeds_hf_checkpoint():
    h = "hf_checkpoint"
    put(h, "tiny-tied-f32.bin", hf_model())
    put(h, "tiny-untied-bf16-two-layers.bin", hf_model(layers=2, tied=False, dtype="BF16", heads=4, kv=2))
    put(h, "tiny-f16.bin", hf_model(dtype="F16"))
    put(h, "config-only.bin", hf_model().split(SEP)[0])
    put(h, "empty.bin", b"")


# ---------------------------------------------------------------- PEFT adapter
def seeds_peft_adapter():
    h = "peft_adapter"
    config = {"peft_type": "LORA", "task_type": "CAUSAL_LM", "base_model_name_or_path": "stories260K.bin", "r": 2,
              "lora_alpha": 4.0, "lora_dropout": 0.0, "target_modules": ["q_proj", "v_proj"], "bias": "none",
              "fan_in_fan_out": False, "inference_mode": True, "init_lora_weights": True, "modules_to_save": None,
              "layers_to_transform": None, "use_rslora": False, "use_dora": False, "revision": None}
    weights = safetensors(lora_tensors(), {"format": "pt"})
    put(h, "adapter.bin", json.dumps(config, indent=2).encode() + SEP + weights)
    put(h, "config-only.bin", json.dumps(config).encode())
    put(h, "regex-targets.bin", json.dumps(dict(config, target_modules="q_proj|v_proj")).encode() + SEP + weights)
    put(h, "huge-rank.bin", json.dumps(dict(config, r=2**31 - 1, lora_alpha=1e38)).encode() + SEP + weights)
    put(h, "empty.bin", b"")


# ---------------------------------------------------------------- trial files
def seeds_trial_file():
    h = "trial_file"
    src = (ROOT / "tests/engine/TestTrialFile.cpp").read_text()
    start = src.index('kFullTrial = R"(') + len('kFullTrial = R"(')
    put(h, "full.json", src[start:src.index(')";', start)])
    put(h, "demo.json", (ROOT / "resources/demo/ni-two-sites.json").read_bytes())
    put(h, "minimal.json", '{"name": "t", "model": {"path": "m.bin"}, "sites": [{"name": "a", "data": ["d.jsonl"]}],'
                           ' "strategies": ["fedhds"]}')
    put(h, "agent-v6.json", '{"name": "t", "model": {"path": "m.bin"}, "sites": [{"name": "a", "agent": '
                            '{"address": "[::1]:50051", "insecure": true}}], "strategies": ["fedit"]}')
    put(h, "huge-numbers.json", '{"name": "t", "model": {"path": "m.bin", "max_tokens": 1e999}, "sites": [], '
                                '"schedule": {"rounds": 18446744073709551616, "seed": -1}}')
    put(h, "empty.json", b"")


# ---------------------------------------------------------------- instruction data
def seeds_instruction_data(shared):
    h = "instruction_data"
    si = shared / "data/self-instruct"
    for name in ("seed_tasks.jsonl", "user_oriented_instructions.jsonl"):
        if (si / name).exists():
            lines = (si / name).read_bytes().splitlines(keepends=True)[:4]
            put(h, "self-instruct-" + name, b"".join(lines))
    tasks = shared / "data/natural-instructions-v1/tasks"
    if tasks.exists():
        for path in sorted(tasks.glob("*.json"))[:2]:
            task = json.loads(path.read_bytes())
            task["Instances"] = task["Instances"][:3]
            task["Examples"] = task.get("Examples", [])[:1] if isinstance(task.get("Examples"), list) else task.get("Examples")
            put(h, "ni-v1-" + path.name, json.dumps(task, indent=1))
    put(h, "ni-v2.json", json.dumps({"Contributors": ["x"], "Source": ["y"], "Categories": ["Question Answering"],
                                     "Definition": ["Answer the question."], "Positive Examples": [],
                                     "Negative Examples": [],
                                     "Instances": [{"id": "task001-1", "input": "2+2?", "output": ["4", "four"]},
                                                   {"id": "task001-2", "input": "", "output": []}]}))
    put(h, "alpaca.jsonl", '{"instruction": "Add", "input": "2 and 2", "output": "4"}\n'
                           '{"instruction": "Greet", "input": "", "output": "Hello"}\n'
                           'not json\n{"instruction": 5}\n')
    put(h, "dolly.jsonl", '{"instruction": "Summarise", "context": "A long text.", "response": "Short.", '
                          '"category": "summarization"}\r\n')
    put(h, "array.json", '[{"instruction": "Say hi", "output": "hi"}, {"instruction": "x", "context": "", '
                         '"response": "y", "category": "open_qa"}, 7]')
    put(h, "bom-and-blank.jsonl", b"\xef\xbb\xbf\n\n{\"instruction\": \"a\", \"output\": \"b\"}\n")
    put(h, "empty.json", b"")


# ---------------------------------------------------------------- cluster CSV
def seeds_cluster_csv():
    h = "cluster_csv"
    put(h, "header.csv", "x,y,z\n0.5,1,2\n-3e2,4.25,5\n\n6,7,8\r\n")
    put(h, "plain.csv", "1,2\n3,4\n5,6\n")
    put(h, "special.csv", "nan,inf\n-inf,1e308\n0x10,1e-400\n")
    put(h, "ragged.csv", "1,2\n3,4,5\n")
    put(h, "trailing-comma.csv", "1,2,\n,3,4\n")
    put(h, "empty.csv", b"")


# ---------------------------------------------------------------- site messages (protoc --encode)
def text_bytes(data):
    return '"' + "".join("\\%03o" % b for b in data) + '"'


def adapter_text(field, weights):
    return '%s { safetensors: %s sha256: %s }' % (field, text_bytes(weights), text_bytes(hashlib.sha256(weights).digest()))


def encode(message, text):
    proto = ROOT / "proto"
    return subprocess.run(["protoc", "--proto_path=%s" % proto, "--encode=fedpilot.v1.%s" % message,
                           str(proto / "fedpilot/v1/site.proto")], input=text.encode(), check=True,
                          capture_output=True).stdout


def seeds_site_messages():
    weights = safetensors(lora_tensors(), {"format": "pt"})
    clustering = ("clustering { min_cluster_size: 5 server_min_cluster_size: 2 perplexity: 30 tsne_iterations: 500 "
                  "seed: 7 projection_seed: 9 }")
    cases = {
        ("site_prepare_request", "PrepareRequest"): {
            "round": 'round: 3 client: "tokyo-0" strategy: STRATEGY_FEDHDS extract_features: true %s feature_tokens: 128 %s'
                     % (clustering, adapter_text("global_adapter", weights)),
            "no-adapter": 'round: 0 client: "c" strategy: STRATEGY_FULL feature_tokens: 2 truncation: TRUNCATION_REFERENCE',
            "dp": 'client: "c" %s feature_tokens: 32768' % clustering.replace("seed: 7", "seed: 7 dp_sigma: 0.5 center_dims: 64 hdbscan: HDBSCAN_PYTHON_HDBSCAN"),
            "bad-hash": 'client: "c" global_adapter { safetensors: "xyz" sha256: "0123456789abcdef0123456789abcdef" }',
        },
        ("site_prepare_reply", "PrepareReply"): {
            "centers": 'available: 120 groups: 3 centers { dims: 2 scale: 1.5 codes: "\\001\\377\\100\\200\\000\\177" } '
                       'feature_seconds: 1.5 selection_seconds: 0.25 note: "ok"',
            "ids": 'available: 5 groups: 2 centers { dims: 3 scale: 0.5 codes: "\\001\\002\\003\\004\\005\\006" ids: 4 ids: 9 }',
            "none": 'available: 0 groups: 0',
        },
        ("site_train_request", "TrainRequest"): {
            "train": 'round: 2 client: "osaka-1" chosen_clusters: 0 chosen_clusters: 2 count: 40 local_epochs: 1 '
                     'learning_rate: 0.0003 batch_size: 4 max_tokens: 256 seed: 11',
            "zero-batch": 'client: "c" count: 1 local_epochs: 1 learning_rate: 0.1 batch_size: 0 max_tokens: 2',
            "huge-count": 'client: "c" count: 9223372036854775807 local_epochs: 100 learning_rate: 1 batch_size: 1024 max_tokens: 32768',
        },
        ("site_train_reply", "TrainReply"): {
            "trained": 'selected: 40 training_tokens: 5000 steps: 10 train_loss: 2.5 selection_seconds: 0.1 '
                       'training_seconds: 3 status: "trained" %s' % adapter_text("adapter", weights),
            "skipped": 'status: "skipped: no samples"',
        },
        ("site_evaluate_request", "EvaluateRequest"): {
            "evaluate": 'round: 1 max_samples_per_task: 10 max_new_tokens: 48 max_tokens: 256 seed: 3 %s '
                        'rouge: ROUGE_PLTRDY sampling: SAMPLING_REFERENCE' % adapter_text("adapter", weights),
            "minimal": 'max_new_tokens: 1 max_tokens: 2',
        },
        ("site_evaluate_reply", "EvaluateReply"): {
            "reply": 'samples: 20 rouge_l: 0.35 loss: 2.25 seconds: 4.5',
            "nan": 'samples: -1 rouge_l: nan loss: inf seconds: -0',
        },
        ("site_inventory", "InventoryReply"): {
            "two-clients": 'clients { name: "tokyo-0" samples: 150 } clients { name: "tokyo-1" samples: 3 } held_out_samples: 40',
            "empty": '',
        },
    }
    for (harness, message), texts in cases.items():
        for name, text in texts.items():
            put(harness, name + ".pb", encode(message, text))


def seeds_agent_frames():
    def frame(message_bytes, chunks):
        out = b""
        header = encode_agent("Frame", 'header { size: %d sha256: %s }' % (len(message_bytes), text_bytes(hashlib.sha256(message_bytes).digest())))
        out += struct.pack("<H", len(header)) + header
        for c in chunks:
            chunk = encode_agent("Frame", "chunk: %s" % text_bytes(c))
            out += struct.pack("<H", len(chunk)) + chunk
        return out
    msg = encode("TrainRequest", 'round: 2 client: "osaka-1" count: 40 local_epochs: 1 learning_rate: 0.0003 batch_size: 4 max_tokens: 256')
    put("agent_frames", "one-chunk.bin", frame(msg, [msg]))
    put("agent_frames", "three-chunks.bin", frame(msg, [msg[:5], msg[5:9], msg[9:]]))
    put("agent_frames", "empty-message.bin", frame(b"", []))
    put("agent_frames", "truncated.bin", frame(msg, [msg[:5]]))
    put("agent_frames", "empty.bin", b"")


def encode_agent(message, text):
    proto = ROOT / "proto"
    return subprocess.run(["protoc", "--proto_path=%s" % proto, "--encode=fedpilot.v1.%s" % message,
                           str(proto / "fedpilot/v1/agent.proto")], input=text.encode(), check=True,
                          capture_output=True).stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--hf", default=None)
    args = parser.parse_args()
    shared = pathlib.Path(args.shared)
    hf = pathlib.Path(args.hf) if args.hf else None
    seeds_llama2c(shared)
    seeds_tokenizer_bin(shared)
    seeds_tokenizer_json(hf)
    seeds_hf_config(hf)
    seeds_safetensors(hf)
    seeds_safetensors_file()
    seeds_hf_checkpoint()
    seeds_peft_adapter()
    seeds_trial_file()
    seeds_instruction_data(shared)
    seeds_cluster_csv()
    seeds_site_messages()
    seeds_agent_frames()


if __name__ == "__main__":
    main()
