// SPDX-License-Identifier: GPL-2.0
/*
 * The master sync daemon: which connections to send, when, and the
 * messages that carry them, as IPVS's master sends them.
 *
 * The packet path calls __ipvl_sync_conn() for each client packet.  If
 * IPVS's rules say so (ipvl_sync_needed()), the connection is written
 * into its sync port's current message; a full message joins the port's
 * queue, and the port's worker sends the queue soon after (at once past
 * IPVL_SYNC_WAKEUP_RATE messages), and the current message once it is
 * IPVL_SYNC_FLUSH_TIME old.  A queue at sync_qlen_max loses what comes
 * next; the loss is counted.
 *
 * A connection goes to sync port hash(connection) & (ports - 1), so that
 * its messages stay in order.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/sock.h>

#include "ipvs_lite.h"
#include "conn.h"
#include "dest.h"
#include "service.h"
#include "sync.h"
#include "sync_wire.h"

/* IPVS's timings: a queued message waits 20 ms at most, a partial one 2 s. */
#define IPVL_SYNC_SEND_DELAY	max(HZ / 50, 1)
#define IPVL_SYNC_FLUSH_TIME	(2 * HZ)
#define IPVL_SYNC_CHECK_PERIOD	HZ
#define IPVL_SYNC_WAKEUP_RATE	8

/*
 * Messages a port sends before it pauses a jiffy: 32 full ones are about
 * 75 KB of a backup's socket buffer (208 KB by default), which its worker
 * empties meanwhile.  A table sent whole at once overflowed it on 6.12.
 */
#define IPVL_SYNC_SEND_BATCH	32

/**
 * struct ipvl_sync_buf - a message being filled or waiting to go
 * @list: in &ipvl_sync_port.queue
 * @first: when its first entry was written
 * @head: where the next entry goes
 * @end: the end of its room
 * @v0: a version 0 message
 * @msg: the message
 */
struct ipvl_sync_buf {
	struct list_head list;
	unsigned long first;
	u8 *head;
	u8 *end;
	bool v0;
	u8 msg[];
};

/**
 * struct ipvl_sync_port - one sync port's socket and messages
 * @lock: protects @cur, @queue, @qlen and @delay (BH off)
 * @cur: the message being filled, or NULL
 * @queue: full messages, oldest first
 * @qlen: their number
 * @delay: messages queued since the worker last ran
 * @work: the worker that sends them
 * @sock: the socket, connected to the group at the port's UDP port
 * @m: its master
 */
struct ipvl_sync_port {
	spinlock_t lock;		/* see above */
	struct ipvl_sync_buf *cur;
	struct list_head queue;
	unsigned long qlen;
	unsigned int delay;
	struct delayed_work work;
	struct socket *sock;
	struct ipvl_sync_master *m;
};

/**
 * struct ipvl_sync_master - a running master daemon
 * @in: its namespace
 * @mask: sync ports - 1
 * @maxlen: the length of a message, at most
 * @syncid: the sync ID it sends
 * @req_sock: where backups' requests for the whole table arrive (the
 *	group at the first port), or NULL if it could not be opened
 * @req_work: reads them
 * @req_saved: @req_sock's own callback
 * @walk_work: sends the whole table
 * @walked: when it last began (jiffies)
 * @port: the sync ports
 */
struct ipvl_sync_master {
	struct ipvl_net *in;
	unsigned int mask;
	u16 maxlen;
	u8 syncid;
	struct socket *req_sock;
	struct work_struct req_work;
	struct ipvl_sync_saved req_saved;
	struct work_struct walk_work;
	unsigned long walked;
	struct ipvl_sync_port port[];
};

/* Decisions ------------------------------------------------------------ */

#define IPVL_SYNC_TCP_STATES_SENT (BIT(IPVS_LITE_S_ESTABLISHED) |	\
				   BIT(IPVS_LITE_S_FIN_WAIT) |		\
				   BIT(IPVS_LITE_S_CLOSE) |		\
				   BIT(IPVS_LITE_S_CLOSE_WAIT) |	\
				   BIT(IPVS_LITE_S_TIME_WAIT))

