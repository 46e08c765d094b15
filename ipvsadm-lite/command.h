/* SPDX-License-Identifier: GPL-2.0 */
/* The command line: commands, options, and one line parsed. */
#ifndef IPVSADM_LITE_COMMAND_H
#define IPVSADM_LITE_COMMAND_H

#include <stdbool.h>
#include <stdio.h>

#include "objects.h"

/* Exit statuses, as ipvsadm's. */
#define EXIT_USAGE	2	/* bad command line */
#define EXIT_KERNEL	255	/* the kernel refused, or popt-style errors */

/* Commands, in ipvsadm's order (its messages name them by this order). */
enum cmd {
	CMD_NONE,
	CMD_ADD,
	CMD_EDIT,
	CMD_DEL,
	CMD_FLUSH,
	CMD_LIST,
	CMD_ADDDEST,
	CMD_DELDEST,
	CMD_EDITDEST,
	CMD_TIMEOUT,
	CMD_STARTDAEMON,
	CMD_STOPDAEMON,
	CMD_RESTORE,
	CMD_SAVE,
	CMD_ZERO,
	CMD_MAX = CMD_ZERO,
	/* Not in ipvsadm's table: handled before it. */
	CMD_HELP,
	CMD_VERSION,
	/* ipvs-lite's own. */
	CMD_STATUS,
	CMD_CONNMAX,
};

/* Options, in ipvsadm's order: bit n is option n of its table. */
enum optc {
	OPTC_NUMERIC,
	OPTC_CONNECTION,
	OPTC_SERVICE,
	OPTC_SCHEDULER,
	OPTC_PERSISTENT,
	OPTC_NETMASK,
	OPTC_SERVER,
	OPTC_FORWARD,
	OPTC_WEIGHT,
	OPTC_UTHRESHOLD,
	OPTC_LTHRESHOLD,
	OPTC_MCAST,
	OPTC_TIMEOUT,
	OPTC_DAEMON,
	OPTC_STATS,
	OPTC_RATE,
	OPTC_THRESHOLDS,
	OPTC_PERSISTENTCONN,
	OPTC_NOSORT,
	OPTC_SYNCID,
	OPTC_EXACT,
	OPTC_ONEPACKET,
	OPTC_PE,
	OPTC_SCHED_FLAGS,
	OPTC_MCAST_GROUP,
	OPTC_MCAST_PORT,
	OPTC_MCAST_TTL,
	OPTC_SYNC_MAXLEN,
	OPTC_TUN_INFO,
	OPTC_TUN_TYPE,
	OPTC_TUN_PORT,
	OPTC_TUN_NOCSUM,
	OPTC_TUN_CSUM,
	OPTC_TUN_REMCSUM,
	OPTC_NUM,
	/* Ours, outside ipvsadm's table. */
	OPTC_JSON = OPTC_NUM,
	OPTC_FAMILY,
	OPTC_STATE,
	OPTC_CLIENT,
	OPTC_MH_SIZE,
};

#define OPT(c)		(1ULL << (c))

#define DEF_SCHED		"wlc"
#define SVC_PERSISTENT_TIMEOUT	(6 * 60)
/*
 * --set's bound on the three timeouts: ipvsadm's MAX_TIMEOUT, 31 days.
 * ipvsadm bounds -p's persistence with the same constant; ipvs-lite's is
 * the module's IPVS_LITE_PERSIST_MAX, today the same number.
 */
#define SET_TIMEOUT_MAX		(86400 * 31)
/* --start-daemon's interface when none is given, as ipvsadm's. */
#define DEF_MCAST_IFN		"eth0"

/* One command line, parsed. */
struct command {
	enum cmd cmd;
	unsigned long long options;
	unsigned int format;
	struct svc svc;
	struct dest dest;
	struct timeouts timeouts;
	struct daemon daemon;		/* --start-daemon, --stop-daemon */
	struct conn_filter filter;
	uint32_t conn_max;
	const char *family;
	char *family_arg;	/* --family's, ours to free */
};

/* Why a command line or a request failed: what to print, how to exit. */
struct failure {
	int status;
	int line;		/* of -R's input, or 0 */
	bool silent;		/* ipvsadm says nothing: msg is for -R only */
	char msg[512];
	char extack[256];	/* the kernel's reason, or "" */
};

int fail_with(struct failure *f, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* command.c */
int parse_command_line(int argc, char **argv, struct command *c,
		       struct failure *f);
void command_release(struct command *c);

#endif
