#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The rate estimator with many services: SVCS services of 10 real servers
# each, configured by one -R, beside one UDP service that carries paced
# traffic (pktgen), NAT to a real server whose tc drops it at ingress.
#
#   client 10.6.1.2 (ns c) -- 10.6.1.1, VIP 10.6.1.100 (ns d, the director)
#                             10.6.2.1 -- 10.6.2.2 (ns r, the real server)
#
#   - the traffic's rate appears in -Ln --rate within a few periods, near
#     the rate its counters show (--stats over the same time), for the
#     service and its real server;
#   - half the services deleted by one -R while the estimator runs: the
#     others are listed, none but the traffic's service and real server
#     shows a rate, and that is still near its counters'; -C empties the
#     table;
#   - the kernel log shows no soft lockup and no RCU stall (the harness
#     fails the run on any splat, too);
#   - with tracefs, the estimator's work runs are timed and reported
#     ("# estimator: ..."): a figure, not a check.
#
# usage: estimator.sh [SVCS]   (default 10000; 1000 on the debug kernel)
. ./tests/lib.sh

SVCS=${1:-10000}
PG_DELAY=1000000	# ns between packets: 1000 a second
if [ $# -eq 0 ] && [ -e /sys/kernel/debug/kmemleak ]; then
	SVCS=1000
	PG_DELAY=5000000
fi
VIP=10.6.1.100
RIP=10.6.2.2

trap 'pg_stop; cleanup_all_ns' EXIT
tap_plan 8
unload_ip_vs
load_ipvs_lite || exit $KSFT_FAIL
modprobe pktgen || exit $KSFT_FAIL
setup_ns c d r || exit $KSFT_FAIL
lite() { ip netns exec "$d" ipvsadm-lite "$@"; }
ip link add eth0 netns "$c" type veth peer name c0 netns "$d" &&
ip link add eth0 netns "$r" type veth peer name r0 netns "$d" || exit $KSFT_FAIL
for l in "$c eth0" "$d c0" "$d r0" "$r eth0"; do
	ip -n ${l% *} link set ${l#* } up
done
ip -n "$c" addr add 10.6.1.2/24 dev eth0
ip -n "$d" addr add 10.6.1.1/24 dev c0
ip -n "$d" addr add "$VIP/24" dev c0
ip -n "$d" addr add 10.6.2.1/24 dev r0
ip -n "$r" addr add "$RIP/24" dev eth0
ip netns exec "$d" sh -c 'echo 1 >/proc/sys/net/ipv4/ip_forward'
ip netns exec "$r" /usr/sbin/tc qdisc add dev eth0 ingress
ip netns exec "$r" /usr/sbin/tc filter add dev eth0 parent ffff: protocol ip \
	u32 match ip protocol 17 0xff action drop

# ---- the configuration -------------------------------------------------------

# SVCS TCP services of 10 NAT real servers each, in -R's syntax, and the
# deletion of every other one.
awk -v n="$SVCS" 'BEGIN {
	for (i = 0; i < n; i++) {
		v = sprintf("10.%d.%d.%d:80", 100 + int(i / 65536),
			    int(i / 256) % 256, i % 256)
		print "-A -t " v " -s wlc"
		for (j = 0; j < 10; j++)
			printf "-a -t %s -r 10.99.%d.%d:80 -m -w 1\n",
				v, j, i % 250 + 1
		if (i % 2)
			print "-D -t " v >"/tmp/est.del"
	}
}' >/tmp/est.conf
read -r t0 _ </proc/uptime
lite -R </tmp/est.conf
check "-R of $SVCS services x 10 real servers in one process" [ $? -eq 0 ]
read -r t1 _ </proc/uptime
echo "# -R: $(wc -l </tmp/est.conf) lines in $(echo "$t0 $t1" |
	awk '{ printf "%.1f", $2 - $1 }') s"
lite -A -u "$VIP:9" -s rr && lite -a -u "$VIP:9" -r "$RIP:9" -m ||
	exit $KSFT_FAIL

# ---- the estimator's runs, timed while the rate builds up ------------------------

tr=/sys/kernel/tracing
[ -d "$tr/events" ] || mount -t tracefs nodev "$tr" 2>/dev/null
fn=$(awk '$3 == "ipvl_est_work" { print "0x" $1 }' /proc/kallsyms)
traced=
if [ -d "$tr/events/workqueue" ] && [ -n "$fn" ]; then
	for e in workqueue_execute_start workqueue_execute_end; do
		echo "function == $fn" >"$tr/events/workqueue/$e/filter"
		echo 1 >"$tr/events/workqueue/$e/enable"
	done
	echo >"$tr/trace"
	echo 1 >"$tr/tracing_on"
	traced=1
