// SPDX-License-Identifier: GPL-2.0
/*
 * The scheduler registry and what the algorithms share.  Every scheduler
 * is compiled into the module, one file each (sched_*.c), and listed here.
 */
#include <linux/gcd.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/netlink.h>

#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "service.h"

static const struct ipvl_scheduler *const ipvl_schedulers[] = {
	&ipvl_sched_rr, &ipvl_sched_wrr, &ipvl_sched_lc, &ipvl_sched_wlc,
	&ipvl_sched_sed, &ipvl_sched_nq, &ipvl_sched_fo, &ipvl_sched_ovf,
	&ipvl_sched_twos, &ipvl_sched_sh, &ipvl_sched_dh, &ipvl_sched_mh,
	&ipvl_sched_lblc, &ipvl_sched_lblcr,
};

const struct ipvl_scheduler *ipvl_sched_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ipvl_schedulers); i++)
		if (!strcmp(ipvl_schedulers[i]->name, name))
			return ipvl_schedulers[i];
	return NULL;
}

/*
 * The parameter @attrs (a service command's attributes; NULL for none)
 * give the scheduler @ops, checked, in *@param; left alone if they give
 * none.  Every scheduler checks its own attribute, so that one given to
 * another than @ops is refused with that scheduler's reason.
 */
int ipvl_sched_param(const struct ipvl_scheduler *ops,
		     struct nlattr *const *attrs, u32 *param,
		     struct netlink_ext_ack *extack)
{
	unsigned int i;
	int ret;

	if (!attrs)
		return 0;
	for (i = 0; i < ARRAY_SIZE(ipvl_schedulers); i++) {
		const struct ipvl_scheduler *s = ipvl_schedulers[i];

		/* 0 is none, as a table size of 0 always meant. */
		if (!s->param_attr || !attrs[s->param_attr] ||
		    !nla_get_u32(attrs[s->param_attr]))
			continue;
		ret = s->param(attrs[s->param_attr], s == ops, param, extack);
		if (ret)
			return ret;
	}
	return 0;
}

/* A new instance of @ops for @svc, set up but not published. */
struct ipvl_sched *ipvl_sched_new(struct ipvl_service *svc,
				  const struct ipvl_scheduler *ops)
{
	struct ipvl_sched *s;
	int ret;

	s = kzalloc(struct_size(s, priv, DIV_ROUND_UP(ops->priv_size,
						      sizeof(long))),
		    GFP_KERNEL_ACCOUNT);
	if (!s)
		return ERR_PTR(-ENOMEM);
	s->ops = ops;
	ret = ops->init ? ops->init(svc, s->priv) : 0;
	if (ret) {
		kfree(s);
		return ERR_PTR(ret);
	}
	return s;
}

/* @s is no longer reachable from @svc: free it after a grace period. */
void ipvl_sched_free(struct ipvl_service *svc, struct ipvl_sched *s)
{
	if (!s)
		return;
	if (s->ops->done)
		s->ops->done(svc, s->priv);
	kfree_rcu(s, rcu);
}

/* The greatest common divisor of the positive weights; 1 if none. */
u32 ipvl_sched_gcd_weight(struct ipvl_service *svc)
{
	struct ipvl_dest *dest;
	u32 g = 0;

	list_for_each_entry_rcu(dest, &svc->dests, list) {
		int w = READ_ONCE(dest->weight);

		if (w > 0)
			g = g ? gcd(g, w) : w;
	}
	return g ?: 1;
}

int ipvl_sched_max_weight(struct ipvl_service *svc)
{
	struct ipvl_dest *dest;
	int m = 0;

	list_for_each_entry_rcu(dest, &svc->dests, list)
		m = max(m, READ_ONCE(dest->weight));
	return m;
}

/*
 * Weighted least connection: the usable destination with the smallest
 * overhead per unit of weight, the first of equals.  Also lblc's and
 * lblcr's choice for a new address.  Under RCU.
 */
struct ipvl_dest *ipvl_sched_wlc_pick(struct ipvl_service *svc)
{
	struct ipvl_dest *dest, *least = NULL;
	u64 least_oh = 0;
	int least_w = 0;

