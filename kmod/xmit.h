/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: the transmitters (xmit.c): forwarding by DR, NAT and TUN,
 * the NAT replies' rewrite, and each destination's cached route.
 *
 * Lifetime: a destination's route (&ipvl_dest.dest_dst) is replaced under
 * its dst_lock and freed after a grace period; the packet path uses it
 * under RCU without a reference of its own.
 */
#ifndef _IPVL_XMIT_H
#define _IPVL_XMIT_H

#include <linux/rcupdate.h>
#include <linux/types.h>
#include <uapi/linux/netfilter.h>

struct dst_entry;
struct ipvl_conn;
struct ipvl_dest;
struct ipvl_net;
struct sk_buff;

/**
 * struct ipvl_dest_dst - a destination's cached route
 * @dst: the route, one reference held
 * @saddr: the source address the route chose, for tunnels
 * @cookie: what dst_check() asks of an IPv6 route (0 for IPv4)
 * @fwd: the forwarding method it was looked up for
 * @local: the route is to one of the director's own addresses
 * @rcu: for freeing after a grace period
 *
 * The packet path uses @dst without a reference of its own, under RCU:
 * a route is freed only a grace period after its last reference goes.
 */
struct ipvl_dest_dst {
	struct dst_entry *dst;
	union nf_inet_addr saddr;
	u32 cookie;
	u32 fwd;
	bool local;
	struct rcu_head rcu;
};

/* xmit.c */
unsigned int ipvl_xmit(struct ipvl_net *in, struct sk_buff *skb,
		       struct ipvl_conn *cp);
unsigned int ipvl_xmit_icmp(struct ipvl_net *in, struct sk_buff *skb,
			    struct ipvl_conn *cp, unsigned int qoff,
			    unsigned int qlen);
unsigned int ipvl_xmit_tun_icmp(struct ipvl_net *in, struct sk_buff *skb,
				struct ipvl_conn *cp, unsigned int qoff,
				unsigned int ioff);
unsigned int ipvl_nat_reply(struct ipvl_net *in, struct sk_buff *skb,
			    struct ipvl_conn *cp, unsigned int thoff);
unsigned int ipvl_nat_reply_icmp(struct ipvl_net *in, struct sk_buff *skb,
				 struct ipvl_conn *cp, unsigned int qoff,
				 unsigned int qlen);
void ipvl_dest_dst_reset(struct ipvl_dest *dest);
void ipvl_dest_dst_release(struct ipvl_dest *dest);

#endif /* _IPVL_XMIT_H */
