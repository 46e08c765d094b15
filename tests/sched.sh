#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Schedulers, persistence and draining (tests/topo.sh).
#
#   - every IPVS scheduler (and the sh/mh port flags) given the same
#     flows (tests/flows.c: TCP SYNs from made-up sources, in order, from
#     one CPU) by the kernel's ip_vs and by ipvs-lite in the same boot:
#     each flow's real server must be the same (mh at IPVS's 4093 slots);
#   - persistence (-p, -M, a firewall-mark service across ports): the
#     -Lnc listing with its templates and -Ln --persistent-conn, again
#     the same as ip_vs's;
#   - twos, which Debian's kernels do not build: only servers with weight;
#   - mh: removing 1 of 8 servers moves about 1/8 of 10 000 flows; weights
#     1:2:3:4 over 100 000 one-packet (-o) flows within 2 %; wrr exactly;
#   - persistence expiring: a client is scheduled afresh after -p;
#   - draining: weight 0 keeps a live connection, new ones go elsewhere;
#   - a firewall-mark NAT service: the real server's port;
#   - thresholds: a server at -x 1 with a live connection is skipped, and
#     raising -x lets it take new connections again;
#   - -E -s back and forth between sh and mh under a SYN load: every SYN
#     is a connection, none refused;
#   - mh-fallback over 1048573 slots whose servers all have weight 0:
#     SYNs refused at once (no walk of the table), and a server given
#     weight again takes them;
#   - sloppy_tcp (at 0 the director's stack answers a bare ACK with RST),
#     expire_nodest_conn, expire_quiescent_template;
#   - in IPv6, the hashing schedulers (and rr, wrr) and persistence by
#     prefix, each flow as with ip_vs;
#   - bad input: unknown scheduler, flags or mh table sizes refused by the
#     CLI and, sent anyway, by the kernel.
. ./tests/lib.sh
. ./tests/topo.sh

trap cleanup_all_ns EXIT
unload_ip_vs
unload_ipvs_lite
# Every flow must reach the hook, also where softirqs are slow (the debug
# kernel): the receive backlog holds what the sender is ahead by.
echo 1000000 >/proc/sys/net/core/netdev_max_backlog
topo_setup || exit $KSFT_FAIL
FLOWS=/repo/build/tests/flows

# The debug kernel (KASAN, kmemleak, lockdep) is many times slower under
# emulation: there the same checks run over fewer flows.
# Its schedulers are compared with ip_vs's on a few kinds (a cursor, a
# weighted cycle, the two hash tables, the locality table); 6.1 and 6.12
# compare them all.
SLOW=
if [ -e /sys/kernel/debug/kmemleak ]; then
	SLOW=1
	N_SCHED=90 N_MH=1000 N_WEIGHT=10000 N_WRR=1000 N_SWITCH=4000
	N_NOBODY=200
else
	N_SCHED=600 N_MH=10000 N_WEIGHT=100000 N_WRR=10000 N_SWITCH=20000
	N_NOBODY=1000
fi

# Made-up real servers on the client's segment: the scheduling is what
# is measured, so nobody needs to answer.
D1=10.0.1.21 D2=10.0.1.22 D3=10.0.1.23 D4=10.0.1.24
EIGHT="10.0.1.21 10.0.1.22 10.0.1.23 10.0.1.24 10.0.1.25 10.0.1.26
10.0.1.27 10.0.1.28"

flows() { ip netns exec "$c" "$FLOWS" "$@"; }
lite() { ip netns exec "$d" ipvsadm-lite "$@"; }
stock() { ip netns exec "$d" ipvsadm "$@"; }
sysctl_d() { sysctl_ns "$d" "net/ipvs_lite/$1" "$2"; }

# Each scheduler on its own TCP port; NAME-port is NAME with -b NAME-port.
ALL_SCHEDS="rr:5001 wrr:5002 lc:5003 wlc:5004 sed:5005 nq:5006 fo:5007
ovf:5008 sh:5009 dh:5010 mh:5011 lblc:5012 lblcr:5013 sh-port:5014
mh-port:5015"
SCHEDS=$ALL_SCHEDS
[ -n "$SLOW" ] && SCHEDS="rr:5001 wrr:5002 sh:5009 mh:5011 lblcr:5013"

