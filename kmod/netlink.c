// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family: IPVS's protocol, version 1, per namespace.
 *
 * Validation: the policies below own types, lengths and ranges.  The core
 * checks them leniently first (IPVS's tools nest attributes without
 * NLA_F_NESTED, which a strict core check would refuse), then each handler
 * checks the whole message again with every strict rule but that one
 * (ipvl_nl_check(), or ipvl_nl_dump_attrs() for dumps): unknown attributes,
 * trailing bytes and wrongly sized integers are refused with an extack
 * message.  The handlers own the semantics, and every refusal of theirs
 * carries an extack message too.
 *
 * Permission (admin.c) is checked before anything else: for commands by
 * the family's pre_doit, which also opens the namespace's memory cgroup
 * charging scope that post_doit closes (memcg.c); for dumps when each
 * message of the dump is filled.
 *
 * Every command runs under the namespace's config_mutex, dumps included,
 * so that a dump sees each message's worth of the tables at one instant;
 * &ipvl_net.gen tells a dump that spans several messages that the tables
 * changed in between (NLM_F_DUMP_INTR).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <net/genetlink.h>
#include <net/sock.h>

#include "ipvs_lite.h"
#include "netlink.h"

/* Every strict check but the one on NLA_F_NESTED (see above). */
#define IPVL_NL_VALIDATE	(NL_VALIDATE_STRICT & ~NL_VALIDATE_NESTED)

static struct netlink_range_validation ipvl_timeout_range = {
	.min = 0,
	.max = INT_MAX / HZ,
};

static const struct nla_policy ipvl_svc_policy[IPVS_SVC_ATTR_MAX + 1] = {
	[IPVS_SVC_ATTR_AF] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_PROTOCOL] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_ADDR] = { .type = NLA_BINARY,
				 .len = sizeof(union nf_inet_addr) },
	[IPVS_SVC_ATTR_PORT] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_FWMARK] = { .type = NLA_U32 },
	[IPVS_SVC_ATTR_SCHED_NAME] = { .type = NLA_NUL_STRING,
				       .len = IP_VS_SCHEDNAME_MAXLEN - 1 },
	[IPVS_SVC_ATTR_FLAGS] =
		NLA_POLICY_EXACT_LEN(sizeof(struct ip_vs_flags)),
	[IPVS_SVC_ATTR_TIMEOUT] = { .type = NLA_U32 },
	[IPVS_SVC_ATTR_NETMASK] = { .type = NLA_U32 },
	[IPVS_SVC_ATTR_PE_NAME] = { .type = NLA_NUL_STRING,
				    .len = IP_VS_PENAME_MAXLEN - 1 },
};

const struct nla_policy ipvl_dest_policy[IPVS_DEST_ATTR_MAX + 1] = {
	[IPVS_DEST_ATTR_ADDR] = { .type = NLA_BINARY,
				  .len = sizeof(union nf_inet_addr) },
	[IPVS_DEST_ATTR_PORT] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_FWD_METHOD] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_WEIGHT] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_U_THRESH] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_L_THRESH] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_ADDR_FAMILY] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_TUN_TYPE] =
		NLA_POLICY_MAX(NLA_U8, IP_VS_CONN_F_TUNNEL_TYPE_MAX - 1),
	[IPVS_DEST_ATTR_TUN_PORT] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_TUN_FLAGS] =
		NLA_POLICY_MASK(NLA_U16, IP_VS_TUNNEL_ENCAP_FLAG_CSUM |
					 IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM),
};

static struct netlink_range_validation ipvl_conn_max_range = {
	.min = 1,
	.max = IPVL_CONN_MAX_LIMIT,
};

const struct nla_policy ipvl_filter_policy[IPVS_LITE_FILTER_ATTR_MAX + 1] = {
	[IPVS_LITE_FILTER_ATTR_STATE] =
		NLA_POLICY_MAX(NLA_U8, IPVS_LITE_S_MAX - 1),
	[IPVS_LITE_FILTER_ATTR_AF] = { .type = NLA_U16 },
	[IPVS_LITE_FILTER_ATTR_CLIENT] = { .type = NLA_BINARY,
					   .len = sizeof(union nf_inet_addr) },
};

