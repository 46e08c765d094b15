// SPDX-License-Identifier: GPL-2.0
/*
 * IPVS_LITE_CMD_GET_CONN: the connection table, dumped with filters (a
 * service, a real server, a client, a state).
 *
 * No config_mutex: the dump walks &ipvl_net.conn_in_ht with an rhashtable
 * walker, a message's worth at a time inside rhashtable_walk_start() and
 * rhashtable_walk_stop(), that is under RCU, as the packet path does.
 * A connection found there is not freed before that read side ends
 * (conn.c frees it after a grace period), nor is the real server it holds
 * a reference to; that server's service is read with rcu_dereference().
 * A connection's state and expiry are the packet path's, read with
 * READ_ONCE().  The walker and the filters are in a struct ipvl_conn_dump
 * from the dump's start to its done.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "ipvs_lite.h"
#include "conn.h"
#include "dest.h"
#include "service.h"
#include "netlink.h"

/**
 * struct ipvl_conn_dump - a dump of the connection table in progress
 * @iter: where it is in the table
 * @parsed: the filters are read (by the first dumpit)
 * @resume: the connection at @iter did not fit the last message
 * @has_svc: filter by @svc
 * @has_dest: filter by @daddr, @dport
 * @has_client: filter by @caddr
 * @svc: list only the connections of this service
 * @daddr: ... of this real server
 * @dport: ... on this port, if not 0
 * @daf: family of @daddr
 * @caddr: ... of this client
 * @caf: family of @caddr
 * @state: ... in this state, if not negative
 */
struct ipvl_conn_dump {
	struct rhashtable_iter iter;
	bool parsed;
	bool resume;
	bool has_svc;
	bool has_dest;
	bool has_client;
	struct ipvl_svc_key svc;
	union nf_inet_addr daddr;
	__be16 dport;
	u16 daf;
	union nf_inet_addr caddr;
	u16 caf;
	int state;
};

static int ipvl_nl_parse_conn_dest(struct nlattr *nest, u16 af,
				   struct ipvl_conn_dump *d,
				   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[IPVS_DEST_ATTR_MAX + 1];
	int ret;

	ret = nla_parse_nested(tb, IPVS_DEST_ATTR_MAX, nest, ipvl_dest_policy,
			       extack);
	if (ret)
		return ret;
	if (IPVL_NEED(extack, tb, nest, IPVS_DEST_ATTR_ADDR)) {
		NL_SET_ERR_MSG_MOD(extack, "a real server filter needs an address");
		return -EINVAL;
	}
	d->daf = af;
	if (tb[IPVS_DEST_ATTR_ADDR_FAMILY]) {
		ret = ipvl_nl_parse_af(tb[IPVS_DEST_ATTR_ADDR_FAMILY], &d->daf,
				       extack);
		if (ret)
			return ret;
	}
	if (tb[IPVS_DEST_ATTR_PORT])
		d->dport = nla_get_be16(tb[IPVS_DEST_ATTR_PORT]);
	d->has_dest = true;
	return ipvl_nl_parse_addr(tb[IPVS_DEST_ATTR_ADDR], d->daf, &d->daddr,
				  extack);
}

static int ipvl_nl_parse_conn_filter(struct nlattr *nest,
				     struct ipvl_conn_dump *d,
				     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[IPVS_LITE_FILTER_ATTR_MAX + 1];
	int ret;

	ret = nla_parse_nested(tb, IPVS_LITE_FILTER_ATTR_MAX, nest,
			       ipvl_filter_policy, extack);
	if (ret)
		return ret;
	if (tb[IPVS_LITE_FILTER_ATTR_STATE])
		d->state = nla_get_u8(tb[IPVS_LITE_FILTER_ATTR_STATE]);
	if (!tb[IPVS_LITE_FILTER_ATTR_CLIENT])
		return 0;
	if (IPVL_NEED(extack, tb, nest, IPVS_LITE_FILTER_ATTR_AF)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "a client filter needs its address family");
		return -EINVAL;
	}
	ret = ipvl_nl_parse_af(tb[IPVS_LITE_FILTER_ATTR_AF], &d->caf, extack);
	if (ret)
		return ret;
	d->has_client = true;
	return ipvl_nl_parse_addr(tb[IPVS_LITE_FILTER_ATTR_CLIENT], d->caf,
				  &d->caddr, extack);
}

static int ipvl_nl_conn_filters(struct nlattr **attrs,
				struct ipvl_conn_dump *d,
				struct netlink_ext_ack *extack)
{
	struct ipvl_svc_conf conf;
	struct nlattr *nest;
	int ret;

	if (attrs[IPVS_CMD_ATTR_SERVICE]) {
		ret = ipvl_nl_parse_svc(attrs[IPVS_CMD_ATTR_SERVICE], false,
					&conf, extack);
		if (ret)
			return ret;
		d->svc = conf.key;
		d->has_svc = true;
	}
	if (attrs[IPVS_CMD_ATTR_DEST]) {
		ret = ipvl_nl_parse_conn_dest(attrs[IPVS_CMD_ATTR_DEST],
					      d->has_svc ? d->svc.af : AF_INET,
					      d, extack);
		if (ret)
			return ret;
	}
	nest = attrs[IPVS_LITE_CMD_ATTR_CONN_FILTER];
	return nest ? ipvl_nl_parse_conn_filter(nest, d, extack) : 0;
}

int ipvl_nl_conn_start(struct netlink_callback *cb)
{
	struct ipvl_net *in = ipvl_net(sock_net(cb->skb->sk));
	struct ipvl_conn_dump *d;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->state = -1;
	rhashtable_walk_enter(&in->conn_in_ht, &d->iter);
	cb->args[0] = (long)d;
	return 0;
}