# configure TOOL: the same services through either tool.
configure() {
	for e in $SCHEDS; do
		name=${e%:*}
		port=${e#*:}
		case $name in
		*-port) set -- -s "${name%-port}" -b "$name" ;;
		*) set -- -s "$name" ;;
		esac
		# ip_vs's mh table has 4093 slots; give ipvs-lite's the same.
		case $1$2$3 in
		*mh*) [ "$tool" = lite ] && set -- "$@" --mh-table-size 4093 ;;
		esac
		$tool -A -t "$VIP:$port" "$@" || return 1
		w=1
		for rs in $D1 $D2 $D3 $D4; do
			$tool -a -t "$VIP:$port" -r "$rs" -g -w $w || return 1
			w=$((w + 1))
		done
	done
	# rr with an upper threshold of 3 on one server.
	$tool -A -t "$VIP:5020" -s rr &&
	$tool -a -t "$VIP:5020" -r $D1 -g -x 3 &&
	$tool -a -t "$VIP:5020" -r $D2 -g || return 1
	# Persistence: by /24, and across the ports of a firewall mark.
	$tool -A -u "$VIP:7000" -s rr -p 60 -M 255.255.255.0 &&
	$tool -A -f 7 -s rr -p 60 || return 1
	for rs in $D1 $D2 $D3; do
		$tool -a -u "$VIP:7000" -r "$rs" -g &&
		$tool -a -f 7 -r "$rs" -g || return 1
	done
}

# traffic TOOL DIR: the same packets, in the same order, each time; each
# service's flows and their servers are recorded at once, before any
# entry can expire, and so are the persistence listings (expiry masked).
traffic() {
	mkdir -p "$2"
	for e in $SCHEDS; do
		flows -p syn -n $N_SCHED -k 3 "$VIP" "${e#*:}" || return 1
		$1 -Lnc | awk -v v="$VIP:${e#*:}" '$5 == v { print $4, $6, $3 }' |
			sort >"$2/${e%:*}"
	done
	flows -p syn -n 10 -s 172.16.9.1 "$VIP" 5020 || return 1
	$1 -Lnc | awk -v v="$VIP:5020" '$5 == v { print $4, $6, $3 }' |
		sort >"$2/thresh"
	flows -n 6 -k 3 -s 172.16.0.1 "$VIP" 7000 &&
	flows -n 3 -k 3 -s 172.16.1.1 "$VIP" 7000 &&
	flows -n 2 -s 172.16.2.1 "$VIP" 7000 || return 1
	if [ -n "$marking" ]; then
		for p in 7100 7101 7102 7103; do
			flows -n 2 -k 2 -s 172.16.5.1 "$VIP" $p || return 1
		done
	fi
	$1 -Lnc >"$2/conns" || return 1
	awk -v v="$VIP:7000" '$5 == v || $1 == "IP" { $2 = "-"; print }' \
		"$2/conns" | sort >"$2/persist"
	{ $1 -Ln --persistent-conn -u "$VIP:7000" &&
	  $1 -Ln --persistent-conn -f 7; } >"$2/list"
}

# The firewall mark: UDP to the VIP's ports 7100-7103 gets mark 7.
marking=
if ip netns exec "$d" /usr/sbin/tc qdisc add dev lan0 ingress 2>/dev/null &&
   ip netns exec "$d" /usr/sbin/tc filter add dev lan0 parent ffff: \
	protocol ip u32 match ip dst "$VIP/32" match ip protocol 17 0xff \
	match ip dport 7100 0xfffc action skbedit mark 7 2>/dev/null; then
	marking=1
fi

# --- the same flows through ip_vs and ipvs-lite ------------------------------
missing=
for e in $SCHEDS; do
	n=${e%:*}
	modprobe "ip_vs_${n%-port}" 2>/dev/null || missing="$missing ${n%-port}"
done
tool=stock
configure && traffic stock /tmp/ref
stock -C
unload_ip_vs
load_ipvs_lite || exit $KSFT_FAIL
tool=lite
configure && traffic lite /tmp/lite

tap_plan 78

# The reference must have scheduled something to compare with.
same_ref() { [ -s "$1" ] && same "$1" "$2"; }

for e in $ALL_SCHEDS; do
	n=${e%:*}
	case " $(echo $SCHEDS) " in
	*" $e "*) ;;
	*)
		skip "$n: each flow to ip_vs's server" "compared on 6.1 and 6.12"
		continue ;;
	esac
	case " $missing " in
	*" ${n%-port} "*)
		skip "$n: each flow to ip_vs's server" "ip_vs_${n%-port} not built"
		continue ;;
	esac
	check "$n: each flow to ip_vs's server" \
		same_ref /tmp/ref/$n /tmp/lite/$n
