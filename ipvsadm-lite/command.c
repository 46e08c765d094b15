// SPDX-License-Identifier: GPL-2.0
/*
 * The command line, read as ipvsadm 1.31 reads it: the first option names
 * the command, options may come in any order after it, short options may
 * be bundled (-Ln), arguments left over are the timeouts of --set.  Every
 * failure is returned (struct failure) with ipvsadm's message and exit
 * status, so that -R can say which line failed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "command.h"
#include "ipvs.h"
#include "options.h"
#include "print.h"
#include "values.h"

int fail_with(struct failure *f, int status, const char *fmt, ...)
{
	va_list ap;

	f->status = status;
	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof(f->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* One option ---------------------------------------------------------- */

static int set_option(struct command *c, int optc, struct failure *f)
{
	if (optc < 0)
		return 0;
	if (c->options & OPT(optc))
		return fail_with(f, EXIT_USAGE, "multiple '%s' options specified",
				 opt_name(optc));
	c->options |= OPT(optc);
	return 0;
}

/* -M: a dotted mask (or a host name) for IPv4, a prefix length for IPv6. */
static int set_netmask(struct svc *svc, const char *arg, struct failure *f)
{
	if (svc->af != AF_INET6) {
		if (parse_netmask(arg, &svc->netmask))
			return fail_with(f, EXIT_USAGE,
					 "illegal virtual server persistent mask specified");
		return 0;
	}
	svc->netmask = atoi(arg);
	if (svc->netmask < 1 || svc->netmask > 128)
		return fail_with(f, EXIT_USAGE, "illegal ipv6 netmask specified");
	return 0;
}

static int set_mh_size(struct svc *svc, const char *arg, struct failure *f)
{
	long n = string_to_number(arg, IPVS_LITE_MH_SIZE_MIN,
				  IPVS_LITE_MH_SIZE_MAX);

	if (n == -1 || !ipvs_lite_mh_size_ok(n))
		return fail_with(f, EXIT_USAGE,
				 "--mh-table-size must be a prime from %d to %d",
				 IPVS_LITE_MH_SIZE_MIN, IPVS_LITE_MH_SIZE_MAX);
	svc->mh_size = n;
	return 0;
}

/* An option about the virtual service. */
static int service_option(struct svc *svc, const struct optdef *d,
			  const char *arg, struct failure *f)
{
	switch (d->tag) {
	case T_SERVICE:
		svc->protocol = d->val;
		if (!(parse_service(arg, svc) & SERVICE_ADDR))
			return fail_with(f, EXIT_USAGE,
					 "illegal virtual server address[:port] specified");
		return 0;
	case T_FWMARK:
		svc->af = AF_INET;
		svc->protocol = IPPROTO_TCP;
		return parse_fwmark(arg, &svc->fwmark, f);
	case T_SCHED:
		snprintf(svc->sched_name, sizeof(svc->sched_name), "%s", arg);
		return 0;
	case T_PE:
		snprintf(svc->pe_name, sizeof(svc->pe_name), "%s", arg);
		return 0;
	case T_PERSISTENT:
		svc->flags |= IP_VS_SVC_F_PERSISTENT;
		return parse_timeout(arg, 1, IPVS_LITE_PERSIST_MAX, &svc->timeout,
				     f);
	case T_NETMASK:
		return set_netmask(svc, arg, f);
	case T_IPV6:
		if (!svc->fwmark)
			return fail_with(f, EXIT_USAGE, "-6 used before -f\n");
		svc->af = AF_INET6;
		svc->netmask = 128;
		return 0;
	case T_ONEPACKET:
		svc->flags |= IP_VS_SVC_F_ONEPACKET;
		return 0;
	case T_MH_SIZE:
		return set_mh_size(svc, arg, f);
	default:
		return 0;
	}
}

/* -r: the address, and the port, or (none given) the service's. */
static int set_real_server(struct command *c, const char *arg,
			   struct failure *f)
{
	struct svc tmp = c->svc;
	int found = parse_service(arg, &tmp);

