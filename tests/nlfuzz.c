// SPDX-License-Identifier: GPL-2.0
/*
 * A netlink fuzzer for the IPVS family: messages built from the family's
 * grammar (every command, the service, real server, config, connection
 * filter and extension attributes) with values drawn from small pools, so
 * that services and servers collide and change, then, for a share of
 * them, mutated: bytes flipped, attribute types and lengths replaced,
 * nesting flags dropped and added, nests wrapped in nests, attributes
 * duplicated, payloads cut short or padded with garbage, message lengths
 * that disagree with what is sent, random flags and commands.  Dumps run
 * whole, or on a socket of their own are read part way while the main
 * socket changes the table, then resumed or abandoned.
 *
 *   nlfuzz [-f FAMILY] [-n MESSAGES] [-s SEED] [-j JOBS]
 *	Sends MESSAGES messages (default 100000) to FAMILY (default
 *	IPVS_LITE) and reads every answer, then a burst of services and
 *	real servers to leave a table behind.  Prints
 *	    messages N accepted A refused R silent S dumps D interrupted I
 *	    refused without extack: E (errno:count ...)
 *	and exits 1 if the family stops answering (10 s) or disappears, or
 *	if it refused a well-formed message without saying why in an extack
 *	(EOPNOTSUPP, genetlink's answer to a command the family does not
 *	have, excepted).
 *	The same SEED sends the same messages.  JOBS processes (default 1)
 *	share the MESSAGES, each on its own sockets with its own seed, so
 *	that commands race each other too; each prints its own lines, and
 *	the exit status is 1 if any of them failed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/ipvs_lite.h>

#include "nlmsg.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ull;
}

/* Uniform in [0, n). */
static uint32_t below(uint32_t n)
{
	return n ? (uint32_t)(rnd() % n) : 0;
}

/* True with probability @pct %. */
static int chance(unsigned int pct)
{
	return below(100) < pct;
}

static void rnd_bytes(void *p, size_t len)
{
	uint8_t *b = p;

	while (len--)
		*b++ = (uint8_t)rnd();
}

/* Integers as validators see them: edges first, then anything. */
static uint32_t rnd_u32(void)
{
	static const uint32_t edge[] = { 0, 1, 2, 3, 7, 100, 255, 256, 65535,
					 65536, 0x7fffffff, 0x80000000,
					 0xfffffffe, 0xffffffff };

	if (chance(60))
		return edge[below(sizeof(edge) / sizeof(edge[0]))];
	return (uint32_t)rnd();
}

/* The attributes put into the message being built, for mutations. */
static uint16_t attr_off[512];
static unsigned int n_attrs;

static struct nlattr *put(struct nlreq *r, uint16_t type, const void *data,
			  int len)
{
	struct nlattr *a;

	if (NLMSG_ALIGN(r->nlh.nlmsg_len) + NLA_HDRLEN + NLA_ALIGN(len) >
	    sizeof(r->buf) - 64)
		return NULL;
	a = nlreq_put(r, type, data, len);
	if (n_attrs < sizeof(attr_off) / sizeof(attr_off[0]))
		attr_off[n_attrs++] = (char *)a - r->buf;
	return a;
}

static void put_u32(struct nlreq *r, uint16_t type, uint32_t v)
{
	put(r, type, &v, sizeof(v));
}

static void put_u16(struct nlreq *r, uint16_t type, uint16_t v)
{
	put(r, type, &v, sizeof(v));
}

/*
 * A nest, with NLA_F_NESTED as ipvsadm's libnl sets it, or without, as
 * older tools do.
 */
static struct nlattr *nest(struct nlreq *r, uint16_t type)
{
	return put(r, type | (chance(50) ? NLA_F_NESTED : 0), NULL, 0);
}

static void nest_end(struct nlreq *r, struct nlattr *a)
{
	if (a)
		nlreq_nest_end(r, a);
}

/* ---- the family's grammar ---------------------------------------- */

