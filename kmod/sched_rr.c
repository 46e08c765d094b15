// SPDX-License-Identifier: GPL-2.0
/*
 * Round robin: each new connection goes to the next usable destination.
 *
 * The cursor, under &ipvl_service.sched_lock, is the list node of the last
 * destination chosen, or the list head.  It is moved off a destination (by
 * del_dest) before that leaves the list, and after that nothing can choose
 * it, so the cursor always points into the list.
 */
#include <linux/rculist.h>

#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "service.h"

struct ipvl_rr {
	struct list_head *cursor;	/* first: see ipvl_sched_cursor_del_dest() */
};

static int ipvl_rr_init(struct ipvl_service *svc, void *priv)
{
	struct ipvl_rr *rr = priv;

	spin_lock_bh(&svc->sched_lock);
	rr->cursor = &svc->dests;
	spin_unlock_bh(&svc->sched_lock);
	return 0;
}

/* Each new connection goes to the next usable destination. */
static struct ipvl_dest *ipvl_rr_schedule(struct ipvl_service *svc,
					  void *priv,
					  const struct ipvl_tuple *t)
{
	struct ipvl_dest *start, *dest;
	struct ipvl_rr *rr = priv;
	int pass;

	spin_lock_bh(&svc->sched_lock);
	start = list_entry(rr->cursor, struct ipvl_dest, list);
	dest = start;
	/* From the cursor to the end, then from the start to the cursor. */
	for (pass = 0; pass < 2; pass++) {
		list_for_each_entry_continue_rcu(dest, &svc->dests, list) {
			if (ipvl_dest_usable(dest)) {
				rr->cursor = &dest->list;
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
	.priv_size = sizeof(struct ipvl_rr),
	.init = ipvl_rr_init,
	.del_dest = ipvl_sched_cursor_del_dest,
	.schedule = ipvl_rr_schedule,
};
