// SPDX-License-Identifier: GPL-2.0
/*
 * Interleaved weighted round robin, IPVS's: passes over the list with a
 * current weight @cw that starts at the largest weight and drops by the
 * weights' gcd each pass; a pass picks the destinations whose weight is
 * at least @cw.  Over a cycle each gets connections in proportion to its
 * weight.
 *
 * The cursor follows rr's rule (see sched_rr.c).
 */
#include <linux/rculist.h>

#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "service.h"

struct ipvl_wrr {
	struct list_head *cursor;	/* first: see ipvl_sched_cursor_del_dest() */
	int cw;		/* current weight */
	int mw;		/* largest weight, less gcd - 1 */
	int di;		/* step: gcd of the weights */
};

static bool ipvl_wrr_fits(const struct ipvl_dest *dest, int cw)
{
	return ipvl_dest_open(dest) && READ_ONCE(dest->weight) >= cw;
}

/* The weights changed: restart the cycle as IPVS does.  config_mutex. */
static int ipvl_wrr_update(struct ipvl_service *svc, void *priv)
{
	struct ipvl_wrr *w = priv;
	int di = ipvl_sched_gcd_weight(svc);
	int mw = ipvl_sched_max_weight(svc) - (di - 1);

	spin_lock_bh(&svc->sched_lock);
	w->cursor = &svc->dests;
	w->di = di;
	w->mw = mw;
	if (w->cw > w->mw || !w->cw)
		w->cw = w->mw;
	else if (w->di > 1)
		w->cw = (w->cw / w->di) * w->di + 1;
	spin_unlock_bh(&svc->sched_lock);
	return 0;
}

static struct ipvl_dest *ipvl_wrr_schedule(struct ipvl_service *svc,
					   void *priv,
					   const struct ipvl_tuple *t)
{
	struct ipvl_dest *dest, *last, *stop = NULL;
	bool last_pass = false, restarted = false;
	struct ipvl_wrr *w = priv;

	spin_lock_bh(&svc->sched_lock);
	dest = list_entry(w->cursor, struct ipvl_dest, list);
	if (w->mw <= 0)
		goto none;
	last = dest;
	/* Stop once every destination was tried with cw 1 (the last pass). */
	for (;;) {
		list_for_each_entry_continue_rcu(dest, &svc->dests, list) {
			if (ipvl_wrr_fits(dest, w->cw))
				goto found;
			if (dest == stop)
				goto none;
		}
		w->cw -= w->di;
		if (w->cw <= 0) {
			w->cw = w->mw;
			if (last_pass || &last->list == &svc->dests)
				goto none;
			restarted = true;
		}
		last_pass = w->cw <= w->di;
		/* The passes began mid-list: the last one covers the rest. */
		if (last_pass && restarted && &last->list != &svc->dests)
			stop = last;
	}
found:
	w->cursor = &dest->list;
	spin_unlock_bh(&svc->sched_lock);
	return dest;
none:
	w->cursor = &dest->list;
	spin_unlock_bh(&svc->sched_lock);
	return NULL;
}

const struct ipvl_scheduler ipvl_sched_wrr = {
	.name = "wrr",
	.priv_size = sizeof(struct ipvl_wrr),
	.init = ipvl_wrr_update,
	.update = ipvl_wrr_update,
	.del_dest = ipvl_sched_cursor_del_dest,
	.schedule = ipvl_wrr_schedule,
};
