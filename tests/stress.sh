#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Reconfiguration and teardown under load, and the connection table under
# a SYN flood, on the topology of tests/topo.sh.  A service per forwarding
# method, TCP and UDP (DR VIP:83 and :9, TUN VIP:81 and :10, NAT VIP:82
# and :11); pktgen sends UDP at the three UDP services throughout, and
# tests/loadgen.c keeps TCP streams open at the three TCP services, each
# exchange compared byte for byte.
#   - a SYN flood from FLOOD made-up sources at the DR service under a
#     connection bound: the table never holds more than the bound, every
#     SYN is a connection or a table_full drop, the streams flow, and the
#     table drains once the flood stops;
#   - weights, schedulers and -R of CONFIG services with 10 real servers
#     each (added, then deleted), five times over: the streams and pktgen
#     flow on;
#   - a real server deleted and re-added: the streams on it fail, no
#     other does; new connections are made, also after it is back;
#   - both CPUs at one made-up TCP connection, one closing it by RST and
#     replacing it by SYN over and over, the other sending SYNs at it,
#     with short timeouts (--set): the servers' ActiveConn and InActConn
#     agree with -Lnc after, and are both 0 once it has expired;
#   - flushing every service, rmmod, deleting the director's namespace,
#     each under load: afterwards traffic flows again where it should.
#
# usage: stress.sh [FLOOD [CONFIG]]
#   (default 300000 and 100 under a bound of 10000, make check's size,
#   about three minutes on 6.1; on the debug kernel, some 20 times slower,
#   30000 and 200 under 5000.  make reliability runs 1000000 and 200 on
#   the debug kernel.)
. ./tests/lib.sh
. ./tests/topo.sh

# The load's pace: pktgen's gap (ns) and the streams' pause between rounds
# (ms).  The debug kernel forwards a few hundred packets a second: there
# the load is slower, or it would leave nothing for the flood.
if [ -e /sys/kernel/debug/kmemleak ]; then
	FLOOD=${1:-30000}
	CONFIG=${2:-200}
	CONN_MAX=5000
	PG_GAP=20000000
	PAUSE_MS=50
	CYCLE_ROUNDS=1000
else
	FLOOD=${1:-300000}
	CONFIG=${2:-100}
	CONN_MAX=10000
	PG_GAP=1000000
	PAUSE_MS=2
	CYCLE_ROUNDS=12000
fi
LOADGEN=/repo/build/tests/loadgen
FLOWS=/repo/build/tests/flows
STREAMS=4
injected=0

trap 'pg_stop; streams_stop; cleanup_all_ns' EXIT
# No SYN lost before the hook, however slow the kernel (see sched.sh).
echo 100000 >/proc/sys/net/core/netdev_max_backlog
unload_ip_vs
load_ipvs_lite || exit $KSFT_FAIL
modprobe pktgen || exit $KSFT_FAIL
topo_setup || exit $KSFT_FAIL
lite() { ip netns exec "$d" ipvsadm-lite "$@"; }
tc() { /usr/sbin/tc "$@"; }

# ---- the servers -----------------------------------------------------------

for h in rs1 rs2; do
	eval "ns=\$$h"
	for p in 81 82 83; do
		ip netns exec "$ns" "$LOADGEN" echo "$p" &
	done
	# NAT's replies (from port 82) go back through the director.
	ip -n "$ns" rule add ipproto tcp sport 82 table 82
	ip -n "$ns" route add default via 10.0.2.1 dev net0 table 82
	# pktgen's datagrams (ports 8 to 11) end at the servers' ingress.
	for dev in lan0 net0 tunl0; do
		ip netns exec "$ns" /usr/sbin/tc qdisc add dev "$dev" clsact
		ip netns exec "$ns" /usr/sbin/tc filter add dev "$dev" ingress \
			protocol ip u32 match ip protocol 17 0xff \
			match ip dport 8 0xfffc action drop
	done
