// SPDX-License-Identifier: GPL-2.0
/*
 * LD_PRELOAD=build/tests/failnl.so PROGRAM: the kernel refuses a request,
 * as far as PROGRAM can tell.  Each generic netlink reply whose command
 * is IPVL_FAIL_REPLY (one of the names below: SET_CONFIG is the reply to
 * GET_CONFIG, SET_INFO to GET_INFO) becomes, as recvmsg() hands it over,
 * the error the kernel sends instead: -IPVL_FAIL_ERRNO (default EPERM),
 * with IPVL_FAIL_MSG, if set, as its extended ACK message.
 *
 * For what ipvsadm and ipvsadm-lite do when a request fails after the
 * family answered, which no kernel does on its own when asked.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/genetlink.h>
#include <linux/ip_vs.h>
#include <linux/netlink.h>

static const struct {
	const char *name;
	int cmd;
} replies[] = {
	{ "NEW_SERVICE", IPVS_CMD_NEW_SERVICE },
	{ "NEW_DEST", IPVS_CMD_NEW_DEST },
	{ "SET_CONFIG", IPVS_CMD_SET_CONFIG },
	{ "SET_INFO", IPVS_CMD_SET_INFO },
};

static int refused_cmd(void)
{
	const char *name = getenv("IPVL_FAIL_REPLY");
	size_t i;

	for (i = 0; name && i < sizeof(replies) / sizeof(replies[0]); i++)
		if (!strcmp(name, replies[i].name))
			return replies[i].cmd;
	return -1;
}

static int is_genl(int fd)
{
	struct sockaddr_nl sa;
	socklen_t len = sizeof(sa);
	int proto;

	if (getsockname(fd, (struct sockaddr *)&sa, &len) ||
	    sa.nl_family != AF_NETLINK)
		return 0;
	len = sizeof(proto);
	return !getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &len) &&
	       proto == NETLINK_GENERIC;
}

/*
 * @len bytes at @buf (room for @size): if they are one reply to refuse,
 * write the error over them, as the kernel writes it with
 * NETLINK_CAP_ACK (the request's header without its payload), and return
 * its length; otherwise @len.
 */
static ssize_t refuse(char *buf, size_t size, ssize_t len)
{
	const char *msg = getenv("IPVL_FAIL_MSG");
	const char *errno_s = getenv("IPVL_FAIL_ERRNO");
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	size_t mlen = msg ? strlen(msg) + 1 : 0;
	size_t tlvs = msg ? NLA_ALIGN(NLA_HDRLEN + mlen) : 0;
	size_t need = NLMSG_LENGTH(sizeof(struct nlmsgerr)) + tlvs;
	struct genlmsghdr *genl = NLMSG_DATA(nlh);
	struct nlmsgerr err;

	if (len < (ssize_t)NLMSG_LENGTH(GENL_HDRLEN) ||
	    nlh->nlmsg_len != (size_t)len ||
	    nlh->nlmsg_type < NLMSG_MIN_TYPE ||
	    nlh->nlmsg_type == GENL_ID_CTRL || need > size ||
	    genl->cmd != refused_cmd())
		return len;

	memset(&err, 0, sizeof(err));
	err.error = -(errno_s ? atoi(errno_s) : EPERM);
	err.msg.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	err.msg.nlmsg_type = nlh->nlmsg_type;
	err.msg.nlmsg_flags = NLM_F_REQUEST;
	err.msg.nlmsg_seq = nlh->nlmsg_seq;
	err.msg.nlmsg_pid = nlh->nlmsg_pid;

	memset(NLMSG_DATA(nlh), 0, need - NLMSG_HDRLEN);
	nlh->nlmsg_len = need;
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = NLM_F_CAPPED | (msg ? NLM_F_ACK_TLVS : 0);
	memcpy(NLMSG_DATA(nlh), &err, sizeof(err));
	if (msg) {
		struct nlattr *attr = (struct nlattr *)
			((char *)NLMSG_DATA(nlh) + sizeof(err));

		attr->nla_type = NLMSGERR_ATTR_MSG;
		attr->nla_len = NLA_HDRLEN + mlen;
		memcpy((char *)attr + NLA_HDRLEN, msg, mlen);
	}
	return need;
}

ssize_t recvmsg(int fd, struct msghdr *m, int flags)
{
	static ssize_t (*real)(int, struct msghdr *, int);
	ssize_t n;

	if (!real)
		real = (ssize_t (*)(int, struct msghdr *, int))
			dlsym(RTLD_NEXT, "recvmsg");
	n = real(fd, m, flags);
	if (n > 0 && m->msg_iovlen == 1 && !(m->msg_flags & MSG_TRUNC) &&
	    is_genl(fd))
		n = refuse(m->msg_iov[0].iov_base, m->msg_iov[0].iov_len, n);
	return n;
}
