// SPDX-License-Identifier: GPL-2.0
/*
 * UDP: one state (IPVS_LITE_S_UDP) and --set's timeout for it.  Nothing
 * in a datagram moves a connection's state: every packet just pushes its
 * expiry out (conn.c).
 */
#include "ipvs_lite.h"
#include "proto.h"

/* How long a UDP connection lives past its last packet, in jiffies. */
unsigned long ipvl_udp_timeout(const struct ipvl_net *in)
{
	return (unsigned long)READ_ONCE(in->timeouts.udp) * HZ;
}
