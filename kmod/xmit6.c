// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv6 transmitters: DR and NAT for IPv6 services, and the route
 * each IPv6 real server caches (see xmit.c for what the methods do).
 *
 *   Route  ip6_route_output() to the real server.  For DR with
 *          FLOWI_FLAG_KNOWN_NH: on a link without a gateway the route is
 *          then a clone of its own (RTF_CACHE, off the FIB tree) whose
 *          next hop is the real server, while the packet's destination
 *          stays the VIP.  The route's cookie is kept for dst_check().
 *   Checks a hop limit left (else ICMPv6 time exceeded), and a size the
 *          path takes: IPv6 routers do not fragment, so anything over
 *          the route's MTU is refused with ICMPv6 packet too big.  A
 *          packet nf_defrag_ipv6 reassembled is judged by its largest
 *          fragment, which is what goes out again.
 *   NAT    destination address and port rewritten; IPv6 has no header
 *          checksum, so only the transport checksum changes, by its
 *          pseudo-header.  The reply is rewritten back in FORWARD.
 *   ICMPv6 an error about a NAT connection's packet is translated as
 *          IPv4's are; its checksum, which covers a pseudo-header of the
 *          outer addresses, is summed afresh.
 *
 * TUN, of either family in either, is xmit.c's.
 */
#include <linux/icmpv6.h>
#include <linux/ipv6.h>
/* Since 6.4 the GSO helpers have a header of their own (see Kbuild). */
#ifdef IPVL_HAVE_NET_GSO_H
#include <net/gso.h>
#endif
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <linux/netfilter_ipv6.h>

#include "ipvs_lite.h"
#include "conn.h"
#include "dest.h"
#include "xmit.h"
#include "xmit_lib.h"

/* @dd's IPv6 route to @dest, by @dd->fwd. */
int ipvl_route6(struct net *net, const struct ipvl_dest *dest,
		struct ipvl_dest_dst *dd)
{
	struct dst_entry *dst;
	struct flowi6 fl6;
	int err;

	memset(&fl6, 0, sizeof(fl6));
	fl6.daddr = dest->addr.in6;
	if (dd->fwd == IP_VS_CONN_F_DROUTE)
		fl6.flowi6_flags = FLOWI_FLAG_KNOWN_NH;
	dst = ip6_route_output(net, NULL, &fl6);
	err = dst->error;
	if (err) {
		dst_release(dst);
		return err;
	}
	/* Tunnels need the source address the route would use. */
	if (dd->fwd == IP_VS_CONN_F_TUNNEL && ipv6_addr_any(&fl6.saddr)) {
		err = ipv6_dev_get_saddr(net, ip6_dst_idev(dst)->dev,
					 &fl6.daddr, 0, &fl6.saddr);
		if (err) {
			dst_release(dst);
			return err;
		}
	}
	dd->dst = dst;
	dd->saddr.in6 = fl6.saddr;
	dd->cookie = rt6_get_cookie(container_of(dst, struct rt6_info, dst));
	/* As IPVS: a route through loopback is to one of our addresses. */
	dd->local = dst->dev && (dst->dev->flags & IFF_LOOPBACK);
	return 0;
}

/* Would @skb be over @mtu on the way out? */
static bool ipvl_too_big6(const struct sk_buff *skb, unsigned int mtu)
{
	/* Reassembled here: it leaves as fragments of the largest size. */
	if (IP6CB(skb)->frag_max_size)
		return IP6CB(skb)->frag_max_size > mtu;
	if (skb->len <= mtu)
		return false;
	if (skb_is_gso(skb))
		return !skb_gso_validate_network_len(skb, mtu);
	return true;
}

/*
 * What every forwarded IPv6 packet must pass, with its input route still
 * attached for the ICMPv6 answers: a hop left, and a size the path takes.
 */
