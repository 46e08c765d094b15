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
 *   +- IPVS_CMD_GET_INFO    -> IPVS_CMD_SET_INFO   { VERSION, CONN_TAB_SIZE }
 *   +- IPVS_CMD_GET_CONFIG  -> IPVS_CMD_SET_CONFIG { TIMEOUT_TCP,
 *   |                                                TIMEOUT_TCP_FIN,
 *   |                                                TIMEOUT_UDP }
 *   +- IPVS_CMD_SET_CONFIG     { TIMEOUT_* (seconds, 0 = leave as is) }
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
