// SPDX-License-Identifier: GPL-2.0
/*
 * Is a parsed command one that runs?  ipvsadm's table of the options
 * each command needs, takes or takes one of, the tunnel types' own, and
 * each command's checks, with ipvsadm's messages; then ipvs-lite's own
 * options and commands.
 */
#include <netinet/in.h>
#include <string.h>

#include "check.h"
#include "command.h"

/* Which options each command takes ------------------------------------ */

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

/* An option's name in messages: ipvsadm's, or ours. */
const char *opt_name(int optc)
{
	return optc < OPTC_NUM ? opt_names[optc] :
	       optc == OPTC_JSON ? "json" :
	       optc == OPTC_FAMILY ? "family" :
	       optc == OPTC_STATE ? "state" :
	       optc == OPTC_CLIENT ? "client" :
	       "mh-table-size";
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
#define DAEMON_OPTS (OPT(OPTC_MCAST) | OPT(OPTC_SYNCID) | \
		     OPT(OPTC_MCAST_GROUP) | OPT(OPTC_MCAST_PORT) | \
		     OPT(OPTC_MCAST_TTL) | OPT(OPTC_SYNC_MAXLEN))

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
	[CMD_STARTDAEMON] = { .allow = DAEMON_OPTS },
	[CMD_STOPDAEMON] = { .allow = OPT(OPTC_SYNCID) },
	[CMD_SAVE] = { .allow = OPT(OPTC_NUMERIC) },
	[CMD_ZERO] = { .allow = OPT(OPTC_SERVICE) },
};

/* Tunnel types and the options each needs (port) or takes (checksums). */
#define N_TUN_TYPES	3
static const char *const tun_names[N_TUN_TYPES] = { "ipip", "gue", "gre" };
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

/* A tunnel type by name (IP_VS_CONN_F_TUNNEL_TYPE_*), or -1. */
int tun_type_by_name(const char *name)
{
	int n;

	for (n = 0; n < N_TUN_TYPES; n++)
		if (!strcmp(name, tun_names[n]))
			return n;
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

/* -A and -E: a port or persistence, OPS for UDP, a scheduler. */
static int check_service_command(struct svc *svc, struct failure *f)
{
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
	return 0;
}

/* -a and -e: the port, the family and the tunnel options. */
static int check_dest_command(struct command *c, struct failure *f)
{
	struct svc *svc = &c->svc;
	struct dest *dest = &c->dest;

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
	return check_rule(&tun_rules[dest->tun_type], c->options, TUN_OPTS &
			  ~OPT(OPTC_TUN_TYPE), tun_names[dest->tun_type],
			  "tunnel type", f);
}

/* -L: what cannot be listed together. */
static int check_list_command(unsigned long long opts, struct failure *f)
{
	if (((opts & (OPT(OPTC_CONNECTION) | OPT(OPTC_TIMEOUT) |
		      OPT(OPTC_DAEMON))) &&
	     (opts & (OPT(OPTC_STATS) | OPT(OPTC_RATE) |
		      OPT(OPTC_THRESHOLDS)))) ||
	    ((opts & (OPT(OPTC_TIMEOUT) | OPT(OPTC_DAEMON))) &&
	     (opts & OPT(OPTC_PERSISTENTCONN))))
		return fail_with(f, EXIT_USAGE,
				 "options conflicts in the list command");
	return 0;
}

static int check_command(struct command *c, struct failure *f)
{
	/* --start-daemon: ipvsadm's interface, if none (or "") is given. */
	if (c->cmd == CMD_STARTDAEMON && !c->daemon.mcast_ifn[0])
		strcpy(c->daemon.mcast_ifn, DEF_MCAST_IFN);
	if (c->cmd == CMD_ADD || c->cmd == CMD_EDIT)
		return check_service_command(&c->svc, f);
	if (c->cmd == CMD_ADDDEST || c->cmd == CMD_EDITDEST)
		return check_dest_command(c, f);
	if (c->cmd == CMD_LIST)
		return check_list_command(c->options, f);
	return 0;
}

/* --mh-table-size goes with mh's services. */
static int check_mh_size(struct command *c, struct failure *f)
{
	if ((c->options & OPT(OPTC_MH_SIZE)) &&
	    ((c->cmd != CMD_ADD && c->cmd != CMD_EDIT) ||
	     strcmp(c->svc.sched_name, "mh")))
		return fail_with(f, EXIT_USAGE,
				 "--mh-table-size goes with -A or -E and -s mh");
	return 0;
}

/* ipvs-lite's own commands, --status and --conn-max: on their own. */
static int check_own_command(struct command *c, struct failure *f)
{
	if (c->options & ~(OPT(OPTC_JSON) | OPT(OPTC_FAMILY)) ||
	    (c->cmd == CMD_CONNMAX && (c->options & OPT(OPTC_JSON))))
		return fail_with(f, EXIT_USAGE, "--%s takes no other option",
				 c->cmd == CMD_STATUS ? "status" : "conn-max");
	return 0;
}

/* Which options ipvsadm's commands take, then what each one checks. */
static int check_options(struct command *c, struct failure *f)
{
	unsigned long long opts = c->options;

	/*
	 * ipvs-lite lists the connections of a service or real server; with
	 * --family IPVS the rules stay ipvsadm's.
	 */
	if (c->cmd == CMD_LIST && (opts & OPT(OPTC_CONNECTION)) &&
	    strcmp(c->family, IPVS_GENL_NAME))
		opts &= ~(OPT(OPTC_SERVICE) | OPT(OPTC_SERVER));
	else if (c->options & (OPT(OPTC_STATE) | OPT(OPTC_CLIENT)))
		return fail_with(f, EXIT_USAGE,
				 "--state and --client go with the list command's -c");
	if (check_rule(&cmd_rules[c->cmd], opts, OPT(OPTC_NUM) - 1,
		       cmd_name(c->cmd), "command", f))
		return -1;
	if ((c->options & OPT(OPTC_JSON)) && c->cmd != CMD_LIST)
		return fail_with(f, EXIT_USAGE,
				 "--json goes with the list command");
	return check_command(c, f);
}

/* Is @c, parsed whole, a command that runs? */
int check_command_line(struct command *c, struct failure *f)
{
	if (check_mh_size(c, f))
		return -1;
	if (c->cmd == CMD_STATUS || c->cmd == CMD_CONNMAX)
		return check_own_command(c, f);
	return check_options(c, f);
}
