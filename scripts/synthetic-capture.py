#!/usr/bin/env python3
"""Writes synthetic attack captures (classic pcap, Ethernet) for the memory and cost tests.

  synthetic-capture.py flood N OUT   N TCP SYNs, each from a new random source address and
                                     port, to 10.0.0.10:80 (a spoofed-source SYN flood)
  synthetic-capture.py scan N OUT    N TCP SYNs from 10.0.0.66:40000 to 10.0.0.10, one
                                     destination port each (a port scan)

Packets are 10 microseconds apart. The output is deterministic (seeded)."""
import random
import struct
import sys

VICTIM = bytes([10, 0, 0, 10])
SCANNER = bytes([10, 0, 0, 66])
ATTACKER_MAC = bytes.fromhex('021a11000066')
VICTIM_MAC = bytes.fromhex('021a11000010')


def checksum(data):
    if len(data) % 2:
        data += b'\0'
    total = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def syn(source, source_port, destination, destination_port, sequence):
    tcp = struct.pack('!HHIIBBHHH', source_port, destination_port, sequence, 0, 5 << 4, 0x02, 64240, 0, 0)
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 40, sequence & 0xFFFF, 0, 64, 6, 0, source, destination)
    ip = ip[:10] + struct.pack('!H', checksum(ip)) + ip[12:]
    return VICTIM_MAC + ATTACKER_MAC + b'\x08\x00' + ip + tcp


def main():
    kind, count, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    generator = random.Random(1234)
    with open(path, 'wb') as out:
        out.write(struct.pack('<IHHiIII', 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        start = 1_700_000_000 * 1_000_000
        for index in range(count):
            if kind == 'flood':
                source = bytes([generator.randrange(1, 224), generator.randrange(256),
                                generator.randrange(256), generator.randrange(1, 255)])
                frame = syn(source, generator.randrange(1024, 65536), VICTIM, 80, index)
            elif kind == 'scan':
                frame = syn(SCANNER, 40000, VICTIM, index % 65536, index)
            else:
                sys.exit('unknown kind: ' + kind)
            micros = start + index * 10
            out.write(struct.pack('<IIII', micros // 1_000_000, micros % 1_000_000, len(frame), len(frame)))
            out.write(frame)


if __name__ == '__main__':
    main()
