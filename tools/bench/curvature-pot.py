#!/usr/bin/python3
"""Peer side of tools/bench/curvature-bench.ts: W_1 of every edge's lazy walks with POT's ot.emd2
(GraphRicciCurvature's exact method: one emd2 per edge on the full walk supports).

Usage: /usr/bin/python3 tools/bench/curvature-pot.py GRAPH.json OUT.json
GRAPH.json: {"vertexCount", "edges": [[i, j], ...], "counts": [...], "alpha"} (hop metric,
unit walk weights, masses = counts). Writes {"w1": [...], "emd2Cpu": s, "prepCpu": s}: the CPU
time (time.process_time) of the emd2 loop alone and of building the walks and distance matrices.
"""
import json
import sys
import time
from collections import deque

import numpy as np
import ot

graph = json.load(open(sys.argv[1]))
n = graph["vertexCount"]
edges = graph["edges"]
counts = graph["counts"]
alpha = graph["alpha"]
t0 = time.process_time()
nbrs = [[] for _ in range(n)]
for i, j in edges:
    nbrs[i].append(j)
    nbrs[j].append(i)


def walk(i):
    s = sum(counts[k] for k in nbrs[i])
    m = {i: alpha}
    for k in nbrs[i]:
        m[k] = m.get(k, 0.0) + (1 - alpha) * (counts[k] / s if s > 0 else 1 / len(nbrs[i]))
    return m


def hops(source, targets):
    """Breadth-first hop distances from source until every target is reached."""
    want = set(targets)
    dist = {source: 0}
    queue = deque([source])
    want.discard(source)
    while queue and want:
        x = queue.popleft()
        for y in nbrs[x]:
            if y not in dist:
                dist[y] = dist[x] + 1
                want.discard(y)
                queue.append(y)
    return dist


walks = [walk(i) for i in range(n)]
problems = []
for i, j in edges:
    mi, mj = walks[i], walks[j]
    support = sorted(set(mi) | set(mj))
    a = np.array([mi.get(x, 0.0) for x in support])
    b = np.array([mj.get(x, 0.0) for x in support])
    M = np.empty((len(support), len(support)))
    for r, x in enumerate(support):
        d = hops(x, support)
        M[r] = [d[y] for y in support]
    problems.append((a, b, M))
t1 = time.process_time()
w1 = [float(ot.emd2(a, b, M)) for a, b, M in problems]
t2 = time.process_time()
json.dump({"w1": w1, "emd2Cpu": t2 - t1, "prepCpu": t1 - t0, "pot": ot.__version__}, open(sys.argv[2], "w"))