static const char *const v4_pool[] = {
	"10.0.1.100", "10.0.1.11", "10.0.1.12", "10.0.2.11", "10.0.2.12",
	"10.77.0.1", "10.77.0.2", "0.0.0.0", "255.255.255.255",
};

/* tests/topo.sh's IPv6 VIP and real servers, as v4_pool holds IPv4's. */
static const char *const v6_pool[] = {
	"fd00:1::100", "fd00:1::11", "fd00:2::11", "fd00:2::12", "::",
};

static uint16_t rnd_af(void)
{
	if (chance(80))
		return AF_INET;
	return chance(75) ? AF_INET6 : (uint16_t)rnd_u32();
}

static void put_addr(struct nlreq *r, uint16_t type, uint16_t af)
{
	unsigned char a[16] = { 0 };
	int len = 16;

	if (chance(15)) {
		rnd_bytes(a, sizeof(a));
	} else if (af == AF_INET6) {
		inet_pton(AF_INET6, v6_pool[below(sizeof(v6_pool) /
						 sizeof(v6_pool[0]))], a);
	} else {
		inet_pton(AF_INET, v4_pool[below(sizeof(v4_pool) /
						sizeof(v4_pool[0]))], a);
	}
	if (chance(5))
		len = below(17);	/* too short, as a 4-byte address */
	put(r, type, a, len);
}

static uint16_t rnd_port(void)
{
	static const uint16_t pool[] = { 80, 9, 10, 11, 443, 0, 81, 82 };

	if (chance(85))
		return htons(pool[below(sizeof(pool) / sizeof(pool[0]))]);
	return (uint16_t)rnd();
}

static void put_string(struct nlreq *r, uint16_t type)
{
	static const char *const names[] = {
		"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed",
		"nq", "fo", "ovf", "mh", "twos", "sip", "", "rrrrrrrrrrrrrrrrr",
	};
	char s[64];
	int len;

	if (chance(90)) {
		snprintf(s, sizeof(s), "%s",
			 names[below(sizeof(names) / sizeof(names[0]))]);
		len = strlen(s) + 1;
		if (chance(5))
			len--;		/* no terminating NUL */
	} else {
		len = below(sizeof(s));
		rnd_bytes(s, len);
	}
	put(r, type, s, len);
}

/* A service's identity: an address, protocol and port, or a mark. */
static void put_service_id(struct nlreq *r, uint16_t af)
{
	static const uint16_t protos[] = { IPPROTO_TCP, IPPROTO_UDP,
					   IPPROTO_SCTP, 0, 255 };

	if (chance(95))
		put_u16(r, IPVS_SVC_ATTR_AF, af);
	if (chance(20)) {
		put_u32(r, IPVS_SVC_ATTR_FWMARK, chance(80) ? 1 + below(4) :
			rnd_u32());
		return;
	}
	if (chance(95))
		put_u16(r, IPVS_SVC_ATTR_PROTOCOL, chance(90) ?
			protos[below(2)] : protos[below(5)]);
	if (chance(95))
		put_addr(r, IPVS_SVC_ATTR_ADDR, af);
	if (chance(95))
		put_u16(r, IPVS_SVC_ATTR_PORT, rnd_port());
}

static void put_service(struct nlreq *r, int full)
{
	struct nlattr *n = nest(r, IPVS_CMD_ATTR_SERVICE);
	uint16_t af = rnd_af();

	put_service_id(r, af);
	if (full) {
		struct ip_vs_flags f;

		if (chance(90))
			put_string(r, IPVS_SVC_ATTR_SCHED_NAME);
		if (chance(85)) {
			f.flags = chance(70) ? below(1 << 6) : rnd_u32();
			f.mask = chance(70) ? ~0u : rnd_u32();
			put(r, IPVS_SVC_ATTR_FLAGS, &f, chance(95) ?
			    sizeof(f) : below(sizeof(f)));
		}
		if (chance(85))
			put_u32(r, IPVS_SVC_ATTR_TIMEOUT, chance(70) ?
				below(600) : rnd_u32());
		if (chance(85))
			put_u32(r, IPVS_SVC_ATTR_NETMASK, chance(70) ?
				htonl(~0u << below(33)) : rnd_u32());
		if (chance(5))
			put_string(r, IPVS_SVC_ATTR_PE_NAME);
	}
	nest_end(r, n);
	if (full && chance(10))
		put_u32(r, IPVS_LITE_CMD_ATTR_MH_SIZE, chance(50) ?
			(chance(50) ? 251 : 65521) : rnd_u32());
}

