// SPDX-License-Identifier: GPL-2.0
/*
 * Services and real servers over the family: every command, the refusals
 * with their errno and extack message (and that a refused command changes
 * nothing), dumps that span several messages, permissions and netns
 * isolation.  tests/nl.sh loads the module first.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>

#include <linux/ipvs_lite.h>

#include "kselftest_harness.h"
#include "nlmsg.h"
#include "testutil.h"

/* A service as a message describes it; zero fields are left out. */
struct svc {
	uint16_t af;
	uint16_t proto;
	const char *addr;
	uint16_t port;
	uint32_t fwmark;
	const char *sched;	/* NULL: identity only */
	uint32_t flags;
	uint32_t timeout;
	uint32_t netmask;
	const char *pe;
	uint16_t extra_type;	/* an extra attribute, to test the policy */
	bool nested_flag;	/* set NLA_F_NESTED on the nest */
};

struct dest {
	const char *addr;
	uint16_t port;
	uint16_t af;
	uint32_t fwd;
	int64_t weight;		/* -1: leave out (identity only) */
	uint32_t u_thresh;
	uint32_t l_thresh;
	int tun_type;		/* -1: leave out */
};

static void put_addr(struct nlreq *r, uint16_t type, uint16_t af,
		     const char *s)
{
	unsigned char a[16] = { 0 };

	inet_pton(af, s, a);
	nlreq_put(r, type, a, sizeof(a));
}

static void put_svc(struct nlreq *r, const struct svc *s)
{
	struct nlattr *nest = nlreq_nest(r, IPVS_CMD_ATTR_SERVICE);

	if (s->nested_flag)
		nest->nla_type |= NLA_F_NESTED;
	if (s->af)
		nlreq_put_u16(r, IPVS_SVC_ATTR_AF, s->af);
	if (s->fwmark) {
		nlreq_put_u32(r, IPVS_SVC_ATTR_FWMARK, s->fwmark);
	} else {
		if (s->proto)
			nlreq_put_u16(r, IPVS_SVC_ATTR_PROTOCOL, s->proto);
		if (s->addr)
			put_addr(r, IPVS_SVC_ATTR_ADDR,
				 s->af ? s->af : AF_INET, s->addr);
		nlreq_put_u16(r, IPVS_SVC_ATTR_PORT, htons(s->port));
	}
	if (s->sched) {
		struct ip_vs_flags f = { .flags = s->flags, .mask = ~0U };

		nlreq_put(r, IPVS_SVC_ATTR_SCHED_NAME, s->sched,
			  strlen(s->sched) + 1);
		nlreq_put(r, IPVS_SVC_ATTR_FLAGS, &f, sizeof(f));
		nlreq_put_u32(r, IPVS_SVC_ATTR_TIMEOUT, s->timeout);
		nlreq_put_u32(r, IPVS_SVC_ATTR_NETMASK, s->netmask);
	}
	if (s->pe)
		nlreq_put(r, IPVS_SVC_ATTR_PE_NAME, s->pe, strlen(s->pe) + 1);
	if (s->extra_type)
		nlreq_put_u32(r, s->extra_type, 0);
	nlreq_nest_end(r, nest);
}

static void put_dest(struct nlreq *r, const struct dest *d)
{
	struct nlattr *nest = nlreq_nest(r, IPVS_CMD_ATTR_DEST);

	put_addr(r, IPVS_DEST_ATTR_ADDR, d->af ? d->af : AF_INET, d->addr);
	nlreq_put_u16(r, IPVS_DEST_ATTR_PORT, htons(d->port));
	if (d->af)
		nlreq_put_u16(r, IPVS_DEST_ATTR_ADDR_FAMILY, d->af);
	if (d->weight >= 0) {
		nlreq_put_u32(r, IPVS_DEST_ATTR_FWD_METHOD, d->fwd);
		nlreq_put_u32(r, IPVS_DEST_ATTR_WEIGHT, (uint32_t)d->weight);
		nlreq_put_u32(r, IPVS_DEST_ATTR_U_THRESH, d->u_thresh);
		nlreq_put_u32(r, IPVS_DEST_ATTR_L_THRESH, d->l_thresh);
	}
	if (d->tun_type >= 0) {
		uint8_t t = d->tun_type;

		nlreq_put(r, IPVS_DEST_ATTR_TUN_TYPE, &t, 1);
	}
	nlreq_nest_end(r, nest);
}

