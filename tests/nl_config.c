// SPDX-License-Identifier: GPL-2.0
/*
 * The family's GET_INFO, GET_CONFIG and SET_CONFIG: replies, policy
 * rejections with their errno and extack message, permissions (the
 * initial user namespace's by default, a user namespace's own with
 * allow_userns, within the initial namespace's bounds) and netns
 * isolation.  The family (IPVS_LITE unless $IPVL_FAMILY says otherwise)
 * must be registered: tests/nl.sh loads the module first.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <string.h>

#include <linux/ipvs_lite.h>

#include "kselftest_harness.h"
#include "nlmsg.h"
#include "testutil.h"

struct timeouts {
	uint32_t tcp, fin, udp;
};

static int get_timeouts(int fd, int fam, struct timeouts *t)
{
	struct nlattr *tcp, *fin, *udp;
	struct nlres res;
	struct nlreq r;

	nlreq_init(&r, fam, IPVS_CMD_GET_CONFIG, 0);
	if (nl_talk(fd, &r, &res))
		return res.error;
	tcp = nlres_attr(&res, IPVS_CMD_ATTR_TIMEOUT_TCP);
	fin = nlres_attr(&res, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN);
	udp = nlres_attr(&res, IPVS_CMD_ATTR_TIMEOUT_UDP);
	if (!tcp || !fin || !udp)
		return -ENODATA;
	t->tcp = nla_u32(tcp);
	t->fin = nla_u32(fin);
	t->udp = nla_u32(udp);
	return 0;
}

static int set_timeouts(int fd, int fam, uint32_t tcp, uint32_t fin,
			uint32_t udp, struct nlres *res)
{
	struct nlreq r;

	nlreq_init(&r, fam, IPVS_CMD_SET_CONFIG, 0);
	nlreq_put_u32(&r, IPVS_CMD_ATTR_TIMEOUT_TCP, tcp);
	nlreq_put_u32(&r, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, fin);
	nlreq_put_u32(&r, IPVS_CMD_ATTR_TIMEOUT_UDP, udp);
	return nl_talk(fd, &r, res);
}

/* Are the namespace's timeouts these? */
static bool timeouts_are(int fd, int fam, uint32_t tcp, uint32_t fin,
			 uint32_t udp)
{
	struct timeouts t;

	return !get_timeouts(fd, fam, &t) && t.tcp == tcp && t.fin == fin &&
	       t.udp == udp;
}

FIXTURE(cfg)
{
	int fd;
	int fam;
	struct timeouts saved;
};

FIXTURE_SETUP(cfg)
{
	self->fd = nl_socket();
	ASSERT_GE(self->fd, 0);
	self->fam = genl_family_id(self->fd, family_name());
	ASSERT_GT(self->fam, 0) TH_LOG("family %s not registered",
				       family_name());
	ASSERT_EQ(0, get_timeouts(self->fd, self->fam, &self->saved));
}

FIXTURE_TEARDOWN(cfg)
{
	struct nlres res;
	struct nlreq r;

	set_allow_userns(0);
	set_timeouts(self->fd, self->fam, self->saved.tcp, self->saved.fin,
		     self->saved.udp, &res);
	nlreq_init(&r, self->fam, IPVS_CMD_SET_CONFIG, 0);
	nlreq_put_u32(&r, IPVS_LITE_CMD_ATTR_CONN_MAX, 2097152);
	nl_talk(self->fd, &r, &res);
	close(self->fd);
}

/* The configuration did not move. */
#define EXPECT_UNCHANGED(self) do {					\
	struct timeouts now;						\
	ASSERT_EQ(0, get_timeouts(self->fd, self->fam, &now));		\
	EXPECT_EQ(self->saved.tcp, now.tcp);				\
	EXPECT_EQ(self->saved.fin, now.fin);				\
	EXPECT_EQ(self->saved.udp, now.udp);				\
} while (0)

