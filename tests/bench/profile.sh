#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Where the cycles go (tests/bench/run -p): perf's cpu-clock samples on
# CPU 0 (pktgen and the packet path) while one scenario of bench.sh runs,
# through ip_vs and through ipvs-lite in turn; prints each one's kernel
# symbols with their sample counts.  Both runs carry the same packets, so
# counts compare directly.
#
# "list" samples both CPUs while -Lnc lists what newflow made, user space
# included, by program, library and symbol.
#
# usage: profile.sh dr|tun|newflow|est|nat|list [ipvs|lite] [NAME=VALUE ...]
what=${1:-dr}
shift
only=
case ${1:-} in
ipvs|lite) only=$1; shift ;;
esac
BENCH_LIB=1
. ./tests/bench/bench.sh

command -v perf >/dev/null || die "no perf in the guest (tests/vm/run -x perf)"
bench_init
echo 0 >/proc/sys/kernel/kptr_restrict
echo -1 >/proc/sys/kernel/perf_event_paranoid
SYSTEMS=${only:-ipvs lite}
for s in $SYSTEMS; do
	chain "$s" && services "$s" || die "$s: set-up"
done
case $what in
dr) run=dr_one ;;
tun) run=tun_one ;;
nat) run=tcp_run ;;
newflow|est|list) run=new_flow_run ;;
*) die "no scenario $what" ;;
esac

for s in $SYSTEMS; do
	: >"/tmp/mem.$s"
	if [ "$what" = est ] || [ "$what" = list ]; then
		round=0
		while [ "$round" -lt "$NF_RUNS" ]; do
			new_flow_run "$s" >/dev/null
			round=$((round + 1))
		done
		run=established
	fi
	if [ "$what" = list ]; then
		t=$(tool "$s")
		eval "d=\$d$s"
		t0=$(now)
		rm -f /tmp/perf.data
		perf record -q -e cpu-clock -a -o /tmp/perf.data -- \
			/usr/sbin/ip netns exec "$d" "$t" -Lnc >/tmp/list 2>/tmp/perf.err
		say "---- $s, list: $(wc -l </tmp/list) lines in" \
			"$((($(now) - t0) / 1000000)) ms"
		perf report -i /tmp/perf.data --stdio --no-children \
			--sort comm,dso,sym -n --percent-limit 0.5 2>/dev/null |
			grep -v '^#' | grep -v '^$'
		continue
	fi
	round=0
	# The workload is a shell function: perf samples the whole CPU from
	# before it starts until after it ends.
	rm -f /tmp/perf.data
	perf record -q -e cpu-clock -C 0 -o /tmp/perf.data 2>/tmp/perf.err &
	perf=$!
	busywait 10000 test -s /tmp/perf.data || { cat /tmp/perf.err; exit 1; }
	"$run" "$s" >/tmp/fig
	kill -INT "$perf"
	wait "$perf"
	say "---- $s, $what: $(tail -1 /tmp/fig)"
	perf report -i /tmp/perf.data --stdio --no-children --sort sym -n \
		--percent-limit 0.1 2>/dev/null | grep -v '^#' | grep -v '^$'
done
