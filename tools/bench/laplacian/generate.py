#!/usr/bin/python3
"""Input of the laplacian-splines benchmark (issue 13), written once and read by both sides.

The Delaunay graph of N seeded random sites in [0,1]^2 (scipy.spatial.Delaunay), with random
positive vertex masses M0 in [0.2, 1.2) and edge weights M1 in [0.1, 1.1), spline data y ~ N(0,1)
and a mask observing ~70 % of the cells. Files in OUT (raw little-endian arrays):
  meta.json  {n, edges, seed}
  edges.i32  2·edges int32 (i < j per edge, sorted)
  m0.f64, m1.f64, y.f64  float64;  mask.u8  uint8
Usage: /usr/bin/python3 tools/bench/laplacian/generate.py [OUT] [N] [SEED]
"""
import json
import os
import sys

import numpy as np
from scipy.spatial import Delaunay


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "out/bench-laplacian"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 13
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(seed)
    pts = rng.random((n, 2))
    s = Delaunay(pts).simplices
    pairs = np.concatenate([s[:, [0, 1]], s[:, [1, 2]], s[:, [0, 2]]])
    pairs.sort(axis=1)
    edges = np.unique(pairs, axis=0).astype(np.int32)
    m0 = 0.2 + rng.random(n)
    m1 = 0.1 + rng.random(len(edges))
    y = rng.standard_normal(n)
    mask = (rng.random(n) < 0.7).astype(np.uint8)
    edges.tofile(os.path.join(out, "edges.i32"))
    m0.astype("<f8").tofile(os.path.join(out, "m0.f64"))
    m1.astype("<f8").tofile(os.path.join(out, "m1.f64"))
    y.astype("<f8").tofile(os.path.join(out, "y.f64"))
    mask.tofile(os.path.join(out, "mask.u8"))
    with open(os.path.join(out, "meta.json"), "w") as fh:
        json.dump({"n": n, "edges": int(len(edges)), "seed": seed}, fh)
    print(f"wrote {out}: {n} sites, {len(edges)} edges (seed {seed})")


if __name__ == "__main__":
    main()
