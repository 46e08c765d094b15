#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The benchmark (make bench; tests/bench/run boots the VM).  In one boot,
# the same load through no balancer (plain routed forwarding to the real
# server: the limit), the kernel's ip_vs configured with the stock ipvsadm,
# and ipvs-lite configured with ipvsadm-lite.  Each system has a chain of
# namespaces of its own, alike but for the director's module:
#
#   client cS                  director dS                real server rS
#   eth0 10.9.1.2 ---------- c0 10.9.1.1          r0 10.9.2.1 ---------- eth0 10.9.2.2
#   pktgen, loadgen tcp        VIP 10.9.1.100 on c0       VIP on lo; tc drops UDP
#                              :9 DR, :10 TUN (UDP)       and IPIP at ingress (the
#                              :80 NAT (TCP)              sink); loadgen serve :80
#   fd09:1::2                  fd09:1::1, VIP6            fd09:2::1 / fd09:2::2,
#                              fd09:1::100 :9 DR (UDP)    VIP6 on lo
#
# for S in none, ipvs and lite; "none" has no VIP, its client sends to the
# real server.  Runs take turns: round after round, one run per system, so
# that whatever drifts in the emulator drifts for all three alike.
#
# Packet rates are what reaches the server's interface (its rx_packets)
# over pktgen's own run time; pktgen's thread and every softirq of the path
# run on CPU 0, so one CPU carries the whole path.  Each figure is the
# median of its runs.  Prints "#" lines as it goes.
# Nothing fails on a number: it exits non-zero only when the set-up breaks.
#
# usage: bench.sh PART=path|tables|estimator [NAME=VALUE ...]
#   path: the packet rates, in a guest whose clock counts instructions
#	(tests/bench/run explains);
#   tables: memory, listing and configuration, in an ordinary guest;
#   estimator: only path's last scenario, ipvs-lite's one flow without
#	and beside SVCS services (beside_big), in the same kind of guest;
#   NAME=VALUE changes a setting below.  The figures end the output as
#   "@res PART NAME SYSTEM VALUE" lines.
. ./tests/lib.sh

for a in "$@"; do
	case $a in
	PART=path|PART=tables|PART=estimator) ;;
	RUNS=*|ONE=*|SECS=*|CONC=*|LIST_MAX=*|NF_RUNS=*|NF_ADDRS=*|SVCS=*|\
	BIG_ONE=*)
		case ${a#*=} in
		''|*[!0-9]*) echo "bench: $a: not a number" >&2; exit 2 ;;
		esac ;;
	*) echo "bench: unknown setting $a" >&2; exit 2 ;;
	esac
	eval "$a"
done

RUNS=${RUNS:-5}
ONE=${ONE:-200000}		# packets per one-flow run
SECS=${SECS:-5}			# seconds per TCP run
CONC=${CONC:-8}			# TCP connections in flight
LIST_MAX=${LIST_MAX:-300}	# give up on a listing after this many s
SVCS=${SVCS:-10000}		# services of 10 real servers, for -R
# packets per one-flow run beside $SVCS services: several estimator periods
BIG_ONE=${BIG_ONE:-$((ONE * 10))}

SYSTEMS="none ipvs lite"
VIP=10.9.1.100
RIP=10.9.2.2
VIP6=fd09:1::100
RIP6=fd09:2::2
# New flows: run k sends from 205 addresses 10.77.0.0 + 205k ... and 977
# ports, both stepping each packet; 205 and 977 are coprime, so its
# 200285 packets are 200285 distinct flows and five runs make 1001425.
NF_PORTS=977
NF_ADDRS=${NF_ADDRS:-205}
NF_COUNT=$((NF_PORTS * NF_ADDRS))
NF_RUNS=${NF_RUNS:-5}

LOADGEN=/repo/build/tests/loadgen
trap 'pg_stop; cleanup_all_ns' EXIT

tc() { /usr/sbin/tc "$@"; }
say() { echo "# $*"; }
die() { echo "bench: $*" >&2; exit 1; }
now() { "$LOADGEN" now; }
# nsx X SYS CMD...: run CMD in SYS's client (c), director (d) or server (r)
nsx() {
	eval "_ns=\$$1$2"
	shift 2
	ip netns exec "$_ns" "$@"
}

