/* SPDX-License-Identifier: GPL-2.0 */
/* options.c: the option table, its scanner, and usage(). */
#ifndef IPVSADM_LITE_OPTIONS_H
#define IPVSADM_LITE_OPTIONS_H

#include <stdio.h>

#define PROG_VERSION	"0.2.0"

enum argtype { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL };

enum tag {
	T_CMD,			/* the option names a command */
	T_SERVICE, T_FWMARK, T_SCHED, T_PERSISTENT, T_NETMASK, T_REAL,
	T_FWD, T_WEIGHT, T_UTHRESH, T_LTHRESH, T_FLAG, T_IPV6, T_ONEPACKET,
	T_PE, T_SCHED_FLAGS, T_TUN_TYPE, T_TUN_PORT, T_TUN_CSUM, T_SORT,
	T_FAMILY, T_STATE, T_CLIENT, T_MH_SIZE,
	T_DAEMON,		/* a sync daemon's option: optc says which */
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

/* Where the scan is: popt's context, and what it last handed us. */
struct scan {
	struct poptContext_s *ctx;
	char *arg;		/* the last option's argument, ours to free */
	int err;		/* popt's error, with SCAN_ERROR */
};

enum { SCAN_END, SCAN_OPT, SCAN_ERROR };

/* Scan @argv (argv[0] is the program); 0, or -1 without memory. */
int scan_start(struct scan *s, int argc, char **argv);
/* The next option and its argument (valid until the next call). */
int scan_next(struct scan *s, const struct optdef **d, const char **arg);
/* The last option's argument, kept: the caller frees it. */
char *scan_keep_arg(struct scan *s);
/* With SCAN_ERROR, or an option out of place: the argv element, why. */
const char *scan_bad_option(struct scan *s);
const char *scan_strerror(struct scan *s);
/* After SCAN_END: the arguments left over, one per call, then NULL. */
const char *scan_left(struct scan *s);
void scan_end(struct scan *s);
void usage(FILE *out, const char *prog);

#endif
