#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo, run in the VM by tests/vm/demo.  What ipvs-lite does so far:
# the module loads, ipvsadm-lite talks to it in each network namespace,
# and the stock ipvsadm drives it under the name IPVS.
. ./tests/lib.sh

say() { echo; echo "director# $*"; "$@"; }

echo "ipvs-lite demo on Linux $(uname -r)"
say insmod "$IPVL_MODULE"
say ipvsadm-lite -v
say ipvsadm-lite -L --timeout
say ipvsadm-lite --set 600 60 120
say ipvsadm-lite -L --timeout

setup_ns director2
echo
echo "# a second director in its own network namespace has its own settings"
say ip netns exec "$director2" ipvsadm-lite -L --timeout
cleanup_all_ns

echo
echo "# under the family name IPVS, the stock ipvsadm drives ipvs-lite"
say rmmod ipvs_lite
say insmod "$IPVL_MODULE" compat_ipvs=1
say ipvsadm --set 300 30 60
say ipvsadm -L --timeout
say rmmod ipvs_lite
echo
dmesg | grep ipvs_lite