# chain SYS: one system's client, director and real server.
chain() {
	setup_ns "c$1" "d$1" "r$1" || return 1
	eval "c=\$c$1 d=\$d$1 r=\$r$1"
	ip link add eth0 netns "$c" type veth peer name c0 netns "$d" &&
	ip link add eth0 netns "$r" type veth peer name r0 netns "$d" ||
		return 1
	ip -n "$c" link set eth0 up
	ip -n "$d" link set c0 up
	ip -n "$d" link set r0 up
	ip -n "$r" link set eth0 up
	ip -n "$c" addr add 10.9.1.2/24 dev eth0
	ip -n "$d" addr add 10.9.1.1/24 dev c0
	[ "$1" = none ] || ip -n "$d" addr add "$VIP/24" dev c0
	ip -n "$d" addr add 10.9.2.1/24 dev r0
	ip -n "$r" addr add "$RIP/24" dev eth0
	ip -n "$r" addr add "$VIP/32" dev lo
	ip -n "$c" route add default via 10.9.1.1
	ip -n "$r" route add default via 10.9.2.1
	nsx d "$1" sh -c 'echo 1 >/proc/sys/net/ipv4/ip_forward'
	chain6 "$1" || return 1
	# Made-up sources arrive at c0 and are not routed back.
	for i in all default c0; do
		nsx d "$1" sh -c "echo 0 >/proc/sys/net/ipv4/conf/$i/rp_filter"
	done
	nsx c "$1" sh -c 'echo 1 >/proc/sys/net/ipv4/tcp_tw_reuse;
		echo "10000 65000" >/proc/sys/net/ipv4/ip_local_port_range'
	tc -n "$r" qdisc add dev eth0 ingress &&
	tc -n "$r" filter add dev eth0 parent ffff: protocol ip prio 1 \
		u32 match ip protocol 17 0xff action drop &&
	tc -n "$r" filter add dev eth0 parent ffff: protocol ip prio 2 \
		u32 match ip protocol 4 0xff action drop &&
	tc -n "$r" filter add dev eth0 parent ffff: protocol ipv6 prio 3 \
		u32 match ip6 protocol 17 0xff action drop || return 1
	nsx r "$1" "$LOADGEN" serve 80 </dev/null >/dev/null 2>&1 &
	# Neighbours known before the first packet: no ARP in any figure.
	mac() { nsx "$1" "$2" cat "/sys/class/net/$3/address"; }
	ip -n "$c" neigh replace 10.9.1.1 dev eth0 nud permanent \
		lladdr "$(mac d "$1" c0)" &&
	ip -n "$d" neigh replace 10.9.1.2 dev c0 nud permanent \
		lladdr "$(mac c "$1" eth0)" &&
	ip -n "$d" neigh replace "$RIP" dev r0 nud permanent \
		lladdr "$(mac r "$1" eth0)" &&
	ip -n "$r" neigh replace 10.9.2.1 dev eth0 nud permanent \
		lladdr "$(mac d "$1" r0)" || return 1
	ip -n "$c" neigh replace fd09:1::1 dev eth0 nud permanent \
		lladdr "$(mac d "$1" c0)" &&
	ip -n "$d" neigh replace fd09:1::2 dev c0 nud permanent \
		lladdr "$(mac c "$1" eth0)" &&
	ip -n "$d" neigh replace "$RIP6" dev r0 nud permanent \
		lladdr "$(mac r "$1" eth0)" || return 1
	busywait 5000 sh -c \
		"/usr/sbin/ip netns exec $r /usr/sbin/ss -ltn | grep -q ':80 '"
}

# chain6 SYS: the same chain's IPv6 addresses (no DAD: usable at once).
chain6() {
	a6() { ip -n "$1" -6 addr add "$2" dev "$3" nodad; }
	a6 "$c" fd09:1::2/64 eth0 && a6 "$d" fd09:1::1/64 c0 &&
		a6 "$d" fd09:2::1/64 r0 && a6 "$r" "$RIP6/64" eth0 &&
		a6 "$r" "$VIP6/128" lo || return 1
	[ "$1" = none ] || a6 "$d" "$VIP6/64" c0 || return 1
	ip -n "$c" -6 route add default via fd09:1::1 &&
		ip -n "$r" -6 route add default via fd09:2::1 || return 1
	nsx d "$1" sh -c 'echo 1 >/proc/sys/net/ipv6/conf/all/forwarding'
}