static int svc_cmd(int fd, int fam, uint8_t cmd, const struct svc *s,
		   struct nlres *res)
{
	struct nlreq r;

	nlreq_init(&r, fam, cmd, 0);
	put_svc(&r, s);
	return nl_talk(fd, &r, res);
}

static int dest_cmd(int fd, int fam, uint8_t cmd, const struct svc *s,
		    const struct dest *d, struct nlres *res)
{
	struct nlreq r;

	nlreq_init(&r, fam, cmd, 0);
	put_svc(&r, s);
	put_dest(&r, d);
	return nl_talk(fd, &r, res);
}

static void count_cb(struct nlmsghdr *h, void *arg)
{
	(void)h;
	++*(int *)arg;
}

/* How many services a GET_SERVICE dump returns, or a negative errno. */
static int count_services(int fd, int fam)
{
	struct nlres res;
	struct nlreq r;
	int n = 0, ret;

	nlreq_init(&r, fam, IPVS_CMD_GET_SERVICE, NLM_F_DUMP);
	ret = nl_talk_cb(fd, &r, &res, count_cb, &n);
	return ret ? ret : n;
}

static const struct svc web = {
	.af = AF_INET, .proto = IPPROTO_TCP, .addr = "10.9.0.1", .port = 80,
	.sched = "rr", .netmask = 0xffffffff,
};

#define WEB_ID { .af = AF_INET, .proto = IPPROTO_TCP, .addr = "10.9.0.1", \
		 .port = 80 }

static const struct dest rs1 = {
	.addr = "10.9.1.1", .port = 80, .fwd = IP_VS_CONN_F_MASQ,
	.weight = 3, .tun_type = -1,
};

FIXTURE(svc)
{
	int fd;
	int fam;
};

FIXTURE_SETUP(svc)
{
	struct nlres res;
	struct nlreq r;

	self->fd = nl_socket();
	ASSERT_GE(self->fd, 0);
	self->fam = genl_family_id(self->fd, family_name());
	ASSERT_GT(self->fam, 0);
	nlreq_init(&r, self->fam, IPVS_CMD_FLUSH, 0);
	ASSERT_EQ(0, nl_talk(self->fd, &r, &res));
}

FIXTURE_TEARDOWN(svc)
{
	struct nlres res;
	struct nlreq r;

	nlreq_init(&r, self->fam, IPVS_CMD_FLUSH, 0);
	nl_talk(self->fd, &r, &res);
	close(self->fd);
}

/* A refusal: its errno, an extack message, and no change to the table. */
#define EXPECT_REFUSED(err, call) do {					\
	int __before = count_services(self->fd, self->fam);		\
	struct nlres res;						\
	EXPECT_EQ(-(err), (call)) TH_LOG("%s", res.extack);		\
	EXPECT_NE(0, res.extack[0]) TH_LOG("no extack message");	\
	EXPECT_EQ(__before, count_services(self->fd, self->fam));	\
} while (0)

TEST_F(svc, add_get_edit_del)
{
	struct svc id = WEB_ID, edit = web;
	struct nlattr *nest, *a;
	struct nlres res;

	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &web,
			     &res));
	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_GET_SERVICE, &id,
			     &res));
	nest = nlres_attr(&res, IPVS_CMD_ATTR_SERVICE);
	ASSERT_NE(NULL, nest);
	EXPECT_STREQ("rr",
		     nla_str(nla_find_nested(nest, IPVS_SVC_ATTR_SCHED_NAME)));
	EXPECT_NE(NULL, nla_find_nested(nest, IPVS_SVC_ATTR_STATS));
	EXPECT_NE(NULL, nla_find_nested(nest, IPVS_SVC_ATTR_STATS64));

	edit.sched = "wlc";
	edit.flags = IP_VS_SVC_F_PERSISTENT;
	edit.timeout = 300;
	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_SET_SERVICE, &edit,
			     &res));
	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_GET_SERVICE, &id,
			     &res));
	nest = nlres_attr(&res, IPVS_CMD_ATTR_SERVICE);
	ASSERT_NE(NULL, nest);
	EXPECT_STREQ("wlc",
		     nla_str(nla_find_nested(nest, IPVS_SVC_ATTR_SCHED_NAME)));
	a = nla_find_nested(nest, IPVS_SVC_ATTR_TIMEOUT);
	ASSERT_NE(NULL, a);
	EXPECT_EQ(300, nla_u32(a));

	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_DEL_SERVICE, &id,
			     &res));
	EXPECT_EQ(-ESRCH, svc_cmd(self->fd, self->fam, IPVS_CMD_GET_SERVICE,
				  &id, &res));
	EXPECT_STREQ("ipvs_lite: no such service", res.extack);
	EXPECT_EQ(0, count_services(self->fd, self->fam));
}

