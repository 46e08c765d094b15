#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The data-path topology (tests/topo.sh) carries real traffic through the
# kernel's ip_vs in each forwarding method: the reference the ipvs-lite
# data-path tests will be compared with, and proof that the topology
# (ARP suppression, tunnels, return routes) is right.
#
# Per method (DR -g, NAT -m, TUN -i), in IPv4 and in IPv6, with rr over two
# real servers: a TCP transfer answered by each server in turn, its payload
# back byte for byte, and a UDP request/response likewise.
. ./tests/lib.sh
. ./tests/topo.sh

trap cleanup_all_ns EXIT
unload_ipvs_lite
modprobe ip_vs || exit $KSFT_SKIP
topo_setup || exit $KSFT_FAIL

dd if=/dev/urandom of=/tmp/tcp.in bs=1k count=1024 2>/dev/null
dd if=/dev/urandom of=/tmp/udp.in bs=1000 count=1 2>/dev/null

topo_setup6 || exit $KSFT_FAIL

tap_plan 18
for f in 4 6; do
	for m in g m i; do
		if [ $f = 4 ]; then
			vip=$VIP fam=
			case $m in
			g) name=DR r1=$RS1_LAN r2=$RS2_LAN ;;
			m) name=NAT r1=$RS1_NET r2=$RS2_NET ;;
			i) name=TUN r1=$RS1_NET r2=$RS2_NET ;;
			esac
		else
			vip="[$VIP6]" fam=-6
			case $m in
			g) name="IPv6 DR" r1=[$RS1_LAN6]:80 r2=[$RS2_LAN6]:80 ;;
			m) name="IPv6 NAT" r1=[$RS1_NET6]:80 r2=[$RS2_NET6]:80 ;;
			i) name="IPv6 TUN" r1=[$RS1_NET6]:80 r2=[$RS2_NET6]:80 ;;
			esac
		fi
		topo_method $m
		ip netns exec "$d" ipvsadm -A -t "$vip:80" -s rr
		ip netns exec "$d" ipvsadm -A -u "$vip:80" -s rr
		for p in t u; do
			ip netns exec "$d" ipvsadm -a -$p "$vip:80" -r "$r1" -$m
			ip netns exec "$d" ipvsadm -a -$p "$vip:80" -r "$r2" -$m
		done

		# rr hands the first connection to one server, the second to
		# the other.
		tcp_get /tmp/tcp.in $fam >/tmp/a
		tcp_get /tmp/tcp.in $fam >/tmp/b
		first=$(head -1 /tmp/a)
		case $first in rs1) second=rs2 ;; *) second=rs1 ;; esac
		check "$name: TCP, 1 MiB back byte for byte from $first" \
			reply_ok /tmp/a /tmp/tcp.in "$first"
		check "$name: TCP, the next connection served by $second" \
			reply_ok /tmp/b /tmp/tcp.in "$second"

		udp_get /tmp/udp.in "" $fam >/tmp/u
		check "$name: UDP request answered byte for byte" \
			reply_ok /tmp/u /tmp/udp.in
		ip netns exec "$d" ipvsadm -C
	done
done
tap_exit
