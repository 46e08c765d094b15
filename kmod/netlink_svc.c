// SPDX-License-Identifier: GPL-2.0
/*
 * Services and their real servers: NEW, SET, DEL and GET_SERVICE and the
 * services' dump; NEW, SET and DEL_DEST and a service's real servers'
 * dump; ZERO and FLUSH, which act on the same tables.  service.c and
 * dest.c make the changes.
 *
 * Every command here runs under its namespace's config_mutex, which the
 * family's pre_doit took and its post_doit drops (netlink.h): what a
 * handler looked up stays in the tables until its reply, and the handlers
 * take no lock.  The two dumps share one walk, ipvl_nl_dump_walk(),
 * which takes the mutex itself for each message it fills and reads
 * &ipvl_net.gen under it: a message shows the tables at one instant, and
 * NLM_F_DUMP_INTR marks a dump that the tables changed under.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <net/genetlink.h>
#include <net/sock.h>

#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "service.h"
#include "netlink.h"

/*
 * A TUN real server's tunnel, as ipvsadm 1.31 allows it: IPIP, GUE to a
 * port, or GRE (the policy refuses other types); one checksum option,
 * remote checksum offload only for GUE.  IPVS itself refuses only GUE
 * without a port; the rest it would store and not carry, so it is
 * refused here.
 */
static int ipvl_nl_tun_check(struct nlattr **tb,
			     const struct ipvl_dest_conf *conf,
			     struct netlink_ext_ack *extack)
{
	if (conf->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GUE && !conf->tun_port) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IPVS_DEST_ATTR_TUN_TYPE],
				    "a GUE tunnel needs a port");
		return -EINVAL;
	}
	switch (conf->tun_flags) {
	case IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM:
		return 0;
	case IP_VS_TUNNEL_ENCAP_FLAG_CSUM:
		if (conf->tun_type != IP_VS_CONN_F_TUNNEL_TYPE_IPIP)
			return 0;
		break;
	case IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM:
		if (conf->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GUE)
			return 0;
		break;
	}
	NL_SET_ERR_MSG_ATTR(extack, tb[IPVS_DEST_ATTR_TUN_FLAGS],
			    "checksum option not carried by this tunnel type");
	return -EINVAL;
}

