#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipvsadm-lite and ipvs-lite against the real thing.  One command stream
# (a few dozen services and hundreds of real servers through -R, then
# edits, deletions, errors of every kind and every listing format) runs,
# from an empty table each time, as:
#
#   ref     the stock ipvsadm     -> the kernel's ip_vs       (the oracle)
#   fam     ipvsadm-lite --family IPVS -> the kernel's ip_vs
#   compat  the stock ipvsadm     -> ipvs_lite compat_ipvs=1
#   cli     ipvsadm-lite          -> ipvs_lite
#
# and every step's stdout, stderr and exit status must be the bytes of the
# ref pass.  (--nosort is not in the stream: it prints the kernel's own
# order, which is the order of ip_vs's hash buckets.)  ipvsadm-lite names itself in messages, and adds the kernel's
# extack text after ipvsadm's words ("kernel reports: ..."): both are
# taken out before comparing, and the extack lines are checked on their
# own.
#
# IPv6 services by address and by firewall mark, with DR, NAT and TUN
# real servers, and tunnels across the families, are in the stream.
. ./tests/lib.sh

# The bulk, fed to one -R (one process: forks are dear on the debug kernel).
bulk() {
	for s in $(seq 1 24); do
		echo "-A -t 10.1.0.$s:80 -s rr"
		for r in $(seq 1 10); do
			echo "-a -t 10.1.0.$s:80 -r 10.2.$s.$r:8080 -m -w $r"
		done
	done
	for s in $(seq 1 12); do
		echo "-A -u 10.1.1.$s:53 -s wlc -p 600 -M 255.255.255.0"
		for r in $(seq 1 10); do
			echo "-a -u 10.1.1.$s:53 -r 10.3.$s.$r -g -w 2"
		done
	done
}

