#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The connection sync daemons' commands (--start-daemon, --stop-daemon,
# -L --daemon and their options) of ipvsadm-lite against the stock
# ipvsadm's, on one kernel implementation of the IPVS family at a time,
# in a namespace with a dummy eth0 (ipvsadm's default interface), a veth
# pair and a dummy of the longest name an interface may have, each with an
# IPv4 address (a master sends from it):
#
#   - sets of daemons (a master, a backup, or both, with their options)
#     started by the stock ipvsadm are listed the same by both tools
#     (-L --daemon, -Ln --daemon); started by ipvsadm-lite, the stock
#     ipvsadm lists them as when it started them itself (so ipvsadm-lite
#     sent what ipvsadm sends); stopped by ipvsadm-lite, none is left;
#   - one stream of commands (starting twice, stopping what is not
#     running, an unknown interface, each illegal argument, options out of
#     place, a -R of daemon commands) runs from no daemon through each
#     tool in turn, and every step's stdout, stderr and exit status must
#     be the stock ipvsadm's (ipvsadm-lite's name, and its "kernel
#     reports:" lines, taken out);
#   - -L --daemon --json parses (tests/json_check) and carries the values.
#
# Today on the kernel's ip_vs (ipvsadm-lite --family IPVS); IPv6 groups
# only if ip_vs takes them.
. ./tests/lib.sh

out=/tmp/daemon
json_check=$PWD/build/tests/json_check

in_ns() { ip netns exec "$ns" "$@"; }

# words WORDS CMD...: CMD in the namespace with the shell words of the
# string WORDS after its own arguments (so that '' and ' 5' get through).
words() {
	_w=$1
	shift
	eval "set -- \"\$@\" $_w"
	in_ns "$@"
}

# Both daemons stopped, whatever runs.
stop_all() {
	in_ns ipvsadm --stop-daemon master >/dev/null 2>&1
	in_ns ipvsadm --stop-daemon backup >/dev/null 2>&1
}

# ipvsadm-lite's bytes as ipvsadm's: its name, and without its extras.
as_ipvsadm() {
	sed -i -e 's/ipvsadm-lite/ipvsadm/g' -e '/^kernel reports: /d' "$@"
}

# Daemon sets, "MASTER OPTIONS | BACKUP OPTIONS", "-" for none started.
sets() {
	cat <<'EOS'
 | 
--syncid 7 | -
- | --syncid 200
--mcast-interface veth0 --syncid 7 --sync-maxlen 1000 --mcast-group 239.1.2.3 --mcast-port 9000 --mcast-ttl 5 | --mcast-interface veth0 --syncid 255 --sync-maxlen 65507 --mcast-group 239.1.2.3 --mcast-port 65535 --mcast-ttl 255
--sync-maxlen 1 --mcast-port 1 --mcast-ttl 1 --syncid 0 | --sync-maxlen 1 --mcast-port 1 --mcast-ttl 1 --syncid 0
--mcast-group 224.0.0.0 --syncid 010 | --mcast-group 239.255.255.255 --mcast-port 08848
--mcast-interface abcdefghijklmnopqrs | --mcast-interface lo
--mcast-interface '' --syncid ' 5' | --mcast-interface veth0 --sync-maxlen 9000
--mcast-group ff02::1:2 | --mcast-group ff05::1:2 --mcast-interface veth0
--mcast-interface veth0 --mcast-group ff02::1:3 --mcast-ttl 3 --sync-maxlen 1200 | --mcast-group 239.1.1.1
EOS
}

