#!/usr/bin/python3
"""Runs Berzins' edge subdivision (ICML 2023) on one ReLU network, for
tools/bench/relu-nets-vs-edge-subdivision.ts (issue 11).

The peer's code is not part of mlgeo: pass the folder of a checkout of its public repository
(arturs-berzins/relu_edge_subdivision) with --peer; this script imports its `NN.Net` and
`edge_subdivision.skeletal_subdivision` from there and changes nothing in it.

  /usr/bin/python3 tools/bench/edge_subdivision_driver.py --peer DIR --model NET.json
      [--lo 0] [--hi 1] [--repeat 1] [--no-output-split]

NET.json is an `mlgeo-mlp` file with JSON-number weights (float32 values; the same file the
TypeScript side reads). The weights go into the peer's float32 `nn.Linear` layers unchanged.
Threads: 1 (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, MKL_NUM_THREADS and torch.set_num_threads).

CPU time: time.process_time() around `skeletal_subdivision` only (model set-up and the cell count
below are outside), the smallest of --repeat runs. With --no-output-split the last layer (the
output unit, whose zero set f = 0 the published algorithm also cuts along) is left out of the
subdivision loop, so the complex is that of the hidden units alone.

Cells are counted from the returned sign vectors: every vertex of a generic complex lies on d of
the cutting sets (sign-vector zeros); the cells around it are the 2^z sign vectors with each of its z
zeros of a unit set to + or − (a zero of a box side only to +, inwards). Different cells of the
hidden units have different activation patterns (a pattern fixes every unit's affine form, so its
region is one convex set), hence distinct sign vectors are distinct cells. Prints one JSON line.
"""
import os

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

import argparse
import json
import resource
import sys
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--lo", type=float, default=0.0)
    ap.add_argument("--hi", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--no-output-split", action="store_true")
    a = ap.parse_args()

    import numpy as np
    import torch

    torch.set_num_threads(1)
    sys.path.insert(0, os.path.abspath(a.peer))
    from NN import Net  # the peer's network class
    from edge_subdivision import skeletal_subdivision  # the peer's algorithm

    with open(a.model) as fh:
        spec = json.load(fh)
    layers = spec["layers"]
    ks = [int(spec["inputDimension"])] + [len(layer["bias"]) for layer in layers]
    f = Net(ks=ks)
    with torch.no_grad():
        for fc, layer in zip(f.fcs, layers):
            fc.weight.copy_(torch.tensor(layer["weights"], dtype=torch.float32))
            fc.bias.copy_(torch.tensor(layer["bias"], dtype=torch.float32))
    if a.no_output_split:
        f.ls = f.ls[:-1]
    d = ks[0]
    n_out = ks[-1]

    cpu = []
    result = None
    for _ in range(a.repeat):
        with torch.no_grad():
            t0 = time.process_time()
            result = skeletal_subdivision(
                f, bbox=(a.lo, a.hi), device=torch.device("cpu"), verbose=False
            )
            cpu.append(time.process_time() - t0)
    vs, edges, v_sv = result
    sv = v_sv.numpy().astype(np.int8)
    n_box = 2 * d
    out_cols = list(range(sv.shape[1] - n_out, sv.shape[1])) if not a.no_output_split else []

    def count_cells(columns):
        s = sv[:, columns]
        is_box = np.array([c < n_box for c in columns])
        keys = set()
        for row in s:
            zeros = np.nonzero(row == 0)[0]
            unit_zeros = [z for z in zeros if not is_box[z]]
            base = row.copy()
            base[[z for z in zeros if is_box[z]]] = 1
            for mask in range(1 << len(unit_zeros)):
                r = base.copy()
                for i, z in enumerate(unit_zeros):
                    r[z] = 1 if (mask >> i) & 1 else -1
                keys.add(r.tobytes())
        return len(keys)

    all_cols = list(range(sv.shape[1]))
    hidden_cols = [c for c in all_cols if c not in out_cols]
    report = {
        "cpu": cpu,
        "seconds": min(cpu),
        "vertices": int(vs.shape[0]),
        "edges": int(edges.shape[0]),
        "cells": count_cells(all_cols),
        "cellsHidden": count_cells(hidden_cols),
        "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "dtype": str(vs.dtype),
    }
    if d == 2:
        # Euler: V − E + F = 1 for the subdivided square (F = bounded faces)
        report["eulerCells"] = int(edges.shape[0]) - int(vs.shape[0]) + 1
    print(json.dumps(report))


main()
