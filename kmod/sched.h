/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: scheduling algorithms and their binding to a service, as the
 * service and the packet path see them (sched.c).  What the algorithms
 * share among themselves is in sched_lib.h.
 *
 * Lifetime: a service's &ipvl_sched is published with rcu_assign_pointer()
 * under config_mutex; the one it replaces (and anything its state holds)
 * is freed after a grace period.  An algorithm's per-packet state is under
 * the service's sched_lock.
 */
#ifndef _IPVL_SCHED_H
#define _IPVL_SCHED_H

#include <linux/rcupdate.h>
#include <linux/types.h>

struct ipvl_dest;
struct ipvl_service;
struct ipvl_tuple;
struct netlink_ext_ack;
struct nlattr;

/**
 * struct ipvl_scheduler - a scheduling algorithm
 * @name: as -s names it
 * @flags: the IP_VS_SVC_F_SCHED* flags it understands
 * @priv_size: bytes of per-service state it keeps in &ipvl_sched.priv
 * @init: set up @priv (zeroed) for @svc; config_mutex held.  May be NULL
 * @done: the instance was unpublished: release what @priv holds; RCU
 *	readers may still use it until a grace period has passed, so
 *	anything they reach is freed after one.  May be NULL
 * @update: @svc's destinations or their weights changed; config_mutex
 *	held.  An error leaves the previous state in place.  May be NULL
 * @del_dest: @dest is leaving @svc's list and can no longer be chosen
 *	(its AVAILABLE bit is clear); config_mutex held.  May be NULL
 * @schedule: pick a destination for a new connection from client
 *	packet @t, or NULL; packet path, under RCU, softirq
 * @param_attr: the top-level command attribute (IPVS_LITE_CMD_ATTR_*, a
 *	u32; 0 in it means none given) that carries its parameter, 0 if it
 *	takes none.  A service keeps the parameter in
 *	&ipvl_service.sched_param, across scheduler switches, and service
 *	replies report it in that attribute
 * @param_default: the parameter of a service that has none yet
 * @param: check @attr, the parameter a service command gives: into
 *	*@param if it is ours (@mine), or refused with the reason in @extack
 *	when it is not (another scheduler's parameter).  Set if @param_attr
 *	is
 *
 * Every scheduler is compiled in (sched_*.c) and listed in sched.c.
 */
struct ipvl_scheduler {
	const char *name;
	u32 flags;
	size_t priv_size;
	int (*init)(struct ipvl_service *svc, void *priv);
	void (*done)(struct ipvl_service *svc, void *priv);
	int (*update)(struct ipvl_service *svc, void *priv);
	void (*del_dest)(struct ipvl_service *svc, void *priv,
			 struct ipvl_dest *dest);
	struct ipvl_dest *(*schedule)(struct ipvl_service *svc, void *priv,
				      const struct ipvl_tuple *t);
	int param_attr;
	u32 param_default;
	int (*param)(const struct nlattr *attr, bool mine, u32 *param,
		     struct netlink_ext_ack *extack);
};

/**
 * struct ipvl_sched - a scheduler bound to one service
 * @ops: the algorithm
 * @rcu: for freeing after a grace period
 * @priv: its state, @ops->priv_size bytes
 *
 * Published in &ipvl_service.sched with rcu_assign_pointer(): the packet
 * path always sees an algorithm together with state of its own kind.
 * Switching algorithms builds the new instance first, publishes it, and
 * frees the old one after a grace period.
 */
struct ipvl_sched {
	const struct ipvl_scheduler *ops;
	struct rcu_head rcu;
	unsigned long priv[];
};

/* sched.c */
const struct ipvl_scheduler *ipvl_sched_find(const char *name);
struct ipvl_sched *ipvl_sched_new(struct ipvl_service *svc,
				  const struct ipvl_scheduler *ops);
void ipvl_sched_free(struct ipvl_service *svc, struct ipvl_sched *s);
int ipvl_sched_param(const struct ipvl_scheduler *ops,
		     struct nlattr *const *attrs, u32 *param,
		     struct netlink_ext_ack *extack);

#endif /* _IPVL_SCHED_H */
