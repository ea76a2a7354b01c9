# Convert a Mintage test-vectors file (lines "name: hexstring", "#" comments, blank lines) into a
# C header: one `static const unsigned char vec_<name>[]` per entry, and VEC_PRODUCT_ID as a
# uint32 constant (the product_id entry is the big-endian hex text of the uint32).
# usage: awk -f vectors2h.awk -v src=NAME FILE > header.h    (exit status 1 on a malformed file)
BEGIN {
    required = "authority_public_key product_id uid record record_with_firmware_hash firmware_sha256 batch_certificate"
    print "/* Generated from " src " by firmware/tools/vectors2h.awk: do not edit. */"
    print "#ifndef MINTAGE_VECTORS_H"
    print "#define MINTAGE_VECTORS_H"
    print "#define VEC_SOURCE \"" src "\""
}
{ sub(/\r$/, "") }
/^[ \t]*(#|$)/ { next }
{
    colon = index($0, ":")
    if (colon == 0) { bad("no ':'"); next }
    name = substr($0, 1, colon - 1); value = substr($0, colon + 1)
    gsub(/[ \t]/, "", name); gsub(/[ \t]/, "", value)
    value = tolower(value)
    if (name !~ /^[A-Za-z_][A-Za-z0-9_]*$/) { bad("bad name"); next }
    if (value !~ /^([0-9a-f][0-9a-f])*$/) { bad("not an even-length hex string"); next }
    if (name in seen) { bad("duplicate name"); next }
    seen[name] = 1
    n = length(value) / 2
    printf "#define VEC_HAVE_%s 1\n#define VEC_LEN_%s %d\n", name, name, n
    printf "static const unsigned char vec_%s[%d] = {", name, n ? n : 1
    for (i = 0; i < n; i++)
        printf "%s0x%s", (i % 16 ? "," : (i ? ",\n    " : "\n    ")), substr(value, 2 * i + 1, 2)
    print "\n};"
    if (name == "product_id") {
        if (n != 4) { bad("product_id must be 8 hex digits"); next }
        printf "#define VEC_PRODUCT_ID 0x%su\n", value
    }
}
function bad(why) { printf "%s:%d: %s\n", src, NR, why > "/dev/stderr"; err = 1 }
END {
    k = split(required, req, " ")
    for (i = 1; i <= k; i++)
        if (!(req[i] in seen)) { printf "%s: missing entry '%s'\n", src, req[i] > "/dev/stderr"; err = 1 }
    print "#endif"
    exit err
}
