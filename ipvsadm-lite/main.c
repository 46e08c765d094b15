// SPDX-License-Identifier: GPL-2.0
/*
 * ipvsadm-lite: configure ipvs-lite (or the kernel's IPVS) with ipvsadm's
 * command line.  command.c reads the line, ipvs.c talks to the kernel,
 * print.c lists; this file runs one command, or a stream of them (-R).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "ipvs.h"
#include "nl.h"
#include "options.h"
#include "print.h"
#include "proc.h"

/* The kernel refused: ipvsadm's words for @err, and the kernel's reason. */
static int kernel_failure(struct nl_ctx *nl, enum cmd cmd, bool listing,
			  int err, int status, struct failure *f)
{
	const char *ext = nlx_extack(nl);

	if (ext)
		snprintf(f->extack, sizeof(f->extack), "%s", ext);
	return fail_with(f, status, "%s", ipvs_strerror(cmd, listing, -err));
}

/*
 * The timeouts or the daemons refused: ipvsadm's list_timeout() and
 * list_daemon() exit 1 without a word, so ipvsadm-lite gives only the
 * kernel's reason, if any; -R, which names the line that failed, gives
 * the error's words as well.
 */
static int silent_failure(struct nl_ctx *nl, int err, struct failure *f)
{
	kernel_failure(nl, CMD_LIST, true, err, 1, f);
	f->silent = true;
	return -1;
}

/* Say why a command failed, as ipvsadm does, with ipvsadm-lite's extras. */
static void print_failure(const struct failure *f)
{
	if (f->line)
		fprintf(stderr, "line %d: %s\n", f->line, f->msg);
	else if (f->msg[0] && !f->silent)
		fprintf(stderr, "%s\n", f->msg);
	if (f->extack[0])
		fprintf(stderr, "kernel reports: %s\n", f->extack);
}

static int list(struct nl_ctx *nl, struct command *c,
		const struct ipvs_info *info, struct failure *f)
{
	struct svc *svcs;
	struct timeouts t;
	int n, ret;

	if (c->options & OPT(OPTC_CONNECTION)) {
		struct conn *conns;

		if (!strcmp(c->family, IPVS_GENL_NAME)) {
			if (c->options & (OPT(OPTC_SERVICE) | OPT(OPTC_SERVER) |
					  OPT(OPTC_STATE) | OPT(OPTC_CLIENT)))
				return fail_with(f, EXIT_USAGE,
						 "connection filters need ipvs-lite");
			return list_proc_conns(c->format, f);
		}
		ret = ipvs_get_conns(nl, c, &conns, &n);
		if (ret)
			return kernel_failure(nl, c->cmd, true, ret, 1, f);
		print_conns(conns, n, c->format);
		free(conns);
		return 0;
	}
	if (c->options & OPT(OPTC_TIMEOUT)) {
		ret = ipvs_get_timeouts(nl, &t);
		if (ret)
			return silent_failure(nl, ret, f);
		print_timeouts(&t, c->format);
		return 0;
	}
	if (c->options & OPT(OPTC_DAEMON)) {
		struct daemon *daemons;

		ret = ipvs_get_daemons(nl, &daemons, &n);
		if (ret)
			return silent_failure(nl, ret, f);
		print_daemons(daemons, n, c->format);
		free(daemons);
		return 0;
	}
	if (c->options & OPT(OPTC_SERVICE)) {
		ret = ipvs_get_service(nl, &c->svc);
		if (ret)
			return kernel_failure(nl, c->cmd, true, ret, 1, f);
		print_services(&c->svc, 1, c->format, info, true);
		free(c->svc.dests);
		return 0;
	}
	ret = ipvs_get_services(nl, &svcs, &n);
	if (ret)
		return kernel_failure(nl, c->cmd, true, ret, 1, f);
	print_services(svcs, n, c->format, info, false);
	free_services(svcs, n);
	return 0;
}

/* Run one parsed command. */
static int run(struct nl_ctx *nl, struct command *c,
	       const struct ipvs_info *info, struct failure *f)
{
	int ret = 0;

	switch (c->cmd) {
	case CMD_LIST:
		return list(nl, c, info, f);
	case CMD_SAVE:
		c->format |= FMT_RULE;
		return list(nl, c, info, f);
	case CMD_FLUSH:
		ret = ipvs_flush(nl);
		break;
	case CMD_ADD:
	case CMD_EDIT:
	case CMD_DEL:
		ret = ipvs_service_cmd(nl, c->cmd, &c->svc);
		break;
	case CMD_ADDDEST:
	case CMD_EDITDEST:
	case CMD_DELDEST:
		ret = ipvs_dest_cmd(nl, c->cmd, &c->svc, &c->dest);
		break;
	case CMD_ZERO:
		ret = ipvs_zero(nl, c->options & OPT(OPTC_SERVICE) ? &c->svc :
								      NULL);
		break;
	case CMD_TIMEOUT:
		ret = ipvs_set_timeouts(nl, &c->timeouts);
		break;
	case CMD_STARTDAEMON:
	case CMD_STOPDAEMON:
		ret = ipvs_daemon_cmd(nl, c->cmd, &c->daemon);
		break;
	case CMD_STATUS: {
		struct status st;

		ret = ipvs_get_status(nl, &st);
		if (!ret)
			print_status(&st, c->format);
		break;
	}
	case CMD_CONNMAX:
		ret = ipvs_set_conn_max(nl, c->conn_max);
		break;
	default:
		return fail_with(f, EXIT_USAGE, "command not supported");
	}
	return ret ? kernel_failure(nl, c->cmd, false, ret, EXIT_KERNEL, f) : 0;
}