static void put_dest(struct nlreq *r, int full)
{
	struct nlattr *n = nest(r, IPVS_CMD_ATTR_DEST);
	uint16_t af = chance(90) ? AF_INET : rnd_af();

	if (chance(95))
		put_addr(r, IPVS_DEST_ATTR_ADDR, af);
	if (chance(95))
		put_u16(r, IPVS_DEST_ATTR_PORT, rnd_port());
	if (chance(20))
		put_u16(r, IPVS_DEST_ATTR_ADDR_FAMILY, af);
	if (full) {
		if (chance(90))
			put_u32(r, IPVS_DEST_ATTR_FWD_METHOD, chance(90) ?
				below(5) : rnd_u32());
		if (chance(90))
			put_u32(r, IPVS_DEST_ATTR_WEIGHT, chance(70) ?
				below(10) : rnd_u32());
		if (chance(80))
			put_u32(r, IPVS_DEST_ATTR_U_THRESH, chance(70) ?
				below(100) : rnd_u32());
		if (chance(80))
			put_u32(r, IPVS_DEST_ATTR_L_THRESH, chance(70) ?
				below(100) : rnd_u32());
		if (chance(15)) {
			uint8_t t = below(4);

			put(r, IPVS_DEST_ATTR_TUN_TYPE, &t, 1);
			put_u16(r, IPVS_DEST_ATTR_TUN_PORT, rnd_port());
			put_u16(r, IPVS_DEST_ATTR_TUN_FLAGS, below(8));
		}
		/* What only replies carry. */
		if (chance(3))
			put_u32(r, IPVS_DEST_ATTR_ACTIVE_CONNS, rnd_u32());
	}
	nest_end(r, n);
}

static void put_conn_filter(struct nlreq *r)
{
	struct nlattr *n;

	if (chance(40))
		put_service(r, 0);
	if (chance(20))
		put_dest(r, 0);
	if (!chance(50))
		return;
	n = nest(r, IPVS_LITE_CMD_ATTR_CONN_FILTER);
	if (chance(70)) {
		uint8_t s = chance(90) ? below(IPVS_LITE_S_MAX) : rnd();

		put(r, IPVS_LITE_FILTER_ATTR_STATE, &s, 1);
	}
	if (chance(50)) {
		uint16_t af = rnd_af();

		put_u16(r, IPVS_LITE_FILTER_ATTR_AF, af);
		put_addr(r, IPVS_LITE_FILTER_ATTR_CLIENT, af);
	}
	nest_end(r, n);
}

static void put_config(struct nlreq *r)
{
	if (chance(60))
		put_u32(r, IPVS_CMD_ATTR_TIMEOUT_TCP, chance(70) ?
			below(1000) : rnd_u32());
	if (chance(60))
		put_u32(r, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, chance(70) ?
			below(1000) : rnd_u32());
	if (chance(60))
		put_u32(r, IPVS_CMD_ATTR_TIMEOUT_UDP, chance(70) ?
			below(1000) : rnd_u32());
	/* A bound low enough to be met, now and then. */
	if (chance(20))
		put_u32(r, IPVS_LITE_CMD_ATTR_CONN_MAX, chance(80) ?
			1000 + below(1 << 20) : rnd_u32());
}

