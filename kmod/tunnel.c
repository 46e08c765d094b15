// SPDX-License-Identifier: GPL-2.0
/*
 * The tunnel header a TUN real server's packets carry between the outer
 * IPv4 or IPv6 header and the client's packet, by the real server's tunnel
 * type, as IPVS builds them (ipvsadm --tun-type):
 *
 *   ipip  nothing: the outer header's protocol is the client's packet's,
 *         IPIP (4) or IPv6 (41);
 *   gue   UDP to --tun-port, then a GUE header (version 0) whose protocol
 *         is the client's packet's.  The UDP source port is the flow's hash, so that one
 *         connection keeps one port and the real server's receive side
 *         spreads connections.  --tun-csum sums the outer UDP;
 *         --tun-remcsum does too, and, for a packet whose transport
 *         checksum is still to be done (CHECKSUM_PARTIAL), leaves it to
 *         the real server: GUE's private remote checksum option says
 *         where it starts and where it goes (draft-herbert-remotecsumoffload);
 *   gre   a GRE header (RFC 2784) of protocol IPv4 or IPv6, with its
 *         checksum under --tun-csum.
 *
 * The real server takes GUE off with the kernel's fou (ip fou add port P
 * gue) and GRE with its gre devices.
 */
#include <linux/if_ether.h>
#include <linux/if_tunnel.h>
#include <linux/ip.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/gre.h>
#include <net/gue.h>
#include <net/ip6_checksum.h>
#include <net/udp.h>

#include "ipvs_lite.h"
#include "tunnel.h"

/* GUE's private word and its remote checksum option: start and offset. */
#define IPVL_GUE_REMCSUM_LEN	(GUE_LEN_PRIV + GUE_PLEN_REMCSUM)

static bool ipvl_gue_remcsum(const union ipvl_tun *tun,
			     const struct sk_buff *skb)
{
	return (tun->flags & IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM) &&
	       skb->ip_summed == CHECKSUM_PARTIAL;
}

static unsigned int ipvl_gre_hlen(const union ipvl_tun *tun)
{
	return sizeof(struct gre_base_hdr) +
	       ((tun->flags & IP_VS_TUNNEL_ENCAP_FLAG_CSUM) ? 4 : 0);
}

unsigned int ipvl_tun_hlen(const union ipvl_tun *tun,
			   const struct sk_buff *skb)
{
	switch (tun->type) {
	case IP_VS_CONN_F_TUNNEL_TYPE_GUE:
		return sizeof(struct udphdr) + sizeof(struct guehdr) +
		       (ipvl_gue_remcsum(tun, skb) ? IPVL_GUE_REMCSUM_LEN : 0);
	case IP_VS_CONN_F_TUNNEL_TYPE_GRE:
		return ipvl_gre_hlen(tun);
	default:
		return 0;
	}
}

int ipvl_tun_gso_type(const union ipvl_tun *tun, const struct sk_buff *skb,
		      u8 outer_af)
{
	int gso = outer_af == AF_INET6 ? SKB_GSO_IPXIP6 : SKB_GSO_IPXIP4;

	switch (tun->type) {
	case IP_VS_CONN_F_TUNNEL_TYPE_GUE:
		gso |= tun->flags ? SKB_GSO_UDP_TUNNEL_CSUM : SKB_GSO_UDP_TUNNEL;
		if (ipvl_gue_remcsum(tun, skb))
			gso |= SKB_GSO_TUNNEL_REMCSUM;
		break;
	case IP_VS_CONN_F_TUNNEL_TYPE_GRE:
		gso |= (tun->flags & IP_VS_TUNNEL_ENCAP_FLAG_CSUM) ?
		       SKB_GSO_GRE_CSUM : SKB_GSO_GRE;
		break;
	}
	return gso;
}

