// SPDX-License-Identifier: GPL-2.0
/*
 * ICMPv6 errors: which packet an error quotes, and whether it is intact
 * (icmp.c does the same for IPv4).  Read with skb_header_pointer(),
 * changing nothing.
 */
#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include "ipvs_lite.h"
#include "icmp.h"

/*
 * The embedded packet of the ICMPv6 error whose header is at @ioff: the
 * tuple of the TCP or UDP packet it quotes, turned around (@t's source is
 * the quoted destination), and in *@qlen the length of the quoted IPv6
 * header with its extension headers.  Returns the offset of the quoted
 * IPv6 header, or 0 when this is no error (informational messages) or
 * quotes no ports of a TCP or UDP packet's first fragment.
 */
unsigned int ipvl_icmp6_quoted(const struct sk_buff *skb, unsigned int ioff,
			       struct ipvl_tuple *t, unsigned int *qlen)
{
	unsigned int qoff = ioff + sizeof(struct icmp6hdr);
	const struct icmp6hdr *ih;
	const struct ipv6hdr *qh;
	struct icmp6hdr _ih;
	struct ipv6hdr _qh;
	__be16 _ports[2];
	const __be16 *ports;
	__be16 frag = 0;
	u8 nexthdr;
	int l4off;

	ih = skb_header_pointer(skb, ioff, sizeof(_ih), &_ih);
	if (!ih || (ih->icmp6_type & ICMPV6_INFOMSG_MASK))
		return 0;
	qh = skb_header_pointer(skb, qoff, sizeof(_qh), &_qh);
	if (!qh || qh->version != 6)
		return 0;
	nexthdr = qh->nexthdr;
	l4off = ipv6_skip_exthdr(skb, qoff + sizeof(_qh), &nexthdr, &frag);
	if (l4off < 0 || (frag & htons(IP6_OFFSET)) ||
	    (nexthdr != IPPROTO_TCP && nexthdr != IPPROTO_UDP))
		return 0;
	ports = skb_header_pointer(skb, l4off, sizeof(_ports), _ports);
	if (!ports)
		return 0;

	memset(t, 0, sizeof(*t));
	t->af = AF_INET6;
	t->protocol = nexthdr;
	t->saddr.in6 = qh->daddr;
	t->daddr.in6 = qh->saddr;
	t->sport = ports[1];
	t->dport = ports[0];
	*qlen = l4off - qoff;
	return qoff;
}

/* Is the ICMPv6 message at @ioff intact?  Its sum covers a pseudo-header. */
bool ipvl_icmp6_csum_ok(struct sk_buff *skb, unsigned int ioff)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	unsigned int len = skb->len - ioff;

	return skb_csum_unnecessary(skb) ||
	       !csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, len,
				IPPROTO_ICMPV6, skb_checksum(skb, ioff, len, 0));
}
