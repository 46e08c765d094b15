// SPDX-License-Identifier: GPL-2.0
/*
 * The backup sync daemon: it reads the masters' messages, checks every
 * byte of them, and applies each entry to the namespace's connection
 * table as IPVS's backup does.
 *
 * Each sync port's socket wakes its worker; the worker reads what is
 * queued and applies it with BHs off, as the packet path would.  What is
 * refused is counted by reason (IPVS_LITE_SYNC_R_*): a fault of the
 * message (its header, an entry's size or version, a malformed option)
 * loses the rest of it, as with IPVS; a fault of one entry (its flags,
 * protocol, state, an option it cannot honour, no real server of ours)
 * loses that entry only.
 *
 * Binding: an entry becomes a connection of the service it names (by
 * firewall mark, else protocol, address and port) to the real server it
 * names (by address and port; port 0 too for DR and TUN, whose servers
 * may take the client's port).  There is no unbound connection here: an
 * entry that names no real server of ours is refused and counted, where
 * IPVS keeps it unbound until one is added.  The connection forwards by
 * the real server's method, as IPVS's synced connections do.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/net.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/sock.h>

#include "ipvs_lite.h"
#include "conn.h"
#include "core.h"
#include "dest.h"
#include "proto.h"
#include "service.h"
#include "sync.h"
#include "sync_wire.h"

/* Messages a worker reads before it lets others run. */
#define IPVL_SYNC_RECV_BATCH	64

/* A template's lifetime when a version 0 message cannot say: IPVS's. */
#define IPVL_SYNC_TMPL_TIMEOUT	(3 * 60 * HZ)

/**
 * struct ipvl_sync_rport - one sync port of a backup
 * @sock: bound to the group at the port's UDP port, joined
 * @work: reads and applies what @sock received
 * @b: its backup
 * @buf: room for one message
 * @saved: @sock's own callback, restored when it stops
 */
struct ipvl_sync_rport {
	struct socket *sock;
	struct work_struct work;
	struct ipvl_sync_backup *b;
	u8 *buf;
	struct ipvl_sync_saved saved;
};

/**
 * struct ipvl_sync_backup - a running backup daemon
 * @in: its namespace
 * @ports: its number of sync ports
 * @maxlen: the longest message it reads
 * @syncid: the sync ID it takes, 0 for all
 * @req_work: asks the masters for their tables
 * @req_left: how many more times, a second apart
 * @port: the sync ports
 */
struct ipvl_sync_backup {
	struct ipvl_net *in;
	unsigned int ports;
	u16 maxlen;
	u8 syncid;
	struct delayed_work req_work;
	atomic_t req_left;
	struct ipvl_sync_rport port[];
};

/* An entry, either version, decoded and checked. */
struct ipvl_sync_entry {
	union nf_inet_addr caddr;
	union nf_inet_addr vaddr;
	union nf_inet_addr daddr;
	__be16 cport;
	__be16 vport;
	__be16 dport;
	u8 af;
	u8 protocol;
	u16 state;
	u32 flags;
	u32 fwmark;
	u32 timeout;		/* seconds; 0: the state's */
};

/* Checks ---------------------------------------------------------------- */

/*
 * IPVS's checks of an entry's flags, protocol and state.  Returns 0 or
 * the IPVS_LITE_SYNC_R_* reason to refuse it.
 */
static int ipvl_sync_check(const struct ipvl_sync_entry *e)
{
	if (e->flags & IP_VS_CONN_F_ONE_PACKET)
		return IPVS_LITE_SYNC_R_FLAGS;
	if (e->flags & IP_VS_CONN_F_TEMPLATE) {
		if (e->flags & IP_VS_CONN_F_NO_CPORT)
			return IPVS_LITE_SYNC_R_FLAGS;
		return e->state < IPVL_SYNC_TPL_MAX ? 0 :
						      IPVS_LITE_SYNC_R_STATE;
	}
	switch (e->protocol) {
	case IPPROTO_TCP:
		return e->state < IPVL_SYNC_TCP_STATES ? 0 :
							 IPVS_LITE_SYNC_R_STATE;
	case IPPROTO_UDP:
		return e->state == 0 ? 0 : IPVS_LITE_SYNC_R_STATE;
	}
	return IPVS_LITE_SYNC_R_PROTOCOL;
}

