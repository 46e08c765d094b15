#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The LVS guides' high-availability pair (tests/topo_ha.sh): keepalived on
# two directors running ipvs-lite in compat mode, VRRP MASTER (priority
# 100) and BACKUP (50), the VIP with a label, a DR virtual server with rr,
# persistence and HTTP_GET checks on both real servers, a vrrp_script that
# takes a director out for maintenance while a file exists, and
# lvs_sync_daemon on.  Whatever moves the VIP (the master's link going
# down, its keepalived stopped, the old master preempting back, the
# maintenance file), established connections and persistent clients keep
# their real servers and new connections are served.
. ./tests/lib.sh
. ./tests/topo.sh
. ./tests/topo_ha.sh

command -v keepalived >/dev/null || exit $KSFT_SKIP
trap 'ha_stop; cleanup_all_ns' EXIT
unload_ip_vs
unload_ipvs_lite

# The sync sysctls as ip_vs has them (sync_qlen_max left out: it follows
# the free memory when the module loads), and what each refuses.
SYNC_SYSCTLS="sync_threshold sync_refresh_period sync_retries sync_ports
	sync_sock_size sync_persist_mode sync_version backup_only"
sync_sysctls() {
	for f in $SYNC_SYSCTLS; do
		printf '%s = %s\n' $f "$(cat /proc/sys/net/ipv4/vs/$f)"
	done
	for v in "50 3" "-1 50" "3"; do
		echo "$v" >/proc/sys/net/ipv4/vs/sync_threshold 2>/dev/null
		echo "sync_threshold after '$v': $(cat /proc/sys/net/ipv4/vs/sync_threshold)"
	done
	for v in 3 0 4; do
		echo "$v" >/proc/sys/net/ipv4/vs/sync_ports 2>/dev/null
		echo "sync_ports after $v: $(cat /proc/sys/net/ipv4/vs/sync_ports)"
	done
}
modprobe ip_vs || exit $KSFT_SKIP
sync_sysctls >/tmp/ref.sysctl
unload_ip_vs
load_ipvs_lite compat_ipvs=1 || exit $KSFT_FAIL
sync_sysctls >/tmp/lite.sysctl
ha_setup || exit $KSFT_FAIL

tap_plan 34
check "compat mode: the sync sysctls in net.ipv4.vs, ip_vs's defaults and refusals" \
	same /tmp/ref.sysctl /tmp/lite.sysctl

K=/tmp/ha
rm -rf $K
mkdir -p $K

# The real servers' health pages, for HTTP_GET, on port 8080: the
# request read to its end (a socket closed on unread data resets), then
# a page.
cat >$K/http.sh <<'EOS'
#!/bin/sh
cr=$(printf '\r')
while IFS= read -r l; do
	case $l in "" | "$cr") break ;; esac
done
printf 'HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n'
EOS
chmod +x $K/http.sh
# web NAME: NAME's web server, its pid in $K/NAME.http.
web() {
	eval "ns=\$$1"
	# iproute2's ip itself, so that $! is the server's own pid.
	/usr/sbin/ip netns exec "$ns" socat TCP-LISTEN:8080,fork,reuseaddr \
		SYSTEM:$K/http.sh </dev/null >/dev/null 2>&1 &
	echo $! >$K/$1.http
}
web rs1
web rs2

# conf NAME STATE PRIORITY: a director's keepalived.conf, as the guides
# write it (their 192.168.0.x addresses changed, HTTP_GET on the health
# port, a quicker delay_loop).
conf() {
	cat <<EOC
global_defs {
    router_id $1
    lvs_sync_daemon lan0 VI_1 id 51
}
vrrp_script chk_maint {
    script "$K/maint.sh $1"
    interval 1
    fall 1
    rise 1
}
vrrp_instance VI_1 {
    state $2
    interface lan0
    virtual_router_id 51
    priority $3
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass 1111
    }
    virtual_ipaddress {
        $VIP/24 dev lan0 label lan0:0
    }
    track_script {
        chk_maint
    }
}
virtual_server $VIP 80 {
    delay_loop 2
    lb_algo rr
    lb_kind DR
    persistence_timeout 300
    protocol TCP
EOC
	for r in "$RS1_LAN" "$RS2_LAN"; do
		cat <<EOC
    real_server $r 80 {
        weight 1
        HTTP_GET {
            url {
                path /
                status_code 200
            }
            connect_port 8080
            connect_timeout 3
            nb_get_retry 3
            delay_before_retry 3
        }
    }
EOC
	done
	cat <<EOC
}
virtual_server $VIP 80 {
    delay_loop 2
    lb_algo rr
    lb_kind DR
    protocol UDP
EOC
	for r in "$RS1_LAN" "$RS2_LAN"; do
		cat <<EOC
    real_server $r 80 {
        weight 1
        TCP_CHECK {
            connect_port 8080
            connect_timeout 3
        }
    }
EOC
	done
	echo "}"
}

