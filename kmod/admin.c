// SPDX-License-Identifier: GPL-2.0
/*
 * Who may configure a namespace, and within which bounds.
 *
 * By default, as the kernel's IPVS family: CAP_NET_ADMIN in the initial
 * user namespace, for every command, listings included.  With the module
 * parameter allow_userns, CAP_NET_ADMIN over a namespace (in the user
 * namespace that owns it) is enough there: `unshare -Urn` can run a
 * director of its own.  Such an administrator (one without the initial
 * namespace's capability) may not raise the namespace's bounds above the
 * initial namespace's: the connection bound and the three timeouts.  What
 * its namespace allocates is charged to the memory cgroup of the
 * namespace's creator (memcg.c).
 *
 * The generic netlink core checks the owning user namespace's capability
 * first (GENL_UNS_ADMIN_PERM); ipvl_admin_check() adds the rest, with an
 * extack message, from the family's pre_doit and from each dump's start.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/moduleparam.h>
#include <linux/netlink.h>
#include <net/net_namespace.h>
#include <net/netlink.h>

#include "ipvs_lite.h"

static bool ipvl_allow_userns;
module_param_named(allow_userns, ipvl_allow_userns, bool, 0644);
MODULE_PARM_DESC(allow_userns,
		 "Let CAP_NET_ADMIN in the user namespace that owns a network namespace configure ipvs-lite there, within the initial namespace's bounds (default: only CAP_NET_ADMIN in the initial user namespace)");

/* Has @skb's sender CAP_NET_ADMIN in the initial user namespace? */
static bool ipvl_admin_initial(const struct sk_buff *skb)
{
	return netlink_capable(skb, CAP_NET_ADMIN);
}

int ipvl_admin_check(const struct sk_buff *skb,
		     struct netlink_ext_ack *extack)
{
	if (ipvl_admin_initial(skb) || READ_ONCE(ipvl_allow_userns))
		return 0;
	NL_SET_ERR_MSG_MOD(extack,
			   "needs CAP_NET_ADMIN in the initial user namespace (module parameter allow_userns is off)");
	return -EPERM;
}

/* The initial namespace's value of one bound, for a comparison. */
static const struct ipvl_net *ipvl_initial(void)
{
	return ipvl_net(&init_net);
}

/*
 * May @skb's sender set @attr (a timeout or the connection bound, @val,
 * whose initial-namespace value is @limit)?  Only above @limit, and only
 * for a sender without the initial namespace's capability, is it refused.
 */
static int ipvl_admin_bound(const struct sk_buff *skb,
			    const struct nlattr *attr, u32 limit,
			    struct netlink_ext_ack *extack)
{
	if (!attr || nla_get_u32(attr) <= limit || ipvl_admin_initial(skb))
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, attr,
			    "above the initial namespace's value");
	return -EPERM;
}

int ipvl_admin_check_config(const struct sk_buff *skb, struct nlattr **attrs,
			    struct netlink_ext_ack *extack)
{
	const struct ipvl_net *top = ipvl_initial();

	return ipvl_admin_bound(skb, attrs[IPVS_CMD_ATTR_TIMEOUT_TCP],
				READ_ONCE(top->timeouts.tcp), extack) ?:
	       ipvl_admin_bound(skb, attrs[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN],
				READ_ONCE(top->timeouts.tcp_fin), extack) ?:
	       ipvl_admin_bound(skb, attrs[IPVS_CMD_ATTR_TIMEOUT_UDP],
				READ_ONCE(top->timeouts.udp), extack) ?:
	       ipvl_admin_bound(skb, attrs[IPVS_LITE_CMD_ATTR_CONN_MAX],
				READ_ONCE(top->conn_max), extack);
}

/*
 * A namespace owned by another user namespace starts within the initial
 * namespace's bounds.  Namespace creation: the initial namespace's state
 * exists (it is the first one set up).
 */
void ipvl_admin_netns_init(struct ipvl_net *in)
{
	const struct ipvl_net *top = ipvl_initial();

	if (in->net->user_ns == &init_user_ns || in == top)
		return;
	in->conn_max = min(in->conn_max, READ_ONCE(top->conn_max));
	in->timeouts.tcp = min(in->timeouts.tcp, READ_ONCE(top->timeouts.tcp));
	in->timeouts.tcp_fin = min(in->timeouts.tcp_fin,
				   READ_ONCE(top->timeouts.tcp_fin));
	in->timeouts.udp = min(in->timeouts.udp, READ_ONCE(top->timeouts.udp));
}
