// SPDX-License-Identifier: GPL-2.0
/*
 * The family's commands, as messages: what ipvsadm's libipvs sends and
 * reads, without its global state.  Errors come back as negative errnos;
 * ipvs_strerror() words them as ipvsadm does.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "ipvs.h"
#include "nl.h"

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

int ipvs_get_info(struct nl_ctx *nl, struct ipvs_info *info)
{
	struct nl_msg *msg = nlx_msg(nl, IPVS_CMD_GET_INFO, 0);

	return msg ? nlx_talk(nl, msg, info_cb, info) : -ENOMEM;
}

static int timeouts_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct timeouts *t = arg;

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

int ipvs_get_timeouts(struct nl_ctx *nl, struct timeouts *t)
{
	struct nl_msg *msg = nlx_msg(nl, IPVS_CMD_GET_CONFIG, 0);

	return msg ? nlx_talk(nl, msg, timeouts_cb, t) : -ENOMEM;
}

int ipvs_set_timeouts(struct nl_ctx *nl, const struct timeouts *t)
{
	struct nl_msg *msg = nlx_msg(nl, IPVS_CMD_SET_CONFIG, 0);

	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP, t->tcp) ||
	    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, t->tcp_fin) ||
	    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_UDP, t->udp)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return nlx_talk(nl, msg, NULL, NULL);
}

/* Messages out ------------------------------------------------------------ */

/* @type: IPVS_CMD_ATTR_SERVICE, with NLA_F_NESTED for our extensions. */
static int put_service_nest(struct nl_msg *msg, int type,
			    const struct svc *svc)
{
	struct ip_vs_flags flags = { .flags = svc->flags, .mask = ~0U };
	struct nlattr *nest = nla_nest_start(msg, type);

	if (!nest || nla_put_u16(msg, IPVS_SVC_ATTR_AF, svc->af))
		return -1;
	if (svc->fwmark) {
		if (nla_put_u32(msg, IPVS_SVC_ATTR_FWMARK, svc->fwmark))
			return -1;
	} else if (nla_put_u16(msg, IPVS_SVC_ATTR_PROTOCOL, svc->protocol) ||
		   nla_put(msg, IPVS_SVC_ATTR_ADDR, sizeof(svc->addr),
			   &svc->addr) ||
		   nla_put_u16(msg, IPVS_SVC_ATTR_PORT, svc->port)) {
		return -1;
	}
	if (nla_put_string(msg, IPVS_SVC_ATTR_SCHED_NAME, svc->sched_name) ||
	    (svc->pe_name[0] &&
	     nla_put_string(msg, IPVS_SVC_ATTR_PE_NAME, svc->pe_name)) ||
	    nla_put(msg, IPVS_SVC_ATTR_FLAGS, sizeof(flags), &flags) ||
	    nla_put_u32(msg, IPVS_SVC_ATTR_TIMEOUT, svc->timeout) ||
	    nla_put_u32(msg, IPVS_SVC_ATTR_NETMASK, svc->netmask))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

static int put_service(struct nl_msg *msg, const struct svc *svc)
{
	return put_service_nest(msg, IPVS_CMD_ATTR_SERVICE, svc);
}

static int put_dest(struct nl_msg *msg, const struct svc *svc,
		    const struct dest *d)
{
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_DEST);

	if (!nest ||
	    nla_put(msg, IPVS_DEST_ATTR_ADDR, sizeof(d->addr), &d->addr) ||
	    nla_put_u16(msg, IPVS_DEST_ATTR_PORT, d->port) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_FWD_METHOD, d->fwd) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_WEIGHT, d->weight) ||
	    nla_put_u8(msg, IPVS_DEST_ATTR_TUN_TYPE, d->tun_type) ||
	    nla_put_u16(msg, IPVS_DEST_ATTR_TUN_PORT, d->tun_port) ||
	    nla_put_u16(msg, IPVS_DEST_ATTR_TUN_FLAGS, d->tun_flags) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_U_THRESH, d->u_threshold) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_L_THRESH, d->l_threshold) ||
	    (d->af != svc->af &&
	     nla_put_u16(msg, IPVS_DEST_ATTR_ADDR_FAMILY, d->af)))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

