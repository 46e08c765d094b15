// SPDX-License-Identifier: GPL-2.0
/*
 * The locality table of lblc and lblcr: destination address -> the set
 * of real servers that address was given to (one for lblc).
 *
 * 1024 RCU hash chains.  The packet path looks up under RCU and stamps
 * the entry's last use; adds, replacements and removals take
 * &ipvl_service.sched_lock.  A set is an array replaced whole (under the
 * lock, freed after a grace period), holding a reference to each of its
 * real servers, so a removed server stays readable until no set names it.
 *
 * A worker runs every minute and drops entries unused for
 * IPVL_LOC_EXPIRE (IPVS's lblc_expiration: a day), and, while the table
 * holds more than IPVL_LOC_MAX entries, those unused for six minutes.
 * Past 4 * IPVL_LOC_MAX entries new addresses are scheduled but not
 * remembered.
 */
#include <linux/jhash.h>
#include <linux/rculist.h>
#include <linux/slab.h>

#include "ipvs_lite.h"
#include "dest.h"
#include "sched_locality.h"
#include "service.h"

#define IPVL_LOC_BITS		10
#define IPVL_LOC_MAX		(16 << IPVL_LOC_BITS)
#define IPVL_LOC_EXPIRE		(24 * 60 * 60 * HZ)
#define IPVL_LOC_IDLE		(6 * 60 * HZ)
#define IPVL_LOC_GC_PERIOD	(60 * HZ)

static void ipvl_loc_set_free_rcu(struct rcu_head *head)
{
	struct ipvl_loc_set *set = container_of(head, struct ipvl_loc_set,
						rcu);
	unsigned int i;

	for (i = 0; i < set->n; i++)
		ipvl_dest_put(set->d[i]);
	kfree(set);
}

/*
 * @add, then @old's members without @drop, allocated with @gfp; NULL on
 * failure.  sched_lock held, so @old's members hold references and may
 * take more.
 */
static struct ipvl_loc_set *ipvl_loc_set_make(const struct ipvl_loc_set *old,
					      struct ipvl_dest *drop,
					      struct ipvl_dest *add, gfp_t gfp)
{
	unsigned int i, n = old ? old->n : 0;
	struct ipvl_loc_set *set;

	set = kmalloc(struct_size(set, d, n + 1), gfp);
	if (!set)
		return NULL;
	set->n = 0;
	set->lastmod = jiffies;
	/* Newest first, as IPVS's sets: it decides between equals. */
	if (add && refcount_inc_not_zero(&add->refcnt))
		set->d[set->n++] = add;
	for (i = 0; i < n; i++) {
		if (old->d[i] == drop || old->d[i] == add)
			continue;
		refcount_inc(&old->d[i]->refcnt);
		set->d[set->n++] = old->d[i];
	}
	return set;
}

/*
 * The least (or with @most the most) loaded member of @set per unit of
 * weight, among those with weight; the least only among available ones.
 * Under RCU.
 */
struct ipvl_dest *ipvl_loc_set_pick(const struct ipvl_loc_set *set,
				    bool most)
{
	struct ipvl_dest *best = NULL;
	u64 best_oh = 0;
	int best_w = 0;
	unsigned int i;

	for (i = 0; set && i < set->n; i++) {
		struct ipvl_dest *dest = set->d[i];
		int w = READ_ONCE(dest->weight);
		u64 oh;

		if (w <= 0 || (!most && !ipvl_dest_open(dest)))
			continue;
		oh = ipvl_dest_overhead(dest);
		if (!best || (most ? best_oh * w < oh * best_w :
				     best_oh * w > oh * best_w)) {
			best = dest;
			best_oh = oh;
			best_w = w;
		}
	}
	return best;
}

static void ipvl_loc_entry_free_rcu(struct rcu_head *head)
{
	struct ipvl_loc_entry *e = container_of(head, struct ipvl_loc_entry,
						rcu);

	kfree(e);
}

/* Unlink @e; sched_lock held. */
static void ipvl_loc_entry_del(struct ipvl_loc *loc, struct ipvl_loc_entry *e)
{
	struct ipvl_loc_set *set;

	set = rcu_dereference_protected(e->set, lockdep_is_held(loc->lock));

	hlist_del_rcu(&e->node);
	loc->count--;
	if (set)
		call_rcu(&set->rcu, ipvl_loc_set_free_rcu);
	call_rcu(&e->rcu, ipvl_loc_entry_free_rcu);
}

static u32 ipvl_loc_hash(const union nf_inet_addr *addr, u8 af)
{
	return jhash2((const u32 *)addr->all, af == AF_INET ? 1 : 4, 0) &
	       ((1 << IPVL_LOC_BITS) - 1);
}

/* Under RCU or sched_lock. */
struct ipvl_loc_entry *ipvl_loc_find(struct ipvl_loc *loc,
				     const union nf_inet_addr *addr, u8 af)
{
	struct ipvl_loc_entry *e;

	hlist_for_each_entry_rcu(e, &loc->chains[ipvl_loc_hash(addr, af)],
				 node)
		if (e->af == af && nf_inet_addr_cmp(&e->addr, addr))
			return e;
	return NULL;
}

