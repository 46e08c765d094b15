/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: each protocol's connection states and timeouts
 * (proto_tcp.c, proto_udp.c).  A protocol is one file; what conn.c asks of
 * it is declared here.
 */
#ifndef _IPVL_PROTO_H
#define _IPVL_PROTO_H

#include <linux/types.h>
#include <uapi/linux/ipvs_lite.h>

struct ipvl_conn;
struct ipvl_net;
struct tcphdr;

/* proto_tcp.c, proto_udp.c */
u8 ipvl_tcp_next_state(struct ipvl_conn *cp, bool reply,
		       const struct tcphdr *th);
unsigned long ipvl_tcp_timeout(const struct ipvl_net *in, u8 state);
unsigned long ipvl_udp_timeout(const struct ipvl_net *in);

/* TCP states that count in a real server's ActiveConn, as IPVS's. */
static inline bool ipvl_tcp_state_active(u8 state)
{
	return state == IPVS_LITE_S_ESTABLISHED ||
	       state == IPVS_LITE_S_SYN_SENT ||
	       state == IPVS_LITE_S_SYN_RECV || state == IPVS_LITE_S_SYNACK;
}

/* How long a connection may stay in @state, in jiffies. */
static inline unsigned long ipvl_state_timeout(const struct ipvl_net *in,
					       u8 state)
{
	return state == IPVS_LITE_S_UDP ? ipvl_udp_timeout(in) :
					  ipvl_tcp_timeout(in, state);
}

#endif /* _IPVL_PROTO_H */
