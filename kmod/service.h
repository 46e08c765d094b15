/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: virtual services (service.c).
 *
 * Writers hold &ipvl_net.config_mutex; the packet path finds a service in
 * &ipvl_net.svc_ht and walks its destinations under RCU.
 *
 * Lifetime: a service is owned by its namespace's tables.  Removal unlinks
 * it under config_mutex and frees it after a grace period: no RCU reader
 * can still see it then, and nothing else points to it.
 */
#ifndef _IPVL_SERVICE_H
#define _IPVL_SERVICE_H

#include <linux/list.h>
#include <linux/netfilter.h>
#include <linux/rcupdate.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <uapi/linux/ipvs_lite.h>
#include "ipvs_lite.h"
#include "stats.h"

struct ipvl_net;
struct ipvl_sched;
struct netlink_ext_ack;
struct nlattr;

/**
 * struct ipvl_svc_key - what identifies a service in its namespace
 * @addr: virtual address (zero for fwmark services)
 * @port: virtual port, network order (zero for fwmark services)
 * @af: address family
 * @protocol: IPPROTO_TCP or IPPROTO_UDP (zero for fwmark services)
 * @fwmark: firewall mark (zero for address services)
 *
 * Compared as bytes: always zero it before filling it in.
 */
struct ipvl_svc_key {
	union nf_inet_addr addr;
	__be16 port;
	u16 af;
	u16 protocol;
	u16 pad;
	u32 fwmark;
};

/**
 * struct ipvl_service - a virtual service
 * @node: in &ipvl_net.svc_ht, for the packet path
 * @list: in &ipvl_net.services, in the order they were added
 * @key: identity
 * @sched: scheduler and its state (RCU; written under config_mutex)
 * @flags: IP_VS_SVC_F_*
 * @timeout: persistence timeout, seconds
 * @netmask: persistence granularity: a mask (IPv4) or a prefix (IPv6)
 * @sched_param: the scheduler's parameter (&ipvl_scheduler.param_attr),
 *	written under config_mutex before the instance that uses it
 * @dests: destinations (RCU list, written under config_mutex)
 * @sched_lock: protects the scheduler state that changes per packet
 * @stats: counters
 * @rcu: for freeing after a grace period
 * @in: the namespace whose tables hold it
 */
struct ipvl_service {
	struct rhash_head node;
	struct list_head list;
	struct ipvl_svc_key key;
	struct ipvl_sched __rcu *sched;
	u32 flags;
	u32 timeout;
	u32 netmask;
	u32 sched_param;
	struct list_head dests;
	spinlock_t sched_lock;		/* see above */
	struct ipvl_stats stats;
	struct rcu_head rcu;
	struct ipvl_net *in;
};

/**
 * struct ipvl_svc_conf - a service as a command describes it
 * @key: identity
 * @sched_name: scheduler name
 * @flags: IP_VS_SVC_F_* to set ...
 * @flags_mask: ... of these
 * @timeout: persistence timeout, seconds
 * @netmask: persistence mask (IPv4, network order) or prefix (IPv6)
 * @attrs: the command's attributes, where a scheduler finds its parameter
 *	(sched.h); NULL when the command gives none
 */
struct ipvl_svc_conf {
	struct ipvl_svc_key key;
	char sched_name[IP_VS_SCHEDNAME_MAXLEN];
	u32 flags;
	u32 flags_mask;
	u32 timeout;
	u32 netmask;
	struct nlattr *const *attrs;
};

/* service.c */

/* @svc's scheduler, for a writer: config_mutex held. */
static inline struct ipvl_sched *ipvl_svc_sched(const struct ipvl_net *in,
						const struct ipvl_service *svc)
{
	return rcu_dereference_protected(svc->sched,
					 lockdep_is_held(&in->config_mutex));
}

int ipvl_services_init(struct ipvl_net *in);
void ipvl_services_unhook(struct ipvl_net *in);
void ipvl_services_exit(struct ipvl_net *in);
struct ipvl_service *ipvl_svc_find(struct ipvl_net *in,
				   const struct ipvl_svc_key *key);
int ipvl_svc_add(struct ipvl_net *in, const struct ipvl_svc_conf *conf,
		 struct netlink_ext_ack *extack);
int ipvl_svc_edit(struct ipvl_net *in, struct ipvl_service *svc,
		  const struct ipvl_svc_conf *conf,
		  struct netlink_ext_ack *extack);
void ipvl_svc_del(struct ipvl_net *in, struct ipvl_service *svc);
void ipvl_svc_flush(struct ipvl_net *in);
int ipvl_svc_update_sched(struct ipvl_net *in, struct ipvl_service *svc,
			  struct netlink_ext_ack *extack);

#endif /* _IPVL_SERVICE_H */