	list_for_each_entry_rcu(dest, &svc->dests, list) {
		int w = READ_ONCE(dest->weight);
		u64 oh;

		if (!ipvl_dest_open(dest) || w <= 0)
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

/*
 * Shortest expected delay: the smallest (active + 1) / weight; with @nq
 * (never queue) an idle destination first.  Under RCU.
 */
struct ipvl_dest *ipvl_sched_sed_pick(struct ipvl_service *svc, bool nq)
{
	struct ipvl_dest *dest, *least = NULL;
	u64 least_oh = 0;
	int least_w = 0;

	list_for_each_entry_rcu(dest, &svc->dests, list) {
		int w = READ_ONCE(dest->weight);
		u32 active;

		if (!ipvl_dest_usable(dest))
			continue;
		active = atomic_read(&dest->activeconns);
		if (nq && !active)
			return dest;
		if (!least || least_oh * w > (u64)(active + 1) * least_w) {
			least = dest;
			least_oh = active + 1;
			least_w = w;
		}
	}
	return least;
}

/* Hash tables of destinations (sh, dh, mh) --------------------------- */

static void ipvl_sched_table_free_rcu(struct rcu_head *head)
{
	struct ipvl_sched_table *tab =
		container_of(head, struct ipvl_sched_table, rcu);
	u32 i;

	for (i = 0; i < tab->ndests; i++)
		ipvl_dest_put(tab->dests[i]);
	kvfree(tab);
}

/* Free @tab, which no reader can reach any more, after a grace period. */
void ipvl_sched_table_free(struct ipvl_sched_table *tab)
{
	if (tab)
		call_rcu(&tab->rcu, ipvl_sched_table_free_rcu);
}

/*
 * A table of @size empty slots over @svc's destinations, in list order,
 * holding a reference to each.  config_mutex held.
 */
struct ipvl_sched_table *ipvl_sched_table_alloc(struct ipvl_service *svc,
						u32 size)
{
	struct ipvl_sched_table *tab;
	struct ipvl_dest *dest;
	u32 n = 0;
	size_t sz;

	list_for_each_entry(dest, &svc->dests, list)
		n++;
	if (n >= IPVL_SLOT_EMPTY)
		return ERR_PTR(-E2BIG);
	/* The slots, then the destination pointers. */
	sz = ALIGN(struct_size(tab, slot, size), sizeof(void *));
	tab = kvzalloc(sz + n * sizeof(void *), GFP_KERNEL_ACCOUNT);
	if (!tab)
		return ERR_PTR(-ENOMEM);
	tab->size = size;
	tab->dests = (struct ipvl_dest **)((char *)tab + sz);
	memset(tab->slot, 0xff, size * sizeof(tab->slot[0]));
	list_for_each_entry(dest, &svc->dests, list) {
		refcount_inc(&dest->refcnt);
		tab->dests[tab->ndests++] = dest;
	}
	return tab;
}

/* The destination in slot @i, or NULL.  Under RCU. */
struct ipvl_dest *ipvl_sched_table_get(const struct ipvl_sched_table *tab,
				       u32 i)
{
	u16 d = tab->slot[i];

	return d == IPVL_SLOT_EMPTY ? NULL : tab->dests[d];
}

/*
 * The address sh, dh and mh hash, as IPVS folds it: an IPv6 address is
 * the XOR of its four words.
 */
u32 ipvl_sched_fold(const union nf_inet_addr *addr, u8 af)
{
	__be32 a = addr->ip;

	if (af == AF_INET6)
		a = addr->ip6[0] ^ addr->ip6[1] ^ addr->ip6[2] ^ addr->ip6[3];
	return ntohl(a);
}

/*
 * Publish @tab in *@ptr and free what was there after a grace period.
 * config_mutex held (the only writer of scheduler tables).
 */
void ipvl_sched_table_swap(struct ipvl_sched_table __rcu **ptr,
			   struct ipvl_sched_table *tab)
{
	ipvl_sched_table_free(rcu_replace_pointer(*ptr, tab, true));
}

/*
 * done for the schedulers whose state is one table (sh, dh, mh).  The
 * instance is unpublished, but packets that found it before still
 * schedule with it: the table stays where they look for it and is freed
 * after a grace period, as the instance itself is.
 */
void ipvl_sched_table_done(struct ipvl_service *svc, void *priv)
{
	struct ipvl_sched_table __rcu **ptr = priv;

	ipvl_sched_table_free(rcu_dereference_protected(*ptr, true));
}

/*
 * del_dest for the schedulers whose state starts with a cursor into the
 * list (rr, wrr): move it off @dest, under sched_lock.
 */
void ipvl_sched_cursor_del_dest(struct ipvl_service *svc, void *priv,
				struct ipvl_dest *dest)
{
	struct list_head **cursor = priv;

	spin_lock_bh(&svc->sched_lock);
	if (*cursor == &dest->list)
		*cursor = dest->list.prev;
	spin_unlock_bh(&svc->sched_lock);
}

/*
 * The usable destination of the highest weight, the first of equals;
 * with @within_weight only one with no more active connections than its
 * weight (fo, ovf).  Under RCU.
 */
struct ipvl_dest *ipvl_sched_heaviest(struct ipvl_service *svc,
				      bool within_weight)
{
	struct ipvl_dest *dest, *best = NULL;
	int best_w = 0;

	list_for_each_entry_rcu(dest, &svc->dests, list) {
		int w = READ_ONCE(dest->weight);

		if (!ipvl_dest_usable(dest) ||
		    (within_weight && atomic_read(&dest->activeconns) > w))
			continue;
		if (w > best_w) {
			best = dest;
			best_w = w;
		}
	}
	return best;
}

/* The port sh and mh hash with their -port flag: TCP and UDP only. */
__be16 ipvl_sched_port(const struct ipvl_service *svc,
		       const struct ipvl_tuple *t, u32 port_flag)
{
	if (!(READ_ONCE(svc->flags) & port_flag))
		return 0;
	if (t->protocol != IPPROTO_TCP && t->protocol != IPPROTO_UDP)
		return 0;
	return t->sport;
}
