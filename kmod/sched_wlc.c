// SPDX-License-Identifier: GPL-2.0
/*
 * Weighted least connection, ipvsadm's default: the usable destination
 * with the smallest overhead per unit of weight.
 */
#include "ipvs_lite.h"

static struct ipvl_dest *ipvl_wlc_schedule(struct ipvl_service *svc)
{
	struct ipvl_dest *dest, *least = NULL;
	u64 least_oh = 0;
	int least_w = 0;

	list_for_each_entry_rcu(dest, &svc->dests, list) {
		int w = READ_ONCE(dest->weight);
		u64 oh;

		if (!ipvl_dest_usable(dest) || w <= 0)
			continue;
		oh = ipvl_dest_overhead(dest);
		/* oh / w < least_oh / least_w, without dividing */
		if (!least || least_oh * w > oh * least_w) {
			least = dest;
			least_oh = oh;
			least_w = w;
		}
	}
	return least;
}

const struct ipvl_scheduler ipvl_sched_wlc = {
	.name = "wlc",
	.schedule = ipvl_wlc_schedule,
};
