// SPDX-License-Identifier: GPL-2.0
/*
 * Transmitters: a client's packet to its real server, by the connection's
 * forwarding method, and a NAT server's reply back to the client.
 *
 *   DR   the route to the real server with FLOWI_FLAG_KNOWN_NH, so that
 *        the neighbour is the real server while the destination stays
 *        the VIP: only the MAC address changes (and the TTL).
 *   NAT  destination address and port rewritten, checksums updated
 *        incrementally (the pseudo-header part only for CHECKSUM_PARTIAL,
 *        so GSO packets stay GSO); the reply is rewritten back in
 *        FORWARD.
 *   Local (LOCALNODE, or a DR or TUN real server whose route is local: one
 *        of the director's own addresses) the packet goes on to the
 *        director's own stack, unchanged; NAT to such an address is
 *        dropped, as IPVS drops DNAT from the world to loopback.
 *   TUN  an outer IPv4 header to the real server, and between it and the
 *        client's packet the tunnel header of the server's tunnel type
 *        (IPIP: none; GUE, GRE: tunnel.c): DF and TTL copied from the
 *        inner header, ECN encapsulated as RFC 6040 says, GSO packets
 *        marked SKB_GSO_IPXIP4 and the tunnel's type.  A packet over the
 *        tunnel's MTU (the route's less both headers) with DF set is
 *        refused with ICMP fragmentation-needed carrying that MTU, so
 *        that the client's path MTU discovery works.
 *
 * Each real server caches its route (&ipvl_dest.dest_dst); a route that
 * went stale (dst_check()) is looked up again.  The packet uses the cached
 * route without a reference, under RCU, as IPVS does.
 *
 * Packets leave through ip_local_out(): LOCAL_OUT and POSTROUTING hooks
 * see them, marked as ours, and without conntrack (as IPVS's default).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/icmp.h>
#include <linux/ip.h>
#include <linux/netfilter_ipv4.h>
#include <linux/tcp.h>
#include <linux/udp.h>
/* Since 6.4 the GSO helpers have a header of their own (see Kbuild). */
#ifdef IPVL_HAVE_NET_GSO_H
#include <net/gso.h>
#endif
#include <net/icmp.h>
#include <net/dsfield.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip_tunnels.h>
#include <net/ip6_route.h>
#include <net/route.h>

#include "ipvs_lite.h"
#include "conn.h"
#include "dest.h"
#include "service.h"
#include "tunnel.h"
#include "xmit.h"
#include "xmit_lib.h"

/* @dd's IPv4 route to @dest, by @dd->fwd. */
static int ipvl_route4(struct net *net, const struct ipvl_dest *dest,
		       struct ipvl_dest_dst *dd)
{
	struct flowi4 fl4;
	struct rtable *rt;

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = dest->addr.ip;
	if (dd->fwd == IP_VS_CONN_F_DROUTE)
		fl4.flowi4_flags = FLOWI_FLAG_KNOWN_NH;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	/* Another host, or the director itself; not broadcast. */
	if (rt->rt_type != RTN_UNICAST && rt->rt_type != RTN_LOCAL) {
		ip_rt_put(rt);
		return -EHOSTUNREACH;
	}
	dd->dst = &rt->dst;
	dd->saddr.ip = fl4.saddr;
	dd->cookie = 0;
	dd->local = rt->rt_type == RTN_LOCAL;
	return 0;
}

/* Put @dd (or NULL) in @dest's place; the old route goes after readers. */
static void ipvl_dest_dst_swap(struct ipvl_dest *dest,
			       struct ipvl_dest_dst *dd)
{
	struct ipvl_dest_dst *old;

	spin_lock_bh(&dest->dst_lock);
	old = rcu_dereference_protected(dest->dest_dst,
					lockdep_is_held(&dest->dst_lock));
	rcu_assign_pointer(dest->dest_dst, dd);
	spin_unlock_bh(&dest->dst_lock);
	if (old) {
		dst_release(old->dst);
		kfree_rcu(old, rcu);
	}
}