	c->dest.af = tmp.af;
	c->dest.addr = tmp.addr;
	c->dest.port = tmp.port;
	if (!(found & SERVICE_ADDR))
		return fail_with(f, EXIT_USAGE,
				 "illegal real server address[:port] specified");
	if (found == SERVICE_ADDR)
		c->dest.port = c->svc.port;
	return 0;
}

/* -w, -x, -y: a number from 0 to INT_MAX. */
static int set_dest_number(struct dest *dest, enum tag tag, const char *arg,
			   struct failure *f)
{
	long n = string_to_number(arg, 0, INT_MAX);

	if (n == -1)
		return fail_with(f, EXIT_USAGE, "illegal %s specified",
				 tag == T_WEIGHT ? "weight" :
				 tag == T_UTHRESH ? "u_threshold" :
						    "l_threshold");
	if (tag == T_WEIGHT)
		dest->weight = n;
	else if (tag == T_UTHRESH)
		dest->u_threshold = n;
	else
		dest->l_threshold = n;
	return 0;
}

static int set_tun_type(struct dest *dest, const char *arg,
			struct failure *f)
{
	int n = tun_type_by_name(arg);

	if (n < 0)
		return fail_with(f, EXIT_USAGE, "illegal tunnel type specified");
	dest->tun_type = n;
	return 0;
}

/* An option about the real server. */
static int dest_option(struct command *c, const struct optdef *d,
		       const char *arg, struct failure *f)
{
	long n;

	switch (d->tag) {
	case T_REAL:
		return set_real_server(c, arg, f);
	case T_FWD:
		c->dest.fwd = d->val;
		return 0;
	case T_WEIGHT:
	case T_UTHRESH:
	case T_LTHRESH:
		return set_dest_number(&c->dest, d->tag, arg, f);
	case T_TUN_TYPE:
		return set_tun_type(&c->dest, arg, f);
	case T_TUN_PORT:
		n = string_to_number(arg, 1, 65535);
		if (n == -1)
			return fail_with(f, EXIT_USAGE,
					 "illegal tunnel port specified");
		c->dest.tun_port = htons(n);
		return 0;
	case T_TUN_CSUM:
		c->dest.tun_flags |= d->val;
		return 0;
	default:
		return 0;
	}
}

/* --state: a connection state by name, in any case. */
static int set_state(struct conn_filter *filter, const char *arg,
		     struct failure *f)
{
	int n;

	for (n = 0; n < IPVS_LITE_S_MAX; n++)
		if (!strcasecmp(arg, state_names[n]))
			break;
	if (n == IPVS_LITE_S_MAX)
		return fail_with(f, EXIT_USAGE,
				 "unknown connection state `%s'", arg);
	filter->state = n;
	return 0;
}

/* --client: an address, without a port. */
static int set_client(struct command *c, const char *arg, struct failure *f)
{
	struct svc tmp = c->svc;

	if (parse_service(arg, &tmp) != SERVICE_ADDR)
		return fail_with(f, EXIT_USAGE,
				 "illegal client address `%s'", arg);
	c->filter.client_af = tmp.af;
	c->filter.client = tmp.addr;
	return 0;
}

/* --start-daemon's and --stop-daemon's argument: which daemon. */
static int set_daemon_state(struct command *c, const char *arg,
			    struct failure *f)
{
	if (!strcmp(arg, "master"))
		c->daemon.state = IP_VS_STATE_MASTER;
	else if (!strcmp(arg, "backup"))
		c->daemon.state = IP_VS_STATE_BACKUP;
	else if (c->cmd == CMD_STARTDAEMON)
		return fail_with(f, EXIT_USAGE,
				 "illegal start-daemon parameter specified");
	else
		/* sic: ipvsadm's words. */
		return fail_with(f, EXIT_USAGE,
				 "illegal start_daemon specified");
	return 0;
}

/* A number of a sync daemon's option, in [min, max]. */
static int daemon_number(const char *arg, long min, long max,
			 const char *what, long *n, struct failure *f)
{
	*n = string_to_number(arg, min, max);
	if (*n == -1)
		return fail_with(f, EXIT_USAGE, "illegal %s specified", what);
	return 0;
}

