// SPDX-License-Identifier: GPL-2.0
/*
 * The packet path: two netfilter hooks per namespace, registered while it
 * has services.
 *
 *   LOCAL_IN, priority NF_IP_PRI_NAT_SRC - 1 (99): a client's packet to a
 *	VIP.  The VIP is a local address, so its packets come here after
 *	the filter table (0) and reassembly; a connection is looked up or
 *	scheduled and the packet forwarded to its real server (stolen from
 *	the local stack).  The priority is IPVS's, so rules in the filter
 *	table apply to VIP traffic the way operators know.
 *   FORWARD, priority NF_IP_PRI_NAT_SRC (100): a NAT real server's reply,
 *	routed through the director towards the client: rewritten back to
 *	VIP:vport and let through.
 *
 * Both run under RCU in softirq and take no lock shared across
 * connections: the tables are rhashtables, counters are per CPU.
 *
 * Packets the director itself sends towards a VIP (LOCAL_OUT) are not
 * balanced: clients are elsewhere, as in every LVS set-up.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>

#include "ipvs_lite.h"
#include "conn.h"
#include "core.h"
#include "dest.h"
#include "icmp.h"
#include "sched.h"
#include "service.h"
#include "xmit.h"

/*
 * Read the ports and, for TCP, the flags of @skb's transport header at
 * @p->thoff (@p->t's addresses and protocol are read).  -EINVAL when not
 * even the ports are there; -EBADMSG when they are but the rest of the
 * transport header is cut short (then @p->th is zeroed) or inconsistent.
 */
int ipvl_parse_l4(const struct sk_buff *skb, struct ipvl_pkt *p)
{
	__be16 _ports[2];
	const __be16 *ports;

	ports = skb_header_pointer(skb, p->thoff, sizeof(_ports), _ports);
	if (!ports)
		return -EINVAL;
	p->t.sport = ports[0];
	p->t.dport = ports[1];

	if (p->t.protocol == IPPROTO_TCP) {
		if (skb_copy_bits(skb, p->thoff, &p->th, sizeof(p->th))) {
			memset(&p->th, 0, sizeof(p->th));
			return -EBADMSG;
		}
		if (p->th.doff < sizeof(p->th) / 4)
			return -EBADMSG;
	} else {
		struct udphdr _uh;
		const struct udphdr *uh;

		uh = skb_header_pointer(skb, p->thoff, sizeof(_uh), &_uh);
		if (!uh || ntohs(uh->len) < sizeof(*uh) ||
		    ntohs(uh->len) > skb->len - p->thoff)
			return -EBADMSG;
	}
	return 0;
}

/* An IPv4 packet's addresses, then its transport header's ports. */
static int ipvl_parse(const struct sk_buff *skb, struct ipvl_pkt *p)
{
	const struct iphdr *iph = ip_hdr(skb);

	memset(&p->t, 0, sizeof(p->t));
	p->t.af = AF_INET;
	p->t.protocol = iph->protocol;
	p->t.saddr.ip = iph->saddr;
	p->t.daddr.ip = iph->daddr;
	p->thoff = skb_network_offset(skb) + iph->ihl * 4;
	return ipvl_parse_l4(skb, p);
}

/*
 * The service for a new connection, in IPVS's order: by firewall mark;
 * by address, protocol and port; for TCP to port 20 or an unprivileged
 * port, the address's FTP service (port 21: its data connections); the
 * address's port-0 service.
 */