static int send_svc(struct nl_ctx *nl, uint8_t cmd, int flags,
		    const struct svc *svc, const struct dest *dest,
		    int (*cb)(struct nl_msg *, void *), void *arg)
{
	struct nl_msg *msg = nlx_msg(nl, cmd, flags);

	if (!msg)
		return -ENOMEM;
	if ((svc && put_service(msg, svc)) ||
	    (dest && put_dest(msg, svc, dest))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return nlx_talk(nl, msg, cb, arg);
}

int ipvs_service_cmd(struct nl_ctx *nl, enum cmd cmd, const struct svc *svc)
{
	uint8_t nlcmd = cmd == CMD_ADD ? IPVS_CMD_NEW_SERVICE :
			cmd == CMD_EDIT ? IPVS_CMD_SET_SERVICE :
					  IPVS_CMD_DEL_SERVICE;
	struct nl_msg *msg;

	if (cmd == CMD_DEL || !svc->mh_size)
		return send_svc(nl, nlcmd, 0, svc, NULL, NULL, NULL);
	/* mh's table size: ipvs-lite's extension. */
	msg = nlx_msg(nl, nlcmd, 0);
	if (!msg)
		return -ENOMEM;
	if (put_service(msg, svc) ||
	    nla_put_u32(msg, IPVS_LITE_CMD_ATTR_MH_SIZE, svc->mh_size)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return nlx_talk(nl, msg, NULL, NULL);
}

int ipvs_dest_cmd(struct nl_ctx *nl, enum cmd cmd, const struct svc *svc,
		  const struct dest *dest)
{
	uint8_t nlcmd = cmd == CMD_ADDDEST ? IPVS_CMD_NEW_DEST :
			cmd == CMD_EDITDEST ? IPVS_CMD_SET_DEST :
					      IPVS_CMD_DEL_DEST;

	return send_svc(nl, nlcmd, 0, svc, dest, NULL, NULL);
}

int ipvs_zero(struct nl_ctx *nl, const struct svc *svc)
{
	return send_svc(nl, IPVS_CMD_ZERO, 0, svc, NULL, NULL, NULL);
}

int ipvs_flush(struct nl_ctx *nl)
{
	return send_svc(nl, IPVS_CMD_FLUSH, 0, NULL, NULL, NULL, NULL);
}

/*
 * The daemon's nest, as ipvsadm sends it: its state, interface and sync
 * ID always, and what was given of the rest (zero: the kernel's default).
 */
static int put_daemon(struct nl_msg *msg, const struct daemon *dm)
{
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_DAEMON);

	if (!nest ||
	    nla_put_u32(msg, IPVS_DAEMON_ATTR_STATE, dm->state) ||
	    nla_put_string(msg, IPVS_DAEMON_ATTR_MCAST_IFN, dm->mcast_ifn) ||
	    nla_put_u32(msg, IPVS_DAEMON_ATTR_SYNC_ID, dm->syncid) ||
	    (dm->sync_maxlen &&
	     nla_put_u16(msg, IPVS_DAEMON_ATTR_SYNC_MAXLEN, dm->sync_maxlen)) ||
	    (dm->mcast_port &&
	     nla_put_u16(msg, IPVS_DAEMON_ATTR_MCAST_PORT, dm->mcast_port)) ||
	    (dm->mcast_ttl &&
	     nla_put_u8(msg, IPVS_DAEMON_ATTR_MCAST_TTL, dm->mcast_ttl)) ||
	    (dm->mcast_af == AF_INET6 &&
	     nla_put(msg, IPVS_DAEMON_ATTR_MCAST_GROUP6,
		     sizeof(dm->mcast_group.in6), &dm->mcast_group.in6)) ||
	    (dm->mcast_af == AF_INET &&
	     nla_put_u32(msg, IPVS_DAEMON_ATTR_MCAST_GROUP,
			 dm->mcast_group.ip)))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

/* --start-daemon (NEW_DAEMON) and --stop-daemon (DEL_DAEMON). */
int ipvs_daemon_cmd(struct nl_ctx *nl, enum cmd cmd, const struct daemon *dm)
{
	struct nl_msg *msg = nlx_msg(nl, cmd == CMD_STARTDAEMON ?
					 IPVS_CMD_NEW_DAEMON :
					 IPVS_CMD_DEL_DAEMON, 0);

	if (!msg)
		return -ENOMEM;
	if (put_daemon(msg, dm)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return nlx_talk(nl, msg, NULL, NULL);
}

/* Messages in ------------------------------------------------------------- */

static void parse_stats(struct nlattr *nest, struct counters *c)
{
	struct nlattr *tb[IPVS_STATS_ATTR_MAX + 1];
	uint64_t *v[] = {
		[IPVS_STATS_ATTR_CONNS] = &c->conns,
		[IPVS_STATS_ATTR_INPKTS] = &c->inpkts,
		[IPVS_STATS_ATTR_OUTPKTS] = &c->outpkts,
		[IPVS_STATS_ATTR_INBYTES] = &c->inbytes,
		[IPVS_STATS_ATTR_OUTBYTES] = &c->outbytes,
		[IPVS_STATS_ATTR_CPS] = &c->cps,
		[IPVS_STATS_ATTR_INPPS] = &c->inpps,
		[IPVS_STATS_ATTR_OUTPPS] = &c->outpps,
		[IPVS_STATS_ATTR_INBPS] = &c->inbps,
		[IPVS_STATS_ATTR_OUTBPS] = &c->outbps,
	};
	int a;

	memset(c, 0, sizeof(*c));
	if (!nest || nla_parse_nested(tb, IPVS_STATS_ATTR_MAX, nest, NULL))
		return;
	for (a = IPVS_STATS_ATTR_CONNS; a <= IPVS_STATS_ATTR_OUTBPS; a++) {
		if (!tb[a])
			continue;
		/* STATS64 carries all in 64 bits; STATS only the bytes. */
		*v[a] = nla_len(tb[a]) >= 8 ? nla_get_u64(tb[a]) :
					      nla_get_u32(tb[a]);
	}
}

static int parse_service(struct nlattr *nest, struct svc *svc)
{
	struct nlattr *tb[IPVS_SVC_ATTR_MAX + 1];
	struct ip_vs_flags flags;

	memset(svc, 0, sizeof(*svc));
	if (!nest || nla_parse_nested(tb, IPVS_SVC_ATTR_MAX, nest, NULL) ||
	    !tb[IPVS_SVC_ATTR_AF] || !tb[IPVS_SVC_ATTR_SCHED_NAME] ||
	    !tb[IPVS_SVC_ATTR_FLAGS] || !tb[IPVS_SVC_ATTR_TIMEOUT] ||
	    !tb[IPVS_SVC_ATTR_NETMASK])
		return -1;
	svc->af = nla_get_u16(tb[IPVS_SVC_ATTR_AF]);
	if (tb[IPVS_SVC_ATTR_FWMARK]) {
		svc->fwmark = nla_get_u32(tb[IPVS_SVC_ATTR_FWMARK]);
	} else {
		if (!tb[IPVS_SVC_ATTR_PROTOCOL] || !tb[IPVS_SVC_ATTR_ADDR] ||
		    !tb[IPVS_SVC_ATTR_PORT])
			return -1;
		svc->protocol = nla_get_u16(tb[IPVS_SVC_ATTR_PROTOCOL]);
		nla_memcpy(&svc->addr, tb[IPVS_SVC_ATTR_ADDR],
			   sizeof(svc->addr));
		svc->port = nla_get_u16(tb[IPVS_SVC_ATTR_PORT]);
	}
	nla_strlcpy(svc->sched_name, tb[IPVS_SVC_ATTR_SCHED_NAME],
		    sizeof(svc->sched_name));
	if (tb[IPVS_SVC_ATTR_PE_NAME])
		nla_strlcpy(svc->pe_name, tb[IPVS_SVC_ATTR_PE_NAME],
			    sizeof(svc->pe_name));
	nla_memcpy(&flags, tb[IPVS_SVC_ATTR_FLAGS], sizeof(flags));
	svc->flags = flags.flags;
	svc->timeout = nla_get_u32(tb[IPVS_SVC_ATTR_TIMEOUT]);
	svc->netmask = nla_get_u32(tb[IPVS_SVC_ATTR_NETMASK]);
	parse_stats(tb[IPVS_SVC_ATTR_STATS64] ? tb[IPVS_SVC_ATTR_STATS64] :
						tb[IPVS_SVC_ATTR_STATS],
		    &svc->stats);
	return 0;
}

struct svc_list {
	struct svc *svcs;
	int n, cap;
};

static int services_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IPVS_LITE_CMD_ATTR_MAX + 1];
	struct svc_list *l = arg;

	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 64;
		struct svc *p = realloc(l->svcs, cap * sizeof(*p));

		if (!p)
			return -1;
		l->svcs = p;
		l->cap = cap;
	}
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, IPVS_LITE_CMD_ATTR_MAX,
			  NULL) ||
	    parse_service(tb[IPVS_CMD_ATTR_SERVICE], &l->svcs[l->n]))
		return -1;
	if (tb[IPVS_LITE_CMD_ATTR_MH_SIZE])
		l->svcs[l->n].mh_size =
			nla_get_u32(tb[IPVS_LITE_CMD_ATTR_MH_SIZE]);
	l->n++;
	return 0;
}