static const struct nla_policy ipvl_cmd_policy[IPVL_CMD_ATTR_MAX + 1] = {
	[IPVS_CMD_ATTR_SERVICE] = NLA_POLICY_NESTED(ipvl_svc_policy),
	[IPVS_CMD_ATTR_DEST] = NLA_POLICY_NESTED(ipvl_dest_policy),
	[IPVS_CMD_ATTR_TIMEOUT_TCP] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &ipvl_timeout_range),
	[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &ipvl_timeout_range),
	[IPVS_CMD_ATTR_TIMEOUT_UDP] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &ipvl_timeout_range),
	[IPVS_LITE_CMD_ATTR_CONN_FILTER] =
		NLA_POLICY_NESTED(ipvl_filter_policy),
	[IPVS_LITE_CMD_ATTR_CONN_MAX] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &ipvl_conn_max_range),
	/* Range and primality are checked with the scheduler. */
	[IPVS_LITE_CMD_ATTR_MH_SIZE] = { .type = NLA_U32 },
};

/* Is extension attribute @type meant for command @cmd? */
static bool ipvl_nl_ext_ok(int type, u8 cmd)
{
	switch (type) {
	case IPVS_LITE_CMD_ATTR_CONN_MAX:
		return cmd == IPVS_CMD_SET_CONFIG;
	case IPVS_LITE_CMD_ATTR_MH_SIZE:
		return cmd == IPVS_CMD_NEW_SERVICE ||
		       cmd == IPVS_CMD_SET_SERVICE;
	}
	return false;
}

/* Registered as "IPVS": replies carry nothing IPVS's tools do not know. */
bool ipvl_compat;

static struct genl_family ipvl_genl_family;

int ipvl_nl_check(struct genl_info *info)
{
	const struct nlmsghdr *nlh = info->nlhdr;
	const struct nlattr *attr;
	int ret, rem;

	ret = __nla_validate(nlmsg_attrdata(nlh, GENL_HDRLEN),
			     nlmsg_attrlen(nlh, GENL_HDRLEN),
			     IPVL_CMD_ATTR_MAX, ipvl_cmd_policy,
			     IPVL_NL_VALIDATE, info->extack);
	if (ret)
		return ret;
	/* Our attributes only where they mean something. */
	nlmsg_for_each_attr(attr, nlh, GENL_HDRLEN, rem) {
		if (nla_type(attr) < IPVS_LITE_ATTR_BASE ||
		    ipvl_nl_ext_ok(nla_type(attr), info->genlhdr->cmd))
			continue;
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "attribute not for this command");
		return -EINVAL;
	}
	return 0;
}

/*
 * Dumps are not validated by the core (as IPVS's): check the sender and
 * parse them here.
 */
int ipvl_nl_dump_attrs(struct netlink_callback *cb, struct nlattr **attrs)
{
	return ipvl_admin_check(cb->skb, cb->extack) ?:
	       __nlmsg_parse(cb->nlh, GENL_HDRLEN, attrs, IPVL_CMD_ATTR_MAX,
			     ipvl_cmd_policy, IPVL_NL_VALIDATE, cb->extack);
}

/* Reply to @info with one message of command @cmd that @fill fills. */
int ipvl_nl_reply(struct genl_info *info, u8 cmd,
		  int (*fill)(struct sk_buff *msg,
			      struct genl_info *info, void *arg),
		  void *arg)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &ipvl_genl_family, 0, cmd);
	if (!hdr || fill(msg, info, arg)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* Parsing ------------------------------------------------------------ */

int ipvl_nl_parse_af(const struct nlattr *attr, u16 *af,
		     struct netlink_ext_ack *extack)
{
	*af = nla_get_u16(attr);
	if (*af != AF_INET && *af != AF_INET6) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "address family must be AF_INET or AF_INET6");
		return -EAFNOSUPPORT;
	}
	return 0;
}

