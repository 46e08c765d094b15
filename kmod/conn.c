// SPDX-License-Identifier: GPL-2.0
/*
 * The connection tables: every connection the director forwards, found by
 * the packet path under RCU, expired by a worker.
 *
 * Two resizable hash tables per namespace, seeded at random by rhashtable:
 * conn_in_ht finds a connection from a client's packet (client -> virtual
 * address and ports); conn_out_ht finds a NAT connection from its real
 * server's reply (real server -> client).  DR and TUN connections are only
 * in the first: their replies do not pass the director.
 *
 * Expiry costs no timer per connection: a packet only stores a new expiry
 * time, and a worker walks the table once a second and unhashes what has
 * expired.  A connection therefore lives at most a second past its
 * timeout; ipvsadm -Lnc shows whole seconds anyway.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jhash.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include "ipvs_lite.h"
#include "conn.h"
#include "dest.h"
#include "proto.h"
#include "service.h"

static struct kmem_cache *ipvl_conn_cache __read_mostly;

const char *const ipvl_state_names[IPVS_LITE_S_MAX] = IPVS_LITE_STATE_NAMES;

/* Hashing ------------------------------------------------------------- */

static u32 ipvl_hash(const union nf_inet_addr *s, const union nf_inet_addr *d,
		     __be16 sport, __be16 dport, u8 protocol, u8 af, u32 seed)
{
	u32 ports = (__force u32)sport << 16 | (__force u16)dport;

	if (af == AF_INET)
		return jhash_3words((__force u32)s->ip, (__force u32)d->ip,
				    ports ^ protocol, seed);
	return jhash2((__force const u32 *)d->all, 4,
		      jhash2((__force const u32 *)s->all, 4,
			     seed ^ ports ^ protocol));
}

static u32 ipvl_tuple_hashfn(const void *data, u32 len, u32 seed)
{
	const struct ipvl_tuple *t = data;

	return ipvl_hash(&t->saddr, &t->daddr, t->sport, t->dport,
			 t->protocol, t->af, seed);
}

static u32 ipvl_in_obj_hashfn(const void *data, u32 len, u32 seed)
{
	const struct ipvl_conn *cp = data;

	return ipvl_hash(&cp->caddr, &cp->vaddr, cp->cport, cp->vport,
			 cp->protocol, cp->af, seed);
}

static u32 ipvl_out_obj_hashfn(const void *data, u32 len, u32 seed)
{
	const struct ipvl_conn *cp = data;

	return ipvl_hash(&cp->daddr, &cp->caddr, cp->dport, cp->cport,
			 cp->protocol, cp->af, seed);
}

static int ipvl_in_cmpfn(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct ipvl_tuple *t = arg->key;
	const struct ipvl_conn *cp = obj;

	return !(cp->cport == t->sport && cp->vport == t->dport &&
		 cp->protocol == t->protocol && cp->af == t->af &&
		 !(READ_ONCE(cp->flags) & IPVL_CONN_F_TEMPLATE) == !t->tmpl &&
		 nf_inet_addr_cmp(&cp->caddr, &t->saddr) &&
		 nf_inet_addr_cmp(&cp->vaddr, &t->daddr));
}

static int ipvl_out_cmpfn(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct ipvl_tuple *t = arg->key;
	const struct ipvl_conn *cp = obj;

	return !(cp->dport == t->sport && cp->cport == t->dport &&
		 cp->protocol == t->protocol && cp->af == t->af &&
		 nf_inet_addr_cmp(&cp->daddr, &t->saddr) &&
		 nf_inet_addr_cmp(&cp->caddr, &t->daddr));
}

static const struct rhashtable_params ipvl_in_params = {
	.head_offset = offsetof(struct ipvl_conn, in_node),
	.key_len = sizeof(struct ipvl_tuple),
	.hashfn = ipvl_tuple_hashfn,
	.obj_hashfn = ipvl_in_obj_hashfn,
	.obj_cmpfn = ipvl_in_cmpfn,
	.automatic_shrinking = true,
};

static const struct rhashtable_params ipvl_out_params = {
	.head_offset = offsetof(struct ipvl_conn, out_node),
	.key_len = sizeof(struct ipvl_tuple),
	.hashfn = ipvl_tuple_hashfn,
	.obj_hashfn = ipvl_out_obj_hashfn,
	.obj_cmpfn = ipvl_out_cmpfn,
	.automatic_shrinking = true,
};