done
# Made-up clients live behind the client, which drops what comes back.
ip -n "$d" route add 172.16.0.0/12 via "$CLIENT"
# The flood's SYNs that the director forwards end at the servers' ingress,
# counted there: what is under test is the director, not the servers' own
# SYN handling (which would halve the flood's rate on the debug kernel).
for ns in $rs1 $rs2; do
	ip netns exec "$ns" /usr/sbin/tc filter add dev lan0 ingress prio 2 \
		protocol ip u32 match ip src 172.16.0.0/12 action drop
done
busywait 10000 sh -c "/usr/sbin/ip netns exec $rs2 /usr/sbin/ss -ltn |
	grep -c ':8[123] ' | grep -qx 3"

# A director reconfigured under load expires the connections of servers
# that are gone, as keepalived's users set it: else pktgen's flows, a
# fixed set of source ports, would stay on deleted servers until they
# time out.
services() {
	sysctl_ns "$d" net/ipvs_lite/expire_nodest_conn 1
	lite --set 900 120 300
	for m in "83 9 g LAN" "81 10 i NET" "82 11 m NET"; do
		set -- $m
		lite -A -t "$VIP:$1" -s rr
		lite -A -u "$VIP:$2" -s rr
		eval "a1=\$RS1_$4 a2=\$RS2_$4"
		for a in "$a1" "$a2"; do
			lite -a -t "$VIP:$1" -r "$a:$1" -"$3"
			lite -a -u "$VIP:$2" -r "$a:$2" -"$3"
		done
	done
}

# delivered METHOD: the datagrams pktgen got through to both servers'
# sink for DR (lan0), TUN (tunl0) or NAT (net0).
delivered() {
	case $1 in DR) dev=lan0 ;; TUN) dev=tunl0 ;; NAT) dev=net0 ;; esac
	for ns in $rs1 $rs2; do
		ip netns exec "$ns" /usr/sbin/tc -s filter show dev "$dev" ingress
	done | awk '/Sent/ { n += $4 } END { print n + 0 }'
}
flowing() {
	_m=$1 _from=$2
	[ "$(delivered "$_m")" -gt "$_from" ]
}
# pktgen_flows: each method's datagrams still arrive.
pktgen_flows() {
	for m in DR TUN NAT; do
		eval "_b=\$before_$m"
		within 20 flowing "$m" "$_b" && continue
		echo "# $m: still $(delivered "$m") delivered, expire_nodest_conn $(
			ip netns exec "$d" cat /proc/sys/net/ipvs_lite/expire_nodest_conn)"
		lite -Ln --stats --exact | sed 's/^/# /'
		lite --status | sed 's/^/# /'
		lite -Lnc -u "$VIP:9" | head -5 | sed 's/^/# /'
		ip netns exec "$c" cat /proc/net/pktgen/lan0 | sed 's/^/# /'
		return 1
	done
}
pktgen_mark() {
	for m in DR TUN NAT; do
		eval "before_$m=$(delivered "$m")"
	done
}

# ---- the load ---------------------------------------------------------------

pg() { ip netns exec "$c" sh -c "echo '$1' >/proc/net/pktgen/$2"; }
pg_start() {
	pg reset pgctrl
	pg "add_device lan0" kpktgend_0
	# 64 source ports: a fixed set of connections, made in the first
	# milliseconds, so that the flood alone fills the table.
	for kv in "count 0" "clone_skb 0" "pkt_size 60" "delay $PG_GAP" \
		"dst $VIP" "dst_mac $(ip netns exec "$d" cat /sys/class/net/lan0/address)" \
		"src_min $CLIENT" "src_max $CLIENT" "udp_dst_min 9" \
		"udp_dst_max 12" "udp_src_min 1024" "udp_src_max 1088" \
		"flag UDPSRC_RND" "flag UDPDST_RND"; do
		pg "$kv" lan0
	done
	ip netns exec "$c" sh -c 'echo start >/proc/net/pktgen/pgctrl' &
	pg_pid=$!
}
pg_stop() {
	[ -n "${pg_pid:-}" ] || return 0
	ip netns exec "$c" sh -c 'echo stop >/proc/net/pktgen/pgctrl' 2>/dev/null
	wait "$pg_pid" 2>/dev/null
	pg_pid=
}

