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

#include "command.h"
#include "ipvs.h"
#include "options.h"
#include "print.h"
#include "values.h"

/* As ipvsadm's messages name commands and options. */
static const char *const cmd_names[] = {
	[CMD_ADD] = "add-service", [CMD_EDIT] = "edit-service",
	[CMD_DEL] = "delete-service", [CMD_FLUSH] = "flush",
	[CMD_LIST] = "list", [CMD_ADDDEST] = "add-server",
	[CMD_DELDEST] = "delete-server", [CMD_EDITDEST] = "edit-server",
	[CMD_TIMEOUT] = "set", [CMD_STARTDAEMON] = "start-daemon",
	[CMD_STOPDAEMON] = "stop-daemon", [CMD_RESTORE] = "restore",
	[CMD_SAVE] = "save", [CMD_ZERO] = "zero",
};

static const char *const opt_names[OPTC_NUM] = {
	"numeric", "connection", "service-address", "scheduler", "persistent",
	"netmask", "real-server", "forwarding-method", "weight",
	"u-threshold", "l-threshold", "mcast-interface", "timeout", "daemon",
	"stats", "rate", "thresholds", "persistent-conn", "nosort", "syncid",
	"exact", "ops", "pe", "sched-flags", "mcast-group", "mcast-port",
	"mcast-ttl", "sync-maxlen", "tun-info", "tun-type", "tun-port",
	"tun-nocsum", "tun-csum", "tun-remcsum",
};

static const char *cmd_name(enum cmd cmd)
{
	return cmd > CMD_NONE && cmd <= CMD_MAX ? cmd_names[cmd] : "?";
}

/*
 * Which options each command takes: @need must all be there, @allow may
 * be, @one_of may be but only one of them; anything else is refused.
 */
struct cmd_rule {
	unsigned long long need, allow, one_of;
};

#define TUN_OPTS (OPT(OPTC_TUN_TYPE) | OPT(OPTC_TUN_PORT) | \
		  OPT(OPTC_TUN_NOCSUM) | OPT(OPTC_TUN_CSUM) | \
		  OPT(OPTC_TUN_REMCSUM))
#define SVC_OPTS (OPT(OPTC_SCHEDULER) | OPT(OPTC_PERSISTENT) | \
		  OPT(OPTC_NETMASK) | OPT(OPTC_ONEPACKET) | OPT(OPTC_PE) | \
		  OPT(OPTC_SCHED_FLAGS))
#define DEST_OPTS (OPT(OPTC_FORWARD) | OPT(OPTC_WEIGHT) | \
		   OPT(OPTC_UTHRESHOLD) | OPT(OPTC_LTHRESHOLD) | TUN_OPTS)

static const struct cmd_rule cmd_rules[] = {
	[CMD_ADD] = { .need = OPT(OPTC_SERVICE), .allow = SVC_OPTS },
	[CMD_EDIT] = { .need = OPT(OPTC_SERVICE), .allow = SVC_OPTS },
	[CMD_DEL] = { .need = OPT(OPTC_SERVICE) },
	[CMD_LIST] = {
		.allow = OPT(OPTC_NUMERIC) | OPT(OPTC_STATS) | OPT(OPTC_RATE) |
			 OPT(OPTC_THRESHOLDS) | OPT(OPTC_PERSISTENTCONN) |
			 OPT(OPTC_NOSORT) | OPT(OPTC_SYNCID) |
			 OPT(OPTC_EXACT) | OPT(OPTC_TUN_INFO),
		.one_of = OPT(OPTC_CONNECTION) | OPT(OPTC_SERVICE) |
			  OPT(OPTC_TIMEOUT) | OPT(OPTC_DAEMON),
	},
	[CMD_ADDDEST] = { .need = OPT(OPTC_SERVICE) | OPT(OPTC_SERVER),
			  .allow = DEST_OPTS },
	[CMD_DELDEST] = { .need = OPT(OPTC_SERVICE) | OPT(OPTC_SERVER) },
	[CMD_EDITDEST] = { .need = OPT(OPTC_SERVICE) | OPT(OPTC_SERVER),
			   .allow = DEST_OPTS },
	[CMD_SAVE] = { .allow = OPT(OPTC_NUMERIC) },
	[CMD_ZERO] = { .allow = OPT(OPTC_SERVICE) },
};

