#!/usr/bin/python3
"""The scipy side of the laplacian-splines benchmark (run by laplacian-bench.ts).

Reads the input written by generate.py, builds K = B1 diag(M1) B1^T and M0, and times (CPU,
time.process_time of this process, all threads) the operations named on the command line:
  eigsh        10 smallest of K v = lam M0 v: eigsh(K, k=10, M=M0, sigma=SIGMA, which='LM')
  cg:LAM       (W M0 + LAM K) f = W M0 y by cg with a Jacobi preconditioner, rtol 1e-8
  spsolve:LAM  the same system by spsolve (SuperLU)
Prints one JSON object per operation; solutions are written to OUT/peer-<op>.f64.
Usage: /usr/bin/python3 scipy_peer.py DIR OP [OP …]
"""
import json
import os
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as spla

SIGMA = -1e-6


def load(d):
    meta = json.load(open(os.path.join(d, "meta.json")))
    n, m = meta["n"], meta["edges"]
    edges = np.fromfile(os.path.join(d, "edges.i32"), dtype="<i4").reshape(m, 2)
    m0 = np.fromfile(os.path.join(d, "m0.f64"), dtype="<f8")
    m1 = np.fromfile(os.path.join(d, "m1.f64"), dtype="<f8")
    y = np.fromfile(os.path.join(d, "y.f64"), dtype="<f8")
    mask = np.fromfile(os.path.join(d, "mask.u8"), dtype=np.uint8).astype(float)
    rows = edges.reshape(-1)
    cols = np.repeat(np.arange(m), 2)
    vals = np.tile([-1.0, 1.0], m)
    B = sp.csr_matrix((vals, (rows, cols)), shape=(n, m))
    K = (B @ sp.diags(m1) @ B.T).tocsr()
    return K, m0, y, mask


def main():
    d = sys.argv[1]
    K, m0, y, mask = load(d)
    M = sp.diags(m0).tocsc()
    wm = mask * m0
    b = wm * y
    for op in sys.argv[2:]:
        name, _, arg = op.partition(":")
        if name == "eigsh":
            t = time.process_time()
            vals, vecs = spla.eigsh(K.tocsc(), k=10, M=M, sigma=SIGMA, which="LM")
            cpu = time.process_time() - t
            order = np.argsort(vals)
            vals = vals[order]
            vecs = vecs[:, order]
            res = [float(np.linalg.norm(K @ vecs[:, i] - vals[i] * (m0 * vecs[:, i]))) for i in range(10)]
            print(json.dumps({"op": op, "cpu": cpu, "values": vals.tolist(), "residuals": res}), flush=True)
            continue
        lam = float(arg)
        A = (sp.diags(wm) + lam * K).tocsr()
        if name == "cg":
            dinv = 1.0 / A.diagonal()
            P = spla.LinearOperator(A.shape, matvec=lambda r: dinv * r)
            its = [0]

            def count(_):
                its[0] += 1

            t = time.process_time()
            try:
                x, info = spla.cg(A, b, rtol=1e-8, atol=0.0, maxiter=200_000, M=P, callback=count)
            except TypeError:  # scipy < 1.12 names the relative tolerance `tol`
                x, info = spla.cg(A, b, tol=1e-8, atol=0.0, maxiter=200_000, M=P, callback=count)
            cpu = time.process_time() - t
        elif name == "spsolve":
            t = time.process_time()
            x = spla.spsolve(A.tocsc(), b)
            cpu = time.process_time() - t
            info = 0
            its = [None]
        else:
            raise SystemExit(f"unknown op {op}")
        x.astype("<f8").tofile(os.path.join(d, f"peer-{name}-{arg}.f64"))
        rel = float(np.linalg.norm(A @ x - b) / np.linalg.norm(b))
        print(json.dumps({"op": op, "cpu": cpu, "iterations": its[0], "info": int(info), "relres": rel}), flush=True)
    print(json.dumps({"op": "version", "scipy": scipy.__version__, "numpy": np.__version__}), flush=True)


if __name__ == "__main__":
    main()