/* An option of the sync daemons. */
static int daemon_option(struct daemon *dm, const struct optdef *d,
			 const char *arg, struct failure *f)
{
	long n;

	switch (d->optc) {
	case OPTC_MCAST:
		/* Cut to 15 characters and the NUL, as ipvsadm cuts it. */
		snprintf(dm->mcast_ifn, sizeof(dm->mcast_ifn), "%s", arg);
		return 0;
	case OPTC_SYNCID:
		if (daemon_number(arg, 0, 255, "syncid", &n, f))
			return -1;
		dm->syncid = n;
		return 0;
	case OPTC_SYNC_MAXLEN:
		/* At most what fits in a UDP datagram over IPv4. */
		if (daemon_number(arg, 1, 65535 - 20 - 8, "sync-maxlen", &n, f))
			return -1;
		dm->sync_maxlen = n;
		return 0;
	case OPTC_MCAST_GROUP:
		return parse_mcast_group(arg, dm, f);
	case OPTC_MCAST_PORT:
		if (daemon_number(arg, 1, 65535, "mcast-port", &n, f))
			return -1;
		dm->mcast_port = n;
		return 0;
	case OPTC_MCAST_TTL:
		if (daemon_number(arg, 1, 255, "mcast-ttl", &n, f))
			return -1;
		dm->mcast_ttl = n;
		return 0;
	}
	return 0;
}

static int apply_option(struct command *c, const struct optdef *d,
			const char *arg, char *sched_flags, size_t sf_len,
			struct failure *f)
{
	if (set_option(c, d->optc, f))
		return -1;
	c->format |= d->format;

	switch (d->tag) {
	case T_CMD:
		/* A command after the first option. */
		return fail_with(f, EXIT_USAGE, "invalid option `%s'", arg);
	case T_SERVICE: case T_FWMARK: case T_SCHED: case T_PE:
	case T_PERSISTENT: case T_NETMASK: case T_IPV6: case T_ONEPACKET:
	case T_MH_SIZE:
		return service_option(&c->svc, d, arg, f);
	case T_SCHED_FLAGS:
		/* Read once the scheduler is known. */
		snprintf(sched_flags, sf_len, "%s", arg);
		return 0;
	case T_REAL: case T_FWD: case T_WEIGHT: case T_UTHRESH:
	case T_LTHRESH: case T_TUN_TYPE: case T_TUN_PORT: case T_TUN_CSUM:
		return dest_option(c, d, arg, f);
	case T_FAMILY:
		c->family = arg;
		return 0;
	case T_STATE:
		return set_state(&c->filter, arg, f);
	case T_CLIENT:
		return set_client(c, arg, f);
	case T_DAEMON:
		return daemon_option(&c->daemon, d, arg, f);
	case T_FLAG:
	case T_SORT:
		return 0;
	}
	return 0;
}

/* The whole line ------------------------------------------------------- */

static void command_defaults(struct command *c)
{
	memset(c, 0, sizeof(*c));
	c->dest.weight = 1;
	c->dest.fwd = IP_VS_CONN_F_DROUTE;
	c->svc.netmask = 0xffffffff;
	c->filter.state = -1;
	c->family = IPVS_LITE_GENL_NAME;
}

static int try_help(const char *prog, struct failure *f)
{
	return fail_with(f, EXIT_KERNEL,
			 "Try `%s -h' or '%s --help' for more information.",
			 prog, prog);
}

/* The first option names the command; --family may come before it. */
static int scan_command(struct scan *s, const char *prog, struct command *c,
			struct failure *f)
{
	const struct optdef *d;
	const char *arg;