# streams_start: STREAMS long connections at each TCP service.
streams_start() {
	stream_pids=
	for p in 83 81 82; do
		# Not through the ip() function: $! must be loadgen itself.
		# Paced: load, not a CPU hog.
		/usr/sbin/ip netns exec "$c" "$LOADGEN" stream "$VIP" "$p" \
			"$STREAMS" 0 0 "$PAUSE_MS" >"/tmp/stream.$p" &
		stream_pids="$stream_pids $!"
	done
	within 60 established_at_least $((STREAMS * 3))
}
# streams_stop: end them (in this shell: only it can wait for them);
# sets e to their errors, summed, and says what each did.
streams_stop() {
	e=
	[ -n "${stream_pids:-}" ] || return 0
	for p in $stream_pids; do
		kill -USR1 "$p" 2>/dev/null
	done
	for p in $stream_pids; do
		wait "$p" 2>/dev/null
	done
	stream_pids=
	for p in 83 81 82; do
		echo "# port $p: $(cat "/tmp/stream.$p")"
	done
	e=$(cat /tmp/stream.8[123] | awk '$1 == "conns" { e += $6; x += $4; n++ }
		END { print e + 0; if (x == 0 || n != 3) print "no report" }')
}
# new_conns PORT: 20 new connections, 3 exchanges each, all good.
new_conns() {
	ip netns exec "$c" "$LOADGEN" stream "$VIP" "$1" 4 3 20 >/tmp/new
	[ "$(awk '{ print $2, $6 }' /tmp/new)" = "20 0" ] ||
		{ sed 's/^/# /' /tmp/new; return 1; }
}
all_new_conns() { new_conns 83 && new_conns 81 && new_conns 82; }

status() { lite --status | awk -v k="$1" '$1 == k { print $2 }'; }
svc_conns() {
	lite -Ln --stats --exact -t "$VIP:$1" |
		awk '$1 == "TCP" { print $3 }'
}
# flood_seen: the flood's SYNs that reached a real server.
flood_seen() {
	for ns in $rs1 $rs2; do
		ip netns exec "$ns" /usr/sbin/tc -s filter show dev lan0 \
			ingress prio 2
	done | awk '/Sent/ { n += $4 } END { print n + 0 }'
}
in_state() { lite -Lnc --state "$1" | tail -n +3 | wc -l; }
syn_recv() { in_state SYN_RECV; }
no_syn_recv() { [ "$(syn_recv)" -eq 0 ]; }
established_at_least() { [ "$(in_state ESTABLISHED)" -ge "$1" ]; }

services
all_new_conns
check "load: new connections through DR, TUN and NAT" [ $? -eq 0 ]
pktgen_mark
pg_start
streams_start
check "load: $((STREAMS * 3)) streams and pktgen's datagrams flow" pktgen_flows

# ---- SYN flood ----------------------------------------------------------------

lite --conn-max "$CONN_MAX"
c0=$(svc_conns 83)
f0=$(status table_full)
n0=$(status nomem)
mem0=$(awk '/^Slab:/ { print $2 }' /proc/meminfo)
s0=$(flood_seen)
t0=$(date +%s)
# addr_plus ADDR N: the IPv4 address N after ADDR.
addr_plus() {
	echo "$1" | awk -F. -v n="$2" '{
		v = (($1 * 256 + $2) * 256 + $3) * 256 + $4 + n
		printf "%d.%d.%d.%d\n", int(v / 16777216), int(v / 65536) % 256,
			int(v / 256) % 256, v % 256 }'
}
# counted N: the table's size and the slab's sampled for their peaks,
# and c1, f1 and n1 read (the flood's service's connections and the
# drops, from one --status); true once N of the flood's SYNs are a
# connection or a drop.
counted() {
	set -- "$1" $(lite --status | awk '/^Connections:/ { n = $2 }
		$1 == "table_full" { f = $2 } $1 == "nomem" { m = $2 }
		END { print n, f, m }')
	[ "$2" -gt "$peak" ] && peak=$2
	f1=$3
	n1=$4
	m=$(awk '/^Slab:/ { print $2 }' /proc/meminfo)
	[ "$m" -gt "$mempeak" ] && mempeak=$m
	c1=$(svc_conns 83)
	[ $((c1 - c0 + f1 - f0 + n1 - n0)) -ge "$1" ]
}
# In bursts of BURST SYNs, each counted by the director before the next
# is sent: unpaced, the senders outrun it (on the debug kernel by about a
# third), and a million SYNs queued in the client's backlog would be the
# guest's memory, not the table's, exhausted.  Each burst from both CPUs,
# half each: from 172.16.0.1 and from 172.24.0.1 on (a million sources
# in 172.16.0.0/12, each used once).
BURST=20000
peak=0
mempeak=0
sent=0
next=60
while [ "$sent" -lt "$FLOOD" ]; do
	b=$((FLOOD - sent))
	[ "$b" -gt "$BURST" ] && b=$BURST
	h=$((b / 2))
	/usr/sbin/ip netns exec "$c" "$FLOWS" -p syn -n "$h" \
		-s "$(addr_plus 172.16.0.1 $((sent / 2)))" -k 1 -c 0 "$VIP" 83 &
	flood0=$!
	/usr/sbin/ip netns exec "$c" "$FLOWS" -p syn -n $((b - h)) \
		-s "$(addr_plus 172.24.0.1 $((sent / 2)))" -k 1 -c 1 "$VIP" 83 &
	flood1=$!
	wait "$flood0" && wait "$flood1" || break
	sent=$((sent + b))
	# Counted within a minute, or the director has stopped keeping up.
	within 60 counted "$sent" || break
	# A long flood says how far it has got, each minute or so.
	if [ $(($(date +%s) - t0)) -ge "$next" ]; then
		next=$((next + 60))
		echo "# flood: after $(($(date +%s) - t0)) s," \
			"$((c1 - c0)) connections made, $((f1 - f0)) table_full"
	fi
done
check "flood: $FLOOD SYNs from as many sources sent" [ "$sent" -eq "$FLOOD" ]
secs=$(($(date +%s) - t0))
# Every SYN is counted once it has been through (the servers' filter
# counts the forwarded ones): the director's backlog may lag the senders.
flood_counted() {
	counted "$FLOOD" && [ $(($(flood_seen) - s0)) -ge $((c1 - c0)) ]
}
within 20 flood_counted
echo "# flood: $FLOOD SYNs in $secs s; peak $peak connections" \
	"(bound $CONN_MAX), slab +$((mempeak - mem0)) KiB"
check "flood: the table never held more than the bound" [ "$peak" -le "$CONN_MAX" ]
check "flood: every SYN is a connection or a counted drop ($((c1 - c0)) + $((f1 - f0)) table_full + $((n1 - n0)) nomem)" \
	[ $((c1 - c0 + f1 - f0 + n1 - n0)) -eq "$FLOOD" ]
check "flood: each of its connections forwarded one SYN to a server ($(($(flood_seen) - s0)) seen)" \
	[ $(($(flood_seen) - s0)) -eq $((c1 - c0)) ]
# Bounded: a connection is far under 1 KiB; the rest is skbs in flight
# and the slab's own growth.  KASAN (the debug kernel) holds freed objects
# in a quarantine of up to 1/32 of memory before they are reused.
slack=16384
[ -e /sys/kernel/debug/kmemleak ] &&
	slack=$((slack + $(awk '/^MemTotal:/ { print $2 }' /proc/meminfo) / 32))
check "flood: slab memory grew by less than the bound's worth (+$((mempeak - mem0)) KiB, bound $CONN_MAX + $slack)" \
	[ $((mempeak - mem0)) -lt $((CONN_MAX + slack)) ]
streams_stop
check "flood: the established streams flowed through it, byte for byte" \
	[ "$e" = 0 ]
lite --conn-max 1000000
injected=$((injected + 1))

# ---- reconfiguration under load -------------------------------------------------

big_config() {
	i=0
	while [ "$i" -lt "$CONFIG" ]; do
		a="10.9.$((i / 250)).$((i % 250 + 1))"
		echo "-A -t $a:80 -s wlc"
		for r in 1 2 3 4 5 6 7 8 9 10; do
			echo "-a -t $a:80 -r 10.10.$((i / 250)).$((i % 250 + 1)):$((8000 + r)) -m -w $r"
		done
		i=$((i + 1))
	done
}
big_config >/tmp/big.conf
grep '^-A' /tmp/big.conf | sed 's/^-A \(-t [^ ]*\).*/-D \1/' >/tmp/big.del

# One round: every weight of rs2 in every service changed four times,
# then every TCP service through six schedulers; -R applies each line as
# a command of its own.
edits() {
	for w in 3 1 0 2; do
		# -e without a method would set ipvsadm's default, -g.
		for m in "t 83 LAN g" "t 81 NET i" "t 82 NET m" "u 9 LAN g" \
			 "u 10 NET i" "u 11 NET m"; do
			set -- $m
			eval "a=\$RS2_$3"
			echo "-e -$1 $VIP:$2 -r $a:$2 -$4 -w $w"
		done
	done
	for s in wlc sh mh wrr lc rr; do
		for p in 83 81 82; do
			echo "-E -t $VIP:$p -s $s"
		done
	done
}
edits >/tmp/edits

streams_start
round=0
refused=0
while [ "$round" -lt 5 ]; do
	for f in /tmp/edits /tmp/big.conf /tmp/big.del; do
		if lite -R <"$f"; then
			injected=$((injected + $(wc -l <"$f")))
		else
			refused=$((refused + 1))
		fi
		lite -Ln >/dev/null	# listings meanwhile, too
	done
	round=$((round + 1))
done
check "reconfiguration: $injected changes made under load, none refused" \
	[ "$refused" -eq 0 ]
pktgen_mark
check "reconfiguration: pktgen's datagrams still arrive by DR, TUN and NAT" \
	pktgen_flows
streams_stop
check "reconfiguration: every stream flowed through it, byte for byte" \
	[ "$e" = 0 ]

# ---- a real server deleted and re-added under load ---------------------------------

# The streams' own entries: an earlier connection whose close the
# director did not see stays ESTABLISHED until it expires, and is not one.
{
	echo none
	lite -Lnc | awk '$3 == "ESTABLISHED" { print $4 }'
} >/tmp/est.before
streams_start
on_rs2=0
for m in "83 LAN" "81 NET" "82 NET"; do
	set -- $m
	eval "a=\$RS2_$2"
	k=$(lite -Lnc | awk -v v="$VIP:$1" -v r="$a:$1" '
		NR == FNR { old[$1] = 1; next }
		$3 == "ESTABLISHED" && $5 == v && $6 == r && !($4 in old)
		' /tmp/est.before - | wc -l)
	echo "# port $1: $k streams on rs2"
	on_rs2=$((on_rs2 + k))
	lite -d -t "$VIP:$1" -r "$a:$1"
done
injected=$((injected + 3))
check "delete: new connections go to the server left" all_new_conns
for m in "83 LAN g" "81 NET i" "82 NET m"; do
	set -- $m
	eval "a=\$RS2_$2"
	lite -a -t "$VIP:$1" -r "$a:$1" -"$3"
done
injected=$((injected + 3))
check "re-add: new connections are made" all_new_conns
streams_stop
check "delete: the $on_rs2 streams on the deleted server failed, no other" \
	[ "$e" = "$on_rs2" ]

# ---- the flood's table drains --------------------------------------------------

# SYN_RECV lasts 60 s; the expiry sweep must keep up with all of them.
tmo=90
[ -e /sys/kernel/debug/kmemleak ] && tmo=240
check "flood: the table drained ($(syn_recv) half-open left at this point)" \
	within "$tmo" no_syn_recv

# ---- the servers' counters under expiry from both CPUs -------------------------------

# Two senders, one per CPU, at one made-up connection to DR VIP:84: one
# takes it to ESTABLISHED, CLOSE by RST, and replaces it by SYN (the
# closed entry expired at once), CYCLE_ROUNDS times; the other sends SYNs
# at it meanwhile, three times as many.  --set 1 1 1 expires what idles.
# A SYN that found the entry just before the first CPU expired it must
# leave its server's counters alone.
CYCLE_CONNS=1
lite -A -t "$VIP:84" -s rr
for a in $RS1_LAN $RS2_LAN; do
	lite -a -t "$VIP:84" -r "$a:84" -g
done
lite --set 1 1 1
/usr/sbin/ip netns exec "$c" "$FLOWS" -p ack,rst,syn -r "$CYCLE_ROUNDS" \
	-n "$CYCLE_CONNS" -s 172.30.0.1 -c 0 "$VIP" 84 &
cy0=$!
/usr/sbin/ip netns exec "$c" "$FLOWS" -p syn -r $((CYCLE_ROUNDS * 3)) \
	-n "$CYCLE_CONNS" -s 172.30.0.1 -c 1 "$VIP" 84 &
cy1=$!
wait "$cy0" && wait "$cy1"
check "counters: both CPUs sent their $((CYCLE_ROUNDS * 6)) packets" \
	[ $? -eq 0 ]
# ESTABLISHED, for 20 s: SYN (a closed entry replaced), then ACK.
lite --set 20 1 1
for p in syn ack; do
	/usr/sbin/ip netns exec "$c" "$FLOWS" -p "$p" -n "$CYCLE_CONNS" \
		-s 172.30.0.1 "$VIP" 84
done
# counts84: "ActiveConn InActConn" summed over VIP:84's servers, then
# its ESTABLISHED entries and its others in -Lnc.
counts84() {
	lite -Ln -t "$VIP:84" | awk '$1 == "->" && $2 ~ /^10/ {
		a += $5; i += $6 } END { printf "%d %d ", a, i }'
	lite -Lnc | awk -v v="$VIP:84" '$5 == v {
		if ($3 == "ESTABLISHED") e++; else o++ }
		END { printf "%d %d\n", e, o }'
}
all_est() { [ "$(counts84)" = "$CYCLE_CONNS 0 $CYCLE_CONNS 0" ]; }
check "counters: the connection ESTABLISHED in -Lnc, ActiveConn 1, InActConn 0" \
	within 5 all_est