/* Applying --------------------------------------------------------------- */

/* The service @e names, as IPVS's backup finds it.  Under RCU. */
static struct ipvl_service *ipvl_sync_svc(struct ipvl_net *in,
					  const struct ipvl_sync_entry *e)
{
	struct ipvl_tuple t = {
		.daddr = e->vaddr,
		.dport = e->vport,
		.af = e->af,
		.protocol = e->protocol,
	};

	/* A firewall mark service's template: the mark is its address. */
	if ((e->flags & IP_VS_CONN_F_TEMPLATE) &&
	    e->protocol == IPPROTO_IP) {
		struct ipvl_svc_key key = { .af = e->af };

		key.fwmark = e->fwmark ?: ntohl(e->vaddr.ip);
		return ipvl_svc_find(in, &key);
	}
	return ipvl_svc_lookup(in, &t, e->fwmark);
}

/* Its real server of ours: by address and port, or port 0 (DR, TUN). */
static struct ipvl_dest *ipvl_sync_dest(struct ipvl_service *svc,
					const struct ipvl_sync_entry *e)
{
	struct ipvl_dest *dest;

	dest = ipvl_dest_find(svc, &e->daddr, e->dport, e->af);
	if (!dest && e->dport)
		dest = ipvl_dest_find(svc, &e->daddr, 0, e->af);
	if (dest && !dest->port &&
	    READ_ONCE(dest->fwd) == IP_VS_CONN_F_MASQ)
		dest = NULL;
	return dest;
}

/* Our state for @e's: TCP's numbers are IPVS's; UDP's and templates' not. */
static u8 ipvl_sync_our_state(const struct ipvl_sync_entry *e)
{
	if (e->flags & IP_VS_CONN_F_TEMPLATE)
		return e->state == IPVL_SYNC_TPL_ASSURED ? IPVS_LITE_S_ASSURED :
							   IPVS_LITE_S_NONE;
	return e->protocol == IPPROTO_UDP ? IPVS_LITE_S_UDP : e->state;
}

static unsigned long ipvl_sync_timeout(struct ipvl_net *in,
				       const struct ipvl_sync_entry *e,
				       u8 state)
{
	if (e->timeout)
		return min_t(unsigned long, e->timeout,
			     MAX_JIFFY_OFFSET / HZ) * HZ;
	if (e->flags & IP_VS_CONN_F_TEMPLATE)
		return IPVL_SYNC_TMPL_TIMEOUT;
	return ipvl_state_timeout(in, state);
}

/*
 * Make or update the connection of entry @e.  Returns 0 or the reason
 * it was refused.  Under RCU, BH off.
 */
