/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers the C tests share: which family to talk to, and running a check
 * in a child process with other credentials or namespaces.
 */
#ifndef IPVL_TESTS_TESTUTIL_H
#define IPVL_TESTS_TESTUTIL_H

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/ipvs_lite.h>

#include "nlmsg.h"

/* IPVS_LITE, unless $IPVL_FAMILY names another (IPVS for compat_ipvs=1). */
static inline const char *family_name(void)
{
	const char *f = getenv("IPVL_FAMILY");

	return f ? f : IPVS_LITE_GENL_NAME;
}

/* A netlink socket in the caller's netns, and the family's id there. */
static inline int open_family(int *fd)
{
	*fd = nl_socket();
	return *fd < 0 ? -1 : genl_family_id(*fd, family_name());
}

/* Run @fn in a child after @prep; the child's exit status, or -1. */
static inline int in_child(int (*prep)(void), int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(prep() ? 100 : fn());
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static inline int drop_to_nobody(void)
{
	return setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534);
}

static inline int new_userns(void)
{
	return unshare(CLONE_NEWUSER);
}

static inline int new_userns_netns(void)
{
	return unshare(CLONE_NEWUSER | CLONE_NEWNET);
}

/* The module parameter that lets user namespaces configure their own. */
static inline int set_allow_userns(int on)
{
	FILE *f = fopen("/sys/module/ipvs_lite/parameters/allow_userns", "w");
	int ret;

	if (!f)
		return -1;
	ret = fprintf(f, "%d\n", on) < 0;
	return fclose(f) || ret ? -1 : 0;
}

#endif