# tool SYS: the program that drives SYS; nothing drives "none".
tool() {
	case $1 in
	ipvs) echo ipvsadm ;;
	lite) echo ipvsadm-lite ;;
	*) return 1 ;;
	esac
}
# adm SYS ARGS: run SYS's tool in its director.
adm() {
	_t=$(tool "$1") || return 0
	_s=$1
	shift
	nsx d "$_s" "$_t" "$@"
}
services() {
	adm "$1" --set 900 120 3600 &&
	adm "$1" -A -u "$VIP:9" -s rr && adm "$1" -a -u "$VIP:9" -r "$RIP" -g &&
	adm "$1" -A -u "$VIP:10" -s rr && adm "$1" -a -u "$VIP:10" -r "$RIP" -i &&
	adm "$1" -A -t "$VIP:80" -s rr && adm "$1" -a -t "$VIP:80" -r "$RIP" -m &&
	adm "$1" -A -u "[$VIP6]:9" -s rr &&
		adm "$1" -a -u "[$VIP6]:9" -r "[$RIP6]:9" -g
}
dst() { if [ "$1" = none ]; then echo "$RIP"; else echo "$VIP"; fi; }
dst6() { if [ "$1" = none ]; then echo "$RIP6"; else echo "$VIP6"; fi; }
rx() { nsx r "$1" cat /sys/class/net/eth0/statistics/rx_packets; }

# ---- pktgen, in SYS's client, on its eth0 ---------------------------

pg() { nsx c "$1" sh -c "echo '$2' >/proc/net/pktgen/$3"; }
pg_dev() { pg "$1" "$2" eth0; }
# pg_setup SYS SETTING...: pktgen in SYS's client reset, its eth0 added
# and set to send 60-byte frames to the director as told.
pg_setup() {
	_s=$1
	shift
	pg "$_s" reset pgctrl
	pg "$_s" "add_device eth0" kpktgend_0
	for _kv in "clone_skb 0" "pkt_size 60" "delay 0" \
		"dst_mac $(nsx d "$_s" cat /sys/class/net/c0/address)" "$@"; do
		pg_dev "$_s" "$_kv"
	done
}

# pg_flow SYS PORT SRC_MIN SRC_MAX SPORT_MIN SPORT_MAX [FLAG...]
pg_flow() {
	_s=$1
	pg_setup "$_s" "dst $(dst "$_s")" "udp_dst_min $2" "udp_dst_max $2" \
		"src_min $3" "src_max $4" "udp_src_min $5" "udp_src_max $6"
	shift 6
	for _f in "$@"; do
		pg_dev "$_s" "flag $_f"
	done
}

# pg_flow6 SYS PORT: one IPv6 flow from the client's address to PORT, the
# same UDP payload as IPv4's behind an IP header 20 bytes longer
# (pkt_size 80), with the UDP checksum IPv6 requires.
pg_flow6() {
	pg_setup "$1" "pkt_size 80" "dst6 $(dst6 "$1")" "src6 fd09:1::2" \
		"udp_dst_min $2" "udp_dst_max $2" "udp_src_min 1000" \
		"udp_src_max 1000" "flag UDPCSUM"
}

# pg_run SYS COUNT: send COUNT packets as set up; prints the packets per
# second that reached the server, and fails if fewer than 90 % did.
pg_run() {
	pg_dev "$1" "count $2"
	_r0=$(rx "$1")
	pg "$1" start pgctrl
	_r1=$(rx "$1")
	_us=$(nsx c "$1" cat /proc/net/pktgen/eth0 |
	      sed -n 's/.*Result: OK: \([0-9]*\)(.*/\1/p')
	[ -n "$_us" ] || { nsx c "$1" cat /proc/net/pktgen/eth0 >&2; return 1; }
	_got=$((_r1 - _r0))
	[ $((_got * 10)) -ge $(($2 * 9)) ] ||
		{ say "$1: only $_got of $2 packets arrived" >&2; return 1; }
	echo $((_got * 1000000 / _us))
}

# pg_bg SYS: pktgen without end, in the background, until pg_stop.
pg_bg() {
	pg_dev "$1" "count 0"
	pg_sys=$1
	nsx c "$1" sh -c 'echo start >/proc/net/pktgen/pgctrl' &
	pg_pid=$!
	_r0=$(rx "$1")
	eval "_r=\$r$1"
	busywait 10000 sh -c "[ \$(/usr/sbin/ip netns exec $_r cat \
		/sys/class/net/eth0/statistics/rx_packets) -gt $((_r0 + 1000)) ]"
}
pg_stop() {
	[ -n "${pg_pid:-}" ] || return 0
	pg "$pg_sys" stop pgctrl 2>/dev/null
	wait "$pg_pid" 2>/dev/null
	pg_pid=
}

