/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw generic netlink for the C tests: messages are built byte by byte so
 * that tests can send what no well-behaved library would.
 */
#ifndef IPVL_TESTS_NLMSG_H
#define IPVL_TESTS_NLMSG_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct nlreq {
	union {
		struct nlmsghdr nlh;
		char buf[8192];
	};
};

struct nlres {
	int error;		/* 0 or a negative errno */
	char extack[256];
	char reply[16384];	/* the first reply message, if any */
	int reply_len;
	int n_replies;
};

static inline void nlreq_init(struct nlreq *r, uint16_t family, uint8_t cmd,
			      uint16_t flags)
{
	struct genlmsghdr *g;

	memset(r, 0, sizeof(*r));
	r->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->nlh.nlmsg_type = family;
	r->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	g = NLMSG_DATA(&r->nlh);
	g->cmd = cmd;
	g->version = 1;
}

static inline struct nlattr *nlreq_put(struct nlreq *r, uint16_t type,
				       const void *data, int len)
{
	struct nlattr *a = (void *)((char *)&r->nlh +
				    NLMSG_ALIGN(r->nlh.nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	r->nlh.nlmsg_len = NLMSG_ALIGN(r->nlh.nlmsg_len) + NLA_ALIGN(a->nla_len);
	return a;
}

static inline void nlreq_put_u32(struct nlreq *r, uint16_t type, uint32_t v)
{
	nlreq_put(r, type, &v, sizeof(v));
}

static inline void nlreq_put_u16(struct nlreq *r, uint16_t type, uint16_t v)
{
	nlreq_put(r, type, &v, sizeof(v));
}

static inline struct nlattr *nlreq_nest(struct nlreq *r, uint16_t type)
{
	return nlreq_put(r, type, NULL, 0);
}

static inline void nlreq_nest_end(struct nlreq *r, struct nlattr *nest)
{
	nest->nla_len = (char *)&r->nlh + r->nlh.nlmsg_len - (char *)nest;
}

static inline int nl_socket(void)
{
	int one = 1;
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	return fd;
}

static inline void nlres_extack(struct nlres *res, struct nlmsghdr *h)
{
	struct nlmsgerr *e = NLMSG_DATA(h);
	int len = (int)h->nlmsg_len - NLMSG_HDRLEN - (int)sizeof(*e);
	struct nlattr *a = (void *)(e + 1);

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	while (len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	       a->nla_len <= len) {
		if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG)
			snprintf(res->extack, sizeof(res->extack), "%s",
				 (char *)a + NLA_HDRLEN);
		len -= NLA_ALIGN(a->nla_len);
		a = (void *)((char *)a + NLA_ALIGN(a->nla_len));
	}
}

typedef void (*nl_reply_cb)(struct nlmsghdr *h, void *arg);

/*
 * Send @r and read until its ACK, error or end of dump; hand every reply
 * message to @cb (if any).
 */
static inline int nl_talk_cb(int fd, struct nlreq *r, struct nlres *res,
			     nl_reply_cb cb, void *arg)
{
	static uint32_t seq;
	char buf[65536];

	memset(res, 0, sizeof(*res));
	r->nlh.nlmsg_seq = ++seq;
	if (send(fd, &r->nlh, r->nlh.nlmsg_len, 0) < 0)
		return res->error = -errno;
	for (;;) {
		int n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h;

		if (n < 0)
			return res->error = -errno;
		for (h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				res->error = e->error;
				nlres_extack(res, h);
				/* An ACK ends a doit; a dump ends on DONE. */
				if (e->error || !(r->nlh.nlmsg_flags & NLM_F_DUMP))
					return res->error;
				continue;
			}
			if (h->nlmsg_type == NLMSG_DONE)
				return res->error;
			if (cb)
				cb(h, arg);
			if (!res->n_replies++ && h->nlmsg_len <= sizeof(res->reply)) {
				memcpy(res->reply, h, h->nlmsg_len);
				res->reply_len = h->nlmsg_len;
			}
		}
	}
}

static inline int nl_talk(int fd, struct nlreq *r, struct nlres *res)
{
	return nl_talk_cb(fd, r, res, NULL, NULL);
}

/* Attribute @type in the attributes from @a, @len bytes long. */
static inline struct nlattr *nla_find_in(struct nlattr *a, int len,
					 uint16_t type)
{
	while (len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	       a->nla_len <= len) {
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return a;
		len -= NLA_ALIGN(a->nla_len);
		a = (void *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	return NULL;
}

/* Attribute @type inside the nested attribute @nest. */
static inline struct nlattr *nla_find_nested(struct nlattr *nest,
					     uint16_t type)
{
	return nla_find_in((void *)((char *)nest + NLA_HDRLEN),
			   nest->nla_len - NLA_HDRLEN, type);
}

/* Top-level attribute @type of message @h. */
static inline struct nlattr *nlmsg_find(struct nlmsghdr *h, uint16_t type)
{
	return nla_find_in((void *)((char *)NLMSG_DATA(h) + GENL_HDRLEN),
			   h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN), type);
}

/* Find attribute @type among the top-level attributes of the first reply. */
static inline struct nlattr *nlres_attr(struct nlres *res, uint16_t type)
{
	if (!res->reply_len)
		return NULL;
	return nlmsg_find((struct nlmsghdr *)res->reply, type);
}

static inline uint32_t nla_u32(const struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, (char *)a + NLA_HDRLEN, sizeof(v));
	return v;
}

/* A string attribute's text, or "" for none. */
static inline const char *nla_str(const struct nlattr *a)
{
	return a ? (const char *)a + NLA_HDRLEN : "";
}

/* The id of generic netlink family @name, or -1. */
static inline int genl_family_id(int fd, const char *name)
{
	struct nlattr *id;
	struct nlres res;
	struct nlreq r;

	nlreq_init(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	nlreq_put(&r, CTRL_ATTR_FAMILY_NAME, name, strlen(name) + 1);
	if (nl_talk(fd, &r, &res))
		return -1;
	id = nlres_attr(&res, CTRL_ATTR_FAMILY_ID);
	if (!id)
		return -1;
	return *(uint16_t *)((char *)id + NLA_HDRLEN);
}

#endif
