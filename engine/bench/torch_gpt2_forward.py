#!/usr/bin/python3
"""The peer for the forward benchmark: the same job in PyTorch (Debian's python3-torch).

GPT-2 small's shapes with random weights (N(0, 0.02), LayerNorm 1/0, as GPT-2's init), one full
forward over T token ids that keeps every layer's and head's pre-softmax scores and attention
probabilities (as the engine's al::Runner does; HF's output_attentions keeps the probabilities),
and computes the last position's logits. Prints one JSON line: median/min ms over --repeat runs.

Used by vs-pytorch.sh; needs only python3-torch (installed for benchmarks, never for the app).
"""
import argparse
import json
import math
import os
import time

import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokens", type=int, required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: all cores)")
    a = ap.parse_args()
    # All cores by default (Debian's build starts with one thread per physical core); matmul with
    # a broadcast bias, which this build runs faster than addmm.
    torch.set_num_threads(a.threads if a.threads > 0 else max(1, os.cpu_count() or 1))
    torch.manual_seed(1234)
    L, H, C, V, P = 12, 12, 768, 50257, 1024
    hs = C // H
    g = lambda *s: torch.randn(*s) * 0.02
    wte, wpe = g(V, C), g(P, C)
    layers = [dict(ln1_w=torch.ones(C), ln1_b=torch.zeros(C), attn_w=g(C, 3 * C), attn_b=torch.zeros(3 * C),
                   proj_w=g(C, C), proj_b=torch.zeros(C), ln2_w=torch.ones(C), ln2_b=torch.zeros(C),
                   fc_w=g(C, 4 * C), fc_b=torch.zeros(4 * C), fcp_w=g(4 * C, C), fcp_b=torch.zeros(C))
              for _ in range(L)]
    lnf_w, lnf_b = torch.ones(C), torch.zeros(C)
    T = a.tokens
    ids = torch.tensor([(i * 7919 + 13) % V for i in range(T)])
    mask = torch.full((T, T), float("-inf")).triu(1)

    def forward():
        x = wte[ids] + wpe[:T]
        scores, probs = [], []
        for w in layers:
            h = torch.nn.functional.layer_norm(x, (C,), w["ln1_w"], w["ln1_b"], 1e-5)
            q, k, v = (h @ w["attn_w"] + w["attn_b"]).split(C, dim=1)
            q = q.view(T, H, hs).transpose(0, 1)
            k = k.view(T, H, hs).transpose(0, 1)
            v = v.view(T, H, hs).transpose(0, 1)
            s = torch.matmul(q, k.transpose(1, 2)) * (1.0 / math.sqrt(hs)) + mask
            p = torch.softmax(s, dim=-1)
            scores.append(s)
            probs.append(p)
            z = torch.matmul(p, v).transpose(0, 1).reshape(T, C)
            x = x + (z @ w["proj_w"] + w["proj_b"])
            h = torch.nn.functional.layer_norm(x, (C,), w["ln2_w"], w["ln2_b"], 1e-5)
            h = torch.nn.functional.gelu(h @ w["fc_w"] + w["fc_b"], approximate="tanh")
            x = x + (h @ w["fcp_w"] + w["fcp_b"])
        last = torch.nn.functional.layer_norm(x[-1], (C,), lnf_w, lnf_b, 1e-5)
        return torch.mv(wte, last), scores, probs

    with torch.inference_mode():
        forward()  # warm-up
        ms = []
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            forward()
            ms.append((time.perf_counter() - t0) * 1000)
    ms.sort()
    print(json.dumps({"peer": "pytorch " + torch.__version__, "threads": torch.get_num_threads(), "tokens": T,
                      "median_ms": round(ms[len(ms) // 2], 2), "min_ms": round(ms[0], 2)}))


if __name__ == "__main__":
    main()