/* Under rcu_read_lock(); the result is valid until rcu_read_unlock(). */
struct ipvl_conn *ipvl_conn_in_find(struct ipvl_net *in,
				    const struct ipvl_tuple *t)
{
	return rhashtable_lookup(&in->conn_in_ht, t, ipvl_in_params);
}

struct ipvl_conn *ipvl_conn_out_find(struct ipvl_net *in,
				     const struct ipvl_tuple *t)
{
	return rhashtable_lookup(&in->conn_out_ht, t, ipvl_out_params);
}

/* Life and death ------------------------------------------------------ */

/* Take a connection with @flags off its real server's counters. */
static void ipvl_conn_unbind(struct ipvl_dest *dest, u8 flags)
{
	ipvl_dest_unbind(dest, flags & IPVL_CONN_F_TEMPLATE,
			 !(flags & (IPVL_CONN_F_TEMPLATE | IPVL_CONN_F_INACTIVE)));
}

static void ipvl_conn_free_rcu(struct rcu_head *head)
{
	struct ipvl_conn *cp = container_of(head, struct ipvl_conn, rcu);

	if (cp->control)
		ipvl_tmpl_put(cp->control);
	ipvl_dest_put(cp->dest);
	kmem_cache_free(ipvl_conn_cache, cp);
}

/* Drop a reference to template @ct; the last one frees it. */
void ipvl_tmpl_put(struct ipvl_conn *ct)
{
	if (atomic_dec_and_test(&ct->n_control))
		call_rcu(&ct->rcu, ipvl_conn_free_rcu);
}

/*
 * Fill in @cp for client packet @t to @dest at port @dport: everything
 * but the tables, the lock and the references.
 */
void ipvl_conn_fill(struct ipvl_conn *cp, const struct ipvl_tuple *t,
		    struct ipvl_dest *dest, __be16 dport)
{
	cp->caddr = t->saddr;
	cp->vaddr = t->daddr;
	cp->cport = t->sport;
	cp->vport = t->dport;
	cp->daddr = dest->addr;
	cp->dport = dport;
	cp->af = t->af;
	cp->protocol = t->protocol;
	cp->fwd = READ_ONCE(dest->fwd) & IP_VS_CONN_F_FWD_MASK;
	cp->dest = dest;
}

/*
 * A place in the table, if there is one under the bound: the count never
 * passes it, not even for a moment, however many CPUs race for the last
 * place (a failed increment would show in the status and its memory).
 */
static bool ipvl_conn_reserve(struct ipvl_net *in)
{
	int n = atomic_read(&in->conn_count);

	do {
		if (n >= (int)READ_ONCE(in->conn_max))
			return false;
	} while (!atomic_try_cmpxchg(&in->conn_count, &n, n + 1));
	return true;
}

/*
 * What a new connection starts as: @state, active or not, expiring in
 * @timeout jiffies.
 */
struct ipvl_conn_start {
	u8 state;
	bool inactive;
	unsigned long timeout;
};

static struct ipvl_conn *ipvl_conn_make(struct ipvl_net *in,
					const struct ipvl_tuple *t,
					struct ipvl_dest *dest, __be16 dport,
					const struct ipvl_conn_start *start,
					struct ipvl_conn *control,
					int *reason);

/*
 * Schedule-time creation: @t is the client's packet, or with @t->tmpl a
 * persistence template's key; @dport the real server's port; @timeout
 * the template's lifetime in jiffies.  @control: the template that chose
 * @dest, whose reference the new connection takes over.  Returns the new
 * connection, or NULL with *@reason an IPVS_LITE_DROP_* or -EEXIST when
 * another CPU hashed the same connection first (look it up again).
 * Called under rcu_read_lock() in softirq.
 */
struct ipvl_conn *ipvl_conn_new(struct ipvl_net *in,
				const struct ipvl_tuple *t,
				struct ipvl_dest *dest, __be16 dport,
				unsigned long timeout,
				struct ipvl_conn *control, int *reason)
{
	struct ipvl_conn_start start = { .timeout = timeout };

	if (!t->tmpl) {
		start.state = t->protocol == IPPROTO_UDP ? IPVS_LITE_S_UDP :
							    IPVS_LITE_S_NONE;
		start.inactive = true;
		start.timeout = ipvl_state_timeout(in, start.state);
	}
	return ipvl_conn_make(in, t, dest, dport, &start, control, reason);
}