done
check "-x 3: the server takes 3 of 10 connections, as ip_vs's" \
	sh -c "[ \$(grep -c '$D1:' /tmp/lite/thresh) -eq 3 ] &&
		cmp -s /tmp/ref/thresh /tmp/lite/thresh"
check "rr, wrr, sh, mh spread flows over all four servers" \
	sh -c "for s in rr wrr sh mh; do
		[ \$(awk '{ print \$2 }' /tmp/lite/\$s | sort -u | wc -l) -eq 4 ] ||
			exit 1; done"
check "persistence: -Lnc with templates as ip_vs's" \
	same_ref /tmp/ref/persist /tmp/lite/persist
check "persistence: -Ln --persistent-conn as ip_vs's" \
	same /tmp/ref/list /tmp/lite/list
# one_server PREFIX PORTS: the flows from PREFIX to the VIP's PORTS (a
# pattern) are all on one server.
one_server() {
	[ "$(awk -v p="$1" -v v="^$VIP:($2)\$" \
		'index($4, p) == 1 && $5 ~ v && $3 != "NONE" {
			sub(/:.*/, "", $6); print $6 }' \
		/tmp/lite/conns | sort -u | wc -l)" -eq 1 ]
}
check "persistence: a /24's six flows on one server" one_server 172.16.0. 7000
fw_template() {
	[ "$(awk '$1 == "IP" && $4 == "172.16.5.1:0" && $5 == "0.0.0.7:0"' \
		/tmp/lite/conns | wc -l)" -eq 1 ]
}
if [ -n "$marking" ]; then
	check "fwmark persistence: one template across four ports" fw_template
	check "fwmark persistence: eight flows on its server" one_server \
		172.16.5.1: "7100|7101|7102|7103"
else
	skip "fwmark persistence: one template" "no tc marking here"
	skip "fwmark persistence: eight flows" "no tc marking here"
fi
lite -C

# --- back under the lower threshold --------------------------------------------
lite --set 0 0 10
lite -A -u "$VIP:8004" -s rr
lite -a -u "$VIP:8004" -r $D1 -g -x 3 -y 1
lite -a -u "$VIP:8004" -r $D2 -g
flows -n 10 -s 172.16.8.1 "$VIP" 8004
entries_of() { lite -Lnc | grep -c " $1:8004\$"; }
check "-x 3 -y 1: 3 of 10 UDP flows to the server" [ "$(entries_of $D1)" -eq 3 ]
expired_8004() { [ "$(lite -Lnc | grep -c ":8004\$")" -eq 0 ]; }
busywait 40000 expired_8004
flows -n 4 -s 172.16.8.101 "$VIP" 8004
check "below -y 1 it takes connections again" [ "$(entries_of $D1)" -eq 2 ]
lite --set 0 0 300
lite -C

# --- twos: random, but only among servers with weight ------------------------
lite -A -t "$VIP:5016" -s twos
w=0
for rs in $D1 $D2 $D3 $D4; do
	lite -a -t "$VIP:5016" -r "$rs" -g -w $w
	w=$((w + 1))
done
flows -p syn -n $N_SCHED "$VIP" 5016
lite -Lnc | awk -v v="$VIP:5016" '$5 == v { print $6 }' | sort |
	uniq -c >/tmp/twos
check "twos: $N_SCHED flows over the three servers with weight" \
	sh -c "[ \$(awk '{ n += \$1 } END { print n }' /tmp/twos) -eq $N_SCHED ] &&
		[ \$(wc -l </tmp/twos) -eq 3 ] && ! grep -q '$D1:' /tmp/twos"
lite -C

# --- mh: removing 1 of 8 servers -----------------------------------------------
# mh hashes the client's address only: the same addresses from new ports
# are new flows, scheduled by the new table, next to the old entries.
lite -A -u "$VIP:6000" -s mh
for rs in $EIGHT; do
	lite -a -u "$VIP:6000" -r "$rs" -g
done
# mapping FILE: client address and server of each entry from ports PORT+.
mapping() {
	lite -Lnc | awk -v v="$VIP:6000" -v p=":$2\$" '$5 == v && $4 ~ p {
		sub(/:.*/, "", $4); print $4, $6 }' | sort >"$1"
}
flows -n $N_MH -b 10000 "$VIP" 6000
mapping /tmp/mh1 10000
lite -d -u "$VIP:6000" -r 10.0.1.23
flows -n $N_MH -b 20000 "$VIP" 6000
mapping /tmp/mh2 20000
# moved: flows now elsewhere; gone: those whose server was removed.
awk 'NR == FNR { was[$1] = $2; next }
	$1 in was { n++; if (was[$1] != $2) moved++
		if (was[$1] ~ /^10.0.1.23:/) gone++ }
	END { print n + 0, moved + 0, gone + 0 }' /tmp/mh1 /tmp/mh2 >/tmp/mh.moved
