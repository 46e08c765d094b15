#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fuzzing, on the topology of tests/topo.sh with a service per forwarding
# method (DR at VIP:80, TUN at VIP:81, NAT at VIP:82, each TCP and UDP):
#   - tests/nlfuzz.c: MESSAGES random and mutated netlink messages from
#     two processes while packets flow, every one answered, every refusal
#     of a well-formed message explained by an extack message; then the
#     configuration listed by -S restores to the same -S, and the
#     director still balances a TCP connection, echoed byte for byte;
#   - tests/pktfuzz.c: each class of malformed and odd packet at each
#     service, PACKETS of each, in IPv4 and then in IPv6 (services of
#     the same methods at the IPv6 VIP); the counter that says what
#     became of them (a drop reason, the service's packets, the IP
#     layer's errors) moves by exactly that many, no other drop counter
#     moves, and the real servers see no corrupt IP header and no bad
#     TCP or UDP checksum (a NAT rewrite's, say).
#
# usage: fuzz.sh [MESSAGES [PACKETS]]
#   (default 300000 and 10, make check's size, about three minutes on 6.1;
#   on the debug kernel, many times slower, 5000 and 4.  make reliability
#   runs 1000000 and 10 on the debug kernel.)
. ./tests/lib.sh
. ./tests/topo.sh

if [ -e /sys/kernel/debug/kmemleak ]; then
	MESSAGES=${1:-5000}
	PACKETS=${2:-4}
else
	MESSAGES=${1:-300000}
	PACKETS=${2:-10}
fi
NLFUZZ=/repo/build/tests/nlfuzz
PKTFUZZ=/repo/build/tests/pktfuzz
FLOWS=/repo/build/tests/flows

trap cleanup_all_ns EXIT
unload_ip_vs
load_ipvs_lite || exit $KSFT_FAIL
topo_setup && topo_setup6 || exit $KSFT_FAIL
lite() { ip netns exec "$d" ipvsadm-lite "$@"; }
tc() { /usr/sbin/tc "$@"; }

# ---- netlink ------------------------------------------------------------

# Traffic at the ports the fuzzer's services use, from many clients, so
# that services change under packets and connections are there to dump
# (IPv6 too: the fuzzer's addresses are the topology's of both families).
(
	i=0
	while :; do
		for p in 80 9 10 11; do
			ip netns exec "$c" "$FLOWS" -n 200 -s "172.18.$((i % 250)).1" \
				"$VIP" "$p" 2>/dev/null
			ip netns exec "$c" "$FLOWS" -n 50 \
				-s "fd00:18::$((i % 250)):1" "$VIP6" "$p" 2>/dev/null
		done
		i=$((i + 1))
	done
) &
bg=$!
# Two jobs, one a CPU: commands race each other as well.
echo "# nlfuzz -n $MESSAGES -s $$ -j 2"
t0=$(date +%s)
ip netns exec "$d" "$NLFUZZ" -n "$MESSAGES" -s "$$" -j 2 >/tmp/nlfuzz.out 2>&1
rc=$?
kill "$bg"
wait "$bg" 2>/dev/null
sed 's/^/# /' /tmp/nlfuzz.out
echo "# nlfuzz: $(($(date +%s) - t0)) s"
check "netlink: $MESSAGES fuzzed messages, each answered, refusals explained" \
	[ "$rc" -eq 0 ]

# A DR or TUN server's port is the service's once restored: ipvsadm
# reads -a lines so, while the kernel keeps what netlink gave it.  The
# lines are compared as a set: ipvsadm's order subtracts fwmarks and
# addresses as int, which is not transitive (2^31 < 0 < 1 < 2^31), so
# qsort's result depends on the kernel's order, and a restore changes that.
dr_tun_ports() {
	sed -E '/ -[gi]( |$)/ s/(-r [^ ]*):[0-9]+/\1:*/' "$@" | LC_ALL=C sort
}
lite -S -n >/tmp/save1
lite -C
lite -R </tmp/save1
check "netlink: after the fuzzer, -S's listing restores with -R" [ $? -eq 0 ]
lite -S -n >/tmp/save2
dr_tun_ports /tmp/save1 >/tmp/save1n
dr_tun_ports /tmp/save2 >/tmp/save2n
check "netlink: ... to the same -S ($(grep -c '^-A' /tmp/save1) services, $(grep -c '^-a' /tmp/save1) servers)" \
	same /tmp/save1n /tmp/save2n
lite -C
lite --set 900 120 300
lite --conn-max 1000000
lite -A -t "$VIP:80" -s rr
lite -a -t "$VIP:80" -r "$RS1_LAN" -g
dd if=/dev/urandom of=/tmp/small bs=1k count=16 2>/dev/null
tcp_get /tmp/small >/tmp/reply
check "netlink: after the fuzzer, a TCP connection is balanced and echoed" \
	reply_ok /tmp/reply /tmp/small rs1
lite -C

# ---- packets -------------------------------------------------------------

