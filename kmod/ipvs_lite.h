/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: core structures shared by the module's files.
 *
 * Lock order (outermost first):
 *   ipvl_net.config_mutex   configuration writers (netlink doit handlers,
 *                           namespace teardown)
 *   ipvl_est.mutex          the estimator's slots and cursor (its work, and
 *                           adding and removing a stats under config_mutex)
 *   ipvl_stats.lock         the estimator's and ZERO's view of one stats
 *   ipvl_service.sched_lock scheduler state of one service
 *   ipvl_conn.lock          state, expiry and unhashing of one connection
 *                           (packet path, softirq; taken with _bh
 *                           elsewhere); nests the rhashtable bucket locks
 *   ipvl_dest.dst_lock      the destination's cached route (softirq)
 *
 * The packet path never takes config_mutex.  It finds services in an
 * rhashtable and walks their destination lists under RCU; writers publish
 * with rcu_assign_pointer()/list_add_rcu() under config_mutex.
 *
 * Lifetimes:
 *   a service is owned by its namespace's tables; removal unlinks it under
 *   config_mutex and frees it after a grace period (no RCU reader can still
 *   see it then; nothing else points to it);
 *   a destination is owned by references: one from its service's list, one
 *   per connection that uses it.  Removal unlinks it from the list, clears
 *   its AVAILABLE flag and drops the list's reference; the last reference
 *   frees it after a grace period;
 *   the stats of a service or destination are on its namespace's
 *   estimator lists (&ipvl_est.slot) while it is in the tables; removal
 *   takes them off under &ipvl_est.mutex before the grace period that
 *   frees them, and the estimator reaches stats only under that mutex;
 *   a connection is owned by its namespace's connection tables.  Whoever
 *   sets its DEAD flag (under its lock: the expiry worker, a SYN that
 *   reuses its ports, namespace teardown) unhashes it, and it is freed
 *   after a grace period, dropping its destination reference then.  The
 *   packet path uses connections it found under RCU without references.
 */
#ifndef _IPVS_LITE_H
#define _IPVS_LITE_H

#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/refcount.h>
#include <linux/sched/mm.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
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

/* IPVS's FTP ports: control, and active data. */
#define IPVL_FTP_PORT		htons(21)
#define IPVL_FTP_DATA_PORT	htons(20)

/* Bits of &ipvl_dest.flags. */
enum {
	IPVL_DEST_AVAILABLE,	/* in its service's list: may be scheduled */
	IPVL_DEST_OVERLOAD,	/* over its upper threshold */
	IPVL_DEST_SVC_GONE,	/* left the list because its service went */
};

/* Rate estimates are kept scaled, as IPVS's: rates << 10, bytes << 5. */
#define IPVL_EST_SHIFT		10
#define IPVL_EST_BYTES_SHIFT	5

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

/** struct ipvl_counters - totals of one stats: what IPVS_STATS_ATTR_* show */
struct ipvl_counters {
	u64 conns;
	u64 inpkts;
	u64 outpkts;
	u64 inbytes;
	u64 outbytes;
};

/** struct ipvl_cpu_stats - one CPU's counters, written by the packet path */
struct ipvl_cpu_stats {
	u64_stats_t conns;
	u64_stats_t inpkts;
	u64_stats_t outpkts;
	u64_stats_t inbytes;
	u64_stats_t outbytes;
	struct u64_stats_sync syncp;
};

/**
 * struct ipvl_stats - counters and rate estimates of a service or destination
 * @cpu: per-CPU counters
 * @lock: protects @zero, @last and @rate
 * @zero: the totals when the counters were last zeroed
 * @last: the totals at the previous estimation
 * @rate: the estimated rates per second, scaled (see IPVL_EST_SHIFT)
 * @est_node: in one of its namespace's &ipvl_est.slot lists while its
 *	service or destination is in the tables (under &ipvl_est.mutex)
 * @est_slot: which one (under &ipvl_est.mutex)
 */
struct ipvl_stats {
	struct ipvl_cpu_stats __percpu *cpu;
	spinlock_t lock;		/* protects zero, last, rate */
	struct ipvl_counters zero;
	struct ipvl_counters last;
	struct ipvl_counters rate;
	struct list_head est_node;
	unsigned int est_slot;
};

/*
 * The estimator's slots: each is visited once per two-second period, a
 * tick (period / IPVL_EST_SLOTS) after the one before (stats.c).
 */
