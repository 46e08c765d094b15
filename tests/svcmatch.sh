#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Which service a client's packet reaches, and a real server that is the
# director itself, as IPVS does them (tests/topo.sh, DR):
#   - a DR real server at one of the director's addresses (listed with
#     its method, as ip_vs lists it): its connections are served by the
#     director's own listener, beside a remote real server of the same
#     service; NAT to such an address is refused;
#   - a port without a service of its own reaches the address's port-0
#     service (persistent: the client keeps its server across ports);
#   - with a TCP service on port 21, a connection to an unprivileged port
#     (FTP data) reaches that service and keeps the server its port-21
#     connection had.
. ./tests/lib.sh
. ./tests/topo.sh

trap cleanup_all_ns EXIT
unload_ip_vs
load_ipvs_lite || exit $KSFT_FAIL
topo_setup || exit $KSFT_FAIL
topo_method g

lite() { ip netns exec "$d" ipvsadm-lite "$@"; }

# tcp_port PORT FILE: FILE to VIP:PORT from the client, the reply printed.
tcp_port() {
	tcp_client "$VIP":"$1",connect-timeout=$TCP_IDLE <"$2"
}
# served_by PORT NAME: a connection to VIP:PORT, answered by NAME whole.
served_by() {
	tcp_port "$1" /tmp/small >/tmp/r 2>/tmp/r.err &&
		reply_ok /tmp/r /tmp/small "$2" && return 0
	echo "# VIP:$1: $(wc -c </tmp/r) bytes from '$(head -1 /tmp/r)'," \
		"not $2: $(cat /tmp/r.err)"
	lite -Lnc | sed 's/^/# /'
	return 1
}
# listen NS NAME PORT: a TCP server on PORT that names itself and echoes.
listen() {
	ip netns exec "$1" socat -T $TCP_IDLE TCP-LISTEN:"$3",fork,reuseaddr \
		SYSTEM:"echo $2; cat" </dev/null >/dev/null 2>&1 &
}
listening() { ip netns exec "$1" ss -ltn | grep -q ":$2 "; }

dd if=/dev/urandom of=/tmp/small bs=1k count=16 2>/dev/null
tap_plan 11

# --- the director as a real server ------------------------------------------
listen "$d" dir 80
for p in 21 2121 8080; do
	listen "$rs1" rs1 "$p"
	listen "$rs2" rs2 "$p"
done
for p in 21 2121 8080; do
	busywait 5000 listening "$rs1" "$p" && busywait 5000 listening "$rs2" "$p"
done
busywait 5000 listening "$d" 80

lite -A -t "$VIP:80" -s rr
lite -a -t "$VIP:80" -r 127.0.0.1 -g
lite -a -t "$VIP:80" -r "$RS1_LAN" -g
local_listed() {
	lite -Ln | grep -qE '^  -> 127\.0\.0\.1:80 +Route +1 +0 +0 *$'
}
check "-r 127.0.0.1 -g is listed as Route, as ip_vs lists it" local_listed
# rr from the head of the list: the last added first.
four() {
	served_by 80 rs1 && served_by 80 dir && served_by 80 rs1 &&
		served_by 80 dir
}
check "four connections in rr order: rs1, the director, rs1, the director" four
lite -d -t "$VIP:80" -r 127.0.0.1
# NAT to it cannot be carried back (its replies leave by LOCAL_OUT).
nat_refused() {
	! lite -a -t "$VIP:80" -r 10.0.1.1 -m 2>/tmp/nat.err &&
		grep -q "kernel reports: ipvs_lite: NAT to one of the director's own addresses is not supported yet" /tmp/nat.err &&
		! lite -Ln | grep -q '10\.0\.1\.1:80'
}
check "NAT to the director's own LAN address is refused, with the reason" \
	nat_refused
lite -a -t "$VIP:80" -r 10.0.1.1 -g
# who: the name of the server that answered a connection to VIP:80.
who() {
	tcp_port 80 /tmp/small >/tmp/r &&
		tail -c +5 /tmp/r | cmp -s - /tmp/small && head -1 /tmp/r
}
lan_local() {
	lite -Ln | grep -qE '^  -> 10\.0\.1\.1:80 +Route ' &&
		[ "$( (who; who) | sort | tr '\n' ' ')" = "dir rs1 " ]
}
check "the director's LAN address (-g) serves in its turn too" \
	lan_local

# --- FTP: port 21's service takes the unprivileged ports ----------------------
# svc_conns PORT: the connections VIP:PORT's service has made.
svc_conns() {
	lite -Ln --stats | awk -v s="$VIP:$1" '$2 == s { print $3 }'
}
lite -A -t "$VIP:21" -s rr -p 60
lite -a -t "$VIP:21" -r "$RS1_LAN" -g
lite -a -t "$VIP:21" -r "$RS2_LAN" -g
check "VIP:21 is served by its own service" served_by 21 rs2
# Its template covers the client's other ports: the same server.
check "VIP:2121 (FTP data) reaches port 21's service and its server" \
	served_by 2121 rs2
check "... counted by port 21's service" [ "$(svc_conns 21)" -eq 2 ]

# --- port 0 -------------------------------------------------------------------
# Port 21's service, and its client's template, go.
lite -D -t "$VIP:21"
lite -A -t "$VIP:0" -s rr -p 60
lite -a -t "$VIP:0" -r "$RS1_LAN" -g
check "VIP:8080, no service of its own: the port-0 service's server" \
	served_by 8080 rs1
check "VIP:2121 too, now that no FTP service is there" served_by 2121 rs1
# VIP:80 is served by its own service's servers, and port 0's counts none.
own_service() {
	n=$(svc_conns 0)
	w=$(who)
	{ [ "$w" = dir ] || [ "$w" = rs1 ]; } && [ "$(svc_conns 0)" -eq "$n" ]
}
check "VIP:80 still reaches its own service" own_service
port0_template() {
	lite -Lnc | grep -qE "^TCP .* $CLIENT:0 +$VIP:0 +$RS1_LAN:0\$"
}
check "the port-0 service's template is the client's" port0_template

lite -C
tap_exit
