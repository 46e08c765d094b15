#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipvsadm-lite on ipvs-lite against the stock ipvsadm on the kernel's ip_vs:
# the same commands give the same output, errors and exit statuses, and
# ipvsadm-lite --family IPVS on ip_vs gives the same as ipvsadm.
. ./tests/lib.sh

unload_ip_vs
modprobe ip_vs || exit $KSFT_SKIP
load_ipvs_lite || exit $KSFT_FAIL

# One command line per line; state carries from one line to the next.
cases='-L --timeout
--set 100 20 30
-L --timeout
--set 0 0 45
-L --timeout
--set 2678400 1 1
-l --timeout
--set 1 2
--set 1 2 3 4
--set x 1 1
--set -1 1 1
--set 2678401 1 1
--set 1 1 1 -n
-L --timeout --timeout
-L -L
--bogus
-Ln --timeout
-n -L --timeout
-l -n --timeout -n
--timeout
-L --timeout 5
--set 7 8 9 --timeout'

# run TOOL ARGS: stdout, stderr and status in /tmp/TAG.{out,err,rc}
run() {
	tag=$1
	shift
	"$@" >"/tmp/$tag.out" 2>"/tmp/$tag.err"
	echo $? >"/tmp/$tag.rc"
}

# Messages name the program: compare them with the name taken out.
same_run() {
	sed -i "s/ipvsadm-lite/ipvsadm/g" "/tmp/$2.err" "/tmp/$2.out"
	same "/tmp/$1.out" "/tmp/$2.out" && same "/tmp/$1.err" "/tmp/$2.err" &&
		same "/tmp/$1.rc" "/tmp/$2.rc"
}

n=$(echo "$cases" | wc -l)
tap_plan $((2 * n))
echo "$cases" | while read -r args; do
	# shellcheck disable=SC2086
	run ref ipvsadm $args
	# shellcheck disable=SC2086
	run lite ipvsadm-lite $args
	check "ipvs-lite like ip_vs: $args" same_run ref lite
	# shellcheck disable=SC2086
	run fam ipvsadm-lite --family IPVS $args
	check "--family IPVS like ipvsadm: $args" same_run ref fam
done | tee /tmp/tap
! grep -q '^not ok' /tmp/tap