MAC=$(ip netns exec "$d" cat /sys/class/net/lan0/address)
# The made-up clients live behind the client, which drops what comes back
# to them: without a route the director would answer the servers' replies
# with ICMP errors to the VIP, that is to itself.
ip -n "$d" route add 172.16.0.0/12 via "$CLIENT"
ip -n "$d" -6 route add fd77::/32 via "$CLIENT6"
lite -A -t "$VIP:80" -s rr
lite -A -u "$VIP:80" -s rr
lite -A -t "$VIP:81" -s rr
lite -A -u "$VIP:81" -s rr
lite -A -t "$VIP:82" -s rr
lite -A -u "$VIP:82" -s rr
for port in 80 81 82; do
	lite -A -t "[$VIP6]:$port" -s rr
	lite -A -u "[$VIP6]:$port" -s rr
done
for h in RS1 RS2; do
	eval "lan=\$${h}_LAN net=\$${h}_NET lan6=\$${h}_LAN6 net6=\$${h}_NET6"
	for p in t u; do
		lite -a -$p "$VIP:80" -r "$lan" -g
		lite -a -$p "$VIP:81" -r "$net" -i
		lite -a -$p "$VIP:82" -r "$net:82" -m
		lite -a -$p "[$VIP6]:80" -r "[$lan6]:80" -g
		lite -a -$p "[$VIP6]:81" -r "[$net6]:81" -i
		lite -a -$p "[$VIP6]:82" -r "[$net6]:82" -m
	done
done
# The fence: a DR service to rs1 whose packets rs1's tc counts and drops.
lite -A -u "$VIP:99" -s rr
lite -a -u "$VIP:99" -r "$RS1_LAN" -g
FENCE_SRC=10.0.1.99
ip netns exec "$rs1" /usr/sbin/tc qdisc add dev lan0 clsact
ip netns exec "$rs1" /usr/sbin/tc filter add dev lan0 ingress protocol ip \
	u32 match ip src "$FENCE_SRC/32" action drop
fenced() {
	ip netns exec "$rs1" /usr/sbin/tc -s filter show dev lan0 ingress |
		awk '/Sent/ { print $4; exit }'
}

pktfuzz() { ip netns exec "$c" "$PKTFUZZ" -i lan0 -m "$MAC" "$@"; }

# fence: every packet sent before has been through the director and
# reached the real servers (pktfuzz sends from one CPU, in order).
fence() {
	_f=$(fenced)
	pktfuzz -s "$FENCE_SRC" -n 1 empty "$VIP" 99 udp >/dev/null
	busywait 20000 sh -c "[ \$(/usr/sbin/ip netns exec $rs1 /usr/sbin/tc \
		-s filter show dev lan0 ingress | awk '/Sent/ { print \$4; exit }') \
		-gt $_f ]"
}

# counters ADDR:PORT t|u: "name value" for every drop reason, the
# service's connections and packets, the director's IP errors (either
# family's) and the servers' checksum errors, of IP headers and of TCP,
# UDP and ICMP (a NAT translation's sum).  A UDP datagram to socat's
# socket at DR's :80 is summed only when socat reads it, which the fence
# does not wait for: counted a class late, if ever (DR changes no byte of
# it); the rest are summed on arrival.  One process per namespace:
# emulated exec is slow.
counters() {
	{
		ip netns exec "$d" sh -c 'ipvsadm-lite --status
			ipvsadm-lite -Ln --stats --exact
			echo "== d"; cat /proc/net/snmp /proc/net/netstat
			echo "== d6"; cat /proc/net/snmp6'
		for _ns in "$rs1" "$rs2"; do
			ip netns exec "$_ns" sh -c 'echo "== rs"
				cat /proc/net/snmp /proc/net/netstat
				echo "== rs6"; cat /proc/net/snmp6'
		done
	} | awk -v svc="$1" -v prot="$(echo "$2" | tr tu TU)" '
		$1 == "==" { ns = $2; next }
		!ns && NF == 2 && $1 ~ /^[a-z_]+$/ { print; next }
		!ns && $2 == svc && substr($1, 1, 1) == prot {
			print "conns", $3; print "inpkts", $4; next }
		!ns { next }
		# /proc/net/snmp6: a name and its value a line.
		ns ~ /6$/ { v[substr(ns, 1, length(ns) - 1), $1] += $2; next }
		# /proc/net/snmp and netstat: a line of names, one of values.
		$1 == key { for (i = 2; i <= NF; i++) v[ns, key h[i]] += $i
			    key = ""; next }
		{ key = $1; split($0, h) }
		END {
			print "hdr", v["d", "Ip:InHdrErrors"] +
				     v["d", "IpExt:InTruncatedPkts"] +
				     v["d", "Ip6InHdrErrors"] +
				     v["d", "Ip6InTruncatedPkts"]
			print "ipcsum", v["d", "IpExt:InCsumErrors"] + 0
			print "rs_csum", v["rs", "IpExt:InCsumErrors"] + 0
			print "rs_l4csum", v["rs", "Tcp:InCsumErrors"] +
				v["rs", "Udp:InCsumErrors"] +
				v["rs", "Udp6InCsumErrors"] +
				v["rs", "Icmp:InCsumErrors"] +
				v["rs", "Icmp6InCsumErrors"]
		}'
}

