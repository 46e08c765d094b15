#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The director carries real traffic in DR, NAT and TUN (tests/topo.sh),
# once through the kernel's ip_vs configured with the stock ipvsadm (the
# reference) and once through ipvs-lite configured with ipvsadm-lite, in
# the same boot.  Per method, each must:
#   - hand four TCP connections to the servers in rr order, each echoing
#     its payload byte for byte, and carry a 10 MB transfer (GSO/GRO;
#     2 MB on the debug kernel, where KASAN makes every byte dear);
#   - answer two UDP requests from the servers in turn;
#   - settle in the same connection states with the same counters.
# What the clients saw, `-Ln` and `-Lnc` (client ports and expiry times
# masked, rows sorted) must be the same from both; expiry times must be
# within their state's timeout.
. ./tests/lib.sh
. ./tests/topo.sh

trap cleanup_all_ns EXIT
modprobe ip_vs || exit $KSFT_SKIP
load_ipvs_lite || exit $KSFT_FAIL
topo_setup || exit $KSFT_FAIL

BIG_MB=10
[ -e /sys/kernel/debug/kmemleak ] && BIG_MB=2
dd if=/dev/urandom of=/tmp/big bs=1M count=$BIG_MB 2>/dev/null
dd if=/dev/urandom of=/tmp/small bs=1k count=16 2>/dev/null
dd if=/dev/urandom of=/tmp/dgram bs=1000 count=1 2>/dev/null

# -Lnc with what differs between runs masked: client ports, expiry.
conns_masked() {
	adm "$1" -Lnc | sed -E "s/^(...) [0-9]{2}:[0-9]{2} /\1 xx:xx /;
		s/($CLIENT):[0-9]{5}/\1:ppppp/" | sort
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

# scenario ref|lite g|m|i OUT: the traffic, and what it left in OUT.
scenario() {
	local impl=$1 m=$2 out=$3 r1 r2 p i
	case $m in
	g) r1=$RS1_LAN r2=$RS2_LAN ;;
	*) r1=$RS1_NET r2=$RS2_NET ;;
	esac
	adm "$impl" -A -t "$VIP:80" -s rr
	adm "$impl" -A -u "$VIP:80" -s rr
	for p in t u; do
		adm "$impl" -a -$p "$VIP:80" -r "$r1" -$m
		adm "$impl" -a -$p "$VIP:80" -r "$r2" -$m
	done

	: >"$out"
	for i in 1 2 3 4; do
		tcp_get /tmp/small >/tmp/reply
		check "$impl -$m: TCP connection $i echoed byte for byte" \
			reply_ok /tmp/reply /tmp/small
		echo "tcp $i $(head -1 /tmp/reply)" >>"$out"
	done
	tcp_get /tmp/big >/tmp/reply
	check "$impl -$m: $BIG_MB MB back byte for byte" reply_ok /tmp/reply \
		/tmp/big
	for i in 1 2; do
		udp_get /tmp/dgram >/tmp/reply
		check "$impl -$m: UDP request $i answered byte for byte" \
			reply_ok /tmp/reply /tmp/dgram
		echo "udp $i $(head -1 /tmp/reply)" >>"$out"
	done

	check "$impl -$m: every connection closed" busywait 5000 settled "$impl"
	check "$impl -$m: expiry times within their states' timeouts" \
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

tap_plan 57
for meth in g m i; do
	topo_method $meth
	scenario ref $meth /tmp/ref.$meth
	scenario lite $meth /tmp/lite.$meth
	check "-$meth: clients, servers, counters and states as with ip_vs" \
		same /tmp/ref.$meth /tmp/lite.$meth
done
tap_exit
