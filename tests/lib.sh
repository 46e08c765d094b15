#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Helpers for the tests that run inside the VM (busybox sh), in the manner
# of kselftest's net/lib.sh: TAP output, namespaces cleaned up on exit,
# polling instead of sleeping, exit 4 when something needed is missing.

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

# busybox sh runs its own applets before PATH: name the real tools.
ip() { /usr/sbin/ip "$@"; }
ss() { /usr/sbin/ss "$@"; }

IPVL_MODULE=${IPVL_MODULE:-/repo/ipvs_lite.ko}

tap_n=0
tap_failed=0
tap_skipped=0

tap_plan() { echo "TAP version 13"; echo "1..$1"; }

ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n $*"
}

not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n $*"
}

skip() {
	tap_n=$((tap_n + 1))
	tap_skipped=$((tap_skipped + 1))
	echo "ok $tap_n $* # SKIP"
}

# check NAME CMD...: one TAP line for whether CMD succeeds.
check() {
	local _what="$1"
	shift
	if "$@"; then ok "$_what"; else not_ok "$_what"; fi
}

# check_fail NAME CMD...: one TAP line for whether CMD fails.
check_fail() {
	local _what="$1"
	shift
	if "$@"; then not_ok "$_what"; else ok "$_what"; fi
}

# Print a diff and fail when two files differ.
same() {
	if cmp -s "$1" "$2"; then
		return 0
	fi
	echo "# --- $1"
	echo "# +++ $2"
	diff "$1" "$2" | sed 's/^/# /'
	return 1
}

# busywait TIMEOUT_MS CMD...: poll CMD every 10 ms until it succeeds.
busywait() {
	timeout_ms=$1
	shift
	waited=0
	while ! "$@"; do
		[ "$waited" -lt "$timeout_ms" ] || return 1
		usleep 10000
		waited=$((waited + 10))
	done
}

# within SECONDS CMD...: poll CMD every 100 ms until it succeeds, for at
# most SECONDS of real time (busywait counts only its sleeps, which a slow
# CMD stretches).
within() {
	read -r _up _ </proc/uptime
	_limit=$((${_up%.*} + $1))
	shift
	while ! "$@"; do
		read -r _up _ </proc/uptime
		[ "${_up%.*}" -lt "$_limit" ] || return 1
		usleep 100000
	done
}

# Namespaces made with setup_ns are deleted by cleanup_all_ns.
NS_LIST=
setup_ns() {
	for name in "$@"; do
		ns=$name-$$
		ip netns add "$ns" || return 1
		ip -n "$ns" link set lo up
		eval "$name=\$ns"
		NS_LIST="$NS_LIST $ns"
	done
}

cleanup_all_ns() {
	for ns in $NS_LIST; do
		ip netns del "$ns" 2>/dev/null
	done
	NS_LIST=
}

mod_loaded() { grep -q "^$1 " /proc/modules; }

# insmod_ipvs_lite ARGS: ipvs_lite with ARGS, after the module it needs
# (IPv6 reassembly), which insmod does not load as modprobe would.
insmod_ipvs_lite() {
	modprobe nf_defrag_ipv6 && insmod "$IPVL_MODULE" "$@"
}

load_ipvs_lite() {
	mod_loaded ipvs_lite || insmod_ipvs_lite "$@"
}

unload_ipvs_lite() {
	! mod_loaded ipvs_lite || rmmod ipvs_lite
}

# Unload the kernel's IPVS and its schedulers, if loaded.
unload_ip_vs() {
	for m in $(awk '$1 ~ /^ip_vs/ { print $1 }' /proc/modules); do
		[ "$m" = ip_vs ] || rmmod "$m"
	done
	! mod_loaded ip_vs || rmmod ip_vs
}

# The exit status for the TAP lines printed so far.
tap_exit() {
	[ "$tap_failed" -eq 0 ] || exit $KSFT_FAIL
	[ "$tap_skipped" -lt "$tap_n" ] || exit $KSFT_SKIP
	exit $KSFT_PASS
}
