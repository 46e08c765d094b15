// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual services and their destinations (real servers).
 *
 * Writers hold &ipvl_net.config_mutex.  The packet path finds a service in
 * &ipvl_net.svc_ht (an rhashtable: resizable, randomly seeded, RCU lookups)
 * and walks its destinations under RCU.  See ipvs_lite.h for lifetimes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/rculist.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/route.h>

#include "ipvs_lite.h"

static const struct rhashtable_params ipvl_svc_params = {
	.head_offset = offsetof(struct ipvl_service, node),
	.key_offset = offsetof(struct ipvl_service, key),
	.key_len = sizeof(struct ipvl_svc_key),
	.automatic_shrinking = true,
};

static struct ipvl_sched *ipvl_svc_sched(const struct ipvl_net *in,
					 const struct ipvl_service *svc)
{
	return rcu_dereference_protected(svc->sched,
					 lockdep_is_held(&in->config_mutex));
}

int ipvl_services_init(struct ipvl_net *in)
{
	int ret;

	INIT_LIST_HEAD(&in->services);
	ret = rhashtable_init(&in->svc_ht, &ipvl_svc_params);
	if (ret)
		return ret;
	ipvl_est_start(in);
	return 0;
}

void ipvl_services_exit(struct ipvl_net *in)
{
	ipvl_est_stop(in);
	mutex_lock(&in->config_mutex);
	ipvl_svc_flush(in);
	mutex_unlock(&in->config_mutex);
	rhashtable_destroy(&in->svc_ht);
}

/* Callers hold config_mutex or rcu_read_lock(). */
struct ipvl_service *ipvl_svc_find(struct ipvl_net *in,
				   const struct ipvl_svc_key *key)
{
	return rhashtable_lookup_fast(&in->svc_ht, key, ipvl_svc_params);
}

static void ipvl_svc_free_rcu(struct rcu_head *head)
{
	struct ipvl_service *svc = container_of(head, struct ipvl_service, rcu);

	ipvl_stats_free(&svc->stats);
	kfree(svc);
}

/*
 * The services a packet that matches no service exactly may fall back to
 * (core.c): @in's count of port-21 TCP services, for FTP data, and of
 * port-0 services.  config_mutex.
 */
static void ipvl_svc_count_fallback(struct ipvl_net *in,
				    const struct ipvl_service *svc, int n)
{
	lockdep_assert_held(&in->config_mutex);

	if (svc->key.fwmark)
		return;
	if (svc->key.port == IPVL_FTP_PORT && svc->key.protocol == IPPROTO_TCP)
		WRITE_ONCE(in->ftp_services, in->ftp_services + n);
	else if (!svc->key.port)
		WRITE_ONCE(in->port0_services, in->port0_services + n);
}

/*
 * IPVS's rules (a service without a port must be persistent, one-packet
 * scheduling is for UDP), and a persistence timeout ipvsadm could set.
 */
static int ipvl_svc_check(const struct ipvl_svc_key *key, u32 flags,
			  u32 timeout, struct netlink_ext_ack *extack)
{
	if ((flags & IP_VS_SVC_F_PERSISTENT) &&
	    (!timeout || timeout > IPVS_LITE_PERSIST_MAX)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "a persistence timeout is 1 to 2678400 seconds (31 days)");
		return -EINVAL;
	}
	if (!key->fwmark && !key->port && !(flags & IP_VS_SVC_F_PERSISTENT)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "port 0 is only for persistent services");
		return -EINVAL;
	}
	if ((flags & IP_VS_SVC_F_ONEPACKET) && !key->fwmark &&
	    key->protocol != IPPROTO_UDP) {
		NL_SET_ERR_MSG_MOD(extack,
				   "one-packet scheduling is only for UDP and fwmark services");
		return -EINVAL;
	}
	/* No IPv6 hooks: its clients would reach the local stack. */
	if (key->af != AF_INET) {
		NL_SET_ERR_MSG_MOD(extack, "IPv6 services are not supported yet");
		return -EOPNOTSUPP;
	}
	return 0;
}

#define IPVL_SVC_F_SCHED_ALL \
	(IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 | IP_VS_SVC_F_SCHED3)

/*
 * The scheduler @conf names, if it exists and understands the flags and
 * the table size given.  *@mh_size: the size mh is to use.
 */
