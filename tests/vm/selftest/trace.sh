# Guest half of tests/static/harness.sh: a call trace in the kernel log
# (sysrq l: a backtrace of every CPU) after the test has started, then
# KIB KiB of other lines after it (default none): a long log must not hide
# an early trace.
echo l >/proc/sysrq-trigger
i=$((${1:-0} * 1024 / 64))
while [ "$i" -gt 0 ]; do
	echo "ipvl selftest: a line of filler, after the trace: $i" >/dev/kmsg
	i=$((i - 1))
done
exit 0
