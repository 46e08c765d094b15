// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family: IPVS's protocol, version 1, per namespace.
 *
 * Validation: the policies below own types, lengths and ranges.  The core
 * checks them leniently first (IPVS's tools nest attributes without
 * NLA_F_NESTED, which a strict core check would refuse), then each handler
 * calls ipvl_nl_check(), which checks the whole message again with every
 * strict rule but that one: unknown attributes, trailing bytes and
 * wrongly sized integers are refused with an extack message.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <net/genetlink.h>

#include "ipvs_lite.h"

#define IPVL_CMD_ATTR_MAX	IPVS_CMD_ATTR_MAX

/* Every strict check but the one on NLA_F_NESTED (see above). */
#define IPVL_NL_VALIDATE	(NL_VALIDATE_STRICT & ~NL_VALIDATE_NESTED)

static struct netlink_range_validation ipvl_timeout_range = {
	.min = 0,
	.max = INT_MAX / HZ,
};

static const struct nla_policy ipvl_cmd_policy[IPVL_CMD_ATTR_MAX + 1] = {
	[IPVS_CMD_ATTR_TIMEOUT_TCP] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &ipvl_timeout_range),
	[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &ipvl_timeout_range),
	[IPVS_CMD_ATTR_TIMEOUT_UDP] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &ipvl_timeout_range),
};

static struct genl_family ipvl_genl_family;

static int ipvl_nl_check(struct genl_info *info)
{
	const struct nlmsghdr *nlh = info->nlhdr;

	return __nla_validate(nlmsg_attrdata(nlh, GENL_HDRLEN),
			      nlmsg_attrlen(nlh, GENL_HDRLEN),
			      IPVL_CMD_ATTR_MAX, ipvl_cmd_policy,
			      IPVL_NL_VALIDATE, info->extack);
}

/* Reply to @info with one message of command @cmd that @fill fills. */
static int ipvl_nl_reply(struct genl_info *info, u8 cmd,
			 int (*fill)(struct sk_buff *msg,
				     struct genl_info *info))
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &ipvl_genl_family, 0, cmd);
	if (!hdr || fill(msg, info)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int ipvl_fill_info(struct sk_buff *msg, struct genl_info *info)
{
	if (nla_put_u32(msg, IPVS_INFO_ATTR_VERSION, IPVL_VERSION_CODE) ||
	    nla_put_u32(msg, IPVS_INFO_ATTR_CONN_TAB_SIZE, IPVL_CONN_TAB_SIZE))
		return -EMSGSIZE;
	return 0;
}

static int ipvl_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	return ipvl_nl_check(info) ?:
	       ipvl_nl_reply(info, IPVS_CMD_SET_INFO, ipvl_fill_info);
}

static int ipvl_fill_config(struct sk_buff *msg, struct genl_info *info)
{
	const struct ipvl_net *in = ipvl_net(genl_info_net(info));

	if (nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP,
			READ_ONCE(in->timeouts.tcp)) ||
	    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN,
			READ_ONCE(in->timeouts.tcp_fin)) ||
	    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_UDP,
			READ_ONCE(in->timeouts.udp)))
		return -EMSGSIZE;
	return 0;
}

static int ipvl_nl_get_config(struct sk_buff *skb, struct genl_info *info)
{
	return ipvl_nl_check(info) ?:
	       ipvl_nl_reply(info, IPVS_CMD_SET_CONFIG, ipvl_fill_config);
}

/* A timeout attribute of 0, or none, leaves that timeout as it is. */
static void ipvl_set_timeout(u32 *timeout, const struct nlattr *attr)
{
	u32 val = attr ? nla_get_u32(attr) : 0;

	if (val)
		WRITE_ONCE(*timeout, val);
}

static int ipvl_nl_set_config(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));
	struct nlattr **attrs = info->attrs;
	int ret;

	ret = ipvl_nl_check(info);
	if (ret)
		return ret;

	mutex_lock(&in->config_mutex);
	ipvl_set_timeout(&in->timeouts.tcp, attrs[IPVS_CMD_ATTR_TIMEOUT_TCP]);
	ipvl_set_timeout(&in->timeouts.tcp_fin,
			 attrs[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]);
	ipvl_set_timeout(&in->timeouts.udp, attrs[IPVS_CMD_ATTR_TIMEOUT_UDP]);
	mutex_unlock(&in->config_mutex);
	return 0;
}

/* IPVS's commands are validated leniently by the core; see the top. */
#define IPVL_IPVS_VALIDATE	(GENL_DONT_VALIDATE_STRICT | \
				 GENL_DONT_VALIDATE_DUMP)

static const struct genl_small_ops ipvl_genl_ops[] = {
	{
		.cmd = IPVS_CMD_SET_CONFIG,
		.validate = IPVL_IPVS_VALIDATE,
		.doit = ipvl_nl_set_config,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = IPVS_CMD_GET_CONFIG,
		.validate = IPVL_IPVS_VALIDATE,
		.doit = ipvl_nl_get_config,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = IPVS_CMD_GET_INFO,
		.validate = IPVL_IPVS_VALIDATE,
		.doit = ipvl_nl_get_info,
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
	.module = THIS_MODULE,
	.small_ops = ipvl_genl_ops,
	.n_small_ops = ARRAY_SIZE(ipvl_genl_ops),
	/* IPVS's own commands predate the checks of reserved header bits. */
	.resv_start_op = IPVS_CMD_FLUSH + 1,
};

int __init ipvl_genl_init(bool compat_name)
{
	int ret;

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
