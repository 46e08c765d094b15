#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/vm/run itself: it passes the guest's output and exit status
# through, and fails a guest whose kernel dies or shows a call trace; with
# -o, several scripts in one boot, each judged on its own.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
run=$root/tests/vm/run
k=$(echo "${IPVL_KVERS:-6.1}" | cut -d' ' -f1)
echo "1..10"

out=$("$run" -k "$k" "$root/tests/vm/selftest/exit3.sh" 2>&1)
rc=$?
[ $rc -eq 3 ] && echo "ok 1 guest exit status passed through" ||
	echo "not ok 1 guest exit status passed through (got $rc)"
case $out in
*"guest says hello"*) echo "ok 2 guest output streamed" ;;
*) echo "not ok 2 guest output streamed" ;;
esac

out=$("$run" -k "$k" -t 120 "$root/tests/vm/selftest/panic.sh" 2>&1)
rc=$?
case $rc:$out in
1:*"Kernel panic"*) echo "ok 3 a kernel panic fails the run, log shown" ;;
*) echo "$out" | tail -5 | sed 's/^/# /'
   echo "not ok 3 a kernel panic fails the run, log shown (got $rc)" ;;
esac

# trace_case N KIB WHAT: a call trace followed by KIB KiB of log fails a
# run that exits 0, the log shown.
trace_case() {
	out=$("$run" -k "$k" -t 300 "$root/tests/vm/selftest/trace.sh" "$2" 2>&1)
	rc=$?
	case $rc:$out in
	1:*"kernel log shows a splat"*"Call Trace:"*) echo "ok $1 $3" ;;
	*) echo "$out" | tail -5 | sed 's/^/# /'
	   echo "not ok $1 $3 (got $rc)" ;;
	esac
}
trace_case 4 0 "a call trace fails a run that exits 0"
trace_case 5 256 "... even with 256 KiB of the kernel log after it"

# One boot, six scripts: a call trace in the first is the first's alone;
# the second's status passes through; the third outlives -t and is
# ended; the fourth's last line has no newline; the guest dies in the
# fifth, and the sixth never runs.
dir=$(mktemp -d)
sel=$root/tests/vm/selftest
"$run" -k "$k" -t 20 -o "$dir" "$sel/trace.sh" "$sel/exit3.sh" \
	"$sel/sleep.sh" "$sel/nonl.sh" "$sel/panic.sh" "$sel/exit3.sh" \
	>"$dir/log" 2>&1
rcs=$(for n in 1 2 3 4 5 6; do cat "$dir/$n.rc" 2>/dev/null || echo -; done |
	tr '\n' ' ')
verdict() {
	case $rcs in
	$2) echo "ok $1 $3" ;;
	*) tail -5 "$dir/log" | sed 's/^/# /'
	   echo "not ok $1 $3 (verdicts: $rcs)" ;;
	esac
}
verdict 6 "1 3 *" "-o: a call trace fails the script it came in"
verdict 7 "? 3 *" "... and not the next, whose status passes through"
verdict 8 "? ? 1 0 *" "... a script past -t is ended and fails; the next runs"
verdict 9 "? ? ? ? 1 - " "... a guest that dies fails its script; none after runs"
if grep -qx "guest says hello" "$dir/2.out" &&
	grep -qx "guest says no newline" "$dir/4.out" &&
	grep -q "timed out after 20s" "$dir/log"; then
	echo "ok 10 ... each script's output in its own file, its time-out said"
else
	echo "not ok 10 ... each script's output in its own file, its time-out said"
fi
rm -rf "$dir"