/*
 * The set of servers of @t's destination address, stamped as used now;
 * NULL if it has none.  Under RCU.
 */
const struct ipvl_loc_set *ipvl_loc_use(struct ipvl_loc *loc,
					const struct ipvl_tuple *t)
{
	struct ipvl_loc_entry *e = ipvl_loc_find(loc, &t->daddr, t->af);

	if (!e)
		return NULL;
	WRITE_ONCE(e->lastuse, jiffies);
	return rcu_dereference(e->set);
}

/*
 * Give @addr's set @add, without @drop (either may be NULL; with @only,
 * @add alone); a new entry if it has none.  Packet path; takes
 * sched_lock.  Failing to remember is not an error: the connection is
 * scheduled all the same.
 */
void ipvl_loc_update(struct ipvl_service *svc, struct ipvl_loc *loc,
		     const union nf_inet_addr *addr, u8 af,
		     struct ipvl_dest *drop, struct ipvl_dest *add, bool only)
{
	struct ipvl_loc_set *old, *set;
	struct ipvl_loc_entry *e;

	spin_lock_bh(&svc->sched_lock);
	if (loc->dead)
		goto out;
	e = ipvl_loc_find(loc, addr, af);
	if (!e) {
		if (!add || loc->count >= 4 * IPVL_LOC_MAX)
			goto out;
		e = kzalloc(sizeof(*e), ipvl_gfp_atomic(svc->in));
		if (!e)
			goto out;
		e->addr = *addr;
		e->af = af;
		e->lastuse = jiffies;
		hlist_add_head_rcu(&e->node,
				   &loc->chains[ipvl_loc_hash(addr, af)]);
		loc->count++;
	}
	old = rcu_dereference_protected(e->set,
					lockdep_is_held(&svc->sched_lock));
	set = ipvl_loc_set_make(only ? NULL : old, drop, add,
				ipvl_gfp_atomic(svc->in));
	if (!set)
		goto out;
	rcu_assign_pointer(e->set, set);
	if (old)
		call_rcu(&old->rcu, ipvl_loc_set_free_rcu);
out:
	spin_unlock_bh(&svc->sched_lock);
}

static void ipvl_loc_gc(struct ipvl_loc *loc, bool all)
{
	unsigned long now = jiffies;
	struct ipvl_loc_entry *e;
	struct hlist_node *tmp;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(loc->chains); i++) {
		hlist_for_each_entry_safe(e, tmp, &loc->chains[i], node) {
			unsigned long idle = now - READ_ONCE(e->lastuse);

			if (all || idle > IPVL_LOC_EXPIRE ||
			    (loc->count > IPVL_LOC_MAX && idle > IPVL_LOC_IDLE))
				ipvl_loc_entry_del(loc, e);
		}
	}
}

static void ipvl_loc_gc_work(struct work_struct *work)
{
	struct ipvl_loc *loc = container_of(to_delayed_work(work),
					    struct ipvl_loc, gc_work);

	spin_lock_bh(loc->lock);
	ipvl_loc_gc(loc, false);
	spin_unlock_bh(loc->lock);
	queue_delayed_work(system_power_efficient_wq, &loc->gc_work,
			   IPVL_LOC_GC_PERIOD);
}

int ipvl_loc_init(struct ipvl_service *svc, void *priv)
{
	struct ipvl_loc *loc = priv;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(loc->chains); i++)
		INIT_HLIST_HEAD(&loc->chains[i]);
	loc->lock = &svc->sched_lock;
	INIT_DELAYED_WORK(&loc->gc_work, ipvl_loc_gc_work);
	queue_delayed_work(system_power_efficient_wq, &loc->gc_work,
			   IPVL_LOC_GC_PERIOD);
	return 0;
}

/* The instance was unpublished: stop the worker, drop every entry. */
void ipvl_loc_done(struct ipvl_service *svc, void *priv)
{
	struct ipvl_loc *loc = priv;

	spin_lock_bh(&svc->sched_lock);
	loc->dead = true;
	spin_unlock_bh(&svc->sched_lock);
	cancel_delayed_work_sync(&loc->gc_work);
	spin_lock_bh(&svc->sched_lock);
	ipvl_loc_gc(loc, true);
	spin_unlock_bh(&svc->sched_lock);
}

/*
 * IPVS's test of a locality's server: busier than its weight while some
 * server in the service is less than half busy.
 */
bool ipvl_loc_overloaded(struct ipvl_service *svc, struct ipvl_dest *dest)
{
	struct ipvl_dest *d;

	if (atomic_read(&dest->activeconns) <= READ_ONCE(dest->weight))
		return false;
	list_for_each_entry_rcu(d, &svc->dests, list)
		if (atomic_read(&d->activeconns) * 2 <
		    READ_ONCE(d->weight))
			return true;
	return false;
}
