/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: the per-namespace state, the packet tuple, drop accounting,
 * and the lock order of the whole module.
 *
 * Lock order (outermost first):
 *   ipvl_net.config_mutex   configuration: the commands netlink.h lists
 *                           (taken by pre_doit), the services' and real
 *                           servers' dumps, namespace teardown
 *   ipvl_est.mutex          the estimator's slots and cursor (its work, and
 *                           adding and removing a stats under config_mutex)
 *   ipvl_stats.lock         the estimator's and ZERO's view of one stats
 *   ipvl_service.sched_lock scheduler state of one service
 *   ipvl_conn.lock          state, expiry and unhashing of one connection
 *                           (packet path, softirq; taken with _bh
 *                           elsewhere); nests the rhashtable bucket locks
 *   ipvl_dests_lock         dest.c's list of every destination alive
 *                           (its last reference, process or softirq,
 *                           _bh; device events)
 *   ipvl_dest.dst_lock      the destination's cached route (packet path;
 *                           device events, inside ipvl_dests_lock)
 *
 * The packet path never takes config_mutex.  It finds services in an
 * rhashtable and walks their destination lists under RCU; writers publish
 * with rcu_assign_pointer()/list_add_rcu() under config_mutex.
 *
 * Lifetimes are with what they concern: service.h, dest.h, conn.h,
 * stats.h, xmit.h and sched.h.
 */
#ifndef _IPVS_LITE_H
#define _IPVS_LITE_H

#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/rhashtable-types.h>
#include <linux/sched/mm.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <uapi/linux/ipvs_lite.h>

#include "stats.h"
#include "sync.h"

struct netlink_ext_ack;

/* The version GET_INFO reports: IPVS's, so that its tools accept us. */
#define IPVL_VERSION_CODE	0x010201

/*
 * Bucket count GET_INFO reports as the connection table size: the initial
 * and smallest size of the (resizable) table.
 */
#define IPVL_CONN_TAB_SIZE	4096

/* IPVS's FTP ports: control, and active data. */
#define IPVL_FTP_PORT		htons(21)
#define IPVL_FTP_DATA_PORT	htons(20)

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
 * struct ipvl_tuple - what the packet path looks a connection up by
 * @saddr: source address of the packet
 * @daddr: destination address
 * @sport: source port
 * @dport: destination port
 * @af: address family
 * @protocol: IP protocol
 * @tmpl: looking for a persistence template
 */
struct ipvl_tuple {
	union nf_inet_addr saddr;
	union nf_inet_addr daddr;
	__be16 sport;
	__be16 dport;
	u8 af;
	u8 protocol;
	u8 tmpl;
};

/* Per-CPU drop counters of a namespace, by IPVS_LITE_DROP_* reason. */
struct ipvl_drops {
	unsigned long n[IPVS_LITE_DROP_MAX];
};

/**
 * struct ipvl_sysctl - IPVS's switches, same names and defaults
 * @expire_nodest_conn: a packet of a connection whose real server was
 *	deleted expires it (and is dropped; a SYN is scheduled afresh), and
 *	the expiry worker flushes such connections
 * @expire_quiescent_template: a persistence template whose real server
 *	has weight 0 is dropped, so the client is scheduled afresh
 * @sloppy_tcp: a TCP packet that misses the table is scheduled even
 *	without SYN (another director's flows after a fail-over)
 * @snat_reroute: a NAT reply, once it comes from the VIP, is routed again
 *	as the director's own packet from there, so that source-based
 *	policy routing applies to it (default 1, as IPVS's; the others 0)
 *
 * Read with READ_ONCE() on the packet path; written by the sysctl core.
 */
struct ipvl_sysctl {
	int expire_nodest_conn;
	int expire_quiescent_template;
	int sloppy_tcp;
	int snat_reroute;
};