/*
 * -R: one command per line of standard input, as ipvsadm -R reads them
 * (blank-separated words), and also with '#' comments and a leading
 * "ipvsadm", which ipvsadm itself refuses.  Each line is parsed whole
 * before it is applied; the first line that fails, on the command line or
 * in the kernel, stops the restore, and the message says which line it
 * was.  The lines before it stay applied, as with ipvsadm.
 */
static int restore(struct nl_ctx *nl, char *prog,
		   const struct ipvs_info *info, struct failure *f)
{
	char line[4096];
	int lineno = 0;

	while (fgets(line, sizeof(line), stdin)) {
		char *words[256], *save = NULL, *w, *hash;
		struct command c;
		int n = 0, failed;

		lineno++;
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		words[n++] = prog;
		for (w = strtok_r(line, " \t\r\n", &save); w;
		     w = strtok_r(NULL, " \t\r\n", &save)) {
			if (n == (int)(sizeof(words) / sizeof(words[0])) - 1)
				return fail_with(f, EXIT_USAGE,
						 "line %d: too many words",
						 lineno);
			words[n++] = w;
		}
		/* Lines that start with the program's name, as in scripts. */
		if (n > 1 && (!strcmp(words[1], "ipvsadm") ||
			      !strcmp(words[1], "ipvsadm-lite"))) {
			memmove(&words[1], &words[2], (n - 2) * sizeof(*words));
			n--;
		}
		if (n == 1)
			continue;
		words[n] = NULL;
		failed = parse_command_line(n, words, &c, f) ||
			 (c.cmd == CMD_RESTORE || c.cmd == CMD_HELP ||
			  c.cmd == CMD_VERSION ?
			  fail_with(f, EXIT_KERNEL,
				    "Try `%s -h' or '%s --help' for more information.",
				    prog, prog) :
			  run(nl, &c, info, f));
		command_release(&c);
		if (failed) {
			f->line = lineno;
			return -1;
		}
	}
	return 0;
}

/*
 * The family's socket, and its version and table size; NULL, when it is
 * not there or refuses us, with ipvsadm's words on stderr.
 */
static struct nl_ctx *open_ipvs(const char *family, struct ipvs_info *info)
{
	struct nl_ctx *nl = nlx_open(family);
	int ret;

	if (!nl) {
		fprintf(stderr, "Can't initialize ipvs: netlink family %s not found\n"
			"Is the %s module loaded?\n", family,
			strcmp(family, IPVS_GENL_NAME) ? "ipvs_lite" :
							 "ip_vs (or ipvs_lite compat_ipvs=1)");
		return NULL;
	}
	ret = ipvs_get_info(nl, info);
	if (ret) {
		/* The family is there but refuses us: ipvsadm's words. */
		fprintf(stderr, "Can't initialize ipvs: %s\n"
			"Are you sure that IP Virtual Server is built in the kernel or as module?\n",
			ipvs_strerror(CMD_NONE, false, ret < 0 ? -ret : EIO));
		if (nlx_extack(nl))
			fprintf(stderr, "kernel reports: %s\n", nlx_extack(nl));
		nlx_close(nl);
		return NULL;
	}
	return nl;
}

/* Parse the command line into @c and run it; the exit status. */
static int ipvsadm_lite(int argc, char **argv, struct command *c)
{
	char *list_all[] = { argv[0], "-L", NULL };
	struct failure f = { 0 };
	struct ipvs_info info;
	struct nl_ctx *nl;
	int ret;

	/* No arguments: list, as ipvsadm does. */
	if (argc == 1) {
		argc = 2;
		argv = list_all;
	}
	if (parse_command_line(argc, argv, c, &f)) {
		fprintf(stderr, "%s\n", f.msg);
		return f.status;
	}
	if (c->cmd == CMD_HELP) {
		usage(stdout, argv[0]);
		return 0;
	}
	if (c->cmd == CMD_VERSION) {
		printf("ipvsadm-lite v" PROG_VERSION
		       " (ipvsadm 1.31's command line, IPVS netlink v%d)\n",
		       IPVS_GENL_VERSION);
		return 0;
	}

	nl = open_ipvs(c->family, &info);
	if (!nl)
		return EXIT_USAGE;
	ret = c->cmd == CMD_RESTORE ? restore(nl, argv[0], &info, &f) :
					run(nl, c, &info, &f);
	nlx_close(nl);
	if (ret) {
		print_failure(&f);
		return f.status;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct command c;
	int status = ipvsadm_lite(argc, argv, &c);

	command_release(&c);
	return status;
}
