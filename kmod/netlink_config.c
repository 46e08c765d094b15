// SPDX-License-Identifier: GPL-2.0
/*
 * The namespace's settings and counters: GET_INFO, GET_CONFIG and
 * SET_CONFIG (the three timeouts, and the connection bound), and
 * IPVS_LITE_CMD_GET_STATUS (with the sync daemons' counters).
 *
 * Each value is one word, written with WRITE_ONCE() and read with
 * READ_ONCE(), by the packet path too: the replies take no lock, and may
 * see a SET_CONFIG that is half applied.  SET_CONFIG runs under
 * config_mutex, which pre_doit takes (netlink.h), in order with the other
 * commands that change the namespace.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <net/genetlink.h>

#include "ipvs_lite.h"
#include "netlink.h"

static int ipvl_fill_info(struct sk_buff *msg, struct genl_info *info,
			  void *arg)
{
	if (nla_put_u32(msg, IPVS_INFO_ATTR_VERSION, IPVL_VERSION_CODE) ||
	    nla_put_u32(msg, IPVS_INFO_ATTR_CONN_TAB_SIZE, IPVL_CONN_TAB_SIZE))
		return -EMSGSIZE;
	return 0;
}

int ipvl_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	return ipvl_nl_reply(info, IPVS_CMD_SET_INFO, ipvl_fill_info, NULL);
}

static int ipvl_fill_config(struct sk_buff *msg, struct genl_info *info,
			    void *arg)
{
	const struct ipvl_net *in = ipvl_net(genl_info_net(info));

	if (nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP,
			READ_ONCE(in->timeouts.tcp)) ||
	    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN,
			READ_ONCE(in->timeouts.tcp_fin)) ||
	    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_UDP,
			READ_ONCE(in->timeouts.udp)))
		return -EMSGSIZE;
	if (!ipvl_compat &&
	    nla_put_u32(msg, IPVS_LITE_CMD_ATTR_CONN_MAX,
			READ_ONCE(in->conn_max)))
		return -EMSGSIZE;
	return 0;
}

int ipvl_nl_get_config(struct sk_buff *skb, struct genl_info *info)
{
	return ipvl_nl_reply(info, IPVS_CMD_SET_CONFIG, ipvl_fill_config, NULL);
}

/* A timeout attribute of 0, or none, leaves that timeout as it is. */
static void ipvl_set_timeout(u32 *timeout, const struct nlattr *attr)
{
	u32 val = attr ? nla_get_u32(attr) : 0;

	if (val)
		WRITE_ONCE(*timeout, val);
}

int ipvl_nl_set_config(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvl_net *in = ipvl_nl_locked(info);
	struct nlattr **attrs = info->attrs;
	int ret;

	ret = ipvl_admin_check_config(skb, attrs, info->extack);
	if (ret)
		return ret;

	ipvl_set_timeout(&in->timeouts.tcp, attrs[IPVS_CMD_ATTR_TIMEOUT_TCP]);
	ipvl_set_timeout(&in->timeouts.tcp_fin,
			 attrs[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]);
	ipvl_set_timeout(&in->timeouts.udp, attrs[IPVS_CMD_ATTR_TIMEOUT_UDP]);
	/* Lowering it refuses new connections; existing ones stay. */
	if (attrs[IPVS_LITE_CMD_ATTR_CONN_MAX])
		WRITE_ONCE(in->conn_max,
			   nla_get_u32(attrs[IPVS_LITE_CMD_ATTR_CONN_MAX]));
	return 0;
}

static int ipvl_fill_status(struct sk_buff *msg, struct genl_info *info,
			    void *arg)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));
	struct nlattr *nest, *drops;
	int reason, cpu;

	nest = nla_nest_start(msg, IPVS_LITE_CMD_ATTR_STATUS);
	if (!nest ||
	    nla_put_u32(msg, IPVS_LITE_STATUS_ATTR_CONNS,
			max(atomic_read(&in->conn_count), 0)) ||
	    nla_put_u32(msg, IPVS_LITE_STATUS_ATTR_CONN_MAX,
			READ_ONCE(in->conn_max)))
		return -EMSGSIZE;
	drops = nla_nest_start(msg, IPVS_LITE_STATUS_ATTR_DROPS);
	if (!drops)
		return -EMSGSIZE;
	for (reason = 0; reason < IPVS_LITE_DROP_MAX; reason++) {
		u64 sum = 0;

		for_each_possible_cpu(cpu)
			sum += READ_ONCE(per_cpu_ptr(in->drops, cpu)->n[reason]);
		if (nla_put_u64_64bit(msg, reason + 1, sum,
				      IPVS_LITE_STATUS_ATTR_PAD))
			return -EMSGSIZE;
	}
	nla_nest_end(msg, drops);
	drops = nla_nest_start(msg, IPVS_LITE_STATUS_ATTR_SYNC);
	if (!drops)
		return -EMSGSIZE;
	for (reason = 0; reason < IPVS_LITE_SYNC_MAX; reason++)
		if (nla_put_u64_64bit(msg, reason + 1,
				      atomic64_read(&in->sync.stats.n[reason]),
				      IPVS_LITE_STATUS_ATTR_PAD))
			return -EMSGSIZE;
	nla_nest_end(msg, drops);
	nla_nest_end(msg, nest);
	return 0;
}

int ipvl_nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	return ipvl_nl_reply(info, IPVS_LITE_CMD_GET_STATUS, ipvl_fill_status,
			     NULL);
}