# The guides' maintenance check, [[ -f /etc/keepalived/down ]], per director.
cat >$K/maint.sh <<'EOS'
#!/bin/sh
[ -f /tmp/ha/$1.down ] && exit 1 || exit 0
EOS
chmod +x $K/maint.sh

# ha_start NAME: keepalived on director NAME (d1 MASTER, d2 BACKUP).
ha_start() {
	eval "ns=\$$1"
	case $1 in
	d1) conf d1 MASTER 100 >$K/d1.conf ;;
	d2) conf d2 BACKUP 50 >$K/d2.conf ;;
	esac
	/usr/sbin/ip netns exec "$ns" keepalived -f $K/$1.conf -n -l -D \
		-p $K/$1.pid -r $K/$1.vrrp.pid -c $K/$1.check.pid \
		>$K/$1.log 2>&1 &
	eval "kp_$1=\$!"
}

# ha_kill NAME: keepalived on NAME stopped as init would stop it.
ha_kill() {
	eval "p=\${kp_$1:-}"
	[ -n "$p" ] || return 0
	kill "$p" 2>/dev/null
	wait "$p" 2>/dev/null
	eval "kp_$1="
}
ha_stop() { ha_kill d1; ha_kill d2; }

# holds NS: NS has the VIP (keepalived put it on lan0 as lan0:0).
holds() { ip -n "$1" -4 addr show dev lan0 | grep -q " $VIP/24 .*lan0:0"; }
only_holds() {
	if [ "$1" = "$d1" ]; then holds "$d1" && ! holds "$d2"
	else holds "$d2" && ! holds "$d1"; fi
}
# lists NS: NS's keepalived configured both real servers of both services.
lists() {
	[ "$(ip netns exec "$1" ipvsadm -Ln | grep -c ' Route ')" -eq 4 ]
}
daemon_is() {
	ip netns exec "$1" ipvsadm -L --daemon | grep -q "^$2 sync daemon (mcast=lan0, syncid=51"
}

ha_payloads 64 64

# stream_ends CHECK NS...: the stream's input ends, and CHECK is that it
# came back whole; if it did not, the directors NS... show their tables.
stream_ends() {
	what=$1
	shift
	cat /tmp/part2 >&8
	ha_stream_close
	check "$what" reply_ok /tmp/stream.out /tmp/whole
	reply_ok /tmp/stream.out /tmp/whole && return
	echo "# $(wc -c </tmp/stream.out) bytes back"
	for n in "$@"; do
		ip netns exec "$n" ipvsadm -Ln | sed 's/^/# /'
		ip netns exec "$n" ipvsadm -Lnc | sed 's/^/# /'
		ip netns exec "$n" ipvsadm-lite --family IPVS --status |
			grep -v ' 0$' | sed 's/^/# /'
	done
	tail -30 $K/d1.log $K/d2.log | sed 's/^/# /'
}

# template_at NS CLIENT SERVER: NS holds CLIENT's persistence template,
# for SERVER.
template_at() {
	ip netns exec "$1" ipvsadm -Lnc |
		grep -q " $2:0 *$VIP:80 *$3:80"
}
# stream_at NS PORT: NS holds the stream from the client's PORT.
stream_at() {
	ip netns exec "$1" ipvsadm -Lnc | grep -q "ESTABLISHED $CLIENT2:$2 "
}
addr_of() { case $1 in rs1) echo "$RS1_LAN" ;; rs2) echo "$RS2_LAN" ;; esac; }