struct ipvl_service *ipvl_svc_lookup(struct ipvl_net *in,
				     const struct ipvl_tuple *t, u32 mark)
{
	struct ipvl_service *svc;
	struct ipvl_svc_key key;

	memset(&key, 0, sizeof(key));
	key.af = t->af;
	if (mark) {
		key.fwmark = mark;
		svc = ipvl_svc_find(in, &key);
		if (svc)
			return svc;
		key.fwmark = 0;
	}
	key.addr = t->daddr;
	key.port = t->dport;
	key.protocol = t->protocol;
	svc = ipvl_svc_find(in, &key);
	if (svc)
		return svc;
	if (t->protocol == IPPROTO_TCP && READ_ONCE(in->ftp_services) &&
	    (t->dport == IPVL_FTP_DATA_PORT ||
	     !inet_port_requires_bind_service(in->net, ntohs(t->dport)))) {
		key.port = IPVL_FTP_PORT;
		svc = ipvl_svc_find(in, &key);
		if (svc)
			return svc;
	}
	if (!READ_ONCE(in->port0_services))
		return NULL;
	key.port = 0;
	return ipvl_svc_find(in, &key);
}

/* A connection whose real server left: which of the two went. */
static unsigned int ipvl_drop_gone(struct ipvl_net *in,
				   const struct ipvl_conn *cp)
{
	return ipvl_drop(in, test_bit(IPVL_DEST_SVC_GONE, &cp->dest->flags) ?
			     IPVS_LITE_DROP_NO_SERVICE :
			     IPVS_LITE_DROP_NO_DEST);
}

/* Is @skb's ICMP or ICMPv6 message intact? */
static bool ipvl_icmp_csum_ok_af(struct sk_buff *skb, u8 af)
{
	unsigned int ioff = skb_network_offset(skb);

	if (af != AF_INET6)
		return ipvl_icmp_csum_ok(skb);
	if (ipv6_find_hdr(skb, &ioff, IPPROTO_ICMPV6, NULL, NULL) < 0)
		return false;
	return ipvl_icmp6_csum_ok(skb, ioff);
}

/* Tell the client of @skb that its port is unreachable. */
static void ipvl_port_unreach(struct sk_buff *skb, u8 af)
{
	if (af == AF_INET6)
		icmpv6_send(skb, ICMPV6_DEST_UNREACH, ICMPV6_PORT_UNREACH, 0);
	else
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
}

/* Count a client's packet of @cp in its service's and server's stats. */
static void ipvl_in_stats(const struct ipvl_conn *cp,
			  const struct sk_buff *skb, bool new_conn)
{
	struct ipvl_service *svc = rcu_dereference(cp->dest->svc);

	if (svc)
		ipvl_stats_in(&svc->stats, skb->len, new_conn);
	ipvl_stats_in(&cp->dest->stats, skb->len, new_conn);
}

/* Account a client's packet of @cp and move its state. */
static void ipvl_in_account(struct ipvl_net *in, struct ipvl_conn *cp,
			    const struct sk_buff *skb,
			    const struct tcphdr *th, bool new_conn)
{
	ipvl_in_stats(cp, skb, new_conn);
	ipvl_conn_transition(in, cp, false, th);
	ipvl_sync_conn(in, &in->sync, cp);
}

/*
 * A new connection's real server and, unless the service schedules every
 * UDP datagram on its own (-o), its table entry; then the packet goes
 * there.  *@retry: another CPU made the same connection first.
 */