# The stream: one command per line, its arguments as shell words.
steps() {
	cat <<'EOC'
-L --daemon
--stop-daemon master
--stop-daemon backup
--start-daemon master
--start-daemon master
--start-daemon master --syncid 9
-L --daemon
--start-daemon backup --syncid 9 --mcast-interface veth0
--start-daemon backup
-Ln --daemon
--stop-daemon backup --syncid 3
--stop-daemon backup
--stop-daemon master
--stop-daemon master
-L --daemon
--start-daemon master --mcast-interface nosuchif
--start-daemon backup --mcast-interface nosuchif
--start-daemon master --mcast-interface averyveryverylongname
--start-daemon master --mcast-interface ''
-L --daemon
--stop-daemon master
--start-daemon
--stop-daemon
--start-daemon foo
--start-daemon Master
--start-daemon ''
--stop-daemon foo
--stop-daemon ''
--start-daemon master --syncid 256
--start-daemon master --syncid -1
--start-daemon master --syncid x
--start-daemon master --syncid ''
--start-daemon master --syncid 0x10
--start-daemon master --syncid '5 '
--start-daemon master --sync-maxlen 0
--start-daemon master --sync-maxlen 65508
--start-daemon master --sync-maxlen x
--start-daemon master --mcast-port 0
--start-daemon master --mcast-port 65536
--start-daemon master --mcast-port x
--start-daemon master --mcast-ttl 0
--start-daemon master --mcast-ttl 256
--start-daemon master --mcast-ttl x
--start-daemon master --mcast-group 10.1.1.1
--start-daemon master --mcast-group 224.1
--start-daemon master --mcast-group 255.255.255.255
--start-daemon master --mcast-group ' 224.0.0.1'
--start-daemon master --mcast-group localhost
--start-daemon master --mcast-group 2001:db8::1
--start-daemon master --mcast-group ff02::zz
--start-daemon master --mcast-group '[ff02::1]'
--start-daemon master --mcast-group ff02::1%veth0
--start-daemon master --mcast-group ::ffff:224.0.0.1
--start-daemon master --mcast-ttl
--start-daemon master --mcast-group
--start-daemon master --syncid 1 --syncid 2
--start-daemon master --mcast-interface veth0 --mcast-interface veth0
--start-daemon master -n
--start-daemon master -t 10.0.0.1:80
--start-daemon master --daemon
--start-daemon master --timeout
--start-daemon master extra
--start-daemon master --start-daemon backup
--start-daemon master --stop-daemon master
--start-daemon master -L
--start-daemon foo --syncid 300
--start-daemon master --syncid 300 --mcast-port 0
--start-daemon=master --syncid=
--stop-daemon master --mcast-interface veth0
--stop-daemon master --mcast-group 224.0.0.81
--stop-daemon master --mcast-port 1
--stop-daemon master --mcast-ttl 1
--stop-daemon master --sync-maxlen 1
--stop-daemon master --syncid 300
--stop-daemon master --mcast-port 0
--stop-daemon master -n
--stop-daemon master extra
--stop-daemon master -L
-L --daemon --syncid 3
-L --daemon --mcast-interface veth0
-L --daemon --mcast-group 224.0.0.81
-L --daemon --sync-maxlen 1
-L --daemon -c
-L --daemon --timeout
-L --daemon --stats
-L --daemon --rate
-L --daemon --persistent-conn
-L --daemon -t 10.0.0.1:80
-L --daemon --exact
-L --daemon --nosort
-L --daemon --daemon
-L --daemon=1
-L --daemon x
-L --start-daemon master
-L -n --stop-daemon backup
-A -t 10.0.0.1:80 --syncid 5
-S --mcast-port 3
--set 1 2 3 --syncid 1
--start-daemon=backup --syncid=3 --mcast-interface=veth0
--start-daemon master --mcast-group=ff02::1:2 --mcast-interface=veth0
-L --daemon
--stop-daemon=backup
--stop-daemon master
-R
-L --daemon
EOC
}

# -R's input: daemon commands that all succeed (ipvsadm -R goes on past
# a failure, ipvsadm-lite -R stops there and says which line).
restore_input() {
	cat <<'EOR'
--start-daemon master --syncid 4
--start-daemon backup --mcast-interface veth0 --mcast-port 9999
-L --daemon
--stop-daemon master
-L --daemon
--stop-daemon backup
EOR
}

# run_stream DIR CMD...: every step through CMD, one numbered result each.
run_stream() {
	_dir=$1
	shift
	mkdir -p "$_dir"
	stop_all
	_n=0
	while read -r _args; do
		_n=$((_n + 1))
		if [ "$_args" = -R ]; then
			in_ns "$@" -R <$out/restore
		else
			words "$_args" "$@"
		fi >"$_dir/$_n.out" 2>"$_dir/$_n.err" </dev/null
		echo $? >"$_dir/$_n.rc"
	done <$out/steps
	stop_all
}

# has_v6 SET: does the set ask for an IPv6 group?
has_v6() { case $1 in *ff0[0-9a-f]::*) return 0 ;; esac; return 1; }

# start_set TOOL... (with $master and $backup): the set's daemons.
start_set() {
	[ "$master" = - ] || words "$master" "$@" --start-daemon master ||
		return 1
	[ "$backup" = - ] || words "$backup" "$@" --start-daemon backup
}

