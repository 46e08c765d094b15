#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The CLI and the C tests build from scratch with -Wall -Wextra -Werror
# (the C tests with -Wall -Werror, as kselftest).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
echo "1..2"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r "$root/ipvsadm-lite" "$root/include" "$scratch/"
make -s -C "$scratch/ipvsadm-lite" clean >/dev/null
if out=$(make -s -C "$scratch/ipvsadm-lite" 2>&1) && [ -z "$out" ]; then
	echo "ok 1 ipvsadm-lite builds with -Wall -Wextra -Werror"
else
	echo "$out" | sed 's/^/# /'
	echo "not ok 1 ipvsadm-lite builds with -Wall -Wextra -Werror"
fi
if out=$(make -s -B -C "$root/tests" 2>&1) && [ -z "$out" ]; then
	echo "ok 2 C tests build with -Wall -Werror"
else
	echo "$out" | sed 's/^/# /'
	echo "not ok 2 C tests build with -Wall -Werror"
fi
