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
 *   |        (PROTOCOL, ADDR, PORT), SCHED_NAME, FLAGS, TIMEOUT, NETMASK }
 *   +- IPVS_CMD_DEL_SERVICE, GET_SERVICE  { SERVICE: AF, FWMARK |
 *   |        (PROTOCOL, ADDR, PORT) }  (GET_SERVICE: doit, or dump all)
 *   |        -> IPVS_CMD_NEW_SERVICE { SERVICE: ..., STATS, STATS64 }
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
 *   +- IPVS_CMD_SET_CONFIG     { TIMEOUT_* (seconds, 0 = leave as is) }
 *
 * Ports are in network order; addresses are 16 bytes whatever the family.
 *
 * Every command needs CAP_NET_ADMIN in the user namespace that owns the
 * network namespace of the socket.  Rejections carry an extended ACK
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

#endif /* _UAPI_LINUX_IPVS_LITE_H */
