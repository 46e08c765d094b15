/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: what the scheduling algorithms (sched_*.c) share: weight
 * helpers, the least-connection walks, the slot tables of the hashing
 * schedulers (sh, dh, mh), and the list of algorithms.  Only sched*.c
 * include it.
 */
#ifndef _IPVL_SCHED_LIB_H
#define _IPVL_SCHED_LIB_H

#include <linux/rcupdate.h>
#include <linux/types.h>
#include "sched.h"

struct ipvl_dest;
struct ipvl_service;
struct ipvl_tuple;
union nf_inet_addr;

/**
 * struct ipvl_sched_table - slots of destinations, for the hashing
 *	schedulers (sh, dh, mh)
 * @rcu: for freeing after a grace period
 * @size: number of slots
 * @ndests: number of destinations in @dests
 * @dests: the service's destinations when it was built, list order, one
 *	reference each
 * @slot: an index into @dests per slot, or IPVL_SLOT_EMPTY
 *
 * Built whole under config_mutex, published with rcu_assign_pointer(),
 * read by the packet path under RCU; a change builds a new one.
 */
struct ipvl_sched_table {
	struct rcu_head rcu;
	u32 size;
	u32 ndests;
	struct ipvl_dest **dests;
	u16 slot[];
};

#define IPVL_SLOT_EMPTY		0xffffU

/* sched.c */
u32 ipvl_sched_gcd_weight(struct ipvl_service *svc);
int ipvl_sched_max_weight(struct ipvl_service *svc);
struct ipvl_dest *ipvl_sched_wlc_pick(struct ipvl_service *svc);
struct ipvl_dest *ipvl_sched_sed_pick(struct ipvl_service *svc, bool nq);
struct ipvl_sched_table *ipvl_sched_table_alloc(struct ipvl_service *svc,
						u32 size);
void ipvl_sched_table_free(struct ipvl_sched_table *tab);
struct ipvl_dest *ipvl_sched_table_get(const struct ipvl_sched_table *tab,
				       u32 i);
u32 ipvl_sched_fold(const union nf_inet_addr *addr, u8 af);
void ipvl_sched_table_swap(struct ipvl_sched_table __rcu **ptr,
			   struct ipvl_sched_table *tab);
__be16 ipvl_sched_port(const struct ipvl_service *svc,
		       const struct ipvl_tuple *t, u32 port_flag);
void ipvl_sched_table_done(struct ipvl_service *svc, void *priv);
void ipvl_sched_cursor_del_dest(struct ipvl_service *svc, void *priv,
				struct ipvl_dest *dest);
struct ipvl_dest *ipvl_sched_heaviest(struct ipvl_service *svc,
				      bool within_weight);

extern const struct ipvl_scheduler ipvl_sched_rr, ipvl_sched_wrr,
	ipvl_sched_lc, ipvl_sched_wlc, ipvl_sched_sed, ipvl_sched_nq,
	ipvl_sched_fo, ipvl_sched_ovf, ipvl_sched_twos, ipvl_sched_sh,
	ipvl_sched_dh, ipvl_sched_mh, ipvl_sched_lblc, ipvl_sched_lblcr;

#endif /* _IPVL_SCHED_LIB_H */
