#!/usr/bin/env python3
"""Writes the seed corpora in tests/fuzz/corpus/<target>/: small valid inputs built here or read from
../shared (only files of a few KB), and the hostile cases of tests/engine/test_malformed.cpp.
Run again after changing a case; files found by fuzzing (regressions) live beside these and are kept."""
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("AL_SHARED_DIR", os.path.join(os.path.dirname(ROOT), "shared"))
CORPUS = os.path.join(HERE, "corpus")


def put(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


# GPT-2's bytes_to_unicode: the printable code point standing for each byte.
def byte_chars():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


BC = byte_chars()


def tok(s):
    return "".join(BC[b] for b in s.encode("utf-8"))


# --- safetensors: the small model of test_malformed (1 layer, d 8, 16 positions, 259 tokens) ---
C, T, V = 8, 16, 259


def model_tensors():
    shapes = [("wte.weight", [V, C]), ("wpe.weight", [T, C])]
    for n in ("ln_1.weight", "ln_1.bias"):
        shapes.append(("h.0." + n, [C]))
    shapes += [("h.0.attn.c_attn.weight", [C, 3 * C]), ("h.0.attn.c_attn.bias", [3 * C]),
               ("h.0.attn.c_proj.weight", [C, C]), ("h.0.attn.c_proj.bias", [C])]
    for n in ("ln_2.weight", "ln_2.bias"):
        shapes.append(("h.0." + n, [C]))
    shapes += [("h.0.mlp.c_fc.weight", [C, 4 * C]), ("h.0.mlp.c_fc.bias", [4 * C]),
               ("h.0.mlp.c_proj.weight", [4 * C, C]), ("h.0.mlp.c_proj.bias", [C]),
               ("ln_f.weight", [C]), ("ln_f.bias", [C])]
    return shapes


def safetensors(header, data, header_len=None):
    text = header if isinstance(header, (bytes, str)) else json.dumps(header, separators=(",", ":"))
    if isinstance(text, str):
        text = text.encode("utf-8")
    return struct.pack("<Q", len(text) if header_len is None else header_len) + text + data


def small(dtype="F32", width=4, names=None):
    header = {"__metadata__": {"format": "pt"}}
    data = b""
    for name, shape in names or [("a", [2, 3]), ("b", [4])]:
        n = 1
        for d in shape:
            n *= d
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + width * n]}
        data += bytes((i * 37) % 251 for i in range(width * n))
    return header, data


