/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: the tunnel header between a TUN packet's outer IPv4 or IPv6
 * header and the client's packet (tunnel.c), by the real server's tunnel
 * type.  Softirq; @tun is the packet's own copy of its real server's.
 */
#ifndef _IPVL_TUNNEL_H
#define _IPVL_TUNNEL_H

#include <linux/types.h>
#include <uapi/linux/netfilter.h>

struct net;
struct sk_buff;

/**
 * union ipvl_tun - a TUN real server's tunnel, in one word
 * @type: IP_VS_CONN_F_TUNNEL_TYPE_*
 * @flags: IP_VS_TUNNEL_ENCAP_FLAG_* (netlink_svc.c allows 0 to 2)
 * @port: GUE's UDP port, network order
 * @word: the three, as an edit writes them and a packet reads them: once
 *	(WRITE_ONCE, READ_ONCE), so that one packet's header length, GSO type
 *	and header all come from one configuration
 */
union ipvl_tun {
	struct {
		u8 type;
		u8 flags;
		__be16 port;
	};
	u32 word;
};

/* Bytes after the outer header, for this packet. */
unsigned int ipvl_tun_hlen(const union ipvl_tun *tun,
			   const struct sk_buff *skb);
/*
 * The GSO types iptunnel_handle_offloads() adds, for this packet in an
 * outer header of family @outer_af.
 */
int ipvl_tun_gso_type(const union ipvl_tun *tun, const struct sk_buff *skb,
		      u8 outer_af);
/*
 * Push the header in front of the client's packet at skb->data (of IP
 * protocol @inner: IPPROTO_IPIP or IPPROTO_IPV6), after
 * iptunnel_handle_offloads(); @saddr and @daddr are the outer header's,
 * of family @outer_af.  Sets the outer header's @protocol.
 */
int ipvl_tun_push(struct net *net, struct sk_buff *skb,
		  const union ipvl_tun *tun, u8 outer_af,
		  const union nf_inet_addr *saddr,
		  const union nf_inet_addr *daddr, u8 inner, u8 *protocol);

#endif /* _IPVL_TUNNEL_H */
