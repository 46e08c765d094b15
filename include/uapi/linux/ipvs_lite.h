/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ipvs-lite generic netlink API.
 *
 * The family speaks the kernel IPVS family's protocol, version 1: commands,
 * attributes, nesting and semantics are those of <linux/ip_vs.h>, which this
 * header includes rather than repeats.  Only what ipvs-lite adds is declared
 * here: the family name and extensions numbered past IPVS's ranges, so that
 * a message built for the kernel's IPVS means the same thing to ipvs-lite.
 *
 *   family "IPVS_LITE" (or "IPVS" with the module parameter compat_ipvs=1)
 *   |
 *   +- IPVS_CMD_NEW_SERVICE, SET_SERVICE  { SERVICE: AF, FWMARK |
 *   |        (PROTOCOL, ADDR, PORT), SCHED_NAME, FLAGS, TIMEOUT, NETMASK,
 *   |        [IPVS_LITE_CMD_ATTR_MH_SIZE] }
 *   +- IPVS_CMD_DEL_SERVICE, GET_SERVICE  { SERVICE: AF, FWMARK |
 *   |        (PROTOCOL, ADDR, PORT) }  (GET_SERVICE: doit, or dump all)
 *   |        -> IPVS_CMD_NEW_SERVICE { SERVICE: ..., STATS, STATS64,
 *   |             [IPVS_LITE_CMD_ATTR_MH_SIZE (mh, not in compat mode)] }
 *   +- IPVS_CMD_NEW_DEST, SET_DEST        { SERVICE: identity,
 *   |        DEST: ADDR, PORT, [ADDR_FAMILY], FWD_METHOD, WEIGHT,
 *   |        U_THRESH, L_THRESH, [TUN_TYPE, TUN_PORT, TUN_FLAGS] }
 *   +- IPVS_CMD_DEL_DEST                  { SERVICE: identity,
 *   |        DEST: ADDR, PORT, [ADDR_FAMILY] }
 *   +- IPVS_CMD_GET_DEST (dump)           { SERVICE: identity }
 *   |        -> IPVS_CMD_NEW_DEST { DEST: ..., ACTIVE_CONNS, INACT_CONNS,
 *   |                                 PERSIST_CONNS, STATS, STATS64 }
 *   +- IPVS_CMD_ZERO                      { [SERVICE: identity] }
 *   +- IPVS_CMD_FLUSH
 *   +- IPVS_CMD_GET_INFO    -> IPVS_CMD_SET_INFO   { VERSION, CONN_TAB_SIZE }
 *   +- IPVS_CMD_GET_CONFIG  -> IPVS_CMD_SET_CONFIG { TIMEOUT_TCP,
 *   |                                                TIMEOUT_TCP_FIN,
 *   |                                                TIMEOUT_UDP }
 *   +- IPVS_CMD_SET_CONFIG     { TIMEOUT_* (seconds, 0 = leave as is),
 *   |                            [IPVS_LITE_CMD_ATTR_CONN_MAX] }
 *   |
 *   |  Extensions:
 *   +- IPVS_LITE_CMD_GET_CONN (dump)  { [SERVICE: identity],
 *   |        [DEST: ADDR, [PORT]], [IPVS_LITE_CMD_ATTR_CONN_FILTER:
 *   |        STATE, CLIENT] }
 *   |        -> IPVS_LITE_CMD_NEW_CONN { IPVS_LITE_CMD_ATTR_CONN: AF,
 *   |             PROTOCOL, CADDR, CPORT, VADDR, VPORT, DADDR, DPORT,
 *   |             STATE, FWD_METHOD, EXPIRES }
 *   +- IPVS_LITE_CMD_GET_STATUS  -> IPVS_LITE_CMD_GET_STATUS
 *   |        { IPVS_LITE_CMD_ATTR_STATUS: CONNS, CONN_MAX, DROPS: { one
 *   |          u64 per IPVS_LITE_DROP_* reason, numbered reason + 1 },
 *   |          SYNC: { one u64 per IPVS_LITE_SYNC_*, numbered so too } }
 *   +- IPVS_CMD_NEW_DAEMON  { DAEMON: STATE, MCAST_IFN, SYNC_ID,
 *   |        [SYNC_MAXLEN, MCAST_GROUP | MCAST_GROUP6, MCAST_PORT,
 *   |        MCAST_TTL] }                     (IPVS's, as ip_vs has them)
 *   +- IPVS_CMD_DEL_DAEMON  { DAEMON: STATE }
 *   +- IPVS_CMD_GET_DAEMON (dump) -> IPVS_CMD_NEW_DAEMON { DAEMON: every
 *   |        attribute above, for each daemon running: master, backup }
 *
 * Ports are in network order; addresses are 16 bytes whatever the family.
 *
 * Every command needs CAP_NET_ADMIN in the initial user namespace (or,
 * with the module parameter allow_userns=1, in the user namespace that
 * owns the socket's network namespace).  Rejections carry an extended ACK
 * message.
 */
#ifndef _UAPI_LINUX_IPVS_LITE_H
#define _UAPI_LINUX_IPVS_LITE_H

#include <linux/ip_vs.h>

#define IPVS_LITE_GENL_NAME	"IPVS_LITE"
#define IPVS_LITE_GENL_VERSION	IPVS_GENL_VERSION

/* First command and first top-level attribute number of our extensions. */
#define IPVS_LITE_CMD_BASE	64
#define IPVS_LITE_ATTR_BASE	64

enum {
	IPVS_LITE_CMD_GET_CONN = IPVS_LITE_CMD_BASE,	/* dump connections */
	IPVS_LITE_CMD_NEW_CONN,		/* one connection, in dump replies */
	IPVS_LITE_CMD_GET_STATUS,	/* table size, bound, drop counters */
	__IPVS_LITE_CMD_MAX,
};

/* Top-level attributes of the extensions. */
enum {
	IPVS_LITE_CMD_ATTR_CONN = IPVS_LITE_ATTR_BASE,	/* nest: CONN_ATTR */
	IPVS_LITE_CMD_ATTR_CONN_FILTER,	/* nest: FILTER_ATTR */
	IPVS_LITE_CMD_ATTR_CONN_MAX,	/* u32: connections per namespace */
	IPVS_LITE_CMD_ATTR_STATUS,	/* nest: STATUS_ATTR */
	IPVS_LITE_CMD_ATTR_MH_SIZE,	/* u32: mh's table size, a prime */
	__IPVS_LITE_CMD_ATTR_MAX,
};

#define IPVS_LITE_CMD_ATTR_MAX	(__IPVS_LITE_CMD_ATTR_MAX - 1)

/*
 * mh's lookup table (IPVS_LITE_CMD_ATTR_MH_SIZE): a prime from MIN to MAX,
 * DEFAULT when a service gives none.  IPVS's is 4093, fixed.
 */
#define IPVS_LITE_MH_SIZE_MIN		251
#define IPVS_LITE_MH_SIZE_MAX		1048573
#define IPVS_LITE_MH_SIZE_DEFAULT	65537

/* Is @n a table size mh takes?  One check, for the module and the CLI. */
static __inline__ int ipvs_lite_mh_size_ok(__u32 n)
{
	__u32 d;

	if (n < IPVS_LITE_MH_SIZE_MIN || n > IPVS_LITE_MH_SIZE_MAX)
		return 0;
	for (d = 2; d <= n / d; d++)
		if (n % d == 0)
			return 0;
	return 1;
}

/* The longest persistence timeout, seconds: 31 days, as ipvsadm's. */
#define IPVS_LITE_PERSIST_MAX		(31 * 24 * 60 * 60)

/* A connection. */
enum {
	IPVS_LITE_CONN_ATTR_UNSPEC,
	IPVS_LITE_CONN_ATTR_AF,		/* u16 */
	IPVS_LITE_CONN_ATTR_PROTOCOL,	/* u16 */
	IPVS_LITE_CONN_ATTR_CADDR,	/* client address, 16 bytes */
	IPVS_LITE_CONN_ATTR_CPORT,	/* u16, network order */
	IPVS_LITE_CONN_ATTR_VADDR,	/* virtual address */
	IPVS_LITE_CONN_ATTR_VPORT,
	IPVS_LITE_CONN_ATTR_DADDR,	/* real server address */
	IPVS_LITE_CONN_ATTR_DPORT,
	IPVS_LITE_CONN_ATTR_STATE,	/* u8: IPVS_LITE_S_* */
	IPVS_LITE_CONN_ATTR_FWD_METHOD,	/* u32: IP_VS_CONN_F_* method */
	IPVS_LITE_CONN_ATTR_EXPIRES,	/* u32: milliseconds left */
	__IPVS_LITE_CONN_ATTR_MAX,
};

#define IPVS_LITE_CONN_ATTR_MAX	(__IPVS_LITE_CONN_ATTR_MAX - 1)

/* What GET_CONN lists, besides its SERVICE and DEST filters. */
enum {
	IPVS_LITE_FILTER_ATTR_UNSPEC,
	IPVS_LITE_FILTER_ATTR_STATE,	/* u8: IPVS_LITE_S_* */
	IPVS_LITE_FILTER_ATTR_AF,	/* u16: family of CLIENT */
	IPVS_LITE_FILTER_ATTR_CLIENT,	/* client address, 16 bytes */
	__IPVS_LITE_FILTER_ATTR_MAX,
};

#define IPVS_LITE_FILTER_ATTR_MAX	(__IPVS_LITE_FILTER_ATTR_MAX - 1)

enum {
	IPVS_LITE_STATUS_ATTR_UNSPEC,
	IPVS_LITE_STATUS_ATTR_CONNS,	/* u32: connections now */
	IPVS_LITE_STATUS_ATTR_CONN_MAX,	/* u32: the bound */
	IPVS_LITE_STATUS_ATTR_DROPS,	/* nest: u64 per reason, reason + 1 */
	IPVS_LITE_STATUS_ATTR_PAD,
	IPVS_LITE_STATUS_ATTR_SYNC,	/* nest: u64 per IPVS_LITE_SYNC_*, + 1 */
	__IPVS_LITE_STATUS_ATTR_MAX,
};

#define IPVS_LITE_STATUS_ATTR_MAX	(__IPVS_LITE_STATUS_ATTR_MAX - 1)

/*
 * Connection states: IPVS's TCP states with IPVS's numbers, then UDP's
 * one (IPVS numbers it 0 too; here every state has a number of its own),
 * then a persistence template's once a connection it controls was
 * established (templates are NONE before).
 */
enum {
	IPVS_LITE_S_NONE,
	IPVS_LITE_S_ESTABLISHED,
	IPVS_LITE_S_SYN_SENT,
	IPVS_LITE_S_SYN_RECV,
	IPVS_LITE_S_FIN_WAIT,
	IPVS_LITE_S_TIME_WAIT,
	IPVS_LITE_S_CLOSE,
	IPVS_LITE_S_CLOSE_WAIT,
	IPVS_LITE_S_LAST_ACK,
	IPVS_LITE_S_LISTEN,
	IPVS_LITE_S_SYNACK,
	IPVS_LITE_S_UDP,
	IPVS_LITE_S_ASSURED,
	IPVS_LITE_S_MAX,
};

/*
 * Their names, as /proc/net/ip_vs_conn and ipvsadm -Lnc print them: an
 * initializer for a table of IPVS_LITE_S_MAX strings.
 */
#define IPVS_LITE_STATE_NAMES {				\
	[IPVS_LITE_S_NONE] = "NONE",			\
	[IPVS_LITE_S_ESTABLISHED] = "ESTABLISHED",	\
	[IPVS_LITE_S_SYN_SENT] = "SYN_SENT",		\
	[IPVS_LITE_S_SYN_RECV] = "SYN_RECV",		\
	[IPVS_LITE_S_FIN_WAIT] = "FIN_WAIT",		\
	[IPVS_LITE_S_TIME_WAIT] = "TIME_WAIT",		\
	[IPVS_LITE_S_CLOSE] = "CLOSE",			\
	[IPVS_LITE_S_CLOSE_WAIT] = "CLOSE_WAIT",	\
	[IPVS_LITE_S_LAST_ACK] = "LAST_ACK",		\
	[IPVS_LITE_S_LISTEN] = "LISTEN",		\
	[IPVS_LITE_S_SYNACK] = "SYNACK",		\
	[IPVS_LITE_S_UDP] = "UDP",			\
	[IPVS_LITE_S_ASSURED] = "ASSURED",		\
}

/* Why the data path dropped a packet. */
enum {
	IPVS_LITE_DROP_NO_SERVICE,	/* its connection's service is gone */
	IPVS_LITE_DROP_NO_DEST,		/* no usable real server */
	IPVS_LITE_DROP_TABLE_FULL,	/* connection bound reached */
	IPVS_LITE_DROP_NONSYN_MISS,	/* no SYN, no conn: the local stack's */
	IPVS_LITE_DROP_CHECKSUM,	/* an ICMP error with a bad checksum */
	IPVS_LITE_DROP_MALFORMED,	/* a header too short or inconsistent */
	IPVS_LITE_DROP_TTL,		/* TTL expired (ICMP sent) */
	IPVS_LITE_DROP_TOO_BIG,		/* over the path MTU (ICMP sent) */
	IPVS_LITE_DROP_NOMEM,		/* no memory for a connection or room */
	IPVS_LITE_DROP_XMIT,		/* no route or transmission failed */
	IPVS_LITE_DROP_MAX,
};

/*
 * The connection synchronisation daemons' counters (GET_STATUS's
 * IPVS_LITE_STATUS_ATTR_SYNC): the master's, then the backup's, then why
 * the backup refused what it received, each a message or an entry.
 */
enum {
	IPVS_LITE_SYNC_MSGS_SENT,	/* master: messages sent */
	IPVS_LITE_SYNC_CONNS_SENT,	/* master: entries in them */
	IPVS_LITE_SYNC_SEND_LOST,	/* master: entries lost: queue full,
					 * no memory, the socket refused
					 */
	IPVS_LITE_SYNC_MSGS_RECV,	/* backup: messages received */
	IPVS_LITE_SYNC_CONNS_RECV,	/* backup: entries applied */
	IPVS_LITE_SYNC_R_SHORT,		/* message: shorter than its header,
					 * or than it says
					 */
	IPVS_LITE_SYNC_R_SYNCID,	/* message: another sync ID */
	IPVS_LITE_SYNC_R_VERSION,	/* message or entry: unknown version */
	IPVS_LITE_SYNC_R_ENTRY,		/* entry: truncated, unknown family,
					 * bad option length, option twice
					 */
	IPVS_LITE_SYNC_R_OPTION,	/* entry: unknown mandatory option */
	IPVS_LITE_SYNC_R_FLAGS,		/* entry: flags a backup refuses */
	IPVS_LITE_SYNC_R_PROTOCOL,	/* entry: neither TCP nor UDP */
	IPVS_LITE_SYNC_R_STATE,		/* entry: no such state */
	IPVS_LITE_SYNC_R_NO_DEST,	/* entry: no such service or server */
	IPVS_LITE_SYNC_R_NOMEM,		/* entry: table full, or no memory */
	IPVS_LITE_SYNC_MAX,
};

#endif /* _UAPI_LINUX_IPVS_LITE_H */
