#!/usr/bin/env python3
"""What the blocks toolchains/count.sh counted cost a packet: instructions, and cycles in a model
of the board's core, in all and by function.

Instructions a packet do not say how long a router takes: an in-order Cortex-A53 waits out
every long latency (in LLVM's model of it a double division holds the divider 29 cycles and its
result comes after 33, a four-lane float addition's after 6), where an x86-64 core hides most of
them. LLVM's scheduling
models of the cores are what llvm-mca simulates. Every block that ran is disassembled from the
unstripped binary and given to llvm-mca as a region of its own: its cycles a run (the steady
state of 100 runs back to back) times its runs, summed over the blocks and divided by the
packets, is the modelled cost of a packet.

What the model leaves out, both ways: it sees each block alone (a core that overlaps the end of
one block with the next does better: on x86-64 the method gives 1.6 to 2.4 times the cycles the
host takes, scripts/cycle-model-check.sh), and it knows no cache (the tracker walk's misses cost
more). LLVM's Cortex-A9 model (armv7's) takes VFP divisions as pipelined, which makes armv7's
figures low. The blocks with the last 0.5% of the instructions, and blocks outside the binary
(shared libraries, for the host), are taken at one cycle an instruction.

For a core LLVM has no model of (the Cortex-A7), a second figure: every instruction issued
alone, one a cycle, plus the cycles the divider and the double-precision multiplier stay busy as
GCC's description of the core gives them (`SERIAL_OCCUPANCY`), nothing overlapped. The A7 can
pair some instructions and overlaps a multiply with what follows, so this is high in that; like
the model it knows no cache and no wait for a result, so it is no bound.

Usage: block-report.py LABEL BINARY BLOCKS PACKETS OBJDUMP TRIPLE CPU [DEMANGLER]
  COUNT_FUNCTIONS (default 12) and CYCLE_FUNCTIONS (default 6): how many functions each lists.
  BASE: the address the binary was loaded at, for a position-independent one (qemu-user's).
  TARGET_CORE: the board's own core, for the figure in one-at-a-time issue where it has a table.
"""
import bisect
import collections
import os
import re
import subprocess
import sys
import tempfile

ITERATIONS = 100
COVERAGE = 0.995
CONDITIONS = r"(eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)"
# Extra cycles an instruction holds its unit beyond its issue cycle, by mnemonic pattern: GCC's
# gcc/config/arm/cortex-a7.md (fdivs: the divider 14 cycles, fdivd 29, square roots the same
# unit; fmuld and fmacd: the multiplier 4).
# GNU objdump prints a condition inside an IT block before the type (`vdiveq.f64`).
SERIAL_OCCUPANCY = {
    "cortex-a7": [(rf"^v(div|sqrt){CONDITIONS}?\.f64$", 28), (rf"^v(div|sqrt){CONDITIONS}?\.f32$", 13),
                  (rf"^v(n?mul|n?ml[as]){CONDITIONS}?\.f64$", 3)],
}


def disassembly(objdump, binary):
    """Every instruction of the binary: address -> (mnemonic, operands)."""
    text = subprocess.run([objdump, "-d", "--no-show-raw-insn", binary], capture_output=True, text=True,
                          check=True).stdout
    instructions = {}
    for line in text.splitlines():
        match = re.match(r"^\s+([0-9a-f]+):\t(\S+)\s*(.*)$", line)
        if match:
            instructions[int(match.group(1), 16)] = (match.group(2), match.group(3))
    return instructions


