/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: core structures shared by the module's files.
 *
 * Lock order (outermost first):
 *   ipvl_net.config_mutex   configuration writers (netlink doit handlers)
 *
 * The packet path never takes config_mutex: it reads what writers publish
 * with WRITE_ONCE()/rcu_assign_pointer().
 */
#ifndef _IPVS_LITE_H
#define _IPVS_LITE_H

#include <linux/mutex.h>
#include <linux/types.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <uapi/linux/ipvs_lite.h>

/* The version GET_INFO reports: IPVS's, so that its tools accept us. */
#define IPVL_VERSION_CODE	0x010201

/*
 * Bucket count GET_INFO reports as the connection table size: the initial
 * and smallest size of the (resizable) table.
 */
#define IPVL_CONN_TAB_SIZE	4096

/* Largest timeout --set accepts, in seconds: that of ipvsadm (31 days). */
#define IPVL_TIMEOUT_MAX	(31 * 24 * 60 * 60)

/**
 * struct ipvl_timeouts - the timeouts IPVS_CMD_SET_CONFIG sets, in seconds
 * @tcp: TCP ESTABLISHED
 * @tcp_fin: TCP FIN_WAIT
 * @udp: UDP
 *
 * Written under &ipvl_net.config_mutex with WRITE_ONCE(); read anywhere
 * with READ_ONCE().
 */
struct ipvl_timeouts {
	u32 tcp;
	u32 tcp_fin;
	u32 udp;
};

/**
 * struct ipvl_net - ipvs-lite state of one network namespace
 * @net: the namespace
 * @config_mutex: serialises configuration changes in this namespace
 * @timeouts: protocol timeouts
 */
struct ipvl_net {
	struct net *net;
	struct mutex config_mutex;	/* protects writes to all below */
	struct ipvl_timeouts timeouts;
};

/* netns.c */
extern unsigned int ipvl_net_id;
int ipvl_netns_init(void);
void ipvl_netns_exit(void);

static inline struct ipvl_net *ipvl_net(const struct net *net)
{
	return net_generic(net, ipvl_net_id);
}

/* netlink.c */
int ipvl_genl_init(bool compat_name);
void ipvl_genl_exit(void);

#endif /* _IPVS_LITE_H */