/*
 * Is @cp to be sent, at its @pkts'th client packet?  IPVS's rules: a TCP
 * connection only in the states above, at once when it moves to one other
 * than ESTABLISHED; otherwise at the threshold'th packet and every
 * period'th after (a template: every time), and with sync_refresh_period
 * only when its expiry moved that much, retried sync_retries times.
 */
static bool ipvl_sync_needed(struct ipvl_net *in, struct ipvl_conn *cp,
			     unsigned long timeout, int pkts)
{
	const struct ipvl_sync_sysctl *sc = &in->sync.sysctl;
	u32 orig = READ_ONCE(cp->sync_end);
	u8 flags = READ_ONCE(cp->flags);
	u8 state = READ_ONCE(cp->state);
	unsigned long now = jiffies;
	u32 n = (u32)(now + timeout) & ~3U;
	int refresh, period;
	bool force = false;

	if (flags & IPVL_CONN_F_TEMPLATE) {
		force = false;
	} else if (READ_ONCE(sc->persist_mode) && cp->control) {
		return false;
	} else if (cp->protocol == IPPROTO_TCP) {
		if (!(BIT(state) & IPVL_SYNC_TCP_STATES_SENT))
			return false;
		force = state != READ_ONCE(cp->old_state);
		if (force && state != IPVS_LITE_S_ESTABLISHED)
			goto set;
	}

	refresh = READ_ONCE(sc->refresh_period);
	if (refresh > 0) {
		long diff = (s32)(n - orig);
		long min_diff = max_t(long, timeout >> 1, 10 * HZ);

		if (abs(diff) < min_t(long, refresh, min_diff)) {
			u32 retries = orig & 3;

			if (retries >= READ_ONCE(sc->retries))
				return false;
			if ((s32)((u32)now - (orig - (u32)timeout +
					      (refresh >> 3))) < 0)
				return false;
			n |= retries + 1;
		}
	}
	period = READ_ONCE(sc->threshold[1]);
	if (period > 0) {
		if (!(flags & IPVL_CONN_F_TEMPLATE) &&
		    pkts % period != READ_ONCE(sc->threshold[0]))
			return false;
	} else if (!refresh && pkts != READ_ONCE(sc->threshold[0])) {
		return false;
	}
set:
	WRITE_ONCE(cp->old_state, state);
	return cmpxchg(&cp->sync_end, orig, n) == orig || force;
}

/* Encoding --------------------------------------------------------------- */

/* @cp's IPVS_CONN_F_* flags on the wire. */
static u32 ipvl_sync_flags(const struct ipvl_conn *cp)
{
	u8 flags = READ_ONCE(cp->flags);
	u32 f = cp->fwd;

	if (flags & IPVL_CONN_F_TEMPLATE)
		return f | IP_VS_CONN_F_TEMPLATE;
	if (flags & IPVL_CONN_F_INACTIVE)
		f |= IP_VS_CONN_F_INACTIVE;
	if (flags & IPVL_CONN_F_NOOUTPUT)
		f |= IP_VS_CONN_F_NOOUTPUT;
	return f;
}

/* @cp's state as IPVS numbers it: TCP's are ours, UDP's is 0. */
static u16 ipvl_sync_state(const struct ipvl_conn *cp)
{
	u8 state = READ_ONCE(cp->state);

	if (READ_ONCE(cp->flags) & IPVL_CONN_F_TEMPLATE)
		return state == IPVS_LITE_S_ASSURED ? IPVL_SYNC_TPL_ASSURED :
						      IPVL_SYNC_TPL_NONE;
	return state == IPVS_LITE_S_UDP ? 0 : state;
}

static unsigned int ipvl_sync_len(const struct ipvl_conn *cp, bool v0)
{
	if (v0)
		return sizeof(struct ipvl_sync_conn_v0);
	return cp->af == AF_INET6 ? IPVL_SYNC_V6_LEN : IPVL_SYNC_V4_LEN;
}

static void ipvl_sync_put_v0(u8 *p, const struct ipvl_conn *cp)
{
	struct ipvl_sync_conn_v0 *e = (struct ipvl_sync_conn_v0 *)p;

	memset(e, 0, sizeof(*e));
	e->protocol = cp->protocol;
	e->cport = cp->cport;
	e->vport = cp->vport;
	e->dport = cp->dport;
	e->caddr = cp->caddr.ip;
	e->vaddr = cp->vaddr.ip;
	e->daddr = cp->daddr.ip;
	e->flags = htons((u16)ipvl_sync_flags(cp));
	e->state = htons(ipvl_sync_state(cp));
}