echo "# mh: flows, moved, on the removed server: $(cat /tmp/mh.moved)"
check "mh: $N_MH flows scheduled both times" \
	sh -c "[ \$(cut -d' ' -f1 /tmp/mh.moved) -eq $N_MH ]"
# About 1/8 must move; allow 1.5 % of the others to move too.
check "mh: removing 1 of 8 moves its 1/8 and at most 1.5 % more" \
	awk '{ exit !($3 > $1 / 10 && $3 < $1 / 6 && $2 >= $3 &&
		$2 <= $3 + $1 * 0.015) }' /tmp/mh.moved
lite -C

# --- weights over one-packet flows ----------------------------------------------
# share TOTAL PORT: each server's share of TOTAL one-packet flows against its
# weight's, within 2 % of TOTAL.
share_ok() {
	lite -Ln --stats --exact -u "$VIP:$2" | awk -v t="$1" '
		$1 == "->" && $2 ~ /^10/ { split($2, a, ".")
			w = substr(a[4], 2, 1) + 0; c[w] = $3; n += $3 }
		END {
			if (n != t) exit 1
			for (w = 1; w <= 4; w++) {
				d = c[w] - t * w / 10
				if (d < 0) d = -d
				printf "# weight %d: %d of %d\n", w, c[w], t
				if (d > t * 0.02) exit 1
			}
		}'
}
for s in mh wrr; do
	port=6001
	[ $s = wrr ] && port=6002
	lite -A -u "$VIP:$port" -s $s -o
	w=1
	for rs in $D1 $D2 $D3 $D4; do
		lite -a -u "$VIP:$port" -r "$rs" -g -w $w
		w=$((w + 1))
	done
done
flows -n $N_WEIGHT "$VIP" 6001
flows -n $N_WRR "$VIP" 6002
no_conns() { [ "$(lite -Lnc | grep -c ":600[12]\$")" -eq 0 ]; }
check "-o: one-packet flows leave no entry" no_conns
check "mh: weights 1:2:3:4 within 2 % over $N_WEIGHT flows" \
	share_ok $N_WEIGHT 6001
# wrr's cycle is exact: a tenth per unit of weight.
exact_wrr() {
	lite -Ln --stats --exact -u "$VIP:6002" | awk -v t=$N_WRR '
		$1 == "->" && $2 ~ /^10/ { split($2, a, ".")
			w = substr(a[4], 2, 1) + 0; if ($3 != w * t / 10) bad = 1
			n++ }
		END { exit bad || n != 4 }'
}
check "wrr: weights 1:2:3:4 exactly over $N_WRR flows" exact_wrr
lite -C

# --- persistence expires -----------------------------------------------------
# One-packet datagrams leave only the template, which -p 10 expires.
lite -A -u "$VIP:6003" -s rr -p 10 -o
for rs in $D1 $D2; do
	lite -a -u "$VIP:6003" -r "$rs" -g
done
served_by() {
	lite -Ln --stats --exact -u "$VIP:6003" |
		awk '$1 == "->" && $2 ~ /^10/ { printf "%s=%s ", $2, $3 }'
}
flows -n 3 -k 3 "$VIP" 6003
first=$(served_by)
check "persistence: three connections of a client on one server" \
	sh -c "echo '$first' | grep -q '=3 '"
tmpl=$(lite -Lnc | awk -v v="$VIP:6003" '$3 == "NONE" && $5 == v { print $6 }')
tmpl_ok() {
	[ -n "$tmpl" ] && case "$first" in *"$tmpl=3 "*) ;; *) false ;; esac
}
check "... its template lists that server" tmpl_ok
no_tmpl() { [ "$(lite -Lnc | grep -c ":6003\$")" -eq 0 ]; }
check "the template expires after -p 10" busywait 30000 no_tmpl
flows -n 1 "$VIP" 6003
afresh() {
	[ "$(lite -Ln --stats --exact -u "$VIP:6003" |
		awk '$1 == "->" && $2 ~ /^10/ { print $3 }' | sort |
		tr '\n' ' ')" = "1 3 " ]
}
check "then the client is scheduled afresh (rr: the other server)" afresh
lite -C

