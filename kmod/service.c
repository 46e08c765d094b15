// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual services: their table, configuration and scheduler.
 *
 * Writers hold &ipvl_net.config_mutex.  The packet path finds a service in
 * &ipvl_net.svc_ht (an rhashtable: resizable, randomly seeded, RCU lookups)
 * and walks its destinations under RCU.  Lifetimes: service.h, dest.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/rculist.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/route.h>

#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "service.h"

static const struct rhashtable_params ipvl_svc_params = {
	.head_offset = offsetof(struct ipvl_service, node),
	.key_offset = offsetof(struct ipvl_service, key),
	.key_len = sizeof(struct ipvl_svc_key),
	.automatic_shrinking = true,
};

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

/*
 * The namespace is going (pernet pre_exit): every service goes, and the
 * last one takes the hooks out.  Packets already inside them run on: the
 * namespace core waits a grace period before ipvl_services_exit().
 */
void ipvl_services_unhook(struct ipvl_net *in)
{
	ipvl_est_stop(in);
	mutex_lock(&in->config_mutex);
	ipvl_svc_flush(in);
	mutex_unlock(&in->config_mutex);
	WARN_ON_ONCE(in->hooks);
}

/* A grace period after ipvl_services_unhook(): no packet can look. */
void ipvl_services_exit(struct ipvl_net *in)
{
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
	return 0;
}

#define IPVL_SVC_F_SCHED_ALL \
	(IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 | IP_VS_SVC_F_SCHED3)

/*
 * The scheduler @conf names, if it exists and understands the flags and
 * the parameter given.  *@param: the service's parameter (0 for a new
 * service); on return, the one the scheduler is to use: the one given,
 * else the service's (kept across scheduler switches, as mh's table size
 * always was), else the scheduler's default.
 */
static const struct ipvl_scheduler *
ipvl_svc_conf_sched(const struct ipvl_svc_conf *conf, u32 flags,
		    u32 *param, struct netlink_ext_ack *extack)
{
	const struct ipvl_scheduler *sched;
	int ret;

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
	if (!*param)
		*param = sched->param_default;
	ret = ipvl_sched_param(sched, conf->attrs, param, extack);
	return ret ? ERR_PTR(ret) : sched;
}

/* Tell the scheduler the destinations changed.  config_mutex held. */
int ipvl_svc_update_sched(struct ipvl_net *in, struct ipvl_service *svc,
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
	struct ipvl_service *svc;
	struct ipvl_sched *s;
	u32 param = 0;
	u32 flags;
	int ret;

	lockdep_assert_held(&in->config_mutex);

	flags = conf->flags & conf->flags_mask & ~IP_VS_SVC_F_HASHED;
	ret = ipvl_svc_check(&conf->key, flags, conf->timeout, extack);
	if (ret)
		return ret;
	sched = ipvl_svc_conf_sched(conf, flags, &param, extack);
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
	svc->sched_param = param;
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

	/*
	 * The caller found no service of this key (netlink_svc.c says so);
	 * the insert refuses a duplicate all the same.
	 */
	ret = rhashtable_lookup_insert_fast(&in->svc_ht, &svc->node,
					    ipvl_svc_params);
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
 * A new scheduler (or scheduler parameter) is built before it replaces
 * the old one, so a failure changes nothing.
 */
int ipvl_svc_edit(struct ipvl_net *in, struct ipvl_service *svc,
		  const struct ipvl_svc_conf *conf,
		  struct netlink_ext_ack *extack)
{
	struct ipvl_sched *old = ipvl_svc_sched(in, svc), *s;
	const struct ipvl_scheduler *sched;
	u32 param = svc->sched_param;
	u32 flags;
	int ret;

	lockdep_assert_held(&in->config_mutex);

	flags = (svc->flags & ~conf->flags_mask) |
		(conf->flags & conf->flags_mask);
	flags &= ~IP_VS_SVC_F_HASHED;
	ret = ipvl_svc_check(&svc->key, flags, conf->timeout, extack);
	if (ret)
		return ret;
	sched = ipvl_svc_conf_sched(conf, flags, &param, extack);
	if (IS_ERR(sched))
		return PTR_ERR(sched);

	if (sched != old->ops || param != svc->sched_param) {
		u32 old_param = svc->sched_param;

		svc->sched_param = param;
		s = ipvl_sched_new(svc, sched);
		if (IS_ERR(s)) {
			svc->sched_param = old_param;
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