int ipvl_nl_parse_addr(const struct nlattr *attr, u16 af,
		       union nf_inet_addr *addr,
		       struct netlink_ext_ack *extack)
{
	int need = af == AF_INET ? sizeof(addr->ip) : sizeof(addr->in6);

	if (nla_len(attr) < need) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "address too short for its family");
		return -EINVAL;
	}
	memset(addr, 0, sizeof(*addr));
	memcpy(addr, nla_data(attr), need);
	return 0;
}

/*
 * The service a command names, with all of its settings if @full (as
 * NEW_SERVICE and SET_SERVICE need them).
 */
int ipvl_nl_parse_svc(struct nlattr *nest, bool full,
		      struct ipvl_svc_conf *conf,
		      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[IPVS_SVC_ATTR_MAX + 1];
	struct ipvl_svc_key *key = &conf->key;
	struct ip_vs_flags flags;
	u16 proto;
	int ret;

	memset(conf, 0, sizeof(*conf));
	if (!nest) {
		NL_SET_ERR_MSG_MOD(extack, "a service is required");
		NL_SET_ERR_ATTR_MISS(extack, NULL, IPVS_CMD_ATTR_SERVICE);
		return -EINVAL;
	}
	ret = nla_parse_nested_deprecated(tb, IPVS_SVC_ATTR_MAX, nest,
					  ipvl_svc_policy, extack);
	if (ret)
		return ret;

	if (IPVL_NEED(extack, tb, nest, IPVS_SVC_ATTR_AF)) {
		NL_SET_ERR_MSG_MOD(extack, "the service has no address family");
		return -EINVAL;
	}
	ret = ipvl_nl_parse_af(tb[IPVS_SVC_ATTR_AF], &key->af, extack);
	if (ret)
		return ret;

	if (tb[IPVS_SVC_ATTR_FWMARK] && nla_get_u32(tb[IPVS_SVC_ATTR_FWMARK])) {
		key->fwmark = nla_get_u32(tb[IPVS_SVC_ATTR_FWMARK]);
	} else {
		if (IPVL_NEED(extack, tb, nest, IPVS_SVC_ATTR_PROTOCOL) ||
		    IPVL_NEED(extack, tb, nest, IPVS_SVC_ATTR_ADDR) ||
		    IPVL_NEED(extack, tb, nest, IPVS_SVC_ATTR_PORT)) {
			NL_SET_ERR_MSG_MOD(extack,
					   "a service is a protocol, an address and a port, or a fwmark");
			return -EINVAL;
		}
		proto = nla_get_u16(tb[IPVS_SVC_ATTR_PROTOCOL]);
		if (proto != IPPROTO_TCP && proto != IPPROTO_UDP) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IPVS_SVC_ATTR_PROTOCOL],
					    "only TCP and UDP services are supported");
			return -EPROTONOSUPPORT;
		}
		key->protocol = proto;
		ret = ipvl_nl_parse_addr(tb[IPVS_SVC_ATTR_ADDR], key->af,
					 &key->addr, extack);
		if (ret)
			return ret;
		key->port = nla_get_be16(tb[IPVS_SVC_ATTR_PORT]);
	}
	if (!full)
		return 0;

	if (IPVL_NEED(extack, tb, nest, IPVS_SVC_ATTR_SCHED_NAME) ||
	    IPVL_NEED(extack, tb, nest, IPVS_SVC_ATTR_FLAGS) ||
	    IPVL_NEED(extack, tb, nest, IPVS_SVC_ATTR_TIMEOUT) ||
	    IPVL_NEED(extack, tb, nest, IPVS_SVC_ATTR_NETMASK)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "a service needs a scheduler, flags, a timeout and a netmask");
		return -EINVAL;
	}
	if (tb[IPVS_SVC_ATTR_PE_NAME] &&
	    nla_len(tb[IPVS_SVC_ATTR_PE_NAME]) > 1) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IPVS_SVC_ATTR_PE_NAME],
				    "persistence engines are not supported");
		return -ENOENT;
	}
	nla_strscpy(conf->sched_name, tb[IPVS_SVC_ATTR_SCHED_NAME],
		    sizeof(conf->sched_name));
	nla_memcpy(&flags, tb[IPVS_SVC_ATTR_FLAGS], sizeof(flags));
	conf->flags = flags.flags;
	conf->flags_mask = flags.mask;
	conf->timeout = nla_get_u32(tb[IPVS_SVC_ATTR_TIMEOUT]);
	conf->netmask = nla_get_u32(tb[IPVS_SVC_ATTR_NETMASK]);
	if (key->af == AF_INET6 &&
	    (conf->netmask < 1 || conf->netmask > 128)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IPVS_SVC_ATTR_NETMASK],
				    "an IPv6 netmask is a prefix length, 1 to 128");
		return -EINVAL;
	}
	return 0;
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
	if (conf->tun_type != IP_VS_CONN_F_TUNNEL_TYPE_IPIP) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IPVS_DEST_ATTR_TUN_TYPE],
				    "only IPIP tunnels are supported");
		return -EOPNOTSUPP;
	}
	return 0;
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
	if (!ipvl_compat && sched == &ipvl_sched_mh &&
	    nla_put_u32(msg, IPVS_LITE_CMD_ATTR_MH_SIZE, svc->mh_size))
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
	    nla_put_u8(msg, IPVS_DEST_ATTR_TUN_TYPE, dest->tun_type) ||
	    nla_put_be16(msg, IPVS_DEST_ATTR_TUN_PORT, dest->tun_port) ||
	    nla_put_u16(msg, IPVS_DEST_ATTR_TUN_FLAGS, dest->tun_flags) ||
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
 * Check and parse @info's service, lock the namespace and find the
 * service.  On success the caller holds config_mutex (unlock with
 * ipvl_nl_unlock()); *@svcp is NULL where the service does not exist.
 */