# --- draining: weight 0 --------------------------------------------------------
dd if=/dev/urandom of=/tmp/small bs=1k count=16 2>/dev/null
topo_method g
lite -A -t "$VIP:80" -s rr
lite -a -t "$VIP:80" -r "$RS1_LAN" -g
lite -a -t "$VIP:80" -r "$RS2_LAN" -g
live_open
echo one >&8
check "drain: a live connection echoes" busywait 5000 grep -q one /tmp/out
server=$(head -1 /tmp/out)
case $server in rs1) rip=$RS1_LAN ;; *) rip=$RS2_LAN ;; esac
lite -e -t "$VIP:80" -r "$rip" -g -w 0
echo two >&8
check "drain: at weight 0 its server still serves it" \
	busywait 5000 grep -q two /tmp/out
others=0
for i in 1 2 3 4; do
	tcp_get /tmp/small >/tmp/r
	reply_ok /tmp/r /tmp/small && [ "$(head -1 /tmp/r)" != "$server" ] &&
		others=$((others + 1))
done
check "drain: four new connections all go to the other server" \
	[ "$others" -eq 4 ]
live_close
lite -C

# --- a firewall-mark NAT service: the real server's port ---------------------
# TCP to VIP:80 marked 8 (tc), to a NAT server whose port is 8080: as IPVS,
# a service without persistence sends every port's packets to the
# server's port (rs1:80 would answer too, with another greeting).
if [ -n "$marking" ] &&
   ip netns exec "$d" /usr/sbin/tc filter add dev lan0 parent ffff: \
	protocol ip prio 10 u32 match ip dst "$VIP/32" \
	match ip protocol 6 0xff match ip dport 80 0xffff \
	action skbedit mark 8 2>/dev/null; then
	topo_method m
	ip netns exec "$rs1" socat -T 5 TCP-LISTEN:8080,fork,reuseaddr \
		SYSTEM:"echo rs1-8080; cat" </dev/null >/dev/null 2>&1 &
	rs8080=$!
	on_8080() { ip netns exec "$rs1" ss -ltn | grep -q ':8080 '; }
	busywait 5000 on_8080
	lite -A -f 8 -s rr
	lite -a -f 8 -r "$RS1_NET:8080" -m
	tcp_get /tmp/small >/tmp/r
	check "fwmark NAT: VIP:80 served by the server's port 8080, byte for byte" \
		sh -c 'head -1 /tmp/r | grep -qx rs1-8080 &&
			tail -c +10 /tmp/r | cmp -s - /tmp/small'
	ip netns exec "$d" /usr/sbin/tc filter del dev lan0 parent ffff: \
		protocol ip prio 10
	kill "$rs8080"
	lite -C
	topo_method g
else
	skip "fwmark NAT: the server's port" "no tc marking here"
fi

# --- the upper threshold raised --------------------------------------------------
# served N: "RS1 RS2", how many of N new connections each served (a
# short exchange: the debug kernel is slow).
head -c 64 /tmp/small >/tmp/tiny
served() {
	n1=0 n2=0 i=0
	while [ "$i" -lt "$1" ]; do
		tcp_get /tmp/tiny >/tmp/r
		reply_ok /tmp/r /tmp/tiny rs1 && n1=$((n1 + 1))
		reply_ok /tmp/r /tmp/tiny rs2 && n2=$((n2 + 1))
		i=$((i + 1))
	done
	echo "# served by rs1, rs2: $n1 $n2" >&2
	echo "$n1 $n2"
}
lite -A -t "$VIP:80" -s rr
lite -a -t "$VIP:80" -r "$RS1_LAN" -g -x 1
live_open
echo one >&8
check "-x 1: a live connection to the only server" \
	busywait 5000 grep -q one /tmp/out
lite -a -t "$VIP:80" -r "$RS2_LAN" -g
check "-x 1 with one connection: four new ones all go to the other server" \
	[ "$(served 4)" = "0 4" ]
lite -e -t "$VIP:80" -r "$RS1_LAN" -g -x 10
check "-x raised to 10: rr gives it every other new connection again" \
	[ "$(served 4)" = "2 2" ]
live_close
lite -C

# --- sloppy_tcp: flows that arrive without their SYN -------------------------------
for p in t u; do
	lite -A -$p "$VIP:8000" -s mh
	for rs in $D1 $D2 $D3 $D4; do
		lite -a -$p "$VIP:8000" -r "$rs" -g
	done