def assembly_line(mnemonic, operands, thumb, x86=False):
    """The instruction as llvm-mca can read it, with the same cost, or None for none."""
    if x86:
        # The host, to check the method against a measured rate (scripts/cycle-model-check.sh).
        if mnemonic in ("cs", "ds", "data16", "rep", "repz", "notrack", "bnd"):
            parts = operands.split(None, 1)
            return assembly_line(parts[0], parts[1] if len(parts) > 1 else "", thumb, x86) if parts else None
        if mnemonic.startswith(("j", "call")) and not operands.startswith("*"):
            return "jmp ."
        return f"{mnemonic} {re.sub(r'[ ]*#.*$', '', operands)}".strip()
    # A call becomes the branch it is: llvm-mca gives calls a latency of 100 cycles, and the
    # callee's blocks are counted on their own.
    if mnemonic in ("bl", "blx") and not operands.startswith(("r", "x")):
        return "b ."
    if mnemonic == "blr":
        return "br " + operands
    if mnemonic == "blx":
        return "bx " + operands
    # Barriers, the thread-pointer read (atomics, musl) and Thumb's nop are in no model (of the
    # ARM cores): one plain move each.
    if mnemonic in ("dmb", "dsb", "isb", "mrc") or (thumb and mnemonic == "nop"):
        return "mov r12, r12" if thumb else "mov x16, x16"
    operands = re.sub(r"\s*(//|@|;) .*$", "", operands)  # objdump's comments
    operands = re.sub(r"\s*<[^>]*>", "", operands)  # symbol names
    if thumb:
        mnemonic = re.sub(r"\.[wn]$", "", mnemonic)  # width suffixes: the assembler chooses
        multiple = re.match(r"^(push|pop|ldm\w*|stm\w*|vldm\w*|vstm\w*|vpush|vpop)$", mnemonic)
        if multiple:
            # The A9 model has no class for a multiple load or store: as many 64-bit transfers
            # (from and to fixed registers: the model loses the list's dependencies, and a
            # pop's return).
            registers = [name.strip() for name in operands[operands.index("{") + 1:operands.index("}")].split(",")]
            words = 0
            for register in registers:
                first, _, last = register.partition("-")  # objdump writes d8-d15 for d8 to d15
                count = int(last[1:]) - int(first[1:]) + 1 if last else 1
                words += count * (2 if first.startswith("d") else 1)
            loads = mnemonic.startswith(("pop", "ldm", "vldm", "vpop"))
            if registers[0][0] in "sd":
                single = "vldr d0, [sp]" if loads else "vstr d0, [sp]"
            else:
                single = "ldrd r0, r1, [sp]" if loads else "strd r0, r1, [sp]"
            return "\n".join([single] * ((words + 1) // 2))
        if mnemonic.startswith("vmov.f") and "#" in operands:
            # objdump prints a VFP immediate as its encoding; any valid one costs the same.
            operands = re.sub(r"#-?\d+$", "#1.0", operands)
    # A branch or a literal load names an address: here, itself.
    if re.match(r"^(b|bl|cbn?z|tbn?z|b\.\w+|b[a-z]{2}|adrp?|ldr\w*|vldr|pld)$", mnemonic):
        operands = re.sub(r"(^|, )(0x)?[0-9a-f]{3,}$", r"\1.", operands)
    return f"{mnemonic} {operands}".strip()


def block_addresses(addresses, start, count):
    """The addresses of the `count` instructions from `start`, or None if the block is not in the
    binary's listing (a shared library's, on the host)."""
    index = bisect.bisect_left(addresses, start)
    if index == len(addresses) or addresses[index] != start:
        return None
    return addresses[index:index + count]


def block_source(instructions, addresses, start, count, thumb, x86):
    """The assembly of the `count` instructions from `start`, or None if it is not in the binary."""
    block = block_addresses(addresses, start, count)
    if block is None:
        return None
    # A block may begin inside an IT block whose IT ended the block before (QEMU splits blocks
    # there too): the IT state comes from the four instructions before it (an IT covers at most
    # four), walked as the block is but not written out.
    first = bisect.bisect_left(addresses, start)
    lead = addresses[max(0, first - 4):first] if thumb else []
    lines, conditional = [], 0
    for index, address in enumerate(lead + block):
        mnemonic, operands = instructions[address]
        if thumb and re.match(r"^it[te]*$", mnemonic):
            # llvm-mca takes no IT block: the IT goes, and the instructions it made conditional
            # lose their condition (they issue either way).
            conditional = len(mnemonic) - 1
            continue
        if conditional:
            mnemonic = re.sub(r"^([a-z0-9]+?)" + CONDITIONS + r"(\.|$)", r"\1\3", mnemonic)
            conditional -= 1
        if index < len(lead):
            continue
        line = assembly_line(mnemonic, operands, thumb, x86)
        if line:
            lines.append(line)
    return "\n".join(lines)


class Symbols:
    """The binary's functions, to name the function of an address, demangled."""

    def __init__(self, objdump, binary, demangler):
        self.demangler = demangler
        self.starts, self.names = [], []
        nm = re.sub(r"objdump$", "nm", objdump)
        listing = subprocess.run([nm, "-n", "--defined-only", binary], capture_output=True, text=True).stdout
        for line in listing.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in "tTwW":
                self.starts.append(int(parts[0], 16))
                self.names.append(parts[2])

    def function(self, address):
        index = bisect.bisect_right(self.starts, address) - 1
        return self.names[index] if index >= 0 else "?"

    def readable(self, name):
        text = name
        if self.demangler:
            try:
                text = subprocess.run([self.demangler, "--simplified", "--compact", name], capture_output=True,
                                      text=True).stdout.strip() or name
            except OSError:
                pass
        return re.sub(r"^(generic )?specialization <[^>]*> of ", "", text)


def modelled_cycles(modelled, regions, triple, cpu, thumb):
    """llvm-mca's cycles a run of each region."""
    with tempfile.NamedTemporaryFile("w", suffix=".s") as assembly:
        assembly.write((".syntax unified\n.thumb\n" if thumb else "") + "".join(regions))
        assembly.flush()
        # The A7 divides in hardware, the A9 modelled for it does not: its divisions are accepted.
        features = ["-mattr=+hwdiv"] if thumb else []
        result = subprocess.run([os.environ.get("LLVM_MCA", "llvm-mca"), f"-mtriple={triple}", f"-mcpu={cpu}", *features,
                                 f"-iterations={ITERATIONS}", "-all-views=false", "-summary-view", assembly.name],
                                capture_output=True, text=True)
    # llvm-mca reports an instruction it cannot take as an error and goes on without it, status
    # 0: a block modelled short. Any error fails the count.
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    if result.returncode != 0 or errors:
        lines = errors or [line for line in result.stderr.splitlines()
                           if not line.startswith(("warning: found a call", "note: call"))]
        sys.exit("block-report: llvm-mca failed: " + " ".join(lines[:4]))
    cycles = [int(value) / ITERATIONS for value in re.findall(r"Total Cycles:\s+(\d+)", result.stdout)]
    if len(cycles) != len(modelled):
        sys.exit(f"block-report: llvm-mca reported {len(cycles)} regions of {len(modelled)}")
    return cycles


def main():
    label, binary, blocks_path, packets, objdump, triple, cpu = sys.argv[1:8]
    symbols = Symbols(objdump, binary, sys.argv[8] if len(sys.argv) > 8 else None)
    packets = int(packets)
    thumb = triple.startswith("thumb")
    x86 = triple.startswith("x86_64")
    base = int(os.environ.get("BASE", "0"), 16)

    runs = collections.Counter()
    for line in open(blocks_path):
        address, count, executions = line.split()
        runs[(int(address, 16) - base, int(count))] += int(executions)
    total = sum(count * executions for (_, count), executions in runs.items())

    instructions_of = collections.Counter()
    for (start, count), executions in runs.items():
        instructions_of[symbols.function(start)] += count * executions
    print(f"{label}: {total // packets:,} instructions a packet ({packets:,} packets)")
    for name, count in instructions_of.most_common(int(os.environ.get("COUNT_FUNCTIONS", "12"))):
        print(f"  {count // packets:>7,}  {symbols.readable(name)[:110]}")

    instructions = disassembly(objdump, binary)
    addresses = sorted(instructions)
    modelled, regions, covered = [], [], 0
    for (start, count), executions in sorted(runs.items(), key=lambda item: -item[0][1] * item[1]):
        if covered >= COVERAGE * total:
            break
        source = block_source(instructions, addresses, start, count, thumb, x86)
        # Not in the binary, or nothing llvm-mca takes (a block of a lone Thumb IT, whose
        # instructions begin the next block): counted at one cycle an instruction, as the rest.
        if not source:
            continue
        regions.append(f"# LLVM-MCA-BEGIN b{len(modelled)}\n{source}\n# LLVM-MCA-END\n")
        modelled.append((start, count, executions))
        covered += count * executions
    cycles = modelled_cycles(modelled, regions, triple, cpu, thumb)

    cycles_of, modelled_instructions_of = collections.Counter(), collections.Counter()
    for per_run, (start, count, executions) in zip(cycles, modelled):
        name = symbols.function(start)
        cycles_of[name] += per_run * executions
        modelled_instructions_of[name] += count * executions
    whole = sum(cycles_of.values()) + (total - covered)
    print(f"  modelled for {cpu} by llvm-mca: {whole / packets:,.0f} cycles a packet "
          f"({total / whole:.2f} instructions a cycle; {covered / total:.1%} of them in {len(modelled)} modelled blocks)")
    for name, spent in cycles_of.most_common(int(os.environ.get("CYCLE_FUNCTIONS", "6"))):
        print(f"  {spent / packets:>7,.0f} cycles ({modelled_instructions_of[name] / spent:.2f} instructions a cycle)"
              f"  {symbols.readable(name)[:100]}")
    core = os.environ.get("TARGET_CORE", "")
    if core in SERIAL_OCCUPANCY and core != cpu:
        held = serial_extra_cycles(instructions, addresses, runs, SERIAL_OCCUPANCY[core])
        print(f"  {core}, one instruction at a time, its divider and double multiplier never overlapped "
              f"(GCC's cortex-a7.md): {(total + held) / packets:,.0f} cycles a packet")


def serial_extra_cycles(instructions, addresses, runs, occupancy):
    """The cycles the executed instructions hold their units beyond one each (`SERIAL_OCCUPANCY`)."""
    patterns = [(re.compile(pattern), extra) for pattern, extra in occupancy]
    held = 0
    for (start, count), executions in runs.items():
        for address in block_addresses(addresses, start, count) or []:
            mnemonic = instructions[address][0]
            held += executions * next((extra for pattern, extra in patterns if pattern.match(mnemonic)), 0)
    return held


if __name__ == "__main__":
    main()
