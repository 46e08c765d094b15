/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: what the packet path's two families share.  core.c holds
 * the hooks, IPv4's reading of a packet and everything after it that
 * does not depend on the family; core6.c reads IPv6 packets and hands
 * them to the same code.  Softirq, under RCU, as the hooks run.
 */
#ifndef _IPVL_CORE_H
#define _IPVL_CORE_H

#include <linux/skbuff.h>
#include <linux/tcp.h>

#include "ipvs_lite.h"

/**
 * struct ipvl_pkt - what the hooks read from a TCP or UDP packet
 * @t: its addresses, ports and protocol
 * @thoff: offset of the transport header from skb->data
 * @th: a copy of the TCP header (TCP only)
 */
struct ipvl_pkt {
	struct ipvl_tuple t;
	unsigned int thoff;
	struct tcphdr th;
};

/* Sent by us or by the kernel's ip_vs: not for us to touch again. */
static inline bool ipvl_skb_done(const struct sk_buff *skb)
{
#if IS_ENABLED(CONFIG_IP_VS)
	return skb->ipvs_property;
#else
	return false;
#endif
}

/* core.c */
int ipvl_parse_l4(const struct sk_buff *skb, struct ipvl_pkt *p);
struct ipvl_service *ipvl_svc_lookup(struct ipvl_net *in,
				     const struct ipvl_tuple *t, u32 mark);
unsigned int ipvl_in_packet(struct ipvl_net *in, struct sk_buff *skb,
			    const struct ipvl_pkt *p, int err);
unsigned int ipvl_out_packet(struct ipvl_net *in, struct sk_buff *skb,
			     const struct ipvl_pkt *p);
unsigned int ipvl_in_icmp_conn(struct ipvl_net *in, struct sk_buff *skb,
			       const struct ipvl_tuple *t, unsigned int qoff,
			       unsigned int qlen);
unsigned int ipvl_out_icmp_conn(struct ipvl_net *in, struct sk_buff *skb,
				const struct ipvl_tuple *t, unsigned int qoff,
				unsigned int qlen);

/* core6.c */
unsigned int ipvl_in6(struct ipvl_net *in, struct sk_buff *skb);
unsigned int ipvl_out6(struct ipvl_net *in, struct sk_buff *skb);

#endif /* _IPVL_CORE_H */
