#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Module life cycle: load and unload, with namespaces alive and gone, under
# both family names, and beside the kernel's ip_vs.
#
#   init_net --- ns1, ns2 (each with its own ipvs-lite state)
. ./tests/lib.sh

trap cleanup_all_ns EXIT
tap_plan 13

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
tap_exit
