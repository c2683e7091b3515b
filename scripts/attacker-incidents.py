#!/usr/bin/env python3
"""How many of the incidents `detect` opened name an attacker of a labelled capture: by its
address, or by its MAC under another host's address (ARP spoofing). The rule is the one
`kitsune-lite eval --alerts --attacks` applies (AlertMetrics.swift: the opening's source IP or
MAC), without the attacks' windows: a live replay's packets carry the replay's times, not the
capture's, so whether the attacks are still alerted under overload is whether their author is.
Usage: attacker-incidents.py EVE.json ATTACKS.csv   (prints one line)"""
import csv
import json
import sys


def attackers(path):
    with open(path) as file:
        return {(row['attacker_ip'], row['attacker_mac'].lower()) for row in csv.DictReader(file)}


def opened(path):
    with open(path) as file:
        for line in file:
            event = json.loads(line)
            if event.get('anomaly', {}).get('state') == 'opened':
                yield event


def main(eve, attacks):
    known = attackers(attacks)
    addresses = {address for address, _ in known}
    macs = {mac for _, mac in known}
    total = by_address = by_mac = 0
    for event in opened(eve):
        total += 1
        if event.get('src_ip') in addresses:
            by_address += 1
        elif event.get('ether', {}).get('src_mac', '').lower() in macs:
            by_mac += 1
    names = ', '.join(f'{address} ({mac})' for address, mac in sorted(known))
    print(f'attacker {names}: {by_address + by_mac} of {total} incidents '
          f'({by_address} by its address, {by_mac} by its MAC as another host)')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    main(sys.argv[1], sys.argv[2])
