// SPDX-License-Identifier: GPL-2.0
/*
 * ipvsadm-lite: configure ipvs-lite (or the kernel's IPVS) with ipvsadm's
 * command line.  One table lists every command and option; the parser and
 * the usage text both come from it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "ipvsadm-lite.h"

enum cmd {
	CMD_NONE,
	CMD_LIST,
	CMD_SET_TIMEOUT,
	CMD_HELP,
	CMD_VERSION,
};

enum opt {
	OPT_NUMERIC = 1 << 0,
	OPT_TIMEOUT = 1 << 1,
	OPT_FAMILY = 1 << 2,
};

/* Command names, as ipvsadm's messages give them. */
static const char *const cmd_names[] = {
	[CMD_NONE] = "none",
	[CMD_LIST] = "list",
	[CMD_SET_TIMEOUT] = "set",
	[CMD_HELP] = "help",
	[CMD_VERSION] = "version",
};

struct optdesc {
	char short_name;	/* 0: long form only */
	const char *long_name;
	enum cmd cmd;		/* a command, or CMD_NONE for an option */
	enum opt opt;
	bool has_arg;
	const char *args;	/* for the usage text */
	const char *help;
};

static const struct optdesc optdescs[] = {
	{ 'L', "list", CMD_LIST, 0, false, NULL,
	  "list the table" },
	{ 'l', NULL, CMD_LIST, 0, false, NULL, NULL },
	{ 0, "set", CMD_SET_TIMEOUT, 0, false, "tcp tcpfin udp",
	  "set connection timeout values (seconds, 0 = unchanged)" },
	{ 'h', "help", CMD_HELP, 0, false, NULL,
	  "display this help message" },
	{ 'v', "version", CMD_VERSION, 0, false, NULL,
	  "show the version" },
	{ 'n', "numeric", CMD_NONE, OPT_NUMERIC, false, NULL,
	  "numeric output of addresses and ports" },
	{ 0, "timeout", CMD_NONE, OPT_TIMEOUT, false, NULL,
	  "output of timeout (tcp tcpfin udp)" },
	{ 0, "family", CMD_NONE, OPT_FAMILY, true, "NAME",
	  "netlink family: " IPVS_LITE_GENL_NAME " (default) or "
	  IPVS_GENL_NAME " for the kernel's ip_vs" },
};

struct cmdline {
	enum cmd cmd;
	const char *cmd_name;
	unsigned int opts;
	const char *family;
	const char *positional[8];
	int n_positional;
};

static void __attribute__((noreturn, format(printf, 2, 3)))
fail(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "%s v%s\nUsage:\n"
		"  %s -L|-l [--timeout] [-n]\n"
		"  %s --set tcp tcpfin udp\n"
		"  %s -h\n\n"
		"Commands and options:\n",
		PROG_NAME, PROG_VERSION, PROG_NAME, PROG_NAME, PROG_NAME);
	for (i = 0; i < sizeof(optdescs) / sizeof(optdescs[0]); i++) {
		const struct optdesc *d = &optdescs[i];
		char name[64];

		if (!d->help)
			continue;
		if (d->short_name && d->long_name)
			snprintf(name, sizeof(name), "--%s -%c %s",
				 d->long_name, d->short_name,
				 d->args ? d->args : "");
		else
			snprintf(name, sizeof(name), "--%s %s", d->long_name,
				 d->args ? d->args : "");
		fprintf(f, "  %-32s %s\n", name, d->help);
	}
}

static const struct optdesc *find_short(char c)
{
	size_t i;

	for (i = 0; i < sizeof(optdescs) / sizeof(optdescs[0]); i++)
		if (optdescs[i].short_name == c)
			return &optdescs[i];
	return NULL;
}

static const struct optdesc *find_long(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(optdescs) / sizeof(optdescs[0]); i++) {
		const char *l = optdescs[i].long_name;

		if (l && strlen(l) == len && !strncmp(l, name, len))
			return &optdescs[i];
	}
	return NULL;
}

static void __attribute__((noreturn)) tryhelp(void)
{
	fprintf(stderr, "Try `%s -h' or '%s --help' for more information.\n",
		PROG_NAME, PROG_NAME);
	exit(EXIT_KERNEL);
}

