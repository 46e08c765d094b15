/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: the destination-address table lblc and lblcr share
 * (sched_locality.c).  Only those three files include it.
 */
#ifndef _IPVL_SCHED_LOCALITY_H
#define _IPVL_SCHED_LOCALITY_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/netfilter.h>

struct ipvl_dest;
struct ipvl_service;
struct ipvl_tuple;

/**
 * struct ipvl_loc_set - the real servers an address was given to
 * @rcu: for freeing after a grace period
 * @lastmod: when it was made (jiffies)
 * @n: number of servers
 * @d: the servers, one reference each
 */
struct ipvl_loc_set {
	struct rcu_head rcu;
	unsigned long lastmod;
	unsigned int n;
	struct ipvl_dest *d[];
};

/**
 * struct ipvl_loc_entry - one destination address of lblc/lblcr
 * @node: in its &ipvl_loc chain
 * @addr: the address
 * @af: its family
 * @lastuse: when a packet last used it (jiffies, WRITE_ONCE)
 * @set: its servers (RCU; replaced under sched_lock)
 * @rcu: for freeing after a grace period
 */
struct ipvl_loc_entry {
	struct hlist_node node;
	union nf_inet_addr addr;
	u8 af;
	unsigned long lastuse;
	struct ipvl_loc_set __rcu *set;
	struct rcu_head rcu;
};

/**
 * struct ipvl_loc - lblc's and lblcr's table (see sched_locality.c)
 * @chains: hash chains (RCU; written under *@lock)
 * @lock: the service's sched_lock
 * @count: entries (under *@lock)
 * @dead: set when the instance goes (under *@lock): nothing is added
 * @gc_work: drops unused entries every minute
 */
struct ipvl_loc {
	struct hlist_head chains[1024];
	spinlock_t *lock;		/* &ipvl_service.sched_lock */
	unsigned int count;
	bool dead;
	struct delayed_work gc_work;
};

/* sched_locality.c */
int ipvl_loc_init(struct ipvl_service *svc, void *priv);
void ipvl_loc_done(struct ipvl_service *svc, void *priv);
struct ipvl_loc_entry *ipvl_loc_find(struct ipvl_loc *loc,
				     const union nf_inet_addr *addr, u8 af);
const struct ipvl_loc_set *ipvl_loc_use(struct ipvl_loc *loc,
					const struct ipvl_tuple *t);
void ipvl_loc_update(struct ipvl_service *svc, struct ipvl_loc *loc,
		     const union nf_inet_addr *addr, u8 af,
		     struct ipvl_dest *drop, struct ipvl_dest *add, bool only);
struct ipvl_dest *ipvl_loc_set_pick(const struct ipvl_loc_set *set,
				    bool most);
bool ipvl_loc_overloaded(struct ipvl_service *svc, struct ipvl_dest *dest);

#endif /* _IPVL_SCHED_LOCALITY_H */
