// SPDX-License-Identifier: GPL-2.0
/*
 * The namespace's sysctls: net.ipvs_lite.*, with IPVS's names, defaults
 * and ranges; in compat mode (compat_ipvs=1) the same table also where
 * ip_vs keeps it, net.ipv4.vs.*, for the scripts and tools written for
 * ip_vs (below).  Each value is one word that its readers take with READ_ONCE();
 * sync_threshold's two are checked together and written whole.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/sysctl.h>

#include "ipvs_lite.h"

/* Since 6.11 the handlers see their table as const. */
#ifdef IPVL_HAVE_CONST_CTL_TABLE
#define IPVL_CTL_CONST	const
#else
#define IPVL_CTL_CONST
#endif

/* The table's data are offsets into struct ipvl_net until registered. */
#define IPVL_OFF(field)	((void *)offsetof(struct ipvl_net, field))

#define IPVL_SYSCTL_BOOL(name, field) {				\
	.procname = name,					\
	.data = IPVL_OFF(field),				\
	.maxlen = sizeof(int),					\
	.mode = 0644,						\
	.proc_handler = proc_dointvec_minmax,			\
	.extra1 = SYSCTL_ZERO,					\
	.extra2 = SYSCTL_ONE,					\
}

#define IPVL_SYSCTL_INT(name, field, handler) {			\
	.procname = name,					\
	.data = IPVL_OFF(field),				\
	.maxlen = sizeof(int),					\
	.mode = 0644,						\
	.proc_handler = handler,				\
}

/* sync_threshold: "threshold period", threshold below period unless 0. */
static int ipvl_proc_sync_threshold(IPVL_CTL_CONST struct ctl_table *table, int write,
				    void *buffer, size_t *lenp, loff_t *ppos)
{
	int *valp = table->data, val[2];
	struct ctl_table tmp = {
		.data = val,
		.maxlen = sizeof(val),
		.mode = table->mode,
	};
	int ret;

	val[0] = READ_ONCE(valp[0]);
	val[1] = READ_ONCE(valp[1]);
	ret = proc_dointvec(&tmp, write, buffer, lenp, ppos);
	if (ret || !write)
		return ret;
	if (val[0] < 0 || val[1] < 0 || (val[1] && val[0] >= val[1]))
		return -EINVAL;
	WRITE_ONCE(valp[0], val[0]);
	WRITE_ONCE(valp[1], val[1]);
	return 0;
}

/* sync_ports: a power of two, 1 at least (IPVS's rule). */
static int ipvl_proc_sync_ports(IPVL_CTL_CONST struct ctl_table *table, int write,
				void *buffer, size_t *lenp, loff_t *ppos)
{
	int *valp = table->data, val = READ_ONCE(*valp);
	struct ctl_table tmp = {
		.data = &val,
		.maxlen = sizeof(val),
		.mode = table->mode,
	};
	int ret;

	ret = proc_dointvec(&tmp, write, buffer, lenp, ppos);
	if (ret || !write)
		return ret;
	if (val < 1 || !is_power_of_2(val))
		return -EINVAL;
	WRITE_ONCE(*valp, val);
	return 0;
}

