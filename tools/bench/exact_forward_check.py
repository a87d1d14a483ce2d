#!/usr/bin/python3
"""Exact forward pass of a ReLU MLP (ONNX Gemm/Relu chain) on CSV points, independent of mlgeo.

Issue 12 asks that the data counts of the LP tier match a forward pass in exact arithmetic. This
script reads the ONNX weights as the exact rationals they are (float32 -> Fraction, no rounding),
the CSV decimals as exact rationals (Fraction of the text), and runs the network with Python
integers: every layer keeps one common power-of-two-times-power-of-ten denominator, and the integer
matrix products are done exactly with numpy int64 on 26-bit limbs (no product or sum can overflow:
|limb·limb| < 2^52, at most 2^10 terms per sum) recombined in Python ints.
A unit is active iff its exact pre-activation is > 0; a pre-activation exactly 0 is reported (the
point lies on a hyperplane; mlgeo must then not claim an open cell for it).

Given an mlgeo report (`mlgeo analyze … --cells data --geometry lp --out report.json`, with margins:
they map every point to its cell), it compares, per point, the activation pattern with the label
of the point's cell and the exact argmax with `predictedClass`, and the number of points per
distinct pattern with the cells' `dataCount`. Prints one JSON line; exit status 1 on a mismatch.

  /usr/bin/python3 tools/bench/exact_forward_check.py model.onnx points.csv [report.json]
      [--points N] [--label-column label]

Needs Debian's python3-onnx and python3-numpy (import only with /usr/bin/python3).
"""
import json
import sys
import time
from collections import Counter
from fractions import Fraction

import numpy as np
import onnx
from onnx import numpy_helper

LIMB = 26  # bits per limb: |a_i·b_j| < 2^52, 784 terms < 2^62


def read_mlp(path):
    """[(W as rows of Fractions, b as Fractions)] of a Gemm(+Relu) chain (MatMul+Add also read)."""
    m = onnx.load(path)
    init = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
    layers = []
    pending = None
    for node in m.graph.node:
        att = {a.name: a for a in node.attribute}
        if node.op_type == 'Gemm':
            W = init[node.input[1]].astype(np.float64)
            if att.get('transB') is None or att['transB'].i == 0:
                W = W.T
            if att.get('transA') is not None and att['transA'].i != 0:
                raise SystemExit('Gemm with transA is not supported')
            alpha = att['alpha'].f if 'alpha' in att else 1.0
            beta = att['beta'].f if 'beta' in att else 1.0
            b = init[node.input[2]].astype(np.float64) if len(node.input) > 2 else np.zeros(W.shape[0])
            layers.append((exact_matrix(W, alpha), exact_vector(b, beta)))
        elif node.op_type == 'MatMul':
            pending = init[node.input[1]].astype(np.float64).T
        elif node.op_type == 'Add' and pending is not None:
            b = init[node.input[1]].astype(np.float64)
            layers.append((exact_matrix(pending, 1.0), exact_vector(b, 1.0)))
            pending = None
        elif node.op_type in ('Relu', 'Flatten', 'Identity'):
            continue
        else:
            raise SystemExit(f'unsupported ONNX op {node.op_type}')
    return layers


def exact_matrix(W, scale):
    s = Fraction(scale)
    return [[Fraction(float(v)) * s for v in row] for row in W]


def exact_vector(b, scale):
    s = Fraction(scale)
    return [Fraction(float(v)) * s for v in b]


def lcm(a, b):
    from math import gcd
    return a // gcd(a, b) * b


