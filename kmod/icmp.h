/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: reading ICMP errors (icmp.c).  Packet path, any context; the
 * skb is only read.
 */
#ifndef _IPVL_ICMP_H
#define _IPVL_ICMP_H

#include <linux/types.h>

struct ipvl_tuple;
struct sk_buff;

unsigned int ipvl_icmp_quoted(const struct sk_buff *skb, struct ipvl_tuple *t,
			      unsigned int *qlen);
unsigned int ipvl_icmp_tunnelled(const struct sk_buff *skb,
				 struct ipvl_tuple *t, unsigned int *qoff,
				 __be32 *raddr);
bool ipvl_icmp_csum_ok(struct sk_buff *skb);

#endif /* _IPVL_ICMP_H */