static void ipvl_sync_put_v1(u8 *p, const struct ipvl_conn *cp,
			     unsigned int len, unsigned long timeout)
{
	struct ipvl_sync_conn *e = (struct ipvl_sync_conn *)p;
	const struct ipvl_service *svc = rcu_dereference(cp->dest->svc);
	unsigned int alen = cp->af == AF_INET6 ? 16 : 4;
	u8 *a = p + sizeof(*e);

	e->type = cp->af == AF_INET6 ? IPVL_SYNC_TYPE_INET6 : 0;
	e->protocol = cp->protocol;
	e->ver_size = htons(len & IPVL_SYNC_SIZE_MASK);
	e->flags = htonl(ipvl_sync_flags(cp));
	e->state = htons(ipvl_sync_state(cp));
	e->cport = cp->cport;
	e->vport = cp->vport;
	e->dport = cp->dport;
	e->fwmark = htonl(svc ? svc->key.fwmark : 0);
	e->timeout = htonl(timeout / HZ);
	memcpy(a, &cp->caddr, alen);
	memcpy(a + alen, &cp->vaddr, alen);
	memcpy(a + 2 * alen, &cp->daddr, alen);
}

/* Messages --------------------------------------------------------------- */

/*
 * A message of sync_maxlen bytes, or room for its header and one entry of
 * @len if that is more (as IPVS: a maxlen below one entry sends one each).
 */
static struct ipvl_sync_buf *ipvl_sync_buf_new(struct ipvl_sync_master *m,
					       bool v0, unsigned int len)
{
	struct ipvl_sync_buf *b;
	unsigned int size;

	size = max_t(unsigned int, m->maxlen,
		     len + (v0 ? sizeof(struct ipvl_sync_hdr_v0) :
				 sizeof(struct ipvl_sync_hdr)));
	b = kmalloc(sizeof(*b) + size, ipvl_gfp_atomic(m->in));
	if (!b)
		return NULL;
	b->first = jiffies;
	b->v0 = v0;
	b->end = b->msg + size;
	if (v0) {
		struct ipvl_sync_hdr_v0 *h = (struct ipvl_sync_hdr_v0 *)b->msg;

		h->nr_conns = 0;
		h->syncid = m->syncid;
		h->size = htons(sizeof(*h));
		b->head = b->msg + sizeof(*h);
	} else {
		struct ipvl_sync_hdr *h = (struct ipvl_sync_hdr *)b->msg;

		memset(h, 0, sizeof(*h));
		h->syncid = m->syncid;
		h->version = IPVL_SYNC_VERSION;
		h->size = htons(sizeof(*h));
		b->head = b->msg + sizeof(*h);
	}
	return b;
}

static unsigned int ipvl_sync_buf_conns(const struct ipvl_sync_buf *b)
{
	if (b->v0)
		return ((const struct ipvl_sync_hdr_v0 *)b->msg)->nr_conns;
	return ((const struct ipvl_sync_hdr *)b->msg)->nr_conns;
}

static unsigned int ipvl_sync_buf_size(const struct ipvl_sync_buf *b)
{
	return b->head - b->msg;
}

/* The entry of @len bytes at @b's head is in: its header counts it. */
static void ipvl_sync_buf_count(struct ipvl_sync_buf *b, unsigned int len)
{
	b->head += len;
	if (b->v0) {
		struct ipvl_sync_hdr_v0 *h = (struct ipvl_sync_hdr_v0 *)b->msg;

		h->nr_conns++;
		h->size = htons(ipvl_sync_buf_size(b));
	} else {
		struct ipvl_sync_hdr *h = (struct ipvl_sync_hdr *)b->msg;

		h->nr_conns++;
		h->size = htons(ipvl_sync_buf_size(b));
	}
}

/* @b is full: queue it for the worker, or lose it past sync_qlen_max. */
static void ipvl_sync_enqueue(struct ipvl_sync_port *port,
			      struct ipvl_sync_buf *b)
{
	struct ipvl_net *in = port->m->in;

