#!/usr/bin/env python3
"""Writes a classic pcap copy of a pcap or pcapng capture (Ethernet) with every frame padded
with zeros to its original length, so that replaying it puts the real sizes on the wire (the
development capture keeps only 128 bytes of each frame).

  padded-capture.py IN OUT [COUNT]    COUNT: only the first COUNT packets"""
import struct
import sys


def packets(data):
    """(seconds, microseconds, captured bytes, original length) of each packet."""
    if data[:4] == b'\x0a\x0d\x0d\x0a':
        order = '<' if data[8:12] == b'\x4d\x3c\x2b\x1a' else '>'
        position, resolution = 0, 1_000_000
        while position + 12 <= len(data):
            kind, length = struct.unpack(order + 'II', data[position:position + 8])
            if kind == 1:  # interface description: look for if_tsresol
                options = position + 16
                while options + 4 <= position + length - 4:
                    code, size = struct.unpack(order + 'HH', data[options:options + 4])
                    if code == 0:
                        break
                    if code == 9:
                        value = data[options + 4]
                        resolution = 2 ** (value & 0x7F) if value & 0x80 else 10 ** value
                    options += 4 + (size + 3) // 4 * 4
            elif kind == 6:
                high, low, captured, original = struct.unpack(order + 'IIII', data[position + 12:position + 28])
                ticks = high << 32 | low
                seconds, fraction = divmod(ticks, resolution)
                yield seconds, fraction * 1_000_000 // resolution, data[position + 28:position + 28 + captured], original
            position += length
    else:
        order = '<' if data[:4] in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1') else '>'
        nano = data[:4] in (b'\x4d\x3c\xb2\xa1', b'\xa1\xb2\x3c\x4d')
        position = 24
        while position + 16 <= len(data):
            seconds, fraction, captured, original = struct.unpack(order + 'IIII', data[position:position + 16])
            yield seconds, fraction // 1000 if nano else fraction, data[position + 16:position + 16 + captured], original
            position += 16 + captured


def main():
    source, target = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    with open(source, 'rb') as file:
        data = file.read()
    with open(target, 'wb') as out:
        out.write(struct.pack('<IHHiIII', 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for count, (seconds, micros, frame, original) in enumerate(packets(data)):
            if limit is not None and count >= limit:
                break
            frame = frame + bytes(max(0, original - len(frame)))
            out.write(struct.pack('<IIII', seconds, micros, len(frame), original))
            out.write(frame)


if __name__ == '__main__':
    main()
