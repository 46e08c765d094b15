#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# checkpatch.pl --strict (from Debian's linux-source-6.1) over the module
# and the UAPI header: one TAP line per file.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
ksrc=$("$root/scripts/ksrc") || exit 4
cd "$root" || exit 1

files=$(ls kmod/*.c kmod/*.h include/uapi/linux/*.h)
echo "1..$(echo "$files" | wc -l)"
n=0
rc=0
for f in $files; do
	n=$((n + 1))
	if out=$(perl "$ksrc/scripts/checkpatch.pl" --strict --no-tree \
		--no-summary --terse --show-types -f "$f" 2>&1) &&
	   [ -z "$out" ]; then
		echo "ok $n checkpatch --strict $f"
	else
		echo "$out" | sed 's/^/# /'
		echo "not ok $n checkpatch --strict $f"
		rc=1
	fi
done
exit $rc