static unsigned int ipvl_in_new(struct ipvl_net *in, struct sk_buff *skb,
				struct ipvl_service *svc,
				const struct ipvl_pkt *p, const struct tcphdr *th,
				bool *retry)
{
	struct ipvl_sched *s = rcu_dereference(svc->sched);
	u32 flags = READ_ONCE(svc->flags);
	struct ipvl_conn *ct = NULL, *cp;
	struct ipvl_dest *dest;
	__be16 dport;
	int reason;

	if (flags & IP_VS_SVC_F_PERSISTENT) {
		dest = ipvl_persist_pick(in, svc, s, &p->t, &ct, &reason);
	} else {
		dest = s->ops->schedule(svc, s->priv, &p->t);
		reason = IPVS_LITE_DROP_NO_DEST;
	}
	if (!dest) {
		/* As IPVS: the client learns at once. */
		if (reason == IPVS_LITE_DROP_NO_DEST)
			ipvl_port_unreach(skb, p->t.af);
		return ipvl_drop(in, reason);
	}
	/*
	 * The real server's port, as IPVS: a persistent service's only where
	 * the client used the service's own port (not on a firewall mark's
	 * or a port-0 service's other ports); any other service's always.
	 */
	dport = p->t.dport;
	if (dest->port &&
	    (!(flags & IP_VS_SVC_F_PERSISTENT) || dport == svc->key.port))
		dport = dest->port;

	if ((flags & IP_VS_SVC_F_ONEPACKET) &&
	    p->t.protocol == IPPROTO_UDP) {
		struct ipvl_conn one;

		/* Never hashed; gone when the packet is sent. */
		memset(&one, 0, sizeof(one));
		ipvl_conn_fill(&one, &p->t, dest, dport);
		if (ct)
			ipvl_tmpl_put(ct);
		ipvl_stats_in(&svc->stats, skb->len, true);
		ipvl_stats_in(&dest->stats, skb->len, true);
		return ipvl_xmit(in, skb, &one);
	}

	cp = ipvl_conn_new(in, &p->t, dest, dport, 0, ct, &reason);
	if (!cp) {
		if (reason == -EEXIST) {
			*retry = true;
			return NF_DROP;
		}
		return ipvl_drop(in, reason < 0 ? IPVS_LITE_DROP_NOMEM :
					       reason);
	}
	ipvl_in_account(in, cp, skb, th, true);
	return ipvl_xmit(in, skb, cp);
}

/* A new connection's packet: TCP's only with SYN, unless sloppy_tcp. */
static bool ipvl_may_schedule(struct ipvl_net *in, const struct tcphdr *th)
{
	if (!th)
		return true;
	if (th->rst)
		return false;
	return th->syn || READ_ONCE(in->sysctl.sloppy_tcp);
}

/*
 * The connection of @cp lost its real server.  With expire_nodest_conn
 * it goes now, and a new connection's packet (*@resched) is scheduled
 * afresh; otherwise the packet is dropped.
 */
static unsigned int ipvl_in_gone(struct ipvl_net *in, struct ipvl_conn *cp,
				 const struct tcphdr *th, bool *resched)
{
	if (!READ_ONCE(in->sysctl.expire_nodest_conn))
		return ipvl_drop_gone(in, cp);
	ipvl_conn_expire(in, cp);
	if (th && th->syn && !th->rst) {
		*resched = true;
		return NF_DROP;
	}
	return ipvl_drop_gone(in, cp);
}

/* A client's TCP or UDP packet to a local address, of either family. */
unsigned int ipvl_in_packet(struct ipvl_net *in, struct sk_buff *skb,
			    const struct ipvl_pkt *p, int err)
{
	const struct tcphdr *th = NULL;
	struct ipvl_service *svc;
	struct ipvl_conn *cp;
	bool again = false;
	unsigned int ret;
	int tries = 2;

	if (p->t.protocol == IPPROTO_TCP)
		th = &p->th;
lookup:
	cp = ipvl_conn_in_find(in, &p->t);
	if (cp) {
		u8 state = READ_ONCE(cp->state);

		/*
		 * A SYN reusing the ports of a connection that is closing
		 * starts a new one now: no drop, no waiting for retries.  So
		 * does one to a quiesced server with expire_nodest_conn.
		 */
		if (th && th->syn && !th->rst && !err &&
		    (state == IPVS_LITE_S_TIME_WAIT ||
		     state == IPVS_LITE_S_CLOSE ||
		     (READ_ONCE(in->sysctl.expire_nodest_conn) &&
		      READ_ONCE(cp->dest->weight) <= 0))) {
			ipvl_conn_expire(in, cp);
			cp = NULL;
		} else if (READ_ONCE(cp->flags) & IPVL_CONN_F_DEAD) {
			cp = NULL;
		}
	}
	if (cp) {
		if (err)
			return ipvl_drop(in, IPVS_LITE_DROP_MALFORMED);
		if (!test_bit(IPVL_DEST_AVAILABLE, &cp->dest->flags)) {
			ret = ipvl_in_gone(in, cp, th, &again);
			if (!again)
				return ret;
		} else {
			ipvl_in_account(in, cp, skb, th, false);
			return ipvl_xmit(in, skb, cp);
		}
	}

	svc = ipvl_svc_lookup(in, &p->t, skb->mark);
	if (!svc)
		return NF_ACCEPT;
	if (err)
		return ipvl_drop(in, IPVS_LITE_DROP_MALFORMED);
	if (!ipvl_may_schedule(in, th)) {
		/*
		 * As IPVS: the director's own stack has it, and answers all
		 * but a RST with one, so the client fails at once instead of
		 * retransmitting into silence.  Counted, not dropped.
		 */
		this_cpu_inc(in->drops->n[IPVS_LITE_DROP_NONSYN_MISS]);
		return NF_ACCEPT;
	}

	again = false;
	ret = ipvl_in_new(in, skb, svc, p, th, &again);
	if (again && --tries)
		goto lookup;
	if (again)
		return ipvl_drop(in, IPVS_LITE_DROP_NOMEM);
	return ret;
}

