// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state: created when a namespace is born (or the
 * module is loaded), destroyed when it dies (or the module is removed).
 * This file owns what belongs to no one table: the mutex, the timeouts
 * and the drop counters (sysctl.c has the sysctls).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "ipvs_lite.h"
#include "conn.h"
#include "service.h"

unsigned int ipvl_net_id __read_mostly;

/* IPVS's defaults for the three timeouts --set changes. */
static const struct ipvl_timeouts ipvl_default_timeouts = {
	.tcp = 15 * 60,
	.tcp_fin = 2 * 60,
	.udp = 5 * 60,
};

static int __net_init ipvl_net_init(struct net *net)
{
	struct ipvl_net *in = ipvl_net(net);
	int ret;

	in->net = net;
	mutex_init(&in->config_mutex);
	in->timeouts = ipvl_default_timeouts;
	in->sysctl.snat_reroute = 1;
	ipvl_sync_net_init(&in->sync);
	ipvl_memcg_init(in);
	ret = -ENOMEM;
	in->drops = alloc_percpu_gfp(struct ipvl_drops, GFP_KERNEL_ACCOUNT);
	if (!in->drops)
		goto err_memcg;
	ret = ipvl_sysctl_init(in);
	if (ret)
		goto err_drops;
	ret = ipvl_conns_init(in);
	if (ret)
		goto err_sysctl;
	ipvl_admin_netns_init(in);
	ret = ipvl_services_init(in);
	if (ret)
		goto err_conns;
	return 0;

err_conns:
	ipvl_conns_exit(in);
err_sysctl:
	ipvl_sysctl_exit(in);
err_drops:
	free_percpu(in->drops);
err_memcg:
	ipvl_memcg_exit(in);
	return ret;
}

/*
 * The namespace is going: no netlink request can reach it any more.
 * Unregistering a netfilter hook does not wait for the packets inside it,
 * so the hooks go here, and the namespace core waits a grace period
 * (synchronize_rcu()) between every pre_exit and every exit: in
 * ipvl_net_exit() no packet is in our hooks and none can enter.
 */
static void __net_exit ipvl_net_pre_exit(struct net *net)
{
	/* The backup's worker fills the tables: it stops first. */
	ipvl_sync_net_exit(&ipvl_net(net)->sync);
	ipvl_services_unhook(ipvl_net(net));
}

static void __net_exit ipvl_net_exit(struct net *net)
{
	struct ipvl_net *in = ipvl_net(net);

	ipvl_services_exit(in);
	ipvl_conns_exit(in);
	ipvl_sysctl_exit(in);
	free_percpu(in->drops);
	ipvl_memcg_exit(in);
	mutex_destroy(&in->sync.mutex);
	mutex_destroy(&in->config_mutex);
}

static struct pernet_operations ipvl_net_ops = {
	.init = ipvl_net_init,
	.pre_exit = ipvl_net_pre_exit,
	.exit = ipvl_net_exit,
	.id = &ipvl_net_id,
	.size = sizeof(struct ipvl_net),
};

/*
 * Does every namespace have its state?  Not before the pernet operations
 * are registered (the device notifier, registered first, replays the
 * devices that exist then), nor once they are being unregistered.
 * Written under RTNL, which device events hold.
 */
bool ipvl_netns_ready;

int __init ipvl_netns_init(void)
{
	int ret = register_pernet_subsys(&ipvl_net_ops);

	if (!ret) {
		rtnl_lock();
		ipvl_netns_ready = true;
		rtnl_unlock();
	}
	return ret;
}

void ipvl_netns_exit(void)
{
	/* No device event sees the state from here on. */
	rtnl_lock();
	ipvl_netns_ready = false;
	rtnl_unlock();
	unregister_pernet_subsys(&ipvl_net_ops);
}
