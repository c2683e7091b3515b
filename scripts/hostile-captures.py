#!/usr/bin/env python3
"""Writes the crafted captures of the hostile-input checks, each made from the first packets
of a real capture (pcap or pcapng, Ethernet), into a directory:

  hostile-captures.py CAPTURE OUTDIR [--interfaces N]

  wire-length-2g.pcap     records claiming 2^31 and 2^32-1 bytes on the wire (a 32-bit Int
                          cannot hold them)
  far-future.pcapng       timestamps past 2^63 nanoseconds (64-bit pcapng ticks), then normal
                          ones again
  century-jump.pcapng     the second half of the packets a hundred years after the first
  backwards.pcap          time running backwards to the epoch and forwards again
  first-packets.pcap      the first 3,100 packets as they are, in a classic pcap (for
                          feeding a run through a pipe record by record)
  many-interfaces.pcapng  N interface description blocks (default 2,000,000) before the
                          packets: libpcap keeps a table entry for each
  one-instant.pcap        3,000 packets all at the first one's time (no gap to learn)
  oversized-block.pcapng  2,000 packets, then a block claiming 2 MiB, then more packets: the
                          guard refuses from that block on, after passing every packet before

The output is deterministic."""
import importlib.util
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('synthetic_capture', os.path.join(HERE, 'synthetic-capture.py'))
synthetic = importlib.util.module_from_spec(spec)
spec.loader.exec_module(synthetic)

NANO = 1_000_000_000


def write_pcap(path, packets):
    """A nanosecond pcap; `packets` are (nanoseconds, wire length, frame)."""
    with open(path, 'wb') as output:
        output.write(struct.pack('<IHHiIII', 0xA1B23C4D, 2, 4, 0, 0, 65535, 1))
        for time, length, frame in packets:
            output.write(struct.pack('<IIII', time // NANO, time % NANO, len(frame), length))
            output.write(frame)


def block(block_type, body):
    body += bytes(-len(body) % 4)
    length = 12 + len(body)
    return struct.pack('<II', block_type, length) + body + struct.pack('<I', length)


def section_header():
    return block(0x0A0D0D0A, struct.pack('<IHHq', 0x1A2B3C4D, 1, 0, -1))


def interface(nanoseconds):
    options = b''
    if nanoseconds:
        options = struct.pack('<HHB3x', 9, 1, 9) + struct.pack('<HH', 0, 0)
    return block(1, struct.pack('<HHI', 1, 0, 65535) + options)


def enhanced_packet(ticks, length, frame):
    ticks &= (1 << 64) - 1
    return block(6, struct.pack('<IIIII', 0, ticks >> 32, ticks & 0xFFFFFFFF, len(frame), length) + frame)


def write_pcapng(path, packets, interfaces=1):
    """A pcapng with nanosecond ticks; `packets` are (ticks, wire length, frame)."""
    with open(path, 'wb') as output:
        output.write(section_header())
        output.write(interface(True))
        if interfaces > 1:
            other = interface(False)
            for _ in range(interfaces - 1):
                output.write(other)
        for ticks, length, frame in packets:
            output.write(enhanced_packet(ticks, length, frame))


def main():
    arguments = sys.argv[1:]
    interfaces = 2_000_000
    if '--interfaces' in arguments:
        at = arguments.index('--interfaces')
        interfaces = int(arguments[at + 1])
        del arguments[at:at + 2]
    if len(arguments) != 2:
        sys.exit(__doc__)
    capture, directory = arguments
    os.makedirs(directory, exist_ok=True)
    first = synthetic.read_capture(capture)[:3100]
    if len(first) < 3100:
        sys.exit(capture + ': fewer than 3,100 packets')
    write_pcap(os.path.join(directory, 'first-packets.pcap'), first)
    packets = first[:3000]

    huge = [(time, length, frame) for time, length, frame in packets[:400]]
    for index, length in ((100, 1 << 31), (150, (1 << 32) - 1), (151, 1 << 31), (300, (1 << 32) - 1)):
        time, _, frame = huge[index]
        huge[index] = (time, length, frame)
    write_pcap(os.path.join(directory, 'wire-length-2g.pcap'), huge)

    future = []
    for index, (time, length, frame) in enumerate(packets):
        if 1000 <= index < 1010:
            time = (1 << 64) - 1 - index  # about 1.8e19 ns: past what a signed 64-bit count holds
        elif 1010 <= index < 1020:
            time = (1 << 63) + index
        future.append((time, length, frame))
    write_pcapng(os.path.join(directory, 'far-future.pcapng'), future)

    century = 100 * 365 * 86400 * NANO
    jump = [(time + (century if index >= 1500 else 0), length, frame) for index, (time, length, frame) in enumerate(packets)]
    write_pcapng(os.path.join(directory, 'century-jump.pcapng'), jump)

    backwards = []
    for index, (time, length, frame) in enumerate(packets):
        if 1000 <= index < 1500:
            time = index  # the epoch
        backwards.append((time, length, frame))
    write_pcap(os.path.join(directory, 'backwards.pcap'), backwards)

    write_pcap(os.path.join(directory, 'one-instant.pcap'), [(packets[0][0], length, frame) for _, length, frame in packets])

    write_pcapng(os.path.join(directory, 'oversized-block.pcapng'), packets)
    with open(os.path.join(directory, 'oversized-block.pcapng'), 'r+b') as output:
        # The 2,001st packet's block header claims 2 MiB (its length field, at offset 4).
        offset = len(section_header()) + len(interface(True))
        offset += sum(len(enhanced_packet(*packet)) for packet in packets[:2000])
        output.seek(offset + 4)
        output.write(struct.pack('<I', 2 << 20))

    if interfaces > 0:
        write_pcapng(os.path.join(directory, 'many-interfaces.pcapng'), packets[:200], interfaces=interfaces)


if __name__ == '__main__':
    main()