TEST_F(svc, nested_with_and_without_flag)
{
	struct svc s = web;

	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &s,
			     &(struct nlres){}));
	s.port = 81;
	s.nested_flag = true;
	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &s,
			     &(struct nlres){}));
	EXPECT_EQ(2, count_services(self->fd, self->fam));
}

TEST_F(svc, service_refusals)
{
	struct svc s;

	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &web,
			     &(struct nlres){}));

	EXPECT_REFUSED(EEXIST, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_SERVICE, &web, &res));
	s = web, s.port = 1, s.sched = "nosuch";
	EXPECT_REFUSED(ENOENT, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_SERVICE, &s, &res));
	s = web, s.port = 2, s.af = 99;
	EXPECT_REFUSED(EAFNOSUPPORT, svc_cmd(self->fd, self->fam,
					     IPVS_CMD_NEW_SERVICE, &s, &res));
	s = web, s.port = 3, s.af = 0;
	EXPECT_REFUSED(EINVAL, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_SERVICE, &s, &res));
	s = web, s.port = 4, s.proto = IPPROTO_SCTP;
	EXPECT_REFUSED(EPROTONOSUPPORT, svc_cmd(self->fd, self->fam,
						IPVS_CMD_NEW_SERVICE, &s,
						&res));
	s = web, s.port = 0;
	EXPECT_REFUSED(EINVAL, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_SERVICE, &s, &res));
	s = web, s.port = 5, s.af = AF_INET6, s.addr = "2001:db8::1",
	s.netmask = 129;
	EXPECT_REFUSED(EINVAL, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_SERVICE, &s, &res));
	s = web, s.port = 6, s.pe = "sip";
	EXPECT_REFUSED(ENOENT, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_SERVICE, &s, &res));
	s = web, s.port = 7, s.sched = NULL;
	EXPECT_REFUSED(EINVAL, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_SERVICE, &s, &res));
	/* An attribute past the service's last one: strict in the nest too. */
	s = web, s.port = 8, s.extra_type = IPVS_SVC_ATTR_MAX + 1;
	EXPECT_REFUSED(EINVAL, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_SERVICE, &s, &res));
	/* Output-only attributes are not input. */
	s = web, s.port = 9, s.extra_type = IPVS_SVC_ATTR_STATS;
	EXPECT_REFUSED(EINVAL, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_SERVICE, &s, &res));
	s = web, s.port = 10, s.flags = IP_VS_SVC_F_ONEPACKET;
	EXPECT_REFUSED(EINVAL, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_SERVICE, &s, &res));
	/* Persistence: 1 s to 31 days, as ipvsadm's -p and keepalived. */
	s = web, s.port = 12, s.flags = IP_VS_SVC_F_PERSISTENT;
	EXPECT_REFUSED(EINVAL, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_SERVICE, &s, &res));
	s.timeout = 31 * 86400 + 1;
	EXPECT_REFUSED(EINVAL, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_SERVICE, &s, &res));
	s.timeout = 31 * 86400;
	EXPECT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &s,
			     &(struct nlres){}));
	s.timeout = 0;
	EXPECT_REFUSED(EINVAL, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_SET_SERVICE, &s, &res));
	/* Without persistence the timeout is not used. */
	s.flags = 0;
	EXPECT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_SET_SERVICE, &s,
			     &(struct nlres){}));
	s = web, s.port = 11;
	EXPECT_REFUSED(ESRCH, svc_cmd(self->fd, self->fam,
				      IPVS_CMD_SET_SERVICE, &s, &res));
	EXPECT_REFUSED(ESRCH, svc_cmd(self->fd, self->fam,
				      IPVS_CMD_DEL_SERVICE, &s, &res));
	s = web, s.sched = "nosuch";
	EXPECT_REFUSED(ENOENT, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_SET_SERVICE, &s, &res));
}