stop_set() {
	[ "$master" = - ] || in_ns "$@" --stop-daemon master || return 1
	[ "$backup" = - ] || in_ns "$@" --stop-daemon backup
}

# list DIR NAME TOOL...: -L --daemon and -Ln --daemon into DIR/NAME.
list() {
	_f=$1/$2
	shift 2
	{ in_ns "$@" -L --daemon; echo "rc $?"; in_ns "$@" -Ln --daemon;
	  echo "rc $?"; } >"$_f" 2>&1
}

# check_sets TAG LITE...: the sets, each started by ipvsadm and by LITE.
check_sets() {
	_tag=$1
	shift
	_d=$out/$_tag/sets
	mkdir -p "$_d"
	_i=0
	while IFS='|' read -r master backup; do
		_i=$((_i + 1))
		master=$(echo "$master" | sed 's/^ *//; s/ *$//')
		backup=$(echo "$backup" | sed 's/^ *//; s/ *$//')
		_what="$_tag: set $_i [${master:-defaults} | ${backup:-defaults}]"
		if ! $v6 && has_v6 "$master$backup"; then
			skip "$_what: listed the same by both tools (no IPv6 group here)"
			skip "$_what: started by ipvsadm-lite as by ipvsadm"
			skip "$_what: stopped by ipvsadm-lite"
			continue
		fi
		stop_all
		if ! start_set ipvsadm 2>"$_d/$_i.start.err"; then
			sed 's/^/# /' "$_d/$_i.start.err"
			not_ok "$_what: ipvsadm starts the set"
			skip "$_what: started by ipvsadm-lite as by ipvsadm"
			skip "$_what: stopped by ipvsadm-lite"
			continue
		fi
		list "$_d" "$_i.ref" ipvsadm
		list "$_d" "$_i.lite" "$@"
		as_ipvsadm "$_d/$_i.lite"
		# A line per daemon started, in each of the two listings.
		_want=0
		[ "$master" = - ] || _want=$((_want + 2))
		[ "$backup" = - ] || _want=$((_want + 2))
		if [ "$(grep -c ' sync daemon (' "$_d/$_i.ref")" = $_want ] &&
		   same "$_d/$_i.ref" "$_d/$_i.lite"; then
			ok "$_what: listed the same by both tools"
		else
			sed 's/^/# ipvsadm: /' "$_d/$_i.ref"
			not_ok "$_what: listed the same by both tools"
		fi
		stop_all
		if start_set "$@" 2>"$_d/$_i.lstart.err"; then
			list "$_d" "$_i.started" ipvsadm
			check "$_what: started by ipvsadm-lite as by ipvsadm" \
				same "$_d/$_i.ref" "$_d/$_i.started"
		else
			sed 's/^/# /' "$_d/$_i.lstart.err"
			not_ok "$_what: started by ipvsadm-lite as by ipvsadm"
		fi
		if stop_set "$@" 2>"$_d/$_i.stop.err" &&
		   [ -z "$(in_ns ipvsadm -L --daemon)" ]; then
			ok "$_what: stopped by ipvsadm-lite"
		else
			sed 's/^/# /' "$_d/$_i.stop.err"
			not_ok "$_what: stopped by ipvsadm-lite"
		fi
		stop_all
	done <$out/sets
}

