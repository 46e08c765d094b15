// SPDX-License-Identifier: GPL-2.0
/*
 * The scheduler registry: every scheduler is compiled into the module, one
 * file each (sched_*.c), and listed here.
 */
#include <linux/string.h>

#include "ipvs_lite.h"

static const struct ipvl_scheduler *const ipvl_schedulers[] = {
	&ipvl_sched_rr,
	&ipvl_sched_wlc,
};

const struct ipvl_scheduler *ipvl_sched_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ipvl_schedulers); i++)
		if (!strcmp(ipvl_schedulers[i]->name, name))
			return ipvl_schedulers[i];
	return NULL;
}