static int ipvl_sync_apply(struct ipvl_net *in,
			   const struct ipvl_sync_entry *e)
{
	bool tmpl = e->flags & IP_VS_CONN_F_TEMPLATE;
	bool inactive = e->flags & IP_VS_CONN_F_INACTIVE;
	u8 state = ipvl_sync_our_state(e);
	unsigned long timeout = ipvl_sync_timeout(in, e, state);
	struct ipvl_tuple t = {
		.saddr = e->caddr,
		.daddr = e->vaddr,
		.sport = e->cport,
		.dport = e->vport,
		.af = e->af,
		.protocol = e->protocol,
		.tmpl = tmpl,
	};
	struct ipvl_service *svc;
	struct ipvl_dest *dest;
	struct ipvl_conn *cp;
	int reason;

	cp = ipvl_conn_in_find(in, &t);
	if (cp && (READ_ONCE(cp->flags) & IPVL_CONN_F_DEAD))
		cp = NULL;
	/*
	 * One of ours to another real server.  A connection: as IPVS, the
	 * master's replaces it, unless the entry is the last word of one the
	 * master replaced already.  A template too, where IPVS keeps its own:
	 * the master's is the server its clients are sent to (a backup that
	 * directed meanwhile, and made its own, would send them elsewhere).
	 */
	if (cp && (cp->dport != e->dport ||
		   !nf_inet_addr_cmp(&cp->daddr, &e->daddr))) {
		if (inactive && !tmpl)
			return 0;
		ipvl_conn_expire(in, cp);
		cp = NULL;
	}
	if (cp) {
		ipvl_conn_sync_update(cp, state, inactive, timeout);
		return 0;
	}

	svc = ipvl_sync_svc(in, e);
	dest = svc ? ipvl_sync_dest(svc, e) : NULL;
	if (!dest)
		return IPVS_LITE_SYNC_R_NO_DEST;
	cp = ipvl_conn_new_synced(in, &t, dest, e->dport, state, inactive,
				  timeout, &reason);
	if (!cp && reason != -EEXIST)
		return IPVS_LITE_SYNC_R_NOMEM;
	return 0;
}

/* Decoding ----------------------------------------------------------------- */

/* Outcomes of an entry besides 0 (applied) and an entry's own reason. */
#define IPVL_SYNC_FATAL		0x100	/* or'ed: the message's rest is lost */

/*
 * The options of a v1 entry, @p to @end.  Returns 0, an entry's reason,
 * or a fatal one.
 */
static int ipvl_sync_options(const u8 *p, const u8 *end)
{
	unsigned int seen = 0;
	int ret = 0;

	while (p < end) {
		unsigned int type, kind, len;

		if (p + 2 > end)
			return IPVL_SYNC_FATAL | IPVS_LITE_SYNC_R_ENTRY;
		type = p[0];
		kind = type & ~IPVL_SYNC_OPT_PARAM;
		len = p[1];
		p += 2;
		if (!len || p + len > end)
			return IPVL_SYNC_FATAL | IPVS_LITE_SYNC_R_ENTRY;
		/* Each option IPVS knows, once. */
		if (kind >= IPVL_SYNC_OPT_SEQ && kind <= IPVL_SYNC_OPT_PE_NAME) {
			if (seen & BIT(kind))
				return IPVL_SYNC_FATAL | IPVS_LITE_SYNC_R_ENTRY;
			seen |= BIT(kind);
		}
		switch (kind) {
		case IPVL_SYNC_OPT_SEQ:
			/* FTP's sequence data: checked, then of no use here. */
			if (len != IPVL_SYNC_SEQ_LEN)
				return IPVL_SYNC_FATAL | IPVS_LITE_SYNC_R_ENTRY;
			break;
		case IPVL_SYNC_OPT_PE_NAME:
			if (len > IPVL_SYNC_PE_NAME_MAX)
				return IPVL_SYNC_FATAL | IPVS_LITE_SYNC_R_ENTRY;
			fallthrough;
		case IPVL_SYNC_OPT_PE_DATA:
			/* A persistence engine's (sip): none here. */
			ret = IPVS_LITE_SYNC_R_OPTION;
			break;
		default:
			if (!(type & IPVL_SYNC_OPT_PARAM) && !ret)
				ret = IPVS_LITE_SYNC_R_OPTION;
			break;
		}
		p += len;
	}
	return ret;
}