/* Commands, weighted towards those that change the table. */
static const struct { uint8_t cmd; uint8_t weight; } cmds[] = {
	{ IPVS_CMD_NEW_SERVICE, 16 }, { IPVS_CMD_SET_SERVICE, 8 },
	{ IPVS_CMD_DEL_SERVICE, 7 }, { IPVS_CMD_GET_SERVICE, 5 },
	{ IPVS_CMD_NEW_DEST, 16 }, { IPVS_CMD_SET_DEST, 8 },
	{ IPVS_CMD_DEL_DEST, 7 }, { IPVS_CMD_GET_DEST, 5 },
	{ IPVS_CMD_NEW_DAEMON, 1 }, { IPVS_CMD_DEL_DAEMON, 1 },
	{ IPVS_CMD_GET_DAEMON, 1 }, { IPVS_CMD_SET_CONFIG, 3 },
	{ IPVS_CMD_GET_CONFIG, 2 }, { IPVS_CMD_SET_INFO, 1 },
	{ IPVS_CMD_GET_INFO, 2 }, { IPVS_CMD_ZERO, 3 },
	{ IPVS_LITE_CMD_GET_CONN, 4 }, { IPVS_LITE_CMD_NEW_CONN, 1 },
	{ IPVS_LITE_CMD_GET_STATUS, 2 }, { IPVS_CMD_UNSPEC, 1 },
};

static uint8_t rnd_cmd(void)
{
	unsigned int total = 0, i, pick;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		total += cmds[i].weight;
	pick = below(total);
	for (i = 0; pick >= cmds[i].weight; i++)
		pick -= cmds[i].weight;
	return cmds[i].cmd;
}

static int is_dump_cmd(uint8_t cmd)
{
	return cmd == IPVS_CMD_GET_SERVICE || cmd == IPVS_CMD_GET_DEST ||
	       cmd == IPVS_LITE_CMD_GET_CONN;
}

/* A well-formed message for @cmd (attributes may still be missing). */
static void build(struct nlreq *r, uint16_t family, uint8_t cmd)
{
	uint16_t flags = 0;

	if (is_dump_cmd(cmd) && (cmd != IPVS_CMD_GET_SERVICE || chance(70)))
		flags = NLM_F_DUMP;
	nlreq_init(r, family, cmd, flags);
	n_attrs = 0;
	switch (cmd) {
	case IPVS_CMD_NEW_SERVICE:
	case IPVS_CMD_SET_SERVICE:
		put_service(r, 1);
		break;
	case IPVS_CMD_DEL_SERVICE:
	case IPVS_CMD_GET_SERVICE:
	case IPVS_CMD_GET_DEST:
		put_service(r, 0);
		break;
	case IPVS_CMD_ZERO:
		if (chance(70))
			put_service(r, 0);
		break;
	case IPVS_CMD_NEW_DEST:
	case IPVS_CMD_SET_DEST:
	case IPVS_CMD_DEL_DEST:
		put_service(r, 0);
		put_dest(r, cmd != IPVS_CMD_DEL_DEST);
		break;
	case IPVS_CMD_SET_CONFIG:
		put_config(r);
		break;
	case IPVS_LITE_CMD_GET_CONN:
		put_conn_filter(r);
		break;
	case IPVS_CMD_NEW_DAEMON:
	case IPVS_CMD_DEL_DAEMON: {
		struct nlattr *n = nest(r, IPVS_CMD_ATTR_DAEMON);

		put_u32(r, IPVS_DAEMON_ATTR_STATE, below(3));
		put_string(r, IPVS_DAEMON_ATTR_MCAST_IFN);
		put_u32(r, IPVS_DAEMON_ATTR_SYNC_ID, below(256));
		nest_end(r, n);
		break;
	}
	default:
		/* Commands without attributes get random ones. */
		if (chance(50))
			put_config(r);
		break;
	}
}

/* ---- mutations ----------------------------------------------------- */

static struct nlattr *some_attr(struct nlreq *r)
{
	return n_attrs ? (struct nlattr *)(r->buf + attr_off[below(n_attrs)]) :
			 NULL;
}