/* Tunnel types and the options each needs (port) or takes (checksums). */
static const char *const tun_names[] = { "ipip", "gue", "gre" };
static const struct cmd_rule tun_rules[] = {
	[IP_VS_CONN_F_TUNNEL_TYPE_IPIP] = { 0 },
	[IP_VS_CONN_F_TUNNEL_TYPE_GUE] = {
		.need = OPT(OPTC_TUN_PORT),
		.one_of = OPT(OPTC_TUN_NOCSUM) | OPT(OPTC_TUN_CSUM) |
			  OPT(OPTC_TUN_REMCSUM),
	},
	[IP_VS_CONN_F_TUNNEL_TYPE_GRE] = {
		.one_of = OPT(OPTC_TUN_NOCSUM) | OPT(OPTC_TUN_CSUM),
	},
};

int fail_with(struct failure *f, int status, const char *fmt, ...)
{
	va_list ap;

	f->status = status;
	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof(f->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Check @opts against @rule, options in ipvsadm's order, the first problem
 * reported; @what and @kind name the command or tunnel type in messages.
 */
static int check_rule(const struct cmd_rule *rule, unsigned long long opts,
		      unsigned long long scope, const char *what,
		      const char *kind, struct failure *f)
{
	int j, last = -1;

	for (j = 0; j < OPTC_NUM; j++) {
		unsigned long long bit = OPT(j);

		if (!(scope & bit))
			continue;
		if (!(opts & bit)) {
			if (rule->need & bit)
				return fail_with(f, EXIT_USAGE,
						 "You need to supply the '%s' option for the '%s' %s",
						 opt_names[j], what, kind);
			continue;
		}
		if (!((rule->need | rule->allow | rule->one_of) & bit))
			return fail_with(f, EXIT_USAGE,
					 "Illegal '%s' option with the '%s' %s",
					 opt_names[j], what, kind);
		if (rule->one_of & bit) {
			if (last >= 0)
				return fail_with(f, EXIT_USAGE,
						 "The option '%s' conflicts with the '%s' option in the '%s' %s",
						 opt_names[j], opt_names[last],
						 what, kind);
			last = j;
		}
	}
	return 0;
}

/* One option ---------------------------------------------------------- */

static bool is_prime(long n)
{
	long d;

	if (n < 2)
		return false;
	for (d = 2; d <= n / d; d++)
		if (n % d == 0)
			return false;
	return true;
}

static int set_option(struct command *c, int optc, struct failure *f)
{
	if (optc < 0)
		return 0;
	if (c->options & OPT(optc))
		return fail_with(f, EXIT_USAGE, "multiple '%s' options specified",
				 optc < OPTC_NUM ? opt_names[optc] :
				 optc == OPTC_JSON ? "json" :
				 optc == OPTC_FAMILY ? "family" :
				 optc == OPTC_STATE ? "state" :
				 optc == OPTC_CLIENT ? "client" :
				 "mh-table-size");
	c->options |= OPT(optc);
	return 0;
}

static int apply_option(struct command *c, const struct optdef *d,
			const char *arg, char *sched_flags, size_t sf_len,
			struct failure *f)
{
	struct svc tmp;
	long n;
	int found;

	if (set_option(c, d->optc, f))
		return -1;
	c->format |= d->format;

	switch (d->tag) {
	case T_CMD:
		/* A command after the first option. */
		return fail_with(f, EXIT_USAGE, "invalid option `%s'", arg);
	case T_SERVICE:
		c->svc.protocol = d->val;
		if (!(parse_service(arg, &c->svc) & SERVICE_ADDR))
			return fail_with(f, EXIT_USAGE,
					 "illegal virtual server address[:port] specified");
		break;
	case T_FWMARK:
		c->svc.af = AF_INET;
		c->svc.protocol = IPPROTO_TCP;
		return parse_fwmark(arg, &c->svc.fwmark, f);
	case T_SCHED:
		snprintf(c->svc.sched_name, sizeof(c->svc.sched_name), "%s",
			 arg);
		break;
	case T_PE:
		snprintf(c->svc.pe_name, sizeof(c->svc.pe_name), "%s", arg);
		break;
	case T_PERSISTENT:
		c->svc.flags |= IP_VS_SVC_F_PERSISTENT;
		return parse_timeout(arg, 1, MAX_TIMEOUT, &c->svc.timeout, f);
	case T_NETMASK:
		if (c->svc.af != AF_INET6) {
			if (parse_netmask(arg, &c->svc.netmask))
				return fail_with(f, EXIT_USAGE,
						 "illegal virtual server persistent mask specified");
		} else {
			c->svc.netmask = atoi(arg);
			if (c->svc.netmask < 1 || c->svc.netmask > 128)
				return fail_with(f, EXIT_USAGE,
						 "illegal ipv6 netmask specified");
		}
		break;
	case T_REAL:
		tmp = c->svc;
		found = parse_service(arg, &tmp);
		c->dest.af = tmp.af;
		c->dest.addr = tmp.addr;
		c->dest.port = tmp.port;
		if (!(found & SERVICE_ADDR))
			return fail_with(f, EXIT_USAGE,
					 "illegal real server address[:port] specified");
		/* No port given: the service's. */
		if (found == SERVICE_ADDR)
			c->dest.port = c->svc.port;
		break;
	case T_FWD:
		c->dest.fwd = d->val;
		break;
	case T_WEIGHT:
		n = string_to_number(arg, 0, INT_MAX);
		if (n == -1)
			return fail_with(f, EXIT_USAGE,
					 "illegal weight specified");
		c->dest.weight = n;
		break;
	case T_UTHRESH:
	case T_LTHRESH:
		n = string_to_number(arg, 0, INT_MAX);
		if (n == -1)
			return fail_with(f, EXIT_USAGE, "illegal %s specified",
					 d->tag == T_UTHRESH ? "u_threshold" :
							       "l_threshold");
		if (d->tag == T_UTHRESH)
			c->dest.u_threshold = n;
		else
			c->dest.l_threshold = n;
		break;
	case T_IPV6:
		if (!c->svc.fwmark)
			return fail_with(f, EXIT_USAGE, "-6 used before -f\n");
		c->svc.af = AF_INET6;
		c->svc.netmask = 128;
		break;
	case T_ONEPACKET:
		c->svc.flags |= IP_VS_SVC_F_ONEPACKET;
		break;
	case T_SCHED_FLAGS:
		snprintf(sched_flags, sf_len, "%s", arg);
		break;
	case T_TUN_TYPE:
		for (n = 0; n < 3; n++)
			if (!strcmp(arg, tun_names[n]))
				break;
		if (n == 3)
			return fail_with(f, EXIT_USAGE,
					 "illegal tunnel type specified");
		c->dest.tun_type = n;
		break;
	case T_TUN_PORT:
		n = string_to_number(arg, 1, 65535);
		if (n == -1)
			return fail_with(f, EXIT_USAGE,
					 "illegal tunnel port specified");
		c->dest.tun_port = htons(n);
		break;
	case T_TUN_CSUM:
		c->dest.tun_flags |= d->val;
		break;
	case T_FAMILY:
		c->family = arg;
		break;
	case T_MH_SIZE:
		n = string_to_number(arg, MH_SIZE_MIN, MH_SIZE_MAX);
		if (n == -1 || !is_prime(n))
			return fail_with(f, EXIT_USAGE,
					 "--mh-table-size must be a prime from %d to %d",
					 MH_SIZE_MIN, MH_SIZE_MAX);
		c->svc.mh_size = n;
		break;
	case T_STATE:
		for (n = 0; n < IPVS_LITE_S_MAX; n++)
			if (!strcasecmp(arg, state_names[n]))
				break;
		if (n == IPVS_LITE_S_MAX)
			return fail_with(f, EXIT_USAGE,
					 "unknown connection state `%s'", arg);
		c->filter.state = n;
		break;
	case T_CLIENT:
		tmp = c->svc;
		found = parse_service(arg, &tmp);
		if (found != SERVICE_ADDR)
			return fail_with(f, EXIT_USAGE,
					 "illegal client address `%s'", arg);
		c->filter.client_af = tmp.af;
		c->filter.client = tmp.addr;
		break;
	case T_FLAG:
	case T_SORT:
		break;
	}
	return 0;
}

/* The whole line ------------------------------------------------------- */

static int check_command(struct command *c, struct failure *f)
{
	struct svc *svc = &c->svc;
	struct dest *dest = &c->dest;

	if (c->cmd == CMD_ADD || c->cmd == CMD_EDIT) {
		if (!svc->fwmark && !svc->port &&
		    !(svc->flags & IP_VS_SVC_F_PERSISTENT))
			return fail_with(f, EXIT_USAGE,
					 "Zero port specified for non-persistent service");
		if ((svc->flags & IP_VS_SVC_F_ONEPACKET) && !svc->fwmark &&
		    svc->protocol != IPPROTO_UDP)
			return fail_with(f, EXIT_USAGE,
					 "One-Packet Scheduling is only for UDP virtual services");
		if (!svc->sched_name[0])
			strcpy(svc->sched_name, DEF_SCHED);
	}
	if (c->cmd == CMD_ADDDEST || c->cmd == CMD_EDITDEST) {
		/* DR and TUN real servers listen on the service's port. */
		if (!svc->fwmark && (dest->fwd == IP_VS_CONN_F_TUNNEL ||
				     dest->fwd == IP_VS_CONN_F_DROUTE))
			dest->port = svc->port;
		if (dest->af != svc->af && dest->fwd != IP_VS_CONN_F_TUNNEL)
			return fail_with(f, EXIT_USAGE,
					 "Different address family is allowed only for tunneling servers");
		if ((c->options & TUN_OPTS) && dest->fwd != IP_VS_CONN_F_TUNNEL)
			return fail_with(f, EXIT_USAGE,
					 "Tunnel options conflict with forward method");
		if (check_rule(&tun_rules[dest->tun_type], c->options, TUN_OPTS &
			       ~OPT(OPTC_TUN_TYPE), tun_names[dest->tun_type],
			       "tunnel type", f))
			return -1;
	}
	if (c->cmd == CMD_LIST &&
	    (((c->options & (OPT(OPTC_CONNECTION) | OPT(OPTC_TIMEOUT) |
			     OPT(OPTC_DAEMON))) &&
	      (c->options & (OPT(OPTC_STATS) | OPT(OPTC_RATE) |
			     OPT(OPTC_THRESHOLDS)))) ||
	     ((c->options & (OPT(OPTC_TIMEOUT) | OPT(OPTC_DAEMON))) &&
	      (c->options & OPT(OPTC_PERSISTENTCONN)))))
		return fail_with(f, EXIT_USAGE,
				 "options conflicts in the list command");
	return 0;
}

static void command_defaults(struct command *c)
{
	memset(c, 0, sizeof(*c));
	c->dest.weight = 1;
	c->dest.fwd = IP_VS_CONN_F_DROUTE;
	c->svc.netmask = 0xffffffff;
	c->filter.state = -1;
	c->family = IPVS_LITE_GENL_NAME;
}

/* Parse the options and arguments that @s scans into @c. */
static int parse_scanned(struct scan *s, char **argv, struct command *c,
			 struct failure *f)
{
	unsigned long long list_opts;
	char sched_flags[128] = "";
	const struct optdef *d;
	const char *arg;
	int ret;

	/* The first option names the command; --family may come first. */
	do {
		ret = scan_next(s, &d, &arg);
		if (ret != SCAN_OPT)
			return fail_with(f, EXIT_KERNEL,
					 "Try `%s -h' or '%s --help' for more information.",
					 argv[0], argv[0]);
		if (d->tag == T_FAMILY &&
		    apply_option(c, d, arg, NULL, 0, f))
			return -1;
		/* --family's name (c->family) outlives the scan. */
		if (d->tag == T_FAMILY)
			c->family_arg = scan_keep_arg(s);
	} while (d->tag == T_FAMILY);
	if (d->tag != T_CMD)
		return fail_with(f, EXIT_KERNEL,
				 "Try `%s -h' or '%s --help' for more information.",
				 argv[0], argv[0]);
	c->cmd = d->val;
	if (c->cmd == CMD_HELP || c->cmd == CMD_VERSION)
		return 0;

	while ((ret = scan_next(s, &d, &arg)) == SCAN_OPT) {
		if (d->tag == T_CMD)
			arg = scan_bad_option(s);
		if (apply_option(c, d, arg, sched_flags, sizeof(sched_flags),
				 f))
			return -1;
		if (d->tag == T_FAMILY)
			c->family_arg = scan_keep_arg(s);
	}
	if (ret == SCAN_ERROR)
		return fail_with(f, EXIT_KERNEL, "%s: %s", scan_bad_option(s),
				 scan_strerror(s));

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
		if (parse_timeout(t[0], 0, MAX_TIMEOUT, &c->timeouts.tcp, f) ||
		    parse_timeout(t[1], 0, MAX_TIMEOUT, &c->timeouts.tcp_fin,
				  f) ||
		    parse_timeout(t[2], 0, MAX_TIMEOUT, &c->timeouts.udp, f))
			return -1;
	}
	arg = scan_left(s);
	if (arg)
		return fail_with(f, EXIT_USAGE, "unexpected argument %s", arg);

	if (sched_flags[0]) {
		c->svc.flags &= ~(IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 |
				  IP_VS_SVC_F_SCHED3);
		if (parse_sched_flags(c->svc.sched_name, sched_flags,
				      &c->svc.flags, f))
			return -1;
	}

	if ((c->options & OPT(OPTC_MH_SIZE)) &&
	    ((c->cmd != CMD_ADD && c->cmd != CMD_EDIT) ||
	     strcmp(c->svc.sched_name, "mh")))
		return fail_with(f, EXIT_USAGE,
				 "--mh-table-size goes with -A or -E and -s mh");
	if (c->cmd == CMD_STATUS || c->cmd == CMD_CONNMAX) {
		if (c->options & ~(OPT(OPTC_JSON) | OPT(OPTC_FAMILY)) ||
		    (c->cmd == CMD_CONNMAX && (c->options & OPT(OPTC_JSON))))
			return fail_with(f, EXIT_USAGE,
					 "--%s takes no other option",
					 c->cmd == CMD_STATUS ? "status" :
								"conn-max");
		return 0;
	}
	/*
	 * ipvs-lite lists the connections of a service or real server; with
	 * --family IPVS the rules stay ipvsadm's.
	 */
	list_opts = c->options;
	if (c->cmd == CMD_LIST && (list_opts & OPT(OPTC_CONNECTION)) &&
	    strcmp(c->family, IPVS_GENL_NAME))
		list_opts &= ~(OPT(OPTC_SERVICE) | OPT(OPTC_SERVER));
	else if (c->options & (OPT(OPTC_STATE) | OPT(OPTC_CLIENT)))
		return fail_with(f, EXIT_USAGE,
				 "--state and --client go with the list command's -c");
	if (check_rule(&cmd_rules[c->cmd], list_opts, OPT(OPTC_NUM) - 1,
		       cmd_name(c->cmd), "command", f))
		return -1;
	if ((c->options & OPT(OPTC_JSON)) && c->cmd != CMD_LIST)
		return fail_with(f, EXIT_USAGE,
				 "--json goes with the list command");
	return check_command(c, f);
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
	ret = parse_scanned(&s, argv, c, f);
	scan_end(&s);
	return ret;
}

void command_release(struct command *c)
{
	free(c->family_arg);
	c->family_arg = NULL;
}
