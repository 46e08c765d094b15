// SPDX-License-Identifier: GPL-2.0
/*
 * ipvs-lite: an IPVS-compatible layer-4 director.
 *
 * Module init in dependency order, exit in the mirror image.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "ipvs_lite.h"
#include "conn.h"

static bool ipvl_compat_ipvs;
module_param_named(compat_ipvs, ipvl_compat_ipvs, bool, 0444);
MODULE_PARM_DESC(compat_ipvs,
		 "Register the netlink family as \"IPVS\" and /proc/net/ip_vs_conn so that the stock ipvsadm and keepalived drive ipvs-lite (the kernel's ip_vs must not be loaded)");

/*
 * Wait for our RCU callbacks before the code and the cache go.  A
 * callback may queue another, which one rcu_barrier() does not wait for:
 * a connection's frees its template's, which frees its real server's.
 * Three rounds cover the deepest chain.
 */
static void ipvl_rcu_drain(void)
{
	int i;

	for (i = 0; i < 3; i++)
		rcu_barrier();
}

static int __init ipvl_init(void)
{
	int ret;

	ret = ipvl_conn_cache_init();
	if (ret)
		return ret;

	ret = ipvl_est_init();
	if (ret)
		goto err_cache;

	/*
	 * Device events before any namespace's state and after the last:
	 * a namespace going away unregisters its devices before its state
	 * goes, and they wait for the routes its real servers cached.
	 */
	ret = ipvl_netdev_init();
	if (ret)
		goto err_est;

	ret = ipvl_netns_init();
	if (ret)
		goto err_netdev;

	ret = ipvl_genl_init(ipvl_compat_ipvs);
	if (ret)
		goto err_netns;

	/* The family took the name "IPVS": ip_vs is not loaded. */
	if (ipvl_compat_ipvs) {
		ret = ipvl_procfs_init();
		if (ret)
			goto err_genl;
		ret = ipvl_compat_sysctl_init();
		if (ret)
			goto err_procfs;
	}

	pr_info("ipvs-lite loaded, netlink family %s\n",
		ipvl_compat_ipvs ? IPVS_GENL_NAME : IPVS_LITE_GENL_NAME);
	return 0;

err_procfs:
	ipvl_procfs_exit();
err_genl:
	ipvl_genl_exit();
err_netns:
	ipvl_netns_exit();
err_netdev:
	ipvl_netdev_exit();
err_est:
	ipvl_est_exit();
err_cache:
	ipvl_rcu_drain();
	ipvl_conn_cache_exit();
	return ret;
}

static void __exit ipvl_exit(void)
{
	if (ipvl_compat_ipvs) {
		ipvl_compat_sysctl_exit();
		ipvl_procfs_exit();
	}
	ipvl_genl_exit();
	ipvl_netns_exit();
	ipvl_netdev_exit();
	ipvl_est_exit();
	ipvl_rcu_drain();
	ipvl_conn_cache_exit();
}

module_init(ipvl_init);
module_exit(ipvl_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ipvs-lite layer-4 director");
MODULE_AUTHOR("The ipvs-lite developers");