/* Mutate @r; returns the number of bytes to send. */
static unsigned int mutate(struct nlreq *r)
{
	unsigned int len = r->nlh.nlmsg_len, n = 1 + below(3);
	struct genlmsghdr *g = NLMSG_DATA(&r->nlh);
	struct nlattr *a;

	while (n--) {
		switch (below(11)) {
		case 0:		/* bytes flipped past the netlink header */
			if (len > NLMSG_HDRLEN)
				r->buf[NLMSG_HDRLEN + below(len - NLMSG_HDRLEN)]
					^= 1 << below(8);
			break;
		case 1:		/* an attribute's length */
			a = some_attr(r);
			if (a)
				a->nla_len = chance(50) ? below(a->nla_len + 8) :
					     (uint16_t)rnd();
			break;
		case 2:		/* an attribute's type, flags included */
			a = some_attr(r);
			if (a)
				a->nla_type = chance(70) ? below(80) |
					(a->nla_type & NLA_F_NESTED) :
					(uint16_t)rnd();
			break;
		case 3:		/* the nesting flag dropped or added */
			a = some_attr(r);
			if (a)
				a->nla_type ^= NLA_F_NESTED;
			break;
		case 4:		/* cut short */
			if (len > NLMSG_HDRLEN)
				len = r->nlh.nlmsg_len = NLMSG_HDRLEN +
					below(len - NLMSG_HDRLEN);
			break;
		case 5: {	/* garbage after the attributes */
			unsigned int extra = below(chance(80) ? 64 : 4096);

			if (len + extra > sizeof(r->buf))
				break;
			rnd_bytes(r->buf + len, extra);
			len = r->nlh.nlmsg_len = len + extra;
			break;
		}
		case 6: {	/* an oversized attribute */
			unsigned int size = below(2048);
			char big[2048];

			rnd_bytes(big, size);
			r->nlh.nlmsg_len = len;
			if (put(r, chance(70) ? below(8) : below(80), big, size))
				len = r->nlh.nlmsg_len;
			break;
		}
		case 7: {	/* everything wrapped in nests, deeply */
			unsigned int depth = 1 + below(20), body, i;
			unsigned int hdr = NLMSG_LENGTH(GENL_HDRLEN);

			if (len < hdr ||
			    len + depth * NLA_HDRLEN > sizeof(r->buf))
				break;
			body = len - hdr;
			memmove(r->buf + hdr + depth * NLA_HDRLEN,
				r->buf + hdr, body);
			for (i = 0; i < depth; i++) {
				a = (struct nlattr *)(r->buf + hdr +
						      i * NLA_HDRLEN);
				a->nla_type = below(8) | NLA_F_NESTED;
				a->nla_len = (depth - i) * NLA_HDRLEN + body;
			}
			len = r->nlh.nlmsg_len = len + depth * NLA_HDRLEN;
			n_attrs = 0;
			break;
		}
		case 8: {	/* an attribute twice */
			a = some_attr(r);
			if (a && a->nla_len >= NLA_HDRLEN &&
			    (char *)a + a->nla_len <= r->buf + len &&
			    len + NLA_ALIGN(a->nla_len) <= sizeof(r->buf)) {
				memcpy(r->buf + len, a, a->nla_len);
				len = r->nlh.nlmsg_len = len +
					NLA_ALIGN(a->nla_len);
			}
			break;
		}
		case 9:		/* flags, command, version */
			if (chance(40))
				r->nlh.nlmsg_flags ^= 1 << below(12);
			else if (chance(50))
				g->cmd = chance(50) ? below(70) : rnd();
			else
				g->version = rnd();
			break;
		case 10:	/* a length that disagrees with what is sent */
			if (chance(50))
				r->nlh.nlmsg_len = len + below(64);
			else if (len > NLMSG_HDRLEN)
				len -= below(len - NLMSG_HDRLEN);
			break;
		}
	}
	return len;
}

/* ---- talking ------------------------------------------------------- */

static struct {
	unsigned long messages, accepted, refused, silent, dumps, interrupted;
	unsigned long no_extack[200];
	/* Well-formed messages refused without a message: cmd, errno. */
	unsigned long bare[256][200];
} st;

static uint32_t seq;