# delta BEFORE AFTER: "name change" for every counter that changed.
delta() {
	awk 'NR == FNR { v[$1] = $2; next }
	     $2 != v[$1] { print $1, $2 - v[$1] }' "$1" "$2" | sort
}

# expected CLASS N PROTO: the changes CLASS must make, sorted.
expected() {
	case $1 in
	trunc | badlen) echo "malformed $2" ;;
	flags)
		# IPVS schedules a segment with SYN and without RST.
		_i=0 _syn=0
		while [ "$_i" -lt "$2" ]; do
			_f=$((_i % 256))
			[ $((_f & 2)) -ne 0 ] && [ $((_f & 4)) -eq 0 ] &&
				_syn=$((_syn + 1))
			_i=$((_i + 1))
		done
		echo "conns $_syn"
		echo "inpkts $_syn"
		echo "nonsyn_miss $(($2 - _syn))"
		;;
	inconn) echo "conns -"; echo "inpkts $(($2 * 257))" ;;
	ipcsum) echo "hdr $2"; echo "ipcsum $2" ;;
	iphdr) echo "hdr $2" ;;
	opts | frag | empty) echo "conns $2"; echo "inpkts $2" ;;
	lonefrag | icmpnone) ;;
	ttl) echo "conns $2"; echo "inpkts $2"; echo "ttl_expired $2" ;;
	icmpconn) echo "conns $2"; echo "inpkts $(($2 * 2))" ;;
	icmpcsum) echo "checksum $2"; echo "conns $2"; echo "inpkts $2" ;;
	esac | sort
}

# The classes of FAMILY (4 or 6) at each service of its VIP, from sources
# of their own for each run: 172.20.0.0/14, or fd77::/96.
fuzz_packets() {
	_fam=$1 _classes="trunc badlen flags inconn ipcsum iphdr opts
		frag lonefrag empty ttl icmpconn icmpcsum icmpnone random"
	# IPv6 has no header checksum.
	[ "$_fam" = 4 ] || _classes=$(echo $_classes | sed 's/ipcsum //')
	for port in 80 81 82; do
		case $port in 80) m=DR ;; 81) m=TUN ;; 82) m=NAT ;; esac
		[ "$_fam" = 4 ] || m="IPv6 $m"
		for proto in tcp udp; do
			for cls in $_classes; do
				fuzz_class "$_fam" "$port" "$proto" "$cls" "$m"
			done
		done
	done
}

# fuzz_class FAMILY PORT tcp|udp CLASS METHOD: one run of a class.
fuzz_class() {
	case $4 in flags | inconn) [ "$3" = tcp ] || return 0 ;; esac
	n=$PACKETS
	[ "$4" = inconn ] && n=$(((PACKETS + 9) / 10))
	_p=$(echo "$3" | cut -c1)
	if [ "$1" = 4 ]; then
		_svc=$VIP:$2
		counters "$_svc" "$_p" >/tmp/before
		s="172.$((20 + src / 65536)).$((src / 256 % 256)).$((src % 256))"
		pktfuzz -s "$s" -n "$n" -r "$src" "$4" "$VIP" "$2" "$3" >/dev/null
	else
		_svc=[$VIP6]:$2
		counters "$_svc" "$_p" >/tmp/before
		s=$(printf 'fd77::%x:%x' $((src / 65536)) $((src % 65536)))
		pktfuzz -6 -s "$s" -n "$n" -r "$src" "$4" "$VIP6" "$2" "$3" \
			>/dev/null
	fi
	src=$((src + n))
	fence; fenced_ok=$?
	counters "$_svc" "$_p" >/tmp/after
	delta /tmp/before /tmp/after >/tmp/got
	# Without the fence the counters prove nothing.
	[ "$fenced_ok" -eq 0 ] || echo "fence lost" >>/tmp/got
	[ "$4" = random ] && return 0
	expected "$4" "$n" "$3" >/tmp/want
	# inconn: whatever SYNs after RSTs scheduled anew.
	if [ "$4" = inconn ]; then
		grep -v '^conns ' /tmp/got >/tmp/got2
		mv /tmp/got2 /tmp/got
		grep -v '^conns ' /tmp/want >/tmp/want2
		mv /tmp/want2 /tmp/want
	fi
	check "packets: $5 $3 $4 x$n: counted as they should be" \
		same /tmp/want /tmp/got
}

src=1
t0=$(date +%s)
fuzz_packets 4
fuzz_packets 6
echo "# packets sent: $((src - 1)) (not counting groups and fences)" \
	"in $(($(date +%s) - t0)) s"

# After all of it: the director still balances.
topo_method g
tcp_get /tmp/small >/tmp/reply
check "packets: after the fuzzer, a TCP connection is balanced and echoed" \
	reply_ok /tmp/reply /tmp/small
tcp_get /tmp/small -6 >/tmp/reply
check "packets: ... and an IPv6 one" reply_ok /tmp/reply /tmp/small
tap_exit