	lockdep_assert_held(&port->lock);
	if (port->qlen >= READ_ONCE(in->sync.sysctl.qlen_max)) {
		ipvl_sync_count(&in->sync, IPVS_LITE_SYNC_SEND_LOST,
				ipvl_sync_buf_conns(b));
		kfree(b);
		return;
	}
	list_add_tail(&b->list, &port->queue);
	if (!port->qlen++)
		mod_delayed_work(system_unbound_wq, &port->work,
				 IPVL_SYNC_SEND_DELAY);
	if (++port->delay == IPVL_SYNC_WAKEUP_RATE)
		mod_delayed_work(system_unbound_wq, &port->work, 0);
}

/* Write @cp into its port's current message. */
static void ipvl_sync_put(struct ipvl_sync_master *m, struct ipvl_conn *cp,
			  unsigned long timeout)
{
	bool v0 = !READ_ONCE(m->in->sync.sysctl.version);
	unsigned int len = ipvl_sync_len(cp, v0), pad;
	struct ipvl_sync_port *port;
	struct ipvl_sync_buf *b;

	/* Version 0 carries IPv4 only. */
	if (v0 && cp->af != AF_INET)
		return;
	port = &m->port[(hash_ptr(cp, 32)) & m->mask];
	spin_lock_bh(&port->lock);
	b = port->cur;
	pad = b ? (4 - ipvl_sync_buf_size(b)) & 3 : 0;
	if (b && (b->v0 != v0 || b->head + pad + len > b->end)) {
		ipvl_sync_enqueue(port, b);
		b = NULL;
	}
	if (!b) {
		b = ipvl_sync_buf_new(m, v0, len);
		port->cur = b;
		pad = 0;
		if (!b) {
			spin_unlock_bh(&port->lock);
			ipvl_sync_count(&m->in->sync, IPVS_LITE_SYNC_SEND_LOST,
					1);
			return;
		}
	}
	memset(b->head, 0, pad);
	b->head += pad;
	if (v0)
		ipvl_sync_put_v0(b->head, cp);
	else
		ipvl_sync_put_v1(b->head, cp, len, timeout);
	ipvl_sync_buf_count(b, len);
	/* A message holds 255 entries at most: its count is a byte. */
	if (ipvl_sync_buf_conns(b) == U8_MAX) {
		ipvl_sync_enqueue(port, b);
		port->cur = NULL;
	}
	spin_unlock_bh(&port->lock);
}

/*
 * A client's packet of @cp passed while master @m runs: count it, send
 * @cp if IPVS would, and its template likewise.  Packet path, under RCU.
 */
void __ipvl_sync_conn(struct ipvl_net *in, struct ipvl_sync_master *m,
		      struct ipvl_conn *cp)
{
	int pkts = atomic_inc_return(&cp->in_pkts);
	unsigned long timeout;

	for (;;) {
		timeout = ipvl_conn_timeout(in, cp);
		if (!(READ_ONCE(cp->flags) & IPVL_CONN_F_DEAD) &&
		    ipvl_sync_needed(in, cp, timeout, pkts))
			ipvl_sync_put(m, cp, timeout);
		cp = cp->control;
		if (!cp)
			return;
		pkts = atomic_inc_return(&cp->in_pkts);
	}
}

/* The whole table, for a backup that asks ---------------------------------- */

/* Would IPVS's rules ever send @cp as it is now? */
static bool ipvl_sync_sendable(struct ipvl_net *in, struct ipvl_conn *cp)
{
	u8 flags = READ_ONCE(cp->flags);

	if (flags & (IPVL_CONN_F_DEAD | IPVL_CONN_F_TEMPLATE))
		return !(flags & IPVL_CONN_F_DEAD);
	if (READ_ONCE(in->sync.sysctl.persist_mode) && cp->control)
		return false;
	return cp->protocol != IPPROTO_TCP ||
	       (BIT(READ_ONCE(cp->state)) & IPVL_SYNC_TCP_STATES_SENT);
}

static void ipvl_sync_walk_one(struct ipvl_net *in, struct ipvl_conn *cp,
			       void *m)
{
	if (ipvl_sync_sendable(in, cp))
		ipvl_sync_put(m, cp, ipvl_conn_timeout(in, cp));
}

