// SPDX-License-Identifier: GPL-2.0
/*
 * Source hashing: a client address (and with sh-port its port) always
 * maps to the same one of 256 slots, and the slots are dealt to the
 * destinations in list order, as many in a row as each one's weight.
 * The same client lands on the same real server for as long as the set of
 * real servers stays the same, with no per-client state.
 *
 * Flags: sh-fallback (IP_VS_SVC_F_SCHED1): when the slot's destination is
 * unavailable, try the following slots instead of refusing; sh-port
 * (IP_VS_SVC_F_SCHED2): hash the source port too.
 *
 * The hash and the dealing are IPVS's, so both place a client alike.
 */
#include <linux/hash.h>
#include <linux/rculist.h>

#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "service.h"

#define IPVL_SH_BITS	8
#define IPVL_SH_SIZE	256		/* 1 << IPVL_SH_BITS */

/* Its state: the table, alone (ipvl_sched_table_done() frees it). */
struct ipvl_sh {
	struct ipvl_sched_table __rcu *tab;
};

static u32 ipvl_sh_slot(const union nf_inet_addr *addr, u8 af, __be16 port,
			u32 offset)
{
	return (offset + hash_32(ntohs(port) + ipvl_sched_fold(addr, af),
				 IPVL_SH_BITS)) & (IPVL_SH_SIZE - 1);
}

static int ipvl_sh_update(struct ipvl_service *svc, void *priv)
{
	struct ipvl_sched_table *tab;
	struct ipvl_sh *sh = priv;
	int i, d = 0, n = 0;

	tab = ipvl_sched_table_alloc(svc, IPVL_SH_SIZE);
	if (IS_ERR(tab))
		return PTR_ERR(tab);
	for (i = 0; tab->ndests && i < IPVL_SH_SIZE; i++) {
		tab->slot[i] = d;
		if (++n >= READ_ONCE(tab->dests[d]->weight)) {
			d = (d + 1) % tab->ndests;
			n = 0;
		}
	}
	ipvl_sched_table_swap(&sh->tab, tab);
	return 0;
}

static struct ipvl_dest *ipvl_sh_schedule(struct ipvl_service *svc,
					  void *priv,
					  const struct ipvl_tuple *t)
{
	__be16 port = ipvl_sched_port(svc, t, IP_VS_SVC_F_SCHED_SH_PORT);
	const struct ipvl_sched_table *tab;
	struct ipvl_sh *sh = priv;
	struct ipvl_dest *dest;
	u32 i, off;

	tab = rcu_dereference(sh->tab);
	if (!tab)
		return NULL;
	i = ipvl_sh_slot(&t->saddr, t->af, port, 0);
	dest = ipvl_sched_table_get(tab, i);
	if (!dest || ipvl_dest_usable(dest))
		return dest;
	if (!(READ_ONCE(svc->flags) & IP_VS_SVC_F_SCHED_SH_FALLBACK))
		return NULL;
	for (off = 0; off < IPVL_SH_SIZE; off++) {
		dest = ipvl_sched_table_get(tab, ipvl_sh_slot(&t->saddr, t->af,
							      port, i + off));
		if (dest && ipvl_dest_usable(dest))
			return dest;
	}
	return NULL;
}

const struct ipvl_scheduler ipvl_sched_sh = {
	.name = "sh",
	.flags = IP_VS_SVC_F_SCHED_SH_FALLBACK | IP_VS_SVC_F_SCHED_SH_PORT,
	.priv_size = sizeof(struct ipvl_sh),
	.init = ipvl_sh_update,
	.update = ipvl_sh_update,
	.done = ipvl_sched_table_done,
	.schedule = ipvl_sh_schedule,
};
