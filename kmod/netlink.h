/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the generic netlink family share: netlink.c (the
 * family, its policies and the helpers below), netlink_svc.c (services
 * and real servers, ZERO, FLUSH), netlink_config.c (info, config, status)
 * and netlink_conn.c (the connection dump).
 *
 * Locks.  The commands that read or change the services, their real
 * servers or the settings run under their namespace's config_mutex:
 * NEW, SET, DEL and GET_SERVICE; NEW, SET and DEL_DEST; SET_CONFIG, ZERO
 * and FLUSH.  Their ops carry IPVL_NL_LOCKED: pre_doit takes the mutex
 * once its checks have passed and post_doit drops it, so that a handler
 * holds it from its first lookup to its reply and takes no lock itself
 * (ipvl_nl_locked() asserts it).  GET_INFO, GET_CONFIG and GET_STATUS
 * run without it: they read single values with READ_ONCE().  Dumps have
 * no pre_doit: the services' and the real servers' dumps take the mutex
 * for each message they fill (netlink_svc.c); the connection dump never
 * takes it and walks its table under RCU (netlink_conn.c).
 */
#ifndef _IPVL_NETLINK_H
#define _IPVL_NETLINK_H

#include <linux/lockdep.h>
#include <linux/netfilter.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <uapi/linux/ipvs_lite.h>

#include "ipvs_lite.h"

struct ipvl_svc_conf;

#define IPVL_CMD_ATTR_MAX	IPVS_LITE_CMD_ATTR_MAX

/* An op's internal_flags: run its doit under config_mutex (see above). */
#define IPVL_NL_LOCKED		BIT(0)

/* The namespace of an IPVL_NL_LOCKED command, whose config_mutex is held. */
static inline struct ipvl_net *ipvl_nl_locked(struct genl_info *info)
{
	struct ipvl_net *in = ipvl_net(genl_info_net(info));

	lockdep_assert_held(&in->config_mutex);
	return in;
}

/*
 * Is attribute @type of nest @nest missing from @tb?  If so, the extack
 * says which.
 */
#define IPVL_NEED(extack, tb, nest, type) ({				\
	bool __missing = !(tb)[type];					\
	if (__missing)							\
		NL_SET_ERR_ATTR_MISS(extack, nest, type);		\
	__missing;							\
})

extern bool ipvl_compat;
extern const struct nla_policy ipvl_dest_policy[IPVS_DEST_ATTR_MAX + 1];
extern const struct nla_policy
ipvl_daemon_policy[IPVS_DAEMON_ATTR_MAX + 1];
extern const struct nla_policy
ipvl_filter_policy[IPVS_LITE_FILTER_ATTR_MAX + 1];

int ipvl_nl_dump_attrs(struct netlink_callback *cb, struct nlattr **attrs);
int ipvl_nl_reply(struct genl_info *info, u8 cmd,
		  int (*fill)(struct sk_buff *msg,
			      struct genl_info *info, void *arg),
		  void *arg);
void *ipvl_dump_put(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd);
int ipvl_nl_parse_af(const struct nlattr *attr, u16 *af,
		     struct netlink_ext_ack *extack);
int ipvl_nl_parse_addr(const struct nlattr *attr, u16 af,
		       union nf_inet_addr *addr,
		       struct netlink_ext_ack *extack);
int ipvl_nl_parse_svc(struct nlattr *nest, bool full,
		      struct ipvl_svc_conf *conf,
		      struct netlink_ext_ack *extack);

/* Services and real servers, ZERO and FLUSH */
int ipvl_nl_new_service(struct sk_buff *skb, struct genl_info *info);
int ipvl_nl_set_service(struct sk_buff *skb, struct genl_info *info);
int ipvl_nl_del_service(struct sk_buff *skb, struct genl_info *info);
int ipvl_nl_get_service(struct sk_buff *skb, struct genl_info *info);
int ipvl_nl_dump_services(struct sk_buff *skb, struct netlink_callback *cb);
int ipvl_nl_new_dest(struct sk_buff *skb, struct genl_info *info);
int ipvl_nl_set_dest(struct sk_buff *skb, struct genl_info *info);
int ipvl_nl_del_dest(struct sk_buff *skb, struct genl_info *info);
int ipvl_nl_dump_dests(struct sk_buff *skb, struct netlink_callback *cb);
int ipvl_nl_zero(struct sk_buff *skb, struct genl_info *info);
int ipvl_nl_flush(struct sk_buff *skb, struct genl_info *info);

/* Info, config and status */
int ipvl_nl_new_daemon(struct sk_buff *skb, struct genl_info *info);
int ipvl_nl_del_daemon(struct sk_buff *skb, struct genl_info *info);
int ipvl_nl_dump_daemons(struct sk_buff *skb, struct netlink_callback *cb);

int ipvl_nl_get_info(struct sk_buff *skb, struct genl_info *info);
int ipvl_nl_get_config(struct sk_buff *skb, struct genl_info *info);
int ipvl_nl_set_config(struct sk_buff *skb, struct genl_info *info);
int ipvl_nl_get_status(struct sk_buff *skb, struct genl_info *info);

/* The connection dump */
int ipvl_nl_conn_start(struct netlink_callback *cb);
int ipvl_nl_dump_conns(struct sk_buff *skb, struct netlink_callback *cb);
int ipvl_nl_conn_done(struct netlink_callback *cb);

#endif /* _IPVL_NETLINK_H */
