// SPDX-License-Identifier: GPL-2.0
/*
 * ipvsadm's options: the table (names, arguments, what each sets, the
 * usage text), argv read against it with popt, as ipvsadm reads it, and
 * usage().
 */
#include <arpa/inet.h>
#include <popt.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "options.h"
#include "print.h"

#define STR(x)		XSTR(x)
#define XSTR(x)		#x

static const struct optdef optdefs[] = {
	{ "add-service", 'A', ARG_NONE, T_CMD, CMD_ADD, -1, 0, NULL,
	  "add virtual service with options" },
	{ "edit-service", 'E', ARG_NONE, T_CMD, CMD_EDIT, -1, 0, NULL,
	  "edit virtual service with options" },
	{ "delete-service", 'D', ARG_NONE, T_CMD, CMD_DEL, -1, 0, NULL,
	  "delete virtual service" },
	{ "clear", 'C', ARG_NONE, T_CMD, CMD_FLUSH, -1, 0, NULL,
	  "clear the whole table" },
	{ "restore", 'R', ARG_NONE, T_CMD, CMD_RESTORE, -1, 0, NULL,
	  "restore rules from stdin" },
	{ "save", 'S', ARG_NONE, T_CMD, CMD_SAVE, -1, 0, NULL,
	  "save rules to stdout" },
	{ "add-server", 'a', ARG_NONE, T_CMD, CMD_ADDDEST, -1, 0, NULL,
	  "add real server with options" },
	{ "edit-server", 'e', ARG_NONE, T_CMD, CMD_EDITDEST, -1, 0, NULL,
	  "edit real server with options" },
	{ "delete-server", 'd', ARG_NONE, T_CMD, CMD_DELDEST, -1, 0, NULL,
	  "delete real server" },
	{ "list", 'L', ARG_NONE, T_CMD, CMD_LIST, -1, 0, NULL,
	  "list the table" },
	{ "list", 'l', ARG_NONE, T_CMD, CMD_LIST, -1, 0, NULL, NULL },
	{ "zero", 'Z', ARG_NONE, T_CMD, CMD_ZERO, -1, 0, NULL,
	  "zero counters in a service or all services" },
	{ "set", 0, ARG_NONE, T_CMD, CMD_TIMEOUT, -1, 0, "tcp tcpfin udp",
	  "set connection timeout values" },
	{ "start-daemon", 0, ARG_REQUIRED, T_CMD, CMD_STARTDAEMON, -1, 0,
	  "master|backup", "start connection sync daemon" },
	{ "stop-daemon", 0, ARG_REQUIRED, T_CMD, CMD_STOPDAEMON, -1, 0,
	  "master|backup", "stop connection sync daemon" },
	{ "help", 'h', ARG_NONE, T_CMD, CMD_HELP, -1, 0, NULL,
	  "display this help message" },
	{ "version", 'v', ARG_NONE, T_CMD, CMD_VERSION, -1, 0, NULL,
	  "display the version" },
	{ "tcp-service", 't', ARG_REQUIRED, T_SERVICE, IPPROTO_TCP,
	  OPTC_SERVICE, 0, "service-address", "host[:port], TCP" },
	{ "udp-service", 'u', ARG_REQUIRED, T_SERVICE, IPPROTO_UDP,
	  OPTC_SERVICE, 0, "service-address", "host[:port], UDP" },
	{ "sctp-service", 0, ARG_REQUIRED, T_SERVICE, IPPROTO_SCTP,
	  OPTC_SERVICE, 0, "service-address", "host[:port], SCTP" },
	{ "fwmark-service", 'f', ARG_REQUIRED, T_FWMARK, 0, OPTC_SERVICE, 0,
	  "fwmark", "fwmark is an integer greater than zero" },
	{ "ipv6", '6', ARG_NONE, T_IPV6, 0, -1, 0, NULL,
	  "fwmark entry uses IPv6" },
	{ "scheduler", 's', ARG_REQUIRED, T_SCHED, 0, OPTC_SCHEDULER, 0,
	  "scheduler", "scheduling algorithm, default " DEF_SCHED },
	{ "pe", 0, ARG_REQUIRED, T_PE, 0, OPTC_PE, 0, "engine",
	  "persistence engine" },
	{ "persistent", 'p', ARG_OPTIONAL, T_PERSISTENT, 0, OPTC_PERSISTENT, 0,
	  "[timeout]", "persistent service (default 360 s)" },
	{ "netmask", 'M', ARG_REQUIRED, T_NETMASK, 0, OPTC_NETMASK, 0,
	  "netmask", "persistent granularity mask" },
	{ "real-server", 'r', ARG_REQUIRED, T_REAL, 0, OPTC_SERVER, 0,
	  "server-address", "host (and port)" },
	{ "gatewaying", 'g', ARG_NONE, T_FWD, IP_VS_CONN_F_DROUTE,
	  OPTC_FORWARD, 0, NULL, "gatewaying (direct routing) (default)" },
	{ "ipip", 'i', ARG_NONE, T_FWD, IP_VS_CONN_F_TUNNEL, OPTC_FORWARD, 0,
	  NULL, "ipip encapsulation (tunneling)" },
	{ "masquerading", 'm', ARG_NONE, T_FWD, IP_VS_CONN_F_MASQ,
	  OPTC_FORWARD, 0, NULL, "masquerading (NAT)" },
	{ "tun-type", 0, ARG_REQUIRED, T_TUN_TYPE, 0, OPTC_TUN_TYPE, 0,
	  "type", "one of ipip|gue|gre, default ipip" },
	{ "tun-port", 0, ARG_REQUIRED, T_TUN_PORT, 0, OPTC_TUN_PORT, 0,
	  "port", "tunnel destination port" },
	{ "tun-nocsum", 0, ARG_NONE, T_TUN_CSUM,
	  IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM, OPTC_TUN_NOCSUM, 0, NULL,
	  "tunnel encapsulation without checksum" },
	{ "tun-csum", 0, ARG_NONE, T_TUN_CSUM, IP_VS_TUNNEL_ENCAP_FLAG_CSUM,
	  OPTC_TUN_CSUM, 0, NULL, "tunnel encapsulation with checksum" },
	{ "tun-remcsum", 0, ARG_NONE, T_TUN_CSUM,
	  IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM, OPTC_TUN_REMCSUM, 0, NULL,
	  "tunnel encapsulation with remote checksum" },
	{ "weight", 'w', ARG_REQUIRED, T_WEIGHT, 0, OPTC_WEIGHT, 0, "weight",
	  "capacity of real server" },
	{ "u-threshold", 'x', ARG_REQUIRED, T_UTHRESH, 0, OPTC_UTHRESHOLD, 0,
	  "uthreshold", "upper threshold of connections" },
	{ "l-threshold", 'y', ARG_REQUIRED, T_LTHRESH, 0, OPTC_LTHRESHOLD, 0,
	  "lthreshold", "lower threshold of connections" },
	{ "connection", 'c', ARG_NONE, T_FLAG, 0, OPTC_CONNECTION, 0, NULL,
	  "output of current IPVS connections" },
	{ "timeout", 0, ARG_NONE, T_FLAG, 0, OPTC_TIMEOUT, 0, NULL,
	  "output of timeout (tcp tcpfin udp)" },
	{ "daemon", 0, ARG_NONE, T_FLAG, 0, OPTC_DAEMON, 0, NULL,
	  "output of daemon information" },
	{ "stats", 0, ARG_NONE, T_FLAG, 0, OPTC_STATS, FMT_STATS, NULL,
	  "output of statistics information" },
	{ "rate", 0, ARG_NONE, T_FLAG, 0, OPTC_RATE, FMT_RATE, NULL,
	  "output of rate information" },
	{ "exact", 'X', ARG_NONE, T_FLAG, 0, OPTC_EXACT, FMT_EXACT, NULL,
	  "expand numbers (display exact values)" },
	{ "thresholds", 0, ARG_NONE, T_FLAG, 0, OPTC_THRESHOLDS,
	  FMT_THRESHOLDS, NULL, "output of thresholds information" },
	{ "persistent-conn", 0, ARG_NONE, T_FLAG, 0, OPTC_PERSISTENTCONN,
	  FMT_PERSISTENTCONN, NULL, "output of persistent connection info" },
	{ "tun-info", 0, ARG_NONE, T_FLAG, 0, OPTC_TUN_INFO, FMT_TUN_INFO,
	  NULL, "output of tunnel information" },
	{ "nosort", 0, ARG_NONE, T_FLAG, 0, OPTC_NOSORT, FMT_NOSORT, NULL,
	  "disable sorting output of service/server entries" },
	{ "sort", 0, ARG_NONE, T_SORT, 0, -1, 0, NULL,
	  "does nothing, for backwards compatibility" },
	{ "ops", 'o', ARG_NONE, T_ONEPACKET, 0, OPTC_ONEPACKET, 0, NULL,
	  "one-packet scheduling" },
	{ "numeric", 'n', ARG_NONE, T_FLAG, 0, OPTC_NUMERIC, FMT_NUMERIC, NULL,
	  "numeric output of addresses and ports" },
	{ "sched-flags", 'b', ARG_REQUIRED, T_SCHED_FLAGS, 0, OPTC_SCHED_FLAGS,
	  0, "flags", "scheduler flags (comma-separated)" },
	{ "syncid", 0, ARG_REQUIRED, T_DAEMON, 0, OPTC_SYNCID, 0, "sid",
	  "syncid for connection sync (0 to 255, default 0)" },
	{ "sync-maxlen", 0, ARG_REQUIRED, T_DAEMON, 0, OPTC_SYNC_MAXLEN, 0,
	  "length", "max sync message length (default: the kernel's)" },
	{ "mcast-interface", 0, ARG_REQUIRED, T_DAEMON, 0, OPTC_MCAST, 0,
	  "interface", "multicast interface for connection sync (default "
	  DEF_MCAST_IFN ")" },
	{ "mcast-group", 0, ARG_REQUIRED, T_DAEMON, 0, OPTC_MCAST_GROUP, 0,
	  "address", "IPv4/IPv6 group (default 224.0.0.81)" },
	{ "mcast-port", 0, ARG_REQUIRED, T_DAEMON, 0, OPTC_MCAST_PORT, 0,
	  "port", "UDP port (default 8848)" },
	{ "mcast-ttl", 0, ARG_REQUIRED, T_DAEMON, 0, OPTC_MCAST_TTL, 0, "ttl",
	  "multicast TTL (default 1)" },
	{ "json", 0, ARG_NONE, T_FLAG, 0, OPTC_JSON, FMT_JSON, NULL,
	  "listings as JSON (ipvsadm-lite)" },
	{ "status", 0, ARG_NONE, T_CMD, CMD_STATUS, -1, 0, NULL,
	  "connections, their bound and dropped packets (ipvs-lite)" },
	{ "conn-max", 0, ARG_NONE, T_CMD, CMD_CONNMAX, -1, 0, "number",
	  "bound the connection table (ipvs-lite)" },
	{ "state", 0, ARG_REQUIRED, T_STATE, 0, OPTC_STATE, 0, "state",
	  "with -c: connections in this state (ipvs-lite)" },
	{ "client", 0, ARG_REQUIRED, T_CLIENT, 0, OPTC_CLIENT, 0, "address",
	  "with -c: connections of this client (ipvs-lite)" },
	{ "mh-table-size", 0, ARG_REQUIRED, T_MH_SIZE, 0, OPTC_MH_SIZE, 0,
	  "prime", "with -s mh: lookup table size (ipvs-lite; default "
	  STR(IPVS_LITE_MH_SIZE_DEFAULT) ")" },
	{ "family", 0, ARG_REQUIRED, T_FAMILY, 0, OPTC_FAMILY, 0, "name",
	  "netlink family: IPVS_LITE (default), IPVS for the kernel's ip_vs" },
};

