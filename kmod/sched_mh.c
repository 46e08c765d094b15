// SPDX-License-Identifier: GPL-2.0
/*
 * Maglev hashing (Eisenbud et al., NSDI 2016): a lookup table of a prime
 * number of slots, filled by letting the destinations take turns, each
 * claiming the next free slot of its own permutation of the table (an
 * offset and a step derived from its address and port).  A client's
 * address (and with mh-port its port) hashes to a slot.
 *
 * Each destination ends up with a share of the slots in proportion to
 * its weight, and removing one of N destinations moves only about 1/N of
 * the clients: the others' permutations barely change.  A destination
 * quiesced with weight 0 keeps its slots (the table uses the last weight
 * that was not 0), so draining does not move anyone else.
 *
 * Unlike IPVS, whose table size is fixed when the kernel is built
 * (4093), the size is the service's own, a prime chosen at run time
 * (IPVS_LITE_CMD_ATTR_MH_SIZE, default 65537): a larger table spreads
 * weights more exactly and moves fewer clients.  The hashes, the fill
 * and the fallback are IPVS's, so at 4093 slots both place a client
 * alike.  A change builds a new table and swaps it in under RCU.
 *
 * Flags: mh-fallback (IP_VS_SVC_F_SCHED1): when the slot's destination is
 * unavailable, rehash until an available one; mh-port (SCHED2): hash the
 * source port too.
 */
#include <linux/bitmap.h>
#include <linux/gcd.h>
#include <linux/log2.h>
#include <linux/rculist.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <net/netlink.h>

#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "service.h"

/* mh's flags (IPVS defines them in ip_vs_mh.c, not in its uapi). */
#define IPVL_SVC_F_MH_FALLBACK	IP_VS_SVC_F_SCHED1
#define IPVL_SVC_F_MH_PORT	IP_VS_SVC_F_SCHED2

/* Its state: the table, alone (ipvl_sched_table_done() frees it). */
struct ipvl_mh {
	struct ipvl_sched_table __rcu *tab;
};

/* What a destination needs while the table is filled. */
struct ipvl_mh_setup {
	u32 perm;	/* the next slot it will try */
	u32 skip;	/* its step through the table */
	int turns;	/* slots it claims per round */
};

static const hsiphash_key_t ipvl_mh_key1 = {
	.key = { 2654435761UL, 2654435761UL },
};

static const hsiphash_key_t ipvl_mh_key2 = {
	.key = { 2654446892UL, 2654446892UL },
};

static u32 ipvl_mh_hash(const union nf_inet_addr *addr, u8 af, __be16 port,
			const hsiphash_key_t *key, u32 offset)
{
	u32 v = offset + ntohs(port) + ipvl_sched_fold(addr, af);

	return hsiphash(&v, sizeof(v), key);
}

/*
 * The last non-zero weights' gcd, and a shift that keeps turns small:
 * IPVS allows weight / gcd half the table index's bits (6 at 4093).
 */
static int ipvl_mh_turns_base(struct ipvl_service *svc, u32 size, int *shift)
{
	struct ipvl_dest *dest;
	int g = 0, mw = 0;

	list_for_each_entry(dest, &svc->dests, list) {
		int w = READ_ONCE(dest->last_weight);

		if (w > 0) {
			g = g ? gcd(g, w) : w;
			mw = max(mw, w);
		}
	}
	*shift = g ? max(fls(mw / g) - ((int)ilog2(size) + 1) / 2, 0) : 0;
	return g;
}

static int ipvl_mh_fill(struct ipvl_service *svc,
			struct ipvl_sched_table *tab)
{
	u32 size = tab->size, filled = 0, d;
	struct ipvl_mh_setup *ds;
	unsigned long *used;
	int g, shift, ret = 0;
	bool any = false;

