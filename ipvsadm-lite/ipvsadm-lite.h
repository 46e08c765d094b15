/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IPVSADM_LITE_H
#define IPVSADM_LITE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/ipvs_lite.h>
#include <linux/netfilter.h>

#define PROG_VERSION	"0.2.0"

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

/* mh's lookup table: ipvs-lite's default size and the primes it takes. */
#define MH_SIZE_DEFAULT		65537
#define MH_SIZE_MIN		251
#define MH_SIZE_MAX		1048573

#define OPT(c)		(1ULL << (c))

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

#define DEF_SCHED		"wlc"
#define SVC_PERSISTENT_TIMEOUT	(6 * 60)
#define MAX_TIMEOUT		(86400 * 31)

struct counters {
	uint64_t conns, inpkts, outpkts, inbytes, outbytes;
	uint64_t cps, inpps, outpps, inbps, outbps;
};

struct dest {
	union nf_inet_addr addr;
	uint16_t port;			/* network order */
	uint16_t af;
	uint32_t fwd;			/* IP_VS_CONN_F_* method */
	int weight;
	uint32_t u_threshold;
	uint32_t l_threshold;
	uint32_t activeconns;
	uint32_t inactconns;
	uint32_t persistconns;
	uint8_t tun_type;
	uint16_t tun_port;		/* network order */
	uint16_t tun_flags;
	struct counters stats;
};

struct svc {
	uint16_t af;
	uint16_t protocol;
	union nf_inet_addr addr;
	uint16_t port;			/* network order */
	uint32_t fwmark;
	char sched_name[IP_VS_SCHEDNAME_MAXLEN];
	char pe_name[IP_VS_PENAME_MAXLEN];
	uint32_t flags;
	uint32_t timeout;
	uint32_t netmask;
	uint32_t mh_size;		/* mh's table size; 0: not given */
	struct counters stats;
	struct dest *dests;
	int num_dests;
};

struct timeouts {
	uint32_t tcp, tcp_fin, udp;
};

/* A tracked connection, as IPVS_LITE_CMD_GET_CONN lists it. */
struct conn {
	uint16_t af;
	uint16_t protocol;
	union nf_inet_addr caddr, vaddr, daddr;
	uint16_t cport, vport, dport;	/* network order */
	uint8_t state;			/* IPVS_LITE_S_* */
	uint32_t fwd;
	uint32_t expires_ms;
};

/* What -c lists: all, or what these filters let through. */
struct conn_filter {
	int state;			/* IPVS_LITE_S_*, or -1 */
	uint16_t client_af;		/* 0: any client */
	union nf_inet_addr client;
};

struct status {
	uint32_t conns;
	uint32_t conn_max;
	uint64_t drops[IPVS_LITE_DROP_MAX];
};

/* One command line, parsed. */
struct command {
	enum cmd cmd;
	unsigned long long options;
	unsigned int format;
	struct svc svc;
	struct dest dest;
	struct timeouts timeouts;
	struct conn_filter filter;
	uint32_t conn_max;
	const char *family;
};

/* Why a command line or a request failed: what to print, how to exit. */
struct failure {
	int status;
	int line;		/* of -R's input, or 0 */
	char msg[512];
};

int fail_with(struct failure *f, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* parse.c */
int parse_command_line(int argc, char **argv, struct command *c,
		       struct failure *f);
void usage(FILE *out, const char *prog);

/* nl.c: one generic netlink socket bound to the family. */
struct nl_ctx;
struct nl_msg;
struct nl_ctx *nlx_open(const char *family);
void nlx_close(struct nl_ctx *nl);
struct nl_msg *nlx_msg(struct nl_ctx *nl, uint8_t cmd, int flags);
int nlx_talk(struct nl_ctx *nl, struct nl_msg *msg,
	     int (*cb)(struct nl_msg *reply, void *arg), void *arg);
const char *nlx_extack(const struct nl_ctx *nl);

/* ipvs.c: the family's commands. */
struct ipvs_info {
	uint32_t version;
	uint32_t conn_tab_size;
};

int ipvs_get_info(struct nl_ctx *nl, struct ipvs_info *info);
int ipvs_get_timeouts(struct nl_ctx *nl, struct timeouts *t);
int ipvs_set_timeouts(struct nl_ctx *nl, const struct timeouts *t);
int ipvs_get_services(struct nl_ctx *nl, struct svc **svcs, int *n);
int ipvs_get_service(struct nl_ctx *nl, struct svc *svc);
int ipvs_get_dests(struct nl_ctx *nl, struct svc *svc);
int ipvs_service_cmd(struct nl_ctx *nl, enum cmd cmd, const struct svc *svc);
int ipvs_dest_cmd(struct nl_ctx *nl, enum cmd cmd, const struct svc *svc,
		  const struct dest *dest);
int ipvs_zero(struct nl_ctx *nl, const struct svc *svc);
int ipvs_flush(struct nl_ctx *nl);
const char *ipvs_strerror(enum cmd cmd, bool listing, int err);
int ipvs_get_conns(struct nl_ctx *nl, const struct command *c,
		   struct conn **conns, int *n);
int ipvs_get_status(struct nl_ctx *nl, struct status *st);
int ipvs_set_conn_max(struct nl_ctx *nl, uint32_t conn_max);
extern const char *const state_names[IPVS_LITE_S_MAX];
extern const char *const drop_names[IPVS_LITE_DROP_MAX];
void free_services(struct svc *svcs, int n);

/* print.c */
void print_timeouts(const struct timeouts *t, unsigned int format);
void print_conn_title(void);
void print_conn_line(const char *proto, const char *expire,
		     const char *state, const char *c, const char *v,
		     const char *d);
void print_conns(const struct conn *conns, int n, unsigned int format);
void print_status(const struct status *st, unsigned int format);
void print_services(struct svc *svcs, int n, unsigned int format,
		    const struct ipvs_info *info, bool one);

#endif
