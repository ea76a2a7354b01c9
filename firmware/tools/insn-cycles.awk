# Reads QEMU "-singlestep -d exec,nochain" trace lines on stdin; counts the instructions executed
# from address `entry` until address `ret`, per function, and estimates Cortex-M0 cycles from the
# disassembly `dis` (objdump -d --no-show-raw-insn). See count-insns.sh.
BEGIN {
    while ((getline line < dis) > 0) {
        if (line ~ /^[0-9a-f]+ <.*>:$/) {
            fn = line; sub(/^[0-9a-f]+ </, "", fn); sub(/>:$/, "", fn); continue
        }
        if (line !~ /^ *[0-9a-f]+:\t/) continue
        split(line, f, "\t"); a = f[1]; gsub(/[ :]/, "", a); a = sprintf("%08x", hex(a))
        op[a] = f[2]; args[a] = f[3]; func[a] = fn
        if (f[2] ~ /^b(eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le)(\.n)?$/)
            fall[a] = sprintf("%08x", hex(a) + 2)   # not taken: the next instruction
    }
}
function hex(h,    i, v) { v = 0; h = tolower(h); for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1; return v }
/^Trace/ {
    split($0, b, "/"); pc = b[2]
    if (!on) { if (pc != entry) next; on = 1 }
    else if (pc == ret) { on = 0; done = 1; next }
    if (done) next
    if ((prev in fall) && pc != fall[prev]) taken[prev]++   # conditional branch taken
    n[pc]++; total++; prev = pc
}
function nregs(s,    k, r, p, i, cnt) {   # registers in a {r0, r4-r7, lr} list
    sub(/.*\{/, "", s); sub(/\}.*/, "", s); k = split(s, r, ",")
    cnt = 0
    for (i = 1; i <= k; i++) { gsub(/ /, "", r[i]); if (split(r[i], p, "-") == 2) cnt += substr(p[2], 2) - substr(p[1], 2) + 1; else cnt++ }
    return cnt
}
function cycles(a, cnt, tk,    o, s) {   # Cortex-M0 TRM table 3-1
    o = op[a]; s = args[a]
    if (a in fall) return tk * 3 + (cnt - tk)
    if (o == "b" || o == "b.n" || o == "bx" || o == "blx") return 3 * cnt
    if (o == "bl") return 4 * cnt
    if (o == "push") return (1 + nregs(s)) * cnt
    if (o == "pop") return (1 + nregs(s) + (s ~ /pc/ ? 3 : 0)) * cnt
    if (o ~ /^(ldm|stm)/) return (1 + nregs(s)) * cnt
    if (o ~ /^(ldr|str)/) return 2 * cnt
    if ((o == "mov" || o == "add") && s ~ /^pc,/) return 3 * cnt
    if (o ~ /^(msr|mrs|isb|dsb|dmb)$/) return 4 * cnt
    return cnt
}
END {
    if (!done) { print "count-insns: the call did not return (timeout?)" > "/dev/stderr"; exit 1 }
    for (a in n) {
        if (!(a in op)) unk += n[a]
        c = cycles(a, n[a], taken[a] + 0); cyc += c
        byf[func[a]] += n[a]; cbyf[func[a]] += c
    }
    for (g in byf) printf "  %10d insns %10d cycles  %s\n", byf[g], cbyf[g], g | "sort -rn"
    close("sort -rn")
    printf "instructions per verification: %d\n", total
    printf "estimated Cortex-M0 cycles (zero wait states): %d\n", cyc
    printf "at 48 MHz: %.0f ms (instructions, i.e. 1 cycle each), %.0f ms (estimated cycles)\n", total / 48000, cyc / 48000
    if (unk) printf "(%d executed instructions at addresses missing from the disassembly)\n", unk
}
