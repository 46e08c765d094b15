#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Connection synchronisation between directors (tests/topo_ha.sh): a TCP
# stream, a UDP flow and persistent clients outlive the VIP's move from
# a master director to a backup, in every pairing of ipvs-lite and the
# kernel's ip_vs (which run side by side: ipvs-lite under its own family
# name); the backups' tables match ip_vs's for the same messages; and
# every malformed message a backup receives is refused and counted by
# reason, ip_vs taking or leaving each the same.
#
#   d1  ipvs-lite   (ipvsadm-lite)
#   d2  ipvs-lite   (ipvsadm-lite)
#   d3  ip_vs       (the stock ipvsadm)
. ./tests/lib.sh
. ./tests/topo.sh
. ./tests/topo_ha.sh

SYNCSEND=/repo/build/tests/syncsend
GROUP=224.0.0.81

trap cleanup_all_ns EXIT
unload_ipvs_lite
load_ipvs_lite || exit $KSFT_FAIL
modprobe ip_vs || exit $KSFT_SKIP
ha_setup || exit $KSFT_FAIL

tap_plan 57

lite() { ns=$1; shift; ip netns exec "$ns" ipvsadm-lite "$@"; }
ref() { ns=$1; shift; ip netns exec "$ns" ipvsadm "$@"; }
# adm_on NS ARGS: the director's own tool.
adm_on() { if [ "$1" = "$d3" ]; then ref "$@"; else lite "$@"; fi; }

# synced NS: the backup NS's count of a sync counter NAME (--status).
synced() { lite "$1" --status | awk -v n="$2" '$1 == n { print $2 }'; }

# conns NS: NS's connections, their expiry left out, sorted.
conns() {
	adm_on "$1" -Lnc | awk 'NR > 2 { $2 = ""; print }' | LC_ALL=C sort
}

# has_conn NS PATTERN: NS lists a connection that matches PATTERN.
has_conn() { conns "$1" | grep -q -- "$2"; }

# The same services on the three directors: DR, rr, TCP and UDP.
for d in "$d1" "$d2" "$d3"; do
	for p in t u; do
		adm_on "$d" -A -$p "$VIP:80" -s rr
		adm_on "$d" -a -$p "$VIP:80" -r "$RS1_LAN" -g
		adm_on "$d" -a -$p "$VIP:80" -r "$RS2_LAN" -g
	done
done

daemon() { adm_on "$1" --start-daemon "$2" --mcast-interface lan0 \
		--syncid "${3:-7}"; }
stop_daemons() {
	for d in "$d1" "$d2" "$d3"; do
		adm_on "$d" --stop-daemon master 2>/dev/null
		adm_on "$d" --stop-daemon backup 2>/dev/null
	done
}

ha_payloads 64 256

# flow_synced NS TPORT UPORT: NS lists the client's TCP connection from
# TPORT, ESTABLISHED, and its UDP flow from UPORT.
flow_synced() {
	conns "$1" | grep -q "^TCP *ESTABLISHED $CLIENT:$2 " &&
		conns "$1" | grep -q "^UDP *UDP $CLIENT:$3 "
}

# same_backups NS1 NS2 PORT: NS2 heard the flows from PORT and PORT + 1
# too, and holds them as NS1 does; both count them alike.
same_backups() {
	busywait 10000 flow_synced "$2" "$3" $(($3 + 1))
	conns "$1" | grep "$CLIENT:$3 \|$CLIENT:$(($3 + 1)) " >/tmp/conns1
	conns "$2" | grep "$CLIENT:$3 \|$CLIENT:$(($3 + 1)) " >/tmp/conns2
	check "both backups hold the master's connections alike (-Lnc)" \
		same /tmp/conns2 /tmp/conns1
	adm_on "$1" -Ln >/tmp/ln1
	adm_on "$2" -Ln >/tmp/ln2
	check "... and count them alike (-Ln)" same /tmp/ln2 /tmp/ln1
}