#define N_OPTDEFS	(sizeof(optdefs) / sizeof(optdefs[0]))

/* Scanning ---------------------------------------------------------------- */

/*
 * popt's table for optdefs[]: each option returns its index in optdefs[]
 * plus one, and popt scans argv as it does for ipvsadm, its quirks
 * included: options and leftover arguments mixed, bundles (-Ln), -p's
 * optional argument, "-s=rr" and "--scheduler=", POSIXLY_CORRECT.
 */
static const struct poptOption *popt_table(void)
{
	static struct poptOption table[N_OPTDEFS + 1];
	size_t i;

	if (table[0].longName)
		return table;
	for (i = 0; i < N_OPTDEFS; i++) {
		const struct optdef *d = &optdefs[i];

		table[i].longName = d->name;
		table[i].shortName = d->short_name;
		table[i].argInfo = d->arg == ARG_NONE ? POPT_ARG_NONE :
				   d->arg == ARG_REQUIRED ? POPT_ARG_STRING :
				   POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL;
		table[i].val = i + 1;
	}
	return table;
}

int scan_start(struct scan *s, int argc, char **argv)
{
	s->arg = NULL;
	s->err = 0;
	s->ctx = poptGetContext("ipvsadm", argc, (const char **)argv,
				popt_table(), 0);
	return s->ctx ? 0 : -1;
}