/* The destination a command names, with all its settings if @full. */
static int ipvl_nl_parse_dest(struct nlattr *nest, bool full, u16 svc_af,
			      struct ipvl_dest_conf *conf,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[IPVS_DEST_ATTR_MAX + 1];
	u32 weight;
	int ret;

	memset(conf, 0, sizeof(*conf));
	if (!nest) {
		NL_SET_ERR_MSG_MOD(extack, "a real server is required");
		NL_SET_ERR_ATTR_MISS(extack, NULL, IPVS_CMD_ATTR_DEST);
		return -EINVAL;
	}
	ret = nla_parse_nested_deprecated(tb, IPVS_DEST_ATTR_MAX, nest,
					  ipvl_dest_policy, extack);
	if (ret)
		return ret;

	if (IPVL_NEED(extack, tb, nest, IPVS_DEST_ATTR_ADDR) ||
	    IPVL_NEED(extack, tb, nest, IPVS_DEST_ATTR_PORT)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "a real server is an address and a port");
		return -EINVAL;
	}
	conf->af = svc_af;
	if (tb[IPVS_DEST_ATTR_ADDR_FAMILY] &&
	    nla_get_u16(tb[IPVS_DEST_ATTR_ADDR_FAMILY])) {
		ret = ipvl_nl_parse_af(tb[IPVS_DEST_ATTR_ADDR_FAMILY],
				       &conf->af, extack);
		if (ret)
			return ret;
	}
	ret = ipvl_nl_parse_addr(tb[IPVS_DEST_ATTR_ADDR], conf->af,
				 &conf->addr, extack);
	if (ret)
		return ret;
	conf->port = nla_get_be16(tb[IPVS_DEST_ATTR_PORT]);
	if (!full)
		return 0;

	if (IPVL_NEED(extack, tb, nest, IPVS_DEST_ATTR_FWD_METHOD) ||
	    IPVL_NEED(extack, tb, nest, IPVS_DEST_ATTR_WEIGHT) ||
	    IPVL_NEED(extack, tb, nest, IPVS_DEST_ATTR_U_THRESH) ||
	    IPVL_NEED(extack, tb, nest, IPVS_DEST_ATTR_L_THRESH)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "a real server needs a forwarding method, a weight and thresholds");
		return -EINVAL;
	}
	/* IPVS keeps only the method's bits of what it is given. */
	conf->fwd = nla_get_u32(tb[IPVS_DEST_ATTR_FWD_METHOD]) &
		    IP_VS_CONN_F_FWD_MASK;
	if (conf->fwd > IP_VS_CONN_F_DROUTE) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IPVS_DEST_ATTR_FWD_METHOD],
				    "forwarding method must be masquerading, local, tunnel or route");
		return -EINVAL;
	}
	/* The only check of the weight: dest.c takes it as an int. */
	weight = nla_get_u32(tb[IPVS_DEST_ATTR_WEIGHT]);
	if (weight > INT_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IPVS_DEST_ATTR_WEIGHT],
				    "weight must not be negative");
		return -ERANGE;
	}
	conf->weight = weight;
	conf->u_thresh = nla_get_u32(tb[IPVS_DEST_ATTR_U_THRESH]);
	conf->l_thresh = nla_get_u32(tb[IPVS_DEST_ATTR_L_THRESH]);
	if (conf->fwd != IP_VS_CONN_F_TUNNEL)
		return 0;

	if (tb[IPVS_DEST_ATTR_TUN_TYPE])
		conf->tun_type = nla_get_u8(tb[IPVS_DEST_ATTR_TUN_TYPE]);
	if (tb[IPVS_DEST_ATTR_TUN_PORT])
		conf->tun_port = nla_get_be16(tb[IPVS_DEST_ATTR_TUN_PORT]);
	if (tb[IPVS_DEST_ATTR_TUN_FLAGS])
		conf->tun_flags = nla_get_u16(tb[IPVS_DEST_ATTR_TUN_FLAGS]);
	return ipvl_nl_tun_check(tb, conf, extack);
}

/* Replies --------------------------------------------------------------- */

/* Index of a stats attribute in an array of their values. */
#define IPVL_STAT(type)		((type) - IPVS_STATS_ATTR_CONNS)

/*
 * One stats nest.  IPVS's 32-bit view (@all64 false) carries the byte
 * counters in 64 bits and cuts everything else to 32; STATS64 carries all
 * in 64 bits.  @v is indexed from IPVS_STATS_ATTR_CONNS.
 */
