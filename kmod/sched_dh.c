// SPDX-License-Identifier: GPL-2.0
/*
 * Destination hashing: the packet's destination address picks one of 256
 * slots, dealt one each to the destinations in list order.  Meant for
 * cache clusters behind a firewall-mark service, where the destination
 * is the origin server a client asked for: each origin's objects stay on
 * one cache.  For a plain VIP every client maps to the same server.
 *
 * The hash and the dealing are IPVS's.
 */
#include <linux/rculist.h>

#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "service.h"

#define IPVL_DH_SIZE	256U

/* Its state: the table, alone (ipvl_sched_table_done() frees it). */
struct ipvl_dh {
	struct ipvl_sched_table __rcu *tab;
};

static int ipvl_dh_update(struct ipvl_service *svc, void *priv)
{
	struct ipvl_sched_table *tab;
	struct ipvl_dh *dh = priv;
	u32 i;

	tab = ipvl_sched_table_alloc(svc, IPVL_DH_SIZE);
	if (IS_ERR(tab))
		return PTR_ERR(tab);
	for (i = 0; tab->ndests && i < IPVL_DH_SIZE; i++)
		tab->slot[i] = i % tab->ndests;
	ipvl_sched_table_swap(&dh->tab, tab);
	return 0;
}

static struct ipvl_dest *ipvl_dh_schedule(struct ipvl_service *svc,
					  void *priv,
					  const struct ipvl_tuple *t)
{
	const struct ipvl_sched_table *tab;
	struct ipvl_dh *dh = priv;
	struct ipvl_dest *dest;
	u32 i;

	tab = rcu_dereference(dh->tab);
	if (!tab)
		return NULL;
	i = (ipvl_sched_fold(&t->daddr, t->af) * 2654435761U) &
	    (IPVL_DH_SIZE - 1);
	dest = ipvl_sched_table_get(tab, i);
	return dest && ipvl_dest_usable(dest) ? dest : NULL;
}

const struct ipvl_scheduler ipvl_sched_dh = {
	.name = "dh",
	.priv_size = sizeof(struct ipvl_dh),
	.init = ipvl_dh_update,
	.update = ipvl_dh_update,
	.done = ipvl_sched_table_done,
	.schedule = ipvl_dh_schedule,
};
