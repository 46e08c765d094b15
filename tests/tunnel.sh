#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# TUN's tunnel types (tests/topo.sh), each through the kernel's ip_vs (the
# stock ipvsadm) and through ipvs-lite: IPIP, GUE to port 6080 (the real
# servers' fou) without a checksum, with one and with remote checksum
# offload, GRE (their gre0) and GRE with a checksum (a gre1 that checks
# it).  For each: two TCP connections, one to each real server in turn, a
# transfer byte for byte, a UDP request answered; -Ln --tun-info and -S as
# the stock ipvsadm prints them on ip_vs.  The same in IPv6 and across
# the families: IPv6 in IPv6, IPv4 in IPv6 and IPv6 in IPv4, each by
# IPIP, GUE and GRE.  Then each type over a path of MTU 1000 to the real
# servers, and IPv6 in IPv6 over one of MTU 1400: the client is told the
# MTU less the outer and tunnel headers, as ip_vs tells it, and its
# transfer goes through.
. ./tests/lib.sh
. ./tests/topo.sh

trap cleanup_all_ns EXIT
unload_ip_vs
load_ipvs_lite || exit $KSFT_FAIL
modprobe ip_vs || exit $KSFT_FAIL
for m in fou ip_gre fou6 ip6_gre sit; do
	modprobe "$m" || { echo "# no $m in this kernel"; exit $KSFT_SKIP; }
done
topo_setup && topo_setup6 || exit $KSFT_FAIL
topo_method i
GUE_PORT=6080
# Each family's GUE port, GRE device and IPIP device: tunl0 and ip6tnl0
# are up already, sit0 takes IPv6 in IPv4, and IPv4 in IPv6 needs an
# ip6tnl device of mode any (the fallback ip6tnl0 takes IPv6 only).
for h in rs1 rs2; do
	eval "ns=\$$h net6=\$$(echo "$h" | tr a-z A-Z)_NET6"
	ip netns exec "$ns" /usr/sbin/ip fou add port $GUE_PORT gue &&
		ip netns exec "$ns" /usr/sbin/ip fou add port $GUE_PORT gue -6 &&
		ip -n "$ns" link add ip6tnl1 type ip6tnl local "$net6" mode any ||
		exit $KSFT_FAIL
	for dev in gre0 ip6gre0 sit0 ip6tnl1; do
		ip -n "$ns" link set $dev up || exit $KSFT_FAIL
	done
	for dev in gre0 ip6gre0 ip6tnl1; do
		sysctl_ns "$ns" net/ipv4/conf/$dev/rp_filter 0
	done
done

# Enough for many full-sized segments (GSO and the MTU's ICMP included).
BIG_KB=1024
[ -e /sys/kernel/debug/kmemleak ] && BIG_KB=384
dd if=/dev/urandom of=/tmp/big bs=1K count=$BIG_KB 2>/dev/null
dd if=/dev/urandom of=/tmp/dgram bs=1000 count=1 2>/dev/null

# gre_csum on|off: the real servers' GRE device that checks checksums.
# gre0 drops a packet with one; a device that checks drops one without.
gre_csum() {
	for h in rs1 rs2; do
		eval "ns=\$$h net=\$$(echo "$h" | tr a-z A-Z)_NET"
		if [ "$1" = on ]; then
			ip -n "$ns" link add gre1 type gre local "$net" icsum &&
				ip -n "$ns" link set gre1 up &&
				sysctl_ns "$ns" net/ipv4/conf/gre1/rp_filter 0
		else
			ip -n "$ns" link del gre1
		fi
	done
}

# The client asks the IPv4 VIP, or with G=-6 the IPv6 one.
G=
udp_ask() {
	udp_get /tmp/dgram "" $G >/tmp/u &&
		reply_ok /tmp/u /tmp/dgram
}

# two_servers: two connections, one to each server, byte for byte.
two_servers() {
	tcp_get /tmp/big $G >/tmp/r1 && reply_ok /tmp/r1 /tmp/big &&
		tcp_get /tmp/big $G >/tmp/r2 && reply_ok /tmp/r2 /tmp/big &&
		[ "$(head -1 /tmp/r1)" != "$(head -1 /tmp/r2)" ]
}

# Each tunnel configuration, as ipvsadm's options name it: all of them
# through the first part, and over the path of smaller MTU.  On the debug
# kernel, where a transfer is dear, the ones with the most to get wrong:
# IPIP, GUE with remote checksum offload, GRE with its checksum.
cat >/tmp/types <<EOF
ipip
gue --tun-port $GUE_PORT
gue --tun-port $GUE_PORT --tun-csum
gue --tun-port $GUE_PORT --tun-remcsum
gre
gre --tun-csum
EOF
grep -v -e '^gue.*--tun-csum$' /tmp/types >/tmp/types.mtu
if [ -e /sys/kernel/debug/kmemleak ]; then
	grep -e '^ipip$' -e 'remcsum' -e '^gre --tun-csum$' /tmp/types >/tmp/t
	mv /tmp/t /tmp/types
	grep -e 'remcsum' -e '^gre --tun-csum$' /tmp/types.mtu >/tmp/t
	mv /tmp/t /tmp/types.mtu
