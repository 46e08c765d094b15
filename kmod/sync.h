/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: connection synchronisation between directors, IPVS's sync
 * daemons (sync.c: their lives; sync_send.c: the master; sync_recv.c: the
 * backup; sync_wire.h: the protocol).
 *
 * A namespace runs a master, a backup, or both.  The master hears of
 * every client packet (ipvl_sync_conn(), from the packet path) and
 * multicasts the connections IPVS's rules say to send; the backup applies
 * what it hears to its own connection table, bound to its own real
 * servers, ready for the moment the VIP moves to it.
 *
 * Locking and lifetimes:
 *  - sync_mutex serialises starting and stopping the daemons and guards
 *    the two configurations; never taken by the packet path.
 *  - The master is &ipvl_sync.master, RCU-managed: the packet path finds
 *    it under rcu_read_lock() and fills its buffers under each port's
 *    spinlock (BH off); stopping clears the pointer, waits a grace
 *    period, then stops its worker and frees it with its buffers.
 *  - The backup's sockets wake their workers (sk_data_ready, under
 *    sk_callback_lock: ipvl_sync_watch()); stopping restores the
 *    sockets' callbacks first, so that nothing queues the workers again,
 *    then cancels them (ipvl_sync_unwatch()).  The backup is
 *    &ipvl_sync.backup, RCU-managed too: device events find it under
 *    rcu_read_lock() to ask the masters for their tables when its link
 *    comes up (ipvl_sync_netdev_up()).  The master's request listener is
 *    watched the same way.
 *  - Both are stopped before the namespace's tables go (netns.c's
 *    pre_exit), since the backup's worker fills them.
 */
#ifndef _IPVL_SYNC_H
#define _IPVL_SYNC_H

#include <linux/atomic.h>
#include <linux/if.h>
#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <uapi/linux/ipvs_lite.h>

struct ipvl_conn;
struct ipvl_net;
struct ipvl_sync_master;
struct ipvl_sync_backup;
struct net_device;
struct netlink_ext_ack;
struct sock;
struct sockaddr_storage;
struct socket;
struct work_struct;

/* IPVS's bound on sync ports (sockets, and worker queues) per daemon. */
#define IPVL_SYNC_PORTS_MAX	64

/**
 * struct ipvl_sync_cfg - a daemon's configuration, IPVS's attributes
 * @ifname: the multicast interface
 * @group: the multicast group
 * @af: its family
 * @port: the first UDP port (host order); port + i for sync port i
 * @maxlen: the longest message's payload, bytes
 * @ttl: multicast TTL or hop limit
 * @syncid: the sync ID sent, or (backup) accepted; 0 accepts all
 * @ifindex: @ifname's index when the daemon started
 */
struct ipvl_sync_cfg {
	char ifname[IFNAMSIZ];
	union nf_inet_addr group;
	u16 af;
	u16 port;
	u16 maxlen;
	u8 ttl;
	u8 syncid;
	int ifindex;
};

/**
 * struct ipvl_sync_sysctl - IPVS's sync sysctls, with its defaults
 * @threshold: sync_threshold: a connection is sent at its threshold'th
 *	client packet, then every period'th ([1]; 0: only then)
 * @refresh_period: sync_refresh_period, jiffies: resend only when the
 *	expiry moved that much (0: as the threshold says)
 * @retries: sync_retries, 0..3, at refresh_period / 8
 * @ports: sync_ports: sockets per daemon, a power of two
 * @qlen_max: sync_qlen_max: messages the master queues at most
 * @sock_size: sync_sock_size: the sockets' buffer size (0: default)
 * @persist_mode: sync_persist_mode: send no connection that a template
 *	controls (the template is enough)
 * @version: sync_version: the protocol the master sends, 0 or 1
 * @backup_only: while the backup runs, direct nothing
 */
struct ipvl_sync_sysctl {
	int threshold[2];
	int refresh_period;
	int retries;
	int ports;
	unsigned long qlen_max;
	int sock_size;
	int persist_mode;
	int version;
	int backup_only;
};

