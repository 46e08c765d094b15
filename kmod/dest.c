// SPDX-License-Identifier: GPL-2.0
/*
 * Real servers: a destination's life (lookup, references, the free after
 * a grace period), its configuration (checks, add, edit, delete) and its
 * connection accounting (the counters and OVERLOAD).
 *
 * Configuration runs under &ipvl_net.config_mutex; the packet path reads
 * a destination under RCU and changes only its atomic counters and its
 * OVERLOAD bit.  The lifetime rules are in dest.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/rculist.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/net_namespace.h>
#include <net/route.h>

#include "ipvs_lite.h"
#include "dest.h"
#include "sync.h"
#include "sched.h"
#include "service.h"
#include "xmit.h"

void ipvl_dest_unlink(struct ipvl_net *in, struct ipvl_service *svc,
		      struct ipvl_dest *dest)
{
	struct ipvl_sched *s = ipvl_svc_sched(in, svc);

	lockdep_assert_held(&in->config_mutex);

	/*
	 * First no scheduler may choose it any more; then the scheduler
	 * moves its state off it (under its lock, after any walk that chose
	 * it before); then it leaves the list.
	 */
	clear_bit(IPVL_DEST_AVAILABLE, &dest->flags);
	if (s->ops->del_dest)
		s->ops->del_dest(svc, s->priv, dest);
	ipvl_est_del(in, &dest->stats);
	list_del_rcu(&dest->list);
	RCU_INIT_POINTER(dest->svc, NULL);
	in->gen++;
	/* The list's reference; connections may hold more. */
	ipvl_dest_put(dest);
}

/* config_mutex held, or rcu_read_lock(). */
struct ipvl_dest *ipvl_dest_find(struct ipvl_service *svc,
				 const union nf_inet_addr *addr, __be16 port,
				 u16 af)
{
	struct ipvl_dest *dest;

	list_for_each_entry_rcu(dest, &svc->dests, list)
		if (dest->af == af && dest->port == port &&
		    nf_inet_addr_cmp(&dest->addr, addr))
			return dest;
	return NULL;
}

static void ipvl_dest_free_rcu(struct rcu_head *head)
{
	struct ipvl_dest *dest = container_of(head, struct ipvl_dest, rcu);

	ipvl_dest_dst_release(dest);
	ipvl_stats_free(&dest->stats);
	kfree(dest);
}

/*
 * Every destination alive, of every namespace: a device going away must
 * take the routes cached through it from those that left their service's
 * list as well (connections still use them), and the last reference may
 * go in an RCU callback after the namespace's state is freed.  The lock
 * is taken in softirq context (connections' RCU callbacks) and nests
 * &ipvl_dest.dst_lock.
 */
static LIST_HEAD(ipvl_dests_all);
static DEFINE_SPINLOCK(ipvl_dests_lock);

void ipvl_dest_put(struct ipvl_dest *dest)
{
	if (!refcount_dec_and_test(&dest->refcnt))
		return;
	spin_lock_bh(&ipvl_dests_lock);
	list_del(&dest->all);
	spin_unlock_bh(&ipvl_dests_lock);
	call_rcu(&dest->rcu, ipvl_dest_free_rcu);
}

/*
 * A device of @net went down or away (netdev.c): every route a real
 * server of @net cached is forgotten, and looked up again by its next
 * packet.  An IPv6 route cached through the device (the uncached clone
 * FLOWI_FLAG_KNOWN_NH gives) holds the prefix route it came from, and
 * that holds the device: the device's unregistration would wait for it
 * for ever.  Device events are rare; all routes of the namespace are
 * forgotten, not only those through the device (whose clones may name
 * the blackhole device by now): each next lookup decides afresh.  The
 * walk is over every namespace's destinations, under one lock.
 */
void ipvl_dests_forget_routes(const struct net *net)
{
	struct ipvl_dest *dest;

	spin_lock_bh(&ipvl_dests_lock);
	list_for_each_entry(dest, &ipvl_dests_all, all)
		if (net_eq(read_pnet(&dest->net), net))
			ipvl_dest_dst_reset(dest);
	spin_unlock_bh(&ipvl_dests_lock);
}

/*
 * As IPVS: an IPv6 real server's address is a global unicast address or
 * one of the director's own (a link-local one names no link).
 */
static int ipvl_dest_check6(struct net *net, const struct ipvl_dest_conf *conf,
			    struct netlink_ext_ack *extack)
{
	int type = ipv6_addr_type(&conf->addr.in6);
	bool local = ipv6_chk_addr(net, &conf->addr.in6, NULL, 0);