fi
# IPv6, and across the families: SVC-FAMILY SERVER-FAMILY TYPE [OPTIONS].
# On the debug kernel, ipvs-lite's runs only, IPIP each way and GUE.
cat >/tmp/fams <<EOF
6 6 ipip
6 6 gue --tun-port $GUE_PORT --tun-csum
6 6 gre
4 6 ipip
4 6 gue --tun-port $GUE_PORT
4 6 gre
6 4 ipip
6 4 gue --tun-port $GUE_PORT --tun-remcsum
6 4 gre
EOF
fimpls="ref lite"
if [ -e /sys/kernel/debug/kmemleak ]; then
	grep -e ipip -e '^6 6 gue' /tmp/fams >/tmp/t
	mv /tmp/t /tmp/fams
	fimpls=lite
fi
# IPv6 in IPv6 over a path of MTU 1400; on the debug kernel GUE's only.
printf '%s\n' ipip "gue --tun-port $GUE_PORT" gre >/tmp/types6.mtu
[ ! -e /sys/kernel/debug/kmemleak ] || echo "gue --tun-port $GUE_PORT" >/tmp/types6.mtu
set -- $fimpls
tap_plan $(($(wc -l </tmp/types) * 6 + $(wc -l </tmp/types.mtu) * 4 +
	    $(wc -l </tmp/fams) * (2 * $# + $# - 1) +
	    $(wc -l </tmp/types6.mtu) * 4))

while read -r type opts; do
	name="$type${opts:+ $opts}"
	case $opts in *--tun-csum*) [ "$type" = gre ] && gre_csum on ;; esac
	for impl in ref lite; do
		adm "$impl" -A -t "$VIP:80" -s rr
		adm "$impl" -A -u "$VIP:80" -s rr
		for p in t u; do
			for r in "$RS1_NET" "$RS2_NET"; do
				# shellcheck disable=SC2086
				adm "$impl" -a -$p "$VIP:80" -r "$r" -i \
					--tun-type "$type" $opts
			done
		done
		check "$impl $name: TCP to both servers byte for byte" two_servers
		check "$impl $name: UDP answered" udp_ask
		within 30 settled "$impl"
		# The counters masked: ip_vs takes a real server deleted with
		# -C back from its trash, counters and all, when it is added
		# again while the last configuration's connections live.
		adm "$impl" -Ln --tun-info |
			sed -E '/^  -> /s/[0-9]+ +[0-9]+ +$/N N/' >"/tmp/list.$impl"
		adm "$impl" -S -n >"/tmp/save.$impl"
		adm "$impl" -C
	done
	cmp -s /tmp/list.ref /tmp/list.lite ||
		diff /tmp/list.ref /tmp/list.lite | sed 's/^/# /'
	check "$name: -Ln --tun-info as ipvsadm on ip_vs" \
		cmp /tmp/list.ref /tmp/list.lite
	check "$name: -S as ipvsadm on ip_vs" cmp /tmp/save.ref /tmp/save.lite
	case $opts in *--tun-csum*) [ "$type" = gre ] && gre_csum off ;; esac
done </tmp/types
# --- IPv6, and tunnels across the families ----------------------------------
# IPv6 in IPv6 (the servers' ip6tnl0), IPv4 in IPv6 (ip6tnl1, of mode
# any) and IPv6 in IPv4 (sit0), each by IPIP, GUE (fou of the outer
# family) and GRE (gre0, ip6gre0): both servers in turn, a UDP answer,
# and -Ln --tun-info as ipvsadm prints it on ip_vs.
while read -r sf rf type opts; do
	name="IPv$sf in IPv$rf $type${opts:+ $opts}"
	vip=$VIP G=
	[ "$sf" = 6 ] && vip="[$VIP6]" G=-6
	r1=$RS1_NET r2=$RS2_NET
	[ "$rf" = 6 ] && r1="[$RS1_NET6]:80" r2="[$RS2_NET6]:80"
	for impl in $fimpls; do
		for p in t u; do
			adm "$impl" -A -$p "$vip:80" -s rr
			for r in "$r1" "$r2"; do
				# shellcheck disable=SC2086
				adm "$impl" -a -$p "$vip:80" -r "$r" -i \
					--tun-type "$type" $opts
			done
		done
		check "$impl $name: TCP to both servers byte for byte" two_servers
		check "$impl $name: UDP answered" udp_ask
		within 30 settled "$impl"
		adm "$impl" -Ln --tun-info |
			sed -E '/^  -> /s/[0-9]+ +[0-9]+ +$/N N/' >"/tmp/list.$impl"
		adm "$impl" -C
	done
	[ "$fimpls" = lite ] ||
		check "$name: -Ln --tun-info as ipvsadm on ip_vs" \
			cmp /tmp/list.ref /tmp/list.lite