static int sendbuf(int fd, void *buf, unsigned int len)
{
	if (send(fd, buf, len, 0) >= 0)
		return 0;
	/* What the socket layer refuses never reaches the family. */
	if (errno == EINVAL || errno == EMSGSIZE || errno == EFAULT)
		return 1;
	perror("nlfuzz: send");
	exit(1);
}

/*
 * The error an ACK or a dump's DONE carries (0 for success), counted by
 * whether a message explains it.
 */
static int answer(struct nlmsghdr *h, int cmd)
{
	int err, off, len, explained = 0;
	struct nlattr *msg;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(int)))
		return 0;
	memcpy(&err, NLMSG_DATA(h), sizeof(err));
	if (err >= 0)
		return 0;
	/* TLVs follow an ACK's struct nlmsgerr, and a DONE's errno. */
	off = h->nlmsg_type == NLMSG_DONE ? sizeof(int) :
					    sizeof(struct nlmsgerr);
	len = (int)h->nlmsg_len - NLMSG_HDRLEN - off;
	if ((h->nlmsg_flags & NLM_F_ACK_TLVS) && len > 0) {
		msg = nla_find_in((void *)((char *)NLMSG_DATA(h) + off), len,
				  NLMSGERR_ATTR_MSG);
		explained = msg && nla_str(msg)[0];
	}
	if (!explained && -err < (int)(sizeof(st.no_extack) /
				       sizeof(st.no_extack[0]))) {
		st.no_extack[-err]++;
		if (cmd >= 0)
			st.bare[cmd][-err]++;
	}
	return err;
}

/*
 * Read until the answer to @want ends: its error or ACK, or for a dump
 * its DONE.  Returns the error (0 for success) or 1 if it never came.
 */
static int wait_for(int fd, uint32_t want, int dump, int once, int cmd)
{
	static char buf[1 << 16];

	for (;;) {
		int n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h;

		if (n < 0) {
			if (errno == ENOBUFS)
				continue;
			if (errno == EAGAIN) {
				fprintf(stderr, "nlfuzz: no answer to message %lu (seq %u)\n",
					st.messages, want);
				exit(1);
			}
			perror("nlfuzz: recv");
			exit(1);
		}
		for (h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != want)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR ||
			    h->nlmsg_type == NLMSG_DONE)
				return answer(h, cmd);
			if (!dump)
				return 0;	/* a doit's reply */
		}
		if (once)
			return 1;
	}
}

static void barrier(int fd)
{
	struct nlmsghdr h = {
		.nlmsg_len = NLMSG_HDRLEN, .nlmsg_type = NLMSG_NOOP,
		.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK, .nlmsg_seq = ++seq,
	};

	sendbuf(fd, &h, h.nlmsg_len);
	wait_for(fd, seq, 0, 0, -1);
}

/*
 * Send @r (@len bytes) and read everything it causes.  @mutated: not
 * as built (and refusals may come from netlink's core).
 */
static void talk(int fd, struct nlreq *r, unsigned int len, int mutated)
{
	struct genlmsghdr *g = NLMSG_DATA(&r->nlh);
	uint16_t fl = r->nlh.nlmsg_flags;
	int answered, dump, err;

	r->nlh.nlmsg_seq = ++seq;
	st.messages++;
	if (sendbuf(fd, r->buf, len)) {
		st.silent++;
		return;
	}
	/* netlink_rcv_skb's rules for what it answers at all. */
	answered = r->nlh.nlmsg_len >= NLMSG_HDRLEN && r->nlh.nlmsg_len <= len &&
		   (fl & NLM_F_REQUEST);
	dump = (fl & NLM_F_DUMP) == NLM_F_DUMP;
	if (answered && (dump || (fl & NLM_F_ACK))) {
		err = wait_for(fd, r->nlh.nlmsg_seq, dump, 0,
			       mutated ? -1 : g->cmd);
		if (err)
			st.refused++;
		else
			st.accepted++;
		if (dump && !err)
			st.dumps++;
		return;
	}
	/*
	 * No answer to wait for: a barrier's ACK proves the family took it
	 * (whatever else it caused has been sent before).  An answered
	 * message proved it already; what it caused besides, wait_for()
	 * skips by its sequence number.
	 */
	st.silent++;
	barrier(fd);
}

