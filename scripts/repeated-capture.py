#!/usr/bin/env python3
"""Writes a classic pcap of a pcap or pcapng capture repeated TIMES times back to back, each copy's
timestamps shifted past the previous copy's last (by its span and one second), so that the
statistics see one long capture rather than time running back: the benchmark's 1,000,000-packet
capture is dev.pcap sixteen times (1,070,960 packets). Frames keep their captured bytes.

  repeated-capture.py IN OUT TIMES"""
import struct
import sys

sys.path.insert(0, __file__.rsplit('/', 1)[0])
from importlib import import_module

packets = import_module('padded-capture').packets


def main():
    source, target, times = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(source, 'rb') as file:
        records = list(packets(file.read()))
    first = records[0][0] * 1_000_000 + records[0][1]
    last = records[-1][0] * 1_000_000 + records[-1][1]
    shift = last - first + 1_000_000
    with open(target, 'wb') as out:
        out.write(struct.pack('<IHHiIII', 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for copy in range(times):
            for seconds, micros, frame, original in records:
                time = seconds * 1_000_000 + micros + copy * shift
                out.write(struct.pack('<IIII', time // 1_000_000, time % 1_000_000, len(frame), original))
                out.write(frame)


if __name__ == '__main__':
    main()