/* Every sendable connection and template, then every partial message. */
static void ipvl_sync_walk_work(struct work_struct *work)
{
	struct ipvl_sync_master *m = container_of(work,
						  struct ipvl_sync_master,
						  walk_work);
	unsigned int i;

	WRITE_ONCE(m->walked, jiffies);
	ipvl_conns_walk(m->in, ipvl_sync_walk_one, m);
	for (i = 0; i <= m->mask; i++) {
		struct ipvl_sync_port *port = &m->port[i];

		spin_lock_bh(&port->lock);
		if (port->cur) {
			ipvl_sync_enqueue(port, port->cur);
			port->cur = NULL;
		}
		spin_unlock_bh(&port->lock);
		mod_delayed_work(system_unbound_wq, &port->work, 0);
	}
}

/* Is @buf (@len bytes) a backup's request of our sync ID, or of any? */
static bool ipvl_sync_is_request(const struct ipvl_sync_master *m,
				 const u8 *buf, int len)
{
	const struct ipvl_sync_hdr *h = (const struct ipvl_sync_hdr *)buf;

	return len == sizeof(*h) && !h->reserved && !h->nr_conns &&
	       h->version == IPVL_SYNC_VERSION &&
	       h->spare == IPVL_SYNC_REQUEST &&
	       get_unaligned_be16(&h->size) == len &&
	       (!h->syncid || h->syncid == m->syncid);
}

static void ipvl_sync_req_work(struct work_struct *work)
{
	struct ipvl_sync_master *m = container_of(work,
						  struct ipvl_sync_master,
						  req_work);
	u8 buf[sizeof(struct ipvl_sync_hdr) + 1];
	bool asked = false;
	int n;

	/* A master's own messages do not come back (no multicast loop). */
	for (n = 0; n < 64; n++) {
		struct kvec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
		struct msghdr msg = { };
		int len;

		len = kernel_recvmsg(m->req_sock, &msg, &iov, 1, sizeof(buf),
				     MSG_DONTWAIT);
		if (len < 0)
			break;
		if (!(msg.msg_flags & MSG_TRUNC) &&
		    ipvl_sync_is_request(m, buf, len))
			asked = true;
	}
	/*
	 * However many asked, one walk, and one a second at most: anyone on
	 * the segment may ask (the protocol has no authentication), and a
	 * walk multicasts the whole table.  A backup asks three times.
	 */
	if (asked && time_after_eq(jiffies, READ_ONCE(m->walked) + HZ))
		queue_work(system_unbound_wq, &m->walk_work);
	if (n == 64)
		queue_work(system_unbound_wq, &m->req_work);
}

/* The worker ------------------------------------------------------------- */

/* The next message to send: the queue's first, or a partial one aged. */
static struct ipvl_sync_buf *ipvl_sync_next(struct ipvl_sync_port *port,
					    bool flush)
{
	struct ipvl_sync_buf *b;

	spin_lock_bh(&port->lock);
	b = list_first_entry_or_null(&port->queue, struct ipvl_sync_buf, list);
	if (b) {
		list_del(&b->list);
		port->qlen--;
	} else if (port->cur && (flush ||
				 time_after_eq(jiffies, port->cur->first +
						       IPVL_SYNC_FLUSH_TIME))) {
		b = port->cur;
		port->cur = NULL;
	}
	port->delay = 0;
	spin_unlock_bh(&port->lock);
	return b;
}

static int ipvl_sync_send(struct socket *sock, struct ipvl_sync_buf *b)
{
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL };
	struct kvec iov = {
		.iov_base = b->msg,
		.iov_len = ipvl_sync_buf_size(b),
	};

	return kernel_sendmsg(sock, &msg, &iov, 1, iov.iov_len);
}

/* @b goes first, a jiffy from now. */
static void ipvl_sync_send_later(struct ipvl_sync_port *port,
				 struct ipvl_sync_buf *b)
{
	spin_lock_bh(&port->lock);
	list_add(&b->list, &port->queue);
	port->qlen++;
	spin_unlock_bh(&port->lock);
	mod_delayed_work(system_unbound_wq, &port->work, 1);
}