/*
 * The filters, parsed by the first dumpit rather than by start: before
 * 6.2, start has no extack to explain a refusal with (cb->extack is set
 * for dumpit only), and a refusal from dumpit ends the dump with its
 * error and message in NLMSG_DONE.
 */
static int ipvl_nl_conn_parse(struct netlink_callback *cb,
			      struct ipvl_conn_dump *d)
{
	struct nlattr **attrs;
	int ret;

	/* Our attribute numbers start at 64: too many for the stack. */
	attrs = kcalloc(IPVL_CMD_ATTR_MAX + 1, sizeof(*attrs), GFP_KERNEL);
	if (!attrs)
		return -ENOMEM;
	ret = ipvl_nl_dump_attrs(cb, attrs) ?:
	      ipvl_nl_conn_filters(attrs, d, cb->extack);
	kfree(attrs);
	if (!ret)
		d->parsed = true;
	return ret;
}

int ipvl_nl_conn_done(struct netlink_callback *cb)
{
	struct ipvl_conn_dump *d = (struct ipvl_conn_dump *)cb->args[0];

	if (d) {
		rhashtable_walk_exit(&d->iter);
		kfree(d);
	}
	return 0;
}

/* Does @cp pass @d's filters?  Under RCU. */
static bool ipvl_conn_match(const struct ipvl_conn_dump *d,
			    const struct ipvl_conn *cp)
{
	if (d->has_svc) {
		if (d->svc.fwmark) {
			struct ipvl_service *svc;

			svc = rcu_dereference(cp->dest->svc);
			if (!svc || svc->key.fwmark != d->svc.fwmark ||
			    svc->key.af != d->svc.af)
				return false;
		} else if (cp->af != d->svc.af ||
			   cp->protocol != d->svc.protocol ||
			   cp->vport != d->svc.port ||
			   !nf_inet_addr_cmp(&cp->vaddr, &d->svc.addr)) {
			return false;
		}
	}
	if (d->has_dest &&
	    (cp->dest->af != d->daf || (d->dport && cp->dport != d->dport) ||
	     !nf_inet_addr_cmp(&cp->daddr, &d->daddr)))
		return false;
	if (d->has_client &&
	    (cp->af != d->caf || !nf_inet_addr_cmp(&cp->caddr, &d->caddr)))
		return false;
	return d->state < 0 || READ_ONCE(cp->state) == d->state;
}

static int ipvl_nl_put_conn(struct sk_buff *skb, struct netlink_callback *cb,
			    const struct ipvl_conn *cp)
{
	long left = (long)(READ_ONCE(cp->expires) - jiffies);
	struct nlattr *nest;
	void *hdr;

	hdr = ipvl_dump_put(skb, cb, IPVS_LITE_CMD_NEW_CONN);
	if (!hdr)
		return -EMSGSIZE;
	nest = nla_nest_start(skb, IPVS_LITE_CMD_ATTR_CONN);
	if (!nest ||
	    nla_put_u16(skb, IPVS_LITE_CONN_ATTR_AF, cp->af) ||
	    nla_put_u16(skb, IPVS_LITE_CONN_ATTR_PROTOCOL, cp->protocol) ||
	    nla_put(skb, IPVS_LITE_CONN_ATTR_CADDR, sizeof(cp->caddr),
		    &cp->caddr) ||
	    nla_put_be16(skb, IPVS_LITE_CONN_ATTR_CPORT, cp->cport) ||
	    nla_put(skb, IPVS_LITE_CONN_ATTR_VADDR, sizeof(cp->vaddr),
		    &cp->vaddr) ||
	    nla_put_be16(skb, IPVS_LITE_CONN_ATTR_VPORT, cp->vport) ||
	    nla_put(skb, IPVS_LITE_CONN_ATTR_DADDR, sizeof(cp->daddr),
		    &cp->daddr) ||
	    nla_put_be16(skb, IPVS_LITE_CONN_ATTR_DPORT, cp->dport) ||
	    nla_put_u8(skb, IPVS_LITE_CONN_ATTR_STATE, READ_ONCE(cp->state)) ||
	    nla_put_u32(skb, IPVS_LITE_CONN_ATTR_FWD_METHOD, cp->fwd) ||
	    nla_put_u32(skb, IPVS_LITE_CONN_ATTR_EXPIRES,
			left > 0 ? jiffies_to_msecs(left) : 0)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * The connection table, a message's worth at a time under RCU: no lock
 * the packet path takes, so a long listing does not slow it.  Entries
 * that come and go during a dump may be missed or, across a resize of the
 * table, listed twice.
 */
int ipvl_nl_dump_conns(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ipvl_conn_dump *d = (struct ipvl_conn_dump *)cb->args[0];
	struct ipvl_conn *cp;
	int ret;

	if (!d->parsed) {
		ret = ipvl_nl_conn_parse(cb, d);
		if (ret)
			return ret;
	}
	rhashtable_walk_start(&d->iter);
	cp = d->resume ? rhashtable_walk_peek(&d->iter) :
			 rhashtable_walk_next(&d->iter);
	d->resume = false;
	for (; cp; cp = rhashtable_walk_next(&d->iter)) {
		if (IS_ERR(cp)) {
			if (PTR_ERR(cp) == -EAGAIN)
				continue;
			break;
		}
		if (ipvl_conn_match(d, cp) && ipvl_nl_put_conn(skb, cb, cp)) {
			d->resume = true;
			break;
		}
	}
	rhashtable_walk_stop(&d->iter);
	return skb->len;
}
