#!/bin/sh
# The key bytes of an anchor header (`mintage admin export-anchor --c-header`, firmware/README.md) as
# one lower-case hex string: the 0x.. values of the mintage_authority_key initializer, comments
# removed. Prints nothing for a header without that initializer.
# usage: anchor-hex.sh HEADER
set -eu
sed -n '/mintage_authority_key\[/,/};/p' "$1" | sed 's,/\*[^*]*\*/,,g; s/^[^{]*{//' \
    | grep -o '0x[0-9A-Fa-f][0-9A-Fa-f]' | sed 's/^0x//' | tr -d '\n' | tr 'A-F' 'a-f'