static int ipvl_nl_put_stats_nest(struct sk_buff *msg, int type,
				  const u64 *v, bool all64)
{
	struct nlattr *nest = nla_nest_start(msg, type);
	int a;

	if (!nest)
		return -EMSGSIZE;
	for (a = IPVS_STATS_ATTR_CONNS; a <= IPVS_STATS_ATTR_OUTBPS; a++) {
		u64 val = v[IPVL_STAT(a)];
		bool wide = all64 || a == IPVS_STATS_ATTR_INBYTES ||
			    a == IPVS_STATS_ATTR_OUTBYTES;

		if (wide ? nla_put_u64_64bit(msg, a, val, IPVS_STATS_ATTR_PAD) :
			   nla_put_u32(msg, a, (u32)val))
			return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int ipvl_nl_put_stats(struct sk_buff *msg, struct ipvl_stats *s,
			     int type32, int type64)
{
	struct ipvl_counters sum, rate;
	u64 v[IPVL_STAT(IPVS_STATS_ATTR_OUTBPS) + 1];

	ipvl_stats_read(s, &sum, &rate);
	v[IPVL_STAT(IPVS_STATS_ATTR_CONNS)] = sum.conns;
	v[IPVL_STAT(IPVS_STATS_ATTR_INPKTS)] = sum.inpkts;
	v[IPVL_STAT(IPVS_STATS_ATTR_OUTPKTS)] = sum.outpkts;
	v[IPVL_STAT(IPVS_STATS_ATTR_INBYTES)] = sum.inbytes;
	v[IPVL_STAT(IPVS_STATS_ATTR_OUTBYTES)] = sum.outbytes;
	v[IPVL_STAT(IPVS_STATS_ATTR_CPS)] = rate.conns;
	v[IPVL_STAT(IPVS_STATS_ATTR_INPPS)] = rate.inpkts;
	v[IPVL_STAT(IPVS_STATS_ATTR_OUTPPS)] = rate.outpkts;
	v[IPVL_STAT(IPVS_STATS_ATTR_INBPS)] = rate.inbytes;
	v[IPVL_STAT(IPVS_STATS_ATTR_OUTBPS)] = rate.outbytes;

	return ipvl_nl_put_stats_nest(msg, type32, v, false) ?:
	       ipvl_nl_put_stats_nest(msg, type64, v, true);
}

static int ipvl_nl_put_svc(struct sk_buff *msg, struct ipvl_net *in,
			   struct ipvl_service *svc)
{
	struct ip_vs_flags flags = {
		.flags = svc->flags,
		.mask = ~0U,
	};
	const struct ipvl_scheduler *sched;
	struct nlattr *nest;

	sched = rcu_dereference_protected(svc->sched,
					  lockdep_is_held(&in->config_mutex))->ops;
	nest = nla_nest_start(msg, IPVS_CMD_ATTR_SERVICE);
	if (!nest || nla_put_u16(msg, IPVS_SVC_ATTR_AF, svc->key.af))
		return -EMSGSIZE;
	if (svc->key.fwmark) {
		if (nla_put_u32(msg, IPVS_SVC_ATTR_FWMARK, svc->key.fwmark))
			return -EMSGSIZE;
	} else if (nla_put_u16(msg, IPVS_SVC_ATTR_PROTOCOL,
			       svc->key.protocol) ||
		   nla_put(msg, IPVS_SVC_ATTR_ADDR, sizeof(svc->key.addr),
			   &svc->key.addr) ||
		   nla_put_be16(msg, IPVS_SVC_ATTR_PORT, svc->key.port)) {
		return -EMSGSIZE;
	}
	if (nla_put_string(msg, IPVS_SVC_ATTR_SCHED_NAME,
			   sched->name) ||
	    nla_put(msg, IPVS_SVC_ATTR_FLAGS, sizeof(flags), &flags) ||
	    nla_put_u32(msg, IPVS_SVC_ATTR_TIMEOUT, svc->timeout) ||
	    nla_put_u32(msg, IPVS_SVC_ATTR_NETMASK, svc->netmask) ||
	    ipvl_nl_put_stats(msg, &svc->stats, IPVS_SVC_ATTR_STATS,
			      IPVS_SVC_ATTR_STATS64))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	if (!ipvl_compat && sched->param_attr &&
	    nla_put_u32(msg, sched->param_attr, svc->sched_param))
		return -EMSGSIZE;
	return 0;
}

static int ipvl_nl_put_dest(struct sk_buff *msg, struct ipvl_dest *dest)
{
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_DEST);

	if (!nest ||
	    nla_put(msg, IPVS_DEST_ATTR_ADDR, sizeof(dest->addr), &dest->addr) ||
	    nla_put_u16(msg, IPVS_DEST_ATTR_ADDR_FAMILY, dest->af) ||
	    nla_put_be16(msg, IPVS_DEST_ATTR_PORT, dest->port) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_FWD_METHOD, dest->fwd) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_WEIGHT, dest->weight) ||
	    nla_put_u8(msg, IPVS_DEST_ATTR_TUN_TYPE, dest->tun.type) ||
	    nla_put_be16(msg, IPVS_DEST_ATTR_TUN_PORT, dest->tun.port) ||
	    nla_put_u16(msg, IPVS_DEST_ATTR_TUN_FLAGS, dest->tun.flags) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_U_THRESH, dest->u_thresh) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_L_THRESH, dest->l_thresh) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_ACTIVE_CONNS,
			atomic_read(&dest->activeconns)) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_INACT_CONNS,
			atomic_read(&dest->inactconns)) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_PERSIST_CONNS,
			atomic_read(&dest->persistconns)) ||
	    ipvl_nl_put_stats(msg, &dest->stats, IPVS_DEST_ATTR_STATS,
			      IPVS_DEST_ATTR_STATS64))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/* Services ------------------------------------------------------------- */