static void ipvl_sync_port_work(struct work_struct *work)
{
	struct ipvl_sync_port *port = container_of(to_delayed_work(work),
						   struct ipvl_sync_port,
						   work);
	struct ipvl_sync *s = &port->m->in->sync;
	unsigned int n = 0;
	struct ipvl_sync_buf *b;
	int ret;

	while ((b = ipvl_sync_next(port, false))) {
		/* A burst (a whole table) in steps the backups can read. */
		if (n++ == IPVL_SYNC_SEND_BATCH) {
			ipvl_sync_send_later(port, b);
			return;
		}
		ret = ipvl_sync_send(port->sock, b);
		/* The socket is full. */
		if (ret == -EAGAIN || ret == -ENOBUFS) {
			ipvl_sync_send_later(port, b);
			return;
		}
		if (ret < 0) {
			ipvl_sync_count(s, IPVS_LITE_SYNC_SEND_LOST,
					ipvl_sync_buf_conns(b));
		} else {
			ipvl_sync_count(s, IPVS_LITE_SYNC_MSGS_SENT, 1);
			ipvl_sync_count(s, IPVS_LITE_SYNC_CONNS_SENT,
					ipvl_sync_buf_conns(b));
		}
		kfree(b);
		cond_resched();
	}
	queue_delayed_work(system_unbound_wq, &port->work,
			   IPVL_SYNC_CHECK_PERIOD);
}

/* Life ------------------------------------------------------------------ */

/* A master of @ports sync ports, its sockets open; or an ERR_PTR(). */
struct ipvl_sync_master *ipvl_sync_master_new(struct ipvl_net *in,
					      unsigned int ports)
{
	struct ipvl_sync_master *m;
	unsigned int i;

	m = kzalloc(struct_size(m, port, ports), GFP_KERNEL_ACCOUNT);
	if (!m)
		return ERR_PTR(-ENOMEM);
	m->in = in;
	m->mask = ports - 1;
	m->maxlen = in->sync.mcfg.maxlen;
	m->syncid = in->sync.mcfg.syncid;
	for (i = 0; i < ports; i++) {
		struct ipvl_sync_port *port = &m->port[i];

		spin_lock_init(&port->lock);
		INIT_LIST_HEAD(&port->queue);
		INIT_DELAYED_WORK(&port->work, ipvl_sync_port_work);
		port->m = m;
	}
	INIT_WORK(&m->req_work, ipvl_sync_req_work);
	INIT_WORK(&m->walk_work, ipvl_sync_walk_work);
	m->walked = jiffies - HZ;
	for (i = 0; i < ports; i++) {
		int ret = ipvl_sync_sock_open(in, &in->sync.mcfg, i, true,
					      &m->port[i].sock);

		if (ret) {
			ipvl_sync_master_free(m);
			return ERR_PTR(ret);
		}
	}
	/* Beyond IPVS: backups may ask for the whole table; not fatal. */
	if (!ipvl_sync_sock_open(in, &in->sync.mcfg, 0, false, &m->req_sock))
		ipvl_sync_watch(m->req_sock, &m->req_work, &m->req_saved);
	else
		m->req_sock = NULL;
	for (i = 0; i <= m->mask; i++)
		queue_delayed_work(system_unbound_wq, &m->port[i].work,
				   IPVL_SYNC_CHECK_PERIOD);
	return m;
}

/*
 * The packet path cannot find @m any more (a grace period passed since it
 * was unpublished, or it never was): stop its workers, drop what is left
 * unsent, close its sockets.
 */
void ipvl_sync_master_free(struct ipvl_sync_master *m)
{
	struct ipvl_sync *s = &m->in->sync;
	unsigned int i;

	if (m->req_sock)
		ipvl_sync_unwatch(m->req_sock, &m->req_work, &m->req_saved);
	/* Nothing queues the walk now; it fills the ports, so it goes first. */
	cancel_work_sync(&m->walk_work);
	for (i = 0; i <= m->mask; i++) {
		struct ipvl_sync_port *port = &m->port[i];
		struct ipvl_sync_buf *b;

		cancel_delayed_work_sync(&port->work);
		while ((b = ipvl_sync_next(port, true))) {
			ipvl_sync_count(s, IPVS_LITE_SYNC_SEND_LOST,
					ipvl_sync_buf_conns(b));
			kfree(b);
		}
		if (port->sock)
			sock_release(port->sock);
	}
	kfree(m);
}
