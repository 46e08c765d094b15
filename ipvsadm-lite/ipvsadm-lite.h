/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IPVSADM_LITE_H
#define IPVSADM_LITE_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/ipvs_lite.h>

#define PROG_NAME	"ipvsadm-lite"
#define PROG_VERSION	"0.1.0"

/* Exit statuses, as ipvsadm's. */
#define EXIT_USAGE	2	/* bad command line */
#define EXIT_KERNEL	255	/* the kernel refused */

struct nl_ctx;
struct nl_msg;

/* nl.c: one generic netlink socket bound to the family. */
struct nl_ctx *nlx_open(const char *family);
void nlx_close(struct nl_ctx *nl);
struct nl_msg *nlx_msg(struct nl_ctx *nl, uint8_t cmd, int flags);
/*
 * Send @msg (consumed) and hand each reply to @cb.  Returns 0 or a negative
 * errno; on a kernel error its extack message, if any, is in nlx_extack().
 */
int nlx_talk(struct nl_ctx *nl, struct nl_msg *msg,
	     int (*cb)(struct nl_msg *reply, void *arg), void *arg);
const char *nlx_extack(const struct nl_ctx *nl);

struct ipvs_timeouts {
	uint32_t tcp, tcp_fin, udp;
};

struct ipvs_info {
	uint32_t version;
	uint32_t conn_tab_size;
};

/* print.c */
void print_timeouts(const struct ipvs_timeouts *t);
void print_version_line(const struct ipvs_info *info);

#endif
