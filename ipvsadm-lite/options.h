/* SPDX-License-Identifier: GPL-2.0 */
/* options.c: the option table, its scanner, and usage(). */
#ifndef IPVSADM_LITE_OPTIONS_H
#define IPVSADM_LITE_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#define PROG_VERSION	"0.2.0"

enum argtype { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL };

enum tag {
	T_CMD,			/* the option names a command */
	T_SERVICE, T_FWMARK, T_SCHED, T_PERSISTENT, T_NETMASK, T_REAL,
	T_FWD, T_WEIGHT, T_UTHRESH, T_LTHRESH, T_FLAG, T_IPV6, T_ONEPACKET,
	T_PE, T_SCHED_FLAGS, T_TUN_TYPE, T_TUN_PORT, T_TUN_CSUM, T_SORT,
	T_FAMILY, T_STATE, T_CLIENT, T_MH_SIZE,
};

struct optdef {
	const char *name;
	char short_name;
	enum argtype arg;
	enum tag tag;
	int val;		/* command, protocol, method, flag ... */
	int optc;		/* option bit it sets, or -1 */
	unsigned int format;	/* listing format it sets */
	const char *args;	/* usage text */
	const char *help;
};

/* Where the scan is: like popt, options and leftover arguments mix. */
struct scan {
	int argc;
	char **argv;
	int next;		/* next argv element */
	const char *bundle;	/* rest of a bundle of short options */
	const char *cur;	/* the argv element being read */
	bool dashdash;		/* after "--": all arguments */
	const char *left[64];
	int nleft;
};

enum {
	SCAN_END, SCAN_OPT, SCAN_UNKNOWN, SCAN_NOARG, SCAN_UNWANTED,
	SCAN_TOOMANY,
};

int scan_next(struct scan *s, const struct optdef **d, const char **arg);
const char *left_arg(struct scan *s, int *i);
void usage(FILE *out, const char *prog);

#endif
