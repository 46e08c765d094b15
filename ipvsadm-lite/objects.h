/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the family holds, as the CLI keeps it: services, real servers,
 * their counters, the timeouts, connections, the sync daemons and the
 * status.  Data only.
 */
#ifndef IPVSADM_LITE_OBJECTS_H
#define IPVSADM_LITE_OBJECTS_H

#include <stdint.h>

#include <linux/ipvs_lite.h>
#include <linux/netfilter.h>

struct counters {
	uint64_t conns, inpkts, outpkts, inbytes, outbytes;
	uint64_t cps, inpps, outpps, inbps, outbps;
};

struct dest {
	union nf_inet_addr addr;
	uint16_t port;			/* network order */
	uint16_t af;
	uint32_t fwd;			/* IP_VS_CONN_F_* method */
	int weight;
	uint32_t u_threshold;
	uint32_t l_threshold;
	uint32_t activeconns;
	uint32_t inactconns;
	uint32_t persistconns;
	uint8_t tun_type;
	uint16_t tun_port;		/* network order */
	uint16_t tun_flags;
	struct counters stats;
};

struct svc {
	uint16_t af;
	uint16_t protocol;
	union nf_inet_addr addr;
	uint16_t port;			/* network order */
	uint32_t fwmark;
	char sched_name[IP_VS_SCHEDNAME_MAXLEN];
	char pe_name[IP_VS_PENAME_MAXLEN];
	uint32_t flags;
	uint32_t timeout;
	uint32_t netmask;
	uint32_t mh_size;		/* mh's table size; 0: not given */
	struct counters stats;
	struct dest *dests;
	int num_dests;
};

struct timeouts {
	uint32_t tcp, tcp_fin, udp;
};

/* A tracked connection, as IPVS_LITE_CMD_GET_CONN lists it. */
struct conn {
	uint16_t af;
	uint16_t protocol;
	union nf_inet_addr caddr, vaddr, daddr;
	uint16_t cport, vport, dport;	/* network order */
	uint8_t state;			/* IPVS_LITE_S_* */
	uint32_t fwd;
	uint32_t expires_ms;
};

/* What -c lists: all, or what these filters let through. */
struct conn_filter {
	int state;			/* IPVS_LITE_S_*, or -1 */
	uint16_t client_af;		/* 0: any client */
	union nf_inet_addr client;
};

/*
 * A connection sync daemon: what --start-daemon asks for (zero: the
 * kernel's default, and not sent) or GET_DAEMON reports.
 */
struct daemon {
	uint32_t state;			/* IP_VS_STATE_MASTER or _BACKUP */
	char mcast_ifn[IP_VS_IFNAME_MAXLEN];
	uint32_t syncid;
	uint16_t sync_maxlen;
	uint16_t mcast_af;		/* of mcast_group; 0: none given */
	union nf_inet_addr mcast_group;
	uint16_t mcast_port;		/* host order, as IPVS has it */
	uint8_t mcast_ttl;
};

struct status {
	uint32_t conns;
	uint32_t conn_max;
	uint64_t drops[IPVS_LITE_DROP_MAX];
	uint64_t sync[IPVS_LITE_SYNC_MAX];	/* 0 from older modules */
};

#endif