/*
 * The connection an ICMP error from the path to a TUN real server is
 * about (the client's packet inside the tunnel packet @tun): one of ours
 * if it is tunnelled to that server, by that tunnel type and port.
 */
static struct ipvl_conn *ipvl_icmp_tun_conn(struct ipvl_net *in,
					    const struct ipvl_tuple *t,
					    const struct ipvl_icmp_tun *tun)
{
	struct ipvl_conn *cp = ipvl_conn_in_find(in, t);
	union ipvl_tun dt;

	if (!cp || (READ_ONCE(cp->flags) & IPVL_CONN_F_DEAD) ||
	    cp->fwd != IP_VS_CONN_F_TUNNEL || cp->dest->af != AF_INET ||
	    cp->daddr.ip != tun->raddr)
		return NULL;
	dt.word = READ_ONCE(cp->dest->tun.word);
	if (dt.type != tun->type ||
	    (tun->type == IP_VS_CONN_F_TUNNEL_TYPE_GUE && dt.port != tun->port))
		return NULL;
	return cp;
}

/*
 * An ICMP error of either family to a VIP, quoting a packet of @t (turned
 * around) at @qoff, whose IP header is @qlen long: if a connection's, to
 * its real server.
 */
unsigned int ipvl_in_icmp_conn(struct ipvl_net *in, struct sk_buff *skb,
			       const struct ipvl_tuple *t, unsigned int qoff,
			       unsigned int qlen)
{
	struct ipvl_conn *cp = ipvl_conn_in_find(in, t);

	if (!cp || (READ_ONCE(cp->flags) & IPVL_CONN_F_DEAD))
		return NF_ACCEPT;
	if (!ipvl_icmp_csum_ok_af(skb, t->af))
		return ipvl_drop(in, IPVS_LITE_DROP_CHECKSUM);
	if (!test_bit(IPVL_DEST_AVAILABLE, &cp->dest->flags))
		return ipvl_drop_gone(in, cp);
	/*
	 * As IPVS: counted, but only the connection's own packets keep it
	 * alive; errors about it do not push its expiry out.
	 */
	ipvl_in_stats(cp, skb, false);
	return ipvl_xmit_icmp(in, skb, cp, qoff, qlen);
}

/*
 * An ICMP error to a VIP about a packet the director or a real server
 * sent to a client: to the real server, translated for NAT.  Or one to
 * the director about a packet it tunnelled to a real server.
 */