int ipvs_get_services(struct nl_ctx *nl, struct svc **svcs, int *n)
{
	struct svc_list l = { 0 };
	int ret, i;

	ret = send_svc(nl, IPVS_CMD_GET_SERVICE, NLM_F_DUMP, NULL, NULL,
		       services_cb, &l);
	for (i = 0; !ret && i < l.n; i++)
		ret = ipvs_get_dests(nl, &l.svcs[i]);
	if (ret) {
		free_services(l.svcs, l.n);
		return ret;
	}
	*svcs = l.svcs;
	*n = l.n;
	return 0;
}

/* Fill in @svc, which names a service, and its destinations. */
int ipvs_get_service(struct nl_ctx *nl, struct svc *svc)
{
	struct svc_list l = { 0 };
	int ret;

	ret = send_svc(nl, IPVS_CMD_GET_SERVICE, 0, svc, NULL, services_cb,
		       &l);
	if (!ret && l.n != 1)
		ret = -ESRCH;
	if (!ret) {
		*svc = l.svcs[0];
		ret = ipvs_get_dests(nl, svc);
	}
	free(l.svcs);
	return ret;
}

static int dests_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *dt[IPVS_DEST_ATTR_MAX + 1];
	struct svc *svc = arg;
	struct dest *d, *p;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, IPVS_CMD_ATTR_MAX, NULL) ||
	    !tb[IPVS_CMD_ATTR_DEST] ||
	    nla_parse_nested(dt, IPVS_DEST_ATTR_MAX, tb[IPVS_CMD_ATTR_DEST],
			     NULL) ||
	    !dt[IPVS_DEST_ATTR_ADDR] || !dt[IPVS_DEST_ATTR_PORT] ||
	    !dt[IPVS_DEST_ATTR_FWD_METHOD] || !dt[IPVS_DEST_ATTR_WEIGHT])
		return -1;
	p = realloc(svc->dests, (svc->num_dests + 1) * sizeof(*p));
	if (!p)
		return -1;
	svc->dests = p;
	d = &p[svc->num_dests++];
	memset(d, 0, sizeof(*d));
	nla_memcpy(&d->addr, dt[IPVS_DEST_ATTR_ADDR], sizeof(d->addr));
	d->port = nla_get_u16(dt[IPVS_DEST_ATTR_PORT]);
	d->af = dt[IPVS_DEST_ATTR_ADDR_FAMILY] ?
		nla_get_u16(dt[IPVS_DEST_ATTR_ADDR_FAMILY]) : svc->af;
	d->fwd = nla_get_u32(dt[IPVS_DEST_ATTR_FWD_METHOD]) &
		 IP_VS_CONN_F_FWD_MASK;
	d->weight = (int)nla_get_u32(dt[IPVS_DEST_ATTR_WEIGHT]);