	g = ipvl_mh_turns_base(svc, size, &shift);
	if (!g || !tab->ndests)
		return 0;	/* nobody has weight: all slots empty */
	ds = kcalloc(tab->ndests, sizeof(*ds), GFP_KERNEL);
	used = bitmap_zalloc(size, GFP_KERNEL);
	if (!ds || !used) {
		ret = -ENOMEM;
		goto out;
	}
	for (d = 0; d < tab->ndests; d++) {
		const struct ipvl_dest *dest = tab->dests[d];
		int lw = READ_ONCE(dest->last_weight);

		ds[d].perm = ipvl_mh_hash(&dest->addr, svc->key.af, dest->port,
					  &ipvl_mh_key1, 0) % size;
		ds[d].skip = ipvl_mh_hash(&dest->addr, svc->key.af, dest->port,
					  &ipvl_mh_key2, 0) % (size - 1) + 1;
		ds[d].turns = ((lw / g) >> shift) ?: (lw != 0);
		any |= ds[d].turns > 0;
	}
	if (!any)
		goto out;
	/* Rounds: each destination in turn claims its next free slots. */
	while (filled < size) {
		for (d = 0; d < tab->ndests && filled < size; d++) {
			int t;

			for (t = 0; t < ds[d].turns && filled < size; t++) {
				u32 c = ds[d].perm;

				while (test_bit(c, used)) {
					c += ds[d].skip;
					if (c >= size)
						c -= size;
				}
				ds[d].perm = c;
				__set_bit(c, used);
				tab->slot[c] = d;
				filled++;
			}
		}
	}
out:
	bitmap_free(used);
	kfree(ds);
	return ret;
}

static int ipvl_mh_update(struct ipvl_service *svc, void *priv)
{
	struct ipvl_sched_table *tab;
	struct ipvl_mh *mh = priv;
	int ret;

	tab = ipvl_sched_table_alloc(svc, svc->sched_param);
	if (IS_ERR(tab))
		return PTR_ERR(tab);
	ret = ipvl_mh_fill(svc, tab);
	if (ret) {
		ipvl_sched_table_free(tab);
		return ret;
	}
	ipvl_sched_table_swap(&mh->tab, tab);
	return 0;
}

static struct ipvl_dest *ipvl_mh_schedule(struct ipvl_service *svc,
					  void *priv,
					  const struct ipvl_tuple *t)
{
	__be16 port = ipvl_sched_port(svc, t, IPVL_SVC_F_MH_PORT);
	const struct ipvl_sched_table *tab;
	struct ipvl_mh *mh = priv;
	struct ipvl_dest *dest;
	u32 i, off, d;

	tab = rcu_dereference(mh->tab);
	if (!tab)
		return NULL;
	i = ipvl_mh_hash(&t->saddr, t->af, port, &ipvl_mh_key1, 0) %
	    tab->size;
	dest = ipvl_sched_table_get(tab, i);
	if (!dest || ipvl_dest_usable(dest))
		return dest;
	if (!(READ_ONCE(svc->flags) & IPVL_SVC_F_MH_FALLBACK))
		return NULL;
	/*
	 * With no server usable the probes below would visit every slot,
	 * up to a million per packet, before they give up: a look at each
	 * server tells first.
	 */
	for (d = 0; d < tab->ndests; d++)
		if (ipvl_dest_usable(tab->dests[d]))
			break;
	if (d == tab->ndests)
		return NULL;
	for (off = 0; off < tab->size; off++) {
		u32 r = (i + off) % tab->size;

		dest = ipvl_sched_table_get(tab,
					    ipvl_mh_hash(&t->saddr, t->af, port,
							 &ipvl_mh_key1, r) %
					    tab->size);
		if (!dest)
			return NULL;
		if (ipvl_dest_usable(dest))
			return dest;
	}
	return NULL;
}

/* Its parameter: the table size, a prime (the uapi header's one check). */
static int ipvl_mh_param(const struct nlattr *attr, bool mine, u32 *param,
			 struct netlink_ext_ack *extack)
{
	u32 size = nla_get_u32(attr);

	if (!mine) {
		NL_SET_ERR_MSG_MOD(extack,
				   "a lookup table size is only for the mh scheduler");
		return -EINVAL;
	}
	if (!ipvs_lite_mh_size_ok(size)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "mh table size must be a prime from 251 to 1048573");
		return -EINVAL;
	}
	*param = size;
	return 0;
}

const struct ipvl_scheduler ipvl_sched_mh = {
	.name = "mh",
	.flags = IPVL_SVC_F_MH_FALLBACK | IPVL_SVC_F_MH_PORT,
	.priv_size = sizeof(struct ipvl_mh),
	.init = ipvl_mh_update,
	.update = ipvl_mh_update,
	.done = ipvl_sched_table_done,
	.schedule = ipvl_mh_schedule,
	.param_attr = IPVS_LITE_CMD_ATTR_MH_SIZE,
	.param_default = IPVS_LITE_MH_SIZE_DEFAULT,
	.param = ipvl_mh_param,
};
