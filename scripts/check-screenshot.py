#!/usr/bin/env python3
"""Checks a screenshot of kitsune-lite report: the PNG is not blank, and the chart's colours are
drawn (benign, attack, threshold, incidents, the attacks' shading), each over enough pixels.

  check-screenshot.py SCREENSHOT.png

Reads the PNG with the standard library only (zlib): 8-bit RGB or RGBA, not interlaced, as
Chromium writes them. Prints the pixel counts; exits 1 if a colour is missing or the page is blank."""
import struct
import sys
import zlib

EXPECTED = {  # the colours of ScoreChart.swift, and the fewest pixels each must cover
    'benign #1f77b4': ((0x1f, 0x77, 0xb4), 2000),
    'attack #d62728': ((0xd6, 0x27, 0x28), 2000),
    'threshold #ff7f0e': ((0xff, 0x7f, 0x0e), 200),
    'incident #6a3d9a': ((0x6a, 0x3d, 0x9a), 50),
    'attack window #fbd5d5': ((0xfb, 0xd5, 0xd5), 5000),
}


def pixels(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit(path + ': not a PNG')
    position, idat = 8, b''
    while position < len(data):
        length, kind = struct.unpack('>I4s', data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b'IHDR':
            width, height, depth, colour, _, _, interlace = struct.unpack('>IIBBBBB', body)
            if depth != 8 or colour not in (2, 6) or interlace:
                sys.exit(path + ': only 8-bit RGB or RGBA, not interlaced')
        elif kind == b'IDAT':
            idat += body
        position += 12 + length
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = zlib.decompress(idat)
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def main():
    width, height, channels, rows = pixels(sys.argv[1])
    counts = {name: 0 for name in EXPECTED}
    distinct = set()
    for row in rows:
        for x in range(0, len(row), channels):
            rgb = tuple(row[x:x + 3])
            distinct.add(rgb)
            for name, (colour, _) in EXPECTED.items():
                if all(abs(a - b) <= 6 for a, b in zip(rgb, colour)):
                    counts[name] += 1
    failed = len(distinct) < 16
    print('%s: %dx%d, %d distinct colours' % (sys.argv[1], width, height, len(distinct)))
    for name, (_, least) in EXPECTED.items():
        ok = counts[name] >= least
        failed = failed or not ok
        print('  %-24s %7d pixels (at least %d)%s' % (name, counts[name], least, '' if ok else '  MISSING'))
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
