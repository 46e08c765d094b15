#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# keepalived drives ipvs-lite (compat_ipvs=1) as it drives the kernel's
# ip_vs: the same configuration, and the same health checks, leave the
# same table, and its shutdown leaves it empty.
#
#   keepalived (checker only) --IPVS netlink--> ip_vs | ipvs_lite
#   TCP_CHECK 127.0.0.1:8080   answers (socat listens): stays
#   TCP_CHECK 192.168.10.11:80 no route: taken out
#   TCP_CHECK 192.168.10.12:80 no route, inhibit_on_failure: weight 0
#   and an IPv6 virtual server:
#   TCP_CHECK [::1]:8081       answers: stays
#   TCP_CHECK [2001:db8:10::11]:80 no route: taken out
. ./tests/lib.sh

command -v keepalived >/dev/null || exit $KSFT_SKIP
mkdir -p /etc/keepalived /run/keepalived

cat >/tmp/keepalived.conf <<'EOC'
global_defs {
    router_id ipvl-test
}
virtual_server 192.168.10.100 80 {
    delay_loop 1
    lb_algo rr
    lb_kind DR
    protocol TCP
    real_server 192.168.10.11 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 1
            retry 1
            delay_before_retry 1
        }
    }
    real_server 192.168.10.12 80 {
        weight 2
        inhibit_on_failure
        TCP_CHECK {
            connect_timeout 1
            retry 1
            delay_before_retry 1
        }
    }
    real_server 192.168.10.13 80 {
        weight 3
    }
}
virtual_server 192.168.10.100 53 {
    delay_loop 30
    lb_algo wlc
    lb_kind NAT
    protocol UDP
    persistence_timeout 120
    real_server 10.0.0.2 5353 {
        weight 4
    }
}
virtual_server 2001:db8::100 80 {
    delay_loop 1
    lb_algo sh
    lb_kind NAT
    protocol TCP
    real_server ::1 8081 {
        weight 6
        TCP_CHECK {
            connect_timeout 1
        }
    }
    real_server 2001:db8:10::11 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 1
            retry 1
            delay_before_retry 1
        }
    }
    real_server 2001:db8:10::13 80 {
        weight 3
    }
}
virtual_server fwmark 7 {
    delay_loop 30
    lb_algo rr
    lb_kind NAT
    real_server 127.0.0.1 8080 {
        weight 5
        TCP_CHECK {
            connect_timeout 1
        }
    }
}
EOC

# Health checks have run once they failed one server out and set the
# other's weight to 0; that is the table to compare.
settled() {
	ipvsadm -Ln >/tmp/now 2>/dev/null &&
	! grep -q '192.168.10.11:80' /tmp/now &&
	! grep -q '2001:db8:10::11' /tmp/now &&
	grep -qE '192.168.10.12:80 +Route +0 ' /tmp/now
}

# run_keepalived TAG: start it, wait for the checks, list, stop it.
run_keepalived() {
	keepalived -f /tmp/keepalived.conf -C -n -l -D -p /tmp/k.pid \
		-c /tmp/kc.pid >"/tmp/$1.log" 2>&1 &
	kpid=$!
	if busywait 60000 settled; then
		echo yes >"/tmp/$1.settled"
	else
		echo no >"/tmp/$1.settled"
	fi
	ipvsadm -Ln >"/tmp/$1.table"
	kill "$kpid"
	wait "$kpid"
	ipvsadm -Ln >"/tmp/$1.after"
}

# What the checks should have left, on the first table.
checked() {
	! grep -q '192.168.10.11:80' "$1" &&
	grep -qE '192.168.10.12:80 +Route +0 ' "$1" &&
	grep -qE '192.168.10.13:80 +Route +3 ' "$1" &&
	grep -qE '127.0.0.1:8080 +Masq +5 ' "$1" &&
	grep -qE '\[::1\]:8081 +Masq +6 ' "$1" &&
	grep -qE '\[2001:db8:10::13\]:80 +Masq +3 ' "$1" &&
	! grep -q '2001:db8:10::11' "$1" &&
	grep -qE '^UDP  192.168.10.100:53 wlc persistent 120' "$1"
}

socat TCP-LISTEN:8080,bind=127.0.0.1,fork,reuseaddr /dev/null &
spid=$!
socat TCP6-LISTEN:8081,bind=[::1],fork,reuseaddr /dev/null &
spid6=$!
busywait 5000 sh -c '/usr/sbin/ss -ltn | grep -q 127.0.0.1:8080' &&
	busywait 5000 sh -c "/usr/sbin/ss -ltn | grep -qF '[::1]:8081'"

tap_plan 6
unload_ip_vs
unload_ipvs_lite
modprobe ip_vs || exit $KSFT_SKIP
run_keepalived ref
unload_ip_vs
load_ipvs_lite compat_ipvs=1 || exit $KSFT_FAIL
run_keepalived lite
unload_ipvs_lite
kill "$spid" "$spid6"

check "ip_vs: keepalived's health checks settled" grep -qx yes /tmp/ref.settled
check "ip_vs: the table keepalived and its checks leave" checked /tmp/ref.table
check "ipvs-lite: keepalived's health checks settled" \
	grep -qx yes /tmp/lite.settled
check "ipvs-lite: the same table as ip_vs" same /tmp/ref.table /tmp/lite.table
check "ip_vs: keepalived's shutdown empties the table" \
	test "$(wc -l </tmp/ref.after)" = 3
check "ipvs-lite: keepalived's shutdown empties the table" \
	same /tmp/ref.after /tmp/lite.after
tap_exit