# ---- figures ----------------------------------------------------------

# res NAME SYS VALUE: keep a figure; get NAME SYS: it, or "-".
res() { echo "${3:--}" >"/tmp/res.$1.$2"; }
get() { cat "/tmp/res.$1.$2" 2>/dev/null || echo -; }

median() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (NR == 0) print "-"
		else if (NR % 2) print v[(NR + 1) / 2]
		else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# rounds NAME N CMD...: N rounds of "CMD SYS" for each system in turn;
# the median of each system's figures becomes NAME.  A run that fails
# is reported and leaves no figure.
rounds() {
	_name=$1
	_n=$2
	shift 2
	for _s in $SYSTEMS; do : >"/tmp/runs.$_name.$_s"; done
	round=0
	while [ "$round" -lt "$_n" ]; do
		for _s in $SYSTEMS; do
			if "$@" "$_s" >/tmp/fig; then
				cat /tmp/fig >>"/tmp/runs.$_name.$_s"
			else
				say "  $_s: run $round failed"
			fi
		done
		round=$((round + 1))
	done
	for _s in $SYSTEMS; do
		say "  $_s: $(tr '\n' ' ' <"/tmp/runs.$_name.$_s")"
		res "$_name" "$_s" "$(median <"/tmp/runs.$_name.$_s")"
	done
}

# ---- the scenarios -------------------------------------------------

dr_one() { pg_flow "$1" 9 10.9.1.2 10.9.1.2 1000 1000 && pg_run "$1" "$ONE"; }
dr6_one() { pg_flow6 "$1" 9 && pg_run "$1" "$ONE"; }
tun_one() { pg_flow "$1" 10 10.9.1.2 10.9.1.2 1000 1000 && pg_run "$1" "$ONE"; }

tcp_run() {
	nsx c "$1" "$LOADGEN" tcp "$(dst "$1")" 80 "$SECS" "$CONC" >/tmp/tcp ||
		{ cat /tmp/tcp >&2; return 1; }
	awk '{ printf "%d\n", $2 / $6 }' /tmp/tcp
}

memfree() { awk '/^MemFree:/ { print $2 * 1024 }' /proc/meminfo; }
# bytes of slab pages a cache holds
slab_bytes() {
	awk -v c="$1" '$1 == c { print $15 * $6 * 4096; f = 1 }
		END { if (!f) print 0 }' /proc/slabinfo
}
# connections held: the real servers' InActConn + ActiveConn
conns() {
	adm "$1" -Ln | awk '$1 == "->" { n += $5 + $6 } END { print n + 0 }'
}

# Round $round's new flows; the memory they took is added up per system.
new_flow_run() {
	_lo=$((round * NF_ADDRS))
	_hi=$((_lo + NF_ADDRS - 1))
	pg_flow "$1" 9 "10.77.$((_lo / 256)).$((_lo % 256))" \
		"10.77.$((_hi / 256)).$((_hi % 256))" 1000 $((1000 + NF_PORTS)) ||
		return 1
	_m0=$(memfree)
	pg_run "$1" "$NF_COUNT"
	_rc=$?
	echo $(($(memfree) - _m0)) >>"/tmp/mem.$1"
	return $_rc
}

# Random flows among those new_flow_run made: every packet finds its entry.
established() {
	_hi=$((NF_RUNS * NF_ADDRS))
	pg_flow "$1" 9 10.77.0.0 "10.77.$((_hi / 256)).$((_hi % 256))" \
		1000 $((1000 + NF_PORTS)) IPSRC_RND UDPSRC_RND &&
	pg_run "$1" "$ONE"
}

