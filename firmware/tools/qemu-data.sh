#!/bin/sh
# Device data for the QEMU runs, from a test-vectors file ("name: hex" lines):
#   record.bin, record-fw.bin   the vectors' record and record_with_firmware_hash
#   record-tampered.bin         record with one bit of its uid field changed
#   uid.bin, uid-wrong.bin      the vectors' uid, and the same with its first bit changed
# usage: qemu-data.sh VECTORS OUTDIR
set -eu
vectors=$1 out=$2
mkdir -p "$out"

get() {   # hex value of entry $1
    v=$(sed -n "s/^[[:space:]]*$1[[:space:]]*:[[:space:]]*\([0-9A-Fa-f]*\)[[:space:]]*\$/\1/p" "$vectors" | tr -d '\r')
    [ -n "$v" ] || { echo "qemu-data: no '$1' in $vectors" >&2; exit 1; }
    printf '%s' "$v"
}
flip_first_bit_at() {   # hex string $1, byte offset $2: byte ^= 1
    awk -v h="$1" -v o="$2" 'BEGIN {
        b = substr(h, 2 * o + 1, 2); d = index("0123456789abcdef", tolower(substr(b, 2, 1))) - 1
        d = (d % 2) ? d - 1 : d + 1
        printf "%s%s%s", substr(h, 1, 2 * o + 1), substr("0123456789abcdef", d + 1, 1), substr(h, 2 * o + 3) }'
}

get record | xxd -r -p > "$out/record.bin"
get record_with_firmware_hash | xxd -r -p > "$out/record-fw.bin"
flip_first_bit_at "$(get record)" 16 | xxd -r -p > "$out/record-tampered.bin"
get uid | xxd -r -p > "$out/uid.bin"
flip_first_bit_at "$(get uid)" 0 | xxd -r -p > "$out/uid-wrong.bin"
cmp -s "$out/record.bin" "$out/record-tampered.bin" && { echo "qemu-data: tampering failed" >&2; exit 1; }
[ "$(wc -c < "$out/record.bin")" -eq 304 ] || { echo "qemu-data: record is not 304 bytes" >&2; exit 1; }
echo "qemu-data: device data in $out"
