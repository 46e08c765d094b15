#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The LVS topology the data-path tests use, as the LVS guides draw it:
#
#     client 10.0.1.2                            (ns c)
#        |
#     [ switch ]------------------+------------------+      (ns sw, bridge)
#        |                        |                  |
#     director 10.0.1.1        rs1 10.0.1.11      rs2 10.0.1.12   (DR: VIP
#       VIP 10.0.1.100 (eth)   rs1 10.0.2.11      rs2 10.0.2.12    on lo)
#       10.0.2.1 ----------------+------------------+  (ns d, rs1, rs2;
#                             (NAT and TUN: via the director)
#
# DR: the real servers share the client's segment and hold the VIP on lo
# with arp_ignore=1 and arp_announce=2; they answer the client directly.
# NAT: they answer through the director (default route 10.0.2.1).
# TUN: they hold the VIP on tunl0 and answer the client directly, routed.
#
# topo_setup6, after topo_setup, makes it dual-stack: the same hosts on the
# same links with IPv6 addresses (fd00:1::/64 the client's segment,
# fd00:2::/64 the servers' network); DR's servers hold VIP6 on lo (IPv6's
# neighbour discovery answers only for the link's own addresses), TUN's
# decapsulate IPv6-in-IPv6 on ip6tnl0.
#
# Sourced by tests; topo_setup makes it, cleanup_all_ns removes it.

VIP=10.0.1.100
CLIENT=10.0.1.2
RS1_LAN=10.0.1.11
RS2_LAN=10.0.1.12
RS1_NET=10.0.2.11
RS2_NET=10.0.2.12
VIP6=fd00:1::100
CLIENT6=fd00:1::2
RS1_LAN6=fd00:1::11
RS2_LAN6=fd00:1::12
RS1_NET6=fd00:2::11
RS2_NET6=fd00:2::12

sysctl_ns() { ip netns exec "$1" sh -c "echo $3 > /proc/sys/$2"; }

# veth NS1 DEV1 NS2 DEV2
veth() {
	ip link add "$2" netns "$1" type veth peer name "$4" netns "$3" &&
	ip -n "$1" link set "$2" up && ip -n "$3" link set "$4" up
}

# How long a TCP client or server waits for the other side: on the debug
# kernel under emulation a 16 KiB exchange took 6 s, its first gap over 5.
# Clients wait as long for the reply after their input ends (socat -t):
# socat's default, half a second, is shorter than a server forking a shell
# takes there to answer, and the client went with nothing (stop 31's CI).
# 10 s elsewhere: a SYN's three tries in 5 s all went unanswered once
# while another VM ran beside this one (tunnel.sh, GRE with checksums).
TCP_IDLE=10
[ -e /sys/kernel/debug/kmemleak ] && TCP_IDLE=20

# topo_switch HOST...: namespaces sw and each HOST, each HOST's lan0 a
# port of sw's bridge br0 (also tests/topo_ha.sh's).
topo_switch() {
	setup_ns sw "$@" || return 1
	ip -n "$sw" link add br0 type bridge || return 1
	ip -n "$sw" link set br0 up
	for h in "$@"; do
		eval "ns=\$$h"
		veth "$ns" lan0 "$sw" "p-$h" || return 1
		ip -n "$sw" link set "p-$h" master br0
	done
}