/* Look the route to @dest up and cache it.  Softirq, under RCU. */
static struct ipvl_dest_dst *ipvl_dest_dst_refresh(struct net *net,
						   struct ipvl_dest *dest,
						   u32 fwd)
{
	struct ipvl_dest_dst *dd;
	int ret;

	dd = kzalloc(sizeof(*dd), ipvl_gfp_atomic(ipvl_net(net)));
	if (!dd)
		return NULL;
	dd->fwd = fwd;
	if (dest->af == AF_INET6)
		ret = ipvl_route6(net, dest, dd);
	else
		ret = ipvl_route4(net, dest, dd);
	if (ret) {
		kfree(dd);
		return NULL;
	}

	ipvl_dest_dst_swap(dest, dd);
	return dd;
}

/* @dest's route for @fwd, looked up again if stale.  Softirq, RCU. */
struct ipvl_dest_dst *ipvl_dest_dst_get(struct net *net,
					struct ipvl_dest *dest, u32 fwd)
{
	struct ipvl_dest_dst *dd = rcu_dereference(dest->dest_dst);

	if (likely(dd && dd->fwd == fwd && dst_check(dd->dst, dd->cookie)))
		return dd;
	return ipvl_dest_dst_refresh(net, dest, fwd);
}

/* Forget @dest's route: its next packet looks one up.  Any context. */
void ipvl_dest_dst_reset(struct ipvl_dest *dest)
{
	ipvl_dest_dst_swap(dest, NULL);
}

/* The destination is being freed, a grace period after its last user. */
void ipvl_dest_dst_release(struct ipvl_dest *dest)
{
	struct ipvl_dest_dst *dd = rcu_dereference_protected(dest->dest_dst,
							     true);

	if (dd) {
		dst_release(dd->dst);
		kfree(dd);
	}
}

/* Would @skb need fragmenting against DF to pass @mtu? */
static bool ipvl_too_big(const struct sk_buff *skb, unsigned int mtu)
{
	if (skb->len <= mtu || !(ip_hdr(skb)->frag_off & htons(IP_DF)))
		return false;
	if (skb_is_gso(skb))
		return !skb_gso_validate_network_len(skb, mtu);
	return true;
}

/*
 * What every forwarded packet must pass, with its input route still
 * attached for the ICMP answers: a TTL left, and a size the path takes.
 */
int ipvl_xmit_check(struct sk_buff *skb, unsigned int mtu)
{
	if (ip_hdr(skb)->ttl <= 1) {
		icmp_send(skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
		return IPVS_LITE_DROP_TTL;
	}
	if (ipvl_too_big(skb, mtu)) {
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(mtu));
		return IPVS_LITE_DROP_TOO_BIG;
	}
	return 0;
}

/* @skb out by @dst, of either family: stolen from the hook. */
unsigned int ipvl_send(struct ipvl_net *in, struct sk_buff *skb,
		       struct dst_entry *dst)
{
	/*
	 * As IPVS: early demux may have attached a local socket of the same
	 * addresses and ports (a TIME_WAIT one, often, where the director
	 * once served the VIP itself).  It is not this packet's sender, and
	 * the output path takes skb->sk for a full socket that owns the
	 * packet (sock_confirm_neigh() clears its sk_dst_pending_confirm).
	 */
	skb_orphan(skb);
	skb_dst_drop(skb);
	skb_dst_set_noref(skb, dst);
	skb->ignore_df = 1;
	ipvl_mark_done(skb);
	ipvl_untrack(skb);
	skb_forward_csum(skb);
	skb_clear_tstamp(skb);
	if (dst->ops->family == AF_INET6)
		ip6_local_out(in->net, NULL, skb);
	else
		ip_local_out(in->net, NULL, skb);
	return NF_STOLEN;
}

