// SPDX-License-Identifier: GPL-2.0
/*
 * Least connection: the usable destination with the smallest overhead
 * (IPVS's: active * 256 + inactive), the first of equals.
 */
#include <linux/rculist.h>

#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "service.h"

static struct ipvl_dest *ipvl_lc_schedule(struct ipvl_service *svc,
					  void *priv,
					  const struct ipvl_tuple *t)
{
	struct ipvl_dest *dest, *least = NULL;
	u32 least_oh = 0;

	list_for_each_entry_rcu(dest, &svc->dests, list) {
		u32 oh;

		if (!ipvl_dest_usable(dest))
			continue;
		oh = ipvl_dest_overhead(dest);
		if (!least || oh < least_oh) {
			least = dest;
			least_oh = oh;
		}
	}
	return least;
}

const struct ipvl_scheduler ipvl_sched_lc = {
	.name = "lc",
	.schedule = ipvl_lc_schedule,
};