static unsigned int ipvl_in_icmp(struct ipvl_net *in, struct sk_buff *skb)
{
	unsigned int qoff, qlen, ioff;
	struct ipvl_icmp_tun tun;
	struct ipvl_conn *cp;
	struct ipvl_tuple t;

	/*
	 * About a packet we tunnelled: to the client.  Else a UDP one may
	 * be a NAT or DR connection's, read below.
	 */
	ioff = ipvl_icmp_tunnelled(skb, &t, &tun);
	if (ioff) {
		cp = ipvl_icmp_tun_conn(in, &t, &tun);
		if (cp) {
			if (!ipvl_icmp_csum_ok(skb))
				return ipvl_drop(in, IPVS_LITE_DROP_CHECKSUM);
			return ipvl_xmit_tun_icmp(in, skb, cp, tun.qoff, ioff);
		}
	}
	qoff = ipvl_icmp_quoted(skb, &t, &qlen);
	if (!qoff)
		return NF_ACCEPT;
	return ipvl_in_icmp_conn(in, skb, &t, qoff, qlen);
}

static unsigned int ipvl_in(struct ipvl_net *in, struct sk_buff *skb)
{
	struct ipvl_pkt p;
	int err;

	switch (ip_hdr(skb)->protocol) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
		break;
	case IPPROTO_ICMP:
		return ipvl_in_icmp(in, skb);
	default:
		return NF_ACCEPT;
	}
	/* Without ports it is nobody's: the local stack counts it. */
	err = ipvl_parse(skb, &p);
	if (err == -EINVAL)
		return NF_ACCEPT;
	return ipvl_in_packet(in, skb, &p, err);
}

static unsigned int ipvl_in_hook(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	struct ipvl_net *in = ipvl_net(state->net);
	struct mem_cgroup *old;
	unsigned int verdict;

	if (ipvl_skb_done(skb) || skb->pkt_type != PACKET_HOST)
		return NF_ACCEPT;
	/* As IPVS: a backup that must not direct leaves it to the stack. */
	if (ipvl_sync_backup_only(&in->sync))
		return NF_ACCEPT;
	/* What the packet makes (connections, routes) is its namespace's. */
	old = ipvl_charge_begin(in);
	if (state->pf == NFPROTO_IPV6)
		verdict = ipvl_in6(in, skb);
	else
		verdict = ipvl_in(in, skb);
	ipvl_charge_end(in, old);
	return verdict;
}

/*
 * An ICMP error of either family routed through the director, quoting a
 * packet of @t (turned around) at @qoff: if a NAT real server's about a
 * client's packet, from the VIP, as the client knows it.
 */
unsigned int ipvl_out_icmp_conn(struct ipvl_net *in, struct sk_buff *skb,
				const struct ipvl_tuple *t, unsigned int qoff,
				unsigned int qlen)
{
	struct ipvl_conn *cp = ipvl_conn_out_find(in, t);

	if (!cp || (READ_ONCE(cp->flags) & IPVL_CONN_F_DEAD))
		return NF_ACCEPT;
	if (!ipvl_icmp_csum_ok_af(skb, t->af))
		return ipvl_drop(in, IPVS_LITE_DROP_CHECKSUM);
	return ipvl_nat_reply_icmp(in, skb, cp, qoff, qlen);
}

static unsigned int ipvl_out_icmp(struct ipvl_net *in, struct sk_buff *skb)
{
	unsigned int qoff, qlen;
	struct ipvl_tuple t;

	qoff = ipvl_icmp_quoted(skb, &t, &qlen);
	if (!qoff)
		return NF_ACCEPT;
	return ipvl_out_icmp_conn(in, skb, &t, qoff, qlen);
}

/*
 * A TCP or UDP packet routed through the director, of either family: if
 * it is a NAT real server's reply, from VIP:vport.
 */
