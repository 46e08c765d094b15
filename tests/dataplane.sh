#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The director carries real traffic in DR, NAT and TUN (tests/topo.sh),
# and in IPv6 by DR and NAT, once through the kernel's ip_vs configured
# with the stock ipvsadm (the reference) and once through ipvs-lite
# configured with ipvsadm-lite, in the same boot.  Per method, each must:
#   - hand four TCP connections to the servers in rr order, each echoing
#     its payload byte for byte, and carry a 10 MB transfer (GSO/GRO;
#     2 MB on the debug kernel, where KASAN makes every byte dear);
#   - answer two UDP requests from the servers in turn;
#   - settle in the same connection states with the same counters.
# (On the debug kernel only ipvs-lite's runs, and the comparisons skip.)
# What the clients saw, `-Ln` and `-Lnc` (client ports and expiry times
# masked, rows sorted) must be the same from both; expiry times must be
# within their state's timeout.
. ./tests/lib.sh
. ./tests/topo.sh

trap cleanup_all_ns EXIT
modprobe ip_vs || exit $KSFT_SKIP
load_ipvs_lite || exit $KSFT_FAIL
topo_setup && topo_setup6 || exit $KSFT_FAIL

BIG_MB=10
[ -e /sys/kernel/debug/kmemleak ] && BIG_MB=2
dd if=/dev/urandom of=/tmp/big bs=1M count=$BIG_MB 2>/dev/null
dd if=/dev/urandom of=/tmp/small bs=1k count=16 2>/dev/null
dd if=/dev/urandom of=/tmp/dgram bs=1000 count=1 2>/dev/null

# -Lnc with what differs between runs masked: client ports, expiry.
conns_masked() {
	adm "$1" -Lnc | sed -E "s/^(...) [0-9]{2}:[0-9]{2} /\1 xx:xx /;
		s/($CLIENT|\[$CLIENT6\]):[0-9]{5}/\1:ppppp/" | sort
}

# Every expiry of IMPL's connections is within its state's timeout.  (No
# lower bound: on the debug kernel under emulation the big transfer
# alone takes most of a FIN_WAIT's two minutes.)
expiry_sane() {
	adm "$1" -Lnc | awk 'NR > 2 {
		split($2, t, ":"); s = t[1] * 60 + t[2]
		max = $3 == "UDP" ? 300 : $3 == "ESTABLISHED" ? 900 : 120
		if (s > max) { print "# " $0; bad = 1 }
	} END { exit bad }'
}

# scenario ref|lite g|m|i 4|6 OUT: the traffic, and what it left in OUT.
scenario() {
	local impl=$1 m=$2 f=$3 out=$4 vip=$VIP fam= r1 r2 p i name
	case $m in
	g) r1=$RS1_LAN r2=$RS2_LAN ;;
	*) r1=$RS1_NET r2=$RS2_NET ;;
	esac
	name="$impl -$m"
	if [ "$f" = 6 ]; then
		vip="[$VIP6]" fam=-6 name="$impl -$m IPv6"
		case $m in
		g) r1="[$RS1_LAN6]:80" r2="[$RS2_LAN6]:80" ;;
		*) r1="[$RS1_NET6]:80" r2="[$RS2_NET6]:80" ;;
		esac
	fi
	adm "$impl" -A -t "$vip:80" -s rr
	adm "$impl" -A -u "$vip:80" -s rr
	for p in t u; do
		adm "$impl" -a -$p "$vip:80" -r "$r1" -$m
		adm "$impl" -a -$p "$vip:80" -r "$r2" -$m
	done

	: >"$out"
	for i in 1 2 3 4; do
		tcp_get /tmp/small $fam >/tmp/reply
		check "$name: TCP connection $i echoed byte for byte" \
			reply_ok /tmp/reply /tmp/small
		echo "tcp $i $(head -1 /tmp/reply)" >>"$out"
	done
	tcp_get /tmp/big $fam >/tmp/reply
	check "$name: $BIG_MB MB back byte for byte" reply_ok /tmp/reply \
		/tmp/big
	for i in 1 2; do
		udp_get /tmp/dgram "" $fam >/tmp/reply
		check "$name: UDP request $i answered byte for byte" \
			reply_ok /tmp/reply /tmp/dgram
		echo "udp $i $(head -1 /tmp/reply)" >>"$out"
	done

	check "$name: every connection closed" busywait 5000 settled "$impl"
	check "$name: expiry times within their states' timeouts" \
		expiry_sane "$impl"
	adm "$impl" -Ln >>"$out"
	conns_masked "$impl" >>"$out"
	adm "$impl" -C
	# The next method starts from empty tables: reload (ip_vs would
	# revive deleted servers with their old counters otherwise).
	if [ "$impl" = ref ]; then
		unload_ip_vs && modprobe ip_vs
	else
		unload_ipvs_lite && load_ipvs_lite
	fi
}