#define IPVL_EST_SLOTS		50

/**
 * struct ipvl_est - the rate estimator of one namespace
 * @mutex: protects all below but @work; taken after config_mutex, before
 *	any &ipvl_stats.lock
 * @slot: the namespace's stats, spread over the period's ticks
 * @count: the length of each @slot list
 * @cur: the slot being visited, or the next to be
 * @cursor: in @slot[@cur], the next stats to estimate (the list head when
 *	the slot is done); NULL until its tick starts.  Removing the stats
 *	it points to moves it on
 * @base: jiffies when the current period's slot 0 was due
 * @work: one run estimates at most one batch of @slot[@cur]
 */
struct ipvl_est {
	struct mutex mutex;		/* see above */
	struct list_head slot[IPVL_EST_SLOTS];
	unsigned int count[IPVL_EST_SLOTS];
	unsigned int cur;
	struct list_head *cursor;
	unsigned long base;
	struct delayed_work work;
};

struct ipvl_net;
struct ipvl_service;
struct ipvl_dest;
struct ipvl_dest_dst;
struct tcphdr;

struct ipvl_tuple;

/**
 * struct ipvl_scheduler - a scheduling algorithm
 * @name: as -s names it
 * @flags: the IP_VS_SVC_F_SCHED* flags it understands
 * @priv_size: bytes of per-service state it keeps in &ipvl_sched.priv
 * @init: set up @priv (zeroed) for @svc; config_mutex held.  May be NULL
 * @done: the instance was unpublished: release what @priv holds; RCU
 *	readers may still use it until a grace period has passed, so
 *	anything they reach is freed after one.  May be NULL
 * @update: @svc's destinations or their weights changed; config_mutex
 *	held.  An error leaves the previous state in place.  May be NULL
 * @del_dest: @dest is leaving @svc's list and can no longer be chosen
 *	(its AVAILABLE bit is clear); config_mutex held.  May be NULL
 * @schedule: pick a destination for a new connection from client
 *	packet @t, or NULL; packet path, under RCU, softirq
 *
 * Every scheduler is compiled in (sched_*.c) and listed in sched.c.
 */
struct ipvl_scheduler {
	const char *name;
	u32 flags;
	size_t priv_size;
	int (*init)(struct ipvl_service *svc, void *priv);
	void (*done)(struct ipvl_service *svc, void *priv);
	int (*update)(struct ipvl_service *svc, void *priv);
	void (*del_dest)(struct ipvl_service *svc, void *priv,
			 struct ipvl_dest *dest);
	struct ipvl_dest *(*schedule)(struct ipvl_service *svc, void *priv,
				      const struct ipvl_tuple *t);
};

/**
 * struct ipvl_sched - a scheduler bound to one service
 * @ops: the algorithm
 * @rcu: for freeing after a grace period
 * @priv: its state, @ops->priv_size bytes
 *
 * Published in &ipvl_service.sched with rcu_assign_pointer(): the packet
 * path always sees an algorithm together with state of its own kind.
 * Switching algorithms builds the new instance first, publishes it, and
 * frees the old one after a grace period.
 */
struct ipvl_sched {
	const struct ipvl_scheduler *ops;
	struct rcu_head rcu;
	unsigned long priv[];
};

/**
 * struct ipvl_svc_key - what identifies a service in its namespace
 * @addr: virtual address (zero for fwmark services)
 * @port: virtual port, network order (zero for fwmark services)
 * @af: address family
 * @protocol: IPPROTO_TCP or IPPROTO_UDP (zero for fwmark services)
 * @fwmark: firewall mark (zero for address services)
 *
 * Compared as bytes: always zero it before filling it in.
 */
struct ipvl_svc_key {
	union nf_inet_addr addr;
	__be16 port;
	u16 af;
	u16 protocol;
	u16 pad;
	u32 fwmark;
};

/**
 * struct ipvl_service - a virtual service
 * @node: in &ipvl_net.svc_ht, for the packet path
 * @list: in &ipvl_net.services, in the order they were added
 * @key: identity
 * @sched: scheduler and its state (RCU; written under config_mutex)
 * @flags: IP_VS_SVC_F_*
 * @timeout: persistence timeout, seconds
 * @netmask: persistence granularity: a mask (IPv4) or a prefix (IPv6)
 * @mh_size: mh's lookup table size (a prime), IPVS_LITE_MH_SIZE_DEFAULT unless
 *	set
 * @dests: destinations (RCU list, written under config_mutex)
 * @sched_lock: protects the scheduler state that changes per packet
 * @stats: counters
 * @rcu: for freeing after a grace period
 * @in: the namespace whose tables hold it
 */