# move NAME HOW PORT FROM TO: a stream from the second client's PORT, a
# UDP flow from PORT + 1 and both clients' persistence known through
# FROM, the master, and heard by TO; HOW moves the VIP to TO within 5 s;
# all of them go on there.
move() {
	name=$1 how=$2 port=$3 from=$4 to=$5
	set -- "$name" "$how" "$port" "$from" "$to"
	ha_stream_open "$CLIENT2:$3"
	cat /tmp/part1 >&8
	u=$(udp_from $(($3 + 1)))
	udp_from $(($3 + 1)) >/dev/null
	udp_from $(($3 + 1)) >/dev/null
	tcp_client "$VIP:80,bind=$CLIENT" </tmp/part1 >/tmp/p1
	p1=$(head -1 /tmp/p1)
	# The stream's server has named itself.
	named() { [ "$(wc -c </tmp/stream.out)" -ge 4 ]; }
	within 10 named
	p2=$(head -1 /tmp/stream.out)
	heard() {
		stream_at "$to" "$port" &&
			template_at "$to" "$CLIENT" "$(addr_of "$p1")" &&
			template_at "$to" "$CLIENT2" "$(addr_of "$p2")"
	}
	check "$1: the backup heard of the stream and both clients' servers" \
		within 10 heard
	eval "$2"
	check "$1: the other director holds the VIP within 5 s" \
		within 5 only_holds "$5"
	stream_ends "$1: the stream completed byte for byte" "$from" "$to"
	check "$1: the UDP flow kept its server" \
		[ -n "$u" -a "$(udp_from $(($3 + 1)))" = "$u" ]
	tcp_client "$VIP:80,bind=$CLIENT" </tmp/part1 >/tmp/p1
	tcp_client "$VIP:80,bind=$CLIENT2" </tmp/part1 >/tmp/p2
	check "$1: both persistent clients kept their servers" \
		[ -n "$p1" -a "$(head -1 /tmp/p1)" = "$p1" -a \
		  "$(head -1 /tmp/p2)" = "$p2" ]
	check "$1: the new master runs the master sync daemon" \
		within 10 daemon_is "$5" master
}

# back NAME HOW PORT [-]: a stream from the second client's PORT through
# d2, the master now; HOW brings d1 back, which preempts (and, ipvs-lite's
# backup asking d2 for its whole table, knows the stream: beyond IPVS);
# d2 goes back to being the backup; the stream goes on through d1.  With
# "-" the stream is not required to: d1 coming back from a cut link has
# had its real servers taken out by its own health checks, and preempts
# before they pass again, so it refuses the table's entries (no real
# server of its own to bind them to; ip_vs would keep them unbound):
# docs/ha.md.
back() {
	bport=$3
	ha_stream_open "$CLIENT2:$3"
	cat /tmp/part1 >&8
	bstream_at() { stream_at "$d2" "$bport"; }
	within 10 bstream_at
	eval "$2"
	check "$1: the old master preempts, and holds the VIP" \
		within 20 only_holds "$d1"
	check "$1: ... and the backup is the backup again" \
		within 10 daemon_is "$d2" backup
	if [ "${4:-}" = - ]; then
		cat /tmp/part2 >&8
		ha_stream_close
	else
		stream_ends \
			"$1: a stream through the backup went on after the preemption" \
			"$d1" "$d2"
	fi
}

ha_start d1
ha_start d2
check "keepalived: the master holds the VIP, the backup not" \
	within 20 only_holds "$d1"
both_list() { lists "$d1" && lists "$d2"; }
check "keepalived: both directors list both real servers" \
	within 20 both_list
if ! both_list; then
	for h in d1 d2; do
		eval "ip netns exec \$$h ipvsadm -Ln" | sed "s/^/# $h: /"
		tail -40 $K/$h.log | sed "s/^/# $h: /"
	done
fi
check "keepalived: the master runs the master sync daemon" \
	within 10 daemon_is "$d1" master
check "keepalived: the backup runs the backup sync daemon" \
	within 10 daemon_is "$d2" backup
tcp_get /tmp/part1 >/tmp/get
check "a connection through the VIP is answered" reply_ok /tmp/get /tmp/part1

move "the maintenance file" "touch $K/d1.down" 6110 "$d1" "$d2"

# On the new master the health checks go on: a real server whose web
# server stops is taken out, and put back when it answers again.
kill "$(cat $K/rs1.http)"
out_rs1() { ! ip netns exec "$d2" ipvsadm -Ln | grep -q " $RS1_LAN:80 "; }
in_rs1() { [ "$(ip netns exec "$d2" ipvsadm -Ln | grep -c " $RS1_LAN:80 ")" = 2 ]; }
check "HTTP_GET: a real server whose web server stopped is taken out" \
	within 30 out_rs1
web rs1
check "HTTP_GET: ... and put back when it answers again" within 30 in_rs1

back "maintenance over" "rm $K/d1.down" 6115

move "keepalived stopped on the master" "ha_kill d1" 6120 "$d1" "$d2"
back "keepalived started again" "ha_start d1" 6125

# Last: the old master that comes back from a cut link does not know
# what was made meanwhile (see back).
move "the master's link down" "ip -n $d1 link set lan0 down" 6100 "$d1" "$d2"
back "the link back" "ip -n $d1 link set lan0 up" 6105 -

ha_stop
tap_exit
