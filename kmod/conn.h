/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: the connection tables (conn.c) and persistence templates
 * (persist.c).
 *
 * Lifetime: a connection is owned by its namespace's connection tables.
 * Whoever sets its DEAD flag (under its lock: the expiry worker, a SYN
 * that reuses its ports, namespace teardown) unhashes it; it is freed
 * after a grace period, dropping its destination reference then.  The
 * packet path uses connections it found under RCU without references.
 * A template lives while the table or a connection it controls holds it
 * (&ipvl_conn.n_control).
 */
#ifndef _IPVL_CONN_H
#define _IPVL_CONN_H

#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/netfilter.h>
#include <uapi/linux/ipvs_lite.h>

struct ipvl_dest;
struct ipvl_net;
struct ipvl_sched;
struct ipvl_service;
struct ipvl_tuple;
struct tcphdr;

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
 * @old_state: the state it was last sent to the backups in (sync_send.c)
 * @lock: protects @state, @flags and the unhashing
 * @in_pkts: client packets seen while a master sync daemon ran, as IPVS
 *	counts them to decide when to send it
 * @sync_end: the expiry it was last sent with, low bits of jiffies, and
 *	in its two lowest bits the retries of that (sync_send.c)
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
 * 128 bytes on 64-bit without lock debugging (120 before the sync
 * daemon's two words): the slab object is the whole per-connection cost
 * besides the tables' bucket pointers.
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
	u8 old_state;
	spinlock_t lock;		/* see above */
	atomic_t in_pkts;
	u32 sync_end;
	unsigned long expires;
	struct ipvl_dest *dest;
	struct ipvl_conn *control;
	struct rcu_head rcu;
};

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
struct ipvl_conn *ipvl_conn_new_synced(struct ipvl_net *in,
				       const struct ipvl_tuple *t,
				       struct ipvl_dest *dest, __be16 dport,
				       u8 state, bool inactive,
				       unsigned long timeout, int *reason);
void ipvl_conn_sync_update(struct ipvl_conn *cp, u8 state, bool inactive,
			   unsigned long timeout);
unsigned long ipvl_conn_timeout(const struct ipvl_net *in,
				const struct ipvl_conn *cp);
void ipvl_conn_expire(struct ipvl_net *in, struct ipvl_conn *cp);
void ipvl_conns_walk(struct ipvl_net *in,
		     void (*fn)(struct ipvl_net *in, struct ipvl_conn *cp,
				void *arg),
		     void *arg);
void ipvl_conn_transition(struct ipvl_net *in, struct ipvl_conn *cp,
			  bool reply, const struct tcphdr *th);
extern const char *const ipvl_state_names[IPVS_LITE_S_MAX];

/* persist.c */
struct ipvl_dest *ipvl_persist_pick(struct ipvl_net *in,
				    struct ipvl_service *svc,
				    struct ipvl_sched *s,
				    const struct ipvl_tuple *t,
				    struct ipvl_conn **ctp, int *reason);

#endif /* _IPVL_CONN_H */
