/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: the tunnel header between a TUN packet's outer IPv4 header
 * and the client's packet (tunnel.c), by the real server's tunnel type.
 * Softirq; @dest is the connection's, held by it.
 */
#ifndef _IPVL_TUNNEL_H
#define _IPVL_TUNNEL_H

#include <linux/types.h>

struct ipvl_dest;
struct net;
struct sk_buff;

/* Bytes after the outer IPv4 header, for this packet. */
unsigned int ipvl_tun_hlen(const struct ipvl_dest *dest,
			   const struct sk_buff *skb);
/* The GSO types iptunnel_handle_offloads() adds, for this packet. */
int ipvl_tun_gso_type(const struct ipvl_dest *dest,
		      const struct sk_buff *skb);
/*
 * Push the header in front of the client's packet at skb->data, after
 * iptunnel_handle_offloads(); @saddr and @daddr are the outer header's.
 * Sets the outer header's @protocol.
 */
int ipvl_tun_push(struct net *net, struct sk_buff *skb,
		  const struct ipvl_dest *dest, __be32 saddr, __be32 daddr,
		  u8 *protocol);

#endif /* _IPVL_TUNNEL_H */
