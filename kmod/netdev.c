// SPDX-License-Identifier: GPL-2.0
/*
 * Device events: a device going down or away takes with it the routes
 * the real servers cached (dest.c forgets them); one coming up with its
 * carrier may be a sync backup's, which asks its masters again.
 *
 * The notifier runs after the kernel's own (addrconf's, the routing
 * tables'), so that a route looked up again after it does not go
 * through the device.  One that a packet looked up just before and
 * cached just after fails dst_check() at the next packet (the routing
 * table changed), and for a device going away is forgotten at the next
 * event: a device whose unregistration waits for references has
 * NETDEV_UNREGISTER sent again every second.  When a namespace goes,
 * its devices go before ipvs-lite's state (pernet device operations exit
 * before subsystems') and after its hooks (netns.c's pre_exit): no
 * packet caches a route meanwhile.
 */
#include <linux/netdevice.h>
#include <linux/notifier.h>
#include <net/addrconf.h>

#include "ipvs_lite.h"
#include "dest.h"

static int ipvl_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (event == NETDEV_DOWN || event == NETDEV_UNREGISTER)
		ipvl_dests_forget_routes(dev_net(dev));
	/* A backup's link back: it asks for what it missed (sync_recv.c). */
	if ((event == NETDEV_UP || event == NETDEV_CHANGE) &&
	    netif_running(dev) && netif_carrier_ok(dev) && ipvl_netns_ready)
		ipvl_sync_netdev_up(dev);
	return NOTIFY_DONE;
}

static struct notifier_block ipvl_netdev_notifier = {
	.notifier_call = ipvl_netdev_event,
	.priority = ADDRCONF_NOTIFY_PRIORITY - 20,
};

int __init ipvl_netdev_init(void)
{
	return register_netdevice_notifier(&ipvl_netdev_notifier);
}

void ipvl_netdev_exit(void)
{
	unregister_netdevice_notifier(&ipvl_netdev_notifier);
}