/*
 * A connection a master director told us of (sync_recv.c): as
 * ipvl_conn_new() without a template, in @state, active unless
 * @inactive, expiring in @timeout jiffies.  Under RCU, BH off.
 */
struct ipvl_conn *ipvl_conn_new_synced(struct ipvl_net *in,
				       const struct ipvl_tuple *t,
				       struct ipvl_dest *dest, __be16 dport,
				       u8 state, bool inactive,
				       unsigned long timeout, int *reason)
{
	struct ipvl_conn_start start = {
		.state = state,
		.inactive = inactive && !t->tmpl,
		.timeout = timeout,
	};

	return ipvl_conn_make(in, t, dest, dport, &start, NULL, reason);
}

/*
 * A master director's news of @cp: its state, activity and expiry, as
 * IPVS's backup takes them (the real server stays).  Under RCU, BH off.
 */
void ipvl_conn_sync_update(struct ipvl_conn *cp, u8 state, bool inactive,
			   unsigned long timeout)
{
	spin_lock(&cp->lock);
	if (cp->flags & IPVL_CONN_F_DEAD)
		goto out;
	if (!(cp->flags & IPVL_CONN_F_TEMPLATE) &&
	    inactive != !!(cp->flags & IPVL_CONN_F_INACTIVE)) {
		ipvl_dest_activate(cp->dest, !inactive);
		cp->flags ^= IPVL_CONN_F_INACTIVE;
	}
	WRITE_ONCE(cp->state, state);
	cp->old_state = state;
	WRITE_ONCE(cp->expires, jiffies + timeout);
out:
	spin_unlock(&cp->lock);
}

/* How long @cp lives after a packet, jiffies: what the backups are told. */
unsigned long ipvl_conn_timeout(const struct ipvl_net *in,
				const struct ipvl_conn *cp)
{
	const struct ipvl_service *svc;

	if (!(READ_ONCE(cp->flags) & IPVL_CONN_F_TEMPLATE))
		return ipvl_state_timeout(in, READ_ONCE(cp->state));
	svc = rcu_dereference(cp->dest->svc);
	return svc ? (unsigned long)READ_ONCE(svc->timeout) * HZ : 0;
}

static struct ipvl_conn *ipvl_conn_make(struct ipvl_net *in,
					const struct ipvl_tuple *t,
					struct ipvl_dest *dest, __be16 dport,
					const struct ipvl_conn_start *start,
					struct ipvl_conn *control,
					int *reason)
{
	struct ipvl_conn *cp;
	int ret;

	if (!ipvl_conn_reserve(in)) {
		*reason = IPVS_LITE_DROP_TABLE_FULL;
		goto err_control;
	}
	cp = kmem_cache_zalloc(ipvl_conn_cache, ipvl_gfp_atomic(in));
	if (!cp) {
		*reason = IPVS_LITE_DROP_NOMEM;
		goto err_count;
	}
	/* The scheduler chose it under RCU; it may be on its way out. */
	if (!refcount_inc_not_zero(&dest->refcnt)) {
		*reason = IPVS_LITE_DROP_NO_DEST;
		goto err_free;
	}

	ipvl_conn_fill(cp, t, dest, dport);
	cp->state = start->state;
	cp->old_state = start->state;
	cp->expires = jiffies + start->timeout;
	if (t->tmpl) {
		cp->flags = IPVL_CONN_F_TEMPLATE;
		/* The table's reference. */
		atomic_set(&cp->n_control, 1);
	} else {
		if (start->inactive)
			cp->flags = IPVL_CONN_F_INACTIVE;
		if (cp->fwd != IP_VS_CONN_F_MASQ)
			cp->flags |= IPVL_CONN_F_NOOUTPUT;
	}
	spin_lock_init(&cp->lock);
	ipvl_dest_bind(dest, t->tmpl);
	if (!t->tmpl && !start->inactive)
		ipvl_dest_activate(dest, true);

	/* Nobody may expire it before it is in both tables. */
	spin_lock(&cp->lock);
	ret = rhashtable_lookup_insert_key(&in->conn_in_ht, t, &cp->in_node,
					   ipvl_in_params);
	if (ret) {
		spin_unlock(&cp->lock);
		*reason = ret == -EEXIST ? -EEXIST : IPVS_LITE_DROP_NOMEM;
		ipvl_conn_unbind(dest, cp->flags);
		ipvl_dest_put(dest);
		goto err_free;
	}
	/* From here on it owns the template reference. */
	cp->control = control;
	if (cp->fwd == IP_VS_CONN_F_MASQ && !t->tmpl) {
		ret = rhashtable_insert_fast(&in->conn_out_ht, &cp->out_node,
					     ipvl_out_params);
		if (ret) {
			spin_unlock(&cp->lock);
			*reason = IPVS_LITE_DROP_NOMEM;
			/* Readers may have seen it: the usual way out. */
			ipvl_conn_expire(in, cp);
			return NULL;
		}
		cp->flags |= IPVL_CONN_F_OUT;
	}
	spin_unlock(&cp->lock);
	return cp;

err_free:
	kmem_cache_free(ipvl_conn_cache, cp);
err_count:
	atomic_dec(&in->conn_count);
err_control:
	if (control)
		ipvl_tmpl_put(control);
	return NULL;
}

