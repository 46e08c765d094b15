# Guest half of tests/static/harness.sh: a script that outlives -t.
sleep 600