/*
 * Rewrite one side's address (@oaddr to @naddr, of family @af) and port
 * of a TCP or UDP header: the checksum follows, the address's part of it
 * being the pseudo-header's.
 */
void ipvl_l4_rewrite(struct sk_buff *skb, unsigned int thoff, u8 protocol,
		     u8 af, const union nf_inet_addr *oaddr,
		     const union nf_inet_addr *naddr, __be16 *port,
		     __be16 nport)
{
	__sum16 *check;

	if (protocol == IPPROTO_TCP) {
		check = &((struct tcphdr *)(skb->data + thoff))->check;
	} else {
		check = &((struct udphdr *)(skb->data + thoff))->check;
		/* A UDP datagram without a checksum keeps none. */
		if (!*check && skb->ip_summed != CHECKSUM_PARTIAL) {
			*port = nport;
			return;
		}
	}
	if (af == AF_INET6)
		inet_proto_csum_replace16(check, skb, oaddr->ip6, naddr->ip6,
					  true);
	else
		inet_proto_csum_replace4(check, skb, oaddr->ip, naddr->ip,
					 true);
	inet_proto_csum_replace2(check, skb, *port, nport, false);
	*port = nport;
	if (protocol == IPPROTO_UDP && !*check)
		*check = CSUM_MANGLED_0;
}

unsigned int ipvl_l4_hlen(u8 protocol)
{
	return protocol == IPPROTO_TCP ? sizeof(struct tcphdr) :
					 sizeof(struct udphdr);
}

/* The port field of the header at @thoff: the source's or destination's. */
__be16 *ipvl_l4_port(struct sk_buff *skb, unsigned int thoff, bool dest)
{
	__be16 *ports = (__be16 *)(skb->data + thoff);

	return dest ? &ports[1] : &ports[0];
}

static unsigned int ipvl_xmit_dr(struct ipvl_net *in, struct sk_buff *skb,
				 struct ipvl_dest_dst *dd)
{
	int reason = ipvl_xmit_check(skb, dst_mtu(dd->dst));

	if (reason)
		return ipvl_drop(in, reason);
	if (skb_ensure_writable(skb, skb_network_offset(skb) +
				     sizeof(struct iphdr)))
		return ipvl_drop(in, IPVS_LITE_DROP_NOMEM);
	ip_decrease_ttl(ip_hdr(skb));
	return ipvl_send(in, skb, dd->dst);
}

static unsigned int ipvl_xmit_nat(struct ipvl_net *in, struct sk_buff *skb,
				  struct ipvl_conn *cp,
				  struct ipvl_dest_dst *dd)
{
	unsigned int thoff = skb_network_offset(skb) + ip_hdrlen(skb);
	int reason = ipvl_xmit_check(skb, dst_mtu(dd->dst));
	struct iphdr *iph;

	if (reason)
		return ipvl_drop(in, reason);
	if (skb_ensure_writable(skb, thoff + ipvl_l4_hlen(cp->protocol)))
		return ipvl_drop(in, IPVS_LITE_DROP_NOMEM);
	iph = ip_hdr(skb);
	ipvl_l4_rewrite(skb, thoff, cp->protocol, AF_INET,
			(union nf_inet_addr *)&iph->daddr, &cp->daddr,
			ipvl_l4_port(skb, thoff, true), cp->dport);
	iph->daddr = cp->daddr.ip;
	ip_decrease_ttl(iph);
	/* ip_local_out() computes the IP header checksum afresh. */
	return ipvl_send(in, skb, dd->dst);
}

/*
 * The client's packet of @cp, checked against the room the tunnel leaves
 * of @mtu and made ready to go inside it: its TTL or hop limit less one,
 * and what the outer header copies from it in *@tos, *@ttl and *@df.
 * Returns its IP protocol as an inner packet, or a negative drop reason.
 */