/* A v1 entry, @p to @end (its size). */
static int ipvl_sync_entry_v1(struct ipvl_net *in, const u8 *p,
			      const u8 *end)
{
	const struct ipvl_sync_conn *s = (const struct ipvl_sync_conn *)p;
	struct ipvl_sync_entry e = { };
	unsigned int alen;
	int ret;

	if (s->type & IPVL_SYNC_TYPE_INET6) {
		e.af = AF_INET6;
		alen = 16;
	} else if (!s->type) {
		e.af = AF_INET;
		alen = 4;
	} else {
		return IPVL_SYNC_FATAL | IPVS_LITE_SYNC_R_ENTRY;
	}
	p += sizeof(*s);
	if (p + 3 * alen > end)
		return IPVL_SYNC_FATAL | IPVS_LITE_SYNC_R_ENTRY;
	memcpy(&e.caddr, p, alen);
	memcpy(&e.vaddr, p + alen, alen);
	memcpy(&e.daddr, p + 2 * alen, alen);
	p += 3 * alen;
	ret = ipvl_sync_options(p, end);
	if (ret)
		return ret;

	e.protocol = s->protocol;
	e.flags = get_unaligned_be32(&s->flags);
	e.state = get_unaligned_be16(&s->state);
	e.cport = s->cport;
	e.vport = s->vport;
	e.dport = s->dport;
	e.fwmark = get_unaligned_be32(&s->fwmark);
	e.timeout = get_unaligned_be32(&s->timeout);
	return ipvl_sync_check(&e) ?: ipvl_sync_apply(in, &e);
}

static void ipvl_sync_entry_done(struct ipvl_sync *s, int ret)
{
	ret &= ~IPVL_SYNC_FATAL;
	ipvl_sync_count(s, ret ? ret : IPVS_LITE_SYNC_CONNS_RECV, 1);
}

static void ipvl_sync_msg_v1(struct ipvl_net *in, const u8 *buf, size_t len)
{
	const struct ipvl_sync_hdr *h = (const struct ipvl_sync_hdr *)buf;
	const u8 *p = buf + sizeof(*h), *end = buf + len;
	unsigned int i;

	for (i = 0; i < h->nr_conns; i++) {
		const struct ipvl_sync_conn *s = (const void *)p;
		unsigned int size, ver;
		int ret;

		if (p + IPVL_SYNC_V4_LEN > end) {
			ipvl_sync_count(&in->sync, IPVS_LITE_SYNC_R_ENTRY, 1);
			return;
		}
		size = get_unaligned_be16(&s->ver_size) & IPVL_SYNC_SIZE_MASK;
		ver = get_unaligned_be16(&s->ver_size) >> IPVL_SYNC_VER_SHIFT;
		if (p + size > end) {
			ipvl_sync_count(&in->sync, IPVS_LITE_SYNC_R_ENTRY, 1);
			return;
		}
		if (ver) {
			ipvl_sync_count(&in->sync, IPVS_LITE_SYNC_R_VERSION, 1);
			return;
		}
		ret = ipvl_sync_entry_v1(in, p, p + size);
		ipvl_sync_entry_done(&in->sync, ret);
		if (ret & IPVL_SYNC_FATAL)
			return;
		p += ALIGN(size, 4);
	}
}

static void ipvl_sync_msg_v0(struct ipvl_net *in, const u8 *buf, size_t len)
{
	const struct ipvl_sync_hdr_v0 *h = (const struct ipvl_sync_hdr_v0 *)buf;
	const u8 *p = buf + sizeof(*h), *end = buf + len;
	unsigned int i;

	for (i = 0; i < h->nr_conns; i++) {
		const struct ipvl_sync_conn_v0 *s = (const void *)p;
		struct ipvl_sync_entry e = { .af = AF_INET };
		unsigned int size = sizeof(*s);
		int ret;

		if (p + size > end) {
			ipvl_sync_count(&in->sync, IPVS_LITE_SYNC_R_ENTRY, 1);
			return;
		}
		e.flags = get_unaligned_be16(&s->flags);
		if (e.flags & IP_VS_CONN_F_SEQ_MASK)
			size += IPVL_SYNC_SEQ_LEN;
		if (p + size > end) {
			ipvl_sync_count(&in->sync, IPVS_LITE_SYNC_R_ENTRY, 1);
			return;
		}
		e.protocol = s->protocol;
		e.state = get_unaligned_be16(&s->state);
		e.cport = s->cport;
		e.vport = s->vport;
		e.dport = s->dport;
		e.caddr.ip = s->caddr;
		e.vaddr.ip = s->vaddr;
		e.daddr.ip = s->daddr;
		ret = ipvl_sync_check(&e) ?: ipvl_sync_apply(in, &e);
		ipvl_sync_entry_done(&in->sync, ret);
		p += size;
	}
}