done </tmp/fams
G=

# --- Path MTU ---------------------------------------------------------------
# The director's path to the real servers has MTU 1000: a full-sized
# segment does not fit once encapsulated.  ip_vs and ipvs-lite must each
# answer with ICMP fragmentation needed carrying the room left inside the
# tunnel, and the client's next segments fit.  The client's learned MTU is
# flushed between runs, so that each implementation has to teach it.
client_mtu() {
	ip -n "$c" route get "$VIP" | sed -n 's/.* mtu \([0-9]*\).*/\1/p'
}
ip -n "$d" route replace 10.0.2.0/24 dev net0 mtu 1000
while read -r type opts; do
	name="$type${opts:+ $opts}"
	case $opts in *--tun-csum*) [ "$type" = gre ] && gre_csum on ;; esac
	for impl in ref lite; do
		ip -n "$c" route flush cache
		big0=$(drops too_big)
		adm "$impl" -A -t "$VIP:80" -s rr
		for r in "$RS1_NET" "$RS2_NET"; do
			# shellcheck disable=SC2086
			adm "$impl" -a -t "$VIP:80" -r "$r" -i --tun-type "$type" $opts
		done
		tcp_get /tmp/big >"/tmp/m.$impl"
		# What became of a transfer that failed (it did once, a SYN
		# unanswered for 5 s, with another VM running beside).
		[ "$impl" = ref ] || reply_ok /tmp/m.lite /tmp/big ||
			adm lite --status | grep -v ' 0$' | sed 's/^/# /'
		eval "mtu_$impl=\$(client_mtu)"
		within 30 settled "$impl"
		adm "$impl" -C
	done
	big1=$(drops too_big)
	check "$name, path MTU 1000: ip_vs's transfer byte for byte" \
		reply_ok /tmp/m.ref /tmp/big
	check "$name, path MTU 1000: ipvs-lite's transfer byte for byte" \
		reply_ok /tmp/m.lite /tmp/big
	echo "# $name: the client told $mtu_ref by ip_vs, $mtu_lite by ipvs-lite"
	check "... the client told the MTU ip_vs tells it, below 1000" \
		test "${mtu_ref:-1000}" -lt 1000 -a "$mtu_ref" = "$mtu_lite"
	check "... after ICMP fragmentation needed (too_big counted)" \
		test "$big1" -gt "$big0"
	case $opts in *--tun-csum*) [ "$type" = gre ] && gre_csum off ;; esac
done </tmp/types.mtu
ip -n "$d" route replace 10.0.2.0/24 dev net0

# IPv6 in IPv6 over a path of MTU 1400: the client is told the room left
# inside the tunnel with ICMPv6 packet too big (IPv6 routers do not
# fragment), as ip_vs tells it, and its transfer goes through.
client_mtu6() {
	ip -n "$c" -6 route get "$VIP6" | sed -n 's/.* mtu \([0-9]*\).*/\1/p'
}
# The connected route itself (metric 256): a new one would not win.
ip -n "$d" -6 route replace fd00:2::/64 dev net0 metric 256 mtu 1400
while read -r type opts; do
	name="IPv6 in IPv6 $type${opts:+ $opts}"
	for impl in ref lite; do
		ip -n "$c" -6 route flush cache
		big0=$(drops too_big)
		adm "$impl" -A -t "[$VIP6]:80" -s rr
		for r in "[$RS1_NET6]:80" "[$RS2_NET6]:80"; do
			# shellcheck disable=SC2086
			adm "$impl" -a -t "[$VIP6]:80" -r "$r" -i \
				--tun-type "$type" $opts
		done
		tcp_get /tmp/big -6 >"/tmp/m.$impl"
		eval "mtu_$impl=\$(client_mtu6)"
		within 30 settled "$impl"
		adm "$impl" -C
	done
	big1=$(drops too_big)
	check "$name, path MTU 1400: ip_vs's transfer byte for byte" \
		reply_ok /tmp/m.ref /tmp/big
	check "$name, path MTU 1400: ipvs-lite's transfer byte for byte" \
		reply_ok /tmp/m.lite /tmp/big
	echo "# $name: the client told $mtu_ref by ip_vs, $mtu_lite by ipvs-lite"
	check "... the client told the MTU ip_vs tells it, below 1400" \
		test "${mtu_ref:-1400}" -lt 1400 -a "$mtu_ref" = "$mtu_lite"
	check "... after ICMPv6 packet too big (too_big counted)" \
		test "$big1" -gt "$big0"
done </tmp/types6.mtu
ip -n "$d" -6 route replace fd00:2::/64 dev net0 metric 256
tap_exit
