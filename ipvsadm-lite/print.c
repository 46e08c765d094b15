// SPDX-License-Identifier: GPL-2.0
/*
 * Listings in ipvsadm 1.31's formats, byte for byte, and as JSON.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

#include "ipvs.h"
#include "print.h"

/* Sorting ------------------------------------------------------------------ */

/*
 * ipvsadm's order, its arithmetic included: differences of unsigned
 * values taken as int, so that addresses more than 2^31 apart compare
 * "backwards" exactly as they do there.
 */
static int cmp_addr(uint16_t af, const union nf_inet_addr *a,
		    const union nf_inet_addr *b)
{
	int i, r = 0;

	if (af == AF_INET6) {
		for (i = 0; !r && i < 4; i++)
			r = (int)(ntohl(a->all[i]) - ntohl(b->all[i]));
		return r;
	}
	return (int)(ntohl(a->ip) - ntohl(b->ip));
}

static int cmp_services(const void *x, const void *y)
{
	const struct svc *a = x, *b = y;
	int r;

	r = (int)(a->fwmark - b->fwmark);
	if (!r)
		r = a->af - b->af;
	if (!r)
		r = a->protocol - b->protocol;
	if (!r)
		r = cmp_addr(a->af, &a->addr, &b->addr);
	if (!r)
		r = ntohs(a->port) - ntohs(b->port);
	return r;
}

static int cmp_dests(const void *x, const void *y)
{
	const struct dest *a = x, *b = y;
	int r = cmp_addr(a->af, &a->addr, &b->addr);

	return r ? r : ntohs(a->port) - ntohs(b->port);
}

static void sort_services(struct svc *svcs, int n)
{
	qsort(svcs, n, sizeof(*svcs), cmp_services);
}

static void sort_dests(struct svc *svc)
{
	qsort(svc->dests, svc->num_dests, sizeof(*svc->dests), cmp_dests);
}

/* Names -------------------------------------------------------------------- */

static const char *proto_name(uint16_t proto)
{
	return proto == IPPROTO_TCP ? "TCP" : proto == IPPROTO_UDP ? "UDP" :
	       proto == IPPROTO_SCTP ? "SCTP" : proto == IPPROTO_IP ? "IP" :
	       "?";
}

static const char *proto_option(uint16_t proto)
{
	return proto == IPPROTO_TCP ? "-t" : proto == IPPROTO_UDP ? "-u" :
	       proto == IPPROTO_SCTP ? "--sctp-service" : "--xxx-service";
}

static const char *fwd_name(uint32_t fwd)
{
	switch (fwd) {
	case IP_VS_CONN_F_MASQ:
		return "Masq";
	case IP_VS_CONN_F_LOCALNODE:
		return "Local";
	case IP_VS_CONN_F_TUNNEL:
		return "Tunnel";
	case IP_VS_CONN_F_DROUTE:
		return "Route";
	}
	return "";
}

static const char *fwd_switch(uint32_t fwd)
{
	return fwd == IP_VS_CONN_F_MASQ ? "-m" :
	       fwd == IP_VS_CONN_F_TUNNEL ? "-i" : "-g";
}

/* addr:port (IPv6 in brackets), by name unless FMT_NUMERIC. */
static void addrport(char *buf, size_t len, uint16_t af,
		     const union nf_inet_addr *addr, uint16_t port,
		     uint16_t proto, unsigned int format)
{
	const char *open = af == AF_INET ? "" : "[";
	const char *close = af == AF_INET ? "" : "]";
	char host[NI_MAXHOST], serv[32];

	inet_ntop(af, addr, host, sizeof(host));
	snprintf(serv, sizeof(serv), "%u", ntohs(port));
	if (!(format & FMT_NUMERIC)) {
		const char *p = proto == IPPROTO_TCP ? "tcp" :
				proto == IPPROTO_UDP ? "udp" :
				proto == IPPROTO_SCTP ? "sctp" : NULL;
		struct hostent *h = gethostbyaddr(addr, af == AF_INET ? 4 : 16,
						  af);
		struct servent *s = p ? getservbyport(port, p) : NULL;

		if (h)
			snprintf(host, sizeof(host), "%s", h->h_name);
		if (s)
			snprintf(serv, sizeof(serv), "%s", s->s_name);
	}
	/* Cut as ipvsadm's 60-byte buffer cuts it. */
	if (snprintf(buf, len, "%s%s%s:%s", open, host, close, serv) >=
	    (int)len)
		buf[len - 1] = '\0';
}