/*
 * Parse @info's service and find it: *@svcp is NULL where it does not
 * exist.
 */
static int ipvl_nl_find_svc(struct genl_info *info, bool full,
			    struct ipvl_svc_conf *conf,
			    struct ipvl_service **svcp)
{
	struct ipvl_net *in = ipvl_nl_locked(info);
	int ret;

	ret = ipvl_nl_parse_svc(info->attrs[IPVS_CMD_ATTR_SERVICE], full, conf,
				info->extack);
	if (ret)
		return ret;
	if (full)
		conf->attrs = info->attrs;
	*svcp = ipvl_svc_find(in, &conf->key);
	return 0;
}

static int ipvl_no_svc(struct genl_info *info)
{
	NL_SET_ERR_MSG_MOD(info->extack, "no such service");
	return -ESRCH;
}

int ipvl_nl_new_service(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_nl_locked(info);
	struct ipvl_svc_conf conf;
	struct ipvl_service *svc;
	int ret;

	ret = ipvl_nl_find_svc(info, true, &conf, &svc);
	if (ret)
		return ret;
	/* The only check: before those of the settings, as IPVS's. */
	if (svc) {
		NL_SET_ERR_MSG_MOD(info->extack, "service already exists");
		return -EEXIST;
	}
	return ipvl_svc_add(in, &conf, info->extack);
}

int ipvl_nl_set_service(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_nl_locked(info);
	struct ipvl_svc_conf conf;
	struct ipvl_service *svc;
	int ret;

	ret = ipvl_nl_find_svc(info, true, &conf, &svc);
	if (ret)
		return ret;
	return svc ? ipvl_svc_edit(in, svc, &conf, info->extack) :
		     ipvl_no_svc(info);
}

int ipvl_nl_del_service(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_nl_locked(info);
	struct ipvl_svc_conf conf;
	struct ipvl_service *svc;
	int ret;

	ret = ipvl_nl_find_svc(info, false, &conf, &svc);
	if (ret)
		return ret;
	if (!svc)
		return ipvl_no_svc(info);
	ipvl_svc_del(in, svc);
	return 0;
}

static int ipvl_fill_svc(struct sk_buff *msg, struct genl_info *info,
			 void *arg)
{
	return ipvl_nl_put_svc(msg, ipvl_net(genl_info_net(info)), arg);
}

int ipvl_nl_get_service(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_svc_conf conf;
	struct ipvl_service *svc;
	int ret;

	ret = ipvl_nl_find_svc(info, false, &conf, &svc);
	if (ret)
		return ret;
	return svc ? ipvl_nl_reply(info, IPVS_CMD_NEW_SERVICE, ipvl_fill_svc,
				   svc) :
		     ipvl_no_svc(info);
}

/**
 * struct ipvl_dump_ctx - where a dump goes on in its next message
 * @idx: entries sent so far
 */
struct ipvl_dump_ctx {
	unsigned int idx;
};

static struct ipvl_dump_ctx *ipvl_dump_ctx(struct netlink_callback *cb)
{
	BUILD_BUG_ON(sizeof(struct ipvl_dump_ctx) > sizeof(cb->ctx));
	return (struct ipvl_dump_ctx *)cb->ctx;
}

