# Bytes each object contributes to an image, from a GNU ld map file: the input sections the linker
# kept (after --gc-sections) in .text/.rodata/.data, summed per object; libraries by member.
# usage: awk -f mapsize.awk FILE.map
/^Linker script and memory map/ { inmap = 1; next }
!inmap { next }
/^[^ ]/ { out = $1 }                      # output section header (.text, .data, .bss, ...)
/^ \.[^ ]+$/ { pending = 1; next }        # long input section name: address/size on next line
{
    if (out !~ /^\.(text|rodata|data)$/) { pending = 0; next }
    if (pending && $1 ~ /^0x/ && NF >= 3) { sz = $2; obj = $3; pending = 0 }
    else if ($1 ~ /^\./ && $2 ~ /^0x/ && NF >= 4) { sz = $3; obj = $4 }
    else { pending = 0; next }
    if (obj !~ /\.o\)?$/) next
    n = strtonum_(sz); if (n == 0) next
    sub(/.*\//, "", obj)
    bytes[obj] += n; total += n
    grp = (obj ~ /^mintage/) ? "mintage" : (obj ~ /^lib/) ? "C/gcc runtime" : "BearSSL"
    group[grp] += n
}
function strtonum_(h,    i, c, v) {
    v = 0; h = tolower(h); sub(/^0x/, "", h)
    for (i = 1; i <= length(h); i++) { c = index("0123456789abcdef", substr(h, i, 1)) - 1; v = v * 16 + c }
    return v
}
END {
    for (o in bytes) printf "  %6d  %s\n", bytes[o], o | "sort -rn"
    close("sort -rn")
    for (g in group) printf "  %6d  total %s\n", group[g], g
    printf "  %6d  total\n", total
}
