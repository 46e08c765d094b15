/* SPDX-License-Identifier: GPL-2.0 */
/* check.c: is a parsed command one that runs? */
#ifndef IPVSADM_LITE_CHECK_H
#define IPVSADM_LITE_CHECK_H

struct command;
struct failure;

int check_command_line(struct command *c, struct failure *f);
/* An option's name in messages: ipvsadm's, or ours. */
const char *opt_name(int optc);
/* A tunnel type by name (IP_VS_CONN_F_TUNNEL_TYPE_*), or -1. */
int tun_type_by_name(const char *name);

#endif