/* Text --------------------------------------------------------------------- */

static void print_largenum(uint64_t i, unsigned int format)
{
	if (format & FMT_EXACT) {
		char tmp[32];
		int len = snprintf(tmp, sizeof(tmp), "%llu",
				   (unsigned long long)i);

		printf("%*llu", len <= 8 ? 9 : len + 1, (unsigned long long)i);
	} else if (i < 100000000ULL) {
		printf("%9llu", (unsigned long long)i);
	} else if (i < 1000000000ULL) {
		printf("%8lluK", (unsigned long long)(i / 1000));
	} else if (i < 100000000000ULL) {
		printf("%8lluM", (unsigned long long)(i / 1000000));
	} else if (i < 100000000000000ULL) {
		printf("%8lluG", (unsigned long long)(i / 1000000000ULL));
	} else {
		printf("%8lluT", (unsigned long long)(i / 1000000000000ULL));
	}
}

/* The scheduler flags by name: sh's and mh's, or flag-N, comma-joined. */
static void sched_flags(const struct svc *svc, char *buf, size_t len)
{
	static const char *const generic[] = { "flag-1", "flag-2", "flag-3" };
	static const char *const sh[] = { "sh-fallback", "sh-port", NULL };
	static const char *const mh[] = { "mh-fallback", "mh-port", NULL };
	static const uint32_t bits[] = { IP_VS_SVC_F_SCHED1,
					 IP_VS_SVC_F_SCHED2,
					 IP_VS_SVC_F_SCHED3 };
	const char *const *names = !strcmp(svc->sched_name, "sh") ? sh :
				   !strcmp(svc->sched_name, "mh") ? mh :
				   generic;
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < 3; i++)
		if (names[i] && (svc->flags & bits[i]) && used < len)
			used += snprintf(buf + used, len - used, "%s%s",
					 used ? "," : "", names[i]);
}

#define SCHED_FLAGS (IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 | \
		     IP_VS_SVC_F_SCHED3)

