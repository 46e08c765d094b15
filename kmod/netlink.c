// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family: IPVS's protocol, version 1, per namespace.
 *
 * Validation: the policies below own types, lengths and ranges.  The core
 * checks them leniently first (IPVS's tools nest attributes without
 * NLA_F_NESTED, which a strict core check would refuse), then the whole
 * message is checked again with every strict rule but that one, for
 * commands by pre_doit (ipvl_nl_check()), for dumps by their dumpit
 * (ipvl_nl_dump_attrs()): unknown attributes, trailing bytes and wrongly
 * sized integers are refused with an extack message.
 * The handlers own the semantics, and every refusal of theirs carries an
 * extack message too.
 *
 * Permission (admin.c) is checked before anything else: for commands by
 * the family's pre_doit, which also opens the namespace's memory cgroup
 * charging scope that post_doit closes (memcg.c); for dumps by their
 * dumpit, before each message (before the first only, for the connection
 * dump).
 *
 * config_mutex: pre_doit takes it for the commands whose op carries
 * IPVL_NL_LOCKED, those that read or change the services, the real
 * servers and the settings, and post_doit drops it; their handlers take
 * no lock.  GET_INFO, GET_CONFIG and GET_STATUS, and the connection dump,
 * never take it; the services' and real servers' dumps take it for each
 * message.  netlink.h has the list.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <net/genetlink.h>

#include "ipvs_lite.h"
#include "conn.h"
#include "service.h"
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
	[IPVS_CMD_ATTR_DAEMON] = NLA_POLICY_NESTED(ipvl_daemon_policy),
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
bool ipvl_compat __ro_after_init;

static struct genl_family ipvl_genl_family;

static int ipvl_nl_check(struct genl_info *info)
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

void *ipvl_dump_put(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd)
{
	void *hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				cb->nlh->nlmsg_seq, &ipvl_genl_family,
				NLM_F_MULTI, cmd);

	if (hdr)
		genl_dump_check_consistent(cb, hdr);
	return hdr;
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

/* The family ------------------------------------------------------------ */

/* Since 6.2 the hooks around a command see its split form. */
#ifdef IPVL_HAVE_GENL_SPLIT_OPS
#define ipvl_genl_op	genl_split_ops
#else
#define ipvl_genl_op	genl_ops
#endif

/*
 * Before every command: its sender's permission, its message's strict
 * check (see the top); its memory's owner; config_mutex if its op says
 * so.
 */
static int ipvl_nl_pre_doit(const struct ipvl_genl_op *ops,
			    struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));
	int ret;

	ret = ipvl_admin_check(skb, info->extack) ?: ipvl_nl_check(info);
	if (ret)
		return ret;
	info->user_ptr[0] = ipvl_charge_begin(in);
	if (ops->internal_flags & IPVL_NL_LOCKED)
		mutex_lock(&in->config_mutex);
	return 0;
}

/* After every command that pre_doit let through: undo it. */
static void ipvl_nl_post_doit(const struct ipvl_genl_op *ops,
			      struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));

	if (ops->internal_flags & IPVL_NL_LOCKED)
		mutex_unlock(&in->config_mutex);
	ipvl_charge_end(in, info->user_ptr[0]);
}

/* IPVS's commands are validated leniently by the core; see the top. */
#define IPVL_IPVS_VALIDATE	(GENL_DONT_VALIDATE_STRICT | \
				 GENL_DONT_VALIDATE_DUMP)

#define IPVL_DOIT(_cmd, _doit, _iflags) {		\
	.cmd = _cmd,					\
	.validate = IPVL_IPVS_VALIDATE,			\
	.doit = _doit,					\
	.flags = GENL_UNS_ADMIN_PERM,			\
	.internal_flags = _iflags,			\
}

static const struct genl_small_ops ipvl_genl_ops[] = {
	IPVL_DOIT(IPVS_CMD_NEW_SERVICE, ipvl_nl_new_service, IPVL_NL_LOCKED),
	IPVL_DOIT(IPVS_CMD_SET_SERVICE, ipvl_nl_set_service, IPVL_NL_LOCKED),
	IPVL_DOIT(IPVS_CMD_DEL_SERVICE, ipvl_nl_del_service, IPVL_NL_LOCKED),
	{
		.cmd = IPVS_CMD_GET_SERVICE,
		.validate = IPVL_IPVS_VALIDATE,
		.doit = ipvl_nl_get_service,
		.dumpit = ipvl_nl_dump_services,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = IPVL_NL_LOCKED,
	},
	IPVL_DOIT(IPVS_CMD_NEW_DEST, ipvl_nl_new_dest, IPVL_NL_LOCKED),
	IPVL_DOIT(IPVS_CMD_SET_DEST, ipvl_nl_set_dest, IPVL_NL_LOCKED),
	IPVL_DOIT(IPVS_CMD_DEL_DEST, ipvl_nl_del_dest, IPVL_NL_LOCKED),
	{
		.cmd = IPVS_CMD_GET_DEST,
		.validate = IPVL_IPVS_VALIDATE,
		.dumpit = ipvl_nl_dump_dests,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	IPVL_DOIT(IPVS_CMD_NEW_DAEMON, ipvl_nl_new_daemon, 0),
	IPVL_DOIT(IPVS_CMD_DEL_DAEMON, ipvl_nl_del_daemon, 0),
	{
		.cmd = IPVS_CMD_GET_DAEMON,
		.validate = IPVL_IPVS_VALIDATE,
		.dumpit = ipvl_nl_dump_daemons,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	IPVL_DOIT(IPVS_CMD_SET_CONFIG, ipvl_nl_set_config, IPVL_NL_LOCKED),
	IPVL_DOIT(IPVS_CMD_GET_CONFIG, ipvl_nl_get_config, 0),
	IPVL_DOIT(IPVS_CMD_GET_INFO, ipvl_nl_get_info, 0),
	IPVL_DOIT(IPVS_CMD_ZERO, ipvl_nl_zero, IPVL_NL_LOCKED),
	IPVL_DOIT(IPVS_CMD_FLUSH, ipvl_nl_flush, IPVL_NL_LOCKED),
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
