# Guest half of tests/static/harness.sh: a kernel that dies mid-test.
echo c >/proc/sysrq-trigger
