#!/usr/bin/env python3
"""Writes datalake/samples/blobs/blobs.csv: 600 points in 4-D around 3 centers (seeded)."""
import random
import sys

random.seed(20261128)
centers = [(0.0, 0.0, 0.0, 0.0), (6.0, 6.0, 0.0, 3.0), (-5.0, 4.0, 6.0, -3.0)]
out = sys.argv[1] if len(sys.argv) > 1 else "datalake/samples/blobs/blobs.csv"
with open(out, "w") as f:
    f.write("x1,x2,x3,x4,label\n")
    for i in range(600):
        label = i % 3
        c = centers[label]
        xs = [round(random.gauss(m, 1.0), 4) for m in c]
        f.write(",".join(str(x) for x in xs) + f",{label}\n")