unsigned int ipvl_out_packet(struct ipvl_net *in, struct sk_buff *skb,
			     const struct ipvl_pkt *p)
{
	struct ipvl_service *svc;
	struct ipvl_conn *cp;

	cp = ipvl_conn_out_find(in, &p->t);
	if (!cp || (READ_ONCE(cp->flags) & IPVL_CONN_F_DEAD))
		return NF_ACCEPT;

	svc = rcu_dereference(cp->dest->svc);
	if (svc)
		ipvl_stats_out(&svc->stats, skb->len);
	ipvl_stats_out(&cp->dest->stats, skb->len);
	ipvl_conn_transition(in, cp, true,
			     p->t.protocol == IPPROTO_TCP ? &p->th : NULL);
	return ipvl_nat_reply(in, skb, cp, p->thoff);
}

static unsigned int ipvl_out(struct ipvl_net *in, struct sk_buff *skb,
			     const struct nf_hook_state *state)
{
	struct ipvl_pkt p;

	switch (ip_hdr(skb)->protocol) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
		break;
	case IPPROTO_ICMP:
		return ipvl_out_icmp(in, skb);
	default:
		return NF_ACCEPT;
	}
	/* A fragmented reply is rewritten whole, as IPVS does. */
	if (ip_is_fragment(ip_hdr(skb))) {
		if (ip_defrag(state->net, skb, IP_DEFRAG_VS_FWD))
			return NF_STOLEN;
	}
	if (ipvl_parse(skb, &p))
		return NF_ACCEPT;
	return ipvl_out_packet(in, skb, &p);
}

static unsigned int ipvl_out_hook(void *priv, struct sk_buff *skb,
				  const struct nf_hook_state *state)
{
	struct ipvl_net *in = ipvl_net(state->net);

	if (ipvl_skb_done(skb))
		return NF_ACCEPT;
	if (state->pf == NFPROTO_IPV6)
		return ipvl_out6(in, skb);
	return ipvl_out(in, skb, state);
}

static const struct nf_hook_ops ipvl_hook_ops[] = {
	{
		.hook = ipvl_in_hook,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_LOCAL_IN,
		.priority = NF_IP_PRI_NAT_SRC - 1,
	},
	{
		.hook = ipvl_out_hook,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_FORWARD,
		.priority = NF_IP_PRI_NAT_SRC,
	},
	{
		.hook = ipvl_in_hook,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_IN,
		.priority = NF_IP6_PRI_NAT_SRC - 1,
	},
	{
		.hook = ipvl_out_hook,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_FORWARD,
		.priority = NF_IP6_PRI_NAT_SRC,
	},
};

/* The first service of a namespace is coming: hook in.  config_mutex. */
int ipvl_hooks_get(struct ipvl_net *in, struct netlink_ext_ack *extack)
{
	int ret;

	lockdep_assert_held(&in->config_mutex);

	if (in->hooks)
		return 0;
	/* IPv6 fragments reach LOCAL_IN whole only if reassembled first. */
	ret = nf_defrag_ipv6_enable(in->net);
	if (ret) {
		NL_SET_ERR_MSG_MOD(extack, "cannot enable IPv6 reassembly");
		return ret;
	}
	ret = nf_register_net_hooks(in->net, ipvl_hook_ops,
				    ARRAY_SIZE(ipvl_hook_ops));
	if (ret) {
		nf_defrag_ipv6_disable(in->net);
		NL_SET_ERR_MSG_MOD(extack, "cannot register netfilter hooks");
		return ret;
	}
	in->hooks = true;
	return 0;
}

/*
 * The last service went: hook out.  Packets already inside the hooks run
 * on (nf_unregister_net_hooks() does not wait for them): what they use is
 * freed after a grace period, and the namespace waits one before its
 * teardown (netns.c).
 */
void ipvl_hooks_put(struct ipvl_net *in)
{
	lockdep_assert_held(&in->config_mutex);

	if (!in->hooks || in->num_services)
		return;
	nf_unregister_net_hooks(in->net, ipvl_hook_ops,
				ARRAY_SIZE(ipvl_hook_ops));
	nf_defrag_ipv6_disable(in->net);
	in->hooks = false;
}