int ipvl_xmit_check6(struct sk_buff *skb, unsigned int mtu)
{
	if (ipv6_hdr(skb)->hop_limit <= 1) {
		icmpv6_send(skb, ICMPV6_TIME_EXCEED, ICMPV6_EXC_HOPLIMIT, 0);
		return IPVS_LITE_DROP_TTL;
	}
	if (ipvl_too_big6(skb, mtu)) {
		icmpv6_send(skb, ICMPV6_PKT_TOOBIG, 0,
			    max_t(unsigned int, mtu, IPV6_MIN_MTU));
		return IPVS_LITE_DROP_TOO_BIG;
	}
	return 0;
}

static unsigned int ipvl_xmit_dr6(struct ipvl_net *in, struct sk_buff *skb,
				  struct ipvl_dest_dst *dd)
{
	int reason = ipvl_xmit_check6(skb, dst_mtu(dd->dst));

	if (reason)
		return ipvl_drop(in, reason);
	if (skb_ensure_writable(skb, skb_network_offset(skb) +
				     sizeof(struct ipv6hdr)))
		return ipvl_drop(in, IPVS_LITE_DROP_NOMEM);
	ipv6_hdr(skb)->hop_limit--;
	return ipvl_send(in, skb, dd->dst);
}

static unsigned int ipvl_xmit_nat6(struct ipvl_net *in, struct sk_buff *skb,
				   struct ipvl_conn *cp,
				   struct ipvl_dest_dst *dd)
{
	int reason = ipvl_xmit_check6(skb, dst_mtu(dd->dst));
	struct ipv6hdr *ip6h;
	unsigned int thoff;

	if (reason)
		return ipvl_drop(in, reason);
	/* core6.c found this header when it read the packet. */
	thoff = skb_network_offset(skb);
	if (ipv6_find_hdr(skb, &thoff, cp->protocol, NULL, NULL) < 0)
		return ipvl_drop(in, IPVS_LITE_DROP_MALFORMED);
	if (skb_ensure_writable(skb, thoff + ipvl_l4_hlen(cp->protocol)))
		return ipvl_drop(in, IPVS_LITE_DROP_NOMEM);
	ip6h = ipv6_hdr(skb);
	ipvl_l4_rewrite(skb, thoff, cp->protocol, AF_INET6,
			(union nf_inet_addr *)&ip6h->daddr, &cp->daddr,
			ipvl_l4_port(skb, thoff, true), cp->dport);
	ip6h->daddr = cp->daddr.in6;
	ip6h->hop_limit--;
	return ipvl_send(in, skb, dd->dst);
}

/* A client's IPv6 packet of @cp to a real server not local, not by TUN. */
unsigned int ipvl_xmit6(struct ipvl_net *in, struct sk_buff *skb,
			struct ipvl_conn *cp, struct ipvl_dest_dst *dd)
{
	switch (cp->fwd) {
	case IP_VS_CONN_F_MASQ:
		return ipvl_xmit_nat6(in, skb, cp, dd);
	default:
		return ipvl_xmit_dr6(in, skb, dd);
	}
}

/*
 * A NAT reply, now from the VIP, goes on: marked ours and, as for IPv4
 * (xmit.c), routed again as the VIP's own packet with snat_reroute.
 */
static unsigned int ipvl_nat_done6(struct ipvl_net *in, struct sk_buff *skb)
{
	ipvl_mark_done(skb);
	ipvl_untrack(skb);
	if (READ_ONCE(in->sysctl.snat_reroute) &&
	    ip6_route_me_harder(in->net, NULL, skb))
		return ipvl_drop(in, IPVS_LITE_DROP_XMIT);
	return NF_ACCEPT;
}

/*
 * Rewrite one side of the packet an ICMPv6 error quotes (IPv6 header at
 * @qoff, its transport header @qlen further): address and port, source
 * side or destination side, and the error's own address on the other
 * side (the quoted source is the error's destination).  Then the error's
 * checksum afresh.
 */