/*
 * Unhash @cp and free it after a grace period.  Safe against concurrent
 * callers: the first one wins.  Any context but hard IRQ; under RCU or
 * with @cp otherwise known to be alive.
 */
void ipvl_conn_expire(struct ipvl_net *in, struct ipvl_conn *cp)
{
	u8 flags;

	spin_lock_bh(&cp->lock);
	if (cp->flags & IPVL_CONN_F_DEAD) {
		spin_unlock_bh(&cp->lock);
		return;
	}
	cp->flags |= IPVL_CONN_F_DEAD;
	rhashtable_remove_fast(&in->conn_in_ht, &cp->in_node, ipvl_in_params);
	if (cp->flags & IPVL_CONN_F_OUT)
		rhashtable_remove_fast(&in->conn_out_ht, &cp->out_node,
				       ipvl_out_params);
	flags = cp->flags;
	spin_unlock_bh(&cp->lock);

	ipvl_conn_unbind(cp->dest, flags);
	atomic_dec(&in->conn_count);
	/* A template lives on while connections it controls do. */
	if (flags & IPVL_CONN_F_TEMPLATE)
		ipvl_tmpl_put(cp);
	else
		call_rcu(&cp->rcu, ipvl_conn_free_rcu);
}

/* States ---------------------------------------------------------------- */

/*
 * A packet of @cp passed: move its TCP state (@th is its header, NULL for
 * UDP) and push its expiry out; ICMP errors about @cp do neither.  @reply:
 * it came from the real server.  Packet path, softirq.
 *
 * The packet path found @cp without its lock: it may have been expired
 * since.  Whoever set DEAD has taken it off its server's counters by the
 * flags it had then, so a dead connection's flags and counters stay as
 * they are.
 */
void ipvl_conn_transition(struct ipvl_net *in, struct ipvl_conn *cp,
			  bool reply, const struct tcphdr *th)
{
	u8 state;

	spin_lock(&cp->lock);
	if (cp->flags & IPVL_CONN_F_DEAD)
		goto out;
	state = cp->state;
	if (th) {
		bool active;

		state = ipvl_tcp_next_state(cp, reply, th);
		active = ipvl_tcp_state_active(state);
		if (active == !!(cp->flags & IPVL_CONN_F_INACTIVE)) {
			ipvl_dest_activate(cp->dest, active);
			cp->flags ^= IPVL_CONN_F_INACTIVE;
		}
		cp->state = state;
		/* As IPVS: an established connection assures its template. */
		if (state == IPVS_LITE_S_ESTABLISHED && cp->control)
			WRITE_ONCE(cp->control->state, IPVS_LITE_S_ASSURED);
	}
	WRITE_ONCE(cp->expires, jiffies + ipvl_state_timeout(in, state));
out:
	spin_unlock(&cp->lock);
}

/* Expiry ---------------------------------------------------------------- */

#define IPVL_GC_BATCH	1024

/* IPVS's re-arm of a template that still controls connections. */
#define IPVL_TMPL_EXTEND	(60 * HZ)