static void settimeout(int fd)
{
	struct timeval tv = { .tv_sec = 10 };
	int one = 1;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, sizeof(one));
}

/* Many valid services and servers: tables to dump across many parts. */
static void fill(int fd, uint16_t family)
{
	unsigned int i, n = 20 + below(200);
	struct nlreq r;

	for (i = 0; i < n; i++) {
		struct nlattr *s;
		uint32_t a = htonl(0x0a580000 + below(4096));
		unsigned char addr[16] = { 0 };

		memcpy(addr, &a, 4);
		nlreq_init(&r, family, i % 3 ? IPVS_CMD_NEW_DEST :
			   IPVS_CMD_NEW_SERVICE, 0);
		n_attrs = 0;
		s = nest(&r, IPVS_CMD_ATTR_SERVICE);
		put_u16(&r, IPVS_SVC_ATTR_AF, AF_INET);
		put_u16(&r, IPVS_SVC_ATTR_PROTOCOL, IPPROTO_TCP);
		put(&r, IPVS_SVC_ATTR_ADDR, "\x0a\x4d\x00\x01" "\0\0\0\0"
		    "\0\0\0\0" "\0\0\0\0", 16);
		put_u16(&r, IPVS_SVC_ATTR_PORT, htons(1000 + i / 3));
		if (i % 3 == 0) {
			struct ip_vs_flags f = { 0, ~0u };

			put_string(&r, IPVS_SVC_ATTR_SCHED_NAME);
			put(&r, IPVS_SVC_ATTR_FLAGS, &f, sizeof(f));
			put_u32(&r, IPVS_SVC_ATTR_TIMEOUT, 0);
			put_u32(&r, IPVS_SVC_ATTR_NETMASK, ~0u);
		}
		nest_end(&r, s);
		if (i % 3) {
			s = nest(&r, IPVS_CMD_ATTR_DEST);
			put(&r, IPVS_DEST_ATTR_ADDR, addr, 16);
			put_u16(&r, IPVS_DEST_ATTR_PORT, htons(80));
			put_u32(&r, IPVS_DEST_ATTR_FWD_METHOD, below(3) * 2);
			put_u32(&r, IPVS_DEST_ATTR_WEIGHT, below(5));
			put_u32(&r, IPVS_DEST_ATTR_U_THRESH, 0);
			put_u32(&r, IPVS_DEST_ATTR_L_THRESH, 0);
			nest_end(&r, s);
		}
		talk(fd, &r, r.nlh.nlmsg_len, 0);
	}
}

/*
 * A dump on a socket of its own, read one part at a time while the main
 * socket sends other messages; then finished, or dropped midway.
 */
