#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What ipvsadm-lite does beyond ipvsadm (tests/differential.sh holds it to
# ipvsadm's bytes): --json, a -R that stops at the first bad line and says
# which, --nosort listing the same entries, -h and -v without a module,
# the save/restore round trip, and the kernel's reasons for what it
# refuses (families, user namespaces) shown as they come.
. ./tests/lib.sh

tap_plan 19

check "-h works without the module" sh -c 'ipvsadm-lite -h | grep -q "^Usage:"'
check "-v works without the module" sh -c 'ipvsadm-lite -v | grep -q "^ipvsadm-lite v"'
check_fail "a command without the module fails" ipvsadm-lite -Ln

load_ipvs_lite || exit $KSFT_FAIL

cat >/tmp/config <<'EOC'
# a DR service with two real servers, as an LVS guide would
-A -t 192.168.10.100:80 -s rr
-a -t 192.168.10.100:80 -r 192.168.10.11 -g -w 1
-a -t 192.168.10.100:80 -r 192.168.10.12 -g -w 1
ipvsadm -A -u 192.168.10.100:53 -s wlc -p 120 -M 255.255.255.0
-a -u 192.168.10.100:53 -r 10.20.0.2:53 -m -w 5 -x 100 -y 10
-A -f 42 -s rr
-A -t 192.168.10.101:443 -s wlc
-a -t 192.168.10.101:443 -r 10.20.0.3:443 -m
EOC
check "-R reads comments and leading program names" \
	sh -c 'ipvsadm-lite -R </tmp/config'
check "the restored configuration lists 4 services" \
	sh -c 'test "$(ipvsadm-lite -Ln | grep -cE "^(TCP|UDP|FWM)")" = 4'

ipvsadm-lite -S -n >/tmp/saved
ipvsadm-lite -C
ipvsadm-lite -R </tmp/saved
ipvsadm-lite -S -n >/tmp/saved2
check "-S output restores to the same -S output" same /tmp/saved /tmp/saved2

ipvsadm-lite -L -n --json >/tmp/list.json
check "-L --json is JSON" sh -c './build/tests/json_check </tmp/list.json'
check "-L --json has the DR real servers" \
	sh -c 'grep -q "\"address\":\"192.168.10.11\",\"port\":80,\"forward\":\"Route\"" /tmp/list.json'
ipvsadm-lite -L --timeout --json >/tmp/timeout.json
check "-L --timeout --json is JSON" \
	sh -c './build/tests/json_check </tmp/timeout.json &&
	       grep -q "\"tcp\":900" /tmp/timeout.json'

ipvsadm-lite -Ln | sort >/tmp/sorted
ipvsadm-lite -Ln --nosort | sort >/tmp/unsorted
check "--nosort lists the same entries" same /tmp/sorted /tmp/unsorted

# A bad line stops -R: the lines before it stay, it and those after do not.
ipvsadm-lite -C
printf '%s\n' '-A -t 10.9.0.1:80 -s rr' '-a -t 10.9.0.1:80 -r 10.9.1.1 -w x' \
	'-A -t 10.9.0.2:80 -s rr' >/tmp/bad
ipvsadm-lite -R </tmp/bad 2>/tmp/bad.err
rc=$?
check "-R stops at a bad line with ipvsadm's status" test $rc = 2
check "-R names the bad line" \
	grep -qx 'line 2: illegal weight specified' /tmp/bad.err
check "-R applied the lines before it and none after" \
	sh -c 'ipvsadm-lite -Ln | grep -q "10.9.0.1:80" &&
	       ! ipvsadm-lite -Ln | grep -q "10.9.0.2:80"'
# A line the kernel refuses stops it too, with the kernel's reason.
printf '%s\n' '-A -t 10.9.0.1:80 -s rr' >/tmp/dup
check "-R stops at a refused line, with its number and the reason" \
	sh -c '! ipvsadm-lite -R </tmp/dup 2>/tmp/dup.err &&
	       grep -qx "line 1: Service already exists" /tmp/dup.err &&
	       grep -q "kernel reports: ipvs_lite: service already exists" /tmp/dup.err'

# A listing the kernel refuses after the family answered: tests/failnl.c
# turns the answer to GET_CONFIG into EPERM with a reason.  ipvsadm says
# nothing and exits 1 (differential.sh holds ipvsadm-lite to that); the
# kernel's reason is ipvsadm-lite's own, and so is -R's line, which says
# the error too.
refuse_timeouts() {
	IPVL_FAIL_REPLY=SET_CONFIG IPVL_FAIL_MSG="failnl.so refused it" \
	LD_PRELOAD=$PWD/build/tests/failnl.so "$@"
}
echo 'kernel reports: failnl.so refused it' >/tmp/refused.want
refuse_timeouts ipvsadm-lite -L --timeout >/tmp/refused.out 2>/tmp/refused.err
rc=$?
check "-L --timeout refused: status 1, nothing but the kernel's reason" \
	sh -c "test $rc = 1 && test ! -s /tmp/refused.out &&
	       cmp -s /tmp/refused.want /tmp/refused.err"
printf '%s\n' 'line 2: Permission denied (you must be root)' \
	'kernel reports: failnl.so refused it' >/tmp/refused-R.want
printf '%s\n' '-Z' '-L --timeout' '-C' |
	refuse_timeouts ipvsadm-lite -R 2>/tmp/refused-R.err
rc=$?
check "-R: a refused -L --timeout names its line, the error and the reason" \
	sh -c "test $rc = 1 && cmp -s /tmp/refused-R.want /tmp/refused-R.err"

# What the data path cannot carry is refused, with the kernel's reason.
ipvsadm-lite -C
check "a link-local IPv6 real server is refused, with the kernel's reason" \
	sh -c 'ipvsadm-lite -A -t [2001:db8::1]:80 &&
	       ! ipvsadm-lite -a -t [2001:db8::1]:80 -r [fe80::2]:80 -g 2>/tmp/v6.err &&
	       grep -qx "kernel reports: ipvs_lite: real server address is not unicast" /tmp/v6.err &&
	       ! ipvsadm-lite -Ln | grep -q fe80::2'
ipvsadm-lite -C
# A user namespace's own netns is not its to configure by default:
# ipvsadm's words for it (as on ip_vs), then the kernel's reason.
printf '%s\n' "Can't initialize ipvs: Permission denied (you must be root)" \
	'Are you sure that IP Virtual Server is built in the kernel or as module?' \
	'kernel reports: ipvs_lite: needs CAP_NET_ADMIN in the initial user namespace (module parameter allow_userns is off)' \
	>/tmp/userns.want
unshare -Urn ipvsadm-lite -Ln 2>/tmp/userns.err
rc=$?
check "unshare -Urn: refused with status 2, ipvsadm's words and the reason" \
	sh -c "test $rc = 2 && cmp -s /tmp/userns.want /tmp/userns.err"
echo 1 >/sys/module/ipvs_lite/parameters/allow_userns
check "unshare -Urn with allow_userns: a service of its own" \
	sh -c 'unshare -Urn sh -c "ipvsadm-lite -A -t 10.9.0.4:80 &&
	       ipvsadm-lite -Ln | grep -q 10.9.0.4:80" &&
	       ! ipvsadm-lite -Ln | grep -q 10.9.0.4:80'
echo 0 >/sys/module/ipvs_lite/parameters/allow_userns
unload_ipvs_lite
tap_exit