#define GET(field, attr, get) \
	do { if (dt[attr]) d->field = get(dt[attr]); } while (0)
	GET(u_threshold, IPVS_DEST_ATTR_U_THRESH, nla_get_u32);
	GET(l_threshold, IPVS_DEST_ATTR_L_THRESH, nla_get_u32);
	GET(activeconns, IPVS_DEST_ATTR_ACTIVE_CONNS, nla_get_u32);
	GET(inactconns, IPVS_DEST_ATTR_INACT_CONNS, nla_get_u32);
	GET(persistconns, IPVS_DEST_ATTR_PERSIST_CONNS, nla_get_u32);
	GET(tun_type, IPVS_DEST_ATTR_TUN_TYPE, nla_get_u8);
	GET(tun_port, IPVS_DEST_ATTR_TUN_PORT, nla_get_u16);
	GET(tun_flags, IPVS_DEST_ATTR_TUN_FLAGS, nla_get_u16);
#undef GET
	parse_stats(dt[IPVS_DEST_ATTR_STATS64] ? dt[IPVS_DEST_ATTR_STATS64] :
						 dt[IPVS_DEST_ATTR_STATS],
		    &d->stats);
	return 0;
}

int ipvs_get_dests(struct nl_ctx *nl, struct svc *svc)
{
	struct svc id = *svc;

	svc->dests = NULL;
	svc->num_dests = 0;
	return send_svc(nl, IPVS_CMD_GET_DEST, NLM_F_DUMP, &id, NULL,
			dests_cb, svc);
}

