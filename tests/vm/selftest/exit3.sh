# Guest half of tests/static/harness.sh: an exit status to pass through.
echo "guest says hello"
exit 3