TEST_F(cfg, get_info)
{
	struct nlattr *ver, *size;
	struct nlres res;
	struct nlreq r;

	nlreq_init(&r, self->fam, IPVS_CMD_GET_INFO, 0);
	ASSERT_EQ(0, nl_talk(self->fd, &r, &res));
	ASSERT_EQ(1, res.n_replies);
	ver = nlres_attr(&res, IPVS_INFO_ATTR_VERSION);
	size = nlres_attr(&res, IPVS_INFO_ATTR_CONN_TAB_SIZE);
	ASSERT_NE(NULL, ver);
	ASSERT_NE(NULL, size);
	/* ipvsadm refuses a kernel older than 1.1.4. */
	EXPECT_GE(nla_u32(ver), 0x010104);
	EXPECT_GT(nla_u32(size), 0);
}

TEST_F(cfg, set_then_get)
{
	struct timeouts t;
	struct nlres res;

	ASSERT_EQ(0, set_timeouts(self->fd, self->fam, 1001, 1002, 1003, &res));
	ASSERT_EQ(0, get_timeouts(self->fd, self->fam, &t));
	EXPECT_EQ(1001, t.tcp);
	EXPECT_EQ(1002, t.fin);
	EXPECT_EQ(1003, t.udp);

	/* 0 leaves a timeout as it is. */
	ASSERT_EQ(0, set_timeouts(self->fd, self->fam, 0, 0, 7, &res));
	ASSERT_EQ(0, get_timeouts(self->fd, self->fam, &t));
	EXPECT_EQ(1001, t.tcp);
	EXPECT_EQ(1002, t.fin);
	EXPECT_EQ(7, t.udp);
}

TEST_F(cfg, timeout_out_of_range)
{
	struct nlres res;

	EXPECT_EQ(-ERANGE, set_timeouts(self->fd, self->fam, UINT32_MAX, 1,
					1, &res));
	EXPECT_NE(0, res.extack[0]) TH_LOG("no extack message");
	EXPECT_UNCHANGED(self);
}

TEST_F(cfg, timeout_wrong_size)
{
	uint64_t big = 5;
	struct nlres res;
	struct nlreq r;

	nlreq_init(&r, self->fam, IPVS_CMD_SET_CONFIG, 0);
	nlreq_put(&r, IPVS_CMD_ATTR_TIMEOUT_TCP, &big, sizeof(big));
	EXPECT_EQ(-EINVAL, nl_talk(self->fd, &r, &res));
	EXPECT_NE(0, res.extack[0]) TH_LOG("no extack message");

	nlreq_init(&r, self->fam, IPVS_CMD_SET_CONFIG, 0);
	nlreq_put_u16(&r, IPVS_CMD_ATTR_TIMEOUT_UDP, 5);
	EXPECT_EQ(-ERANGE, nl_talk(self->fd, &r, &res));
	EXPECT_NE(0, res.extack[0]) TH_LOG("no extack message");
	EXPECT_UNCHANGED(self);
}

TEST_F(cfg, unknown_attribute)
{
	struct nlres res;
	struct nlreq r;

	nlreq_init(&r, self->fam, IPVS_CMD_SET_CONFIG, 0);
	nlreq_put_u32(&r, IPVS_CMD_ATTR_TIMEOUT_TCP, 4242);
	nlreq_put_u32(&r, IPVS_LITE_ATTR_BASE - 1, 1);
	EXPECT_EQ(-EINVAL, nl_talk(self->fd, &r, &res));
	EXPECT_STREQ("Unsupported attribute", res.extack);
	EXPECT_UNCHANGED(self);
}

/* Our extensions only where they belong: CONN_MAX in SET_CONFIG. */
TEST_F(cfg, extension_attribute_elsewhere)
{
	struct nlres res;
	struct nlreq r;

	nlreq_init(&r, self->fam, IPVS_CMD_FLUSH, 0);
	nlreq_put_u32(&r, IPVS_LITE_CMD_ATTR_CONN_MAX, 5);
	EXPECT_EQ(-EINVAL, nl_talk(self->fd, &r, &res));
	EXPECT_STREQ("attribute not for this command", res.extack);
}