static const struct ctl_table ipvl_sysctl_template[] = {
	IPVL_SYSCTL_BOOL("expire_nodest_conn", sysctl.expire_nodest_conn),
	IPVL_SYSCTL_BOOL("expire_quiescent_template",
			 sysctl.expire_quiescent_template),
	IPVL_SYSCTL_BOOL("sloppy_tcp", sysctl.sloppy_tcp),
	IPVL_SYSCTL_BOOL("snat_reroute", sysctl.snat_reroute),
	{
		.procname = "sync_threshold",
		.data = IPVL_OFF(sync.sysctl.threshold),
		.maxlen = sizeof(((struct ipvl_sync_sysctl *)0)->threshold),
		.mode = 0644,
		.proc_handler = ipvl_proc_sync_threshold,
	},
	IPVL_SYSCTL_INT("sync_refresh_period", sync.sysctl.refresh_period,
			proc_dointvec_jiffies),
	{
		.procname = "sync_retries",
		.data = IPVL_OFF(sync.sysctl.retries),
		.maxlen = sizeof(int),
		.mode = 0644,
		.proc_handler = proc_dointvec_minmax,
		.extra1 = SYSCTL_ZERO,
		.extra2 = SYSCTL_THREE,
	},
	IPVL_SYSCTL_INT("sync_ports", sync.sysctl.ports, ipvl_proc_sync_ports),
	{
		.procname = "sync_qlen_max",
		.data = IPVL_OFF(sync.sysctl.qlen_max),
		.maxlen = sizeof(unsigned long),
		.mode = 0644,
		.proc_handler = proc_doulongvec_minmax,
	},
	IPVL_SYSCTL_INT("sync_sock_size", sync.sysctl.sock_size,
			proc_dointvec),
	IPVL_SYSCTL_BOOL("sync_persist_mode", sync.sysctl.persist_mode),
	IPVL_SYSCTL_BOOL("sync_version", sync.sysctl.version),
	IPVL_SYSCTL_BOOL("backup_only", sync.sysctl.backup_only),
	{ }
};

static struct ctl_table_header *ipvl_sysctl_register(struct ipvl_net *in,
						     const char *path)
{
	struct ctl_table_header *hdr;
	struct ctl_table *t;
	unsigned int i;

	t = kmemdup(ipvl_sysctl_template, sizeof(ipvl_sysctl_template),
		    GFP_KERNEL_ACCOUNT);
	if (!t)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(ipvl_sysctl_template) - 1; i++)
		t[i].data = (void *)in + (uintptr_t)t[i].data;
#ifdef IPVL_HAVE_SYSCTL_SZ
	hdr = register_net_sysctl_sz(in->net, path, t,
				     ARRAY_SIZE(ipvl_sysctl_template) - 1);
#else
	hdr = register_net_sysctl(in->net, path, t);
#endif
	if (!hdr)
		kfree(t);
	return hdr;
}

static void ipvl_sysctl_unregister(struct ctl_table_header *hdr)
{
	const struct ctl_table *t;

	if (!hdr)
		return;
	t = hdr->ctl_table_arg;
	unregister_net_sysctl_table(hdr);
	kfree(t);
}

int ipvl_sysctl_init(struct ipvl_net *in)
{
	in->sysctl_hdr = ipvl_sysctl_register(in, "net/ipvs_lite");
	return in->sysctl_hdr ? 0 : -ENOMEM;
}

void ipvl_sysctl_exit(struct ipvl_net *in)
{
	ipvl_sysctl_unregister(in->sysctl_hdr);
}

/*
 * Compat mode's copy, net.ipv4.vs.*: its own pernet operations,
 * registered once the family has taken the name "IPVS" (so ip_vs, which
 * registers the same path, is not loaded), after the namespaces' state
 * exists and removed before it goes.
 */
static int __net_init ipvl_compat_sysctl_net_init(struct net *net)
{
	struct ipvl_net *in = ipvl_net(net);

	in->compat_sysctl_hdr = ipvl_sysctl_register(in, "net/ipv4/vs");
	return in->compat_sysctl_hdr ? 0 : -ENOMEM;
}

static void __net_exit ipvl_compat_sysctl_net_exit(struct net *net)
{
	struct ipvl_net *in = ipvl_net(net);

	ipvl_sysctl_unregister(in->compat_sysctl_hdr);
	in->compat_sysctl_hdr = NULL;
}

static struct pernet_operations ipvl_compat_sysctl_ops = {
	.init = ipvl_compat_sysctl_net_init,
	.exit = ipvl_compat_sysctl_net_exit,
};

int __init ipvl_compat_sysctl_init(void)
{
	return register_pernet_subsys(&ipvl_compat_sysctl_ops);
}

void ipvl_compat_sysctl_exit(void)
{
	unregister_pernet_subsys(&ipvl_compat_sysctl_ops);
}