struct ipvl_service {
	struct rhash_head node;
	struct list_head list;
	struct ipvl_svc_key key;
	struct ipvl_sched __rcu *sched;
	u32 flags;
	u32 timeout;
	u32 netmask;
	u32 mh_size;
	struct list_head dests;
	spinlock_t sched_lock;		/* see above */
	struct ipvl_stats stats;
	struct rcu_head rcu;
	struct ipvl_net *in;
};

/**
 * struct ipvl_dest - a real server of one service
 * @list: in &ipvl_service.dests
 * @dest_dst: the cached route to it (RCU; replaced under @dst_lock)
 * @dst_lock: serialises refreshes of @dest_dst
 * @svc: the service, while the destination is in its list
 * @addr: address
 * @port: port, network order
 * @af: address family (may differ from the service's for tunnels)
 * @fwd: forwarding method, IP_VS_CONN_F_{MASQ,LOCALNODE,TUNNEL,DROUTE}
 * @weight: weight (READ_ONCE on the packet path)
 * @last_weight: the last weight that was not 0 (mh keeps a quiesced
 *	destination's share of its table)
 * @u_thresh: upper connection threshold, 0 for none
 * @l_thresh: lower connection threshold, 0 for 3/4 of @u_thresh
 * @tun_type: IP_VS_CONN_F_TUNNEL_TYPE_*
 * @tun_port: tunnel port, network order
 * @tun_flags: IP_VS_TUNNEL_ENCAP_FLAG_*
 * @flags: IPVL_DEST_* bits
 * @activeconns: connections in an active state
 * @inactconns: other connections
 * @persistconns: persistence templates
 * @refcnt: the service list's reference plus one per connection
 * @stats: counters
 * @rcu: for freeing after a grace period
 */
struct ipvl_dest {
	struct list_head list;
	struct ipvl_dest_dst __rcu *dest_dst;
	spinlock_t dst_lock;		/* serialises refreshes of dest_dst */
	struct ipvl_service __rcu *svc;
	union nf_inet_addr addr;
	__be16 port;
	u16 af;
	u32 fwd;
	int weight;
	int last_weight;
	u32 u_thresh;
	u32 l_thresh;
	u8 tun_type;
	__be16 tun_port;
	u16 tun_flags;
	unsigned long flags;
	atomic_t activeconns;
	atomic_t inactconns;
	atomic_t persistconns;
	refcount_t refcnt;
	struct ipvl_stats stats;
	struct rcu_head rcu;
};

/**
 * struct ipvl_dest_dst - a destination's cached route
 * @dst: the route, one reference held
 * @saddr: the source address the route chose (IPv4), for tunnels
 * @fwd: the forwarding method it was looked up for
 * @local: the route is to one of the director's own addresses
 * @rcu: for freeing after a grace period
 *
 * The packet path uses @dst without a reference of its own, under RCU:
 * a route is freed only a grace period after its last reference goes.
 */
struct ipvl_dest_dst {
	struct dst_entry *dst;
	__be32 saddr;
	u32 fwd;
	bool local;
	struct rcu_head rcu;
};

/* Bits of &ipvl_conn.flags. */
enum {
	IPVL_CONN_F_NOOUTPUT = BIT(0),	/* no reply seen: DR/TUN TCP table */
	IPVL_CONN_F_INACTIVE = BIT(1),	/* counted in inactconns */
	IPVL_CONN_F_DEAD = BIT(2),	/* unhashed; freed after a grace period */
	IPVL_CONN_F_OUT = BIT(3),	/* in the reply table (NAT) */
	IPVL_CONN_F_TEMPLATE = BIT(4),	/* a persistence template */
};