# failover FROM TO NAME PORT [BACKUP2]: a TCP stream from the client's
# port PORT and a UDP flow from PORT + 1 through FROM, the master; once
# TO, the backup, lists both (and BACKUP2 as TO does), the VIP moves to
# TO, and both go on there.
failover() {
	ha_vip_move - "$1"
	ha_stream_open "$CLIENT:$4"
	cat /tmp/part1 >&8
	u1=$(udp_from $(($4 + 1)))
	udp_from $(($4 + 1)) >/dev/null
	u3=$(udp_from $(($4 + 1)))
	check "$3: the UDP flow through the master kept its server" \
		[ -n "$u1" -a "$u1" = "$u3" ]
	check "$3: the backup lists the TCP stream ESTABLISHED and the UDP flow" \
		busywait 10000 flow_synced "$2" "$4" $(($4 + 1))
	[ -z "${5:-}" ] || same_backups "$2" "$5" "$4"
	ha_vip_move "$1" "$2"
	cat /tmp/part2 >&8
	ha_stream_close
	check "$3: the stream completed byte for byte after the move" \
		reply_ok /tmp/stream.out /tmp/whole
	check "$3: the UDP flow kept its server after the move" \
		[ "$(udp_from $(($4 + 1)))" = "$u1" ]
	tcp_get /tmp/part1 >/tmp/fresh
	check "$3: a new connection is served by the new master" \
		reply_ok /tmp/fresh /tmp/part1
	ip -n "$2" addr del "$VIP/24" dev lan0
}

# ---- the daemons ----------------------------------------------------------

daemon "$d1" master
daemon "$d2" backup
daemon "$d3" backup
lite "$d2" -L --daemon >/tmp/lite.daemon
ref "$d3" -L --daemon >/tmp/ref.daemon
check "-L --daemon: the backup as ipvsadm lists ip_vs's" \
	same /tmp/ref.daemon /tmp/lite.daemon
lite "$d1" -L --daemon >/tmp/lite.daemon
echo "master sync daemon (mcast=lan0, syncid=7, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)" >/tmp/want.daemon
check "-L --daemon: the master with IPVS's defaults" \
	same /tmp/want.daemon /tmp/lite.daemon
check_fail "a second master is refused" daemon "$d1" master

# ---- ipvs-lite master, ipvs-lite and ip_vs backups -----------------------

failover "$d1" "$d2" "ipvs-lite to ipvs-lite" 6000 "$d3"
check "the master counted what it sent, and lost nothing" \
	[ "$(synced "$d1" conns_sent)" -ge 2 -a "$(synced "$d1" send_lost)" = 0 ]
# refusals NS: NS's refusals of sync entries, all reasons.
refusals() {
	lite "$1" --status | awk '$1 ~ /^refused_/ { n += $2 } END { print n }'
}
check "the backup applied what it received, and refused nothing" \
	[ "$(synced "$d2" conns_recv)" -ge 2 -a "$(refusals "$d2")" = 0 ]

stop_daemons
# ---- ip_vs master, ipvs-lite backup ---------------------------------------

daemon "$d3" master
daemon "$d2" backup
failover "$d3" "$d2" "ip_vs to ipvs-lite" 6010

stop_daemons
# ---- ipvs-lite master, ip_vs backup ---------------------------------------

daemon "$d1" master
daemon "$d3" backup
failover "$d1" "$d3" "ipvs-lite to ip_vs" 6020

stop_daemons
# ---- version 0 and the sync ID --------------------------------------------

# A master that sends version 0 (IPv4 only): both backups read it.
sysctl_ns "$d1" net/ipvs_lite/sync_version 0
daemon "$d1" master
daemon "$d2" backup
failover "$d1" "$d2" "version 0, ipvs-lite to ipvs-lite" 6030
sysctl_ns "$d1" net/ipvs_lite/sync_version 1
stop_daemons

# A backup of another sync ID hears nothing of this master.
daemon "$d1" master 7
daemon "$d2" backup 8
ha_vip_move - "$d1"
sent0=$(synced "$d1" msgs_sent)
before=$(synced "$d2" refused_syncid)
ha_stream_open "$CLIENT:6040"
cat /tmp/part1 >&8
# Every message the master sent since, the backup refused.
all_refused() {
	n=$(($(synced "$d1" msgs_sent) - sent0))
	[ "$n" -gt 0 ] && [ $(($(synced "$d2" refused_syncid) - before)) = "$n" ]
}
check "a backup of another sync ID refuses the master's messages, counted" \
	busywait 10000 all_refused
check "... and holds none of its connections" \
	[ "$(conns "$d2" | grep -c ":6040 ")" = 0 ]
ha_stream_close
ip -n "$d1" addr del "$VIP/24" dev lan0
stop_daemons

# A master whose messages are too short for an entry sends one a message.
adm_on "$d1" --start-daemon master --mcast-interface lan0 --syncid 7 \
	--sync-maxlen 1
