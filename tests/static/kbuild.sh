#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The module builds with no warning at W=1 and no sparse report (C=2) for
# each kernel, in a scratch copy of the tree: one TAP line per kernel.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
kvers=${IPVL_KVERS:-6.1 6.12}

echo "1..$(echo $kvers | wc -w)"
n=0
rc=0
for k in $kvers; do
	n=$((n + 1))
	paths=$("$root/scripts/kver" -p "$k") || {
		echo "ok $n W=1 C=2 $k # SKIP no such kernel"
		continue
	}
	eval "$paths"
	scratch=$(mktemp -d)
	cp -r "$root/Kbuild" "$root/kmod" "$root/include" "$scratch/"
	out=$(make -s -C "$kdir" M="$scratch" W=1 C=2 \
		CONFIG_DEBUG_INFO_BTF_MODULES= modules 2>&1)
	status=$?
	rm -rf "$scratch"
	if [ $status -eq 0 ] && [ -z "$out" ]; then
		echo "ok $n W=1 C=2 build clean for $kv"
	else
		echo "$out" | sed 's/^/# /'
		echo "not ok $n W=1 C=2 build clean for $kv"
		rc=1
	fi
done
exit $rc