static int svc_cmd_mh(int fd, int fam, uint8_t cmd, const struct svc *s,
		      uint32_t mh_size, struct nlres *res)
{
	struct nlreq r;

	nlreq_init(&r, fam, cmd, 0);
	put_svc(&r, s);
	nlreq_put_u32(&r, IPVS_LITE_CMD_ATTR_MH_SIZE, mh_size);
	return nl_talk(fd, &r, res);
}

/* The mh table size GET_SERVICE reports for @s, or 0. */
static uint32_t get_mh_size(int fd, int fam, const struct svc *s)
{
	struct nlattr *a;
	struct nlres res;

	if (svc_cmd(fd, fam, IPVS_CMD_GET_SERVICE, s, &res))
		return 0;
	a = nlres_attr(&res, IPVS_LITE_CMD_ATTR_MH_SIZE);
	return a ? nla_u32(a) : 0;
}

/* Scheduler flags and mh's table size: checked by the kernel too. */
TEST_F(svc, scheduler_refusals)
{
	struct svc s = web, mh = web;
	struct nlres out;

	s.port = 20, s.flags = IP_VS_SVC_F_SCHED1;
	EXPECT_REFUSED(EINVAL, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_SERVICE, &s, &res));
	svc_cmd(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &s, &out);
	EXPECT_STREQ("ipvs_lite: scheduler flags not known to this scheduler",
		     out.extack);
	s.sched = "sh", s.flags = IP_VS_SVC_F_SCHED3;
	EXPECT_REFUSED(EINVAL, svc_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_SERVICE, &s, &res));
	s.flags = IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2;
	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &s,
			     &(struct nlres){}));

	mh.port = 21, mh.sched = "mh";
	EXPECT_REFUSED(EINVAL, svc_cmd_mh(self->fd, self->fam,
					  IPVS_CMD_NEW_SERVICE, &mh, 65536,
					  &res));
	svc_cmd_mh(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &mh, 65536,
		   &out);
	EXPECT_STREQ("ipvs_lite: mh table size must be a prime from 251 to 1048573",
		     out.extack);
	EXPECT_REFUSED(EINVAL, svc_cmd_mh(self->fd, self->fam,
					  IPVS_CMD_NEW_SERVICE, &mh, 241,
					  &res));
	EXPECT_REFUSED(EINVAL, svc_cmd_mh(self->fd, self->fam,
					  IPVS_CMD_NEW_SERVICE, &mh,
					  2147483647, &res));
	mh.sched = "rr";
	EXPECT_REFUSED(EINVAL, svc_cmd_mh(self->fd, self->fam,
					  IPVS_CMD_NEW_SERVICE, &mh, 4093,
					  &res));
	svc_cmd_mh(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &mh, 4093, &out);
	EXPECT_STREQ("ipvs_lite: a lookup table size is only for the mh scheduler",
		     out.extack);
	mh.sched = "mh";
	ASSERT_EQ(0, svc_cmd_mh(self->fd, self->fam, IPVS_CMD_NEW_SERVICE,
				&mh, 251, &(struct nlres){}));
	EXPECT_REFUSED(EINVAL, svc_cmd_mh(self->fd, self->fam,
					  IPVS_CMD_SET_SERVICE, &mh, 1000,
					  &res));
	/* Not in DEL_SERVICE. */
	EXPECT_REFUSED(EINVAL, svc_cmd_mh(self->fd, self->fam,
					  IPVS_CMD_DEL_SERVICE, &mh, 251,
					  &res));
	if (!strcmp(family_name(), IPVS_LITE_GENL_NAME)) {
		EXPECT_EQ(251, get_mh_size(self->fd, self->fam, &mh));
		ASSERT_EQ(0, svc_cmd(self->fd, self->fam,
				     IPVS_CMD_SET_SERVICE, &mh,
				     &(struct nlres){}));
		/* Without the attribute the size stays. */
		EXPECT_EQ(251, get_mh_size(self->fd, self->fam, &mh));
		/* ... across a scheduler switch and back, too. */
		mh.sched = "rr";
		ASSERT_EQ(0, svc_cmd(self->fd, self->fam,
				     IPVS_CMD_SET_SERVICE, &mh,
				     &(struct nlres){}));
		EXPECT_EQ(0, get_mh_size(self->fd, self->fam, &mh));
		mh.sched = "mh";
		ASSERT_EQ(0, svc_cmd(self->fd, self->fam,
				     IPVS_CMD_SET_SERVICE, &mh,
				     &(struct nlres){}));
		EXPECT_EQ(251, get_mh_size(self->fd, self->fam, &mh));
		/* A size of 0 is none given, with any scheduler. */
		EXPECT_EQ(0, svc_cmd_mh(self->fd, self->fam,
					IPVS_CMD_SET_SERVICE, &mh, 0,
					&(struct nlres){}));
		EXPECT_EQ(251, get_mh_size(self->fd, self->fam, &mh));
		s.port = 22, s.sched = "rr", s.flags = 0;
		EXPECT_EQ(0, svc_cmd_mh(self->fd, self->fam,
					IPVS_CMD_NEW_SERVICE, &s, 0,
					&(struct nlres){}));
	} else {
		/* IPVS's tools see nothing they do not know. */
		EXPECT_EQ(0, get_mh_size(self->fd, self->fam, &mh));
	}
}