/**
 * struct ipvl_conn - a tracked connection
 * @in_node: in &ipvl_net.conn_in_ht, by client and virtual address/port
 * @out_node: in &ipvl_net.conn_out_ht (NAT only), by real server and client
 * @n_control: templates only: one for the table plus one per connection
 *	it controls; the last one frees it
 * @caddr: client address
 * @vaddr: virtual address
 * @daddr: real server address
 * @cport: client port (network order, as all ports)
 * @vport: virtual port
 * @dport: real server port
 * @af: address family
 * @protocol: IPPROTO_TCP or IPPROTO_UDP
 * @state: IPVS_LITE_S_*
 * @fwd: IP_VS_CONN_F_{MASQ,DROUTE,TUNNEL}, fixed at creation
 * @flags: IPVL_CONN_F_*
 * @lock: protects @state, @flags and the unhashing
 * @expires: when it expires, in jiffies (written with WRITE_ONCE)
 * @dest: its real server, one reference held
 * @control: the persistence template it was scheduled by, one
 *	&n_control reference held; NULL without persistence
 * @rcu: for freeing after a grace period
 *
 * A template (IPVL_CONN_F_TEMPLATE) is keyed by the masked client address,
 * client port 0 and the service's address and port (fwmark services: the
 * mark as address, port 0, IPPROTO_IP).  It is only in conn_in_ht and is
 * found only by the scheduling path.
 *
 * 120 bytes on 64-bit without lock debugging: the slab object is the
 * whole per-connection cost besides the tables' bucket pointers.
 */