struct daemon_list {
	struct daemon *daemons;
	int n;
};

/* One daemon of GET_DAEMON's dump; what it leaves out stays 0. */
static int daemons_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *a[IPVS_DAEMON_ATTR_MAX + 1];
	struct daemon_list *l = arg;
	struct daemon *dm, *p;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, IPVS_CMD_ATTR_MAX, NULL) ||
	    !tb[IPVS_CMD_ATTR_DAEMON] ||
	    nla_parse_nested(a, IPVS_DAEMON_ATTR_MAX, tb[IPVS_CMD_ATTR_DAEMON],
			     NULL) ||
	    !a[IPVS_DAEMON_ATTR_STATE] || !a[IPVS_DAEMON_ATTR_MCAST_IFN] ||
	    !a[IPVS_DAEMON_ATTR_SYNC_ID])
		return -1;
	p = realloc(l->daemons, (l->n + 1) * sizeof(*p));
	if (!p)
		return -1;
	l->daemons = p;
	dm = &p[l->n++];
	memset(dm, 0, sizeof(*dm));
	dm->state = nla_get_u32(a[IPVS_DAEMON_ATTR_STATE]);
	nla_strlcpy(dm->mcast_ifn, a[IPVS_DAEMON_ATTR_MCAST_IFN],
		    sizeof(dm->mcast_ifn));
	dm->syncid = nla_get_u32(a[IPVS_DAEMON_ATTR_SYNC_ID]);
	if (a[IPVS_DAEMON_ATTR_SYNC_MAXLEN])
		dm->sync_maxlen = nla_get_u16(a[IPVS_DAEMON_ATTR_SYNC_MAXLEN]);
	if (a[IPVS_DAEMON_ATTR_MCAST_PORT])
		dm->mcast_port = nla_get_u16(a[IPVS_DAEMON_ATTR_MCAST_PORT]);
	if (a[IPVS_DAEMON_ATTR_MCAST_TTL])
		dm->mcast_ttl = nla_get_u8(a[IPVS_DAEMON_ATTR_MCAST_TTL]);
	if (a[IPVS_DAEMON_ATTR_MCAST_GROUP]) {
		dm->mcast_af = AF_INET;
		dm->mcast_group.ip = nla_get_u32(a[IPVS_DAEMON_ATTR_MCAST_GROUP]);
	} else if (a[IPVS_DAEMON_ATTR_MCAST_GROUP6]) {
		dm->mcast_af = AF_INET6;
		nla_memcpy(&dm->mcast_group.in6,
			   a[IPVS_DAEMON_ATTR_MCAST_GROUP6],
			   sizeof(dm->mcast_group.in6));
	}
	return 0;
}

/* The daemons running, in the kernel's order (master, then backup). */
int ipvs_get_daemons(struct nl_ctx *nl, struct daemon **daemons, int *n)
{
	struct nl_msg *msg = nlx_msg(nl, IPVS_CMD_GET_DAEMON, NLM_F_DUMP);
	struct daemon_list l = { 0 };
	int ret;

	if (!msg)
		return -ENOMEM;
	ret = nlx_talk(nl, msg, daemons_cb, &l);
	if (ret) {
		free(l.daemons);
		return ret;
	}
	*daemons = l.daemons;
	*n = l.n;
	return 0;
}

void free_services(struct svc *svcs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(svcs[i].dests);
	free(svcs);
}

