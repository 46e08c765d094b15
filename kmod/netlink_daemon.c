// SPDX-License-Identifier: GPL-2.0
/*
 * The sync daemons over netlink: IPVS's NEW_DAEMON, DEL_DAEMON and
 * GET_DAEMON, with its attributes.  The policy (netlink.c's, through
 * ipvl_daemon_policy) owns the types and ranges; this file owns the
 * rest of the checks, each refusal with an extack message, and sync.c
 * the daemons.  None of these commands takes config_mutex; sync.c takes
 * its own.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/in.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "ipvs_lite.h"
#include "netlink.h"
#include "sync.h"

const struct nla_policy ipvl_daemon_policy[IPVS_DAEMON_ATTR_MAX + 1] = {
	[IPVS_DAEMON_ATTR_STATE] = NLA_POLICY_RANGE(NLA_U32,
						    IP_VS_STATE_MASTER,
						    IP_VS_STATE_BACKUP),
	[IPVS_DAEMON_ATTR_MCAST_IFN] = { .type = NLA_NUL_STRING,
					 .len = IP_VS_IFNAME_MAXLEN - 1 },
	/* IPVS takes a u32 and keeps a byte: the rest is refused here. */
	[IPVS_DAEMON_ATTR_SYNC_ID] = NLA_POLICY_MAX(NLA_U32, U8_MAX),
	[IPVS_DAEMON_ATTR_SYNC_MAXLEN] = { .type = NLA_U16 },
	[IPVS_DAEMON_ATTR_MCAST_GROUP] = { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_MCAST_GROUP6] =
		NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[IPVS_DAEMON_ATTR_MCAST_PORT] = { .type = NLA_U16 },
	[IPVS_DAEMON_ATTR_MCAST_TTL] = { .type = NLA_U8 },
};

static int ipvl_nl_daemon_attrs(struct genl_info *info, struct nlattr **tb)
{
	struct nlattr *nest = info->attrs[IPVS_CMD_ATTR_DAEMON];

	if (!nest) {
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, IPVS_CMD_ATTR_DAEMON);
		return -EINVAL;
	}
	return nla_parse_nested_deprecated(tb, IPVS_DAEMON_ATTR_MAX, nest,
					   ipvl_daemon_policy, info->extack) ?:
	       (IPVL_NEED(info->extack, tb, nest, IPVS_DAEMON_ATTR_STATE) ?
		-EINVAL : 0);
}

/* The configuration a NEW_DAEMON asks for; 0 for IPVS's default. */
static int ipvl_nl_daemon_cfg(struct genl_info *info, struct nlattr **tb,
			      struct ipvl_sync_cfg *c)
{
	struct nlattr *nest = info->attrs[IPVS_CMD_ATTR_DAEMON];
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *a;

	if (IPVL_NEED(extack, tb, nest, IPVS_DAEMON_ATTR_MCAST_IFN) ||
	    IPVL_NEED(extack, tb, nest, IPVS_DAEMON_ATTR_SYNC_ID))
		return -EINVAL;
	memset(c, 0, sizeof(*c));
	nla_strscpy(c->ifname, tb[IPVS_DAEMON_ATTR_MCAST_IFN],
		    sizeof(c->ifname));
	c->syncid = nla_get_u32(tb[IPVS_DAEMON_ATTR_SYNC_ID]);
	if (tb[IPVS_DAEMON_ATTR_SYNC_MAXLEN])
		c->maxlen = nla_get_u16(tb[IPVS_DAEMON_ATTR_SYNC_MAXLEN]);
	if (tb[IPVS_DAEMON_ATTR_MCAST_PORT])
		c->port = nla_get_u16(tb[IPVS_DAEMON_ATTR_MCAST_PORT]);
	if (tb[IPVS_DAEMON_ATTR_MCAST_TTL])
		c->ttl = nla_get_u8(tb[IPVS_DAEMON_ATTR_MCAST_TTL]);

