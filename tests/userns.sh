#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A director in an unprivileged user's namespace (allow_userns=1), whose
# creator sits in a memory cgroup with a small memory.max: a UDP flood
# from as many sources as it takes pins one connection per datagram until
# the cgroup is full; then new connections are refused and counted as
# nomem, the cgroup never goes past its limit, and the host's own director
# (the initial namespace's service, NAT to a real server) goes on serving
# byte for byte and makes every connection it is sent.  Deleting the
# tenant's namespace gives its memory back.
#
#   client 10.7.1.2 (ns c) -- 10.7.1.1 VIP 10.7.1.100   (the initial netns,
#                              10.7.2.1 -- 10.7.2.11     the host's director;
#                                          real server (ns rs), NAT)
#   flooder (ns f) 10.7.3.2 -- 10.7.3.1 VIP 10.7.3.100   (the tenant's netns,
#                              DR to 10.7.4.11 on a dummy, made by
#                              `unshare -Urn` in cgroup "tenant")
#
# usage: tests/userns.sh [DATAGRAMS]   (default 30000; 12000 on the
#                                       debug kernel, whose KASAN makes
#                                       each entry dearer)
. ./tests/lib.sh

LOADGEN=/repo/build/tests/loadgen
FLOWS=/repo/build/tests/flows
CG=/sys/fs/cgroup
# What the tenant may use beyond what it holds when the flood starts.
ROOM_KIB=2048