/**
 * struct ipvl_nl_walk - a dump of one of the tables' lists
 * @cmd: the command of each entry's message
 * @list: the list, or NULL for none (an empty dump).  config_mutex held;
 *	@key is the service the dump names, if it names one
 * @put: put the entry at @pos into @msg
 */
struct ipvl_nl_walk {
	u8 cmd;
	struct list_head *(*list)(struct ipvl_net *in,
				  const struct ipvl_svc_key *key);
	int (*put)(struct sk_buff *msg, struct ipvl_net *in,
		   struct list_head *pos);
};

/*
 * The next message's worth of @w's list: the entries after those the
 * dump sent before, under config_mutex so that the message shows the
 * tables at one instant.  &ipvl_net.gen, read under it, tells the dump
 * whether they changed since its last message (NLM_F_DUMP_INTR).
 */
static int ipvl_nl_dump_walk(struct sk_buff *skb, struct netlink_callback *cb,
			     const struct ipvl_nl_walk *w,
			     const struct ipvl_svc_key *key)
{
	struct ipvl_net *in = ipvl_net(sock_net(skb->sk));
	struct ipvl_dump_ctx *ctx = ipvl_dump_ctx(cb);
	struct list_head *head, *pos;
	unsigned int i = 0;

	mutex_lock(&in->config_mutex);
	cb->seq = in->gen;
	head = w->list(in, key);
	if (!head)
		goto unlock;
	list_for_each(pos, head) {
		void *hdr;

		if (i++ < ctx->idx)
			continue;
		hdr = ipvl_dump_put(skb, cb, w->cmd);
		if (!hdr)
			break;
		if (w->put(skb, in, pos)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		ctx->idx++;
	}
unlock:
	mutex_unlock(&in->config_mutex);
	return skb->len;
}

static struct list_head *ipvl_walk_services(struct ipvl_net *in,
					    const struct ipvl_svc_key *key)
{
	lockdep_assert_held(&in->config_mutex);
	return &in->services;
}

static int ipvl_walk_put_svc(struct sk_buff *msg, struct ipvl_net *in,
			     struct list_head *pos)
{
	return ipvl_nl_put_svc(msg, in,
			       list_entry(pos, struct ipvl_service, list));
}

static const struct ipvl_nl_walk ipvl_services_walk = {
	.cmd = IPVS_CMD_NEW_SERVICE,
	.list = ipvl_walk_services,
	.put = ipvl_walk_put_svc,
};

int ipvl_nl_dump_services(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *attrs[IPVL_CMD_ATTR_MAX + 1];

	return ipvl_nl_dump_attrs(cb, attrs) ?:
	       ipvl_nl_dump_walk(skb, cb, &ipvl_services_walk, NULL);
}

/* Destinations ---------------------------------------------------------- */

/*
 * Find @info's service (ESRCH if none, as IPVS), parse its real server
 * and find it: *@destp is NULL where it does not exist.
 */
static int ipvl_nl_find_dest(struct genl_info *info, bool full,
			     struct ipvl_service **svcp,
			     struct ipvl_dest_conf *dconf,
			     struct ipvl_dest **destp)
{
	struct ipvl_svc_conf conf;
	int ret;

	ret = ipvl_nl_find_svc(info, false, &conf, svcp);
	if (ret)
		return ret;
	if (!*svcp)
		return ipvl_no_svc(info);
	ret = ipvl_nl_parse_dest(info->attrs[IPVS_CMD_ATTR_DEST], full,
				 (*svcp)->key.af, dconf, info->extack);
	if (ret)
		return ret;
	*destp = ipvl_dest_find(*svcp, &dconf->addr, dconf->port, dconf->af);
	return 0;
}

static int ipvl_no_dest(struct genl_info *info)
{
	NL_SET_ERR_MSG_MOD(info->extack, "no such real server");
	return -ENOENT;
}

int ipvl_nl_new_dest(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_nl_locked(info);
	struct ipvl_dest_conf conf;
	struct ipvl_service *svc;
	struct ipvl_dest *dest;
	int ret;

	ret = ipvl_nl_find_dest(info, true, &svc, &conf, &dest);
	if (ret)
		return ret;
	/* The only check: before ipvl_dest_add()'s of the settings. */
	if (dest) {
		NL_SET_ERR_MSG_MOD(info->extack, "real server already exists");
		return -EEXIST;
	}
	return ipvl_dest_add(in, svc, &conf, info->extack);
}

int ipvl_nl_set_dest(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_nl_locked(info);
	struct ipvl_dest_conf conf;
	struct ipvl_service *svc;
	struct ipvl_dest *dest;
	int ret;

	ret = ipvl_nl_find_dest(info, true, &svc, &conf, &dest);
	if (ret)
		return ret;
	return dest ? ipvl_dest_edit(in, dest, &conf, info->extack) :
		      ipvl_no_dest(info);
}

int ipvl_nl_del_dest(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_nl_locked(info);
	struct ipvl_dest_conf conf;
	struct ipvl_service *svc;
	struct ipvl_dest *dest;
	int ret;

	ret = ipvl_nl_find_dest(info, false, &svc, &conf, &dest);
	if (ret)
		return ret;
	if (!dest)
		return ipvl_no_dest(info);
	ipvl_dest_del(in, dest);
	return 0;
}

/* The real servers of the service @key names, if it exists. */
static struct list_head *ipvl_walk_dests(struct ipvl_net *in,
					 const struct ipvl_svc_key *key)
{
	struct ipvl_service *svc;

	lockdep_assert_held(&in->config_mutex);
	svc = ipvl_svc_find(in, key);
	return svc ? &svc->dests : NULL;
}

static int ipvl_walk_put_dest(struct sk_buff *msg, struct ipvl_net *in,
			      struct list_head *pos)
{
	return ipvl_nl_put_dest(msg, list_entry(pos, struct ipvl_dest, list));
}

static const struct ipvl_nl_walk ipvl_dests_walk = {
	.cmd = IPVS_CMD_NEW_DEST,
	.list = ipvl_walk_dests,
	.put = ipvl_walk_put_dest,
};

/* The service's destinations; none (not an error) if it does not exist. */
int ipvl_nl_dump_dests(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *attrs[IPVL_CMD_ATTR_MAX + 1];
	struct ipvl_svc_conf conf;

	return ipvl_nl_dump_attrs(cb, attrs) ?:
	       ipvl_nl_parse_svc(attrs[IPVS_CMD_ATTR_SERVICE], false, &conf,
				 cb->extack) ?:
	       ipvl_nl_dump_walk(skb, cb, &ipvl_dests_walk, &conf.key);
}

/* Zero and flush -------------------------------------------------------- */

static void ipvl_zero_svc(struct ipvl_service *svc)
{
	struct ipvl_dest *dest;

	lockdep_assert_held(&svc->in->config_mutex);

	ipvl_stats_zero(&svc->stats);
	list_for_each_entry(dest, &svc->dests, list)
		ipvl_stats_zero(&dest->stats);
}

/* With a service, its counters and its destinations'; without, all. */
int ipvl_nl_zero(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_nl_locked(info);
	struct ipvl_svc_conf conf;
	struct ipvl_service *svc;
	int ret;

	if (!info->attrs[IPVS_CMD_ATTR_SERVICE]) {
		list_for_each_entry(svc, &in->services, list)
			ipvl_zero_svc(svc);
		return 0;
	}

	ret = ipvl_nl_find_svc(info, false, &conf, &svc);
	if (ret)
		return ret;
	if (!svc)
		return ipvl_no_svc(info);
	ipvl_zero_svc(svc);
	return 0;
}

int ipvl_nl_flush(struct sk_buff *skb, struct genl_info *info)
{
	ipvl_svc_flush(ipvl_nl_locked(info));
	return 0;
}