topo_setup() {
	topo_switch c d rs1 rs2 || return 1
	ip -n "$c" addr add "$CLIENT/24" dev lan0
	ip -n "$d" addr add 10.0.1.1/24 dev lan0
	ip -n "$d" addr add "$VIP/24" dev lan0
	sysctl_ns "$d" net/ipv4/ip_forward 1

	# The servers' own network, behind the director.
	ip -n "$d" link add net0 type bridge
	ip -n "$d" addr add 10.0.2.1/24 dev net0
	ip -n "$d" link set net0 up
	for h in rs1 rs2; do
		eval "ns=\$$h"
		veth "$ns" net0 "$d" "n-$h" || return 1
		ip -n "$d" link set "n-$h" master net0
	done
	ip -n "$rs1" addr add "$RS1_LAN/24" dev lan0
	ip -n "$rs2" addr add "$RS2_LAN/24" dev lan0
	ip -n "$rs1" addr add "$RS1_NET/24" dev net0
	ip -n "$rs2" addr add "$RS2_NET/24" dev net0
	for h in rs1 rs2; do
		eval "ns=\$$h"
		# The VIP on lo, silent on ARP, for DR.
		ip -n "$ns" addr add "$VIP/32" dev lo
		for i in all lan0 net0; do
			sysctl_ns "$ns" "net/ipv4/conf/$i/arp_ignore" 1
			sysctl_ns "$ns" "net/ipv4/conf/$i/arp_announce" 2
			sysctl_ns "$ns" "net/ipv4/conf/$i/rp_filter" 0
		done
		# IPIP: the VIP arrives inside tunnels from the director.
		ip netns exec "$ns" /usr/sbin/ip link add tunl0 type ipip 2>/dev/null ||
			ip -n "$ns" link set tunl0 up
		ip -n "$ns" link set tunl0 up
		sysctl_ns "$ns" net/ipv4/conf/tunl0/rp_filter 0
		sysctl_ns "$ns" net/ipv4/conf/default/rp_filter 0
		# NAT replies go back through the director.
		ip -n "$ns" route add default via 10.0.2.1 dev net0
	done
	ip -n "$c" route add default via 10.0.1.1
	# Each server answers with its name, so clients see who served them.
	for h in rs1 rs2; do
		eval "ns=\$$h"
		ip netns exec "$ns" socat -T $TCP_IDLE \
			TCP-LISTEN:80,fork,reuseaddr SYSTEM:"echo $h; cat" \
			</dev/null >/dev/null 2>&1 &
		# UDP answers from the address asked: the VIP for DR and TUN,
		# the server's own for NAT.
		eval "net=\$$(echo "$h" | tr a-z A-Z)_NET"
		for a in "$VIP" "$net"; do
			ip netns exec "$ns" socat -T $TCP_IDLE \
				UDP-RECVFROM:80,bind="$a",fork \
				SYSTEM:"echo $h; cat" </dev/null >/dev/null 2>&1 &
		done
	done
	busywait 5000 topo_listening "$rs1" && busywait 5000 topo_listening "$rs2"
}

# addr6 NS ADDR/LEN DEV: an IPv6 address, usable at once (no DAD).
addr6() { ip -n "$1" -6 addr add "$2" dev "$3" nodad; }

topo_setup6() {
	modprobe ip6_tunnel || return 1
	addr6 "$c" "$CLIENT6/64" lan0 &&
		ip -n "$c" -6 route add default via fd00:1::1 || return 1
	addr6 "$d" fd00:1::1/64 lan0 && addr6 "$d" "$VIP6/64" lan0 &&
		addr6 "$d" fd00:2::1/64 net0 || return 1
	sysctl_ns "$d" net/ipv6/conf/all/forwarding 1
	for h in rs1 rs2; do
		eval "ns=\$$h"
		eval "lan6=\$$(echo "$h" | tr a-z A-Z)_LAN6"
		eval "net6=\$$(echo "$h" | tr a-z A-Z)_NET6"
		# topo_method takes lan0 down and up: its address stays.
		sysctl_ns "$ns" net/ipv6/conf/lan0/keep_addr_on_down 1
		addr6 "$ns" "$lan6/64" lan0 && addr6 "$ns" "$net6/64" net0 &&
			addr6 "$ns" "$VIP6/128" lo || return 1
		ip -n "$ns" -6 route add default via fd00:2::1 dev net0
		# The fallback IPv6-in-IPv6 device takes every such packet.
		ip -n "$ns" link set ip6tnl0 up || return 1
		ip netns exec "$ns" socat -T $TCP_IDLE \
			TCP6-LISTEN:80,ipv6only=1,fork,reuseaddr \
			SYSTEM:"echo $h; cat" </dev/null >/dev/null 2>&1 &
		for a in "$VIP6" "$net6"; do
			ip netns exec "$ns" socat -T $TCP_IDLE \
				UDP6-RECVFROM:80,bind="[$a]",fork \
				SYSTEM:"echo $h; cat" </dev/null >/dev/null 2>&1 &
		done
	done
	busywait 5000 topo_listening6 "$rs1" &&
		busywait 5000 topo_listening6 "$rs2"
}

