#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo, run in the VM by tests/vm/demo: what ipvs-lite does so far.
# A director configured the LVS way with ipvsadm-lite (a DR service with
# two real servers), listed, saved and restored; the same through the
# stock ipvsadm under the family name IPVS.  Traffic comes with the data
# path.
. ./tests/lib.sh

say() { echo; echo "director# $*"; "$@"; }

echo "ipvs-lite demo on Linux $(uname -r)"
say insmod "$IPVL_MODULE"
say ipvsadm-lite -A -t 192.168.10.100:80 -s rr
say ipvsadm-lite -a -t 192.168.10.100:80 -r 192.168.10.11 -g -w 1
say ipvsadm-lite -a -t 192.168.10.100:80 -r 192.168.10.12 -g -w 1
say ipvsadm-lite -Ln
say ipvsadm-lite -Lnc
say ipvsadm-lite -S -n
ipvsadm-lite -S -n >/tmp/rules
say ipvsadm-lite -C
echo
echo "director# ipvsadm-lite -R < /tmp/rules"
ipvsadm-lite -R </tmp/rules
say ipvsadm-lite -L -n --stats
say ipvsadm-lite -Ln --json
echo
echo "# a refusal says ipvsadm's words, then the kernel's reason"
say ipvsadm-lite -A -t 192.168.10.100:80 -s rr

setup_ns director2
echo
echo "# a second director in its own network namespace has its own table"
say ip netns exec "$director2" ipvsadm-lite -Ln
cleanup_all_ns

echo
echo "# under the family name IPVS, the stock ipvsadm drives ipvs-lite"
say rmmod ipvs_lite
say insmod "$IPVL_MODULE" compat_ipvs=1
ipvsadm -R </tmp/rules
say ipvsadm -Ln
say rmmod ipvs_lite
exit 0
