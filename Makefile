# SPDX-License-Identifier: GPL-2.0
#
# make                  ipvs_lite.ko (for KVER) and ipvsadm-lite/ipvsadm-lite
# make KVER=6.12        against Debian 12's 6.12 headers (or a full version)
# make demo             a director balancing real traffic in a VM
# make check            the whole test suite (static checks, 6.1, 6.12)
# make deps             install the build and test dependencies (root)

KVER ?=
KVER_FULL = $(shell scripts/kver $(KVER))
KDIR ?= /lib/modules/$(KVER_FULL)/build

all: module cli

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

cli:
	$(MAKE) -C ipvsadm-lite

# W=1 and sparse (C=2) over the module, in a scratch copy of the tree.
lint-module:
	tests/static/kbuild-check $(KVER_FULL)

deps:
	scripts/deps.sh

demo: deps
	tests/vm/demo $(if $(KVER),-k $(KVER))

check: deps
	tests/run

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C ipvsadm-lite clean
	rm -rf build

.PHONY: all module cli lint-module deps demo check clean
