// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP errors: which packet an error quotes, and whether it is intact.
 * The readers copy what they need with skb_header_pointer() and change
 * nothing; the hooks (core.c) decide what to do with the error and the
 * transmitters (xmit.c) rewrite it.
 */
#include <linux/icmp.h>
#include <linux/if_ether.h>
#include <linux/if_tunnel.h>
#include <linux/ip.h>
#include <linux/ip_vs.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/gre.h>
#include <net/gue.h>
#include <net/ip.h>

#include "ipvs_lite.h"
#include "icmp.h"

/*
 * Where the packet an ICMP error quotes begins: past the ICMP header of a
 * destination unreachable, source quench or time exceeded; 0 for others.
 */
static unsigned int ipvl_icmp_error_off(const struct sk_buff *skb)
{
	unsigned int off = skb_network_offset(skb) + ip_hdrlen(skb);
	const struct icmphdr *ih;
	struct icmphdr _ih;

	ih = skb_header_pointer(skb, off, sizeof(_ih), &_ih);
	if (!ih || (ih->type != ICMP_DEST_UNREACH &&
		    ih->type != ICMP_SOURCE_QUENCH &&
		    ih->type != ICMP_TIME_EXCEEDED))
		return 0;
	return off + sizeof(_ih);
}

/* A quoted IPv4 header at @off, read into @buf; NULL if not one or a tail. */
static const struct iphdr *ipvl_quoted_iph(const struct sk_buff *skb,
					   unsigned int off, struct iphdr *buf)
{
	const struct iphdr *iph = skb_header_pointer(skb, off, sizeof(*buf),
						     buf);

	if (!iph || iph->ihl < 5 || iph->version != 4 ||
	    (iph->frag_off & htons(IP_OFFSET)))
		return NULL;
	return iph;
}

/*
 * The tuple of a quoted TCP or UDP packet at @off, as it was sent or,
 * with @reverse, turned around.  Returns its IP header's length, or 0
 * when it is none or its ports are not quoted.
 */
static unsigned int ipvl_quoted_tuple(const struct sk_buff *skb,
				      unsigned int off, bool reverse,
				      struct ipvl_tuple *t)
{
	const struct iphdr *iph;
	struct iphdr _iph;
	__be16 _ports[2];
	const __be16 *ports;

	iph = ipvl_quoted_iph(skb, off, &_iph);
	if (!iph ||
	    (iph->protocol != IPPROTO_TCP && iph->protocol != IPPROTO_UDP))
		return 0;
	ports = skb_header_pointer(skb, off + iph->ihl * 4, sizeof(_ports),
				   _ports);
	if (!ports)
		return 0;

	memset(t, 0, sizeof(*t));
	t->af = AF_INET;
	t->protocol = iph->protocol;
	t->saddr.ip = reverse ? iph->daddr : iph->saddr;
	t->daddr.ip = reverse ? iph->saddr : iph->daddr;
	t->sport = ports[reverse];
	t->dport = ports[!reverse];
	return iph->ihl * 4;
}

/*
 * The embedded header of an ICMP error: the tuple of the packet it
 * quotes, turned around (@t's source is the quoted destination), and the
 * quoted IP header's length in *@qlen.  Returns the offset of the quoted
 * IP header, or 0 when this is not an error about a TCP or UDP packet
 * whose ports are quoted.
 */
unsigned int ipvl_icmp_quoted(const struct sk_buff *skb, struct ipvl_tuple *t,
			      unsigned int *qlen)
{
	unsigned int off = ipvl_icmp_error_off(skb);

	if (!off)
		return 0;
	*qlen = ipvl_quoted_tuple(skb, off, true, t);
	return *qlen ? off : 0;
}

/*
 * The tunnel header after a quoted outer header of protocol @protocol at
 * @off, as tunnel.c writes them: its length (0 for IPIP), with @tun's
 * type and port set; -1U when it is none of ours.
 */
static unsigned int ipvl_quoted_tun_hlen(const struct sk_buff *skb,
					 unsigned int off, u8 protocol,
					 struct ipvl_icmp_tun *tun)
{
	const struct gre_base_hdr *greh;
	const struct guehdr *gueh;
	struct gre_base_hdr _greh;
	const struct udphdr *uh;
	struct guehdr _gueh;
	struct udphdr _uh;

	switch (protocol) {
	case IPPROTO_IPIP:
		tun->type = IP_VS_CONN_F_TUNNEL_TYPE_IPIP;
		return 0;
	case IPPROTO_UDP:
		uh = skb_header_pointer(skb, off, sizeof(_uh), &_uh);
		gueh = skb_header_pointer(skb, off + sizeof(_uh),
					  sizeof(_gueh), &_gueh);
		if (!uh || !gueh || gueh->control || gueh->version ||
		    gueh->proto_ctype != IPPROTO_IPIP)
			return -1U;
		tun->type = IP_VS_CONN_F_TUNNEL_TYPE_GUE;
		tun->port = uh->dest;
		return sizeof(_uh) + sizeof(_gueh) + gueh->hlen * 4;
	case IPPROTO_GRE:
		greh = skb_header_pointer(skb, off, sizeof(_greh), &_greh);
		if (!greh || (greh->flags & ~GRE_CSUM) ||
		    greh->protocol != htons(ETH_P_IP))
			return -1U;
		tun->type = IP_VS_CONN_F_TUNNEL_TYPE_GRE;
		return sizeof(_greh) + (greh->flags & GRE_CSUM ? 4 : 0);
	default:
		return -1U;
	}
}

/*
 * An ICMP error about what may be one of our tunnel packets: the header
 * it quotes is an outer one to a real server (IPIP, or UDP and GUE, or
 * GRE: @tun says which, where and to whom), and inside that the client's
 * packet.  Returns the offset of the client's IP header, with @t its
 * tuple as the client sent it; 0 when this is no such error.  Whether
 * it is ours the connection says (core.c).
 */
unsigned int ipvl_icmp_tunnelled(const struct sk_buff *skb,
				 struct ipvl_tuple *t,
				 struct ipvl_icmp_tun *tun)
{
	unsigned int off = ipvl_icmp_error_off(skb);
	const struct iphdr *oiph;
	struct iphdr _oiph;
	unsigned int hlen;

	if (!off)
		return 0;
	/* Not a later fragment: ipvl_quoted_iph() refuses those. */
	oiph = ipvl_quoted_iph(skb, off, &_oiph);
	if (!oiph)
		return 0;
	memset(tun, 0, sizeof(*tun));
	tun->qoff = off;
	tun->raddr = oiph->daddr;
	off += oiph->ihl * 4;
	hlen = ipvl_quoted_tun_hlen(skb, off, oiph->protocol, tun);
	if (hlen == -1U)
		return 0;
	off += hlen;
	return ipvl_quoted_tuple(skb, off, false, t) ? off : 0;
}

/*
 * Is the ICMP message in @skb intact?  Summed from the ICMP header: the
 * IP header's own checksum is stale here when the IP layer has just
 * stamped a timestamp or route option (ip_forward fixes it later), so it
 * must not take part, as it would in nf_ip_checksum().
 */
bool ipvl_icmp_csum_ok(struct sk_buff *skb)
{
	unsigned int off = skb_network_offset(skb) + ip_hdrlen(skb);

	return skb_csum_unnecessary(skb) ||
	       !csum_fold(skb_checksum(skb, off, skb->len - off, 0));
}
