// SPDX-License-Identifier: GPL-2.0
/*
 * Locality-based least connection, for cache clusters behind a
 * firewall-mark service: a destination address keeps going to the real
 * server it was first given to (see sched_locality.c), unless that one is
 * unavailable or busier than its weight while another is less than half
 * busy; then it goes to the wlc choice, which is remembered instead.
 */
#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "sched_locality.h"
#include "service.h"

static struct ipvl_dest *ipvl_lblc_schedule(struct ipvl_service *svc,
					    void *priv,
					    const struct ipvl_tuple *t)
{
	const struct ipvl_loc_set *set = ipvl_loc_use(priv, t);
	struct ipvl_dest *dest;

	dest = set && set->n ? set->d[0] : NULL;
	if (dest && ipvl_dest_usable(dest) && !ipvl_loc_overloaded(svc, dest))
		return dest;
	dest = ipvl_sched_wlc_pick(svc);
	if (dest)
		ipvl_loc_update(svc, priv, &t->daddr, t->af, NULL, dest, true);
	return dest;
}

const struct ipvl_scheduler ipvl_sched_lblc = {
	.name = "lblc",
	.priv_size = sizeof(struct ipvl_loc),
	.init = ipvl_loc_init,
	.done = ipvl_loc_done,
	.schedule = ipvl_lblc_schedule,
};