TEST_F(cfg, conn_max_range)
{
	struct nlres res;
	struct nlreq r;

	nlreq_init(&r, self->fam, IPVS_CMD_SET_CONFIG, 0);
	nlreq_put_u32(&r, IPVS_LITE_CMD_ATTR_CONN_MAX, 0);
	EXPECT_EQ(-ERANGE, nl_talk(self->fd, &r, &res));
	EXPECT_NE(0, res.extack[0]) TH_LOG("no extack message");
	nlreq_init(&r, self->fam, IPVS_CMD_SET_CONFIG, 0);
	nlreq_put_u32(&r, IPVS_LITE_CMD_ATTR_CONN_MAX, (1U << 30) + 1);
	EXPECT_EQ(-ERANGE, nl_talk(self->fd, &r, &res));
	nlreq_init(&r, self->fam, IPVS_CMD_SET_CONFIG, 0);
	nlreq_put_u32(&r, IPVS_LITE_CMD_ATTR_CONN_MAX, 1000);
	EXPECT_EQ(0, nl_talk(self->fd, &r, &res));
	/* The default again. */
	nlreq_init(&r, self->fam, IPVS_CMD_SET_CONFIG, 0);
	nlreq_put_u32(&r, IPVS_LITE_CMD_ATTR_CONN_MAX, 2097152);
	EXPECT_EQ(0, nl_talk(self->fd, &r, &res));
}

TEST_F(cfg, trailing_bytes)
{
	struct nlres res;
	struct nlreq r;

	nlreq_init(&r, self->fam, IPVS_CMD_SET_CONFIG, 0);
	nlreq_put_u32(&r, IPVS_CMD_ATTR_TIMEOUT_TCP, 4242);
	/* Two bytes that are not an attribute. */
	r.nlh.nlmsg_len += 2;
	EXPECT_EQ(-EINVAL, nl_talk(self->fd, &r, &res));
	EXPECT_NE(0, res.extack[0]) TH_LOG("no extack message");
	EXPECT_UNCHANGED(self);
}

TEST_F(cfg, unknown_command)
{
	struct nlres res;
	struct nlreq r;

	nlreq_init(&r, self->fam, IPVS_LITE_CMD_BASE - 1, 0);
	EXPECT_EQ(-EOPNOTSUPP, nl_talk(self->fd, &r, &res));
}

/*
 * Exit 0 if both GET_CONFIG and SET_CONFIG are refused with EPERM and, if
 * @why, an extack message that contains it (the core's own refusals, in
 * the initial namespace, carry none).
 */
static int refused(const char *why)
{
	struct nlres res;
	struct nlreq r;
	int fd, fam;

	fam = open_family(&fd);
	if (fam <= 0)
		return 2;
	nlreq_init(&r, fam, IPVS_CMD_GET_CONFIG, 0);
	if (nl_talk(fd, &r, &res) != -EPERM)
		return 3;
	if (why && !strstr(res.extack, why))
		return 4;
	if (set_timeouts(fd, fam, 11, 11, 11, &res) != -EPERM)
		return 5;
	if (why && !strstr(res.extack, why))
		return 6;
	return 0;
}

static int expect_eperm(void)
{
	return refused(NULL);
}

TEST_F(cfg, unprivileged_user)
{
	EXPECT_EQ(0, in_child(drop_to_nobody, expect_eperm));
	EXPECT_UNCHANGED(self);
}

TEST_F(cfg, user_namespace_does_not_own_init_net)
{
	EXPECT_EQ(0, in_child(new_userns, expect_eperm));
	EXPECT_UNCHANGED(self);
}

