/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IPVSADM_LITE_NL_H
#define IPVSADM_LITE_NL_H

#include <stdint.h>

/* nl.c: one generic netlink socket bound to the family. */
struct nl_ctx;
struct nl_msg;
struct nl_ctx *nlx_open(const char *family);
void nlx_close(struct nl_ctx *nl);
struct nl_msg *nlx_msg(struct nl_ctx *nl, uint8_t cmd, int flags);
int nlx_talk(struct nl_ctx *nl, struct nl_msg *msg,
	     int (*cb)(struct nl_msg *reply, void *arg), void *arg);
const char *nlx_extack(const struct nl_ctx *nl);

#endif
