// SPDX-License-Identifier: GPL-2.0
/*
 * Persistence (-p): a client, or with -M its whole network, keeps the
 * real server it was first given, across connections, for the service's
 * timeout after its last new connection and for as long as connections
 * it made are alive.
 *
 * The memory is a template: an entry of the connection table keyed by the
 * masked client address, client port 0 and the service's address and port
 * (a port-0 service: port 0; a firewall-mark service: protocol IPPROTO_IP,
 * the mark as address, port 0, so all its ports share it), as IPVS keys
 * it.  -Lnc lists it, NONE until a connection it made is established,
 * ASSURED after.  Every connection made through a template holds a
 * reference to it (&ipvl_conn.n_control); the expiry worker extends a
 * template that still has some.
 *
 * A template whose real server was deleted, or has weight 0 while
 * expire_quiescent_template is set, is expired when next used, and the
 * client is scheduled afresh.
 */
#include <net/ipv6.h>

#include "ipvs_lite.h"
#include "conn.h"
#include "dest.h"
#include "sched.h"
#include "service.h"

static void ipvl_tmpl_key(const struct ipvl_service *svc,
			  const struct ipvl_tuple *t, struct ipvl_tuple *k)
{
	u32 mask = READ_ONCE(svc->netmask);

	memset(k, 0, sizeof(*k));
	k->af = t->af;
	k->tmpl = 1;
	if (t->af == AF_INET)
		k->saddr.ip = t->saddr.ip & (__force __be32)mask;
	else
		ipv6_addr_prefix(&k->saddr.in6, &t->saddr.in6,
				 clamp_t(u32, mask, 1, 128));
	if (svc->key.fwmark) {
		k->protocol = IPPROTO_IP;
		k->daddr.ip = htonl(svc->key.fwmark);
		return;
	}
	k->protocol = t->protocol;
	k->daddr = t->daddr;
	/* IPVS's FTP rule: port 21's templates cover the client's other ports. */
	if (svc->key.port != IPVL_FTP_PORT)
		k->dport = svc->key.port;
}

/* May template @ct still send its clients to its real server? */
static bool ipvl_tmpl_valid(struct ipvl_net *in, const struct ipvl_conn *ct)
{
	const struct ipvl_dest *dest = ct->dest;

	if (!test_bit(IPVL_DEST_AVAILABLE, &dest->flags))
		return false;
	return !READ_ONCE(in->sysctl.expire_quiescent_template) ||
	       READ_ONCE(dest->weight) > 0;
}

/*
 * The real server for client packet @t of persistent service @svc: its
 * template's, or @s's choice, remembered in a new template.  Returns it
 * with *@ctp the template, one reference held for the connection to be
 * made; or NULL with *@reason an IPVS_LITE_DROP_* reason.  Packet path,
 * under RCU.
 */
struct ipvl_dest *ipvl_persist_pick(struct ipvl_net *in,
				    struct ipvl_service *svc,
				    struct ipvl_sched *s,
				    const struct ipvl_tuple *t,
				    struct ipvl_conn **ctp, int *reason)
{
	struct ipvl_dest *dest;
	struct ipvl_conn *ct;
	struct ipvl_tuple k;
	unsigned long timeout;
	int tries = 2;
	__be16 dport;

	ipvl_tmpl_key(svc, t, &k);
	timeout = (unsigned long)READ_ONCE(svc->timeout) * HZ;
again:
	ct = ipvl_conn_in_find(in, &k);
	if (ct && !(READ_ONCE(ct->flags) & IPVL_CONN_F_DEAD)) {
		if (ipvl_tmpl_valid(in, ct) &&
		    atomic_inc_not_zero(&ct->n_control)) {
			WRITE_ONCE(ct->expires, jiffies + timeout);
			*ctp = ct;
			return ct->dest;
		}
		ipvl_conn_expire(in, ct);
	}

	dest = s->ops->schedule(svc, s->priv, t);
	if (!dest) {
		*reason = IPVS_LITE_DROP_NO_DEST;
		return NULL;
	}
	dport = k.dport && dest->port ? dest->port : 0;
	ct = ipvl_conn_new(in, &k, dest, dport, timeout, NULL, reason);
	if (!ct) {
		/* Another CPU made it first: use that one. */
		if (*reason == -EEXIST && --tries)
			goto again;
		if (*reason < 0)
			*reason = IPVS_LITE_DROP_NOMEM;
		return NULL;
	}
	/* Already expired again (its server just went): give up. */
	if (!atomic_inc_not_zero(&ct->n_control)) {
		*reason = IPVS_LITE_DROP_NO_DEST;
		return NULL;
	}
	*ctp = ct;
	return dest;
}
