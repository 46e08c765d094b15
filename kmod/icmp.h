/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: reading ICMP errors (icmp.c) and ICMPv6 errors (icmp6.c).
 * Packet path, any context; the skb is only read.
 */
#ifndef _IPVL_ICMP_H
#define _IPVL_ICMP_H

#include <linux/types.h>

struct ipvl_tuple;
struct sk_buff;

/**
 * struct ipvl_icmp_tun - the tunnel packet an ICMP error quotes
 * @qoff: offset of its outer IPv4 header
 * @raddr: the outer header's destination: a real server
 * @type: IP_VS_CONN_F_TUNNEL_TYPE_*, by the outer header's protocol
 * @port: GUE's UDP destination port
 */
struct ipvl_icmp_tun {
	unsigned int qoff;
	__be32 raddr;
	u8 type;
	__be16 port;
};

unsigned int ipvl_icmp_quoted(const struct sk_buff *skb, struct ipvl_tuple *t,
			      unsigned int *qlen);
unsigned int ipvl_icmp_tunnelled(const struct sk_buff *skb,
				 struct ipvl_tuple *t,
				 struct ipvl_icmp_tun *tun);
bool ipvl_icmp_csum_ok(struct sk_buff *skb);

/* icmp6.c */
unsigned int ipvl_icmp6_quoted(const struct sk_buff *skb, unsigned int ioff,
			       struct ipvl_tuple *t, unsigned int *qlen);
bool ipvl_icmp6_csum_ok(struct sk_buff *skb, unsigned int ioff);

#endif /* _IPVL_ICMP_H */
