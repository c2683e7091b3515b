#!/usr/bin/env python3
"""Writes a long capture to standard output (a nanosecond pcap, streamed, never on disk):
dev.pcap repeated with shifted timestamps, and after every fourth repetition an attack mixed
in, a spoofed-source SYN flood (20,000 packets) or a port scan (10,000 ports) in turn.

  soak-stream.py CAPTURE PACKETS

The output is deterministic."""
import importlib.util
import os
import random
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('synthetic_capture', os.path.join(HERE, 'synthetic-capture.py'))
synthetic = importlib.util.module_from_spec(spec)
spec.loader.exec_module(synthetic)
NANO = 1_000_000_000


def main():
    capture, total = sys.argv[1], int(sys.argv[2])
    packets = synthetic.read_capture(capture)
    first, last = packets[0][0], packets[-1][0]
    period = last - first + NANO  # a second of silence between repetitions
    # Headers and frames made once: only the times change.
    records = [(time - first, struct.pack('<II', len(frame), length) + frame) for time, length, frame in packets]
    generator = random.Random(1234)
    output = sys.stdout.buffer
    output.write(struct.pack('<IHHiIII', 0xA1B23C4D, 2, 4, 0, 0, 65535, 1))
    written, repetition, base = 0, 0, first
    while written < total:
        chunk = []
        for offset, tail in records:
            time = base + offset
            chunk.append(struct.pack('<II', time // NANO, time % NANO) + tail)
        written += len(chunk)
        base += period
        if repetition % 4 == 3:
            attack = []
            victim = bytes([192, 168, 2, 1 + repetition % 100])
            if repetition % 8 == 3:
                for index in range(20_000):
                    source = bytes([generator.randrange(1, 224), generator.randrange(256), generator.randrange(256),
                                    generator.randrange(1, 255)])
                    attack.append(synthetic.syn(source, generator.randrange(1024, 65536), victim, 80, index))
            else:
                for port in range(1, 10_001):
                    attack.append(synthetic.syn(synthetic.SCANNER, 40000, victim, port, port))
            for index, frame in enumerate(attack):
                time = base + index * 10_000
                chunk.append(struct.pack('<IIII', time // NANO, time % NANO, len(frame), len(frame)) + frame)
            written += len(attack)
            base += len(attack) * 10_000 + NANO
        repetition += 1
        try:
            output.write(b''.join(chunk))
        except BrokenPipeError:
            return
    output.flush()


if __name__ == '__main__':
    main()