daemon "$d2" backup
ha_vip_move - "$d1"
msgs0=$(synced "$d1" msgs_sent)
conns0=$(synced "$d1" conns_sent)
ha_stream_open "$CLIENT:6050"
cat /tmp/part1 >&8
stream_at_d2() { has_conn "$d2" "ESTABLISHED $CLIENT:6050 "; }
check "--sync-maxlen 1: the backup holds the master's connection" \
	busywait 10000 stream_at_d2
one_each() {
	[ $(($(synced "$d1" msgs_sent) - msgs0)) -eq \
	  $(($(synced "$d1" conns_sent) - conns0)) ]
}
check "... sent one entry a message" busywait 2000 one_each
ha_stream_close
ip -n "$d1" addr del "$VIP/24" dev lan0
stop_daemons

# ---- IPv6 ---------------------------------------------------------------------

# An IPv6 service's stream, its messages to an IPv6 group: the backup
# holds it and it goes on there.
ha_setup6 || exit $KSFT_FAIL
for d in "$d1" "$d2"; do
	lite "$d" -A -t "[$VIP6]:80" -s rr
	lite "$d" -a -t "[$VIP6]:80" -r "[$RS1_LAN6]:80" -g
	lite "$d" -a -t "[$VIP6]:80" -r "[$RS2_LAN6]:80" -g
done
for r in "$d1 master" "$d2 backup"; do
	set -- $r
	lite "$1" --start-daemon "$2" --mcast-interface lan0 --syncid 7 \
		--mcast-group ff02::8848
done
v6_group() { lite "$d2" -L --daemon | grep -q 'group=ff02::8848'; }
check "an IPv6 group: -L --daemon says it" v6_group
ha_vip6_move - "$d1"
ha_stream_open "[$CLIENT6]:6060" "[$VIP6]"
cat /tmp/part1 >&8
v6_synced() { conns "$d2" | grep -q "^TCP *ESTABLISHED \[$CLIENT6\]:6060 "; }
check "IPv6: the backup lists the stream ESTABLISHED" busywait 10000 v6_synced
ha_vip6_move "$d1" "$d2"
cat /tmp/part2 >&8
ha_stream_close
check "IPv6: the stream completed byte for byte after the move" \
	reply_ok /tmp/stream.out /tmp/whole
if ! reply_ok /tmp/stream.out /tmp/whole; then
	echo "# $(wc -c </tmp/stream.out) bytes back"
	lite "$d2" -Lnc | sed 's/^/# /'
	lite "$d2" --status | grep -v ' 0$' | sed 's/^/# /'
	ip -n "$d2" -6 addr show dev lan0 | sed 's/^/# /'
	ip -n "$c" -6 neigh show | sed 's/^/# /'
fi
ip -n "$d2" -6 addr del "$VIP6/64" dev lan0
stop_daemons

# ---- a late backup -----------------------------------------------------------

# Beyond IPVS: a backup that starts after the master's connections exist
# asks for them all, and holds them (these, one datagram each, IPVS's
# rules would never have sent: a flow is sent at its third packet).
FLOWS=/repo/build/tests/flows
LATE=10000
[ -e /sys/kernel/debug/kmemleak ] && LATE=2000
daemon "$d1" master
ha_vip_move - "$d1"
ip netns exec "$c" "$FLOWS" -n $LATE -s 172.16.0.1 "$VIP" 80
late_at() { [ "$(conns "$1" | grep -c "^UDP .* 172\.16\.")" -eq $LATE ]; }
check "a late backup: the master holds the $LATE flows" late_at "$d1"
check "... and none was sent before a backup asked" \
	[ "$(conns "$d2" | grep -c "^UDP .* 172\.16\.")" -eq 0 ]
daemon "$d2" backup
check "a backup started late holds all $LATE" busywait 20000 late_at "$d2"
ip -n "$d1" addr del "$VIP/24" dev lan0
stop_daemons

# ---- persistence ------------------------------------------------------------

# Two clients given different servers; after the move each new
# connection of theirs goes where its template on the master said,
# which rr starting afresh would not do for both.
for d in "$d1" "$d2"; do
	adm_on "$d" -E -t "$VIP:80" -s rr -p 300