# On the debug kernel, ipvs-lite's runs only: what it checks there is our
# module under KASAN and lockdep; ip_vs is the reference on 6.1 and 6.12.
impls="ref lite"
[ -e /sys/kernel/debug/kmemleak ] && impls=lite
runs="4g 4m 4i 6g 6m"
set -- $impls
tap_plan $(($(echo $runs | wc -w) * (9 * $# + 1) + 4 * $# + 1))
for run in $runs; do
	f=${run%?} meth=${run#?}
	topo_method $meth
	for impl in $impls; do
		scenario $impl $meth $f /tmp/$impl.$run
	done
	what="-$meth IPv$f: clients, servers, counters and states as with ip_vs"
	if [ $# = 2 ]; then
		check "$what" same /tmp/ref.$run /tmp/lite.$run
	else
		skip "$what: on 6.1 and 6.12"
	fi
done
# --- IPv6 path MTU -----------------------------------------------------------
# The director's route to the NAT servers has MTU 1280, the client's link
# 1500.  IPv6 routers do not fragment: each must answer a full-sized
# segment with ICMPv6 packet too big carrying 1280, and the client's
# transfer then goes through in smaller segments.  The client's learnt MTU
# is flushed between runs, so that each implementation has to teach it.
client_mtu6() {
	ip -n "$c" -6 route get "$VIP6" | sed -n 's/.* mtu \([0-9]*\).*/\1/p'
}
topo_method m
# The connected route itself (metric 256): a new one would not win.
ip -n "$d" -6 route replace fd00:2::/64 dev net0 metric 256 mtu 1280
big0=$(drops too_big)
for impl in $impls; do
	ip -n "$c" -6 route flush cache
	adm "$impl" -A -t "[$VIP6]:80" -s rr
	adm "$impl" -a -t "[$VIP6]:80" -r "[$RS1_NET6]:80" -m
	tcp_get /tmp/big -6 >/tmp/m
	mtu=$(client_mtu6)
	check "$impl -m IPv6, path MTU 1280: the transfer byte for byte" \
		reply_ok /tmp/m /tmp/big
	check "$impl -m IPv6, path MTU 1280: the client learnt 1280 (${mtu:-none})" \
		test "${mtu:-0}" = 1280
	within 30 settled "$impl"
	adm "$impl" -C
done
check "ipvs-lite counted its packets too big" test "$(drops too_big)" -gt "$big0"
ip -n "$d" -6 route replace fd00:2::/64 dev net0 metric 256

# --- ICMPv6 errors about a NAT connection -------------------------------------
# Out: a NAT server's port unreachable reaches the client as the VIP's
# (about the client's packet to VIP6:81), so that its socket hears of it
# at once.  In: the client's own port unreachable about a server's answer
# (a reject rule in the client; nf_tables is not in the debug kernel)
# reaches the server that sent it, translated to its address, with a
# checksum it accepts (it counts the error).  Every error must pass: the
# servers' rate limit is off.
refused6() {
	! ip netns exec "$c" socat -T 20 - "UDP6:[$VIP6]:81" </tmp/dgram \
		>/dev/null 2>/tmp/err && grep -q "Connection refused" /tmp/err
}
unreachs() {
	ip netns exec "$rs1" awk '$1 == "Icmp6InDestUnreachs" { print $2 }' \
		/proc/net/snmp6
}
sysctl_ns "$rs1" net/ipv6/icmp/ratelimit 0
nft_ok=false
ip netns exec "$c" nft -f - 2>/dev/null <<EOF && nft_ok=true
table inet t {
	chain in {
		type filter hook input priority 0;
		udp sport 80 udp dport 41006 reject with icmpv6 type port-unreachable
	}
}
EOF
for impl in $impls; do
	adm "$impl" -A -u "[$VIP6]:81" -s rr
	adm "$impl" -a -u "[$VIP6]:81" -r "[$RS1_NET6]:81" -m
	check "$impl -m IPv6: the server's port unreachable refuses the client" \
		refused6
	if $nft_ok; then
		adm "$impl" -A -u "[$VIP6]:80" -s rr
		adm "$impl" -a -u "[$VIP6]:80" -r "[$RS1_NET6]:80" -m
		n0=$(unreachs)
		# The answer is refused: udpask gives up on it at once.
		ip netns exec "$c" /repo/build/tests/udpask -w 100 -s 41006 \
			"$VIP6" 80 1 </tmp/dgram >/dev/null 2>&1
		got_it() { [ "$(unreachs)" -gt "$n0" ]; }
		check "$impl -m IPv6: the client's port unreachable reaches the server" \
			busywait 5000 got_it
	else
		skip "$impl -m IPv6: the client's port unreachable: no nf_tables"
	fi
	adm "$impl" -C
done
tap_exit