# Then one command per step.
steps() {
	echo "-R"
	cat <<'EOC'
-A -f 7 -s rr
-a -f 7 -r 10.4.0.1:0 -m
-A -t 10.1.2.1:0 -s rr -p
-A -t 10.1.2.2:22 -s rr -p 1 -M 255.255.0.0
-A -u 10.1.2.3:53 -s sh -o -b flag-1,flag-2
-A -t 10.1.2.4:22 -s wlc -x
-a -t 10.1.0.1:80 -r 10.2.1.1:8080 -m
-A -t 10.1.0.1:80 -s rr
-A -t 10.1.9.9:80 -s nosuchsched
-e -t 10.1.0.2:80 -r 10.2.2.2:8080 -g -w 0
-e -t 10.1.0.2:80 -r 10.2.2.3:8080 -m -w 5 -x 100 -y 50
-e -t 10.1.0.2:80 -r 10.2.2.99:8080 -m
-e -t 10.1.0.99:80 -r 10.2.2.3:8080 -m
-d -t 10.1.0.3:80 -r 10.2.3.1:8080
-d -t 10.1.0.3:80 -r 10.2.3.1:8080
-E -t 10.1.0.4:80 -s wlc
-E -t 10.1.1.1:53 -s rr
-E -t 10.1.9.9:80 -s rr
-D -t 10.1.0.5:80
-D -t 10.1.0.5:80
-a -t 10.1.0.6:80 -r 10.2.6.100:8080 -m -x 10 -y 20
-a -t 10.1.0.6:80 -r 224.0.0.1:8080 -m
-a -t 10.1.0.6:80 -r 10.2.6.101:8080 -m -w 65535
-a -t 10.1.0.6:80 -r 10.2.6.102:8080 -m -w 65536
-a -t 10.1.0.6:80 -r 10.2.6.109:8080 -m -w 2147483648
-a -t 10.1.0.6:80 -r 10.2.6.103:8080 -m -w -1
-a -t 10.1.0.6:80 -r 10.2.6.104
-a -t 10.1.0.6:80 -r 10.2.6.105:8080 --tun-port 5
-a -t 10.1.0.6:80 -r 10.2.6.106:8080 -i --tun-type gue
-a -t 10.1.0.6:80 -r 10.2.6.107:8080 -i --tun-type gre --tun-port 5
-a -t 10.1.0.6:80 -r 10.2.6.108:8080 -i --tun-type bogus
-a -t 10.1.0.6:80 -r 10.2.6.110:8080 -i --tun-type gue --tun-port 6080
-a -t 10.1.0.6:80 -r 10.2.6.111:8080 -i --tun-type gue --tun-port 6081 --tun-csum
-a -t 10.1.0.6:80 -r 10.2.6.112:8080 -i --tun-type gue --tun-port 6082 --tun-remcsum
-a -t 10.1.0.6:80 -r 10.2.6.113:8080 -i --tun-type gre
-a -t 10.1.0.6:80 -r 10.2.6.114:8080 -i --tun-type gre --tun-csum
-a -t 10.1.0.6:80 -r 10.2.6.115:8080 -i --tun-type gre --tun-remcsum
-a -t 10.1.0.6:80 -r 10.2.6.116:8080 -i --tun-type gue --tun-port 6080 --tun-csum --tun-remcsum
-a -t 10.1.0.6:80 -r 10.2.6.117:8080 -i --tun-type gue --tun-port 0
-a -t 10.1.0.6:80 -r 10.2.6.118:8080 -i --tun-type gue --tun-port 65536
-a -t 10.1.0.6:80 -r 10.2.6.119:8080 -m --tun-type gre
-a -t 10.1.0.6:80 -r 10.2.6.119:8080 -i --tun-type ipip --tun-nocsum
-e -t 10.1.0.6:80 -r 10.2.6.113:8080 -i --tun-type gue --tun-port 6083
-e -t 10.1.0.6:80 -r 10.2.6.110:8080 -i
-e -t 10.1.0.6:80 -r 10.2.6.111:8080 -i --tun-type gre --tun-port 6081
-L -n -t 10.1.0.6:80 --tun-info
-a -t 10.1.0.6:80 -r [2001:db8::20]:8080 -m
-A -t 10.1.2.5:80 -s wlc -b sh-port
-A -t 10.1.2.6:80 -s rr -b bogus
-A -t 10.1.2.7:80 -o
-A -t 10.1.2.8 -s rr
-A -t 10.1.2.9:80 -s
-A -t 10.1.2.10:80 -w 3
-A -f 0
-A -t nosuchhost:80
-A -t 10.1.2.11:notaport
-A -t 10.1.2.12:80 -t 10.1.2.13:80
-A -t 10.1.2.14:80 -p 0
-A -t 10.1.2.15:80 -p 2678401
-A -t [2001:db8::2]:80 -p 60 -M 129
-A -t 10.1.2.16:80 -M 255.255.255.0
-A -t 10.1.2.17:80 -s=rr
-A -t 10.1.2.18:80 -p=60
-A -t 10.1.2.19:80 --scheduler= rr
-A -t 10.1.2.20:80 --persistent=
-A -t [2001:db8::1]:443 -s wlc
-a -t [2001:db8::1]:443 -r [2001:db8:1::11]:8443 -m -w 3
-a -t [2001:db8::1]:443 -r [2001:db8:1::12]:8443 -m -x 50 -y 10
-a -t [2001:db8::1]:443 -r [fe80::1]:443 -g
-a -t [2001:db8::1]:443 -r [ff02::1]:443 -g
-A -u [2001:db8::2]:53 -s sh -p 300 -M 64
-a -u [2001:db8::2]:53 -r [2001:db8:2::11]:53 -g
-a -u [2001:db8::2]:53 -r [2001:db8:2::12]:53 -g -w 4
-A -f 8 -6 -s rr -p 60 -M 128
-a -f 8 -6 -r [2001:db8:3::1]:80 -g -w 2
-e -t [2001:db8::1]:443 -r [2001:db8:1::12]:8443 -m -w 7
-a -t [2001:db8::1]:443 -r [2001:db8:1::13]:8443 -i
-a -t [2001:db8::1]:443 -r [2001:db8:1::14]:8443 -i --tun-type gue --tun-port 6080 --tun-csum
-a -t [2001:db8::1]:443 -r [2001:db8:1::15]:8443 -i --tun-type gre --tun-csum
-a -t [2001:db8::1]:443 -r 10.2.9.1:8443 -i --tun-type gue --tun-port 6081 --tun-remcsum
-a -t [2001:db8::1]:443 -r 10.2.9.2:8443 -g
-a -t 10.1.0.6:80 -r [2001:db8::21]:8080 -i --tun-type gre
-d -u [2001:db8::2]:53 -r [2001:db8:2::99]:53
-d -u [2001:db8::2]:53 -r [2001:db8:2::12]:53
-E -u [2001:db8::2]:53 -s rr -p 600 -M 48
-Z -t 10.1.0.6:80
-Z -t 10.1.9.9:80
-Z
-L -c --stats
-L --timeout --persistent-conn
-L -t 10.1.0.1:80 --timeout
-Lq
-L --bogus=1
-L --timeout=3
-L -n=1
-L -L
--bogus
-n -L
-L --timeout
--set 100 20 30
-L --timeout
--set 0 0 45
-l --timeout
--set 1 2
--set 1 2 3 4
--set x 1 1
--set -1 1 1
--set 2678401 1 1
--set 1 1 1 -n
(GET_CONFIG refused) -L --timeout
-L --timeout --timeout
-L --timeout 5
-Ln
-L -n --stats
-L -n --rate
-L -n --thresholds
-L -n --persistent-conn
-L -n --exact --stats
-L -n --tun-info
-L -n -t 10.1.0.2:80
-L -n -t 10.1.9.9:80
-L -n -u 10.1.1.1:53
-L -n -f 7
-L -n -t [2001:db8::1]:443
-L -n -f 8 -6
-L -n -u [2001:db8::2]:53 --stats
-L -n -t [2001:db8::9]:443
-S -n
-Lnc
-C
-Ln
EOC
}