done
drops() { lite --status | awk -v r="$1" '$1 == r { print $2 }'; }
base=$(drops nonsyn_miss)
flows -p ack -n 200 "$VIP" 8000
acks_passed() {
	[ $(($(drops nonsyn_miss) - base)) -eq 200 ] &&
		[ "$(lite -Lnc | grep -c ":8000\$")" -eq 0 ]
}
check "sloppy_tcp=0: 200 bare ACKs left to the local stack as nonsyn_miss, no entry" \
	acks_passed
# As IPVS: the director's own stack answers them, so a client whose
# connection the director does not know hears a RST at once.
check "sloppy_tcp=0: bare ACKs from the client's own address answered with RST" \
	flows -p ack -n 3 -k 3 -s "$CLIENT" -b 30000 -w 5000 "$VIP" 8000
sysctl_d sloppy_tcp 1
flows -p ack -n 200 "$VIP" 8000
flows -n 200 "$VIP" 8000
lite -Lnc >/tmp/sloppy
awk -v v="$VIP:8000" '$1 == "TCP" && $5 == v { print $4, $6 }' /tmp/sloppy |
	sort >/tmp/sloppy.tcp
awk -v v="$VIP:8000" '$1 == "UDP" && $5 == v { print $4, $6 }' /tmp/sloppy |
	sort >/tmp/sloppy.udp
check "sloppy_tcp=1: 200 mid-stream flows ESTABLISHED" \
	[ "$(grep -c '^TCP .* ESTABLISHED ' /tmp/sloppy)" -eq 200 ]
check "sloppy_tcp=1 with mh: each on the server its address hashes to" \
	same /tmp/sloppy.tcp /tmp/sloppy.udp
sysctl_d sloppy_tcp 0
lite -C

# --- expire_nodest_conn, expire_quiescent_template ------------------------------
lite -A -u "$VIP:8001" -s rr
lite -a -u "$VIP:8001" -r $D1 -g
lite -a -u "$VIP:8001" -r $D2 -g
flows -n 20 "$VIP" 8001
lite -d -u "$VIP:8001" -r $D1
to_d1() { lite -Lnc | grep -c " $D1:8001\$"; }
check "expire_nodest_conn=0: entries of a deleted server stay" \
	[ "$(to_d1)" -eq 10 ]
sysctl_d expire_nodest_conn 1
none_to_d1() { [ "$(to_d1)" -eq 0 ]; }
check "expire_nodest_conn=1: they are flushed" busywait 5000 none_to_d1
check "... and the others stay" \
	[ "$(lite -Lnc | grep -c " $D2:8001\$")" -eq 10 ]
sysctl_d expire_nodest_conn 0
lite -C

lite -A -u "$VIP:8002" -s rr -p 300 -o
lite -a -u "$VIP:8002" -r $D1 -g
lite -a -u "$VIP:8002" -r $D2 -g
flows -n 1 "$VIP" 8002
tserver=$(lite -Lnc | awk -v v="$VIP:8002" '$3 == "NONE" && $5 == v { print $6 }')
lite -e -u "$VIP:8002" -r "${tserver%:*}" -g -w 0
flows -n 1 "$VIP" 8002
conns_of() {
	lite -Ln --stats --exact -u "$VIP:8002" |
		awk -v a="$1" '$2 == a { print $3 }'
}
check "expire_quiescent_template=0: the client stays on its quiesced server" \
	[ "$(conns_of "$tserver")" -eq 2 ]
sysctl_d expire_quiescent_template 1
flows -n 1 "$VIP" 8002
check "expire_quiescent_template=1: it goes to the other server" \
	[ "$(conns_of "$tserver")" -eq 2 ]
new_tmpl() {
	t=$(lite -Lnc | awk -v v="$VIP:8002" '$3 == "NONE" && $5 == v { print $6 }')
	[ -n "$t" ] && [ "$t" != "$tserver" ]
}
check "... under a new template" new_tmpl
sysctl_d expire_quiescent_template 0
lite -C

# --- mh-fallback when nobody is usable ---------------------------------------------
# Slots keep their weight-0 servers (the last weight).  Probing every
# slot took some 150 million instructions per SYN at this size, refusing
# after a look at each server takes some ten thousand (docs/schedulers.md):
# the bound is many times what the refusals take, and a fraction of what
# the probes would.
lite -A -t "$VIP:5101" -s mh -b mh-fallback --mh-table-size 1048573
for rs in $D1 $D2 $D3 $D4; do
	lite -a -t "$VIP:5101" -r "$rs" -g
done
for rs in $D1 $D2 $D3 $D4; do
	lite -e -t "$VIP:5101" -r "$rs" -g -w 0