/* Is @cp to go now? */
static bool ipvl_conn_gc_due(struct ipvl_net *in, struct ipvl_conn *cp)
{
	if (READ_ONCE(in->sysctl.expire_nodest_conn) &&
	    !test_bit(IPVL_DEST_AVAILABLE, &cp->dest->flags))
		return true;
	if (time_before(jiffies, READ_ONCE(cp->expires)))
		return false;
	if ((READ_ONCE(cp->flags) & IPVL_CONN_F_TEMPLATE) &&
	    atomic_read(&cp->n_control) > 1) {
		WRITE_ONCE(cp->expires, jiffies + IPVL_TMPL_EXTEND);
		return false;
	}
	return true;
}

/*
 * Call @fn for every connection and template of @in, under RCU, a pause
 * for others every batch.  Process context.  A walk that pauses while
 * entries are unhashed may step over a few.
 */
void ipvl_conns_walk(struct ipvl_net *in,
		     void (*fn)(struct ipvl_net *in, struct ipvl_conn *cp,
				void *arg),
		     void *arg)
{
	struct rhashtable_iter iter;
	struct ipvl_conn *cp;
	unsigned int n = 0;

	rhashtable_walk_enter(&in->conn_in_ht, &iter);
	rhashtable_walk_start(&iter);
	while ((cp = rhashtable_walk_next(&iter))) {
		if (IS_ERR(cp)) {
			/* A resize: the walk goes on in the new table. */
			if (PTR_ERR(cp) == -EAGAIN)
				continue;
			break;
		}
		fn(in, cp, arg);
		if (++n % IPVL_GC_BATCH == 0) {
			rhashtable_walk_stop(&iter);
			cond_resched();
			rhashtable_walk_start(&iter);
		}
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
}

static void ipvl_conn_gc_one(struct ipvl_net *in, struct ipvl_conn *cp,
			     void *all)
{
	if (all || ipvl_conn_gc_due(in, cp))
		ipvl_conn_expire(in, cp);
}

/* Walk the table, unhash what expired (with @all: everything). */
static void ipvl_conn_gc(struct ipvl_net *in, bool all)
{
	ipvl_conns_walk(in, ipvl_conn_gc_one, all ? in : NULL);
}

static void ipvl_conn_gc_work(struct work_struct *work)
{
	struct ipvl_net *in = container_of(to_delayed_work(work),
					   struct ipvl_net, conn_gc_work);

	if (atomic_read(&in->conn_count))
		ipvl_conn_gc(in, false);
	queue_delayed_work(system_power_efficient_wq, &in->conn_gc_work, HZ);
}

int ipvl_conns_init(struct ipvl_net *in)
{
	int ret;

	in->conn_max = IPVL_CONN_MAX_DEFAULT;
	atomic_set(&in->conn_count, 0);
	ret = rhashtable_init(&in->conn_in_ht, &ipvl_in_params);
	if (ret)
		return ret;
	ret = rhashtable_init(&in->conn_out_ht, &ipvl_out_params);
	if (ret)
		goto err_in;
	INIT_DELAYED_WORK(&in->conn_gc_work, ipvl_conn_gc_work);
	queue_delayed_work(system_power_efficient_wq, &in->conn_gc_work, HZ);
	return 0;

err_in:
	rhashtable_destroy(&in->conn_in_ht);
	return ret;
}

/*
 * The namespace is going, its hooks went a grace period ago (netns.c), or
 * its init failed before any: no packet makes or finds a connection any
 * more, only the worker, which stops first.
 */
void ipvl_conns_exit(struct ipvl_net *in)
{
	int left = INT_MAX;

	cancel_delayed_work_sync(&in->conn_gc_work);
	/*
	 * A walk that unhashes as it goes may step over a few entries when
	 * it pauses (its place is gone): walk again until none are left, as
	 * long as each walk gets somewhere.
	 */
	while (atomic_read(&in->conn_count) &&
	       atomic_read(&in->conn_count) < left) {
		left = atomic_read(&in->conn_count);
		ipvl_conn_gc(in, true);
	}
	WARN_ON_ONCE(atomic_read(&in->conn_count));
	rhashtable_destroy(&in->conn_out_ht);
	rhashtable_destroy(&in->conn_in_ht);
}

int __init ipvl_conn_cache_init(void)
{
	ipvl_conn_cache = KMEM_CACHE(ipvl_conn, 0);
	return ipvl_conn_cache ? 0 : -ENOMEM;
}

/* After rcu_barrier(): every connection has been freed. */
void ipvl_conn_cache_exit(void)
{
	kmem_cache_destroy(ipvl_conn_cache);
}