static int ipvl_tun_inner(struct sk_buff *skb, const struct ipvl_conn *cp,
			  unsigned int mtu, u8 *tos, u8 *ttl, __be16 *df)
{
	struct ipv6hdr *ip6h;
	struct iphdr *iph;
	int reason;

	if (cp->af == AF_INET6) {
		if (mtu < IPV6_MIN_MTU)
			return -IPVS_LITE_DROP_XMIT;
		reason = ipvl_xmit_check6(skb, mtu);
		if (reason)
			return -reason;
		ip6h = ipv6_hdr(skb);
		ip6h->hop_limit--;
		*tos = ipv6_get_dsfield(ip6h);
		*ttl = ip6h->hop_limit;
		/* As IPVS: an IPv6 packet leaves no DF on an IPv4 outer. */
		*df = 0;
		return IPPROTO_IPV6;
	}
	if (mtu < IPV4_MIN_MTU)
		return -IPVS_LITE_DROP_XMIT;
	reason = ipvl_xmit_check(skb, mtu);
	if (reason)
		return -reason;
	iph = ip_hdr(skb);
	ip_decrease_ttl(iph);
	/*
	 * An option the IP layer stamped on the way in (timestamp, record
	 * route) left the checksum stale; the server checks it after
	 * decapsulation.
	 */
	if (IPCB(skb)->opt.is_changed)
		ip_send_check(iph);
	*tos = iph->tos;
	*ttl = iph->ttl;
	*df = iph->frag_off & htons(IP_DF);
	return IPPROTO_IPIP;
}

/* The outer IPv4 header, in front of the tunnel header at skb->data. */
static void ipvl_tun_outer4(struct sk_buff *skb, struct ipvl_dest_dst *dd,
			    const struct ipvl_conn *cp, u8 protocol, u8 tos,
			    u8 ttl, __be16 df)
{
	struct iphdr *iph;

	skb_push(skb, sizeof(struct iphdr));
	skb_reset_network_header(skb);
	memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
	skb->protocol = htons(ETH_P_IP);
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = sizeof(struct iphdr) / 4;
	iph->tos = INET_ECN_encapsulate(tos, tos);
	iph->frag_off = df;
	iph->ttl = ttl;
	iph->protocol = protocol;
	iph->saddr = dd->saddr.ip;
	iph->daddr = cp->daddr.ip;
	ip_select_ident_segs(dev_net(dd->dst->dev), skb, NULL,
			     skb_shinfo(skb)->gso_segs ?: 1);
}

/* The outer IPv6 header, in front of the tunnel header at skb->data. */
static void ipvl_tun_outer6(struct sk_buff *skb, struct ipvl_dest_dst *dd,
			    const struct ipvl_conn *cp, u8 protocol, u8 tos,
			    u8 ttl)
{
	struct ipv6hdr *ip6h;

	skb_push(skb, sizeof(struct ipv6hdr));
	skb_reset_network_header(skb);
	/* What reassembly left there was the inner packet's. */
	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
	skb->protocol = htons(ETH_P_IPV6);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, INET_ECN_encapsulate(tos, tos), 0);
	/* ip6_local_out() sets the payload length. */
	ip6h->nexthdr = protocol;
	ip6h->hop_limit = ttl;
	ip6h->saddr = dd->saddr.in6;
	ip6h->daddr = cp->daddr.in6;
}

/* In a tunnel to the real server, of either family, whatever is inside. */
static unsigned int ipvl_xmit_tun(struct ipvl_net *in, struct sk_buff *skb,
				  struct ipvl_conn *cp,
				  struct ipvl_dest_dst *dd)
{
	struct net_device *tdev = dd->dst->dev;
	u8 outer_af = cp->dest->af;
	u8 tos, ttl, protocol;
	union ipvl_tun tun;
	unsigned int hlen;
	int inner;
	__be16 df;