static int ipvl_icmp6_rewrite(struct sk_buff *skb, unsigned int qoff,
			      unsigned int qlen, bool dest,
			      const struct in6_addr *addr, __be16 port)
{
	unsigned int ioff = skb_network_offset(skb);
	struct ipv6hdr *ip6h, *qh;
	struct icmp6hdr *ih;
	unsigned int len;

	if (ipv6_find_hdr(skb, &ioff, IPPROTO_ICMPV6, NULL, NULL) < 0 ||
	    ioff + sizeof(*ih) > qoff)
		return -EINVAL;
	/* The whole message: its checksum is summed below. */
	if (skb_ensure_writable(skb, skb->len))
		return -ENOMEM;
	ip6h = ipv6_hdr(skb);
	qh = (struct ipv6hdr *)(skb->data + qoff);
	if (dest) {
		qh->daddr = *addr;
		ip6h->saddr = *addr;
	} else {
		qh->saddr = *addr;
		ip6h->daddr = *addr;
	}
	*ipvl_l4_port(skb, qoff + qlen, dest) = port;

	len = skb->len - ioff;
	ih = (struct icmp6hdr *)(skb->data + ioff);
	ih->icmp6_cksum = 0;
	ih->icmp6_cksum = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, len,
					  IPPROTO_ICMPV6,
					  skb_checksum(skb, ioff, len, 0));
	skb->ip_summed = CHECKSUM_NONE;
	return 0;
}

/*
 * An ICMPv6 error from the client's side quoting a NAT connection's
 * packet to the client: to the real server, about the packet the real
 * server sent (from its own address and port).
 */
unsigned int ipvl_xmit_icmp6(struct ipvl_net *in, struct sk_buff *skb,
			     struct ipvl_conn *cp, unsigned int qoff,
			     unsigned int qlen)
{
	struct ipvl_dest_dst *dd;
	int reason;

	dd = ipvl_dest_dst_get(in->net, cp->dest, cp->fwd);
	if (!dd || dd->local)
		return ipvl_drop(in, IPVS_LITE_DROP_XMIT);
	reason = ipvl_xmit_check6(skb, dst_mtu(dd->dst));
	if (reason)
		return ipvl_drop(in, reason);
	if (ipvl_icmp6_rewrite(skb, qoff, qlen, false, &cp->daddr.in6,
			       cp->dport))
		return ipvl_drop(in, IPVS_LITE_DROP_NOMEM);
	ipv6_hdr(skb)->hop_limit--;
	return ipvl_send(in, skb, dd->dst);
}

/* A NAT real server's ICMPv6 error about the client's packet: the VIP's. */
unsigned int ipvl_nat_reply_icmp6(struct ipvl_net *in, struct sk_buff *skb,
				  struct ipvl_conn *cp, unsigned int qoff,
				  unsigned int qlen)
{
	if (ipvl_icmp6_rewrite(skb, qoff, qlen, true, &cp->vaddr.in6,
			       cp->vport))
		return ipvl_drop(in, IPVS_LITE_DROP_NOMEM);
	return ipvl_nat_done6(in, skb);
}

/* A NAT real server's IPv6 reply of @cp, in FORWARD: from VIP:vport. */
unsigned int ipvl_nat_reply6(struct ipvl_net *in, struct sk_buff *skb,
			     struct ipvl_conn *cp, unsigned int thoff)
{
	struct ipv6hdr *ip6h;

	if (skb_ensure_writable(skb, thoff + ipvl_l4_hlen(cp->protocol)))
		return ipvl_drop(in, IPVS_LITE_DROP_NOMEM);
	ip6h = ipv6_hdr(skb);
	ipvl_l4_rewrite(skb, thoff, cp->protocol, AF_INET6,
			(union nf_inet_addr *)&ip6h->saddr, &cp->vaddr,
			ipvl_l4_port(skb, thoff, false), cp->vport);
	ip6h->saddr = cp->vaddr.in6;
	return ipvl_nat_done6(in, skb);
}