TEST_F(svc, dests)
{
	struct svc id = WEB_ID, other = WEB_ID;
	struct dest d;
	struct nlres res;
	struct nlreq r;
	int n = 0;

	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &web,
			     &res));
	ASSERT_EQ(0, dest_cmd(self->fd, self->fam, IPVS_CMD_NEW_DEST, &id,
			      &rs1, &res));
	d = rs1, d.addr = "10.9.1.2";
	ASSERT_EQ(0, dest_cmd(self->fd, self->fam, IPVS_CMD_NEW_DEST, &id,
			      &d, &res));

	nlreq_init(&r, self->fam, IPVS_CMD_GET_DEST, NLM_F_DUMP);
	put_svc(&r, &id);
	ASSERT_EQ(0, nl_talk_cb(self->fd, &r, &res, count_cb, &n));
	EXPECT_EQ(2, n);

	d.weight = 9;
	EXPECT_EQ(0, dest_cmd(self->fd, self->fam, IPVS_CMD_SET_DEST, &id,
			      &d, &res));
	d.weight = -1;
	EXPECT_EQ(0, dest_cmd(self->fd, self->fam, IPVS_CMD_DEL_DEST, &id,
			      &d, &res));
	EXPECT_EQ(-ENOENT, dest_cmd(self->fd, self->fam, IPVS_CMD_DEL_DEST,
				    &id, &d, &res));
	EXPECT_STREQ("ipvs_lite: no such real server", res.extack);

	/* The dump of a service that does not exist is empty, as IPVS's. */
	other.port = 4444;
	n = 0;
	nlreq_init(&r, self->fam, IPVS_CMD_GET_DEST, NLM_F_DUMP);
	put_svc(&r, &other);
	ASSERT_EQ(0, nl_talk_cb(self->fd, &r, &res, count_cb, &n));
	EXPECT_EQ(0, n);
}