/* Refused with the extack message that names the module parameter. */
static int expect_eperm_extack(void)
{
	return refused("allow_userns");
}

TEST_F(cfg, user_namespace_refused_in_its_own_netns_by_default)
{
	EXPECT_EQ(0, in_child(new_userns_netns, expect_eperm_extack));
	EXPECT_UNCHANGED(self);
}

/* In a netns of its own, a user namespace is admin, with its own config. */
static int own_netns_config(void)
{
	struct nlres res;
	int fd, fam;

	fam = open_family(&fd);
	if (fam <= 0)
		return 2;
	if (set_timeouts(fd, fam, 21, 22, 23, &res))
		return 3;
	return timeouts_are(fd, fam, 21, 22, 23) ? 0 : 4;
}

TEST_F(cfg, netns_isolation)
{
	ASSERT_EQ(0, set_allow_userns(1));
	EXPECT_EQ(0, in_child(new_userns_netns, own_netns_config));
	EXPECT_UNCHANGED(self);
}

/* allow_userns opens no door into the initial namespace. */
TEST_F(cfg, allow_userns_keeps_init_net_closed)
{
	ASSERT_EQ(0, set_allow_userns(1));
	EXPECT_EQ(0, in_child(new_userns, expect_eperm));
	EXPECT_EQ(0, in_child(drop_to_nobody, expect_eperm));
	EXPECT_UNCHANGED(self);
}

static int set_conn_max(int fd, int fam, uint32_t n, struct nlres *res)
{
	struct nlreq r;

	nlreq_init(&r, fam, IPVS_CMD_SET_CONFIG, 0);
	nlreq_put_u32(&r, IPVS_LITE_CMD_ATTR_CONN_MAX, n);
	return nl_talk(fd, &r, res);
}

static bool bound_refused(const struct nlres *res)
{
	return strstr(res->extack, "initial namespace");
}

/*
 * The parent set the initial namespace's timeouts to 500 60 100 and its
 * bound to 1000 (all below the defaults): a user namespace's netns starts
 * there and may go lower, not higher; a refused SET_CONFIG sets nothing.
 */
static int bounded_netns(void)
{
	struct nlres res;
	int fd, fam;

	fam = open_family(&fd);
	if (fam <= 0)
		return 2;
	if (!timeouts_are(fd, fam, 500, 60, 100))
		return 3;
	if (set_timeouts(fd, fam, 400, 60, 101, &res) != -EPERM ||
	    !bound_refused(&res))
		return 4;
	if (!timeouts_are(fd, fam, 500, 60, 100))
		return 5;
	if (set_timeouts(fd, fam, 501, 0, 0, &res) != -EPERM ||
	    !bound_refused(&res))
		return 6;
	if (set_timeouts(fd, fam, 0, 61, 0, &res) != -EPERM ||
	    !bound_refused(&res))
		return 7;
	if (set_timeouts(fd, fam, 400, 50, 100, &res))
		return 8;
	if (!timeouts_are(fd, fam, 400, 50, 100))
		return 9;
	if (set_conn_max(fd, fam, 1001, &res) != -EPERM || !bound_refused(&res))
		return 10;
	if (set_conn_max(fd, fam, 1000, &res) || set_conn_max(fd, fam, 10, &res))
		return 11;
	return 0;
}

TEST_F(cfg, user_namespace_within_initial_bounds)
{
	struct nlres res;

	ASSERT_EQ(0, set_timeouts(self->fd, self->fam, 500, 60, 100, &res));
	ASSERT_EQ(0, set_conn_max(self->fd, self->fam, 1000, &res));
	ASSERT_EQ(0, set_allow_userns(1));
	EXPECT_EQ(0, in_child(new_userns_netns, bounded_netns));
	/* The initial namespace's own administrator is not bounded. */
	EXPECT_EQ(0, set_conn_max(self->fd, self->fam, 5000, &res));
}

TEST_HARNESS_MAIN