/* ipvsadm's words for the errors of each command. */
const char *ipvs_strerror(enum cmd cmd, bool listing, int err)
{
	static const struct {
		enum cmd cmd;	/* CMD_NONE: any */
		int err;
		const char *msg;
	} table[] = {
		{ CMD_ADD, EEXIST, "Service already exists" },
		{ CMD_ADD, ENOENT, "Scheduler or persistence engine not found" },
		{ CMD_EDIT, ESRCH, "No such service" },
		{ CMD_EDIT, ENOENT, "Scheduler or persistence engine not found" },
		{ CMD_DEL, ESRCH, "No such service" },
		{ CMD_ZERO, ESRCH, "No such service" },
		{ CMD_ADDDEST, ESRCH, "Service not defined" },
		{ CMD_ADDDEST, EEXIST, "Destination already exists" },
		{ CMD_EDITDEST, ESRCH, "Service not defined" },
		{ CMD_EDITDEST, ENOENT, "No such destination" },
		{ CMD_DELDEST, ESRCH, "Service not defined" },
		{ CMD_DELDEST, ENOENT, "No such destination" },
		{ CMD_STARTDAEMON, EEXIST, "Daemon has already run" },
		{ CMD_STOPDAEMON, ESRCH, "No daemon is running" },
		{ CMD_NONE, EPERM, "Permission denied (you must be root)" },
		{ CMD_NONE, EINVAL, "Invalid operation.  Possibly wrong module version, address not unicast, ..." },
		{ CMD_NONE, ENOPROTOOPT, "Protocol not available" },
		{ CMD_NONE, ENOMEM, "Memory allocation problem" },
		{ CMD_NONE, EOPNOTSUPP, "Operation not supported with IPv6" },
		{ CMD_NONE, EAFNOSUPPORT, "Operation not supported with specified address family" },
		{ CMD_NONE, EMSGSIZE, "Module is wrong version" },
	};
	size_t i;

	if (listing && err == ESRCH)
		return "No such service";
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if ((table[i].cmd == CMD_NONE ||
		     (!listing && table[i].cmd == cmd)) && table[i].err == err)
			return table[i].msg;
	return strerror(err);
}

/* Connections and status (ipvs-lite's extensions) ------------------------ */

const char *const state_names[IPVS_LITE_S_MAX] = IPVS_LITE_STATE_NAMES;

const char *const drop_names[IPVS_LITE_DROP_MAX] = {
	[IPVS_LITE_DROP_NO_SERVICE] = "no_service",
	[IPVS_LITE_DROP_NO_DEST] = "no_dest",
	[IPVS_LITE_DROP_TABLE_FULL] = "table_full",
	[IPVS_LITE_DROP_NONSYN_MISS] = "nonsyn_miss",
	[IPVS_LITE_DROP_CHECKSUM] = "checksum",
	[IPVS_LITE_DROP_MALFORMED] = "malformed",
	[IPVS_LITE_DROP_TTL] = "ttl_expired",
	[IPVS_LITE_DROP_TOO_BIG] = "too_big",
	[IPVS_LITE_DROP_NOMEM] = "nomem",
	[IPVS_LITE_DROP_XMIT] = "xmit_error",
};

const char *const sync_names[IPVS_LITE_SYNC_MAX] = {
	[IPVS_LITE_SYNC_MSGS_SENT] = "msgs_sent",
	[IPVS_LITE_SYNC_CONNS_SENT] = "conns_sent",
	[IPVS_LITE_SYNC_SEND_LOST] = "send_lost",
	[IPVS_LITE_SYNC_MSGS_RECV] = "msgs_recv",
	[IPVS_LITE_SYNC_CONNS_RECV] = "conns_recv",
	[IPVS_LITE_SYNC_R_SHORT] = "refused_short",
	[IPVS_LITE_SYNC_R_SYNCID] = "refused_syncid",
	[IPVS_LITE_SYNC_R_VERSION] = "refused_version",
	[IPVS_LITE_SYNC_R_ENTRY] = "refused_entry",
	[IPVS_LITE_SYNC_R_OPTION] = "refused_option",
	[IPVS_LITE_SYNC_R_FLAGS] = "refused_flags",
	[IPVS_LITE_SYNC_R_PROTOCOL] = "refused_protocol",
	[IPVS_LITE_SYNC_R_STATE] = "refused_state",
	[IPVS_LITE_SYNC_R_NO_DEST] = "refused_no_dest",
	[IPVS_LITE_SYNC_R_NOMEM] = "refused_nomem",
};