/* UDP and GUE in front of the inner header at skb->data. */
static int ipvl_gue_push(struct net *net, struct sk_buff *skb,
			 const union ipvl_tun *tun, u8 outer_af,
			 const union nf_inet_addr *saddr,
			 const union nf_inet_addr *daddr, u8 inner)
{
	bool remcsum = ipvl_gue_remcsum(tun, skb);
	unsigned int optlen = 0;
	struct guehdr *gueh;
	struct udphdr *uh;
	__be16 sport;

	sport = udp_flow_src_port(net, skb, 0, 0, false);
	if (remcsum) {
		/* Where the inner checksum starts, from the inner header. */
		int start = skb_checksum_start_offset(skb);
		__be16 *pd;

		if (start < 0)
			return -EINVAL;
		pd = (__be16 *)skb_push(skb, GUE_PLEN_REMCSUM);
		pd[0] = htons(start);
		pd[1] = htons(start + skb->csum_offset);
		*(__be32 *)skb_push(skb, GUE_LEN_PRIV) = GUE_PFLAG_REMCSUM;
		optlen = IPVL_GUE_REMCSUM_LEN;
		if (!skb_is_gso(skb)) {
			/* The real server completes it. */
			skb->ip_summed = CHECKSUM_NONE;
			skb->encapsulation = 0;
		}
	}
	gueh = skb_push(skb, sizeof(*gueh));
	gueh->control = 0;
	gueh->version = 0;
	gueh->hlen = optlen >> 2;
	gueh->flags = remcsum ? GUE_FLAG_PRIV : 0;
	gueh->proto_ctype = inner;

	uh = skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	uh->source = sport;
	uh->dest = tun->port;
	uh->len = htons(skb->len);
	uh->check = 0;
	if (outer_af == AF_INET6)
		udp6_set_csum(!tun->flags, skb, &saddr->in6, &daddr->in6,
			      skb->len);
	else
		udp_set_csum(!tun->flags, skb, saddr->ip, daddr->ip, skb->len);
	return 0;
}

/* GRE in front of the inner header at skb->data. */
static void ipvl_gre_push(struct sk_buff *skb, const union ipvl_tun *tun,
			  u8 inner)
{
	bool csum = tun->flags & IP_VS_TUNNEL_ENCAP_FLAG_CSUM;
	__be16 type = htons(inner == IPPROTO_IPV6 ? ETH_P_IPV6 : ETH_P_IP);
	struct gre_base_hdr *greh;
	__sum16 *check;

	greh = skb_push(skb, ipvl_gre_hlen(tun));
	skb_reset_transport_header(skb);
	/*
	 * gre_gso_segment() takes the inner packet's protocol from here (an
	 * Ethernet type; GUE's segmentation reads the IP protocol instead).
	 */
	skb_set_inner_protocol(skb, type);
	greh->flags = csum ? GRE_CSUM : 0;
	greh->protocol = type;
	if (!csum)
		return;
	/* The checksum and the reserved half word after it. */
	check = (__sum16 *)(greh + 1);
	check[0] = 0;
	check[1] = 0;
	/* GSO: gre_gso_segment() sums each segment. */
	if (skb_is_gso(skb))
		return;
	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		/* The inner checksum is still to be done: ours from it. */
		*check = csum_fold(lco_csum(skb));
	} else {
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb->csum_start = skb_transport_header(skb) - skb->head;
		skb->csum_offset = sizeof(*greh);
	}
}

int ipvl_tun_push(struct net *net, struct sk_buff *skb,
		  const union ipvl_tun *tun, u8 outer_af,
		  const union nf_inet_addr *saddr,
		  const union nf_inet_addr *daddr, u8 inner, u8 *protocol)
{
	switch (tun->type) {
	case IP_VS_CONN_F_TUNNEL_TYPE_GUE:
		*protocol = IPPROTO_UDP;
		return ipvl_gue_push(net, skb, tun, outer_af, saddr, daddr,
				     inner);
	case IP_VS_CONN_F_TUNNEL_TYPE_GRE:
		*protocol = IPPROTO_GRE;
		ipvl_gre_push(skb, tun, inner);
		return 0;
	default:
		*protocol = inner;
		return 0;
	}
}
