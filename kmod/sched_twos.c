// SPDX-License-Identifier: GPL-2.0
/*
 * Weighted random two choices (power of two choices): draw two usable
 * destinations at random, each with probability in proportion to its
 * weight, and take the one with less overhead per unit of weight.  Near
 * wlc's balance without every connection piling onto the same least
 * loaded server between updates.
 */
#include <linux/random.h>
#include <linux/rculist.h>

#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "service.h"

/* A uniform draw in [0, @n). */
static u32 ipvl_twos_draw(u32 n)
{
	return (u32)(((u64)get_random_u32() * n) >> 32);
}

static struct ipvl_dest *ipvl_twos_schedule(struct ipvl_service *svc,
					    void *priv,
					    const struct ipvl_tuple *t)
{
	struct ipvl_dest *dest, *c1 = NULL, *c2 = NULL;
	s64 r1, r2;
	u64 total = 0;

	list_for_each_entry_rcu(dest, &svc->dests, list)
		if (ipvl_dest_usable(dest))
			total += READ_ONCE(dest->weight);
	if (!total || total > U32_MAX)
		return total ? ipvl_sched_wlc_pick(svc) : NULL;

	r1 = ipvl_twos_draw(total);
	r2 = ipvl_twos_draw(total);
	list_for_each_entry_rcu(dest, &svc->dests, list) {
		int w;

		if (!ipvl_dest_usable(dest))
			continue;
		w = READ_ONCE(dest->weight);
		r1 -= w;
		r2 -= w;
		if (r1 < 0 && !c1)
			c1 = dest;
		if (r2 < 0 && !c2)
			c2 = dest;
		if (c1 && c2)
			break;
	}
	/* The weights moved under us: the last usable one then. */
	if (!c1 || !c2)
		return c1 ?: c2 ?: ipvl_sched_wlc_pick(svc);
	/* oh2 / w2 < oh1 / w1 */
	if ((u64)ipvl_dest_overhead(c2) * READ_ONCE(c1->weight) <
	    (u64)ipvl_dest_overhead(c1) * READ_ONCE(c2->weight))
		return c2;
	return c1;
}

const struct ipvl_scheduler ipvl_sched_twos = {
	.name = "twos",
	.schedule = ipvl_twos_schedule,
};
