#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The LVS high-availability topology: directors side by side on the
# client's segment, real servers in DR behind the same switch.
#
#     client 10.0.1.2, 10.0.1.5                       (ns c)
#        |
#     [ switch ]---------+-----------+-----------+---------+   (ns sw)
#        |               |           |           |         |
#     d1 10.0.1.1     d2 10.0.1.3  d3 10.0.1.4  rs1 .11    rs2 .12
#     (the VIP 10.0.1.100 on whichever is master) (VIP on lo, ARP quiet)
#
# The directors multicast their connections to each other on lan0.
# ha_vip_move FROM TO moves the VIP as keepalived would, the client
# learning the new director's MAC.  Sourced by tests after topo.sh (for
# VIP, the real servers' addresses and the helpers), instead of its
# topo_setup.

# Streams wait through failovers: keepalived's take seconds, and a
# real server's or client's socat giving up on a quiet connection would
# break it (TCP_IDLE is shorter; the first ha.sh runs saw that).
HA_IDLE=120

D1=10.0.1.1
D2=10.0.1.3
D3=10.0.1.4
CLIENT2=10.0.1.5

ha_setup() {
	topo_switch c d1 d2 d3 rs1 rs2 || return 1
	ip -n "$c" addr add "$CLIENT/24" dev lan0
	ip -n "$c" addr add "$CLIENT2/24" dev lan0
	ip -n "$d1" addr add "$D1/24" dev lan0
	ip -n "$d2" addr add "$D2/24" dev lan0
	ip -n "$d3" addr add "$D3/24" dev lan0
	ip -n "$rs1" addr add "$RS1_LAN/24" dev lan0
	ip -n "$rs2" addr add "$RS2_LAN/24" dev lan0
	for h in rs1 rs2; do
		eval "ns=\$$h"
		ip -n "$ns" addr add "$VIP/32" dev lo
		for i in all lan0; do
			sysctl_ns "$ns" "net/ipv4/conf/$i/arp_ignore" 1
			sysctl_ns "$ns" "net/ipv4/conf/$i/arp_announce" 2
		done
		ip netns exec "$ns" socat -T $HA_IDLE \
			TCP-LISTEN:80,fork,reuseaddr SYSTEM:"echo $h; cat" \
			</dev/null >/dev/null 2>&1 &
		ip netns exec "$ns" socat -T $TCP_IDLE \
			UDP-RECVFROM:80,bind="$VIP",fork \
			SYSTEM:"echo $h; cat" </dev/null >/dev/null 2>&1 &
	done
	busywait 5000 ha_listening "$rs1" && busywait 5000 ha_listening "$rs2"
}

# ha_setup6, after ha_setup: the same hosts in IPv6 too (fd00:1::/64, the
# directors ::1, ::3 and ::4),
# the real servers holding VIP6 on lo, listening on TCP6 port 80.
ha_setup6() {
	ip -n "$c" -6 addr add "$CLIENT6/64" dev lan0 nodad || return 1
	for h in d1:1 d2:3 d3:4; do
		eval "ns=\$${h%:*}"
		ip -n "$ns" -6 addr add "fd00:1::${h#*:}/64" dev lan0 nodad
	done
	for h in rs1 rs2; do
		eval "ns=\$$h"
		eval "lan6=\$$(echo "$h" | tr a-z A-Z)_LAN6"
		ip -n "$ns" -6 addr add "$lan6/64" dev lan0 nodad &&
			ip -n "$ns" -6 addr add "$VIP6/128" dev lo || return 1
		ip netns exec "$ns" socat -T $HA_IDLE \
			TCP6-LISTEN:80,ipv6only=1,fork,reuseaddr \
			SYSTEM:"echo $h; cat" </dev/null >/dev/null 2>&1 &
	done
	busywait 5000 ha_listening6 "$rs1" && busywait 5000 ha_listening6 "$rs2"
}

ha_listening6() { ip netns exec "$1" ss -6 -ltn | grep -q ':80 '; }

# ha_vip6_move FROM TO: ha_vip_move's IPv6 twin, for VIP6.
ha_vip6_move() {
	[ "$1" = - ] || ip -n "$1" -6 addr del "$VIP6/64" dev lan0
	ip -n "$2" -6 addr add "$VIP6/64" dev lan0 nodad
	ip -n "$c" -6 neigh flush dev lan0
}

ha_listening() {
	ip netns exec "$1" ss -ltn | grep -q ':80 ' &&
		ip netns exec "$1" ss -lun | grep -q ':80 '
}

# ha_vip_move FROM TO: the VIP leaves director FROM (a namespace, or -)
# for TO, and the client forgets FROM's MAC, as a gratuitous ARP from TO
# would make it.
ha_vip_move() {
	[ "$1" = - ] || ip -n "$1" addr del "$VIP/24" dev lan0
	ip -n "$2" addr add "$VIP/24" dev lan0
	ip -n "$c" neigh flush dev lan0
}

# ha_stream_open [SOURCE [ADDR]]: a TCP connection from the client (from
# SOURCE) to ADDR:80 (the VIP; [VIP6] for IPv6) sending what is written to fd 8 when it is, its replies kept in
# /tmp/stream.out; ha_stream_close ends its input and waits for the rest.
ha_stream_open() {
	rm -f /tmp/stream.in
	mkfifo /tmp/stream.in
	ip netns exec "$c" socat -T $HA_IDLE -t $TCP_IDLE - \
		TCP:"${2:-$VIP}":80${1:+,bind=$1} </tmp/stream.in >/tmp/stream.out &
	stream=$!
	exec 8>/tmp/stream.in
}

ha_stream_close() {
	exec 8>&-
	wait "$stream"
}

# ha_payloads KIB1 KIB2: a stream's two parts, /tmp/part1 and /tmp/part2,
# of KIB1 and KIB2 KiB; /tmp/whole, what it must come back as; and
# /tmp/dgram, a datagram for udp_from.
ha_payloads() {
	dd if=/dev/urandom of=/tmp/part1 bs=1k count="$1" 2>/dev/null
	dd if=/dev/urandom of=/tmp/part2 bs=1k count="$2" 2>/dev/null
	cat /tmp/part1 /tmp/part2 >/tmp/whole
	dd if=/dev/urandom of=/tmp/dgram bs=500 count=1 2>/dev/null
}

# udp_from PORT: /tmp/dgram from the client's PORT to VIP:80; prints the
# name of the server that answered.
udp_from() { udp_get /tmp/dgram "$1" | head -1; }
