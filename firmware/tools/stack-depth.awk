# Worst-case stack depth from a root function, over the call graphs gcc writes with
# -fcallgraph-info=su (.ci files, VCG format): sum of the static frame sizes along the deepest path.
# usage: awk -v root=FUNC [-v indirect=FUNC] -f stack-depth.awk *.ci
#   indirect: the function an "indirect call" resolves to (mintage_verify has one: BearSSL's
#   impl->muladd, which is api_muladd of ec_p256_m15).
#   leaves: "name=bytes ..." frame sizes of library leaf functions that have no call-graph data
#   (newlib's memcpy & co., measured by the Makefile from their disassembly).
# Other functions without a frame size are listed and counted as 0.
function fname(label) { sub(/\\n.*/, "", label); return label }
/^node:/ {
    t = $0; sub(/.*title: "/, "", t); sub(/".*/, "", t)
    l = $0; sub(/.*label: "/, "", l); sub(/" .*/, "", l); sub(/"[ }]*$/, "", l)
    name[t] = fname(l)
    if (match(l, /[0-9]+ bytes \((static|dynamic|dynamic,bounded)\)/)) {
        s = substr(l, RSTART, RLENGTH); split(s, part, " ")
        size[t] = part[1] + 0; known[t] = 1
        if (s ~ /dynamic/) dyn[t] = 1
        byname[name[t]] = t
    }
    next
}
/^edge:/ {
    src = $0; sub(/.*sourcename: "/, "", src); sub(/".*/, "", src)
    dst = $0; sub(/.*targetname: "/, "", dst); sub(/".*/, "", dst)
    if (!((src SUBSEP dst) in seen_edge)) { seen_edge[src, dst] = 1; ne[src]++; edge[src, ne[src]] = dst }
}
function resolve(t) {   # external references are titled by name; find the defining node
    if (t == "__indirect_call" && indirect != "") t = indirect
    if (!(t in known) && (name[t] in byname)) return byname[name[t]]
    if (!(t in known) && (t in byname)) return byname[t]
    return t
}
function depth(t,    i, d, best, c) {
    t = resolve(t)
    if (t in memo) return memo[t]
    if (t in onpath) { recursion = recursion " " t; return 0 }
    if (!(t in known) && (name[t] in leaf)) { memo[t] = leaf[name[t]]; size[t] = memo[t]; lib[t] = 1; return memo[t] }
    if (!(t in known)) { unknown[t] = 1; memo[t] = 0; return 0 }
    onpath[t] = 1; best = 0; bestc[t] = ""
    for (i = 1; i <= ne[t]; i++) {
        c = edge[t, i]; d = depth(c)
        if (d > best) { best = d; bestc[t] = resolve(c) }
    }
    delete onpath[t]
    memo[t] = size[t] + best
    return memo[t]
}
END {
    k = split(leaves, lv, " ")
    for (i = 1; i <= k; i++) { split(lv[i], kv, "="); leaf[kv[1]] = kv[2] + 0 }
    if (!(root in byname)) { print "stack-depth: no function " root > "/dev/stderr"; exit 1 }
    total = depth(byname[root])
    printf "worst path from %s:\n", root
    for (t = byname[root]; t != ""; t = bestc[t])
        printf "  %5d  %s%s\n", size[t], name[t], (t in dyn) ? " (dynamic!)" : ""
    printf "static worst-case stack of %s: %d bytes\n", root, total
    for (t in lib) libs = libs " " name[t] "=" size[t]
    if (libs != "") printf "library leaves counted from their disassembly:%s\n", libs
    for (t in unknown) u = u " " name[t]
    if (u != "") printf "not counted (no frame size known, library code):%s\n", u
    if (recursion != "") printf "RECURSION:%s\n", recursion
}
