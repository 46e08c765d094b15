// SPDX-License-Identifier: GPL-2.0
/*
 * The packet path's IPv6 side: reading a packet the hooks of core.c see
 * (the same hooks, the same priorities, registered for NFPROTO_IPV6), and
 * handing its tuple to the code both families share.
 *
 * Extension headers are skipped as IPVS skips them (ipv6_find_hdr());
 * fragments arrive reassembled, by nf_defrag_ipv6 at PRE_ROUTING, which
 * core.c enables with the hooks.  A packet whose last header is not TCP,
 * UDP or ICMPv6, or that is still a fragment, is not ours: the local
 * stack has it.
 *
 * ICMPv6 errors that quote a connection's packet go where IPv4's go (to
 * the real server from the client's side, to the client from a NAT real
 * server's), through the same code; icmp6.c reads them.
 */
#include <linux/ipv6.h>
#include <net/ipv6.h>

#include "core.h"
#include "icmp.h"

/*
 * The last header of @skb, past any extension headers: its protocol
 * (negative if there is none to be found), at *@thoff; *@frag the offset
 * of a fragment.
 */
static int ipvl_l4_find6(const struct sk_buff *skb, unsigned int *thoff,
			 unsigned short *frag)
{
	int flags = 0;

	*thoff = 0;
	*frag = 0;
	return ipv6_find_hdr(skb, thoff, -1, frag, &flags);
}

/*
 * @skb's addresses and the TCP or UDP header of @protocol at @thoff:
 * -EINVAL when its ports are not there; otherwise as ipvl_parse_l4().
 */
static int ipvl_parse6(const struct sk_buff *skb, int protocol,
		       unsigned int thoff, struct ipvl_pkt *p)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);

	memset(&p->t, 0, sizeof(p->t));
	p->t.af = AF_INET6;
	p->t.protocol = protocol;
	p->t.saddr.in6 = ip6h->saddr;
	p->t.daddr.in6 = ip6h->daddr;
	p->thoff = thoff;
	return ipvl_parse_l4(skb, p);
}

/* LOCAL_IN: a client's IPv6 packet to one of the director's addresses. */
unsigned int ipvl_in6(struct ipvl_net *in, struct sk_buff *skb)
{
	unsigned int thoff, qoff, qlen;
	unsigned short frag;
	struct ipvl_tuple t;
	struct ipvl_pkt p;
	int protocol, err;

	protocol = ipvl_l4_find6(skb, &thoff, &frag);
	/* A later fragment has no header to read: a reassembly failed. */
	if (frag)
		return NF_ACCEPT;
	switch (protocol) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
		break;
	case IPPROTO_ICMPV6:
		qoff = ipvl_icmp6_quoted(skb, thoff, &t, &qlen);
		if (!qoff)
			return NF_ACCEPT;
		return ipvl_in_icmp_conn(in, skb, &t, qoff, qlen);
	default:
		return NF_ACCEPT;
	}
	/* Without ports it is nobody's: the local stack counts it. */
	err = ipvl_parse6(skb, protocol, thoff, &p);
	if (err == -EINVAL)
		return NF_ACCEPT;
	return ipvl_in_packet(in, skb, &p, err);
}

/* FORWARD: an IPv6 packet routed through, maybe a NAT server's reply. */
unsigned int ipvl_out6(struct ipvl_net *in, struct sk_buff *skb)
{
	unsigned int thoff, qoff, qlen;
	unsigned short frag;
	struct ipvl_tuple t;
	struct ipvl_pkt p;
	int protocol;

	protocol = ipvl_l4_find6(skb, &thoff, &frag);
	if (frag)
		return NF_ACCEPT;
	switch (protocol) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
		break;
	case IPPROTO_ICMPV6:
		qoff = ipvl_icmp6_quoted(skb, thoff, &t, &qlen);
		if (!qoff)
			return NF_ACCEPT;
		return ipvl_out_icmp_conn(in, skb, &t, qoff, qlen);
	default:
		return NF_ACCEPT;
	}
	if (ipvl_parse6(skb, protocol, thoff, &p))
		return NF_ACCEPT;
	return ipvl_out_packet(in, skb, &p);
}