N=${1:-30000}
[ $# -gt 0 ] || [ ! -e /sys/kernel/debug/kmemleak ] || N=12000

tenant=
cleanup() {
	[ -z "$tenant" ] || kill "$tenant" 2>/dev/null
	cleanup_all_ns
	[ ! -d "$CG/tenant" ] || rmdir "$CG/tenant" 2>/dev/null
	unload_ipvs_lite
}
trap cleanup EXIT

mkdir -p "$CG"
grep -q " $CG cgroup2 " /proc/mounts || mount -t cgroup2 none "$CG" ||
	{ echo "# no cgroup2"; exit $KSFT_SKIP; }
grep -qw memory "$CG/cgroup.controllers" ||
	{ echo "# no memory controller"; exit $KSFT_SKIP; }
echo +memory >"$CG/cgroup.subtree_control" || exit $KSFT_FAIL

tap_plan 10
load_ipvs_lite || exit $KSFT_FAIL
echo 1 >/sys/module/ipvs_lite/parameters/allow_userns

# The host's director, in the initial namespace.
setup_ns c rs f || exit $KSFT_FAIL
ip link add h-c type veth peer name eth0 netns "$c"
ip link add h-rs type veth peer name eth0 netns "$rs"
ip link set h-c up
ip link set h-rs up
ip addr add 10.7.1.1/24 dev h-c
ip addr add 10.7.1.100/24 dev h-c
ip addr add 10.7.2.1/24 dev h-rs
echo 1 >/proc/sys/net/ipv4/ip_forward
ip -n "$c" addr add 10.7.1.2/24 dev eth0
ip -n "$c" link set eth0 up
ip -n "$rs" addr add 10.7.2.11/24 dev eth0
ip -n "$rs" link set eth0 up
ip -n "$rs" route add default via 10.7.2.1
ip netns exec "$rs" "$LOADGEN" serve 80 &
ipvsadm-lite -A -t 10.7.1.100:80 -s rr
ipvsadm-lite -a -t 10.7.1.100:80 -r 10.7.2.11:80 -m
ipvsadm-lite -A -u 10.7.1.100:53 -s rr
ipvsadm-lite -a -u 10.7.1.100:53 -r 10.7.2.11:53 -m

# served: the host's director carries short TCP connections, each
# answer compared byte for byte.
served() {
	ip netns exec "$c" "$LOADGEN" tcp 10.7.1.100 80 1 4 >/tmp/served &&
		grep -q ' errors 0 ' /tmp/served
}
listening() { ip netns exec "$rs" ss -ltn | grep -q ':80 '; }
within 20 listening
check "the host's director serves before the flood" served

# The tenant: a user namespace and its netns, made in the cgroup; it
# waits for the fifo to be written.
mkdir "$CG/tenant"
mkfifo /tmp/tenant.go
sh -c "echo \$\$ >$CG/tenant/cgroup.procs &&
       exec unshare -Urn sh -c 'read x </tmp/tenant.go'" &
tenant=$!
# The tenant's process is the one in the new netns.
in_netns() { [ "$(readlink /proc/$tenant/ns/net)" != "$(readlink /proc/self/ns/net)" ]; }
within 20 in_netns || exit $KSFT_FAIL
tnet() { nsenter -t "$tenant" -n "$@"; }
# As the tenant: its user namespace's root, no more.
tadm() { nsenter -t "$tenant" -U -n ipvsadm-lite "$@"; }
ip link add f0 netns "$f" type veth peer name eth0 netns "/proc/$tenant/ns/net"
ip -n "$f" addr add 10.7.3.2/24 dev f0
ip -n "$f" link set f0 up
ip -n "$f" route add default via 10.7.3.1
tnet ip link set lo up
tnet ip link set eth0 up
tnet ip addr add 10.7.3.1/24 dev eth0
tnet ip addr add 10.7.3.100/24 dev eth0
tnet ip link add rs0 type dummy
tnet ip link set rs0 up
tnet ip addr add 10.7.4.1/24 dev rs0

tenant_config() {
	tadm -A -u 10.7.3.100:53 -s rr &&
		tadm -a -u 10.7.3.100:53 -r 10.7.4.11 -g
}
check "the tenant configures its own namespace" tenant_config
tstat() { tnet ipvsadm-lite --status | awk -v k="$1" '$1 == k { print $2 }'; }
tconns() { tnet ipvsadm-lite --status | awk '/^Connections:/ { print $2 }'; }

# Room for ROOM_KIB more, from what the tenant holds now.
base=$(cat "$CG/tenant/memory.current")
echo $((base + ROOM_KIB * 1024)) >"$CG/tenant/memory.max"
max=$(cat "$CG/tenant/memory.max")
nomem0=$(tstat nomem)

t0=$(date +%s)
ip netns exec "$f" "$FLOWS" -p udp -n "$N" -s 172.16.0.1 10.7.3.100 53
sent=$?
# Every datagram is a connection or a refusal once the director has
# taken it off its backlog.
counted() {
	conns=$(tconns)
	nomem=$(($(tstat nomem) - nomem0))
	[ $((conns + nomem)) -ge "$N" ]
}
within 60 counted
echo "# flood: $N datagrams in $(($(date +%s) - t0)) s: $conns connections," \
	"$nomem nomem; cgroup at $(cat "$CG/tenant/memory.current") of $max" \
	"(base $base), peak $(cat "$CG/tenant/memory.peak")"
check "the flood was sent and every datagram counted" \
	[ "$sent" -eq 0 ] && [ $((conns + nomem)) -eq "$N" ]
check "the tenant's table stopped short: connections refused as nomem" \
	[ "$nomem" -gt 0 ] && [ "$conns" -lt "$N" ] && [ "$conns" -gt 0 ]
# memory.peak exists from 5.19.  The flood filled the cgroup (to within
# a charge batch, 64 pages), and a forced charge would take it past max.
peak=$(cat "$CG/tenant/memory.peak")
check "the tenant's connections filled its cgroup" \
	[ "$peak" -ge $((max - 256 * 1024)) ]
check "and never took it past memory.max" [ "$peak" -le "$max" ]

check "the host's director still serves" served
# And makes connections as before: 2000 datagrams, 2000 entries.
hn0=$(ipvsadm-lite --status | awk '$1 == "nomem" { print $2 }')
ip netns exec "$c" "$FLOWS" -p udp -n 2000 -s 172.20.0.1 10.7.1.100 53
host_counted() {
	[ "$(ipvsadm-lite -Lnc | grep -c '^UDP .*172\.20\.')" -ge 2000 ]
}
check "the host's director makes all of 2000 new connections" \
	within 30 host_counted
check "none of them refused for memory" \
	[ "$(ipvsadm-lite --status | awk '$1 == "nomem" { print $2 }')" -eq "$hn0" ]

# The tenant leaves: its namespace and its connections go, and so does
# what they cost its cgroup.
echo go >/tmp/tenant.go
wait "$tenant"
tenant=
freed() { [ "$(cat "$CG/tenant/memory.current")" -lt $((base + ROOM_KIB * 256)) ]; }
check "the tenant's memory is given back when its namespace goes" within 60 freed
echo "# after: cgroup at $(cat "$CG/tenant/memory.current") (base $base)"
tap_exit
