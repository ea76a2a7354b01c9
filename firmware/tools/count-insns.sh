#!/bin/sh
# Count the instructions one mintage_verify() call executes on the Cortex-M0 (QEMU microbit), and
# estimate its cycles.
#
# Method: QEMU runs the example firmware with -singlestep (one guest instruction per translation
# block) and -d exec,nochain (a "Trace" line each time a block is executed, block chaining off so
# none is skipped): one line per executed instruction, with its address. The lines from the first
# instruction of mintage_verify up to (not including) the instruction after main's call are
# counted. Every address is then looked up in the disassembly and weighted with the Cortex-M0
# instruction timings (ARM Cortex-M0 TRM, table 3-1; zero wait states, single-cycle multiplier),
# conditional branches as taken when the next address is not the following instruction.
#
# usage: count-insns.sh ELF CROSS_PREFIX "QEMU MACHINE ARGS" TIMEOUT
set -eu
elf=$1 cross=$2 qargs=$3 limit=$4
here=$(cd "$(dirname "$0")" && pwd)
dis=$(mktemp)
trap 'rm -f "$dis"' EXIT

"${cross}objdump" -d --no-show-raw-insn "$elf" > "$dis"
entry=$("${cross}nm" "$elf" | awk '$3 == "mintage_verify" { print $1 }')
# main calls mintage_verify through a pointer: its only blx; the call returns to the next address
ret=$(awk '/^[0-9a-f]+ <main>:/ { m = 1; next } /^$/ { m = 0 } m && $2 == "blx" { sub(":", "", $1); print $1; exit }' "$dis")
[ -n "$entry" ] && [ -n "$ret" ] || { echo "count-insns: mintage_verify or its call not found" >&2; exit 1; }
ret=$(printf '%08x' $((0x$ret + 2)))
entry=$(printf '%08x' $((0x$entry)))

echo "counting instructions from mintage_verify (0x$entry) until the return to main (0x$ret)"
# shellcheck disable=SC2086
timeout "$limit" qemu-system-arm $qargs -singlestep -d exec,nochain 2>&1 >/dev/null |
    awk -v entry="$entry" -v ret="$ret" -v dis="$dis" -f "$here/insn-cycles.awk"