struct conn_list {
	struct conn *conns;
	int n, cap;
};

static void get_addr(union nf_inet_addr *a, const struct nlattr *attr)
{
	size_t len = attr ? (size_t)nla_len(attr) : 0;

	memset(a, 0, sizeof(*a));
	memcpy(a, attr ? nla_data(attr) : "", len < sizeof(*a) ? len :
							       sizeof(*a));
}

static int conns_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IPVS_LITE_CMD_ATTR_MAX + 1];
	struct nlattr *a[IPVS_LITE_CONN_ATTR_MAX + 1];
	struct conn_list *l = arg;
	struct conn *c;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, IPVS_LITE_CMD_ATTR_MAX,
			  NULL) || !tb[IPVS_LITE_CMD_ATTR_CONN] ||
	    nla_parse_nested(a, IPVS_LITE_CONN_ATTR_MAX,
			     tb[IPVS_LITE_CMD_ATTR_CONN], NULL) ||
	    !a[IPVS_LITE_CONN_ATTR_AF] || !a[IPVS_LITE_CONN_ATTR_STATE])
		return -1;
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 256;
		struct conn *p = realloc(l->conns, cap * sizeof(*p));

		if (!p)
			return -1;
		l->conns = p;
		l->cap = cap;
	}
	c = &l->conns[l->n++];
	c->af = nla_get_u16(a[IPVS_LITE_CONN_ATTR_AF]);
	c->protocol = a[IPVS_LITE_CONN_ATTR_PROTOCOL] ?
		      nla_get_u16(a[IPVS_LITE_CONN_ATTR_PROTOCOL]) : 0;
	get_addr(&c->caddr, a[IPVS_LITE_CONN_ATTR_CADDR]);
	get_addr(&c->vaddr, a[IPVS_LITE_CONN_ATTR_VADDR]);
	get_addr(&c->daddr, a[IPVS_LITE_CONN_ATTR_DADDR]);
	c->cport = a[IPVS_LITE_CONN_ATTR_CPORT] ?
		   nla_get_u16(a[IPVS_LITE_CONN_ATTR_CPORT]) : 0;
	c->vport = a[IPVS_LITE_CONN_ATTR_VPORT] ?
		   nla_get_u16(a[IPVS_LITE_CONN_ATTR_VPORT]) : 0;
	c->dport = a[IPVS_LITE_CONN_ATTR_DPORT] ?
		   nla_get_u16(a[IPVS_LITE_CONN_ATTR_DPORT]) : 0;
	c->state = nla_get_u8(a[IPVS_LITE_CONN_ATTR_STATE]);
	if (c->state >= IPVS_LITE_S_MAX)
		c->state = IPVS_LITE_S_NONE;
	c->fwd = a[IPVS_LITE_CONN_ATTR_FWD_METHOD] ?
		 nla_get_u32(a[IPVS_LITE_CONN_ATTR_FWD_METHOD]) : 0;
	c->expires_ms = a[IPVS_LITE_CONN_ATTR_EXPIRES] ?
			nla_get_u32(a[IPVS_LITE_CONN_ATTR_EXPIRES]) : 0;
	return 0;
}

