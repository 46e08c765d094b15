// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink plumbing: resolve the family, send a request, collect
 * replies, and keep the kernel's extended ACK message for the caller.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/ipvs_lite.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct nl_ctx {
	struct nl_sock *sk;
	int family;
	char extack[256];
};

struct nl_ctx *nlx_open(const char *family)
{
	struct nl_ctx *nl = calloc(1, sizeof(*nl));
	int one = 1;

	if (!nl)
		return NULL;
	nl->sk = nl_socket_alloc();
	if (!nl->sk || genl_connect(nl->sk))
		goto err;
	/* Error messages from the kernel, without the echoed request. */
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	nl->family = genl_ctrl_resolve(nl->sk, family);
	if (nl->family < 0)
		goto err;
	return nl;
err:
	nlx_close(nl);
	return NULL;
}

void nlx_close(struct nl_ctx *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sk);
	free(nl);
}

struct nl_msg *nlx_msg(struct nl_ctx *nl, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags,
			 cmd, IPVS_LITE_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

const char *nlx_extack(const struct nl_ctx *nl)
{
	return nl->extack[0] ? nl->extack : NULL;
}

struct talk {
	struct nl_ctx *nl;
	int (*cb)(struct nl_msg *reply, void *arg);
	void *arg;
	int err;
	bool done;
};

static int talk_valid(struct nl_msg *msg, void *arg)
{
	struct talk *t = arg;

	if (t->cb && t->cb(msg, t->arg) < 0) {
		t->err = -EINVAL;
		return NL_STOP;
	}
	return NL_OK;
}

/* The kernel's message in the TLVs at @tlvs, if @nlh carries any. */
static void talk_extack(struct talk *t, struct nlmsghdr *nlh, void *tlvs,
			int len)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || len <= 0)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, tlvs, len, NULL) == 0 &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(t->nl->extack, sizeof(t->nl->extack), "%s",
			 nla_get_string(tb[NLMSGERR_ATTR_MSG]));
}

/* An ACK, or a dump's DONE: an errno, and TLVs after it, if it failed. */
static int talk_finish(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct talk *t = arg;
	int err;

	t->done = true;
	if (nlh->nlmsg_type == NLMSG_DONE &&
	    nlmsg_datalen(nlh) >= (int)sizeof(err)) {
		memcpy(&err, nlmsg_data(nlh), sizeof(err));
		if (err < 0) {
			t->err = err;
			talk_extack(t, nlh, (char *)nlmsg_data(nlh) + sizeof(err),
				    nlmsg_datalen(nlh) - (int)sizeof(err));
		}
	}
	return NL_STOP;
}

/* With NETLINK_CAP_ACK the TLVs follow struct nlmsgerr directly. */
static int talk_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct talk *t = arg;

	(void)who;
	t->err = e->error;
	t->done = true;
	talk_extack(t, nlh, e + 1,
		    (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)sizeof(*e));
	return NL_STOP;
}

int nlx_talk(struct nl_ctx *nl, struct nl_msg *msg,
	     int (*cb)(struct nl_msg *reply, void *arg), void *arg)
{
	struct talk t = { .nl = nl, .cb = cb, .arg = arg };
	struct nl_cb *nlcb;
	int ret;

	nl->extack[0] = '\0';
	nlcb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!nlcb) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_cb_set(nlcb, NL_CB_VALID, NL_CB_CUSTOM, talk_valid, &t);
	nl_cb_set(nlcb, NL_CB_FINISH, NL_CB_CUSTOM, talk_finish, &t);
	nl_cb_set(nlcb, NL_CB_ACK, NL_CB_CUSTOM, talk_finish, &t);
	nl_cb_err(nlcb, NL_CB_CUSTOM, talk_error, &t);

	/* Dumps end with NLMSG_DONE; other requests with an ACK. */
	if (!(nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP))
		nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	ret = nl_send_auto(nl->sk, msg);
	nlmsg_free(msg);
	if (ret < 0) {
		nl_cb_put(nlcb);
		return -EIO;
	}
	while (!t.done && t.err == 0) {
		ret = nl_recvmsgs(nl->sk, nlcb);
		if (ret < 0 && t.err == 0)
			t.err = -EIO;
	}
	nl_cb_put(nlcb);
	return t.err;
}
