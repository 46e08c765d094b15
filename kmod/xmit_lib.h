/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: what the transmitters of the two families share (xmit.c,
 * xmit6.c).  Packet path, softirq, under RCU.
 */
#ifndef _IPVL_XMIT_LIB_H
#define _IPVL_XMIT_LIB_H

#include <linux/skbuff.h>
#include <net/netfilter/nf_conntrack.h>

struct dst_entry;
struct ipvl_conn;
struct ipvl_dest;
struct ipvl_dest_dst;
struct ipvl_net;

static inline void ipvl_untrack(struct sk_buff *skb)
{
#if IS_ENABLED(CONFIG_NF_CONNTRACK)
	nf_reset_ct(skb);
	nf_ct_set(skb, NULL, IP_CT_UNTRACKED);
#endif
}

static inline void ipvl_mark_done(struct sk_buff *skb)
{
#if IS_ENABLED(CONFIG_IP_VS)
	skb->ipvs_property = 1;
#endif
}

/* xmit.c */
struct ipvl_dest_dst *ipvl_dest_dst_get(struct net *net,
					struct ipvl_dest *dest, u32 fwd);
unsigned int ipvl_send(struct ipvl_net *in, struct sk_buff *skb,
		       struct dst_entry *dst);
void ipvl_l4_rewrite(struct sk_buff *skb, unsigned int thoff, u8 protocol,
		     u8 af, const union nf_inet_addr *oaddr,
		     const union nf_inet_addr *naddr, __be16 *port,
		     __be16 nport);
unsigned int ipvl_l4_hlen(u8 protocol);
int ipvl_xmit_check(struct sk_buff *skb, unsigned int mtu);
__be16 *ipvl_l4_port(struct sk_buff *skb, unsigned int thoff, bool dest);

/* xmit6.c */
int ipvl_route6(struct net *net, const struct ipvl_dest *dest,
		struct ipvl_dest_dst *dd);
int ipvl_xmit_check6(struct sk_buff *skb, unsigned int mtu);
unsigned int ipvl_xmit6(struct ipvl_net *in, struct sk_buff *skb,
			struct ipvl_conn *cp, struct ipvl_dest_dst *dd);
unsigned int ipvl_nat_reply6(struct ipvl_net *in, struct sk_buff *skb,
			     struct ipvl_conn *cp, unsigned int thoff);
unsigned int ipvl_xmit_icmp6(struct ipvl_net *in, struct sk_buff *skb,
			     struct ipvl_conn *cp, unsigned int qoff,
			     unsigned int qlen);
unsigned int ipvl_nat_reply_icmp6(struct ipvl_net *in, struct sk_buff *skb,
				  struct ipvl_conn *cp, unsigned int qoff,
				  unsigned int qlen);

#endif /* _IPVL_XMIT_LIB_H */
