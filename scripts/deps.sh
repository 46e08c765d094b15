#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Install what building and testing ipvs-lite needs, from Debian's archive.
# Idempotent: packages already present are not fetched again.
#
# usage: scripts/deps.sh [--source]   (--source adds linux-source-6.1 for
#                                      checkpatch.pl, kselftest headers and
#                                      the debug kernel)
set -eu

pkgs="build-essential pkg-config bc bison flex libelf-dev libssl-dev dwarves
kmod cpio xz-utils zstd qemu-system-x86 busybox-static iproute2 ipvsadm
libnl-3-dev libnl-genl-3-dev libpopt-dev sparse socat netcat-openbsd keepalived
nftables
linux-image-amd64 linux-headers-amd64
linux-image-6.12-amd64 linux-headers-6.12-amd64
linux-source-6.1"

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: need root to install:$missing" >&2
	exit 1
fi
echo "deps: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# The lists may be stale or absent on a fresh machine.
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