static int ipvl_nl_lock_svc(struct genl_info *info, bool full,
			    struct ipvl_svc_conf *conf,
			    struct ipvl_service **svcp)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));
	int ret;

	ret = ipvl_nl_check(info) ?:
	      ipvl_nl_parse_svc(info->attrs[IPVS_CMD_ATTR_SERVICE], full, conf,
				info->extack);
	if (ret)
		return ret;
	if (full && info->attrs[IPVS_LITE_CMD_ATTR_MH_SIZE])
		conf->mh_size =
			nla_get_u32(info->attrs[IPVS_LITE_CMD_ATTR_MH_SIZE]);
	mutex_lock(&in->config_mutex);
	*svcp = ipvl_svc_find(in, &conf->key);
	return 0;
}

static struct ipvl_net *ipvl_nl_unlock(struct genl_info *info)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));

	mutex_unlock(&in->config_mutex);
	return in;
}

static int ipvl_no_svc(struct genl_info *info)
{
	NL_SET_ERR_MSG_MOD(info->extack, "no such service");
	return -ESRCH;
}

int ipvl_nl_new_service(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));
	struct ipvl_service *svc;
	struct ipvl_svc_conf conf;
	int ret;

	ret = ipvl_nl_lock_svc(info, true, &conf, &svc);
	if (ret)
		return ret;
	if (svc) {
		NL_SET_ERR_MSG_MOD(info->extack, "service already exists");
		ret = -EEXIST;
	} else {
		ret = ipvl_svc_add(in, &conf, info->extack);
	}
	ipvl_nl_unlock(info);
	return ret;
}

int ipvl_nl_set_service(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));
	struct ipvl_service *svc;
	struct ipvl_svc_conf conf;
	int ret;

	ret = ipvl_nl_lock_svc(info, true, &conf, &svc);
	if (ret)
		return ret;
	ret = svc ? ipvl_svc_edit(in, svc, &conf, info->extack) :
		    ipvl_no_svc(info);
	ipvl_nl_unlock(info);
	return ret;
}

int ipvl_nl_del_service(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));
	struct ipvl_service *svc;
	struct ipvl_svc_conf conf;
	int ret;

	ret = ipvl_nl_lock_svc(info, false, &conf, &svc);
	if (ret)
		return ret;
	if (svc)
		ipvl_svc_del(in, svc);
	else
		ret = ipvl_no_svc(info);
	ipvl_nl_unlock(info);
	return ret;
}

