#!/usr/bin/env python3
"""Compares two kitsune-lite score files row by row: how many scores are identical, the largest
relative difference, and whether every score is within --relative of the other file's.
Usage: compare-scores.py A.csv B.csv [--relative 1e-5]; exit status 1 if not."""
import argparse
import sys


def scores(path):
    with open(path) as file:
        next(file)
        return [float(line.rsplit(',', 1)[1]) for line in file]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('a')
    parser.add_argument('b')
    parser.add_argument('--relative', type=float, default=1e-5)
    arguments = parser.parse_args()
    a, b = scores(arguments.a), scores(arguments.b)
    if len(a) != len(b):
        sys.exit(f'{len(a)} scores against {len(b)}')
    identical = sum(x == y for x, y in zip(a, b))
    worst = max((abs(x - y) / max(abs(x), abs(y)) for x, y in zip(a, b) if x != y), default=0.0)
    print(f'{len(a)} scores: {identical} identical ({identical / len(a):.1%}), '
          f'largest relative difference {worst:.3g} (allowed {arguments.relative:g})')
    if worst > arguments.relative:
        sys.exit(1)


if __name__ == '__main__':
    main()