/* A watched socket's own callback (ipvl_sync_watch()). */
struct ipvl_sync_saved {
	void (*data_ready)(struct sock *sk);
};

/* Counters, by IPVS_LITE_SYNC_*. */
struct ipvl_sync_stats {
	atomic64_t n[IPVS_LITE_SYNC_MAX];
};

/**
 * struct ipvl_sync - a namespace's synchronisation
 * @mutex: serialises the daemons' starts and stops (see above)
 * @active: the daemons running or starting, IP_VS_STATE_* bits; written
 *	under both @mutex and config_mutex, read under either
 * @master: the master daemon, or NULL
 * @backup: the backup daemon, or NULL
 * @mcfg: the master's configuration, while it runs
 * @bcfg: the backup's
 * @nports: their sync ports, fixed while either runs
 * @sysctl: the sysctls
 * @stats: the counters
 */
struct ipvl_sync {
	struct mutex mutex;		/* see above */
	u32 active;
	struct ipvl_sync_master __rcu *master;
	struct ipvl_sync_backup __rcu *backup;
	struct ipvl_sync_cfg mcfg;
	struct ipvl_sync_cfg bcfg;
	unsigned int nports;
	struct ipvl_sync_sysctl sysctl;
	struct ipvl_sync_stats stats;
};

static inline void ipvl_sync_count(struct ipvl_sync *s, unsigned int what,
				   s64 n)
{
	atomic64_add(n, &s->stats.n[what]);
}

/* sync.c */
void ipvl_sync_net_init(struct ipvl_sync *s);
void ipvl_sync_net_exit(struct ipvl_sync *s);
int ipvl_sync_start(struct ipvl_net *in, u32 state, struct ipvl_sync_cfg *c,
		    struct netlink_ext_ack *extack);
int ipvl_sync_stop(struct ipvl_net *in, u32 state,
		   struct netlink_ext_ack *extack);
int ipvl_sync_sock_open(struct ipvl_net *in, const struct ipvl_sync_cfg *c,
			int id, bool send, struct socket **sockp);
int ipvl_sync_sockaddr(const struct ipvl_sync_cfg *c, int id,
		       struct sockaddr_storage *ss);
void ipvl_sync_watch(struct socket *sock, struct work_struct *work,
		     struct ipvl_sync_saved *saved);
void ipvl_sync_unwatch(struct socket *sock, struct work_struct *work,
		       const struct ipvl_sync_saved *saved);

/* Is a backup running with backup_only set: direct nothing? */
static inline bool ipvl_sync_backup_only(struct ipvl_sync *s)
{
	return unlikely(READ_ONCE(s->active) & IP_VS_STATE_BACKUP) &&
	       READ_ONCE(s->sysctl.backup_only);
}

/* sync_send.c */
struct ipvl_sync_master *ipvl_sync_master_new(struct ipvl_net *in,
					      unsigned int ports);
void ipvl_sync_master_free(struct ipvl_sync_master *m);
void __ipvl_sync_conn(struct ipvl_net *in, struct ipvl_sync_master *m,
		      struct ipvl_conn *cp);

/* A client's packet of @cp passed: send @cp if IPVS would.  Under RCU. */
static inline void ipvl_sync_conn(struct ipvl_net *in, struct ipvl_sync *s,
				  struct ipvl_conn *cp)
{
	struct ipvl_sync_master *m = rcu_dereference(s->master);

	if (unlikely(m))
		__ipvl_sync_conn(in, m, cp);
}

/* sync_recv.c */
struct ipvl_sync_backup *ipvl_sync_backup_new(struct ipvl_net *in,
					      unsigned int ports);
void ipvl_sync_backup_free(struct ipvl_sync_backup *b);
void ipvl_sync_netdev_up(struct net_device *dev);

#endif /* _IPVL_SYNC_H */