def seeds_safetensors():
    t = "safetensors"
    h, d = small()
    put(t, "valid-f32", safetensors(h, d))
    for dt, w in (("F16", 2), ("BF16", 2), ("I64", 8), ("U8", 1), ("BOOL", 1), ("F8_E4M3", 1)):
        h2, d2 = small(dt, w)
        put(t, "valid-" + dt.lower(), safetensors(h2, d2))
    h2, d2 = small(names=[("empty", [0, 4]), ("scalar", []), ("x", [1, 1, 2])])
    put(t, "valid-empty-and-scalar", safetensors(h2, d2))
    # The malformed cases, each a variation of the small valid file.
    put(t, "empty-file", b"")
    put(t, "three-bytes", b"\x10\x00\x00")
    put(t, "truncated-data", safetensors(h, d[: len(d) // 2]))
    put(t, "length-past-end", safetensors(h, d, header_len=1 << 20))
    put(t, "length-huge", safetensors(h, d, header_len=1 << 62))
    put(t, "length-one", safetensors(h, d, header_len=1))
    put(t, "header-cut", safetensors('{"a": {"dtype": "F32", ', b""))
    put(t, "header-garbage", safetensors(b"\xff\xfe\x00\x01garbage", b""))
    put(t, "header-deep", safetensors("[" * 64 + "]" * 64, b""))
    put(t, "header-array", safetensors("[1, 2, 3]", b""))
    put(t, "metadata-not-strings", safetensors('{"__metadata__": {"n": 1}}', b""))

    def edit(name, fn):
        h2 = json.loads(json.dumps(h))
        fn(h2)
        put(t, name, safetensors(h2, d))

    edit("dtype-unknown", lambda x: x["a"].__setitem__("dtype", "F33"))
    edit("dtype-number", lambda x: x["a"].__setitem__("dtype", 4))
    edit("shape-transposed", lambda x: x["a"].__setitem__("shape", [3, 2]))
    edit("overlap", lambda x: x["b"].__setitem__("data_offsets", [4, 20]))
    edit("offsets-past-end", lambda x: x["b"].__setitem__("data_offsets", [len(d), len(d) + 16]))
    edit("offsets-reversed", lambda x: x["b"].__setitem__("data_offsets", [64, 32]))
    edit("offsets-short", lambda x: x["b"].__setitem__("data_offsets", [24, 36]))
    edit("shape-negative", lambda x: x["a"].__setitem__("shape", [-16, -8]))
    edit("shape-2pow62", lambda x: x["a"].__setitem__("shape", [1 << 62, 1 << 62]))
    edit("shape-u64max", lambda x: x["a"].__setitem__("shape", [(1 << 64) - 1]))
    edit("shape-rank40", lambda x: x["b"].__setitem__("shape", [1] * 40))
    edit("shape-float", lambda x: x["b"].__setitem__("shape", [4.0]))
    edit("offsets-float", lambda x: x["b"].__setitem__("data_offsets", [24.5, 40.5]))
    edit("offsets-strings", lambda x: x["b"].__setitem__("data_offsets", ["24", "40"]))
    edit("offsets-three", lambda x: x["b"].__setitem__("data_offsets", [24, 32, 40]))
    edit("entry-missing-shape", lambda x: x["b"].pop("shape"))
    text = json.dumps(h, separators=(",", ":"))
    put(t, "duplicate-name", safetensors(text[:-1] + ',"b":' + json.dumps(h["b"], separators=(",", ":")) + "}", d))
    # The whole small model's header (data of the right size, all zeros: 27 KB would be too big,
    # so the data buffer is cut and the file is refused for its sizes, but the header is realistic).
    header = {"__metadata__": {"format": "pt"}}
    off = 0
    for name, shape in model_tensors():
        n = 1
        for x in shape:
            n *= x
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [off, off + 4 * n]}
        off += 4 * n
    put(t, "model-header-no-data", safetensors(header, b""))
    small_model = {k: v for k, v in header.items() if k in ("__metadata__", "ln_f.weight", "ln_f.bias")}
    small_model["ln_f.weight"] = {"dtype": "F32", "shape": [C], "data_offsets": [0, 32]}
    small_model["ln_f.bias"] = {"dtype": "F16", "shape": [C], "data_offsets": [32, 48]}
    put(t, "valid-layer-norm", safetensors(small_model, bytes(48)))


# --- config.json ---
def seeds_config():
    t = "config"
    with open(os.path.join(SHARED, "fixtures", "tiny-gpt2", "config.json"), "rb") as f:
        fixture = f.read()
    put(t, "tiny-gpt2", fixture)
    base = {"n_layer": 1, "n_head": 2, "n_embd": 8, "n_positions": 16, "vocab_size": 259,
            "activation_function": "gelu_new", "model_type": "gpt2"}
    put(t, "small", json.dumps(base))
    put(t, "gpt2-small", json.dumps({"n_layer": 12, "n_head": 12, "n_embd": 768, "n_positions": 1024,
                                     "vocab_size": 50257, "n_inner": None, "layer_norm_epsilon": 1e-5,
                                     "scale_attn_weights": True, "scale_attn_by_inverse_layer_idx": False,
                                     "tie_word_embeddings": True, "bos_token_id": 50256, "eos_token_id": 50256}))
    put(t, "empty-object", "{}")
    put(t, "bad-json", '{"n_layer": 1,, }')
    put(t, "a-string", '"gpt2"')
    for name, key, value in [("heads-not-dividing", "n_head", 3), ("zero-layers", "n_layer", 0),
                             ("negative-heads", "n_head", -2), ("vocab-huge", "vocab_size", 1000000000000),
                             ("embd-string", "n_embd", "64"), ("relu", "activation_function", "relu"),
                             ("llama", "model_type", "llama"), ("eps-negative", "layer_norm_epsilon", -1),
                             ("embd-float", "n_embd", 8.0), ("inner", "n_inner", 32),
                             ("eos-negative", "eos_token_id", -1), ("tie-string", "tie_word_embeddings", "yes")]:
        c = dict(base)
        c[key] = value
        put(t, name, json.dumps(c))
    put(t, "too-many-parameters", json.dumps(dict(base, n_embd=65536, n_head=1, n_layer=1024)))


# --- vocab.json + NUL + merges.txt ---
def seeds_tokenizer_files():
    t = "tokenizer_files"
    vocab = {}
    for b in range(256):
        vocab[BC[b]] = len(vocab)
    vocab[tok(" t")] = len(vocab)
    vocab["he"] = len(vocab)
    vocab["<|endoftext|>"] = len(vocab)
    merges = "#version: 0.2\n" + BC[ord(" ")] + " t\nh e\n"
    put(t, "small", json.dumps(vocab) + "\0" + merges)
    put(t, "small-crlf", json.dumps(vocab) + "\0" + merges.replace("\n", "\r\n"))
    extra = dict(vocab)
    for s in ("the", " the", "in", " in"):
        if tok(s) not in extra:
            extra[tok(s)] = len(extra)
    put(t, "more-merges", json.dumps(extra) + "\0" + merges + "t he\n" + BC[ord(" ")] + "t he\ni n\n" + BC[ord(" ")] + " in\n")
    put(t, "merge-missing-token", json.dumps(vocab) + "\0" + merges + "q z\n")
    put(t, "merge-malformed", json.dumps(vocab) + "\0" + "#version: 0.2\nh  e\n")
    gap = dict(vocab)
    gap[tok("x y")] = len(gap) + 5
    put(t, "ids-not-dense", json.dumps(gap) + "\0" + merges)
    dup = json.dumps(vocab)[:-1] + ', "zz": 3}'
    put(t, "id-twice", dup + "\0" + merges)
    lacking = {k: v for k, v in vocab.items() if k != BC[0]}
    put(t, "lacks-byte-0", json.dumps(lacking) + "\0" + merges)
    put(t, "not-json", "{\"a\": \0" + merges)
    put(t, "string-id", json.dumps(dict(vocab, zz="7")) + "\0" + merges)
    put(t, "empty", "{}\0")


# --- arbitrary text for GPT-2's encode ---
def seeds_tokenizer_encode():
    t = "tokenizer_encode"
    with open(os.path.join(SHARED, "fixtures", "gpt2-tokenizer-cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    for i, c in enumerate(cases):
        put(t, "case-%02d" % i, c["text"])
    for name, data in [("empty", b""), ("lone-continuation", b"\x80abc"), ("truncated-emoji", b"hi \xf0\x9f\x98"),
                       ("overlong", b"\xc0\x80 x"), ("surrogate", b"\xed\xa0\x80"), ("ff", b"\xff"),
                       ("endoftext", "a<|endoftext|>b<|endoftext|>".encode()), ("spaces", b"  \t\n\n  x  "),
                       ("contractions", "it's we'll they'd I'm you're we've".encode()),
                       ("numbers", "3.14159 1,000,000 2024-12-01".encode()),
                       ("mixed-scripts", "Привет 世界 مرحبا 🙂 café".encode())]:
        put(t, name, data)


# --- the progress file ---
def seeds_progress_file():
    t = "progress_file"
    good = {"format": "attention-lens-progress", "version": 1,
            "stations": {"attention-math": {"visited": True, "exercises": {
                "e1": {"prediction": "the", "answer": "cat", "correct": False, "at": "2024-05-01T10:00:00Z"}}},
                "heads": {"visited": True}}}
    put(t, "valid", json.dumps(good, indent=4))
    put(t, "valid-empty", '{"format": "attention-lens-progress", "version": 1, "stations": {}}')
    put(t, "garbage", b"\x00\xff\xfe garbage {{{")
    put(t, "other-shape", '{"stations": [1, 2, 3], "hello": "world"}')
    put(t, "array", "[1, 2, 3]")
    put(t, "stations-number", '{"format": "attention-lens-progress", "version": 1, "stations": 7}')
    put(t, "newer", '{"format": "attention-lens-progress", "version": 99, "stations": {}}')
    put(t, "version-huge", '{"format": "attention-lens-progress", "version": 1e300, "stations": {}}')
    put(t, "no-version", '{"format": "attention-lens-progress", "stations": {}}')
    put(t, "version-negative", '{"format": "attention-lens-progress", "version": -1, "stations": {}}')
    put(t, "version-half", '{"format": "attention-lens-progress", "version": 0.5, "stations": {}}')
    put(t, "odd-entries", '{"format": "attention-lens-progress", "version": 1, "stations": '
                          '{"a": 1, "b": {"exercises": [1]}, "c": {"exercises": {"x": "y", "z": {"correct": "no"}}}}}')


# --- the settings file (QSettings' INI, as the app writes it) ---
def seeds_settings_file():
    t = "settings_file"
    put(t, "valid", "[General]\nlastStation=heads\nlanguage=de\n\n[window]\ngeometry=@Rect(60 70 1111 777)\n"
                    "maximized=false\n")
    put(t, "huge-geometry", "[General]\ngeometry=@Rect(0 0 32767 32767)\n")
    put(t, "binary", b"\x00\x01garbage\xff")


# --- the model manifest ---
def seeds_model_manifest():
    t = "model_manifest"
    with open(os.path.join(ROOT, "resources", "manifest", "models.json"), "rb") as f:
        put(t, "shipped", f.read())
    one = {"format": 1, "models": [{"id": "m", "repo": "o/m", "revision": "0" * 40, "n_layer": 1, "n_head": 1,
                                    "n_embd": 8, "files": [{"name": "model.safetensors", "size": 10, "sha256": "AB"},
                                                           {"name": "vocab.json"}, {"name": "merges.txt"},
                                                           {"name": "config.json", "size": 5, "git_sha1": "cd"}]}]}
    put(t, "one-model", json.dumps(one))
    put(t, "no-models", '{"models": []}')
    put(t, "not-json", "{models: ]")
    put(t, "entry-without-files", '{"models": [{"id": "x", "repo": "o/x", "files": []}]}')
    big = json.loads(json.dumps(one))
    big["models"][0].update({"n_layer": 2147483647, "n_embd": 2147483647, "n_positions": 2147483647,
                             "vocab_size": 2147483647})
    big["models"][0]["files"][0]["size"] = 1e300
    put(t, "huge-numbers", json.dumps(big))


# --- the downloader's resume state (download.json in a staging folder) ---
SHA256 = "248dfc3911869ec493c76e65bf2fcf7f615828b0254c12b473182f0f81d3a707"
SHA1 = "10c66461e4c109db5a2196bff4bb59be30396ed8"
COMMIT = "607a30d783dfa663caf39e06633721c8d4cfcd7e"


def seeds_resume_state():
    t = "resume_state"
    put(t, "valid", json.dumps({"repo": "openai-community/gpt2", "revision": COMMIT, "files": {
        "config.json": {"size": 665, "hash": SHA1},
        "model.safetensors": {"size": 548105171, "hash": SHA256}}}, indent=4))
    put(t, "branch", json.dumps({"repo": "a/b", "revision": "main", "files": {}}))
    put(t, "no-files", json.dumps({"repo": "a/b", "revision": COMMIT}))
    put(t, "bad-entries", '{"repo": "a/b", "revision": "main", "files": {"x": {"size": -5, "hash": "zz"}, '
                          '"y": {"size": 1.5}, "z": 7, "w": {"size": 1e300}, "": {"size": 1}}}')
    put(t, "quoted-hash", json.dumps({"repo": "a/b", "revision": "main",
                                      "files": {"m": {"size": 1, "hash": 'W/"' + SHA256.upper() + '"'}}}))
    put(t, "repo-number", '{"repo": 1, "revision": "x"}')
    put(t, "no-revision", '{"repo": "a/b"}')
    put(t, "array", "[]")
    put(t, "cut", '{"repo": "a/b", "revision": "ma')
    put(t, "lone-surrogate", '{"repo": "a/\\ud800", "revision": "main", "files": {"\\udc00": {"size": 2}}}')


# --- HTTP header values: X-Linked-Size, Content-Length, X-Linked-Etag, ETag, X-Repo-Commit,
# Content-Range, one a line ---
def seeds_http_headers():
    t = "http_headers"
    put(t, "lfs-redirect", "548105171\n1102\n\"%s\"\n\"%s\"\n%s\nbytes 100-999/1000" % (SHA256, SHA1, COMMIT))
    put(t, "small-file", "\n665\n\nW/\"%s\"\nmain\nbytes 0-9/*" % SHA1)
    put(t, "nothing-usable", "-3\nabc\n\"not-a-hash\"\n\nmain\nbytes 5-4/10")
    put(t, "huge", "9999999999999999999\n999999999999999999\n\"\n\n\nbytes 0-999999999999999999/*")
    put(t, "blanks", "  0  \n 12 \n  \"%s\"  \n\n %s \n bytes 0-0/1 " % (SHA256.upper(), COMMIT))
    put(t, "range-forms", "\n\n\n\n\nbytes */10")
    put(t, "empty", "")


if __name__ == "__main__":
    for fn in (seeds_safetensors, seeds_config, seeds_tokenizer_files, seeds_tokenizer_encode,
               seeds_progress_file, seeds_settings_file, seeds_model_manifest, seeds_resume_state, seeds_http_headers):
        fn()
    total = sum(len(fs) for _, _, fs in os.walk(CORPUS))
    print("wrote seeds; %d files in %s" % (total, CORPUS), file=sys.stderr)