done
daemon "$d1" master
daemon "$d2" backup
ha_vip_move - "$d1"
tcp_client "$VIP:80,bind=$CLIENT2" </tmp/part1 >/tmp/p2
tcp_client "$VIP:80,bind=$CLIENT" </tmp/part1 >/tmp/p1
a=$(head -1 /tmp/p2)
b=$(head -1 /tmp/p1)
check "persistence: the master gave the two clients two servers" \
	[ -n "$a" -a -n "$b" -a "$a" != "$b" ]
tmpl_synced() {
	conns "$d2" | grep -q " $CLIENT:0 $VIP:80 " &&
		conns "$d2" | grep -q " $CLIENT2:0 $VIP:80 "
}
check "persistence: the backup holds both clients' templates" \
	busywait 10000 tmpl_synced
ha_vip_move "$d1" "$d2"
tcp_client "$VIP:80,bind=$CLIENT2" </tmp/part1 >/tmp/p2
tcp_client "$VIP:80,bind=$CLIENT" </tmp/part1 >/tmp/p1
check "persistence: after the move each client keeps its server" \
	[ "$(head -1 /tmp/p2)" = "$a" -a "$(head -1 /tmp/p1)" = "$b" ]
ip -n "$d2" addr del "$VIP/24" dev lan0
stop_daemons
for d in "$d1" "$d2"; do
	adm_on "$d" -E -t "$VIP:80" -s rr
done

# ---- what a backup refuses ------------------------------------------------