static const struct ipvl_scheduler *
ipvl_svc_conf_sched(const struct ipvl_svc_conf *conf, u32 flags,
		    u32 *mh_size, struct netlink_ext_ack *extack)
{
	const struct ipvl_scheduler *sched;

	sched = ipvl_sched_find(conf->sched_name);
	if (!sched) {
		NL_SET_ERR_MSG_MOD(extack, "unknown scheduler");
		return ERR_PTR(-ENOENT);
	}
	if (flags & IPVL_SVC_F_SCHED_ALL & ~sched->flags) {
		NL_SET_ERR_MSG_MOD(extack,
				   "scheduler flags not known to this scheduler");
		return ERR_PTR(-EINVAL);
	}
	if (conf->mh_size) {
		if (sched != &ipvl_sched_mh) {
			NL_SET_ERR_MSG_MOD(extack,
					   "a lookup table size is only for the mh scheduler");
			return ERR_PTR(-EINVAL);
		}
		if (!ipvs_lite_mh_size_ok(conf->mh_size)) {
			NL_SET_ERR_MSG_MOD(extack,
					   "mh table size must be a prime from 251 to 1048573");
			return ERR_PTR(-EINVAL);
		}
		*mh_size = conf->mh_size;
	}
	return sched;
}

/* Tell the scheduler the destinations changed.  config_mutex held. */
static int ipvl_svc_update_sched(struct ipvl_net *in,
				 struct ipvl_service *svc,
				 struct netlink_ext_ack *extack)
{
	struct ipvl_sched *s = ipvl_svc_sched(in, svc);
	int ret;

	if (!s->ops->update)
		return 0;
	ret = s->ops->update(svc, s->priv);
	if (ret)
		NL_SET_ERR_MSG_MOD(extack,
				   "the scheduler cannot rebuild its table");
	return ret;
}

int ipvl_svc_add(struct ipvl_net *in, const struct ipvl_svc_conf *conf,
		 struct netlink_ext_ack *extack)
{
	const struct ipvl_scheduler *sched;
	u32 mh_size = IPVS_LITE_MH_SIZE_DEFAULT;
	struct ipvl_service *svc;
	struct ipvl_sched *s;
	u32 flags;
	int ret;

	lockdep_assert_held(&in->config_mutex);

	flags = conf->flags & conf->flags_mask & ~IP_VS_SVC_F_HASHED;
	ret = ipvl_svc_check(&conf->key, flags, conf->timeout, extack);
	if (ret)
		return ret;
	sched = ipvl_svc_conf_sched(conf, flags, &mh_size, extack);
	if (IS_ERR(sched))
		return PTR_ERR(sched);

	/* The first service brings the packet path. */
	ret = ipvl_hooks_get(in, extack);
	if (ret)
		return ret;
	ret = -ENOMEM;
	svc = kzalloc(sizeof(*svc), GFP_KERNEL_ACCOUNT);
	if (!svc)
		goto err_hooks;
	svc->in = in;
	svc->key = conf->key;
	svc->flags = flags;
	svc->timeout = conf->timeout;
	svc->netmask = conf->netmask;
	svc->mh_size = mh_size;
	INIT_LIST_HEAD(&svc->dests);
	spin_lock_init(&svc->sched_lock);
	ret = ipvl_stats_init(&svc->stats);
	if (ret)
		goto err_free;
	s = ipvl_sched_new(svc, sched);
	if (IS_ERR(s)) {
		ret = PTR_ERR(s);
		goto err_stats;
	}
	RCU_INIT_POINTER(svc->sched, s);

	/* The caller found no service of this key (netlink_svc.c). */
	ret = rhashtable_insert_fast(&in->svc_ht, &svc->node, ipvl_svc_params);
	if (ret)
		goto err_sched;
	list_add_tail_rcu(&svc->list, &in->services);
	in->num_services++;
	ipvl_svc_count_fallback(in, svc, 1);
	in->gen++;
	ipvl_est_add(in, &svc->stats);
	return 0;

err_sched:
	ipvl_sched_free(svc, s);
err_stats:
	ipvl_stats_free(&svc->stats);
err_free:
	kfree(svc);
err_hooks:
	ipvl_hooks_put(in);
	return ret;
}

/*
 * Everything a command gives is applied, as IPVS does (ipvsadm -E sends
 * the whole service): scheduler, flags under their mask, timeout, mask.
 * A new scheduler (or mh table size) is built before it replaces the old
 * one, so a failure changes nothing.
 */
int ipvl_svc_edit(struct ipvl_net *in, struct ipvl_service *svc,
		  const struct ipvl_svc_conf *conf,
		  struct netlink_ext_ack *extack)
{
	struct ipvl_sched *old = ipvl_svc_sched(in, svc), *s;
	const struct ipvl_scheduler *sched;
	u32 mh_size = svc->mh_size;
	u32 flags;
	int ret;

	lockdep_assert_held(&in->config_mutex);

	flags = (svc->flags & ~conf->flags_mask) |
		(conf->flags & conf->flags_mask);
	flags &= ~IP_VS_SVC_F_HASHED;
	ret = ipvl_svc_check(&svc->key, flags, conf->timeout, extack);
	if (ret)
		return ret;
	sched = ipvl_svc_conf_sched(conf, flags, &mh_size, extack);
	if (IS_ERR(sched))
		return PTR_ERR(sched);