TEST_F(svc, dest_refusals)
{
	struct svc id = WEB_ID, other = WEB_ID;
	struct dest d;

	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &web,
			     &(struct nlres){}));
	ASSERT_EQ(0, dest_cmd(self->fd, self->fam, IPVS_CMD_NEW_DEST, &id,
			      &rs1, &(struct nlres){}));

	EXPECT_REFUSED(EEXIST, dest_cmd(self->fd, self->fam,
					IPVS_CMD_NEW_DEST, &id, &rs1, &res));
	other.port = 4444;
	EXPECT_REFUSED(ESRCH, dest_cmd(self->fd, self->fam,
				       IPVS_CMD_NEW_DEST, &other, &rs1, &res));
	d = rs1, d.addr = "10.9.1.9", d.weight = (int64_t)INT32_MAX + 1;
	EXPECT_REFUSED(ERANGE, dest_cmd(self->fd, self->fam,
					IPVS_CMD_NEW_DEST, &id, &d, &res));
	d = rs1, d.addr = "10.9.1.9", d.u_thresh = 5, d.l_thresh = 6;
	EXPECT_REFUSED(ERANGE, dest_cmd(self->fd, self->fam,
					IPVS_CMD_NEW_DEST, &id, &d, &res));
	d = rs1, d.addr = "2001:db8::9", d.af = AF_INET6;
	EXPECT_REFUSED(EINVAL, dest_cmd(self->fd, self->fam,
					IPVS_CMD_NEW_DEST, &id, &d, &res));
	d = rs1, d.addr = "10.9.1.9", d.fwd = 4;
	EXPECT_REFUSED(EINVAL, dest_cmd(self->fd, self->fam,
					IPVS_CMD_NEW_DEST, &id, &d, &res));
	d = rs1, d.addr = "224.0.0.9";
	EXPECT_REFUSED(EINVAL, dest_cmd(self->fd, self->fam,
					IPVS_CMD_NEW_DEST, &id, &d, &res));
	/* GUE needs a port (as ip_vs); a type past GRE: the policy's. */
	d = rs1, d.addr = "10.9.1.9", d.fwd = IP_VS_CONN_F_TUNNEL,
	d.tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GUE;
	EXPECT_REFUSED(EINVAL, dest_cmd(self->fd, self->fam,
					IPVS_CMD_NEW_DEST, &id, &d, &res));
	d.tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GRE + 1;
	EXPECT_REFUSED(ERANGE, dest_cmd(self->fd, self->fam,
					IPVS_CMD_NEW_DEST, &id, &d, &res));
	d = rs1, d.addr = "10.9.1.9";
	EXPECT_REFUSED(ENOENT, dest_cmd(self->fd, self->fam,
					IPVS_CMD_SET_DEST, &id, &d, &res));
	d = rs1, d.weight = -1;
	EXPECT_REFUSED(EINVAL, dest_cmd(self->fd, self->fam,
					IPVS_CMD_SET_DEST, &id, &d, &res));
}

/* Count the fwmark of each service in a dump into @arg's array. */
static void mark_cb(struct nlmsghdr *h, void *arg)
{
	struct nlattr *nest = nlmsg_find(h, IPVS_CMD_ATTR_SERVICE);
	struct nlattr *fw = nest ?
		nla_find_nested(nest, IPVS_SVC_ATTR_FWMARK) : NULL;
	unsigned char *seen = arg;
	uint32_t v = fw ? nla_u32(fw) : 0;

	if (v >= 1 && v <= 1000)
		seen[v]++;
}

/* A dump larger than one message comes whole, each service once. */
/*
 * IPv6 services take DR, NAT and TUN real servers, and tunnels cross the
 * families both ways; DR and NAT do not.
 */
TEST_F(svc, ipv6)
{
	struct svc s6 = web, m6 = web;
	struct dest d;

	s6.af = AF_INET6, s6.addr = "2001:db8::1", s6.netmask = 128;
	m6.af = AF_INET6, m6.addr = NULL, m6.fwmark = 9, m6.netmask = 128;
	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &s6,
			     &(struct nlres){}));
	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &m6,
			     &(struct nlres){}));
	EXPECT_EQ(2, count_services(self->fd, self->fam));

	d = rs1, d.af = AF_INET6, d.addr = "2001:db8::9";
	EXPECT_EQ(0, dest_cmd(self->fd, self->fam, IPVS_CMD_NEW_DEST, &s6,
			      &d, &(struct nlres){}));
	d.addr = "2001:db8::a", d.fwd = IP_VS_CONN_F_MASQ;
	EXPECT_EQ(0, dest_cmd(self->fd, self->fam, IPVS_CMD_NEW_DEST, &m6,
			      &d, &(struct nlres){}));

	d.addr = "2001:db8::b", d.fwd = IP_VS_CONN_F_TUNNEL;
	EXPECT_EQ(0, dest_cmd(self->fd, self->fam, IPVS_CMD_NEW_DEST, &s6,
			      &d, &(struct nlres){}));
	/* IPv6-in-IPv4: an IPv4 tunnel endpoint of an IPv6 service. */
	d = rs1, d.af = AF_INET, d.fwd = IP_VS_CONN_F_TUNNEL;
	EXPECT_EQ(0, dest_cmd(self->fd, self->fam, IPVS_CMD_NEW_DEST, &s6,
			      &d, &(struct nlres){}));
	/* IPv4-in-IPv6: an IPv6 tunnel endpoint of an IPv4 service. */
	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &web,
			     &(struct nlres){}));
	d = rs1, d.af = AF_INET6, d.addr = "2001:db8::c";
	d.fwd = IP_VS_CONN_F_TUNNEL;
	EXPECT_EQ(0, dest_cmd(self->fd, self->fam, IPVS_CMD_NEW_DEST, &web,
			      &d, &(struct nlres){}));
	/* A link-local address names no link; multicast is nobody. */
	d = rs1, d.af = AF_INET6, d.addr = "fe80::9";
	EXPECT_REFUSED(EINVAL, dest_cmd(self->fd, self->fam,
					IPVS_CMD_NEW_DEST, &s6, &d, &res));
	d.addr = "ff02::9";
	EXPECT_REFUSED(EINVAL, dest_cmd(self->fd, self->fam,
					IPVS_CMD_NEW_DEST, &s6, &d, &res));
	/* DR and NAT keep the service's family. */
	d = rs1, d.af = AF_INET, d.addr = "10.9.1.8";
	EXPECT_REFUSED(EINVAL, dest_cmd(self->fd, self->fam,
					IPVS_CMD_NEW_DEST, &s6, &d, &res));
}