/* Which options each command allows (ipvsadm's commands_v_options). */
static unsigned int allowed_opts(enum cmd cmd)
{
	switch (cmd) {
	case CMD_LIST:
		return OPT_NUMERIC | OPT_TIMEOUT | OPT_FAMILY;
	case CMD_SET_TIMEOUT:
		return OPT_FAMILY;
	default:
		return 0;
	}
}

static const char *opt_name(unsigned int opt)
{
	size_t i;

	for (i = 0; i < sizeof(optdescs) / sizeof(optdescs[0]); i++)
		if (optdescs[i].opt == opt)
			return optdescs[i].long_name;
	return "?";
}

/*
 * As ipvsadm: the first option (--family aside) names the command (or the line is refused
 * with a pointer to -h); every later one must be an option that command
 * allows.  @name is how the user wrote it, for messages.
 */
static void apply(struct cmdline *cl, const struct optdesc *d,
		  const char *name, const char *arg, bool first)
{
	if (first) {
		if (d->cmd == CMD_NONE)
			tryhelp();
		cl->cmd = d->cmd;
		cl->cmd_name = cmd_names[d->cmd];
		return;
	}
	if (d->cmd != CMD_NONE)
		fail(EXIT_USAGE, "invalid option `%s'", name);
	if (cl->opts & d->opt)
		fail(EXIT_USAGE, "multiple '%s' options specified",
		     d->long_name);
	cl->opts |= d->opt;
	if (d->opt == OPT_FAMILY)
		cl->family = arg;
}

/* An unknown option: a pointer to -h if first, else its name. */
static void __attribute__((noreturn))
unknown(const char *name, bool first)
{
	if (first)
		tryhelp();
	fprintf(stderr, "%s: unknown option\n", name);
	exit(EXIT_KERNEL);
}

static void parse(struct cmdline *cl, int argc, char **argv)
{
	bool first = true;
	unsigned int bad;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const struct optdesc *d;

		if (a[0] == '-' && a[1] == '-' && a[2]) {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			const char *arg = NULL;

			d = find_long(a + 2, len);
			if (!d)
				unknown(a, first);
			if (d->has_arg) {
				if (eq)
					arg = eq + 1;
				else if (i + 1 < argc)
					arg = argv[++i];
				else
					fail(EXIT_KERNEL,
					     "%s: missing argument", a);
			}
			apply(cl, d, a, arg, first && d->opt != OPT_FAMILY);
			first = first && d->opt == OPT_FAMILY;
		} else if (a[0] == '-' && a[1]) {
			for (a++; *a; a++) {
				char name[3] = { '-', *a, '\0' };

				d = find_short(*a);
				if (!d)
					unknown(name, first);
				if (d->has_arg) {
					const char *arg = a[1] ? a + 1 : argv[++i];

					if (!arg)
						fail(EXIT_KERNEL,
						     "%s: missing argument",
						     name);
					apply(cl, d, name, arg, first);
					first = false;
					break;
				}
				apply(cl, d, name, NULL, first);
				first = false;
			}
		} else {
			if (cl->n_positional ==
			    (int)(sizeof(cl->positional) /
				  sizeof(cl->positional[0])))
				fail(EXIT_USAGE, "unexpected argument %s", a);
			cl->positional[cl->n_positional++] = a;
		}
	}

	bad = cl->opts & ~allowed_opts(cl->cmd);
	if (bad)
		fail(EXIT_USAGE, "Illegal '%s' option with the '%s' command",
		     opt_name(bad & -bad), cl->cmd_name);
}

static uint32_t parse_timeout(const char *s)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v > 31UL * 86400)
		fail(EXIT_USAGE, "invalid timeout value `%s' specified", s);
	return (uint32_t)v;
}

static void __attribute__((noreturn))
kernel_fail(const struct nl_ctx *nl, int err)
{
	const char *ext = nlx_extack(nl);

	fprintf(stderr, "%s\n", strerror(-err));
	if (ext)
		fprintf(stderr, "kernel reports: %s\n", ext);
	exit(EXIT_KERNEL);
}

