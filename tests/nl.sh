#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The C tests of the netlink API (kselftest harness), run against the
# module under both of its family names.
. ./tests/lib.sh

rc=0
run_c() {
	"./build/tests/$1" || rc=1
}

unload_ip_vs
load_ipvs_lite || exit $KSFT_FAIL
echo "# family IPVS_LITE"
run_c nl_config
run_c nl_service
unload_ipvs_lite

load_ipvs_lite compat_ipvs=1 || exit $KSFT_FAIL
echo "# family IPVS (compat_ipvs=1)"
IPVL_FAMILY=IPVS run_c nl_config
IPVL_FAMILY=IPVS run_c nl_service
exit $rc
