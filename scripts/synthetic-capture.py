#!/usr/bin/env python3
"""Writes synthetic attack captures (classic pcap, Ethernet) for the memory and cost tests.

  synthetic-capture.py flood N OUT   N TCP SYNs, each from a new random source address and
                                     port, to 10.0.0.10:80 (a spoofed-source SYN flood)
  synthetic-capture.py scan N OUT    N TCP SYNs from 10.0.0.66:40000 to 10.0.0.10, one
                                     destination port each (a port scan)

Packets are 10 microseconds apart.

  synthetic-capture.py inject syn|udp N RATE AT VICTIM:PORT CAPTURE LABELS OUT OUT_LABELS
      A spoofed-source flood injected into a real capture (pcap or pcapng, Ethernet): N SYNs
      or UDP datagrams (64 bytes of payload), each from a new random source address and port,
      RATE packets a second from AT seconds after the capture's first packet, to VICTIM:PORT
      (a host of the capture: its MAC is taken from its own packets), sent through the busiest
      other MAC of the capture (a compromised device, or the router's LAN side). Writes a
      nanosecond pcap of the merged packets and labels (one 0/1 a line, 1 for the flood's,
      the capture's own labels kept).

The output is deterministic (seeded)."""
import random
import struct
import sys
from collections import Counter

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


def udp(source, source_port, destination, destination_port, sequence, mac_to, mac_from):
    payload = bytes(64)
    udp_header = struct.pack('!HHHH', source_port, destination_port, 8 + len(payload), 0)
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + 8 + len(payload), sequence & 0xFFFF, 0, 64, 17, 0,
                     source, destination)
    ip = ip[:10] + struct.pack('!H', checksum(ip)) + ip[12:]
    return mac_to + mac_from + b'\x08\x00' + ip + udp_header + payload


def read_capture(path):
    """(nanoseconds, original length, frame) of every packet of a pcap or pcapng file."""
    data = open(path, 'rb').read()
    packets = []
    magic = struct.unpack('<I', data[:4])[0]
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        scale = 1000 if magic == 0xA1B2C3D4 else 1
        offset = 24
        while offset + 16 <= len(data):
            seconds, fraction, captured, original = struct.unpack('<IIII', data[offset:offset + 16])
            packets.append((seconds * 1_000_000_000 + fraction * scale, original,
                            data[offset + 16:offset + 16 + captured]))
            offset += 16 + captured
        return packets
    if magic != 0x0A0D0D0A:
        sys.exit(path + ': not a little-endian pcap or pcapng file')
    offset, resolutions = 0, []
    while offset + 12 <= len(data):
        block_type, length = struct.unpack('<II', data[offset:offset + 8])
        body = data[offset + 8:offset + length - 4]
        if block_type == 1:  # interface description: find if_tsresol (option 9)
            resolution, position = 1_000_000, 8
            while position + 4 <= len(body):
                code, size = struct.unpack('<HH', body[position:position + 4])
                if code == 0:
                    break
                if code == 9:
                    value = body[position + 4]
                    resolution = 2 ** (value & 0x7F) if value & 0x80 else 10 ** value
                position += 4 + (size + 3) // 4 * 4
            resolutions.append(resolution)
        elif block_type == 6:  # enhanced packet
            interface, high, low, captured, original = struct.unpack('<IIIII', body[:20])
            ticks = high << 32 | low
            packets.append((ticks * 1_000_000_000 // resolutions[interface], original, body[20:20 + captured]))
        offset += length
    return packets


def inject(arguments):
    kind, count, rate, at, victim, capture, labels_path, out, out_labels = arguments
    count, rate, at = int(count), float(rate), float(at)
    victim_ip, victim_port = victim.split(':')
    victim_address = bytes(int(part) for part in victim_ip.split('.'))
    packets = read_capture(capture)
    labels = [int(line) for line in open(labels_path).read().split()]
    if len(labels) != len(packets):
        sys.exit('the labels do not match the capture: %d and %d' % (len(labels), len(packets)))
    is_ipv4 = lambda frame: len(frame) >= 34 and frame[12:14] == b'\x08\x00'
    victim_macs = [frame[6:12] for _, _, frame in packets if is_ipv4(frame) and frame[26:30] == victim_address]
    if not victim_macs:
        sys.exit('the capture has no packet from ' + victim_ip)
    victim_mac = Counter(victim_macs).most_common(1)[0][0]
    via = Counter(frame[6:12] for _, _, frame in packets if frame[6:12] != victim_mac).most_common(1)[0][0]
    generator = random.Random(1234)
    start = packets[0][0] + int(at * 1e9)
    flood = []
    for index in range(count):
        source = bytes([generator.randrange(1, 224), generator.randrange(256), generator.randrange(256),
                        generator.randrange(1, 255)])
        port = generator.randrange(1024, 65536)
        if kind == 'syn':
            frame = syn(source, port, victim_address, int(victim_port), index)
            frame = victim_mac + via + frame[12:]
        elif kind == 'udp':
            frame = udp(source, port, victim_address, int(victim_port), index, victim_mac, via)
        else:
            sys.exit('unknown flood: ' + kind)
        flood.append((start + int(index * 1e9 / rate), len(frame), frame))
    merged = sorted([(time, 0, length, frame, label) for (time, length, frame), label in zip(packets, labels)]
                    + [(time, 1, length, frame, 1) for time, length, frame in flood], key=lambda row: (row[0], row[1]))
    with open(out, 'wb') as output:
        output.write(struct.pack('<IHHiIII', 0xA1B23C4D, 2, 4, 0, 0, 65535, 1))
        for time, _, length, frame, _ in merged:
            output.write(struct.pack('<IIII', time // 1_000_000_000, time % 1_000_000_000, len(frame), length))
            output.write(frame)
    with open(out_labels, 'w') as output:
        output.write(''.join('%d\n' % row[4] for row in merged))


def main():
    if sys.argv[1] == 'inject':
        return inject(sys.argv[2:])
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