/* A message of @len bytes from a master; under RCU, BH off. */
static void ipvl_sync_msg(struct ipvl_sync_backup *b, const u8 *buf,
			  size_t len)
{
	const struct ipvl_sync_hdr *h = (const struct ipvl_sync_hdr *)buf;
	struct ipvl_sync *s = &b->in->sync;

	if (len < sizeof(struct ipvl_sync_hdr_v0) ||
	    get_unaligned_be16(&h->size) != len) {
		ipvl_sync_count(s, IPVS_LITE_SYNC_R_SHORT, 1);
		return;
	}
	if (b->syncid && h->syncid != b->syncid) {
		ipvl_sync_count(s, IPVS_LITE_SYNC_R_SYNCID, 1);
		return;
	}
	/* Another backup's request for the masters' tables: not for us. */
	if (len == sizeof(*h) && !h->reserved && !h->nr_conns &&
	    h->spare == IPVL_SYNC_REQUEST)
		return;
	/* A first byte of 0 is a version 0 count of none, or version 1. */
	if (h->reserved || len < sizeof(*h)) {
		ipvl_sync_msg_v0(b->in, buf, len);
		return;
	}
	if (h->version != IPVL_SYNC_VERSION || h->spare) {
		ipvl_sync_count(s, IPVS_LITE_SYNC_R_VERSION, 1);
		return;
	}
	ipvl_sync_msg_v1(b->in, buf, len);
}

/* The worker --------------------------------------------------------------- */

static void ipvl_sync_recv_work(struct work_struct *work)
{
	struct ipvl_sync_rport *port = container_of(work,
						    struct ipvl_sync_rport,
						    work);
	struct ipvl_sync_backup *b = port->b;
	unsigned int n;

	for (n = 0; n < IPVL_SYNC_RECV_BATCH; n++) {
		struct kvec iov = { .iov_base = port->buf,
				    .iov_len = b->maxlen };
		struct msghdr msg = { };
		int len;

		len = kernel_recvmsg(port->sock, &msg, &iov, 1, b->maxlen,
				     MSG_DONTWAIT);
		if (len < 0)
			return;
		ipvl_sync_count(&b->in->sync, IPVS_LITE_SYNC_MSGS_RECV, 1);
		if (msg.msg_flags & MSG_TRUNC) {
			ipvl_sync_count(&b->in->sync, IPVS_LITE_SYNC_R_SHORT,
					1);
			continue;
		}
		local_bh_disable();
		rcu_read_lock();
		ipvl_sync_msg(b, port->buf, len);
		rcu_read_unlock();
		local_bh_enable();
		cond_resched();
	}
	/* More may be waiting: after the others. */
	queue_work(system_unbound_wq, &port->work);
}

/* Asking the masters for their tables ------------------------------------ */

/* How many times a backup asks, a second apart: datagrams may be lost,
 * and its services may come a moment after it (keepalived's two children).
 */
#define IPVL_SYNC_REQUESTS	3

/*
 * Ask the masters on the group for their whole tables (sync_wire.h's
 * IPVL_SYNC_REQUEST): when the backup starts and when its link comes
 * back, so that a backup that was away does not wait for each
 * connection's next sync to hear of it.  ip_vs's masters do not listen;
 * ipvs-lite's answer (sync_send.c).
 */