echo "# VIP:84: active, inactive; ESTABLISHED, other entries: $(counts84)"
# FIN: FIN_WAIT, which --set gave one second.
/usr/sbin/ip netns exec "$c" "$FLOWS" -p fin -n "$CYCLE_CONNS" \
	-s 172.30.0.1 "$VIP" 84
all_gone() { [ "$(counts84)" = "0 0 0 0" ]; }
within 20 all_gone
check "counters: expired, ActiveConn and InActConn 0 ($(counts84))" \
	all_gone
lite -Ln -t "$VIP:84" | sed 's/^/# /'
lite -D -t "$VIP:84"
lite --set 900 120 300

# ---- teardown under load ------------------------------------------------------------

streams_start
lite -C
injected=$((injected + 1))
check "flush: the table is empty" [ -z "$(lite -Sn)" ]
streams_stop
services
pktgen_mark
check "flush: after the services are back, connections are made" all_new_conns
check "flush: ... and pktgen's datagrams arrive" pktgen_flows

streams_start
check "rmmod under load" rmmod ipvs_lite
injected=$((injected + 1))
streams_stop
load_ipvs_lite || exit $KSFT_FAIL
services
pktgen_mark
check "rmmod: reloaded, connections are made" all_new_conns
check "rmmod: ... and pktgen's datagrams arrive" pktgen_flows

streams_start
ip netns del "$d"
injected=$((injected + 1))
streams_stop
pg_stop
setup_ns d2
check "netns deleted under load: the module serves a new namespace" \
	ip netns exec "$d2" ipvsadm-lite --status
echo "# faults and reconfigurations injected: $injected"
tap_exit
