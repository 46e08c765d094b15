/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IPVSADM_LITE_PRINT_H
#define IPVSADM_LITE_PRINT_H

#include <stdbool.h>

#include "objects.h"

struct ipvs_info;

/* Listing formats. */
#define FMT_NUMERIC		0x0001
#define FMT_RULE		0x0002
#define FMT_STATS		0x0004
#define FMT_RATE		0x0008
#define FMT_THRESHOLDS		0x0010
#define FMT_PERSISTENTCONN	0x0020
#define FMT_NOSORT		0x0040
#define FMT_EXACT		0x0080
#define FMT_TUN_INFO		0x0100
#define FMT_JSON		0x0200

/* print.c */
void print_timeouts(const struct timeouts *t, unsigned int format);
void print_conn_title(void);
void print_conn_line(const char *proto, const char *expire,
		     const char *state, const char *c, const char *v,
		     const char *d);
void print_conns(const struct conn *conns, int n, unsigned int format);
void print_status(const struct status *st, unsigned int format);
void print_daemons(const struct daemon *daemons, int n, unsigned int format);
void print_services(struct svc *svcs, int n, unsigned int format,
		    const struct ipvs_info *info, bool one);

#endif