fi
# trace_report: the runs since tracing started: how many, how long.
trace_report() {
	if [ -z "$traced" ]; then
		echo "# no tracefs workqueue events: estimator runs not timed"
		return
	fi
	echo 0 >"$tr/tracing_on"
	rm -f /tmp/est.runs
	awk '{
		for (i = 2; i <= NF; i++)
			if ($i ~ /^[0-9]+\.[0-9]+:$/) break
		t = $i + 0
		if ($0 !~ /ipvl_est_work/) next
		if ($(i + 1) == "workqueue_execute_start:") s[$1] = t
		else if ($1 in s) {
			d = t - s[$1]; n++; sum += d
			print d * 1000 >"/tmp/est.runs"
			if (!first) first = s[$1]
			last = t
		}
	} END {
		if (n) printf "# estimator: %d work runs in %.1f s, %.1f ms in all;",
			n, last - first, sum * 1000
	}' "$tr/trace"
	[ ! -s /tmp/est.runs ] || sort -n /tmp/est.runs | awk '{ v[NR] = $1 } END {
		printf " per run: median %.2f ms, 99th percentile %.2f ms, longest %.2f ms\n",
			v[int((NR + 1) / 2)], v[int(NR * 0.99) + 1], v[NR] }'
	# The events stay enabled: turning them off patches their jump
	# labels while pktgen's traffic runs, which QEMU 7.2's TCG can get
	# wrong ("Oops: int3", docs/reliability.md); tracing_on 0 is enough.
}

# ---- the traffic --------------------------------------------------------------

pg() { ip netns exec "$c" sh -c "echo '$1' >/proc/net/pktgen/$2"; }
pg_stop() {
	[ -n "${pg_pid:-}" ] || return 0
	pg stop pgctrl 2>/dev/null
	wait "$pg_pid" 2>/dev/null
	pg_pid=
}
pg reset pgctrl
pg "add_device eth0" kpktgend_0
for kv in "count 0" "clone_skb 0" "pkt_size 60" "delay $PG_DELAY" \
	"dst $VIP" "dst_mac $(ip netns exec "$d" cat /sys/class/net/c0/address)" \
	"udp_dst_min 9" "udp_dst_max 9" "udp_src_min 1000" "udp_src_max 1000"; do
	pg "$kv" eth0
done
ip netns exec "$c" sh -c 'echo start >/proc/net/pktgen/pgctrl' &
pg_pid=$!

# inpkts: the UDP service's packets in; inpps: its InPPS and its real
# server's, as --rate shows them.
inpkts() {
	lite -Ln --stats --exact -u "$VIP:9" | awk '$1 == "UDP" { print $4 }'
}
inpps() {
	lite -Ln --rate --exact -u "$VIP:9" |
		awk '$1 == "UDP" { s = $4 } $1 == "->" { r = $4 }
			END { print s + 0, r + 0 }'
}
flowing() { [ "$(inpkts)" -gt 100 ]; }
# mark: from now on the counters' rate is measured.
mark() {
	m_n=$(inpkts)
	read -r m_t _ </proc/uptime
}
# rate_near: the counters' rate since mark over at least 4 s (m), and
# both rates --rate shows within a factor of two of it.
rate_near() {
	read -r _t _ </proc/uptime
	set -- $(inpps) $(inpkts)
	echo "$m_t $_t" | awk '{ exit !($2 - $1 >= 4) }' || return 1
	m=$(echo "$m_n $m_t $3 $_t" | awk '{ printf "%d", ($3 - $1) / ($4 - $2) }')
	shown="$1 $2"
	[ $(($1 * 2)) -ge "$m" ] && [ "$1" -le $((m * 2)) ] &&
	[ $(($2 * 2)) -ge "$m" ] && [ "$2" -le $((m * 2)) ] && [ "$m" -gt 0 ]
}

within 60 flowing || echo "# pktgen: $(inpkts) packets in"
mark
within 60 rate_near
check "the traffic's rate appears in -Ln --rate ($shown pps for service and server; counters: $m)" \
	[ $? -eq 0 ]

trace_report

# ---- changes under the estimator ------------------------------------------------

lite -R </tmp/est.del
check "-R deleting $((SVCS / 2)) services while the estimator runs" [ $? -eq 0 ]
# One listing: the services left are there, and every other service's
# rate is 0: only the UDP service and its real server show one.
lite -Ln --rate --exact >/tmp/est.rate
n=$(grep -c '^TCP ' /tmp/est.rate)
check "$((SVCS - SVCS / 2)) services left ($n listed)" [ "$n" -eq $((SVCS - SVCS / 2)) ]
n=$(awk '$1 ~ /^(TCP|UDP|->)$/ && $3 + $4 + $5 + $6 + $7 > 0' /tmp/est.rate |
	wc -l)
check "no other service or real server shows a rate ($n lines do)" [ "$n" -eq 2 ]
mark
within 60 rate_near
check "the rate is still reported ($shown pps; counters: $m)" [ $? -eq 0 ]
pg_stop
lite -C
check "-C: the table is empty" [ -z "$(lite -Sn)" ]
check_fail "no soft lockup and no RCU stall in the kernel log" \
	sh -c "dmesg | grep -E 'soft lockup|self-detected stall|detected stalls'"
read -r t1 _ </proc/uptime
echo "# $(echo "$t0 $t1" | awk '{ printf "%d", $2 - $1 }') s from -R on"
tap_exit
