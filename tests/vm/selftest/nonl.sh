# Guest half of tests/static/harness.sh: output whose last line has no
# newline, before the guest's marks.
printf "guest says no newline"