/**
 * struct ipvl_net - ipvs-lite state of one network namespace
 * @net: the namespace
 * @config_mutex: serialises configuration changes in this namespace
 * @timeouts: protocol timeouts
 * @svc_ht: services by key, for the packet path
 * @services: services in the order they were added
 * @num_services: length of @services
 * @ftp_services: TCP services on port 21 (READ_ONCE on the packet path)
 * @port0_services: services on port 0 (READ_ONCE on the packet path)
 * @gen: changes with every change to the tables, for dumps
 * @est: the rate estimator (its own lock)
 * @hooks: whether the netfilter hooks are registered (while services exist)
 * @conn_max: the bound on @conn_count (READ_ONCE on the packet path)
 * @conn_count: connections in the tables or about to be
 * @conn_in_ht: connections by client -> virtual address and ports
 * @conn_out_ht: NAT connections by real server -> client
 * @conn_gc_work: expires connections, every second
 * @drops: per-CPU drop counters
 * @sysctl: IPVS's behaviour switches, as net.ipvs_lite.* sysctls
 * @sysctl_hdr: their registration
 * @memcg: the creator's memory cgroup, charged for what the namespace
 *	allocates; NULL for none (memcg.c).  Set at creation, constant
 */
struct ipvl_net {
	struct net *net;
	struct mutex config_mutex;	/* protects writes to all below */
	struct ipvl_timeouts timeouts;
	struct rhashtable svc_ht;
	struct list_head services;
	unsigned int num_services;
	unsigned int ftp_services;
	unsigned int port0_services;
	unsigned int gen;
	struct ipvl_est est;
	bool hooks;
	u32 conn_max;
	atomic_t conn_count;
	struct rhashtable conn_in_ht;
	struct rhashtable conn_out_ht;
	struct delayed_work conn_gc_work;
	struct ipvl_drops __percpu *drops;
	struct ipvl_sysctl sysctl;
	struct ctl_table_header *sysctl_hdr;
	struct ctl_table_header *compat_sysctl_hdr;
	struct ipvl_sync sync;
	struct mem_cgroup *memcg;
};

/* The default bound on connections per namespace. */
#define IPVL_CONN_MAX_DEFAULT	2097152U
/* The largest bound one may set: IPVS's platform limit on 64-bit. */
#define IPVL_CONN_MAX_LIMIT	1073741824U

/* Count a drop; the hook's verdict for it. */
static inline unsigned int ipvl_drop(struct ipvl_net *in, unsigned int reason)
{
	this_cpu_inc(in->drops->n[reason]);
	return NF_DROP;
}

/* admin.c */
int ipvl_admin_check(const struct sk_buff *skb,
		     struct netlink_ext_ack *extack);
int ipvl_admin_check_config(const struct sk_buff *skb, struct nlattr **attrs,
			    struct netlink_ext_ack *extack);
void ipvl_admin_netns_init(struct ipvl_net *in);

/* memcg.c */
void ipvl_memcg_init(struct ipvl_net *in);
void ipvl_memcg_exit(struct ipvl_net *in);

/*
 * Charge what follows to @in's memory cgroup, if it has one (memcg.c);
 * returns what ipvl_charge_end() puts back.
 */
static inline struct mem_cgroup *ipvl_charge_begin(const struct ipvl_net *in)
{
	return in->memcg ? set_active_memcg(in->memcg) : NULL;
}

static inline void ipvl_charge_end(const struct ipvl_net *in,
				   struct mem_cgroup *old)
{
	if (in->memcg)
		set_active_memcg(old);
}

/* How the packet path allocates for @in (memcg.c). */
static inline gfp_t ipvl_gfp_atomic(const struct ipvl_net *in)
{
	return in->memcg ? GFP_NOWAIT | __GFP_NOWARN | __GFP_ACCOUNT :
			   GFP_ATOMIC;
}

/* sysctl.c */
int ipvl_sysctl_init(struct ipvl_net *in);
void ipvl_sysctl_exit(struct ipvl_net *in);
int ipvl_compat_sysctl_init(void);
void ipvl_compat_sysctl_exit(void);

/* procfs.c */
int ipvl_procfs_init(void);
void ipvl_procfs_exit(void);

/* netns.c */
extern unsigned int ipvl_net_id;
extern bool ipvl_netns_ready;
int ipvl_netns_init(void);
void ipvl_netns_exit(void);

static inline struct ipvl_net *ipvl_net(const struct net *net)
{
	return net_generic(net, ipvl_net_id);
}

/* netdev.c */
int ipvl_netdev_init(void);
void ipvl_netdev_exit(void);

/* core.c */
int ipvl_hooks_get(struct ipvl_net *in, struct netlink_ext_ack *extack);
void ipvl_hooks_put(struct ipvl_net *in);

/* netlink.c */
int ipvl_genl_init(bool compat_name);
void ipvl_genl_exit(void);

#endif /* _IPVS_LITE_H */