# A step after $refused runs with the kernel's answer to GET_CONFIG turned
# into a refusal (EPERM, with a reason) by tests/failnl.c.
refused="(GET_CONFIG refused)"

# run_pass NAME TOOL...: every step, one numbered result each.
run_pass() {
	dir=/tmp/$1
	shift
	mkdir -p "$dir"
	n=0
	while read -r args; do
		n=$((n + 1))
		case $args in
		-R)
			"$@" -R </tmp/bulk ;;
		"$refused "*)
			# shellcheck disable=SC2086
			IPVL_FAIL_REPLY=SET_CONFIG IPVL_FAIL_MSG="failnl.so refused it" \
			LD_PRELOAD=$PWD/build/tests/failnl.so "$@" ${args#"$refused "} ;;
		*)
			# shellcheck disable=SC2086
			"$@" $args ;;
		esac >"$dir/$n.out" 2>"$dir/$n.err"
		echo $? >"$dir/$n.rc"
	done </tmp/steps
	# What ipvsadm-lite adds to ipvsadm's words, kept aside; then its
	# name taken out.  Once a pass: forks are dear on the debug kernel.
	grep -h '^kernel reports: ' "$dir"/*.err >"$dir/extack"
	sed -i -e 's/ipvsadm-lite/ipvsadm/g' -e '/^kernel reports: /d' \
		"$dir"/*.out "$dir"/*.err
}

# digest DIR: every result of a pass, file by file, as one checksum.
digest() {
	(cd "$1" && tail -n +1 ./*.out ./*.err ./*.rc) | md5sum
}

bulk >/tmp/bulk
steps >/tmp/steps

unload_ip_vs
unload_ipvs_lite
modprobe ip_vs || exit $KSFT_SKIP
run_pass ref ipvsadm
unload_ip_vs
modprobe ip_vs
run_pass fam ipvsadm-lite --family IPVS
unload_ip_vs
load_ipvs_lite compat_ipvs=1 || exit $KSFT_FAIL
run_pass compat ipvsadm
unload_ipvs_lite
load_ipvs_lite || exit $KSFT_FAIL
run_pass cli ipvsadm-lite
unload_ipvs_lite

total=$(wc -l </tmp/steps)
tap_plan $((3 * total + 2))
ref=$(digest /tmp/ref)
for pass in fam compat cli; do
	# A pass like the oracle's in every file passes each step; only one
	# that differs is compared step by step, and its differences shown.
	whole=false
	[ "$(digest "/tmp/$pass")" = "$ref" ] && whole=true
	i=0
	while read -r args; do
		i=$((i + 1))
		if $whole || {
		   same "/tmp/ref/$i.out" "/tmp/$pass/$i.out" &&
		   same "/tmp/ref/$i.err" "/tmp/$pass/$i.err" &&
		   same "/tmp/ref/$i.rc" "/tmp/$pass/$i.rc"; }; then
			ok "$pass: $args"
		else
			not_ok "$pass: $args"
		fi
	done </tmp/steps
done
# failnl.so's refusal took: ipvsadm's list_timeout() exits 1 without a
# word, which the passes above matched.
i=$(grep -n -F "$refused" /tmp/steps | cut -d: -f1)
check "ref: $refused: ipvsadm exits 1 and says nothing" \
	sh -c "test \"\$(cat /tmp/ref/$i.rc)\" = 1 &&
	       test ! -s /tmp/ref/$i.out && test ! -s /tmp/ref/$i.err"
# The kernel's reasons reach the user of ipvsadm-lite on ipvs-lite.
check "cli: kernel refusals carry the kernel's reason" \
	grep -q 'kernel reports: ipvs_lite: service already exists' /tmp/cli/extack
tap_exit