# list SYS: time to list the connections, and the packet rate of one of
# them meanwhile against the same flow for as long without a listing.
list() {
	_t=$(tool "$1")
	eval "_d=\$d$1"
	pg_flow "$1" 9 10.77.0.0 10.77.0.0 1000 1000 && pg_bg "$1" || return 1
	_t0=$(now)
	_r0=$(rx "$1")
	# On CPU 1, away from pktgen and the packet path.
	taskset 2 timeout "$LIST_MAX" /usr/sbin/ip netns exec "$_d" "$_t" -Lnc \
		>"/tmp/list.$1"
	_rc=$?
	_r1=$(rx "$1")
	_t1=$(now)
	pg_stop
	_ms=$(((_t1 - _t0) / 1000000))
	_during=$(((_r1 - _r0) * 1000 / (_ms + 1)))
	pg_bg "$1" || return 1
	_t0=$(now)
	_r0=$(rx "$1")
	_w=$((_ms / 1000 + 1))
	[ "$_w" -le 10 ] || _w=10
	sleep "$_w"	# a measuring window, not a wait for anything
	_r1=$(rx "$1")
	_t1=$(now)
	pg_stop
	_alone=$(((_r1 - _r0) * 1000 / ((_t1 - _t0) / 1000000 + 1)))
	[ "$_rc" -eq 0 ] || _ms=">$_ms"
	say "  $1: $(wc -l <"/tmp/list.$1") lines in $_ms ms (exit $_rc);" \
		"$_during pps meanwhile, $_alone pps alone"
	res list "$1" "$_ms"
	res list_during "$1" "$_during"
	res list_alone "$1" "$_alone"
}

# $SVCS services of 10 real servers each, in ipvsadm's -R syntax.
big_config() {
	awk -v n="$SVCS" 'BEGIN {
		for (i = 0; i < n; i++) {
			v = sprintf("10.%d.%d.%d:80", 100 + i / 65536,
				    i / 256 % 256, i % 256)
			print "-A -t " v " -s wlc"
			for (j = 0; j < 10; j++)
				printf "-a -t %s -r 10.9.2.%d:80 -m -w 1\n",
					v, 10 + j
		}
	}' >/tmp/big.conf
}

config() {
	adm "$1" -C
	_t0=$(now)
	adm "$1" -R </tmp/big.conf || return 1
	_t1=$(now)
	adm "$1" -Ln >"/tmp/big.list.$1" || return 1
	_t2=$(now)
	adm "$1" -C
	_add=$(((_t1 - _t0) / 1000000))
	_lst=$(((_t2 - _t1) / 1000000))
	say "  $1: added in $_add ms, listed $(wc -l <"/tmp/big.list.$1")" \
		"lines in $_lst ms"
	res cfg_add "$1" "$_add"
	res cfg_list "$1" "$_lst"
	res cfg "$1" $((_add + _lst))
}

# beside_big: ipvs-lite's DR one flow, BIG_ONE packets a run, RUNS runs
# without other services, then as many with $SVCS services of 10 real
# servers in the same director, whose rates the estimator keeps (each
# stats once per two-second period); then those services go.
beside_big() {
	for _k in alone big; do
		: >"/tmp/runs.big_$_k"
		if [ "$_k" = big ]; then
			big_config
			_t0=$(now)
			adm lite -R </tmp/big.conf || return 1
			say "  $SVCS services added in $((($(now) - _t0) / 1000000)) ms (guest clock)"
		fi
		round=0
		while [ "$round" -lt "$RUNS" ]; do
			if pg_flow lite 9 10.9.1.2 10.9.1.2 1000 1000 &&
			   pg_run lite "$BIG_ONE" >/tmp/fig; then
				cat /tmp/fig >>"/tmp/runs.big_$_k"
			else
				say "  $_k: run $round failed"
			fi
			round=$((round + 1))
		done
		say "  $_k: $(tr '\n' ' ' <"/tmp/runs.big_$_k")"
		res "big_$_k" lite "$(median <"/tmp/runs.big_$_k")"
	done
	sed -n 's/^-A \(-t [^ ]*\).*/-D \1/p' /tmp/big.conf | adm lite -R
}

# modules_load: every module the runs use, ipvs-lite's included.
modules_load() {
	for _m in veth pktgen sch_ingress cls_u32 act_gact ip_vs ip_vs_rr \
		ip_vs_wlc; do
		modprobe "$_m" || die "no $_m"
	done
	insmod_ipvs_lite || die "cannot load ipvs_lite"
}

# bench_init: the modules, and a backlog deep enough that pktgen, which
# outruns a slow path in bursts, queues packets rather than loses them:
# every flow of new_flow_run makes its connection.
bench_init() {
	modules_load
	echo 100000 >/proc/sys/net/core/netdev_max_backlog
}

# ---- the run --------------------------------------------------------

