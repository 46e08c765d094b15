# Guest half of tests/static/harness.sh: a call trace in the kernel log
# (sysrq l: a backtrace of every CPU) after the test has started.
echo l >/proc/sysrq-trigger
exit 0
