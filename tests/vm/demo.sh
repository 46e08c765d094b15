#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo, run in the VM by tests/vm/demo: a director balancing real
# traffic.  The LVS topology of tests/topo.sh (a client, a switch, a
# director with the VIP, two real servers, each in its own network
# namespace); the director configured with ipvsadm-lite in DR, then NAT,
# then TUN, and in IPv6 by DR and NAT; clients' requests answered by the
# servers in turn; the tables and connections listed; the rules saved and
# restored; two directors, a stream surviving the VIP's move from the
# master to the backup (connection sync, tests/topo_ha.sh); and the stock
# ipvsadm driving ipvs-lite under the family name IPVS.
. ./tests/lib.sh
. ./tests/topo.sh

trap cleanup_all_ns EXIT
say() { echo; echo "director# $*"; ip netns exec "$d" "$@"; }
client() {
	echo
	echo "client# $*"
	ip netns exec "$c" "$@"
}

echo "ipvs-lite demo on Linux $(uname -r)"
insmod_ipvs_lite || exit 1
topo_setup || exit 1
echo "topology: client $CLIENT -- switch -- director (VIP $VIP) --" \
     "rs1, rs2 (each answers with its name, then echoes)"

for m in g m i; do
	case $m in
	g) name="DR (direct routing)" r1=$RS1_LAN r2=$RS2_LAN ;;
	m) name="NAT (masquerading)" r1=$RS1_NET r2=$RS2_NET ;;
	i) name="TUN (IP-in-IP)" r1=$RS1_NET r2=$RS2_NET ;;
	esac
	topo_method $m
	echo
	echo "=== $name ==="
	say ipvsadm-lite -A -t "$VIP:80" -s rr
	say ipvsadm-lite -a -t "$VIP:80" -r "$r1" -$m -w 1
	say ipvsadm-lite -a -t "$VIP:80" -r "$r2" -$m -w 1
	for i in 1 2 3 4; do
		client sh -c "echo 'hello $i' | socat -T 5 -t 5 - TCP:$VIP:80"
	done
	say ipvsadm-lite -Ln --stats
	say ipvsadm-lite -Ln
	say ipvsadm-lite -Lnc
	say ipvsadm-lite -C
done

topo_setup6 || exit 1
echo
echo "=== IPv6: the same topology dual-stack, VIP $VIP6 ==="
for m in g m; do
	case $m in
	g) name="IPv6 DR" r1=$RS1_LAN6 r2=$RS2_LAN6 ;;
	m) name="IPv6 NAT" r1=$RS1_NET6 r2=$RS2_NET6 ;;
	esac
	topo_method $m
	echo
	echo "=== $name ==="
	say ipvsadm-lite -A -t "[$VIP6]:80" -s rr
	say ipvsadm-lite -a -t "[$VIP6]:80" -r "[$r1]:80" -$m -w 1
	say ipvsadm-lite -a -t "[$VIP6]:80" -r "[$r2]:80" -$m -w 1
	for i in 1 2; do
		client sh -c "echo 'hello $i' | socat -T 5 -t 5 - TCP:[$VIP6]:80"
	done
	say ipvsadm-lite -Ln
	say ipvsadm-lite -Lnc
	say ipvsadm-lite -C
done

echo
echo "=== a 10 MB transfer through NAT, checked byte for byte ==="
topo_method m
ip netns exec "$d" ipvsadm-lite -A -t "$VIP:80" -s rr
ip netns exec "$d" ipvsadm-lite -a -t "$VIP:80" -r "$RS1_NET" -m
ip netns exec "$d" ipvsadm-lite -a -t "$VIP:80" -r "$RS2_NET" -m
dd if=/dev/urandom of=/tmp/big bs=1M count=10 2>/dev/null
tcp_get /tmp/big >/tmp/reply
if tail -c +5 /tmp/reply | cmp -s - /tmp/big; then
	echo "$(head -1 /tmp/reply) echoed all 10485760 bytes intact"
else
	echo "the transfer was damaged"
	exit 1
fi
say ipvsadm-lite -Lnc -t "$VIP:80"
say ipvsadm-lite --status

echo
echo "=== save and restore ==="
say ipvsadm-lite -S -n
ip netns exec "$d" ipvsadm-lite -S -n >/tmp/rules
say ipvsadm-lite -C
echo
echo "director# ipvsadm-lite -R < /tmp/rules"
ip netns exec "$d" ipvsadm-lite -R </tmp/rules
say ipvsadm-lite -Ln
echo
echo "# a refusal says ipvsadm's words, then the kernel's reason"
say ipvsadm-lite -A -t "$VIP:80" -s rr

echo
echo "=== high availability: two directors, the connection sync daemons ==="
cleanup_all_ns
. ./tests/topo_ha.sh
ha_setup || exit 1
on() { ns=$1; shift; echo; echo "$ns# $*"; eval "ip netns exec \$$ns \"\$@\""; }
for n in d1 d2; do
	eval "ns=\$$n"
	ip netns exec "$ns" ipvsadm-lite -A -t "$VIP:80" -s rr
	ip netns exec "$ns" ipvsadm-lite -a -t "$VIP:80" -r "$RS1_LAN" -g
	ip netns exec "$ns" ipvsadm-lite -a -t "$VIP:80" -r "$RS2_LAN" -g
done
on d1 ipvsadm-lite --start-daemon master --mcast-interface lan0 --syncid 7
on d2 ipvsadm-lite --start-daemon backup --mcast-interface lan0 --syncid 7
on d2 ipvsadm-lite -L --daemon
ha_vip_move - "$d1"
echo
echo "# a TCP stream through d1, the master, holding the VIP"
ha_payloads 256 256
ha_stream_open
cat /tmp/part1 >&8
heard() { ip netns exec "$d2" ipvsadm-lite -Lnc | grep -q ESTABLISHED; }
busywait 10000 heard
on d2 ipvsadm-lite -Lnc
echo
echo "# d1 goes; the VIP moves to d2, the backup; the stream goes on"
ip -n "$d1" link set lan0 down
ha_vip_move "$d1" "$d2"
cat /tmp/part2 >&8
ha_stream_close
if reply_ok /tmp/stream.out /tmp/whole; then
	echo "the stream's 512 KiB came back byte for byte, from $(head -1 /tmp/stream.out)"
else
	echo "the stream broke"
fi
on d2 ipvsadm-lite -Lnc
on d2 ipvsadm-lite --status

echo
echo "# under the family name IPVS, the stock ipvsadm drives ipvs-lite"
cleanup_all_ns
rmmod ipvs_lite
insmod_ipvs_lite compat_ipvs=1
ipvsadm -R </tmp/rules
echo
echo "# ipvsadm -Ln"
ipvsadm -Ln
rmmod ipvs_lite
exit 0