TEST_F(svc, dump_spans_messages)
{
	unsigned char seen[1001] = { 0 };
	struct nlres res;
	struct nlreq r;
	int i, n = 0;

	for (i = 1; i <= 1000; i++) {
		struct svc s = { .af = AF_INET, .fwmark = i, .sched = "wlc",
				 .netmask = 0xffffffff };

		ASSERT_EQ(0, svc_cmd(self->fd, self->fam,
				     IPVS_CMD_NEW_SERVICE, &s, &res));
	}
	nlreq_init(&r, self->fam, IPVS_CMD_GET_SERVICE, NLM_F_DUMP);
	ASSERT_EQ(0, nl_talk_cb(self->fd, &r, &res, mark_cb, seen));
	EXPECT_EQ(1000, res.n_replies);
	for (i = 1; i <= 1000; i++)
		n += seen[i] == 1;
	EXPECT_EQ(1000, n);
}

TEST_F(svc, zero_and_flush)
{
	struct svc id = WEB_ID;
	struct nlres res;
	struct nlreq r;

	ASSERT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_NEW_SERVICE, &web,
			     &res));
	nlreq_init(&r, self->fam, IPVS_CMD_ZERO, 0);
	EXPECT_EQ(0, nl_talk(self->fd, &r, &res));
	EXPECT_EQ(0, svc_cmd(self->fd, self->fam, IPVS_CMD_ZERO, &id, &res));
	id.port = 4444;
	EXPECT_EQ(-ESRCH, svc_cmd(self->fd, self->fam, IPVS_CMD_ZERO, &id,
				  &res));
	nlreq_init(&r, self->fam, IPVS_CMD_FLUSH, 0);
	EXPECT_EQ(0, nl_talk(self->fd, &r, &res));
	EXPECT_EQ(0, count_services(self->fd, self->fam));
}

static int add_web(void)
{
	struct nlres res;
	int fd, fam;

	fam = open_family(&fd);
	if (fam <= 0)
		return 2;
	return svc_cmd(fd, fam, IPVS_CMD_NEW_SERVICE, &web, &res) == -EPERM ?
	       10 : count_services(fd, fam) == 0 ? 11 : 0;
}

TEST_F(svc, unprivileged_user_refused)
{
	EXPECT_EQ(10, in_child(drop_to_nobody, add_web));
	EXPECT_EQ(0, count_services(self->fd, self->fam));
}

TEST_F(svc, user_namespace_refused_by_default)
{
	EXPECT_EQ(10, in_child(new_userns_netns, add_web));
}

TEST_F(svc, netns_isolation)
{
	/* With allow_userns: added in a netns of its own, seen there only. */
	ASSERT_EQ(0, set_allow_userns(1));
	EXPECT_EQ(0, in_child(new_userns_netns, add_web));
	EXPECT_EQ(0, set_allow_userns(0));
	EXPECT_EQ(0, count_services(self->fd, self->fam));
}

TEST_HARNESS_MAIN
