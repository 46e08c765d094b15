# SPDX-License-Identifier: GPL-2.0
#
# make                  ipvs_lite.ko (for KVER) and ipvsadm-lite/ipvsadm-lite
# make KVER=6.12        against Debian 12's 6.12 headers (or a full version)
# make demo             a director balancing real traffic in a VM
# make check            the whole test suite: static checks, then the VM
#                       tests on 6.1, 6.12 and the debug kernel
# make check-debug      the VM tests on the debug kernel only
# make bench            ipvs-lite beside the kernel's ip_vs, in a VM (6.1 or
#                       KVER): the table of docs/benchmarks.md
# make reliability      the fuzzers and the stress test at full size on the
#                       debug kernel (docs/reliability.md)
# make lint             checkpatch, W=1 and sparse
# make deps             install the build and test dependencies (root)

KVER ?=
KVER_FULL = $(shell scripts/kver $(KVER))
KDIR ?= /lib/modules/$(KVER_FULL)/build

all: module cli

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

cli:
	$(MAKE) -C ipvsadm-lite

# checkpatch --strict, and W=1 with sparse (C=2) for both kernels.
lint:
	tests/static/checkpatch.sh
	tests/static/kbuild.sh

deps:
	scripts/deps.sh

demo: deps
	tests/vm/demo $(if $(KVER),-k $(KVER))

bench: deps
	tests/bench/run $(if $(KVER),-k $(KVER))

# The debug kernel (KASAN, kmemleak, lockdep, ...) is built once and kept
# outside the checkout: see scripts/debug-kernel.
debug-kernel: deps
	scripts/debug-kernel >/dev/null

check: deps debug-kernel
	tests/run -k "6.1 6.12 debug"

check-debug: deps debug-kernel
	tests/run -k debug $(wildcard tests/*.sh)

# A million netlink messages, and a SYN flood from a million sources: on
# the debug kernel, about an hour and 45 minutes in all (docs/reliability.md).
reliability: deps debug-kernel
	tests/vm/run -k debug -t 10800 tests/fuzz.sh 1000000 10
	tests/vm/run -k debug -t 10800 tests/stress.sh 1000000 200

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C ipvsadm-lite clean
	rm -rf build

.PHONY: all module cli lint deps demo bench debug-kernel check check-debug \
	reliability clean