	if ((!(type & IPV6_ADDR_UNICAST) || (type & IPV6_ADDR_LINKLOCAL)) &&
	    !local) {
		NL_SET_ERR_MSG_MOD(extack, "real server address is not unicast");
		return -EINVAL;
	}
	/* As for IPv4, below: its replies would not be rewritten. */
	if (local && conf->fwd == IP_VS_CONN_F_MASQ &&
	    !(type & IPV6_ADDR_LOOPBACK)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "NAT to one of the director's own addresses is not supported yet");
		return -EOPNOTSUPP;
	}
	return 0;
}

/* As IPVS: a real server's address is a unicast (or local) address. */
static int ipvl_dest_check(struct ipvl_net *in, struct ipvl_service *svc,
			   const struct ipvl_dest_conf *conf,
			   struct netlink_ext_ack *extack)
{
	/* netlink_svc.c refused a negative weight. */
	if (conf->l_thresh > conf->u_thresh) {
		NL_SET_ERR_MSG_MOD(extack,
				   "lower threshold above the upper threshold");
		return -ERANGE;
	}
	if (conf->af != svc->key.af && conf->fwd != IP_VS_CONN_F_TUNNEL) {
		NL_SET_ERR_MSG_MOD(extack,
				   "only tunnelled real servers may have another address family than their service");
		return -EINVAL;
	}
	/* As IPVS: the sync protocol has one family per connection. */
	if (conf->af != svc->key.af && in->sync.active) {
		NL_SET_ERR_MSG_MOD(extack,
				   "a sync daemon runs: real servers must have their service's address family");
		return -EINVAL;
	}
	if (conf->af == AF_INET) {
		unsigned int type = inet_addr_type(in->net, conf->addr.ip);

		if (type != RTN_UNICAST && type != RTN_LOCAL) {
			NL_SET_ERR_MSG_MOD(extack,
					   "real server address is not unicast");
			return -EINVAL;
		}
		/*
		 * The director as its own NAT real server: its replies
		 * leave by LOCAL_OUT, where nothing rewrites them back.
		 * (To a loopback address IPVS accepts it and serves
		 * nobody, as here: xmit.c.)
		 */
		if (type == RTN_LOCAL && conf->fwd == IP_VS_CONN_F_MASQ &&
		    !ipv4_is_loopback(conf->addr.ip)) {
			NL_SET_ERR_MSG_MOD(extack,
					   "NAT to one of the director's own addresses is not supported yet");
			return -EOPNOTSUPP;
		}
	} else {
		return ipvl_dest_check6(in->net, conf, extack);
	}
	return 0;
}

/*
 * As IPVS: at or over its upper threshold a real server takes no new
 * connections; below the lower one (3/4 of the upper if 0) it takes them
 * again; in between it stays as it was.  Checked as its connections come
 * and go and when its thresholds are set, so that raising -x above the
 * connections a server has lets it take new ones at once.
 */
static void ipvl_dest_overload_update(struct ipvl_dest *dest)
{
	bool over = test_bit(IPVL_DEST_OVERLOAD, &dest->flags);
	u32 n = atomic_read(&dest->activeconns) +
		atomic_read(&dest->inactconns);
	u32 u = READ_ONCE(dest->u_thresh);
	u32 l = READ_ONCE(dest->l_thresh);

	if (u && n >= u) {
		if (!over)
			set_bit(IPVL_DEST_OVERLOAD, &dest->flags);
	} else if (over && (l ? n < l : !u || n * 4 < u * 3)) {
		clear_bit(IPVL_DEST_OVERLOAD, &dest->flags);
	}
}

static void ipvl_dest_apply(struct ipvl_dest *dest,
			    const struct ipvl_dest_conf *conf, u32 fwd)
{
	union ipvl_tun tun = {};

	tun.type = conf->tun_type;
	tun.flags = conf->tun_flags;
	tun.port = conf->tun_port;
	WRITE_ONCE(dest->fwd, fwd);
	WRITE_ONCE(dest->weight, conf->weight);
	if (conf->weight > 0)
		WRITE_ONCE(dest->last_weight, conf->weight);
	WRITE_ONCE(dest->u_thresh, conf->u_thresh);
	WRITE_ONCE(dest->l_thresh, conf->l_thresh);
	WRITE_ONCE(dest->tun.word, tun.word);
	ipvl_dest_overload_update(dest);
}

int ipvl_dest_add(struct ipvl_net *in, struct ipvl_service *svc,
		  const struct ipvl_dest_conf *conf,
		  struct netlink_ext_ack *extack)
{
	struct ipvl_dest *dest;
	int ret;

	lockdep_assert_held(&in->config_mutex);

	/* The caller found no such real server (netlink_svc.c). */
	ret = ipvl_dest_check(in, svc, conf, extack);
	if (ret)
		return ret;