static int put_conn_filters(struct nl_msg *msg, const struct command *c)
{
	struct nlattr *nest;

	if ((c->options & OPT(OPTC_SERVICE)) &&
	    put_service_nest(msg, IPVS_CMD_ATTR_SERVICE | NLA_F_NESTED,
			     &c->svc))
		return -1;
	if (c->options & OPT(OPTC_SERVER)) {
		nest = nla_nest_start(msg, IPVS_CMD_ATTR_DEST | NLA_F_NESTED);
		if (!nest ||
		    nla_put(msg, IPVS_DEST_ATTR_ADDR, sizeof(c->dest.addr),
			    &c->dest.addr) ||
		    nla_put_u16(msg, IPVS_DEST_ATTR_ADDR_FAMILY, c->dest.af) ||
		    (c->dest.port &&
		     nla_put_u16(msg, IPVS_DEST_ATTR_PORT, c->dest.port)))
			return -1;
		nla_nest_end(msg, nest);
	}
	if (c->filter.state < 0 && !c->filter.client_af)
		return 0;
	nest = nla_nest_start(msg, IPVS_LITE_CMD_ATTR_CONN_FILTER |
				    NLA_F_NESTED);
	if (!nest ||
	    (c->filter.state >= 0 &&
	     nla_put_u8(msg, IPVS_LITE_FILTER_ATTR_STATE, c->filter.state)) ||
	    (c->filter.client_af &&
	     (nla_put_u16(msg, IPVS_LITE_FILTER_ATTR_AF, c->filter.client_af) ||
	      nla_put(msg, IPVS_LITE_FILTER_ATTR_CLIENT,
		      sizeof(c->filter.client), &c->filter.client))))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

int ipvs_get_conns(struct nl_ctx *nl, const struct command *c,
		   struct conn **conns, int *n)
{
	struct nl_msg *msg = nlx_msg(nl, IPVS_LITE_CMD_GET_CONN, NLM_F_DUMP);
	struct conn_list l = { 0 };
	int ret;

	if (!msg)
		return -ENOMEM;
	if (put_conn_filters(msg, c)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	ret = nlx_talk(nl, msg, conns_cb, &l);
	if (ret) {
		free(l.conns);
		return ret;
	}
	*conns = l.conns;
	*n = l.n;
	return 0;
}

#define COUNTERS_MAX	((int)IPVS_LITE_DROP_MAX > (int)IPVS_LITE_SYNC_MAX ? \
			 (int)IPVS_LITE_DROP_MAX : (int)IPVS_LITE_SYNC_MAX)

/*
 * @n (at most COUNTERS_MAX) u64 counters of the nest @attr, numbered
 * from 1, into @v; those it leaves out, or all if there is no nest, are 0.
 */
static int get_counters(struct nlattr *attr, uint64_t *v, int n)
{
	struct nlattr *c[COUNTERS_MAX + 1];
	int i;

	memset(v, 0, n * sizeof(*v));
	if (!attr)
		return 0;
	if (nla_parse_nested(c, n, attr, NULL))
		return -1;
	for (i = 0; i < n; i++)
		if (c[i + 1])
			v[i] = nla_get_u64(c[i + 1]);
	return 0;
}

static int status_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IPVS_LITE_CMD_ATTR_MAX + 1];
	struct nlattr *a[IPVS_LITE_STATUS_ATTR_MAX + 1];
	struct status *st = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, IPVS_LITE_CMD_ATTR_MAX,
			  NULL) || !tb[IPVS_LITE_CMD_ATTR_STATUS] ||
	    nla_parse_nested(a, IPVS_LITE_STATUS_ATTR_MAX,
			     tb[IPVS_LITE_CMD_ATTR_STATUS], NULL) ||
	    !a[IPVS_LITE_STATUS_ATTR_CONNS] ||
	    !a[IPVS_LITE_STATUS_ATTR_CONN_MAX] ||
	    !a[IPVS_LITE_STATUS_ATTR_DROPS] ||
	    get_counters(a[IPVS_LITE_STATUS_ATTR_DROPS], st->drops,
			 IPVS_LITE_DROP_MAX) ||
	    /* Older modules send no sync counters: zeros. */
	    get_counters(a[IPVS_LITE_STATUS_ATTR_SYNC], st->sync,
			 IPVS_LITE_SYNC_MAX))
		return -1;
	st->conns = nla_get_u32(a[IPVS_LITE_STATUS_ATTR_CONNS]);
	st->conn_max = nla_get_u32(a[IPVS_LITE_STATUS_ATTR_CONN_MAX]);
	return 0;
}

int ipvs_get_status(struct nl_ctx *nl, struct status *st)
{
	struct nl_msg *msg = nlx_msg(nl, IPVS_LITE_CMD_GET_STATUS, 0);

	memset(st, 0, sizeof(*st));
	return msg ? nlx_talk(nl, msg, status_cb, st) : -ENOMEM;
}

int ipvs_set_conn_max(struct nl_ctx *nl, uint32_t conn_max)
{
	struct nl_msg *msg = nlx_msg(nl, IPVS_CMD_SET_CONFIG, 0);

	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, IPVS_LITE_CMD_ATTR_CONN_MAX, conn_max)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return nlx_talk(nl, msg, NULL, NULL);
}