static void print_title(unsigned int format)
{
	static const char *const stats[] = { "Conns", "InPkts", "OutPkts",
					     "InBytes", "OutBytes" };
	static const char *const rates[] = { "CPS", "InPPS", "OutPPS",
					     "InBPS", "OutBPS" };
	const char *const *cols = format & FMT_STATS ? stats :
				  format & FMT_RATE ? rates : NULL;

	if (cols)
		printf("%-33s %8s %8s %8s %8s %8s\n", "Prot LocalAddress:Port",
		       cols[0], cols[1], cols[2], cols[3], cols[4]);
	else if (format & FMT_THRESHOLDS)
		printf("%-33s %-10s %-10s %-10s %-10s\n",
		       "Prot LocalAddress:Port", "Uthreshold", "Lthreshold",
		       "ActiveConn", "InActConn");
	else if (format & FMT_PERSISTENTCONN)
		printf("%-33s %-9s %-11s %-10s %-10s\n",
		       "Prot LocalAddress:Port", "Weight", "PersistConn",
		       "ActiveConn", "InActConn");
	else if (format & FMT_TUN_INFO)
		printf("Prot LocalAddress:Port Scheduler Flags\n"
		       "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n");
	else if (!(format & FMT_RULE))
		printf("Prot LocalAddress:Port Scheduler Flags\n"
		       "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
	if (cols || format & (FMT_THRESHOLDS | FMT_PERSISTENTCONN))
		printf("  -> RemoteAddress:Port\n");
}

static void print_tun_info(const struct dest *d, char *buf, size_t len)
{
	static const char *const names[] = { "ipip", "gue", "gre" };
	static const char *const csum[] = { "-c", "+c", "r+c" };
	const char *c = d->tun_flags < 3 ? csum[d->tun_flags] : "?";

	if (d->fwd != IP_VS_CONN_F_TUNNEL || d->tun_type > 2)
		snprintf(buf, len, "n/a");
	else if (d->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GUE)
		snprintf(buf, len, "%s:%d:%s", names[d->tun_type],
			 ntohs(d->tun_port), c);
	else if (d->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GRE)
		snprintf(buf, len, "%s:%s", names[d->tun_type], c);
	else
		snprintf(buf, len, "%s", names[d->tun_type]);
}

static void print_dest_rule(const char *svc_name, const char *dname,
			    const struct dest *d)
{
	static const char *const names[] = { "ipip", "gue", "gre" };
	static const char *const csum[] = { "--tun-nocsum", "--tun-csum",
					    "--tun-remcsum" };
	const char *c = d->tun_flags < 3 ? csum[d->tun_flags] : "";

	printf("-a %s -r %s %s -w %d", svc_name, dname, fwd_switch(d->fwd),
	       d->weight);
	if (d->fwd == IP_VS_CONN_F_TUNNEL && d->tun_type <= 2) {
		printf(" --tun-type %s", names[d->tun_type]);
		if (d->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GUE)
			printf(" --tun-port %d", ntohs(d->tun_port));
		if (d->tun_type != IP_VS_CONN_F_TUNNEL_TYPE_IPIP)
			printf(" %s", c);
	}
	printf("\n");
}

static void print_service_line(const struct svc *svc, const char *svc_name,
			       unsigned int format)
{
	char flags[64];

	sched_flags(svc, flags, sizeof(flags));
	if (format & FMT_RULE) {
		printf("-A %s -s %s", svc_name, svc->sched_name);
		if (svc->flags & IP_VS_SVC_F_PERSISTENT) {
			printf(" -p %u", svc->timeout);
			if (svc->af == AF_INET && svc->netmask != 0xffffffff)
				printf(" -M %s", inet_ntoa((struct in_addr){
					.s_addr = svc->netmask }));
			if (svc->af == AF_INET6 && svc->netmask != 128)
				printf(" -M %i", svc->netmask);
		}
		if (svc->pe_name[0])
			printf(" --pe %s", svc->pe_name);
		if (svc->flags & IP_VS_SVC_F_ONEPACKET)
			printf(" -o");
		if (svc->flags & SCHED_FLAGS)
			printf(" -b %s", flags);
		if (svc->mh_size && svc->mh_size != IPVS_LITE_MH_SIZE_DEFAULT)
			printf(" --mh-table-size %u", svc->mh_size);
	} else if (format & (FMT_STATS | FMT_RATE)) {
		const struct counters *c = &svc->stats;
		bool rate = !(format & FMT_STATS);

		printf("%-33s", svc_name);
		print_largenum(rate ? c->cps : c->conns, format);
		print_largenum(rate ? c->inpps : c->inpkts, format);
		print_largenum(rate ? c->outpps : c->outpkts, format);
		print_largenum(rate ? c->inbps : c->inbytes, format);
		print_largenum(rate ? c->outbps : c->outbytes, format);
	} else {
		printf("%s %s", svc_name, svc->sched_name);
		if (svc->flags & SCHED_FLAGS)
			printf(" (%s)", flags);
		if (svc->flags & IP_VS_SVC_F_PERSISTENT) {
			printf(" persistent %u", svc->timeout);
			if (svc->af == AF_INET && svc->netmask != 0xffffffff)
				printf(" mask %s", inet_ntoa((struct in_addr){
					.s_addr = svc->netmask }));
			if (svc->af == AF_INET6 && svc->netmask != 128)
				printf(" mask %i", svc->netmask);
			if (svc->pe_name[0])
				printf(" pe %s", svc->pe_name);
		}
		if (svc->flags & IP_VS_SVC_F_ONEPACKET)
			printf(" ops");
	}
	printf("\n");
}

static void print_dest_line(const struct dest *d, const char *dname,
			    unsigned int format)
{
	char ti[32];

	if (format & FMT_STATS) {
		printf("  -> %-28s", dname);
		print_largenum(d->stats.conns, format);
		print_largenum(d->stats.inpkts, format);
		print_largenum(d->stats.outpkts, format);
		print_largenum(d->stats.inbytes, format);
		print_largenum(d->stats.outbytes, format);
		printf("\n");
	} else if (format & FMT_RATE) {
		printf("  -> %-28s %8llu %8llu %8llu", dname,
		       (unsigned long long)d->stats.cps,
		       (unsigned long long)d->stats.inpps,
		       (unsigned long long)d->stats.outpps);
		print_largenum(d->stats.inbps, format);
		print_largenum(d->stats.outbps, format);
		printf("\n");
	} else if (format & FMT_THRESHOLDS) {
		printf("  -> %-28s %-10u %-10u %-10u %-10u\n", dname,
		       d->u_threshold, d->l_threshold, d->activeconns,
		       d->inactconns);
	} else if (format & FMT_PERSISTENTCONN) {
		printf("  -> %-28s %-9u %-11u %-10u %-10u\n", dname, d->weight,
		       d->persistconns, d->activeconns, d->inactconns);
	} else if (format & FMT_TUN_INFO) {
		print_tun_info(d, ti, sizeof(ti));
		printf("  -> %-28s %-7s %-13s %-6d %-10u %-10u\n", dname,
		       fwd_name(d->fwd), ti, d->weight, d->activeconns,
		       d->inactconns);
	} else {
		printf("  -> %-28s %-7s %-6d %-10u %-10u\n", dname,
		       fwd_name(d->fwd), d->weight, d->activeconns,
		       d->inactconns);
	}
}

static void print_service(struct svc *svc, unsigned int format)
{
	char svc_name[1024], vname[60], dname[60];
	int i;

	if (svc->fwmark) {
		bool v6 = svc->af == AF_INET6;

		if (format & FMT_RULE)
			snprintf(svc_name, sizeof(svc_name), "-f %u%s",
				 svc->fwmark, v6 ? " -6" : "");
		else
			snprintf(svc_name, sizeof(svc_name), "FWM  %u%s",
				 svc->fwmark, v6 ? " IPv6" : "");
	} else {
		addrport(vname, sizeof(vname), svc->af, &svc->addr, svc->port,
			 svc->protocol, format);
		if (format & FMT_RULE) {
			snprintf(svc_name, sizeof(svc_name), "%s %s",
				 proto_option(svc->protocol), vname);
		} else {
			snprintf(svc_name, sizeof(svc_name), "%-4s %s",
				 proto_name(svc->protocol), vname);
			/* ipvsadm's column width for IPv4 */
			if (svc->af != AF_INET6)
				svc_name[33] = '\0';
		}
	}
	print_service_line(svc, svc_name, format);

	if (!(format & FMT_NOSORT))
		sort_dests(svc);
	for (i = 0; i < svc->num_dests; i++) {
		const struct dest *d = &svc->dests[i];

		addrport(dname, sizeof(dname), d->af, &d->addr, d->port,
			 svc->protocol, format);
		if (!(format & FMT_RULE) && d->af != AF_INET6)
			dname[28] = '\0';
		if (format & FMT_RULE)
			print_dest_rule(svc_name, dname, d);
		else
			print_dest_line(d, dname, format);
	}
}

static void print_version_line(const struct ipvs_info *info)
{
	printf("IP Virtual Server version %u.%u.%u (size=%u)\n",
	       (info->version >> 16) & 0xff, (info->version >> 8) & 0xff,
	       info->version & 0xff, info->conn_tab_size);
}

/* JSON --------------------------------------------------------------------- */

static void json_str(const char *key, const char *val, const char *sep)
{
	printf("\"%s\":\"", key);
	for (; *val; val++) {
		if (*val == '"' || *val == '\\')
			printf("\\%c", *val);
		else if ((unsigned char)*val < 0x20)
			printf("\\u%04x", *val);
		else
			putchar(*val);
	}
	printf("\"%s", sep);
}

static void json_counters(const struct counters *c)
{
	printf("\"stats\":{\"conns\":%llu,\"inpkts\":%llu,\"outpkts\":%llu,"
	       "\"inbytes\":%llu,\"outbytes\":%llu},",
	       (unsigned long long)c->conns, (unsigned long long)c->inpkts,
	       (unsigned long long)c->outpkts, (unsigned long long)c->inbytes,
	       (unsigned long long)c->outbytes);
	printf("\"rates\":{\"cps\":%llu,\"inpps\":%llu,\"outpps\":%llu,"
	       "\"inbps\":%llu,\"outbps\":%llu}",
	       (unsigned long long)c->cps, (unsigned long long)c->inpps,
	       (unsigned long long)c->outpps, (unsigned long long)c->inbps,
	       (unsigned long long)c->outbps);
}

static void json_service(struct svc *svc, unsigned int format)
{
	char addr[INET6_ADDRSTRLEN], flags[64];
	int i;

	printf("{\"family\":\"%s\",", svc->af == AF_INET6 ? "inet6" : "inet");
	if (svc->fwmark) {
		printf("\"fwmark\":%u,", svc->fwmark);
	} else {
		inet_ntop(svc->af, &svc->addr, addr, sizeof(addr));
		json_str("protocol", proto_name(svc->protocol), ",");
		json_str("address", addr, ",");
		printf("\"port\":%u,", ntohs(svc->port));
	}
	json_str("scheduler", svc->sched_name, ",");
	sched_flags(svc, flags, sizeof(flags));
	json_str("sched_flags", flags, ",");
	printf("\"persistent\":%s,\"timeout\":%u,",
	       svc->flags & IP_VS_SVC_F_PERSISTENT ? "true" : "false",
	       svc->timeout);
	if (svc->af == AF_INET)
		json_str("netmask", inet_ntoa((struct in_addr){
			.s_addr = svc->netmask }), ",");
	else
		printf("\"netmask\":%u,", svc->netmask);
	printf("\"one_packet\":%s,",
	       svc->flags & IP_VS_SVC_F_ONEPACKET ? "true" : "false");
	if (svc->mh_size)
		printf("\"mh_table_size\":%u,", svc->mh_size);
	json_counters(&svc->stats);
	printf(",\"real_servers\":[");
	if (!(format & FMT_NOSORT))
		sort_dests(svc);
	for (i = 0; i < svc->num_dests; i++) {
		const struct dest *d = &svc->dests[i];
		char ti[32];

		inet_ntop(d->af, &d->addr, addr, sizeof(addr));
		print_tun_info(d, ti, sizeof(ti));
		printf("%s{\"family\":\"%s\",", i ? "," : "",
		       d->af == AF_INET6 ? "inet6" : "inet");
		json_str("address", addr, ",");
		printf("\"port\":%u,", ntohs(d->port));
		json_str("forward", fwd_name(d->fwd), ",");
		json_str("tunnel", ti, ",");
		printf("\"weight\":%d,\"u_threshold\":%u,\"l_threshold\":%u,"
		       "\"active_conns\":%u,\"inactive_conns\":%u,"
		       "\"persistent_conns\":%u,",
		       d->weight, d->u_threshold, d->l_threshold,
		       d->activeconns, d->inactconns, d->persistconns);
		json_counters(&d->stats);
		printf("}");
	}
	printf("]}");
}

void print_services(struct svc *svcs, int n, unsigned int format,
		    const struct ipvs_info *info, bool one)
{
	int i;

	if (!(format & FMT_NOSORT))
		sort_services(svcs, n);
	if (format & FMT_JSON) {
		printf("{\"version\":\"%u.%u.%u\",\"conn_tab_size\":%u,"
		       "\"services\":[",
		       (info->version >> 16) & 0xff,
		       (info->version >> 8) & 0xff, info->version & 0xff,
		       info->conn_tab_size);
		for (i = 0; i < n; i++) {
			printf("%s", i ? "," : "");
			json_service(&svcs[i], format);
		}
		printf("]}\n");
		return;
	}
	if (!one && !(format & FMT_RULE))
		print_version_line(info);
	print_title(format);
	for (i = 0; i < n; i++)
		print_service(&svcs[i], format);
}

void print_timeouts(const struct timeouts *t, unsigned int format)
{
	if (format & FMT_JSON)
		printf("{\"tcp\":%u,\"tcp_fin\":%u,\"udp\":%u}\n", t->tcp,
		       t->tcp_fin, t->udp);
	else
		printf("Timeout (tcp tcpfin udp): %u %u %u\n", t->tcp,
		       t->tcp_fin, t->udp);
}

/* Sync daemons (--daemon) ------------------------------------------------ */

static const char *daemon_state(uint32_t state)
{
	return state & IP_VS_STATE_MASTER ? "master" :
	       state & IP_VS_STATE_BACKUP ? "backup" : NULL;
}

/*
 * One line per daemon, as ipvsadm's: the interface and sync ID always,
 * the rest as far as the kernel reports it (not 0, a group's family).
 */
void print_daemons(const struct daemon *daemons, int n, unsigned int format)
{
	char group[INET6_ADDRSTRLEN];
	const char *sep = "";
	int i;

	if (format & FMT_JSON)
		printf("[");
	for (i = 0; i < n; i++) {
		const struct daemon *dm = &daemons[i];
		const char *state = daemon_state(dm->state);

		if (!state)
			continue;
		if (!dm->mcast_af ||
		    !inet_ntop(dm->mcast_af, &dm->mcast_group, group,
			       sizeof(group)))
			group[0] = '\0';
		if (format & FMT_JSON) {
			printf("%s{", sep);
			json_str("state", state, ",");
			json_str("mcast_ifn", dm->mcast_ifn, ",");
			printf("\"syncid\":%u,\"maxlen\":%u,", dm->syncid,
			       dm->sync_maxlen);
			if (group[0])
				json_str("group", group, ",");
			else
				printf("\"group\":null,");
			printf("\"port\":%u,\"ttl\":%u}", dm->mcast_port,
			       dm->mcast_ttl);
			sep = ",";
			continue;
		}
		printf("%s sync daemon (mcast=%s, syncid=%u", state,
		       dm->mcast_ifn, dm->syncid);
		if (dm->sync_maxlen)
			printf(", maxlen=%u", dm->sync_maxlen);
		if (group[0])
			printf(", group=%s", group);
		if (dm->mcast_port)
			printf(", port=%u", dm->mcast_port);
		if (dm->mcast_ttl)
			printf(", ttl=%u", dm->mcast_ttl);
		printf(")\n");
	}
	if (format & FMT_JSON)
		printf("]\n");
}

/* Connections (-c) and status ------------------------------------------- */

void print_conn_title(void)
{
	printf("IPVS connection entries\n");
	printf("pro expire %-11s %-18s %-18s %s\n", "state", "source",
	       "virtual", "destination");
}

void print_conn_line(const char *proto, const char *expire,
		     const char *state, const char *c, const char *v,
		     const char *d)
{
	printf("%-3s %-6s %-11s %-18s %-18s %s\n", proto, expire, state, c, v,
	       d);
}

/* ipvsadm's address:port of a connection: brackets around IPv6. */
static void conn_addrport(char *buf, size_t len, uint16_t af,
			  const union nf_inet_addr *a, uint16_t port)
{
	char s[INET6_ADDRSTRLEN];

	inet_ntop(af, a, s, sizeof(s));
	snprintf(buf, len, af == AF_INET6 ? "[%s]:%u" : "%s:%u", s,
		 ntohs(port));
}

static void json_addrport(const char *key, uint16_t af,
			  const union nf_inet_addr *a, uint16_t port)
{
	char s[INET6_ADDRSTRLEN];

	inet_ntop(af, a, s, sizeof(s));
	printf("\"%s\":{\"address\":\"%s\",\"port\":%u},", key, s,
	       ntohs(port));
}

void print_conns(const struct conn *conns, int n, unsigned int format)
{
	int i;

	if (format & FMT_JSON) {
		printf("{\"connections\":[");
		for (i = 0; i < n; i++) {
			const struct conn *c = &conns[i];

			printf("%s{\"family\":\"%s\",", i ? "," : "",
			       c->af == AF_INET6 ? "inet6" : "inet");
			json_str("protocol", proto_name(c->protocol), ",");
			json_addrport("source", c->af, &c->caddr, c->cport);
			json_addrport("virtual", c->af, &c->vaddr, c->vport);
			json_addrport("destination", c->af, &c->daddr,
				      c->dport);
			json_str("state", state_names[c->state], ",");
			json_str("forward", fwd_name(c->fwd), ",");
			printf("\"expires_ms\":%u}", c->expires_ms);
		}
		printf("]}\n");
		return;
	}
	print_conn_title();
	for (i = 0; i < n; i++) {
		const struct conn *c = &conns[i];
		char cs[64], vs[64], ds[64], exp[16];
		unsigned int secs = c->expires_ms / 1000;

		conn_addrport(cs, sizeof(cs), c->af, &c->caddr, c->cport);
		conn_addrport(vs, sizeof(vs), c->af, &c->vaddr, c->vport);
		conn_addrport(ds, sizeof(ds), c->af, &c->daddr, c->dport);
		snprintf(exp, sizeof(exp), "%02u:%02u", secs / 60, secs % 60);
		print_conn_line(proto_name(c->protocol), exp,
				state_names[c->state], cs, vs, ds);
	}
}

/* --status's counters: "name":value,... or a line each. */
static void print_counters(const char *const *names, const uint64_t *v,
			   int n, unsigned int format)
{
	int i;

	for (i = 0; i < n; i++) {
		if (format & FMT_JSON)
			printf("%s\"%s\":%llu", i ? "," : "", names[i],
			       (unsigned long long)v[i]);
		else
			/* As wide as the longest name, refused_protocol. */
			printf("  %-16s %llu\n", names[i],
			       (unsigned long long)v[i]);
	}
}

void print_status(const struct status *st, unsigned int format)
{
	if (format & FMT_JSON) {
		printf("{\"conns\":%u,\"conn_max\":%u,\"drops\":{", st->conns,
		       st->conn_max);
		print_counters(drop_names, st->drops, IPVS_LITE_DROP_MAX,
			       format);
		printf("},\"sync\":{");
		print_counters(sync_names, st->sync, IPVS_LITE_SYNC_MAX, format);
		printf("}}\n");
		return;
	}
	printf("Connections: %u (at most %u)\n", st->conns, st->conn_max);
	printf("Dropped packets:\n");
	print_counters(drop_names, st->drops, IPVS_LITE_DROP_MAX, format);
	printf("Connection sync:\n");
	print_counters(sync_names, st->sync, IPVS_LITE_SYNC_MAX, format);
}
