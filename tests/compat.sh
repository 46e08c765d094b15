#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The stock ipvsadm drives ipvs-lite (compat_ipvs=1) as it drives the
# kernel's ip_vs: the same command stream, run once against each, gives the
# same output, errors and exit status at every step, listings included.
#
#   ipvsadm ---> ip_vs          (first pass: the reference)
#   ipvsadm ---> ipvs_lite compat_ipvs=1   (second pass: compared)
. ./tests/lib.sh

# The bulk: a few dozen services and hundreds of real servers, fed to one
# ipvsadm -R (one process: the debug kernel makes each fork costly).
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

# Then one command at a time: edits, deletions and the errors ipvsadm can
# meet.
commands() {
	cat <<'EOC'
-A -f 7 -s rr
-a -f 7 -r 10.4.0.1:0 -m
-A -f 8 -6 -s wlc
-A -t [2001:db8::1]:443 -s rr
-a -t [2001:db8::1]:443 -r [2001:db8::10]:443 -m -w 3
-a -t [2001:db8::1]:443 -r 10.5.0.1 -i
-A -t 10.1.2.1:0 -s rr -p
-A -t 10.1.2.2:22 -s rr -p 1 -M 255.255.0.0
-A -t 10.1.2.3:22 -s wlc -x
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
-Z -t 10.1.0.6:80
-Z -t 10.1.9.9:80
-Z
EOC
}

# What is listed after the stream, and after a few steps of it.
listings='-Ln
-L -n --stats
-L -n --rate
-L -n --thresholds
-L -n --persistent-conn
-L -n --exact --stats
-L -n -t 10.1.0.2:80
-L -n -t 10.1.9.9:80
-L -n -u 10.1.1.1:53
-L -n -f 7
-S -n
-L --timeout'

# run_pass DIR: replay everything, one numbered result per step.
run_pass() {
	dir=$1
	mkdir -p "$dir"
	n=0
	{ echo "-R"; commands; echo "$listings"; echo "-C"; echo "-Ln"; } \
		>"$dir.cmds"
	bulk >"$dir.bulk"
	while read -r args; do
		n=$((n + 1))
		if [ "$args" = -R ]; then
			ipvsadm -R <"$dir.bulk"
		else
			# shellcheck disable=SC2086
			ipvsadm $args
		fi >"$dir/$n.out" 2>"$dir/$n.err"
		echo $? >"$dir/$n.rc"
	done <"$dir.cmds"
}

unload_ip_vs
unload_ipvs_lite
modprobe ip_vs || exit $KSFT_SKIP
run_pass /tmp/ref
unload_ip_vs
load_ipvs_lite compat_ipvs=1 || exit $KSFT_FAIL
run_pass /tmp/lite
unload_ipvs_lite

total=$(wc -l </tmp/ref.cmds)
tap_plan "$total"
i=0
while read -r args; do
	i=$((i + 1))
	if same "/tmp/ref/$i.out" "/tmp/lite/$i.out" &&
	   same "/tmp/ref/$i.err" "/tmp/lite/$i.err" &&
	   same "/tmp/ref/$i.rc" "/tmp/lite/$i.rc"; then
		ok "ipvsadm $args"
	else
		not_ok "ipvsadm $args"
	fi
done </tmp/ref.cmds
tap_exit