	if (sched != old->ops || mh_size != svc->mh_size) {
		u32 old_size = svc->mh_size;

		svc->mh_size = mh_size;
		s = ipvl_sched_new(svc, sched);
		if (IS_ERR(s)) {
			svc->mh_size = old_size;
			NL_SET_ERR_MSG_MOD(extack,
					   "cannot set up the scheduler");
			return PTR_ERR(s);
		}
		rcu_assign_pointer(svc->sched, s);
		ipvl_sched_free(svc, old);
	}
	WRITE_ONCE(svc->flags, flags);
	WRITE_ONCE(svc->timeout, conf->timeout);
	WRITE_ONCE(svc->netmask, conf->netmask);
	in->gen++;
	return 0;
}

static void ipvl_dest_unlink(struct ipvl_net *in, struct ipvl_service *svc,
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

void ipvl_svc_del(struct ipvl_net *in, struct ipvl_service *svc)
{
	struct ipvl_dest *dest, *tmp;

	lockdep_assert_held(&in->config_mutex);

	rhashtable_remove_fast(&in->svc_ht, &svc->node, ipvl_svc_params);
	ipvl_est_del(in, &svc->stats);
	list_del_rcu(&svc->list);
	in->num_services--;
	ipvl_svc_count_fallback(in, svc, -1);
	in->gen++;
	list_for_each_entry_safe(dest, tmp, &svc->dests, list) {
		/* Its connections' packets are dropped as "no service". */
		set_bit(IPVL_DEST_SVC_GONE, &dest->flags);
		ipvl_dest_unlink(in, svc, dest);
	}
	ipvl_sched_free(svc, ipvl_svc_sched(in, svc));
	/* Unreachable now: RCU readers that found it finish first. */
	call_rcu(&svc->rcu, ipvl_svc_free_rcu);
	ipvl_hooks_put(in);
}

void ipvl_svc_flush(struct ipvl_net *in)
{
	struct ipvl_service *svc, *tmp;

	lockdep_assert_held(&in->config_mutex);

	list_for_each_entry_safe(svc, tmp, &in->services, list)
		ipvl_svc_del(in, svc);
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

void ipvl_dest_put(struct ipvl_dest *dest)
{
	if (refcount_dec_and_test(&dest->refcnt))
		call_rcu(&dest->rcu, ipvl_dest_free_rcu);
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
	/* The transmitters are IPv4's only: an IPv6 address is not routed. */
	if (conf->af != AF_INET) {
		NL_SET_ERR_MSG_MOD(extack,
				   "IPv6 real servers are not supported yet");
		return -EOPNOTSUPP;
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
	} else if (!(ipv6_addr_type(&conf->addr.in6) & IPV6_ADDR_UNICAST)) {
		NL_SET_ERR_MSG_MOD(extack, "real server address is not unicast");
		return -EINVAL;
	}
	return 0;
}

/*
 * As IPVS when a real server's thresholds are set: overloaded at or over
 * the upper one, no longer below the lower one (3/4 of the upper if 0),
 * unchanged in between.  So raising -x above the connections a server
 * has lets it take new ones at once.  The packet path checks again as
 * connections come and go.
 */
static void ipvl_dest_overload_check(struct ipvl_dest *dest)
{
	u32 n = atomic_read(&dest->activeconns) +
		atomic_read(&dest->inactconns);
	u32 u = dest->u_thresh;
	u32 l = dest->l_thresh;

	if (u && n >= u)
		set_bit(IPVL_DEST_OVERLOAD, &dest->flags);
	else if (l ? n < l : !u || n * 4 < u * 3)
		clear_bit(IPVL_DEST_OVERLOAD, &dest->flags);
}

static void ipvl_dest_apply(struct ipvl_dest *dest,
			    const struct ipvl_dest_conf *conf, u32 fwd)
{
	WRITE_ONCE(dest->fwd, fwd);
	WRITE_ONCE(dest->weight, conf->weight);
	if (conf->weight > 0)
		WRITE_ONCE(dest->last_weight, conf->weight);
	WRITE_ONCE(dest->u_thresh, conf->u_thresh);
	WRITE_ONCE(dest->l_thresh, conf->l_thresh);
	WRITE_ONCE(dest->tun_type, conf->tun_type);
	WRITE_ONCE(dest->tun_port, conf->tun_port);
	WRITE_ONCE(dest->tun_flags, conf->tun_flags);
	ipvl_dest_overload_check(dest);
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
	refcount_set(&dest->refcnt, 1);
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
	conf->tun_type = dest->tun_type;
	conf->tun_port = dest->tun_port;
	conf->tun_flags = dest->tun_flags;
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