int scan_next(struct scan *s, const struct optdef **d, const char **arg)
{
	int ret;

	free(s->arg);
	s->arg = NULL;
	ret = poptGetNextOpt(s->ctx);
	if (ret == -1)
		return SCAN_END;
	if (ret < 0) {
		s->err = ret;
		return SCAN_ERROR;
	}
	*d = &optdefs[ret - 1];
	*arg = s->arg = poptGetOptArg(s->ctx);
	return SCAN_OPT;
}

char *scan_keep_arg(struct scan *s)
{
	char *arg = s->arg;

	s->arg = NULL;
	return arg;
}

const char *scan_bad_option(struct scan *s)
{
	return poptBadOption(s->ctx, POPT_BADOPTION_NOALIAS);
}

const char *scan_strerror(struct scan *s)
{
	return poptStrerror(s->err);
}

const char *scan_left(struct scan *s)
{
	return poptGetArg(s->ctx);
}

void scan_end(struct scan *s)
{
	free(s->arg);
	s->arg = NULL;
	poptFreeContext(s->ctx);
}

void usage(FILE *out, const char *prog)
{
	size_t i;

	fprintf(out,
		"ipvsadm-lite v" PROG_VERSION " (ipvsadm 1.31's command line)\n"
		"Usage:\n"
		"  %1$s -A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask] [-b sched-flags]\n"
		"  %1$s -D virtual-service\n"
		"  %1$s -C\n"
		"  %1$s -R\n"
		"  %1$s -S [-n]\n"
		"  %1$s -a|e virtual-service -r server-address [options]\n"
		"  %1$s -d virtual-service -r server-address\n"
		"  %1$s -L|l [virtual-service] [options]\n"
		"  %1$s -Z [virtual-service]\n"
		"  %1$s --set tcp tcpfin udp\n"
		"  %1$s --start-daemon master|backup [daemon-options]\n"
		"  %1$s --stop-daemon master|backup [--syncid sid]\n"
		"  %1$s -h\n\n"
		"virtual-service: -t|-u service-address, or -f fwmark\n\n"
		"Commands and options:\n", prog);
	for (i = 0; i < N_OPTDEFS; i++) {
		const struct optdef *d = &optdefs[i];
		char name[64];

		if (!d->help)
			continue;
		if (d->short_name)
			snprintf(name, sizeof(name), "--%s -%c %s", d->name,
				 d->short_name, d->args ? d->args : "");
		else
			snprintf(name, sizeof(name), "--%s %s", d->name,
				 d->args ? d->args : "");
		fprintf(out, "  %-36s %s\n", name, d->help);
	}
}