static void interrupted_dump(int fd, uint16_t family, unsigned long *left)
{
	static const uint8_t dumps[] = { IPVS_CMD_GET_SERVICE, IPVS_CMD_GET_DEST,
					 IPVS_LITE_CMD_GET_CONN };
	int d = nl_socket(), parts = 1 + below(4), rcvbuf = 4096;
	struct nlreq r;
	uint32_t want;

	if (d < 0) {
		perror("nlfuzz: socket");
		exit(1);
	}
	settimeout(d);
	if (chance(50))
		setsockopt(d, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	build(&r, family, dumps[below(3)]);
	r.nlh.nlmsg_flags |= NLM_F_DUMP;
	r.nlh.nlmsg_seq = want = ++seq;
	st.messages++;
	if (sendbuf(d, r.buf, r.nlh.nlmsg_len)) {
		close(d);
		return;
	}
	while (parts-- && *left) {
		unsigned int k = below(8);

		/* One part, or the end (then the dump is over). */
		if (wait_for(d, want, 1, 1, -1) != 1)
			goto done;
		while (k-- && *left) {
			build(&r, family, rnd_cmd());
			if (chance(30))
				talk(fd, &r, mutate(&r), 1);
			else
				talk(fd, &r, r.nlh.nlmsg_len, 0);
			(*left)--;
		}
	}
	if (chance(50)) {
		st.interrupted++;
		close(d);
		return;
	}
	wait_for(d, want, 1, 0, -1);
done:
	st.dumps++;
	close(d);
}

int main(int argc, char **argv)
{
	const char *name = IPVS_LITE_GENL_NAME;
	unsigned long n = 100000, left;
	uint64_t seed = 1;
	int fd, family, opt, jobs = 1, job, status, ret = 0;
	struct nlreq r;
	unsigned int i;

	while ((opt = getopt(argc, argv, "f:n:s:j:")) != -1) {
		switch (opt) {
		case 'f':
			name = optarg;
			break;
		case 'n':
			n = strtoul(optarg, NULL, 0);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'j':
			jobs = atoi(optarg);
			break;
		default:
			fprintf(stderr, "usage: nlfuzz [-f FAMILY] [-n MESSAGES] [-s SEED] [-j JOBS]\n");
			return 2;
		}
	}
	if (jobs < 1)
		jobs = 1;
	/* Job 0 is this process; the others are its children. */
	for (job = 1; job < jobs; job++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("nlfuzz: fork");
			return 1;
		}
		if (!pid)
			break;
	}
	if (job == jobs)
		job = 0;
	n = n / jobs + ((unsigned long)job < n % jobs);
	seed += job;
	rng_state ^= seed * 0xbf58476d1ce4e5b9ull;
	fd = nl_socket();
	if (fd < 0) {
		perror("nlfuzz: socket");
		return 1;
	}
	settimeout(fd);
	family = genl_family_id(fd, name);
	if (family < 0) {
		fprintf(stderr, "nlfuzz: no family %s\n", name);
		return 1;
	}
	for (left = n; left; ) {
		unsigned int what = below(1000);

		if (what < 2) {
			unsigned long before = st.messages;

			fill(fd, family);
			left -= st.messages - before < left ?
				st.messages - before : left;
			continue;
		}
		if (what < 30) {
			interrupted_dump(fd, family, &left);
			if (left)
				left--;
			continue;
		}
		if (what < 31) {
			nlreq_init(&r, family, IPVS_CMD_FLUSH, 0);
			n_attrs = 0;
		} else {
			build(&r, family, rnd_cmd());
		}
		if (chance(40))
			talk(fd, &r, mutate(&r), 1);
		else
			talk(fd, &r, r.nlh.nlmsg_len, 0);
		left--;
	}
	/* A table to leave behind, for the caller's save and restore. */
	fill(fd, family);
	/* Still there, and still answering. */
	if (genl_family_id(fd, name) != family) {
		fprintf(stderr, "nlfuzz: family %s gone\n", name);
		return 1;
	}
	printf("messages %lu accepted %lu refused %lu silent %lu dumps %lu interrupted %lu\n",
	       st.messages, st.accepted, st.refused, st.silent, st.dumps,
	       st.interrupted);
	printf("refused without extack:");
	for (i = 0; i < sizeof(st.no_extack) / sizeof(st.no_extack[0]); i++)
		if (st.no_extack[i])
			printf(" %s:%lu", strerror(i), st.no_extack[i]);
	printf("\nwell-formed, refused without extack (command errno count):");
	for (i = 0; i < 256 * 200; i++)
		if (st.bare[i / 200][i % 200])
			printf(" %u %u %lu;", i / 200, i % 200,
			       st.bare[i / 200][i % 200]);
	printf("\n");
	for (i = 0; i < 256 * 200; i++)
		if (st.bare[i / 200][i % 200] && i % 200 != EOPNOTSUPP) {
			fprintf(stderr, "nlfuzz: well-formed messages refused without extack\n");
			ret = 1;
			break;
		}
	if (job)
		return ret;
	fflush(stdout);
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			ret = 1;
	return ret;
}