done
nd=$(drops no_dest)
flows -p syn -n $N_NOBODY -s 172.18.64.1 "$VIP" 5101 &
fpid=$!
refused_all() { [ $(($(drops no_dest) - nd)) -eq $N_NOBODY ]; }
check "mh-fallback, every server at weight 0: $N_NOBODY SYNs refused within 20 s" \
	within 20 refused_all
kill "$fpid" 2>/dev/null
wait "$fpid"
check "... with no entry" [ "$(lite -Lnc | grep -c ":5101\$")" -eq 0 ]
check "... and a client's connect refused (port unreachable)" \
	sh -c "! /usr/sbin/ip netns exec $c socat -T 5 - \
		TCP:$VIP:5101,connect-timeout=5 </dev/null 2>/tmp/err &&
		grep -q refused /tmp/err"
lite -e -t "$VIP:5101" -r $D3 -g -w 1
flows -p syn -n 20 -s 172.18.65.1 "$VIP" 5101
to_d3() { [ "$(lite -Lnc | grep -c " $D3:5101\$")" -eq 20 ]; }
check "mh-fallback: a server back at weight 1 takes all 20 new SYNs" \
	busywait 5000 to_d3
lite -C

# --- -E -s under load -------------------------------------------------------------
# Packets that found the old scheduler still schedule with it while -E
# replaces it: none of them may find its table gone.  Persistence widens
# the gap between the two (a template lookup), mh and sh both refuse when
# their table is missing.
lite -A -t "$VIP:5100" -s mh --mh-table-size 251 -p 300
for rs in $D1 $D2 $D3 $D4; do
	lite -a -t "$VIP:5100" -r "$rs" -g
done
i=0
while [ "$i" -lt 50 ]; do
	echo "-E -t $VIP:5100 -s sh -p 300"
	echo "-E -t $VIP:5100 -s mh -p 300"
	i=$((i + 1))
done >/tmp/switches
nd=$(drops no_dest)
switches=0
flows -p syn -n $N_SWITCH -s 172.20.0.1 "$VIP" 5100 &
fpid=$!
while kill -0 "$fpid" 2>/dev/null; do
	lite -R </tmp/switches && switches=$((switches + 100))
done
wait "$fpid"
svc_conns() {
	lite -Ln --stats --exact -t "$VIP:$1" | awk '$1 == "TCP" { print $3 }'
}
all_seen() { [ $(($(svc_conns 5100) + $(drops no_dest) - nd)) -ge $N_SWITCH ]; }
busywait 10000 all_seen
echo "# -E: $switches switches, $(svc_conns 5100) connections," \
	"$(($(drops no_dest) - nd)) refused"
check "-E -s under load: $N_SWITCH SYNs, none refused" \
	[ $(($(drops no_dest) - nd)) -eq 0 ]
check "-E -s under load: every SYN a connection" \
	[ "$(svc_conns 5100)" -eq $N_SWITCH ]
lite -C

# --- bad input ------------------------------------------------------------------
# refused CODE MESSAGE CMD...: CMD exits CODE and says MESSAGE.
refused() {
	code=$1 msg=$2
	shift 2
	"$@" >/tmp/err 2>&1
	rc=$?
	[ $rc -eq "$code" ] && grep -q "$msg" /tmp/err || {
		echo "# exit $rc: $(cat /tmp/err)"
		return 1
	}
}
check "unknown scheduler: refused by the kernel" \
	refused 255 "unknown scheduler" lite -A -t "$VIP:9000" -s nosuch
check "sh-port with rr: refused by the CLI" \
	refused 2 "incompatible scheduler flag" \
	lite -A -t "$VIP:9000" -s rr -b sh-port
check "flag-1 with rr: refused by the kernel" \
	refused 255 "scheduler flags not known" \
	lite -A -t "$VIP:9000" -s rr -b flag-1
check "mh table size not a prime: refused by the CLI" \
	refused 2 "must be a prime" \
	lite -A -t "$VIP:9000" -s mh --mh-table-size 65536
check "mh table size 2^31: refused by the CLI" \
	refused 2 "must be a prime" \
	lite -A -t "$VIP:9000" -s mh --mh-table-size 2147483647
check "mh table size with rr: refused by the CLI" \
	refused 2 "goes with -A or -E and -s mh" \
	lite -A -t "$VIP:9000" -s rr --mh-table-size 4093