static int ipvl_fill_svc(struct sk_buff *msg, struct genl_info *info,
			 void *arg)
{
	return ipvl_nl_put_svc(msg, ipvl_net(genl_info_net(info)), arg);
}

int ipvl_nl_get_service(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_service *svc;
	struct ipvl_svc_conf conf;
	int ret;

	ret = ipvl_nl_lock_svc(info, false, &conf, &svc);
	if (ret)
		return ret;
	ret = svc ? ipvl_nl_reply(info, IPVS_CMD_NEW_SERVICE, ipvl_fill_svc,
				  svc) :
		    ipvl_no_svc(info);
	ipvl_nl_unlock(info);
	return ret;
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

void *ipvl_dump_put(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd)
{
	void *hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				cb->nlh->nlmsg_seq, &ipvl_genl_family,
				NLM_F_MULTI, cmd);

	if (hdr)
		genl_dump_check_consistent(cb, hdr);
	return hdr;
}

int ipvl_nl_dump_services(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ipvl_net *in = ipvl_net(sock_net(skb->sk));
	struct ipvl_dump_ctx *ctx = ipvl_dump_ctx(cb);
	struct nlattr *attrs[IPVL_CMD_ATTR_MAX + 1];
	struct ipvl_service *svc;
	unsigned int i = 0;
	int ret;

	ret = ipvl_nl_dump_attrs(cb, attrs);
	if (ret)
		return ret;

	mutex_lock(&in->config_mutex);
	cb->seq = in->gen;
	list_for_each_entry(svc, &in->services, list) {
		void *hdr;

		if (i++ < ctx->idx)
			continue;
		hdr = ipvl_dump_put(skb, cb, IPVS_CMD_NEW_SERVICE);
		if (!hdr)
			break;
		if (ipvl_nl_put_svc(skb, in, svc)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		ctx->idx++;
	}
	mutex_unlock(&in->config_mutex);
	return skb->len;
}

/* Destinations ---------------------------------------------------------- */

/*
 * Check @info, lock, find its service (ESRCH if none, as IPVS) and parse
 * its destination.  On success the caller holds config_mutex.
 */
static int ipvl_nl_lock_dest(struct genl_info *info, bool full,
			     struct ipvl_service **svcp,
			     struct ipvl_dest_conf *dconf,
			     struct ipvl_dest **destp)
{
	struct ipvl_svc_conf conf;
	int ret;

	ret = ipvl_nl_lock_svc(info, false, &conf, svcp);
	if (ret)
		return ret;
	ret = *svcp ? ipvl_nl_parse_dest(info->attrs[IPVS_CMD_ATTR_DEST], full,
					 (*svcp)->key.af, dconf, info->extack) :
		      ipvl_no_svc(info);
	if (ret) {
		ipvl_nl_unlock(info);
		return ret;
	}
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
	struct ipvl_net *in = ipvl_net(genl_info_net(info));
	struct ipvl_dest_conf conf;
	struct ipvl_service *svc;
	struct ipvl_dest *dest;
	int ret;

	ret = ipvl_nl_lock_dest(info, true, &svc, &conf, &dest);
	if (ret)
		return ret;
	if (dest) {
		NL_SET_ERR_MSG_MOD(info->extack, "real server already exists");
		ret = -EEXIST;
	} else {
		ret = ipvl_dest_add(in, svc, &conf, info->extack);
	}
	ipvl_nl_unlock(info);
	return ret;
}

int ipvl_nl_set_dest(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));
	struct ipvl_dest_conf conf;
	struct ipvl_service *svc;
	struct ipvl_dest *dest;
	int ret;

	ret = ipvl_nl_lock_dest(info, true, &svc, &conf, &dest);
	if (ret)
		return ret;
	ret = dest ? ipvl_dest_edit(in, dest, &conf, info->extack) :
		     ipvl_no_dest(info);
	ipvl_nl_unlock(info);
	return ret;
}