	a = tb[IPVS_DAEMON_ATTR_MCAST_GROUP];
	if (a && tb[IPVS_DAEMON_ATTR_MCAST_GROUP6]) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "one multicast group: IPv4 or IPv6");
		return -EINVAL;
	}
	if (a) {
		c->af = AF_INET;
		c->group.ip = nla_get_in_addr(a);
		if (!ipv4_is_multicast(c->group.ip)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "the group is not a multicast address");
			return -EINVAL;
		}
	}
	a = tb[IPVS_DAEMON_ATTR_MCAST_GROUP6];
	if (a) {
		c->af = AF_INET6;
		c->group.in6 = nla_get_in6_addr(a);
		if (!ipv6_addr_is_multicast(&c->group.in6)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "the group is not a multicast address");
			return -EINVAL;
		}
	}
	return 0;
}

int ipvl_nl_new_daemon(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));
	struct nlattr *tb[IPVS_DAEMON_ATTR_MAX + 1];
	struct ipvl_sync_cfg c;

	return ipvl_nl_daemon_attrs(info, tb) ?:
	       ipvl_nl_daemon_cfg(info, tb, &c) ?:
	       ipvl_sync_start(in, nla_get_u32(tb[IPVS_DAEMON_ATTR_STATE]), &c,
			       info->extack);
}

int ipvl_nl_del_daemon(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));
	struct nlattr *tb[IPVS_DAEMON_ATTR_MAX + 1];

	return ipvl_nl_daemon_attrs(info, tb) ?:
	       ipvl_sync_stop(in, nla_get_u32(tb[IPVS_DAEMON_ATTR_STATE]),
			      info->extack);
}

static int ipvl_nl_put_daemon(struct sk_buff *skb, u32 state,
			      const struct ipvl_sync_cfg *c)
{
	struct nlattr *nest = nla_nest_start(skb, IPVS_CMD_ATTR_DAEMON);

	if (!nest ||
	    nla_put_u32(skb, IPVS_DAEMON_ATTR_STATE, state) ||
	    nla_put_string(skb, IPVS_DAEMON_ATTR_MCAST_IFN, c->ifname) ||
	    nla_put_u32(skb, IPVS_DAEMON_ATTR_SYNC_ID, c->syncid) ||
	    nla_put_u16(skb, IPVS_DAEMON_ATTR_SYNC_MAXLEN, c->maxlen) ||
	    nla_put_u16(skb, IPVS_DAEMON_ATTR_MCAST_PORT, c->port) ||
	    nla_put_u8(skb, IPVS_DAEMON_ATTR_MCAST_TTL, c->ttl))
		return -EMSGSIZE;
	if (c->af == AF_INET6 ?
	    nla_put_in6_addr(skb, IPVS_DAEMON_ATTR_MCAST_GROUP6,
			     &c->group.in6) :
	    nla_put_in_addr(skb, IPVS_DAEMON_ATTR_MCAST_GROUP, c->group.ip))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* One message per daemon running; cb->args[0]: the states sent. */
int ipvl_nl_dump_daemons(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ipvl_net *in = ipvl_net(sock_net(skb->sk));
	struct nlattr *attrs[IPVL_CMD_ATTR_MAX + 1];
	static const u32 states[] = { IP_VS_STATE_MASTER, IP_VS_STATE_BACKUP };
	struct ipvl_sync *s = &in->sync;
	unsigned int i;
	int ret;

	ret = ipvl_nl_dump_attrs(cb, attrs);
	if (ret)
		return ret;
	mutex_lock(&s->mutex);
	for (i = 0; i < ARRAY_SIZE(states); i++) {
		u32 state = states[i];
		void *hdr;

		if (!(s->active & state) || (cb->args[0] & state))
			continue;
		hdr = ipvl_dump_put(skb, cb, IPVS_CMD_NEW_DAEMON);
		if (!hdr)
			break;
		if (ipvl_nl_put_daemon(skb, state,
				       state == IP_VS_STATE_MASTER ? &s->mcfg :
								     &s->bcfg)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] |= state;
	}
	mutex_unlock(&s->mutex);
	return skb->len;
}