# Messages made here, sent from the client's host: each one of the
# backups takes (ip_vs and ipvs-lite alike) or refuses with a reason.
h8() { printf '%02x' "$1"; }
h16() { printf '%04x' "$1"; }
h32() { printf '%08x' "$1"; }
hip() { printf '%02x%02x%02x%02x' $(echo "$1" | tr . ' '); }
# e1 N [PROTO [FLAGS [STATE [DADDR [TYPE [SIZE [OPTIONS]]]]]]]: a version 1
# IPv4 entry from client 10.0.9.N:7000+N to VIP:80, TCP, DR, ESTABLISHED,
# to rs1, with OPTIONS (hex) after it and SIZE its size field.
e1() {
	opts=${8:-}
	printf '%s%s%s%s%s%s%s%s%s%s%s%s%s%s' "$(h8 "${6:-0}")" \
		"$(h8 "${2:-6}")" "$(h16 "${7:-$((36 + ${#opts} / 2))}")" \
		"$(h32 "${3:-3}")" "$(h16 "${4:-1}")" "$(h16 $((7000 + $1)))" \
		"$(h16 80)" "$(h16 80)" "$(h32 0)" "$(h32 300)" \
		"$(hip 10.0.9.$1)" "$(hip "$VIP")" "$(hip "${5:-$RS1_LAN}")" \
		"$opts"
}
# m1 ENTRIES [COUNT [SYNCID [VERSION [EXTRA]]]]: a version 1 message.
m1() {
	size=$((8 + ${#1} / 2 + ${5:-0}))
	printf '00%s%s%s%s0000%s' "$(h8 "${3:-7}")" "$(h16 $size)" \
		"$(h8 "${2:-1}")" "$(h8 "${4:-1}")" "$1"
}
# m0 N: a version 0 message of one entry from 10.0.9.N.
m0() {
	printf '01%s%s00%s%s%s%s%s%s%s%s%s' "$(h8 7)" "$(h16 28)" "$(h8 6)" \
		"$(h16 $((7000 + $1)))" "$(h16 80)" "$(h16 80)" \
		"$(hip 10.0.9.$1)" "$(hip "$VIP")" "$(hip "$RS1_LAN")" \
		"$(h16 3)" "$(h16 1)"
}
seq0=$(printf '%048d' 0)

daemon "$d2" backup
daemon "$d3" backup
for n in short syncid version entry option flags protocol state no_dest; do
	eval "before_$n=\$(synced $d2 refused_$n)"
done
recv0=$(synced "$d2" msgs_recv)
applied0=$(synced "$d2" conns_recv)
ip netns exec "$c" "$SYNCSEND" lan0 "$GROUP" 8848 \
	"$(m1 "$(e1 1)")" \
	"$(m0 2)" \
	0007 \
	"$(m1 "$(e1 4)" 1 7 1 4)" \
	"$(m1 "$(e1 5)" 1 9)" \
	"$(m1 "$(e1 6)" 1 7 2)" \
	"$(m1 "$(e1 7 6 3 1 "$RS1_LAN" 0 $((4096 + 36)))")" \
	"$(m1 "$(e1 8 6 3 1 "$RS1_LAN" 0 200)")" \
	"$(m1 "$(e1 9 6 3 1 "$RS1_LAN" 2)")" \
	"$(m1 "$(e1 10 6 3 1 "$RS1_LAN" 0 '' 0100)")" \
	"$(m1 "$(e1 11 6 3 1 "$RS1_LAN" 0 '' 05020000)")" \
	"$(m1 "$(e1 12 6 3 1 "$RS1_LAN" 0 '' 45020000)")" \
	"$(m1 "$(e1 13 6 3 1 "$RS1_LAN" 0 '' 0118$seq0)")" \
	"$(m1 "$(e1 14 6 $((0x2000 + 3)))")" \
	"$(m1 "$(e1 15 6 $((0x1800 + 3)) 0)")" \
	"$(m1 "$(e1 16 47)")" \
	"$(m1 "$(e1 17 6 3 11)")" \
	"$(m1 "$(e1 18 17 3 1)")" \
	"$(m1 "$(e1 19 6 3 1 10.0.1.13)")" \
	"$(m1 "$(e1 21)" 2)" \
	"$(m1 "$(e1 99)")"
check "the crafted messages were sent" [ $? -eq 0 ]
sentinel() { has_conn "$1" " 10.0.9.99:7099 "; }
both_took() { sentinel "$d2" && sentinel "$d3"; }
check "both backups took the last of them" busywait 10000 both_took
# What each took, but the entry for a real server d2 does not have (ip_vs
# keeps it unbound).
conns "$d3" | grep " 10\.0\.9\." | grep -v " 10.0.9.19:" >/tmp/ref.taken
conns "$d2" | grep " 10\.0\.9\." >/tmp/lite.taken
check "ipvs-lite's backup took the entries ip_vs's took, as it took them" \
	same /tmp/ref.taken /tmp/lite.taken
check "... that is, six" [ "$(wc -l </tmp/lite.taken)" -eq 6 ]
check "every datagram was counted as received" \
	[ $(($(synced "$d2" msgs_recv) - recv0)) -eq 21 ]
check "... and the six entries as applied" \
	[ $(($(synced "$d2" conns_recv) - applied0)) -eq 6 ]
# refused REASON N: N more refusals for REASON than before.
refused() {
	eval "b=\$before_$1"
	[ $(($(synced "$d2" "refused_$1") - b)) -eq "$2" ]
}
check "refused as short: under a header, and a size field that lies" \
	refused short 2
check "refused for the sync ID" refused syncid 1
check "refused for the version: the message's, an entry's" \
	refused version 2
check "refused as malformed: an entry past its message, of an unknown family, an option of length 0, a count past the entries" \
	refused entry 4
check "refused for an unknown mandatory option" refused option 1
check "refused for its flags: one-packet, a template without a port" \
	refused flags 2
check "refused for the protocol" refused protocol 1
check "refused for the state: TCP's 11, UDP's 1" refused state 2
check "refused for naming no real server of ours" refused no_dest 1

# A template of ours to another real server than the master's: beyond
# IPVS (whose backup keeps its own), the master's replaces it.
# tmpl1 DADDR: a template of client 10.0.8.1 for TCP VIP:80, ASSURED.
tmpl1() {
	printf '00060024%s%s0000%s%s%s%s%s%s' "$(h32 $((0x1000 + 3)))" \
		"$(h16 1)" "$(h16 80)" "$(h16 80)" "$(h32 0)" "$(h32 300)" \
		"$(hip 10.0.8.1)" "$(hip "$VIP")$(hip "$1")"
}
ip netns exec "$c" "$SYNCSEND" lan0 "$GROUP" 8848 "$(m1 "$(tmpl1 "$RS1_LAN")")"
tmpl_at() { has_conn "$d2" " 10.0.8.1:0 $VIP:80 $1:80"; }
busywait 10000 tmpl_at "$RS1_LAN"
ip netns exec "$c" "$SYNCSEND" lan0 "$GROUP" 8848 "$(m1 "$(tmpl1 "$RS2_LAN")")"
check "a template to another real server gives way to the master's" \
	busywait 10000 tmpl_at "$RS2_LAN"
check "... and only it is left" \
	[ "$(conns "$d2" | grep -c " 10.0.8.1:0 ")" = 1 ]
stop_daemons

tap_exit