int ipvl_nl_del_dest(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));
	struct ipvl_dest_conf conf;
	struct ipvl_service *svc;
	struct ipvl_dest *dest;
	int ret;

	ret = ipvl_nl_lock_dest(info, false, &svc, &conf, &dest);
	if (ret)
		return ret;
	if (dest)
		ipvl_dest_del(in, dest);
	else
		ret = ipvl_no_dest(info);
	ipvl_nl_unlock(info);
	return ret;
}

/* The service's destinations; none (not an error) if it does not exist. */
int ipvl_nl_dump_dests(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ipvl_net *in = ipvl_net(sock_net(skb->sk));
	struct ipvl_dump_ctx *ctx = ipvl_dump_ctx(cb);
	struct nlattr *attrs[IPVL_CMD_ATTR_MAX + 1];
	struct ipvl_svc_conf conf;
	struct ipvl_service *svc;
	struct ipvl_dest *dest;
	unsigned int i = 0;
	int ret;

	ret = ipvl_nl_dump_attrs(cb, attrs) ?:
	      ipvl_nl_parse_svc(attrs[IPVS_CMD_ATTR_SERVICE], false, &conf,
				cb->extack);
	if (ret)
		return ret;

	mutex_lock(&in->config_mutex);
	cb->seq = in->gen;
	svc = ipvl_svc_find(in, &conf.key);
	if (!svc)
		goto out;
	list_for_each_entry(dest, &svc->dests, list) {
		void *hdr;

		if (i++ < ctx->idx)
			continue;
		hdr = ipvl_dump_put(skb, cb, IPVS_CMD_NEW_DEST);
		if (!hdr)
			break;
		if (ipvl_nl_put_dest(skb, dest)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		ctx->idx++;
	}
out:
	mutex_unlock(&in->config_mutex);
	return skb->len;
}

/* Zero and flush -------------------------------------------------------- */

static void ipvl_zero_svc(struct ipvl_service *svc)
{
	struct ipvl_dest *dest;

	ipvl_stats_zero(&svc->stats);
	list_for_each_entry(dest, &svc->dests, list)
		ipvl_stats_zero(&dest->stats);
}

/* With a service, its counters and its destinations'; without, all. */
int ipvl_nl_zero(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));
	struct ipvl_service *svc;
	struct ipvl_svc_conf conf;
	int ret;

	if (!info->attrs[IPVS_CMD_ATTR_SERVICE]) {
		ret = ipvl_nl_check(info);
		if (ret)
			return ret;
		mutex_lock(&in->config_mutex);
		list_for_each_entry(svc, &in->services, list)
			ipvl_zero_svc(svc);
		mutex_unlock(&in->config_mutex);
		return 0;
	}

	ret = ipvl_nl_lock_svc(info, false, &conf, &svc);
	if (ret)
		return ret;
	if (svc)
		ipvl_zero_svc(svc);
	else
		ret = ipvl_no_svc(info);
	ipvl_nl_unlock(info);
	return ret;
}

int ipvl_nl_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));
	int ret;

	ret = ipvl_nl_check(info);
	if (ret)
		return ret;
	mutex_lock(&in->config_mutex);
	ipvl_svc_flush(in);
	mutex_unlock(&in->config_mutex);
	return 0;
}

/* The family ------------------------------------------------------------ */

/* Since 6.2 the hooks around a command see its split form. */
#ifdef IPVL_HAVE_GENL_SPLIT_OPS
#define ipvl_genl_op	genl_split_ops
#else
#define ipvl_genl_op	genl_ops
#endif

/* Before every command: its sender's permission; its memory's owner. */
static int ipvl_nl_pre_doit(const struct ipvl_genl_op *ops,
			    struct sk_buff *skb, struct genl_info *info)
{
	int ret = ipvl_admin_check(skb, info->extack);

	if (ret)
		return ret;
	info->user_ptr[0] = ipvl_charge_begin(ipvl_net(genl_info_net(info)));
	return 0;
}

/* After every command that pre_doit let through. */
static void ipvl_nl_post_doit(const struct ipvl_genl_op *ops,
			      struct sk_buff *skb, struct genl_info *info)
{
	ipvl_charge_end(ipvl_net(genl_info_net(info)), info->user_ptr[0]);
}