# check_stream TAG LITE...: the stream through ipvsadm, then LITE.
check_stream() {
	_tag=$1
	shift
	run_stream "$out/$_tag/ref" ipvsadm
	run_stream "$out/$_tag/lite" "$@"
	as_ipvsadm "$out/$_tag/lite"/*.out "$out/$_tag/lite"/*.err
	_i=0
	while read -r _args; do
		_i=$((_i + 1))
		if same "$out/$_tag/ref/$_i.out" "$out/$_tag/lite/$_i.out" &&
		   same "$out/$_tag/ref/$_i.err" "$out/$_tag/lite/$_i.err" &&
		   same "$out/$_tag/ref/$_i.rc" "$out/$_tag/lite/$_i.rc"; then
			ok "$_tag: $_args"
		else
			not_ok "$_tag: $_args"
		fi
	done <$out/steps
}

# check_json TAG LITE...: -L --daemon --json, with daemons and without.
check_json() {
	_tag=$1
	shift
	_j=$out/$_tag/daemons.json
	_group6=ff05::1:2
	$v6 || _group6=239.1.2.4
	stop_all
	in_ns ipvsadm --start-daemon master --mcast-interface veth0 \
		--syncid 7 --sync-maxlen 1000 --mcast-group 239.1.2.3 \
		--mcast-port 9000 --mcast-ttl 5
	in_ns ipvsadm --start-daemon backup --mcast-interface veth0 \
		--syncid 200 --sync-maxlen 1400 --mcast-group $_group6 \
		--mcast-port 9001 --mcast-ttl 2
	in_ns "$@" -L --daemon --json >"$_j"
	check "$_tag: -L --daemon --json is JSON" sh -c "$json_check <$_j"
	printf '%s%s%s\n' \
		'[{"state":"master","mcast_ifn":"veth0","syncid":7,"maxlen":1000,"group":"239.1.2.3","port":9000,"ttl":5},' \
		'{"state":"backup","mcast_ifn":"veth0","syncid":200,"maxlen":1400,' \
		"\"group\":\"$_group6\",\"port\":9001,\"ttl\":2}]" >"$_j.want"
	check "$_tag: -L --daemon --json carries both daemons' values" \
		same "$_j.want" "$_j"
	stop_all
	echo '[]' >"$_j.want"
	in_ns "$@" -L --daemon --json >"$_j"
	check "$_tag: -L --daemon --json without daemons: []" \
		same "$_j.want" "$_j"
}

# daemon_checks TAG LITE...: every comparison above, with the stock
# ipvsadm and ipvsadm-lite run as LITE... on the implementation of the
# IPVS family loaded now.  Its results stay in $out/TAG (the stock
# ipvsadm's stream in $out/TAG/ref), for passes to compare across
# implementations.
daemon_checks() {
	check_sets "$@"
	check_stream "$@"
	check_json "$@"
}

rm -rf $out
mkdir -p $out
sets >$out/sets
steps >$out/steps
restore_input >$out/restore
# Per pass: three lines per set, one per step, three JSON lines.
per_pass=$((3 * $(wc -l <$out/sets) + $(wc -l <$out/steps) + 3))

unload_ipvs_lite
unload_ip_vs
modprobe ip_vs || exit $KSFT_SKIP
trap cleanup_all_ns EXIT
setup_ns ns || exit $KSFT_FAIL
ip -n "$ns" link add eth0 type dummy &&
	ip -n "$ns" link add abcdefghijklmno type dummy &&
	ip -n "$ns" link add veth0 type veth peer name veth1 &&
	for dev in eth0 abcdefghijklmno veth0 veth1; do
		ip -n "$ns" link set "$dev" up || exit $KSFT_FAIL
	done &&
	ip -n "$ns" addr add 10.9.9.1/24 dev eth0 &&
	ip -n "$ns" addr add 10.7.7.1/24 dev abcdefghijklmno &&
	ip -n "$ns" addr add 10.8.8.1/24 dev veth0 &&
	ip -n "$ns" addr add 2001:db8:8::1/64 dev veth0 nodad ||
	exit $KSFT_FAIL

# Does ip_vs take an IPv6 group (older kernels do not)?
v6=false
if in_ns ipvsadm --start-daemon master --mcast-group ff02::1:2 2>/dev/null
then
	v6=true
	in_ns ipvsadm --stop-daemon master
fi

tap_plan $((2 * per_pass + 1))
daemon_checks ip_vs ipvsadm-lite --family IPVS
stop_all
unload_ip_vs

# ---- ipvs-lite, in compat mode: the stock ipvsadm on it as on ip_vs ----
load_ipvs_lite compat_ipvs=1 || exit $KSFT_FAIL
daemon_checks ipvs-lite ipvsadm-lite --family IPVS
stop_all
# What the stock ipvsadm saw, step by step and set by set, on both.
cross=0
for f in $out/ip_vs/ref/*.out $out/ip_vs/ref/*.err $out/ip_vs/ref/*.rc \
	 $out/ip_vs/sets/*.ref; do
	g=$out/ipvs-lite/${f#$out/ip_vs/}
	same "$f" "$g" || cross=$((cross + 1))
done
check "the stock ipvsadm prints, says and exits the same on ip_vs and on ipvs-lite, every step and set" \
	[ "$cross" -eq 0 ]
unload_ipvs_lite

tap_exit