	/* One configuration for the whole packet, whatever -e does. */
	tun.word = READ_ONCE(cp->dest->tun.word);
	hlen = (outer_af == AF_INET6 ? sizeof(struct ipv6hdr) :
				       sizeof(struct iphdr)) +
	       ipvl_tun_hlen(&tun, skb);
	if (dst_mtu(dd->dst) < hlen)
		return ipvl_drop(in, IPVS_LITE_DROP_XMIT);
	/* Room for the headers, and the client's header ours to change. */
	if (skb_cow_head(skb, LL_RESERVED_SPACE(tdev) + hlen))
		return ipvl_drop(in, IPVS_LITE_DROP_NOMEM);
	inner = ipvl_tun_inner(skb, cp, dst_mtu(dd->dst) - hlen, &tos, &ttl,
			       &df);
	if (inner < 0)
		return ipvl_drop(in, -inner);
	if (iptunnel_handle_offloads(skb, ipvl_tun_gso_type(&tun, skb,
							    outer_af)))
		return ipvl_drop(in, IPVS_LITE_DROP_XMIT);
	/* For the segmentation of GUE and GRE: what is inside. */
	skb_set_inner_ipproto(skb, inner);
	skb_set_inner_mac_header(skb, skb_inner_network_offset(skb));
	if (ipvl_tun_push(in->net, skb, &tun, outer_af, &dd->saddr,
			  &cp->daddr, inner, &protocol))
		return ipvl_drop(in, IPVS_LITE_DROP_XMIT);

	if (outer_af == AF_INET6)
		ipvl_tun_outer6(skb, dd, cp, protocol, tos, ttl);
	else
		ipvl_tun_outer4(skb, dd, cp, protocol, tos, ttl, df);
	return ipvl_send(in, skb, dd->dst);
}

/*
 * A real server that is the director itself (LOCALNODE, or a DR or TUN
 * server whose route is local): the packet goes on to the local stack as
 * it came, to VIP:vport, as IPVS does.  A socket early demux attached
 * belongs to another address or port than the one the real server
 * names; the stack looks it up again.
 */
static unsigned int ipvl_xmit_local(struct sk_buff *skb,
				    const struct ipvl_conn *cp)
{
	if (cp->dport != cp->vport || !nf_inet_addr_cmp(&cp->daddr, &cp->vaddr))
		skb_orphan(skb);
	ipvl_mark_done(skb);
	ipvl_untrack(skb);
	return NF_ACCEPT;
}

/* A client's packet of @cp, accounted: to the real server. */
unsigned int ipvl_xmit(struct ipvl_net *in, struct sk_buff *skb,
		       struct ipvl_conn *cp)
{
	struct ipvl_dest_dst *dd;

	if (cp->fwd == IP_VS_CONN_F_LOCALNODE)
		return ipvl_xmit_local(skb, cp);
	dd = ipvl_dest_dst_get(in->net, cp->dest, cp->fwd);
	if (!dd)
		return ipvl_drop(in, IPVS_LITE_DROP_XMIT);
	if (dd->local) {
		/* As IPVS: no DNAT from the world to the director itself. */
		if (cp->fwd == IP_VS_CONN_F_MASQ)
			return ipvl_drop(in, IPVS_LITE_DROP_XMIT);
		return ipvl_xmit_local(skb, cp);
	}
	if (cp->fwd == IP_VS_CONN_F_TUNNEL)
		return ipvl_xmit_tun(in, skb, cp, dd);
	if (cp->af == AF_INET6)
		return ipvl_xmit6(in, skb, cp, dd);
	switch (cp->fwd) {
	case IP_VS_CONN_F_MASQ:
		return ipvl_xmit_nat(in, skb, cp, dd);
	default:
		return ipvl_xmit_dr(in, skb, dd);
	}
}

/* The ICMP checksum of @skb afresh, after a rewrite of what it quotes. */
static void ipvl_icmp_csum(struct sk_buff *skb)
{
	unsigned int off = skb_network_offset(skb) + ip_hdrlen(skb);
	struct icmphdr *ih = (struct icmphdr *)(skb->data + off);

	ih->checksum = 0;
	ih->checksum = csum_fold(skb_checksum(skb, off, skb->len - off, 0));
	skb->ip_summed = CHECKSUM_NONE;
}