def common(fracs):
    """(integers, denominator) with fracs = integers / denominator."""
    D = 1
    for f in fracs:
        D = lcm(D, f.denominator)
    return [f.numerator * (D // f.denominator) for f in fracs], D


def limbs(M):
    """M (object array of Python ints) = Σ_i L_i·2^(LIMB·i), L_i int64 with the sign of M."""
    sign = np.where(M < 0, -1, 1).astype(object)
    A = M * sign
    out = []
    mask = (1 << LIMB) - 1
    while True:
        nz = A != 0
        if not nz.any():
            break
        out.append((A & mask).astype(np.int64) * sign.astype(np.int64))
        A = A >> LIMB
    return out or [np.zeros(M.shape, dtype=np.int64)]


def limb_matmul(X, W):
    """Exact X @ W for object arrays of Python ints (rows ≤ 2^10 terms per sum)."""
    assert X.shape[1] <= 1 << 10
    xs = limbs(X)
    ws = limbs(W)
    out = np.zeros((X.shape[0], W.shape[1]), dtype=object)
    for i, xi in enumerate(xs):
        for j, wj in enumerate(ws):
            p = (xi @ wj).astype(object)
            out = out + p * (1 << (LIMB * (i + j)))
    return out


def read_csv(path, dimension, label_column, limit):
    with open(path) as f:
        lines = [l for l in f.read().splitlines() if l.strip() and not l.startswith('#')]
    head = lines[0].split(',')
    try:
        [Fraction(c) for c in head]
        header = None
    except ValueError:
        header = [c.strip() for c in head]
        lines = lines[1:]
    if limit is not None:
        lines = lines[:limit]
    keep = None
    if header is not None and label_column in header:
        li = header.index(label_column)
        keep = [k for k in range(len(header)) if k != li]
    rows = []
    for l in lines:
        cells = l.split(',')
        if keep is not None:
            cells = [cells[k] for k in keep]
        cells = cells[:dimension]
        rows.append([Fraction(c.strip()) for c in cells])
    return rows


def forward(layers, rows):
    """Per point: the pattern string (layer order, '1' active) and the exact argmax; ties listed."""
    flat = [f for r in rows for f in r]
    Xint, D = common(flat)
    X = np.array(Xint, dtype=object).reshape(len(rows), len(rows[0]))
    patterns = [''] * len(rows)
    zeros = []
    for li, (W, b) in enumerate(layers):
        Wint, Dw = common([f for r in W for f in r])
        Wm = np.array(Wint, dtype=object).reshape(len(W), len(W[0])).T
        bint, Db = common(b)
        # z = X/D · Wm/Dw + b/Db = (X·Wm·(E/(D·Dw)) + b·(E/Db)) / E
        E = lcm(D * Dw, Db)
        Z = limb_matmul(X, Wm) * (E // (D * Dw)) + np.array(bint, dtype=object) * (E // Db)
        if li == len(layers) - 1:
            out = Z
            break
        for i in range(len(rows)):
            zi = Z[i]
            patterns[i] += ''.join('1' if v > 0 else '0' for v in zi)
            if any(v == 0 for v in zi):
                zeros.append(i)
        X = np.where(Z > 0, Z, 0).astype(object)
        D = E
    classes = []
    for i in range(len(rows)):
        o = list(out[i])
        best = max(o)
        classes.append(o.index(best) if o.count(best) == 1 else None)
    return patterns, classes, sorted(set(zeros))


def main():
    args = sys.argv[1:]
    opt = {}
    pos = []
    i = 0
    while i < len(args):
        if args[i].startswith('--'):
            opt[args[i][2:]] = args[i + 1]
            i += 2
        else:
            pos.append(args[i])
            i += 1
    model, csv = pos[0], pos[1]
    report = pos[2] if len(pos) > 2 else None
    t0 = time.process_time()
    layers = read_mlp(model)
    d = len(layers[0][0][0])
    rows = read_csv(csv, d, opt.get('label-column', 'label'),
                    int(opt['points']) if 'points' in opt else None)
    patterns, classes, zeros = forward(layers, rows)
    counts = Counter(patterns)
    res = {
        'points': len(rows),
        'distinctPatterns': len(counts),
        'pointsOnAHyperplane': len(zeros),
        'argmaxTies': sum(1 for c in classes if c is None),
        'cpuSeconds': round(time.process_time() - t0, 2),
    }
    ok = True
    if report is not None:
        rep = json.load(open(report))
        cells = rep['partition']['cells']
        label = {c.get('index', i): c['label'] for i, c in enumerate(cells)}
        margins = rep.get('lp', {}).get('margins')
        if margins is None:
            raise SystemExit('the report has no lp.margins (point → cell); run with --lp margins…')
        by_point = {m['point']: m for m in margins}
        same_pattern = sum(1 for i in range(len(rows))
                           if i in by_point and label.get(by_point[i]['cell']) == patterns[i])
        same_class = sum(1 for i in range(len(rows))
                         if i in by_point and by_point[i].get('predictedClass') == classes[i])
        rep_counts = Counter({c['label']: c.get('dataCount', 0) for c in cells})
        res.update({
            'reportPoints': len(by_point),
            'patternsAgree': same_pattern,
            'classesAgree': same_class,
            'reportCells': len(cells),
            'cellCountsAgree': sum(1 for c in cells if counts.get(c['label']) == c.get('dataCount')),
        })
        ok = (same_pattern == len(rows) and same_class == len(rows)
              and res['cellCountsAgree'] == len(cells) and len(cells) == len(counts)
              and dict(rep_counts) == dict(counts))
    res['ok'] = ok
    print(json.dumps(res))
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
