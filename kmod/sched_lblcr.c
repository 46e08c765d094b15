// SPDX-License-Identifier: GPL-2.0
/*
 * Locality-based least connection with replication: like lblc, but a
 * destination address keeps a set of real servers and goes to the least
 * busy of them.  When that one is overloaded (busier than its weight
 * while another server is less than half busy) the wlc choice joins the
 * set; a set that has not changed for a day loses its busiest member.
 * A popular address thus spreads over several caches, an unpopular one
 * stays on one.
 */
#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "sched_locality.h"
#include "service.h"

#define IPVL_LBLCR_SHRINK	(24 * 60 * 60 * HZ)

static struct ipvl_dest *ipvl_lblcr_schedule(struct ipvl_service *svc,
					     void *priv,
					     const struct ipvl_tuple *t)
{
	const struct ipvl_loc_set *set = ipvl_loc_use(priv, t);
	struct ipvl_dest *dest;

	dest = ipvl_loc_set_pick(set, false);
	if (set && set->n > 1 &&
	    time_after(jiffies, set->lastmod + IPVL_LBLCR_SHRINK)) {
		struct ipvl_dest *most = ipvl_loc_set_pick(set, true);

		if (most)
			ipvl_loc_update(svc, priv, &t->daddr, t->af, most,
					NULL, false);
	}
	if (dest && !ipvl_loc_overloaded(svc, dest))
		return dest;
	dest = ipvl_sched_wlc_pick(svc);
	if (dest)
		ipvl_loc_update(svc, priv, &t->daddr, t->af, NULL, dest,
				false);
	return dest;
}

const struct ipvl_scheduler ipvl_sched_lblcr = {
	.name = "lblcr",
	.priv_size = sizeof(struct ipvl_loc),
	.init = ipvl_loc_init,
	.done = ipvl_loc_done,
	.schedule = ipvl_lblcr_schedule,
};