struct ipvl_conn {
	struct rhash_head in_node;
	union {
		struct rhash_head out_node;
		atomic_t n_control;
	};
	union nf_inet_addr caddr;
	union nf_inet_addr vaddr;
	union nf_inet_addr daddr;
	__be16 cport;
	__be16 vport;
	__be16 dport;
	u8 af;
	u8 protocol;
	u8 state;
	u8 fwd;
	u8 flags;
	spinlock_t lock;		/* see above */
	unsigned long expires;
	struct ipvl_dest *dest;
	struct ipvl_conn *control;
	struct rcu_head rcu;
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
 * struct ipvl_svc_conf - a service as a command describes it
 * @key: identity
 * @sched_name: scheduler name
 * @flags: IP_VS_SVC_F_* to set ...
 * @flags_mask: ... of these
 * @timeout: persistence timeout, seconds
 * @netmask: persistence mask (IPv4, network order) or prefix (IPv6)
 * @mh_size: mh's table size; 0: keep the service's (default for a new one)
 */
struct ipvl_svc_conf {
	struct ipvl_svc_key key;
	char sched_name[IP_VS_SCHEDNAME_MAXLEN];
	u32 flags;
	u32 flags_mask;
	u32 timeout;
	u32 netmask;
	u32 mh_size;
};

/**
 * struct ipvl_dest_conf - a destination as a command describes it
 * @addr: address
 * @port: port, network order
 * @af: address family
 * @fwd: forwarding method
 * @weight: weight
 * @u_thresh: upper threshold
 * @l_thresh: lower threshold
 * @tun_type: tunnel type
 * @tun_port: tunnel port, network order
 * @tun_flags: tunnel flags
 */
struct ipvl_dest_conf {
	union nf_inet_addr addr;
	__be16 port;
	u16 af;
	u32 fwd;
	int weight;
	u32 u_thresh;
	u32 l_thresh;
	u8 tun_type;
	__be16 tun_port;
	u16 tun_flags;
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

/* procfs.c */
int ipvl_procfs_init(void);
void ipvl_procfs_exit(void);

/* netns.c */
extern unsigned int ipvl_net_id;
int ipvl_netns_init(void);
void ipvl_netns_exit(void);

static inline struct ipvl_net *ipvl_net(const struct net *net)
{
	return net_generic(net, ipvl_net_id);
}

/* service.c */

/* @svc's scheduler, for a writer: config_mutex held. */
static inline struct ipvl_sched *ipvl_svc_sched(const struct ipvl_net *in,
						const struct ipvl_service *svc)
{
	return rcu_dereference_protected(svc->sched,
					 lockdep_is_held(&in->config_mutex));
}

int ipvl_services_init(struct ipvl_net *in);
void ipvl_services_exit(struct ipvl_net *in);
struct ipvl_service *ipvl_svc_find(struct ipvl_net *in,
				   const struct ipvl_svc_key *key);
int ipvl_svc_add(struct ipvl_net *in, const struct ipvl_svc_conf *conf,
		 struct netlink_ext_ack *extack);
int ipvl_svc_edit(struct ipvl_net *in, struct ipvl_service *svc,
		  const struct ipvl_svc_conf *conf,
		  struct netlink_ext_ack *extack);
void ipvl_svc_del(struct ipvl_net *in, struct ipvl_service *svc);
void ipvl_svc_flush(struct ipvl_net *in);
int ipvl_svc_update_sched(struct ipvl_net *in, struct ipvl_service *svc,
			  struct netlink_ext_ack *extack);

/* dest.c */
struct ipvl_dest *ipvl_dest_find(struct ipvl_service *svc,
				 const union nf_inet_addr *addr, __be16 port,
				 u16 af);
int ipvl_dest_add(struct ipvl_net *in, struct ipvl_service *svc,
		  const struct ipvl_dest_conf *conf,
		  struct netlink_ext_ack *extack);
int ipvl_dest_edit(struct ipvl_net *in, struct ipvl_dest *dest,
		   const struct ipvl_dest_conf *conf,
		   struct netlink_ext_ack *extack);
void ipvl_dest_del(struct ipvl_net *in, struct ipvl_dest *dest);
void ipvl_dest_put(struct ipvl_dest *dest);
void ipvl_dest_unlink(struct ipvl_net *in, struct ipvl_service *svc,
		      struct ipvl_dest *dest);
void ipvl_dest_bind(struct ipvl_dest *dest, bool tmpl);
void ipvl_dest_unbind(struct ipvl_dest *dest, u8 flags);

/* Still in its service and not over its upper threshold? */
static inline bool ipvl_dest_open(const struct ipvl_dest *dest)
{
	return test_bit(IPVL_DEST_AVAILABLE, &dest->flags) &&
	       !test_bit(IPVL_DEST_OVERLOAD, &dest->flags);
}

/* May a scheduler give new connections to @dest? */
static inline bool ipvl_dest_usable(const struct ipvl_dest *dest)
{
	return ipvl_dest_open(dest) && READ_ONCE(dest->weight) > 0;
}

/* What least-connection schedulers weigh: IPVS's overhead. */
static inline u32 ipvl_dest_overhead(const struct ipvl_dest *dest)
{
	return (atomic_read(&dest->activeconns) << 8) +
	       atomic_read(&dest->inactconns);
}

/**
 * struct ipvl_sched_table - slots of destinations, for the hashing
 *	schedulers (sh, dh, mh)
 * @rcu: for freeing after a grace period
 * @size: number of slots
 * @ndests: number of destinations in @dests
 * @dests: the service's destinations when it was built, list order, one
 *	reference each
 * @slot: an index into @dests per slot, or IPVL_SLOT_EMPTY
 *
 * Built whole under config_mutex, published with rcu_assign_pointer(),
 * read by the packet path under RCU; a change builds a new one.
 */
struct ipvl_sched_table {
	struct rcu_head rcu;
	u32 size;
	u32 ndests;
	struct ipvl_dest **dests;
	u16 slot[];
};

#define IPVL_SLOT_EMPTY		0xffffU

/**
 * struct ipvl_loc_set - the real servers an address was given to
 * @rcu: for freeing after a grace period
 * @lastmod: when it was made (jiffies)
 * @n: number of servers
 * @d: the servers, one reference each
 */
struct ipvl_loc_set {
	struct rcu_head rcu;
	unsigned long lastmod;
	unsigned int n;
	struct ipvl_dest *d[];
};

/**
 * struct ipvl_loc_entry - one destination address of lblc/lblcr
 * @node: in its &ipvl_loc chain
 * @addr: the address
 * @af: its family
 * @lastuse: when a packet last used it (jiffies, WRITE_ONCE)
 * @set: its servers (RCU; replaced under sched_lock)
 * @rcu: for freeing after a grace period
 */
struct ipvl_loc_entry {
	struct hlist_node node;
	union nf_inet_addr addr;
	u8 af;
	unsigned long lastuse;
	struct ipvl_loc_set __rcu *set;
	struct rcu_head rcu;
};

/**
 * struct ipvl_loc - lblc's and lblcr's table (see sched_locality.c)
 * @chains: hash chains (RCU; written under *@lock)
 * @lock: the service's sched_lock
 * @count: entries (under *@lock)
 * @dead: set when the instance goes (under *@lock): nothing is added
 * @gc_work: drops unused entries every minute
 */
struct ipvl_loc {
	struct hlist_head chains[1024];
	spinlock_t *lock;		/* &ipvl_service.sched_lock */
	unsigned int count;
	bool dead;
	struct delayed_work gc_work;
};

/* mh's flags (IPVS defines them in ip_vs_mh.c, not in its uapi). */
#define IPVL_SVC_F_MH_FALLBACK	IP_VS_SVC_F_SCHED1
#define IPVL_SVC_F_MH_PORT	IP_VS_SVC_F_SCHED2


/* sched.c and sched_*.c */
const struct ipvl_scheduler *ipvl_sched_find(const char *name);
struct ipvl_sched *ipvl_sched_new(struct ipvl_service *svc,
				  const struct ipvl_scheduler *ops);
void ipvl_sched_free(struct ipvl_service *svc, struct ipvl_sched *s);
u32 ipvl_sched_gcd_weight(struct ipvl_service *svc);
int ipvl_sched_max_weight(struct ipvl_service *svc);
struct ipvl_dest *ipvl_sched_wlc_pick(struct ipvl_service *svc);
struct ipvl_dest *ipvl_sched_sed_pick(struct ipvl_service *svc, bool nq);
struct ipvl_sched_table *ipvl_sched_table_alloc(struct ipvl_service *svc,
						u32 size);
void ipvl_sched_table_free(struct ipvl_sched_table *tab);
struct ipvl_dest *ipvl_sched_table_get(const struct ipvl_sched_table *tab,
				       u32 i);
u32 ipvl_sched_fold(const union nf_inet_addr *addr, u8 af);
void ipvl_sched_table_swap(struct ipvl_sched_table __rcu **ptr,
			   struct ipvl_sched_table *tab);
__be16 ipvl_sched_port(const struct ipvl_service *svc,
		       const struct ipvl_tuple *t, u32 port_flag);
void ipvl_sched_table_done(struct ipvl_service *svc, void *priv);
void ipvl_sched_cursor_del_dest(struct ipvl_service *svc, void *priv,
				struct ipvl_dest *dest);
struct ipvl_dest *ipvl_sched_heaviest(struct ipvl_service *svc,
				      bool within_weight);
int ipvl_loc_init(struct ipvl_service *svc, void *priv);
void ipvl_loc_done(struct ipvl_service *svc, void *priv);
struct ipvl_loc_entry *ipvl_loc_find(struct ipvl_loc *loc,
				     const union nf_inet_addr *addr, u8 af);
const struct ipvl_loc_set *ipvl_loc_use(struct ipvl_loc *loc,
					const struct ipvl_tuple *t);
void ipvl_loc_update(struct ipvl_service *svc, struct ipvl_loc *loc,
		     const union nf_inet_addr *addr, u8 af,
		     struct ipvl_dest *drop, struct ipvl_dest *add, bool only);
struct ipvl_dest *ipvl_loc_set_pick(const struct ipvl_loc_set *set,
				    bool most);
bool ipvl_loc_overloaded(struct ipvl_service *svc, struct ipvl_dest *dest);
extern const struct ipvl_scheduler ipvl_sched_rr, ipvl_sched_wrr,
	ipvl_sched_lc, ipvl_sched_wlc, ipvl_sched_sed, ipvl_sched_nq,
	ipvl_sched_fo, ipvl_sched_ovf, ipvl_sched_twos, ipvl_sched_sh,
	ipvl_sched_dh, ipvl_sched_mh, ipvl_sched_lblc, ipvl_sched_lblcr;

/* stats.c */
int ipvl_stats_init(struct ipvl_stats *s);
void ipvl_stats_free(struct ipvl_stats *s);
void ipvl_stats_read(struct ipvl_stats *s, struct ipvl_counters *sum,
		     struct ipvl_counters *rate);
void ipvl_stats_zero(struct ipvl_stats *s);
int ipvl_est_init(void);
void ipvl_est_exit(void);
void ipvl_est_start(struct ipvl_net *in);
void ipvl_est_add(struct ipvl_net *in, struct ipvl_stats *s);
void ipvl_est_del(struct ipvl_net *in, struct ipvl_stats *s);

/* Packet path (softirq): a packet of @len bytes towards a real server. */
static inline void ipvl_stats_in(struct ipvl_stats *s, unsigned int len,
				 bool new_conn)
{
	struct ipvl_cpu_stats *c = this_cpu_ptr(s->cpu);

	u64_stats_update_begin(&c->syncp);
	if (new_conn)
		u64_stats_inc(&c->conns);
	u64_stats_inc(&c->inpkts);
	u64_stats_add(&c->inbytes, len);
	u64_stats_update_end(&c->syncp);
}

/* ... and one from a real server. */
static inline void ipvl_stats_out(struct ipvl_stats *s, unsigned int len)
{
	struct ipvl_cpu_stats *c = this_cpu_ptr(s->cpu);

	u64_stats_update_begin(&c->syncp);
	u64_stats_inc(&c->outpkts);
	u64_stats_add(&c->outbytes, len);
	u64_stats_update_end(&c->syncp);
}

void ipvl_est_stop(struct ipvl_net *in);

/* conn.c */
int ipvl_conn_cache_init(void);
void ipvl_conn_cache_exit(void);
int ipvl_conns_init(struct ipvl_net *in);
void ipvl_conns_exit(struct ipvl_net *in);
struct ipvl_conn *ipvl_conn_in_find(struct ipvl_net *in,
				    const struct ipvl_tuple *t);
struct ipvl_conn *ipvl_conn_out_find(struct ipvl_net *in,
				     const struct ipvl_tuple *t);
struct ipvl_conn *ipvl_conn_new(struct ipvl_net *in,
				const struct ipvl_tuple *t,
				struct ipvl_dest *dest, __be16 dport,
				unsigned long timeout,
				struct ipvl_conn *control, int *reason);
void ipvl_conn_fill(struct ipvl_conn *cp, const struct ipvl_tuple *t,
		    struct ipvl_dest *dest, __be16 dport);
void ipvl_tmpl_put(struct ipvl_conn *ct);
void ipvl_conn_expire(struct ipvl_net *in, struct ipvl_conn *cp);
void ipvl_conn_transition(struct ipvl_net *in, struct ipvl_conn *cp,
			  bool reply, const struct tcphdr *th);
extern const char *const ipvl_state_names[IPVS_LITE_S_MAX];

/* proto_tcp.c, proto_udp.c */
u8 ipvl_tcp_next_state(struct ipvl_conn *cp, bool reply,
		       const struct tcphdr *th);
bool ipvl_tcp_state_active(u8 state);
unsigned long ipvl_tcp_timeout(const struct ipvl_net *in, u8 state);
unsigned long ipvl_udp_timeout(const struct ipvl_net *in);

/* How long a connection may stay in @state, in jiffies. */
static inline unsigned long ipvl_state_timeout(const struct ipvl_net *in,
					       u8 state)
{
	return state == IPVS_LITE_S_UDP ? ipvl_udp_timeout(in) :
					  ipvl_tcp_timeout(in, state);
}

/* persist.c */
struct ipvl_dest *ipvl_persist_pick(struct ipvl_net *in,
				    struct ipvl_service *svc,
				    struct ipvl_sched *s,
				    const struct ipvl_tuple *t,
				    struct ipvl_conn **ctp, int *reason);

/* core.c */
int ipvl_hooks_get(struct ipvl_net *in, struct netlink_ext_ack *extack);
void ipvl_hooks_put(struct ipvl_net *in);

/* xmit.c */
unsigned int ipvl_xmit(struct ipvl_net *in, struct sk_buff *skb,
		       struct ipvl_conn *cp);
unsigned int ipvl_xmit_icmp(struct ipvl_net *in, struct sk_buff *skb,
			    struct ipvl_conn *cp, unsigned int qoff,
			    unsigned int qlen);
unsigned int ipvl_xmit_tun_icmp(struct ipvl_net *in, struct sk_buff *skb,
				struct ipvl_conn *cp, unsigned int qoff,
				unsigned int ioff);
unsigned int ipvl_nat_reply(struct ipvl_net *in, struct sk_buff *skb,
			    struct ipvl_conn *cp, unsigned int thoff);
unsigned int ipvl_nat_reply_icmp(struct ipvl_net *in, struct sk_buff *skb,
				 struct ipvl_conn *cp, unsigned int qoff,
				 unsigned int qlen);
void ipvl_dest_dst_release(struct ipvl_dest *dest);

/* netlink.c */
int ipvl_genl_init(bool compat_name);
void ipvl_genl_exit(void);

#endif /* _IPVS_LITE_H */
