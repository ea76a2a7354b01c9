#!/bin/sh
# Obtain the BearSSL source the firmware build uses, without naming any archive host.
#
# usage: fetch-bearssl.sh BUILD_DIR DEBIAN_VERSION ORIG_TARBALL ORIG_SHA256
#
# The package archive is whatever this machine's apt is already configured with: the `deb` entries
# of /etc/apt/sources.list and /etc/apt/sources.list.d/*.{list,sources} are rewritten as `deb-src`
# entries in a private apt configuration under BUILD_DIR/apt (the system's apt configuration, lists
# and caches are not touched). apt then downloads the source package at exactly DEBIAN_VERSION;
# the original (upstream) tarball must match ORIG_SHA256 or nothing is unpacked.
# Result: BUILD_DIR/bearssl/ holds the unpacked upstream tree.
set -eu

build=$1 version=$2 orig=$3 sha=$4
mkdir -p "$build"
build=$(cd "$build" && pwd)   # apt resolves relative Dir:: paths against /etc/apt
apt_dir=$build/apt
dl=$build/bearssl-src

mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$dl"
: > "$apt_dir/sources.list"
rm -f "$apt_dir/sources.list.d/"*

# one-line format: "deb [opts] uri suite comps" -> "deb-src [opts] uri suite comps"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >> "$apt_dir/sources.list"
done
# deb822 format: keep the stanzas, replace the Types field
for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    sed 's/^Types:.*/Types: deb-src/' "$f" > "$apt_dir/sources.list.d/$(basename "$f")"
done

apt_opts="-o Dir::Etc::SourceList=$apt_dir/sources.list
 -o Dir::Etc::SourceParts=$apt_dir/sources.list.d
 -o Dir::State::Lists=$apt_dir/lists
 -o Dir::Cache=$apt_dir/cache
 -o Dir::Cache::pkgcache=
 -o Dir::Cache::srcpkgcache=
 -o APT::Sandbox::User=root
 -o Debug::NoLocking=1"

if [ ! -f "$dl/$orig" ]; then
    # shellcheck disable=SC2086
    apt-get -q $apt_opts update
    # shellcheck disable=SC2086
    (cd "$dl" && apt-get -q $apt_opts source --download-only "bearssl=$version")
fi

echo "$sha  $dl/$orig" | sha256sum -c - || {
    echo "fetch-bearssl: $orig does not have the pinned SHA-256; refusing to use it" >&2
    exit 1
}

rm -rf "$build/bearssl.tmp" "$build/bearssl"
mkdir -p "$build/bearssl.tmp"
tar -xf "$dl/$orig" -C "$build/bearssl.tmp"
# the tarball holds one top-level directory
mv "$build/bearssl.tmp"/* "$build/bearssl"
rmdir "$build/bearssl.tmp"
echo "fetch-bearssl: BearSSL $version unpacked in $build/bearssl"