static int info_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IPVS_INFO_ATTR_MAX + 1];
	struct ipvs_info *info = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, IPVS_INFO_ATTR_MAX, NULL) ||
	    !tb[IPVS_INFO_ATTR_VERSION] || !tb[IPVS_INFO_ATTR_CONN_TAB_SIZE])
		return -1;
	info->version = nla_get_u32(tb[IPVS_INFO_ATTR_VERSION]);
	info->conn_tab_size = nla_get_u32(tb[IPVS_INFO_ATTR_CONN_TAB_SIZE]);
	return 0;
}

static int config_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct ipvs_timeouts *t = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, IPVS_CMD_ATTR_MAX, NULL) ||
	    !tb[IPVS_CMD_ATTR_TIMEOUT_TCP] ||
	    !tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN] ||
	    !tb[IPVS_CMD_ATTR_TIMEOUT_UDP])
		return -1;
	t->tcp = nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_TCP]);
	t->tcp_fin = nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]);
	t->udp = nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_UDP]);
	return 0;
}

static int get_info(struct nl_ctx *nl, struct ipvs_info *info)
{
	struct nl_msg *msg = nlx_msg(nl, IPVS_CMD_GET_INFO, 0);

	if (!msg)
		return -ENOMEM;
	return nlx_talk(nl, msg, info_cb, info);
}

static int cmd_list(struct nl_ctx *nl, const struct cmdline *cl)
{
	struct ipvs_timeouts t;
	struct nl_msg *msg;
	int ret;

	if (!(cl->opts & OPT_TIMEOUT))
		fail(EXIT_USAGE, "listing services needs the service table, "
		     "which this version of ipvs-lite does not have yet; "
		     "use -L --timeout");
	msg = nlx_msg(nl, IPVS_CMD_GET_CONFIG, 0);
	if (!msg)
		return -ENOMEM;
	ret = nlx_talk(nl, msg, config_cb, &t);
	if (ret)
		return ret;
	print_timeouts(&t);
	return 0;
}

static int cmd_set_timeout(struct nl_ctx *nl, const struct cmdline *cl)
{
	struct ipvs_timeouts t;
	struct nl_msg *msg;

	/* ipvsadm takes the three values from the arguments left over. */
	if (cl->n_positional < 3)
		fail(EXIT_USAGE, "--set option requires 3 timeout values");
	t.tcp = parse_timeout(cl->positional[0]);
	t.tcp_fin = parse_timeout(cl->positional[1]);
	t.udp = parse_timeout(cl->positional[2]);
	if (cl->n_positional > 3)
		fail(EXIT_USAGE, "unexpected argument %s", cl->positional[3]);

	msg = nlx_msg(nl, IPVS_CMD_SET_CONFIG, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP, t.tcp) ||
	    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, t.tcp_fin) ||
	    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_UDP, t.udp)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return nlx_talk(nl, msg, NULL, NULL);
}

int main(int argc, char **argv)
{
	struct cmdline cl = { .family = IPVS_LITE_GENL_NAME };
	struct ipvs_info info;
	struct nl_ctx *nl;
	int ret;

	parse(&cl, argc, argv);
	if (cl.cmd == CMD_HELP) {
		usage(stdout);
		return 0;
	}
	if (cl.cmd == CMD_VERSION) {
		printf("%s v%s (ipvsadm 1.31 command line, IPVS netlink v%d)\n",
		       PROG_NAME, PROG_VERSION, IPVS_GENL_VERSION);
		return 0;
	}
	if (cl.cmd == CMD_NONE)
		cl.cmd = CMD_LIST;
	if (cl.cmd != CMD_SET_TIMEOUT && cl.n_positional)
		fail(EXIT_USAGE, "unexpected argument %s", cl.positional[0]);

	nl = nlx_open(cl.family);
	if (!nl)
		fail(EXIT_USAGE, "Can't initialize ipvs: netlink family %s "
		     "not found\nIs the ipvs_lite module loaded?", cl.family);
	/* Refuse a family that does not speak IPVS's protocol. */
	ret = get_info(nl, &info);
	if (ret)
		kernel_fail(nl, ret);

	switch (cl.cmd) {
	case CMD_LIST:
		ret = cmd_list(nl, &cl);
		break;
	case CMD_SET_TIMEOUT:
		ret = cmd_set_timeout(nl, &cl);
		break;
	default:
		ret = -EINVAL;
		break;
	}
	if (ret)
		kernel_fail(nl, ret);
	nlx_close(nl);
	return 0;
}