/*
 * Rewrite one side of the packet an ICMP error quotes (IP header at
 * @qoff, @qlen bytes long as read by ipvl_icmp_quoted()): its address and
 * port, source side or destination side.
 */
static int ipvl_icmp_rewrite_quoted(struct sk_buff *skb, unsigned int qoff,
				    unsigned int qlen, bool dest, __be32 addr,
				    __be16 port)
{
	struct iphdr *ciph;

	if (skb_ensure_writable(skb, qoff + qlen + 2 * sizeof(__be16)))
		return -ENOMEM;
	ciph = (struct iphdr *)(skb->data + qoff);
	if (dest)
		ciph->daddr = addr;
	else
		ciph->saddr = addr;
	ip_send_check(ciph);
	*ipvl_l4_port(skb, qoff + qlen, dest) = port;
	return 0;
}

/*
 * An ICMP error from the client's side quoting @cp's packet (quoted IP
 * header at @qoff, @qlen bytes): as it is for DR and TUN; for NAT, to the
 * real server and about the packet the real server sent.
 */
unsigned int ipvl_xmit_icmp(struct ipvl_net *in, struct sk_buff *skb,
			    struct ipvl_conn *cp, unsigned int qoff,
			    unsigned int qlen)
{
	struct ipvl_dest_dst *dd;
	int reason;

	if (cp->fwd != IP_VS_CONN_F_MASQ)
		return ipvl_xmit(in, skb, cp);
	if (cp->af == AF_INET6)
		return ipvl_xmit_icmp6(in, skb, cp, qoff, qlen);

	dd = ipvl_dest_dst_get(in->net, cp->dest, cp->fwd);
	if (!dd || dd->local)
		return ipvl_drop(in, IPVS_LITE_DROP_XMIT);
	reason = ipvl_xmit_check(skb, dst_mtu(dd->dst));
	if (reason)
		return ipvl_drop(in, reason);
	if (ipvl_icmp_rewrite_quoted(skb, qoff, qlen, false, cp->daddr.ip,
				     cp->dport))
		return ipvl_drop(in, IPVS_LITE_DROP_NOMEM);
	ip_hdr(skb)->daddr = cp->daddr.ip;
	ip_decrease_ttl(ip_hdr(skb));
	ipvl_icmp_csum(skb);
	return ipvl_send(in, skb, dd->dst);
}

/*
 * An ICMP error about @cp's tunnel packet (its outer header quoted at
 * @qoff, the client's packet inside at @ioff), from the path to the real
 * server: told to the client, about its own packet and from the VIP, as
 * IPVS does.  The director has no tunnel device that would hear of it.
 * A path MTU it reports is learnt for the real server's route, and the
 * client, if it sent DF, is told that MTU less the outer and tunnel
 * headers, so that its path MTU discovery works through the tunnel.
 */