	for (;;) {
		if (scan_next(s, &d, &arg) != SCAN_OPT)
			return try_help(prog, f);
		if (d->tag != T_FAMILY)
			break;
		if (apply_option(c, d, arg, NULL, 0, f))
			return -1;
		/* --family's name (c->family) outlives the scan. */
		c->family_arg = scan_keep_arg(s);
	}
	if (d->tag != T_CMD)
		return try_help(prog, f);
	c->cmd = d->val;
	if (c->cmd == CMD_STARTDAEMON || c->cmd == CMD_STOPDAEMON)
		return set_daemon_state(c, arg, f);
	return 0;
}

/* The options after the command, in any order. */
static int scan_options(struct scan *s, struct command *c, char *sched_flags,
			size_t sf_len, struct failure *f)
{
	const struct optdef *d;
	const char *arg;
	int ret;

	while ((ret = scan_next(s, &d, &arg)) == SCAN_OPT) {
		if (d->tag == T_CMD)
			arg = scan_bad_option(s);
		if (apply_option(c, d, arg, sched_flags, sf_len, f))
			return -1;
		if (d->tag == T_FAMILY)
			c->family_arg = scan_keep_arg(s);
	}
	if (ret == SCAN_ERROR)
		return fail_with(f, EXIT_KERNEL, "%s: %s", scan_bad_option(s),
				 scan_strerror(s));
	return 0;
}

/* What is left: --conn-max's number, --set's three timeouts, no more. */
static int scan_arguments(struct scan *s, struct command *c,
			  struct failure *f)
{
	const char *arg;

	if (c->cmd == CMD_CONNMAX) {
		long n;

		arg = scan_left(s);
		n = arg ? string_to_number(arg, 1, 1L << 30) : -1;
		if (n < 0)
			return fail_with(f, EXIT_USAGE,
					 "--conn-max needs a number from 1 to %ld",
					 1L << 30);
		c->conn_max = n;
	}
	if (c->cmd == CMD_TIMEOUT) {
		const char *t[3];
		int i;

		for (i = 0; i < 3; i++) {
			t[i] = scan_left(s);
			if (!t[i])
				return fail_with(f, EXIT_USAGE,
						 "--set option requires 3 timeout values");
		}
		if (parse_timeout(t[0], 0, SET_TIMEOUT_MAX, &c->timeouts.tcp,
				  f) ||
		    parse_timeout(t[1], 0, SET_TIMEOUT_MAX,
				  &c->timeouts.tcp_fin, f) ||
		    parse_timeout(t[2], 0, SET_TIMEOUT_MAX, &c->timeouts.udp,
				  f))
			return -1;
	}
	arg = scan_left(s);
	if (arg)
		return fail_with(f, EXIT_USAGE, "unexpected argument %s", arg);
	return 0;
}

/* Parse the options and arguments that @s scans into @c. */
static int parse_scanned(struct scan *s, const char *prog, struct command *c,
			 struct failure *f)
{
	char sched_flags[128] = "";

	if (scan_command(s, prog, c, f))
		return -1;
	if (c->cmd == CMD_HELP || c->cmd == CMD_VERSION)
		return 0;
	if (scan_options(s, c, sched_flags, sizeof(sched_flags), f) ||
	    scan_arguments(s, c, f))
		return -1;
	if (sched_flags[0]) {
		c->svc.flags &= ~(IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 |
				  IP_VS_SVC_F_SCHED3);
		if (parse_sched_flags(c->svc.sched_name, sched_flags,
				      &c->svc.flags, f))
			return -1;
	}
	return check_command_line(c, f);
}

/*
 * Parse @argv (argv[0] is the program) into @c.  Returns 0, or -1 with
 * @f saying what to print and how to exit; command_release() frees what
 * @c holds, either way.
 */
int parse_command_line(int argc, char **argv, struct command *c,
		       struct failure *f)
{
	struct scan s;
	int ret;

	command_defaults(c);
	if (scan_start(&s, argc, argv))
		return fail_with(f, EXIT_KERNEL, "%s", strerror(ENOMEM));
	ret = parse_scanned(&s, argv[0], c, f);
	scan_end(&s);
	return ret;
}

void command_release(struct command *c)
{
	free(c->family_arg);
	c->family_arg = NULL;
}
