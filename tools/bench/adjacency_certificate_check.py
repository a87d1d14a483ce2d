#!/usr/bin/python3
"""Independent exact check of the facet-adjacency certificates of an mlgeo LP-tier report.

Each edge of `lp.adjacency.edges` claims that cells a and b (labels differing in the unit at
`position`) share a facet, with `certificate` an exact rational point of it. This script, without
mlgeo code, reads the ONNX weights as the exact rationals they are (exact_forward_check.read_mlp),
runs the ReLU network at the certificate in Python integers and checks: the pre-activation of the
separating unit is exactly 0; every other hidden unit has the strict sign of its bit in cell a's
label (and so in b's: the labels differ only at `position`); the point is strictly inside the box
domain of the report. Prints one JSON line; exit status 1 on a failure.

  /usr/bin/python3 tools/bench/adjacency_certificate_check.py model.onnx report.json
"""
import json
import sys
from fractions import Fraction
from math import gcd

sys.path.insert(0, __file__.rsplit('/', 1)[0])
from exact_forward_check import read_mlp  # noqa: E402


def lcm(a, b):
    return a // gcd(a, b) * b


def main():
    model, report_file = sys.argv[1], sys.argv[2]
    layers = read_mlp(model)
    rep = json.load(open(report_file))
    cells = rep['partition']['cells']
    box = rep['domain']['description']
    edges = rep['lp']['adjacency']['edges']
    # integer layers: W = Wi / sW, b = bi / sb
    ints = []
    for W, b in layers:
        sW = 1
        for row in W:
            for v in row:
                sW = lcm(sW, v.denominator)
        sb = 1
        for v in b:
            sb = lcm(sb, v.denominator)
        ints.append(([[int(v * sW) for v in row] for row in W], sW, [int(v * sb) for v in b], sb))
    failures = []
    checked = 0
    for k, e in enumerate(edges):
        if 'certificate' not in e:
            failures.append((k, 'no certificate'))
            continue
        x = [Fraction(s) for s in e['certificate']]
        # strictly inside the box [lo, hi] (read from the H-representation rows ±x_i ≤ b)
        A = rep['domain']['hrep']['A']
        bb = rep['domain']['hrep']['b']
        inside = True
        for row, rhs in zip(A, bb):
            s = sum(Fraction(a) * xi for a, xi in zip(row, x) if a != '0')
            if not s < Fraction(rhs):
                inside = False
                break
        D = 1
        for v in x:
            D = lcm(D, v.denominator)
        h = [int(v * D) for v in x]
        label = cells[e['a']]['label']
        pos = 0
        ok = inside
        why = '' if inside else 'not strictly inside the box'
        for li, (Wi, sW, bi, sb) in enumerate(ints[:-1]):
            L = lcm(sW * D, sb)
            fa = L // (sW * D)
            fb = L // sb
            z = [sum(w * v for w, v in zip(row, h) if w and v) * fa + bj * fb for row, bj in zip(Wi, bi)]
            for j, zj in enumerate(z):
                p = pos + j
                if p == e['position']:
                    if zj != 0 and ok:
                        ok, why = False, f'unit {p} is not 0'
                elif (zj > 0) != (label[p] == '1') or zj == 0:
                    if ok:
                        ok, why = False, f'unit {p} has the wrong sign'
            pos += len(z)
            h = [max(zj, 0) for zj in z]
            D = L
        checked += 1
        if not ok:
            failures.append((k, why))
    out = {'edges': len(edges), 'checked': checked, 'failures': failures[:10], 'box': box[:40]}
    print(json.dumps(out))
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
