/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: real servers (dest.c).
 *
 * Lifetime: a destination is owned by references: one from its service's
 * list, one per connection that uses it.  Removal unlinks it from the
 * list under config_mutex, clears its AVAILABLE bit and drops the list's
 * reference; the last reference frees it after a grace period.  The
 * packet path uses a destination it found under RCU, and takes a
 * reference (refcount_inc_not_zero) for what outlives the read section:
 * a connection it makes, an lblc/lblcr entry's server set.
 */
#ifndef _IPVL_DEST_H
#define _IPVL_DEST_H

#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/list.h>
#include <linux/netfilter.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <net/net_namespace.h>
#include "stats.h"
#include "tunnel.h"

struct ipvl_dest_dst;
struct ipvl_net;
struct ipvl_service;
struct netlink_ext_ack;

/* Bits of &ipvl_dest.flags. */
enum {
	IPVL_DEST_AVAILABLE,	/* in its service's list: may be scheduled */
	IPVL_DEST_OVERLOAD,	/* over its upper threshold */
	IPVL_DEST_SVC_GONE,	/* left the list because its service went */
};

/**
 * struct ipvl_dest - a real server of one service
 * @list: in &ipvl_service.dests
 * @all: in dest.c's list of every destination, until the last reference
 * @net: its namespace (no reference: compared, never followed)
 * @dest_dst: the cached route to it (RCU; replaced under @dst_lock)
 * @dst_lock: serialises refreshes of @dest_dst
 * @svc: the service, while the destination is in its list
 * @addr: address
 * @port: port, network order
 * @af: address family (may differ from the service's for tunnels)
 * @fwd: forwarding method, IP_VS_CONN_F_{MASQ,LOCALNODE,TUNNEL,DROUTE}
 * @weight: weight (READ_ONCE on the packet path)
 * @last_weight: the last weight that was not 0 (mh keeps a quiesced
 *	destination's share of its table)
 * @u_thresh: upper connection threshold, 0 for none
 * @l_thresh: lower connection threshold, 0 for 3/4 of @u_thresh
 * @tun: the tunnel, for TUN (one word: READ_ONCE on the packet path)
 * @flags: IPVL_DEST_* bits
 * @activeconns: connections in an active state
 * @inactconns: other connections
 * @persistconns: persistence templates
 * @refcnt: the service list's reference plus one per connection
 * @stats: counters
 * @rcu: for freeing after a grace period
 */
struct ipvl_dest {
	struct list_head list;
	struct list_head all;
	possible_net_t net;
	struct ipvl_dest_dst __rcu *dest_dst;
	spinlock_t dst_lock;		/* serialises refreshes of dest_dst */
	struct ipvl_service __rcu *svc;
	union nf_inet_addr addr;
	__be16 port;
	u16 af;
	u32 fwd;
	int weight;
	int last_weight;
	u32 u_thresh;
	u32 l_thresh;
	union ipvl_tun tun;
	unsigned long flags;
	atomic_t activeconns;
	atomic_t inactconns;
	atomic_t persistconns;
	refcount_t refcnt;
	struct ipvl_stats stats;
	struct rcu_head rcu;
};

/**
 * struct ipvl_dest_conf - a destination as a command describes it
 * @addr: address
 * @port: port, network order
 * @af: address family
 * @fwd: forwarding method
 * @weight: weight
 * @u_thresh: upper threshold
 * @l_thresh: lower threshold
 * @tun_type: tunnel type
 * @tun_port: tunnel port, network order
 * @tun_flags: tunnel flags
 */
struct ipvl_dest_conf {
	union nf_inet_addr addr;
	__be16 port;
	u16 af;
	u32 fwd;
	int weight;
	u32 u_thresh;
	u32 l_thresh;
	u8 tun_type;
	__be16 tun_port;
	u16 tun_flags;
};

/* dest.c */
struct ipvl_dest *ipvl_dest_find(struct ipvl_service *svc,
				 const union nf_inet_addr *addr, __be16 port,
				 u16 af);
int ipvl_dest_add(struct ipvl_net *in, struct ipvl_service *svc,
		  const struct ipvl_dest_conf *conf,
		  struct netlink_ext_ack *extack);
int ipvl_dest_edit(struct ipvl_net *in, struct ipvl_dest *dest,
		   const struct ipvl_dest_conf *conf,
		   struct netlink_ext_ack *extack);
void ipvl_dest_del(struct ipvl_net *in, struct ipvl_dest *dest);
void ipvl_dest_put(struct ipvl_dest *dest);
void ipvl_dests_forget_routes(const struct net *net);
void ipvl_dest_unlink(struct ipvl_net *in, struct ipvl_service *svc,
		      struct ipvl_dest *dest);
void ipvl_dest_bind(struct ipvl_dest *dest, bool tmpl);
void ipvl_dest_unbind(struct ipvl_dest *dest, bool tmpl, bool active);
void ipvl_dest_activate(struct ipvl_dest *dest, bool active);

/* Still in its service and not over its upper threshold? */
static inline bool ipvl_dest_open(const struct ipvl_dest *dest)
{
	return test_bit(IPVL_DEST_AVAILABLE, &dest->flags) &&
	       !test_bit(IPVL_DEST_OVERLOAD, &dest->flags);
}

/* May a scheduler give new connections to @dest? */
static inline bool ipvl_dest_usable(const struct ipvl_dest *dest)
{
	return ipvl_dest_open(dest) && READ_ONCE(dest->weight) > 0;
}

/* What least-connection schedulers weigh: IPVS's overhead. */
static inline u32 ipvl_dest_overhead(const struct ipvl_dest *dest)
{
	return (atomic_read(&dest->activeconns) << 8) +
	       atomic_read(&dest->inactconns);
}

#endif /* _IPVL_DEST_H */
