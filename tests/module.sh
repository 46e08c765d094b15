#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Module life cycle: load and unload, with namespaces alive and gone, under
# both family names, and beside the kernel's ip_vs.
#
#   init_net --- ns1, ns2 (each with its own ipvs-lite state)
. ./tests/lib.sh
. ./tests/topo.sh

trap cleanup_all_ns EXIT
tap_plan 17

unload_ip_vs
check "insmod" load_ipvs_lite
check "CLI reaches the IPVS_LITE family" sh -c "ipvsadm-lite -L --timeout >/dev/null"

setup_ns ns1 ns2
ip netns exec "$ns1" ipvsadm-lite --set 11 12 13
ip netns exec "$ns2" ipvsadm-lite -L --timeout >/tmp/ns2.out
echo "Timeout (tcp tcpfin udp): 11 12 13" >/tmp/ns1.want
ip netns exec "$ns1" ipvsadm-lite -L --timeout >/tmp/ns1.out
check "each netns has its own configuration" \
	sh -c "cmp -s /tmp/ns1.want /tmp/ns1.out && ! cmp -s /tmp/ns1.out /tmp/ns2.out"

ip netns del "$ns2"
check "rmmod with a netns alive" unload_ipvs_lite
check "insmod after namespaces come and go" load_ipvs_lite
ip netns del "$ns1"
NS_LIST=
check "rmmod after the netns is gone" unload_ipvs_lite

# The kernel's IPVS owns the family name "IPVS" while it is loaded.
check "the kernel's ip_vs loads" modprobe ip_vs
check_fail "compat_ipvs=1 refused while ip_vs is loaded" \
	insmod_ipvs_lite compat_ipvs=1
check "IPVS_LITE loads beside ip_vs" load_ipvs_lite
unload_ipvs_lite
unload_ip_vs

insmod_ipvs_lite compat_ipvs=1
ipvsadm --set 31 32 33
check "stock ipvsadm drives compat_ipvs=1" \
	sh -c 'ipvsadm -L --timeout | grep -qx "Timeout (tcp tcpfin udp): 31 32 33"'

# Services and real servers in two namespaces; one namespace goes away
# with its services, then the module with the other's.
for s in 1 2 3; do
	echo "-A -t 10.7.0.$s:80 -s rr"
	echo "-a -t 10.7.0.$s:80 -r 10.8.0.1 -m"
	echo "-a -t 10.7.0.$s:80 -r 10.8.0.2 -g"
done >/tmp/config
setup_ns ns3
check "services configured in two namespaces" \
	sh -c "ipvsadm -R </tmp/config &&
	       /usr/sbin/ip netns exec $ns3 ipvsadm -R </tmp/config"
ip netns del "$ns3"
NS_LIST=
check "a netns with services deleted, the other's intact" \
	sh -c 'test "$(ipvsadm -Ln | grep -c "^TCP")" = 3'
check "rmmod with services configured" unload_ipvs_lite

# A real server's cached IPv6 route holds the device it goes through (the
# clone FLOWI_FLAG_KNOWN_NH gives holds the prefix route it came from):
# a device going away, or its namespace, waited for it for ever (RTNL
# held), until ipvs-lite forgot its routes at the device's events.  One
# IPv6 DR service, one real server behind each of the director's links
# (made up: the route is cached before neighbour discovery fails).
load_ipvs_lite
setup_ns c6 d6 r6
veth "$c6" eth0 "$d6" eth0 && veth "$d6" eth1 "$r6" eth0
addr6 "$c6" fd00:9::2/64 eth0
addr6 "$d6" fd00:9::1/64 eth0 && addr6 "$d6" fd00:9::100/64 eth0
addr6 "$d6" fd00:8::1/64 eth1
lite6() { ip netns exec "$d6" ipvsadm-lite "$@"; }
lite6 -A -t "[fd00:9::100]:80" -s rr
lite6 -a -t "[fd00:9::100]:80" -r "[fd00:8::21]:80" -g
lite6 -a -t "[fd00:9::100]:80" -r "[fd00:9::21]:80" -g
# Two flows: one to each real server.
conns_to() { lite6 -Lnc | awk -v d="[$1]:80" '$6 == d' | wc -l; }
one_each() {
	[ "$(conns_to fd00:8::21)" = 1 ] && [ "$(conns_to fd00:9::21)" = 1 ]
}
# The SYNs wait in the client's neighbour discovery of the VIP first.
ip netns exec "$c6" /repo/build/tests/flows -p syn -n 2 fd00:9::100 80
check "IPv6 DR: a connection to each real server" within 20 one_each
# Each in the background, its exit status in a file once it returns.
rm -f /tmp/del.rc /tmp/rmmod.rc
{ ip -n "$d6" link del eth1; echo $? >/tmp/del.rc; } &
check "a device deleted under a real server's IPv6 route: done in 30 s" \
	within 30 test -s /tmp/del.rc
ip netns del "$d6"
NS_LIST="$c6 $r6"
{ rmmod ipvs_lite; echo $? >/tmp/rmmod.rc; } &
check "the namespace deleted with IPv6 DR connections live: rmmod in 30 s" \
	within 30 test -s /tmp/rmmod.rc
check_fail "... and the module is gone" mod_loaded ipvs_lite
tap_exit
