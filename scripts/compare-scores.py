#!/usr/bin/env python3
"""Compares two kitsune-lite score files row by row: how many scores are identical, the largest
relative difference, and whether every score is within --relative of the other file's.
Usage: compare-scores.py A.csv B.csv [--relative 1e-5]; exit status 1 if not."""
import argparse
import math
import sys


def scores(path):
    with open(path) as file:
        next(file)
        return [float(line.rsplit(',', 1)[1]) for line in file]


def same(x, y):
    """Equal, or both NaN (a NaN on one side only is a difference, not a pass)."""
    return x == y or (math.isnan(x) and math.isnan(y))


def difference(x, y):
    """The relative difference of two scores that are not the same: infinite when either is not
    finite (NaN against a number, infinity against anything else), so that it always fails."""
    if not (math.isfinite(x) and math.isfinite(y)):
        return math.inf
    return abs(x - y) / max(abs(x), abs(y))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('a')
    parser.add_argument('b')
    parser.add_argument('--relative', type=float, default=1e-5)
    arguments = parser.parse_args()
    a, b = scores(arguments.a), scores(arguments.b)
    if len(a) != len(b):
        sys.exit(f'{len(a)} scores against {len(b)}')
    identical = sum(same(x, y) for x, y in zip(a, b))
    worst = max((difference(x, y) for x, y in zip(a, b) if not same(x, y)), default=0.0)
    print(f'{len(a)} scores: {identical} identical ({identical / len(a):.1%}), '
          f'largest relative difference {worst:.3g} (allowed {arguments.relative:g})')
    if worst > arguments.relative:
        sys.exit(1)


if __name__ == '__main__':
    main()