check "nothing was added" [ "$(lite -Ln | wc -l)" -eq 3 ]
lite -A -t "$VIP:9000" -s mh --mh-table-size 251
saved() { lite -S -n | grep -qx -- "-A -t $VIP:9000 -s mh --mh-table-size $1"; }
check "mh table size 251: listed by -S" saved 251
check "-E to a non-prime size: refused by the CLI" \
	refused 2 "must be a prime" \
	lite -E -t "$VIP:9000" -s mh --mh-table-size 1000
lite -E -t "$VIP:9000" -s mh --mh-table-size 65521
check "-E to size 65521: the table rebuilt at that size" saved 65521
lite -C


# --- IPv6: the same flows through ip_vs and ipvs-lite ------------------------
# The schedulers that hash addresses (and rr, wrr as a check of the
# order), from made-up IPv6 sources: each flow to the server ip_vs picks.
# Persistence by an IPv6 prefix (-M 64): the templates as ip_vs's.
SCHEDS6="rr:5101 wrr:5102 sh:5109 dh:5110 mh:5111 lblc:5112 lblcr:5113
sh-port:5114 mh-port:5115"
SIX="fd00:1::21 fd00:1::22 fd00:1::23 fd00:1::24"
configure6() {
	for e in $SCHEDS6; do
		name=${e%:*}
		port=${e#*:}
		case $name in
		*-port) set -- -s "${name%-port}" -b "$name" ;;
		*) set -- -s "$name" ;;
		esac
		case $1$2$3 in
		*mh*) [ "$tool" = lite ] && set -- "$@" --mh-table-size 4093 ;;
		esac
		$tool -A -t "[$VIP6]:$port" "$@" || return 1
		w=1
		for rs in $SIX; do
			$tool -a -t "[$VIP6]:$port" -r "[$rs]:$port" -g -w $w ||
				return 1
			w=$((w + 1))
		done
	done
	$tool -A -u "[$VIP6]:7000" -s rr -p 60 -M 64 || return 1
	for rs in $SIX; do
		$tool -a -u "[$VIP6]:7000" -r "[$rs]:7000" -g || return 1
	done
}
traffic6() {
	mkdir -p "$2"
	for e in $SCHEDS6; do
		flows -p syn -n $N_SCHED -k 3 "$VIP6" "${e#*:}" || return 1
		$1 -Lnc | awk -v v="[$VIP6]:${e#*:}" \
			'$5 == v { print $4, $6, $3 }' | sort >"$2/${e%:*}"
	done
	flows -n 6 -k 3 -s fd00:16:0:1::1 "$VIP6" 7000 &&
	flows -n 3 -k 3 -s fd00:16:0:2::1 "$VIP6" 7000 &&
	flows -n 2 -s fd00:16:0:3::1 "$VIP6" 7000 || return 1
	$1 -Lnc | awk -v v="[$VIP6]:7000" '$5 == v || $1 == "IP" {
		$2 = "-"; print }' | sort >"$2/persist"
	$1 -Ln --persistent-conn -u "[$VIP6]:7000" >"$2/list"
}
unload_ipvs_lite
topo_setup6 || exit $KSFT_FAIL
for e in $SCHEDS6; do
	n=${e%:*}
	modprobe "ip_vs_${n%-port}" 2>/dev/null
done
tool=stock
configure6 && traffic6 stock /tmp/ref6
stock -C
unload_ip_vs
load_ipvs_lite || exit $KSFT_FAIL
tool=lite
configure6 && traffic6 lite /tmp/lite6
for e in $SCHEDS6; do
	n=${e%:*}
	case " $missing " in
	*" ${n%-port} "*)
		skip "IPv6 $n: each flow to ip_vs's server" "ip_vs_${n%-port} not built"
		continue ;;
	esac
	check "IPv6 $n: each flow to ip_vs's server" \
		same_ref /tmp/ref6/$n /tmp/lite6/$n
done
check "IPv6 persistence by /64: -Lnc with templates as ip_vs's" \
	same_ref /tmp/ref6/persist /tmp/lite6/persist
lite -C

# compat_ipvs=1: the stock ipvsadm -Lnc reads /proc/net/ip_vs_conn, whose
# IPv6 lines it must parse as ip_vs's.
unload_ipvs_lite
load_ipvs_lite compat_ipvs=1 || exit $KSFT_FAIL
tool=stock
configure6 && traffic6 stock /tmp/compat6
compat_same() {
	same_ref /tmp/ref6/persist /tmp/compat6/persist &&
		same_ref /tmp/ref6/sh /tmp/compat6/sh
}
check "compat_ipvs=1: the stock ipvsadm -Lnc lists IPv6 connections and templates as from ip_vs" \
	compat_same
stock -C
tap_exit