	dest = kzalloc(sizeof(*dest), GFP_KERNEL_ACCOUNT);
	if (!dest)
		return -ENOMEM;
	ret = ipvl_stats_init(&dest->stats);
	if (ret) {
		kfree(dest);
		return ret;
	}
	spin_lock_init(&dest->dst_lock);
	dest->addr = conf->addr;
	dest->port = conf->port;
	dest->af = conf->af;
	ipvl_dest_apply(dest, conf, conf->fwd);
	write_pnet(&dest->net, in->net);
	refcount_set(&dest->refcnt, 1);
	spin_lock_bh(&ipvl_dests_lock);
	list_add(&dest->all, &ipvl_dests_all);
	spin_unlock_bh(&ipvl_dests_lock);
	set_bit(IPVL_DEST_AVAILABLE, &dest->flags);
	RCU_INIT_POINTER(dest->svc, svc);

	/*
	 * At the head, as IPVS: the same list order gives the same rr
	 * sequence and the same unsorted listing.
	 */
	list_add_rcu(&dest->list, &svc->dests);
	ret = ipvl_svc_update_sched(in, svc, extack);
	if (ret) {
		/* Never chosen: the scheduler kept its old state. */
		clear_bit(IPVL_DEST_AVAILABLE, &dest->flags);
		list_del_rcu(&dest->list);
		ipvl_dest_put(dest);
		return ret;
	}
	ipvl_est_add(in, &dest->stats);
	in->gen++;
	return 0;
}

/* @dest's configuration, to put back if a change fails. */
static void ipvl_dest_conf_get(const struct ipvl_dest *dest,
			       struct ipvl_dest_conf *conf)
{
	memset(conf, 0, sizeof(*conf));
	conf->addr = dest->addr;
	conf->port = dest->port;
	conf->af = dest->af;
	conf->fwd = dest->fwd;
	conf->weight = dest->weight;
	conf->u_thresh = dest->u_thresh;
	conf->l_thresh = dest->l_thresh;
	conf->tun_type = dest->tun.type;
	conf->tun_port = dest->tun.port;
	conf->tun_flags = dest->tun.flags;
}

/* As ipvsadm -e sends it: the whole destination is replaced. */
int ipvl_dest_edit(struct ipvl_net *in, struct ipvl_dest *dest,
		   const struct ipvl_dest_conf *conf,
		   struct netlink_ext_ack *extack)
{
	struct ipvl_dest_conf old;
	struct ipvl_service *svc;
	int last_weight;
	int ret;

	lockdep_assert_held(&in->config_mutex);

	svc = rcu_dereference_protected(dest->svc,
					lockdep_is_held(&in->config_mutex));
	ret = ipvl_dest_check(in, svc, conf, extack);
	if (ret)
		return ret;
	ipvl_dest_conf_get(dest, &old);
	last_weight = dest->last_weight;
	ipvl_dest_apply(dest, conf, conf->fwd);
	ret = ipvl_svc_update_sched(in, svc, extack);
	if (ret) {
		ipvl_dest_apply(dest, &old, old.fwd);
		WRITE_ONCE(dest->last_weight, last_weight);
		return ret;
	}
	in->gen++;
	return 0;
}

void ipvl_dest_del(struct ipvl_net *in, struct ipvl_dest *dest)
{
	struct ipvl_service *svc;

	svc = rcu_dereference_protected(dest->svc,
					lockdep_is_held(&in->config_mutex));
	ipvl_dest_unlink(in, svc, dest);
	/*
	 * Should the scheduler fail to rebuild, its old state stays: it
	 * holds a reference to @dest and never chooses it again (the
	 * AVAILABLE bit is clear).
	 */
	ipvl_svc_update_sched(in, svc, NULL);
}

/* Connection accounting ------------------------------------------------ */

/* A new connection (@tmpl: a template) of @dest's: counted inactive. */
void ipvl_dest_bind(struct ipvl_dest *dest, bool tmpl)
{
	atomic_inc(tmpl ? &dest->persistconns : &dest->inactconns);
	ipvl_dest_overload_update(dest);
}

/* ... and one going, counted where it was: a template, active or not. */
void ipvl_dest_unbind(struct ipvl_dest *dest, bool tmpl, bool active)
{
	if (tmpl)
		atomic_dec(&dest->persistconns);
	else if (active)
		atomic_dec(&dest->activeconns);
	else
		atomic_dec(&dest->inactconns);
	ipvl_dest_overload_update(dest);
}

/* A connection of @dest's moved into an active state, or out of one. */
void ipvl_dest_activate(struct ipvl_dest *dest, bool active)
{
	if (active) {
		atomic_inc(&dest->activeconns);
		atomic_dec(&dest->inactconns);
	} else {
		atomic_inc(&dest->inactconns);
		atomic_dec(&dest->activeconns);
	}
}