static void ipvl_sync_request_work(struct work_struct *work)
{
	struct ipvl_sync_backup *b = container_of(to_delayed_work(work),
						  struct ipvl_sync_backup,
						  req_work);
	struct ipvl_sync_hdr h = {
		.syncid = b->syncid,
		.size = htons(sizeof(h)),
		.version = IPVL_SYNC_VERSION,
		.spare = IPVL_SYNC_REQUEST,
	};
	struct kvec iov = { .iov_base = &h, .iov_len = sizeof(h) };
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL };
	struct sockaddr_storage ss;

	msg.msg_name = &ss;
	msg.msg_namelen = ipvl_sync_sockaddr(&b->in->sync.bcfg, 0, &ss);
	kernel_sendmsg(b->port[0].sock, &msg, &iov, 1, sizeof(h));
	if (atomic_dec_return(&b->req_left) > 0)
		queue_delayed_work(system_unbound_wq, &b->req_work, HZ);
}

static void ipvl_sync_ask(struct ipvl_sync_backup *b)
{
	atomic_set(&b->req_left, IPVL_SYNC_REQUESTS);
	mod_delayed_work(system_unbound_wq, &b->req_work, 0);
}

/* @dev is up with its carrier: a backup on it asks again.  RTNL held. */
void ipvl_sync_netdev_up(struct net_device *dev)
{
	struct ipvl_net *in = ipvl_net(dev_net(dev));
	struct ipvl_sync_backup *b;

	rcu_read_lock();
	b = rcu_dereference(in->sync.backup);
	if (b && in->sync.bcfg.ifindex == dev->ifindex)
		ipvl_sync_ask(b);
	rcu_read_unlock();
}

/* Life ----------------------------------------------------------------------- */

/* A backup of @ports sync ports, its sockets open; or an ERR_PTR(). */
struct ipvl_sync_backup *ipvl_sync_backup_new(struct ipvl_net *in,
					      unsigned int ports)
{
	struct ipvl_sync_backup *b;
	unsigned int i;

	b = kzalloc(struct_size(b, port, ports), GFP_KERNEL_ACCOUNT);
	if (!b)
		return ERR_PTR(-ENOMEM);
	b->in = in;
	b->ports = ports;
	b->maxlen = in->sync.bcfg.maxlen;
	b->syncid = in->sync.bcfg.syncid;
	INIT_DELAYED_WORK(&b->req_work, ipvl_sync_request_work);
	for (i = 0; i < ports; i++) {
		struct ipvl_sync_rport *port = &b->port[i];

		INIT_WORK(&port->work, ipvl_sync_recv_work);
		port->b = b;
	}
	for (i = 0; i < ports; i++) {
		struct ipvl_sync_rport *port = &b->port[i];
		int ret;

		port->buf = kmalloc(b->maxlen, GFP_KERNEL_ACCOUNT);
		if (!port->buf) {
			ipvl_sync_backup_free(b);
			return ERR_PTR(-ENOMEM);
		}
		ret = ipvl_sync_sock_open(in, &in->sync.bcfg, i, false,
					  &port->sock);
		if (ret) {
			ipvl_sync_backup_free(b);
			return ERR_PTR(ret);
		}
		ipvl_sync_watch(port->sock, &port->work, &port->saved);
	}
	ipvl_sync_ask(b);
	return b;
}

/* No device event can find @b any more (sync.c waited a grace period). */
void ipvl_sync_backup_free(struct ipvl_sync_backup *b)
{
	unsigned int i;

	cancel_delayed_work_sync(&b->req_work);
	for (i = 0; i < b->ports; i++) {
		struct ipvl_sync_rport *port = &b->port[i];

		if (port->sock)
			ipvl_sync_unwatch(port->sock, &port->work,
					  &port->saved);
		kfree(port->buf);
	}
	kfree(b);
}