# tests/bench/profile.sh takes the functions above and nothing more.
[ -z "${BENCH_LIB:-}" ] || return 0

case $PART in
path|tables) ;;
estimator) SYSTEMS=lite ;;
*) die "PART=path, PART=tables or PART=estimator" ;;
esac
[ "$PART" = path ] || [ "$PART" = estimator ] || SYSTEMS="ipvs lite"

bench_init
for s in $SYSTEMS; do
	say "setting up $s"
	chain "$s" || die "$s: set-up"
	[ "$s" = none ] || services "$s" || die "$s: services"
done
say "kernel $(uname -r), $(nproc) CPUs, part $PART"
res kernel all "$(uname -r)"
res svcs all "$SVCS"

if [ "$PART" = estimator ]; then
	say "DR, UDP, one flow, without and beside $SVCS services x 10 real" \
		"servers (ipvs-lite): pps, $RUNS runs of $BIG_ONE packets each"
	beside_big || die "the services beside failed"
	for f in /tmp/res.*.*; do
		n=${f#/tmp/res.}
		echo "@res path ${n%.*} ${n##*.} $(cat "$f")"
	done
	exit 0
fi

if [ "$PART" = path ]; then
	say "DR, UDP, one flow: pps, $RUNS rounds of $ONE packets"
	rounds dr1 "$RUNS" dr_one
	say "TUN, UDP, one flow: pps"
	rounds tun1 "$RUNS" tun_one
	say "DR, IPv6, UDP, one flow: pps"
	rounds dr6 "$RUNS" dr6_one
	say "NAT, TCP, short connections: conns/s, $RUNS rounds of $SECS s"
	rounds tcp "$RUNS" tcp_run
	say "DR, UDP, one flow, without and beside $SVCS services x 10 real" \
		"servers (ipvs-lite): pps, $RUNS runs of $BIG_ONE packets each"
	beside_big || say "  the services beside failed"
fi

say "DR, UDP, a new flow every packet: pps, $NF_RUNS rounds of $NF_COUNT"
for s in ipvs lite; do
	: >"/tmp/mem.$s"
	res slab0 "$s" "$(slab_bytes "$([ "$s" = ipvs ] && echo ip_vs_conn ||
				       echo ipvl_conn)")"
	res conns0 "$s" "$(conns "$s")"
done
rounds newflow "$NF_RUNS" new_flow_run
for s in ipvs lite; do
	n=$(($(conns "$s") - $(get conns0 "$s")))
	c=$([ "$s" = ipvs ] && echo ip_vs_conn || echo ipvl_conn)
	res conns "$s" "$n"
	res slab "$s" $((($(slab_bytes "$c") - $(get slab0 "$s")) / n))
	res mem "$s" $((-$(awk '{ n += $1 } END { print n }' "/tmp/mem.$s") / n))
	say "  $s: $n connections; $(get slab "$s") B each in slab," \
		"$(get mem "$s") B each in all"
done
adm lite --status | sed -n 's/^ *\([a-z_]*\) *\([1-9][0-9]*\)$/#   ipvs-lite dropped \2 as \1/p'

say "DR, UDP, established traffic over those flows: pps"
rounds est "$RUNS" established

if [ "$PART" = tables ]; then
	say "listing the connections while one of them carries traffic"
	for s in ipvs lite; do
		list "$s" || say "  $s: listing failed"
	done

	say "unloading with every connection"
	t0=$(now)
	adm ipvs -C && unload_ip_vs
	res unload ipvs $((($(now) - t0) / 1000000))
	t0=$(now)
	adm lite -C && rmmod ipvs_lite
	res unload lite $((($(now) - t0) / 1000000))
	say "  ip_vs $(get unload ipvs) ms, ipvs-lite $(get unload lite) ms"

	say "configuration: $SVCS services x 10 real servers, -R then -Ln"
	modules_load
	big_config
	for s in ipvs lite; do
		config "$s" || say "  $s: configuration failed"
	done
	if cmp -s /tmp/big.list.ipvs /tmp/big.list.lite; then
		say "  the two listings are the same"
	else
		say "  the two listings differ:"
		diff /tmp/big.list.ipvs /tmp/big.list.lite | head -5
	fi
fi

# The figures, for tests/bench/run's table.
for f in /tmp/res.*.*; do
	n=${f#/tmp/res.}
	echo "@res $PART ${n%.*} ${n##*.} $(cat "$f")"
done