unsigned int ipvl_xmit_tun_icmp(struct ipvl_net *in, struct sk_buff *skb,
				struct ipvl_conn *cp, unsigned int qoff,
				unsigned int ioff)
{
	struct ipvl_service *svc = rcu_dereference(cp->dest->svc);
	const struct icmphdr *ih;
	struct ipvl_dest_dst *dd;
	__be32 info;
	u8 type, code;
	__be16 df;
	u32 mtu;

	/* The client's header is the one icmp_send() quotes: linear. */
	if (!pskb_may_pull(skb, ioff + sizeof(struct iphdr)))
		return ipvl_drop(in, IPVS_LITE_DROP_NOMEM);
	ih = (const struct icmphdr *)(skb->data + skb_network_offset(skb) +
				      ip_hdrlen(skb));
	type = ih->type;
	code = ih->code;
	info = ih->un.gateway;
	mtu = ntohs(ih->un.frag.mtu);
	df = ((const struct iphdr *)(skb->data + ioff))->frag_off &
	     htons(IP_DF);

	if (svc)
		ipvl_stats_out(&svc->stats, skb->len);
	ipvl_stats_out(&cp->dest->stats, skb->len);

	/* From here on the packet is the one the error quotes. */
	__skb_pull(skb, qoff);
	skb_reset_network_header(skb);
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) {
		/* Learnt for the outer header's destination, the server. */
		ipv4_update_pmtu(skb, in->net, mtu, 0, 0);
		if (!df)
			goto out;
		/* As IPVS, the route's MTU now that it has learnt it. */
		dd = ipvl_dest_dst_get(in->net, cp->dest, cp->fwd);
		if (dd)
			mtu = dst_mtu(dd->dst);
		/* Less the outer and tunnel headers the error quotes. */
		if (mtu < IPV4_MIN_MTU + ioff - qoff)
			goto out;
		info = htonl(mtu - (ioff - qoff));
	}
	__skb_pull(skb, ioff - qoff);
	skb_reset_network_header(skb);
	/* The options parsed on the way in were the outer header's. */
	memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
	icmp_send(skb, type, code, info);
out:
	consume_skb(skb);
	return NF_STOLEN;
}

/*
 * A NAT reply now from the VIP: with snat_reroute (IPVS's default), routed
 * again as a packet of the director's own from the VIP, so that policy
 * routing by source sends it where the VIP's traffic goes, not where the
 * real server's would.
 */
static unsigned int ipvl_nat_reroute(struct ipvl_net *in, struct sk_buff *skb)
{
	if (!READ_ONCE(in->sysctl.snat_reroute))
		return NF_ACCEPT;
	if (ip_route_me_harder(in->net, NULL, skb, RTN_LOCAL))
		return ipvl_drop(in, IPVS_LITE_DROP_XMIT);
	return NF_ACCEPT;
}

/* A NAT real server's reply of @cp, in FORWARD: from VIP:vport. */
unsigned int ipvl_nat_reply(struct ipvl_net *in, struct sk_buff *skb,
			    struct ipvl_conn *cp, unsigned int thoff)
{
	struct iphdr *iph;

	if (cp->af == AF_INET6)
		return ipvl_nat_reply6(in, skb, cp, thoff);
	if (skb_ensure_writable(skb, thoff + ipvl_l4_hlen(cp->protocol)))
		return ipvl_drop(in, IPVS_LITE_DROP_NOMEM);
	iph = ip_hdr(skb);
	ipvl_l4_rewrite(skb, thoff, cp->protocol, AF_INET,
			(union nf_inet_addr *)&iph->saddr, &cp->vaddr,
			ipvl_l4_port(skb, thoff, false), cp->vport);
	csum_replace4(&iph->check, iph->saddr, cp->vaddr.ip);
	iph->saddr = cp->vaddr.ip;
	ipvl_mark_done(skb);
	ipvl_untrack(skb);
	return ipvl_nat_reroute(in, skb);
}

/* A NAT real server's ICMP error about the client's packet: the VIP's. */
unsigned int ipvl_nat_reply_icmp(struct ipvl_net *in, struct sk_buff *skb,
				 struct ipvl_conn *cp, unsigned int qoff,
				 unsigned int qlen)
{
	struct iphdr *iph;

	if (cp->af == AF_INET6)
		return ipvl_nat_reply_icmp6(in, skb, cp, qoff, qlen);
	if (ipvl_icmp_rewrite_quoted(skb, qoff, qlen, true, cp->vaddr.ip,
				     cp->vport))
		return ipvl_drop(in, IPVS_LITE_DROP_NOMEM);
	iph = ip_hdr(skb);
	csum_replace4(&iph->check, iph->saddr, cp->vaddr.ip);
	iph->saddr = cp->vaddr.ip;
	ipvl_icmp_csum(skb);
	ipvl_mark_done(skb);
	ipvl_untrack(skb);
	return ipvl_nat_reroute(in, skb);
}
