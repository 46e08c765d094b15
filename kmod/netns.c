// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state: created when a namespace is born (or the
 * module is loaded), destroyed when it dies (or the module is removed).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include "ipvs_lite.h"

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
	ret = ipvl_conns_init(in);
	if (ret)
		return ret;
	ret = ipvl_services_init(in);
	if (ret)
		ipvl_conns_exit(in);
	return ret;
}

/* The namespace is going: no netlink request can reach it any more. */
static void __net_exit ipvl_net_exit(struct net *net)
{
	struct ipvl_net *in = ipvl_net(net);

	/* Services first: their going unhooks the packet path. */
	ipvl_services_exit(in);
	ipvl_conns_exit(in);
	mutex_destroy(&in->config_mutex);
}

static struct pernet_operations ipvl_net_ops = {
	.init = ipvl_net_init,
	.exit = ipvl_net_exit,
	.id = &ipvl_net_id,
	.size = sizeof(struct ipvl_net),
};

int __init ipvl_netns_init(void)
{
	return register_pernet_subsys(&ipvl_net_ops);
}

void ipvl_netns_exit(void)
{
	unregister_pernet_subsys(&ipvl_net_ops);
}
