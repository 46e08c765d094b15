// SPDX-License-Identifier: GPL-2.0
/*
 * Round robin: each new connection goes to the next usable destination
 * after the last one chosen.  The cursor (&ipvl_service.sched_data) points
 * to the last chosen destination's list node, or to the list head; it is
 * moved off a destination before that leaves the list, so it always points
 * into the list.
 */
#include "ipvs_lite.h"

static int ipvl_rr_init(struct ipvl_service *svc)
{
	spin_lock_bh(&svc->sched_lock);
	svc->sched_data = &svc->dests;
	spin_unlock_bh(&svc->sched_lock);
	return 0;
}

static void ipvl_rr_del_dest(struct ipvl_service *svc, struct ipvl_dest *dest)
{
	spin_lock_bh(&svc->sched_lock);
	if (svc->sched_data == &dest->list)
		svc->sched_data = dest->list.prev;
	spin_unlock_bh(&svc->sched_lock);
}

static struct ipvl_dest *ipvl_rr_schedule(struct ipvl_service *svc)
{
	struct ipvl_dest *start, *dest;
	int pass;

	spin_lock_bh(&svc->sched_lock);
	start = list_entry((struct list_head *)svc->sched_data,
			   struct ipvl_dest, list);
	dest = start;
	/* From the cursor to the end, then from the start to the cursor. */
	for (pass = 0; pass < 2; pass++) {
		list_for_each_entry_continue_rcu(dest, &svc->dests, list) {
			if (ipvl_dest_usable(dest)) {
				svc->sched_data = &dest->list;
				goto out;
			}
			if (dest == start)
				break;
		}
		if (dest == start || &start->list == &svc->dests)
			break;
	}
	dest = NULL;
out:
	spin_unlock_bh(&svc->sched_lock);
	return dest;
}

const struct ipvl_scheduler ipvl_sched_rr = {
	.name = "rr",
	.init_service = ipvl_rr_init,
	.del_dest = ipvl_rr_del_dest,
	.schedule = ipvl_rr_schedule,
};