topo_listening6() {
	ip netns exec "$1" ss -6 -ltn | grep -q ':80 ' &&
	test "$(ip netns exec "$1" ss -6 -lun | grep -c ':80 ')" = 2
}

# A server's TCP listener and both UDP sockets are up.
topo_listening() {
	ip netns exec "$1" ss -ltn | grep -q ':80 ' &&
	test "$(ip netns exec "$1" ss -lun | grep -c ':80 ')" = 2
}

# reply_ok REPLY INPUT [SERVER]: a server (SERVER, if named) named itself,
# then echoed INPUT byte for byte.
reply_ok() {
	head -1 "$1" | grep -qx "${3:-rs[12]}" && tail -c +5 "$1" | cmp -s - "$2"
}

# tcp_client ADDRESS: socat from the client to TCP:ADDRESS (with its
# options), stdin sent, the reply printed, waiting TCP_IDLE for each.
tcp_client() {
	ip netns exec "$c" socat -T $TCP_IDLE -t $TCP_IDLE - TCP:"$1"
}

# tcp_get FILE [ADDR]: send FILE to ADDR:80 (the VIP, or VIP6 with -6 for
# ADDR) from the client, print the reply.
tcp_get() {
	case ${2:-} in
	-6) set -- "$1" "[$VIP6]" ;;
	'') set -- "$1" "$VIP" ;;
	esac
	tcp_client "$2":80,connect-timeout=$TCP_IDLE <"$1"
}

# udp_get FILE [SOURCE-PORT [ADDR]]: send FILE to ADDR:80 (the VIP, or
# VIP6 with -6) from the client as one datagram, print the answer (a
# server's name, its newline, FILE) once it is all there.
udp_get() {
	case ${3:-} in
	-6) set -- "$1" "${2:-}" "$VIP6" ;;
	'') set -- "$1" "${2:-}" "$VIP" ;;
	esac
	ip netns exec "$c" /repo/build/tests/udpask ${2:+-s "$2"} "$3" 80 \
		$(($(wc -c <"$1") + 4)) <"$1"
}

# The tests that compare ipvs-lite with the kernel's ip_vs on this topology.
# adm ref|lite ARGS: the stock ipvsadm on ip_vs, or ipvsadm-lite.
adm() {
	if [ "$1" = ref ]; then
		shift
		ip netns exec "$d" ipvsadm "$@"
	else
		shift
		ip netns exec "$d" ipvsadm-lite "$@"
	fi
}

# No connection of IMPL's is active: every TCP close has been seen.
settled() {
	adm "$1" -Ln | awk '$1 == "->" && $5 != "ActiveConn" && $5 != 0 \
		{ bad = 1 } END { exit bad }'
}

# drops REASON: ipvs-lite's count of drops for REASON (--status).
drops() { adm lite --status | awk -v r="$1" '$1 == r { print $2 }'; }

# topo_method g|m|i: NAT's servers leave the client's segment, so that
# their replies take the default route through the director; DR's need it.
topo_method() {
	for h in rs1 rs2; do
		eval "ns=\$$h"
		if [ "$1" = m ]; then
			ip -n "$ns" link set lan0 down
		else
			ip -n "$ns" link set lan0 up
		fi
	done
}

# live_open [ADDR]: a client connection to ADDR:80 (the VIP, or an IPv6
# address bracketed) that sends what the test writes to fd 8, when it
# does, and keeps the replies in /tmp/out.
live_open() {
	rm -f /tmp/in
	mkfifo /tmp/in
	ip netns exec "$c" socat - TCP:"${1:-$VIP}":80 </tmp/in >/tmp/out &
	live=$!
	exec 8>/tmp/in
}

live_close() {
	exec 8>&-
	kill "$live" 2>/dev/null
}