/* IPVS's commands are validated leniently by the core; see the top. */
#define IPVL_IPVS_VALIDATE	(GENL_DONT_VALIDATE_STRICT | \
				 GENL_DONT_VALIDATE_DUMP)

#define IPVL_DOIT(_cmd, _doit) {			\
	.cmd = _cmd,					\
	.validate = IPVL_IPVS_VALIDATE,			\
	.doit = _doit,					\
	.flags = GENL_UNS_ADMIN_PERM,			\
}

static const struct genl_small_ops ipvl_genl_ops[] = {
	IPVL_DOIT(IPVS_CMD_NEW_SERVICE, ipvl_nl_new_service),
	IPVL_DOIT(IPVS_CMD_SET_SERVICE, ipvl_nl_set_service),
	IPVL_DOIT(IPVS_CMD_DEL_SERVICE, ipvl_nl_del_service),
	{
		.cmd = IPVS_CMD_GET_SERVICE,
		.validate = IPVL_IPVS_VALIDATE,
		.doit = ipvl_nl_get_service,
		.dumpit = ipvl_nl_dump_services,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	IPVL_DOIT(IPVS_CMD_NEW_DEST, ipvl_nl_new_dest),
	IPVL_DOIT(IPVS_CMD_SET_DEST, ipvl_nl_set_dest),
	IPVL_DOIT(IPVS_CMD_DEL_DEST, ipvl_nl_del_dest),
	{
		.cmd = IPVS_CMD_GET_DEST,
		.validate = IPVL_IPVS_VALIDATE,
		.dumpit = ipvl_nl_dump_dests,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	IPVL_DOIT(IPVS_CMD_SET_CONFIG, ipvl_nl_set_config),
	IPVL_DOIT(IPVS_CMD_GET_CONFIG, ipvl_nl_get_config),
	IPVL_DOIT(IPVS_CMD_GET_INFO, ipvl_nl_get_info),
	IPVL_DOIT(IPVS_CMD_ZERO, ipvl_nl_zero),
	IPVL_DOIT(IPVS_CMD_FLUSH, ipvl_nl_flush),
	{
		.cmd = IPVS_LITE_CMD_GET_STATUS,
		.doit = ipvl_nl_get_status,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

/* Our extensions: the core validates them strictly, NLA_F_NESTED too. */
static const struct genl_ops ipvl_genl_big_ops[] = {
	{
		.cmd = IPVS_LITE_CMD_GET_CONN,
		.start = ipvl_nl_conn_start,
		.dumpit = ipvl_nl_dump_conns,
		.done = ipvl_nl_conn_done,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family ipvl_genl_family __ro_after_init = {
	.name = IPVS_LITE_GENL_NAME,
	.version = IPVS_LITE_GENL_VERSION,
	.maxattr = IPVL_CMD_ATTR_MAX,
	.policy = ipvl_cmd_policy,
	.netnsok = true,
	.parallel_ops = true,
	.pre_doit = ipvl_nl_pre_doit,
	.post_doit = ipvl_nl_post_doit,
	.module = THIS_MODULE,
	.small_ops = ipvl_genl_ops,
	.n_small_ops = ARRAY_SIZE(ipvl_genl_ops),
	.ops = ipvl_genl_big_ops,
	.n_ops = ARRAY_SIZE(ipvl_genl_big_ops),
	/* IPVS's own commands predate the checks of reserved header bits. */
	.resv_start_op = IPVS_CMD_FLUSH + 1,
};

int __init ipvl_genl_init(bool compat_name)
{
	int ret;

	ipvl_compat = compat_name;
	if (compat_name)
		strscpy(ipvl_genl_family.name, IPVS_GENL_NAME,
			sizeof(ipvl_genl_family.name));

	ret = genl_register_family(&ipvl_genl_family);
	if (ret == -EEXIST)
		pr_err("netlink family %s is taken (is ip_vs loaded?)\n",
		       ipvl_genl_family.name);
	return ret;
}

void ipvl_genl_exit(void)
{
	genl_unregister_family(&ipvl_genl_family);
}
