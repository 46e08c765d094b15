// SPDX-License-Identifier: GPL-2.0
/*
 * One option's argument, read as ipvsadm reads it: numbers, timeouts,
 * fwmarks, host[:port] and [ipv6]:port, netmasks, multicast groups,
 * scheduler flags.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "values.h"

/* Numbers --------------------------------------------------------------- */

/* A whole decimal number in [min, max], or -1. */
long string_to_number(const char *s, long min, long max)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (*end || end == s || errno == ERANGE || n < min || n > max)
		return -1;
	return n;
}

int parse_timeout(const char *s, int min, int max, uint32_t *out,
		  struct failure *f)
{
	long n;

	if (!s) {
		*out = SVC_PERSISTENT_TIMEOUT;
		return 0;
	}
	n = string_to_number(s, min, max);
	if (n == -1)
		return fail_with(f, EXIT_USAGE,
				 "invalid timeout value `%s' specified", s);
	*out = n;
	return 0;
}

int parse_fwmark(const char *s, uint32_t *out, struct failure *f)
{
	unsigned long long n;
	char *end;

	errno = 0;
	n = strtoll(s, &end, 10);
	if (*end || end == s || errno == ERANGE || (long long)n <= 0 ||
	    n > UINT_MAX)
		return fail_with(f, EXIT_USAGE,
				 "invalid fwmark value `%s' specified", s);
	*out = n;
	return 0;
}

/* Addresses --------------------------------------------------------------- */

static bool all_digits(const char *s)
{
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static int host_to_addr(const char *name, struct in_addr *addr)
{
	struct addrinfo hints = { .ai_family = AF_INET }, *res;

	if (getaddrinfo(name, NULL, &hints, &res))
		return -1;
	*addr = ((struct sockaddr_in *)res->ai_addr)->sin_addr;
	freeaddrinfo(res);
	return 0;
}

static int service_to_port(const char *name, uint16_t proto)
{
	const char *p = proto == IPPROTO_TCP ? "tcp" :
			proto == IPPROTO_UDP ? "udp" :
			proto == IPPROTO_SCTP ? "sctp" : NULL;
	struct servent *s = p ? getservbyname(name, p) : NULL;

	return s ? ntohs(s->s_port) : -1;
}

/*
 * host[:port], [ipv6]:port or a bare IPv6 address into @svc's family,
 * address and port; what it found (SERVICE_*), 0 for nothing usable.
 */
int parse_service(const char *arg, struct svc *svc)
{
	char buf[256], *host = buf, *port = NULL;
	struct in6_addr in6;
	struct in_addr in;
	long n;

	if (!arg || strlen(arg) >= sizeof(buf) || all_digits(arg))
		return 0;
	strcpy(buf, arg);
	if (buf[0] == '[') {
		host++;
		port = strchr(host, ']');
		if (!port || port[1] != ':')
			return 0;
		*port++ = '\0';
	}
	if (inet_pton(AF_INET6, host, &in6) > 0) {
		svc->af = AF_INET6;
		memset(&svc->addr, 0, sizeof(svc->addr));
		memcpy(&svc->addr.in6, &in6, sizeof(in6));
		svc->netmask = 128;
	} else {
		port = strrchr(host, ':');
		if (port)
			*port = '\0';
		if (inet_aton(host, &in) == 0 && host_to_addr(host, &in))
			return 0;
		svc->af = AF_INET;
		memset(&svc->addr, 0, sizeof(svc->addr));
		svc->addr.in = in;
	}
	if (!port)
		return SERVICE_ADDR;
	n = string_to_number(port + 1, 0, 65535);
	if (n == -1)
		n = service_to_port(port + 1, svc->protocol);
	if (n == -1)
		return 0;
	svc->port = htons(n);
	return SERVICE_ADDR | SERVICE_PORT;
}

int parse_netmask(const char *arg, uint32_t *mask)
{
	struct in_addr in;

	if (inet_aton(arg, &in) == 0 && host_to_addr(arg, &in))
		return -1;
	*mask = in.s_addr;
	return 0;
}

/*
 * --mcast-group: an IPv6 group if @arg has a colon, an IPv4 one
 * otherwise, numeric and multicast either way.
 */
int parse_mcast_group(const char *arg, struct daemon *dm, struct failure *f)
{
	union nf_inet_addr a = { 0 };

	if (strchr(arg, ':')) {
		if (inet_pton(AF_INET6, arg, &a.in6) <= 0 ||
		    !IN6_IS_ADDR_MULTICAST(&a.in6))
			return fail_with(f, EXIT_USAGE,
					 "invalid IPv6 mcast-group `%s'", arg);
		dm->mcast_af = AF_INET6;
	} else {
		if (inet_pton(AF_INET, arg, &a.in) <= 0 ||
		    !IN_MULTICAST(ntohl(a.ip)))
			return fail_with(f, EXIT_USAGE,
					 "invalid IPv4 mcast-group `%s'", arg);
		dm->mcast_af = AF_INET;
	}
	dm->mcast_group = a;
	return 0;
}

int parse_sched_flags(const char *sched, char *arg, uint32_t *flags,
		      struct failure *f)
{
	static const struct {
		const char *name;
		const char *sched;	/* the only scheduler it is for */
		uint32_t bit;
	} known[] = {
		{ "flag-1", NULL, IP_VS_SVC_F_SCHED1 },
		{ "flag-2", NULL, IP_VS_SVC_F_SCHED2 },
		{ "flag-3", NULL, IP_VS_SVC_F_SCHED3 },
		{ "sh-fallback", "sh", IP_VS_SVC_F_SCHED1 },
		{ "sh-port", "sh", IP_VS_SVC_F_SCHED2 },
		{ "mh-fallback", "mh", IP_VS_SVC_F_SCHED1 },
		{ "mh-port", "mh", IP_VS_SVC_F_SCHED2 },
	};
	char *flag, *save = NULL;
	size_t i;

	sched = sched[0] ? sched : DEF_SCHED;
	for (flag = strtok_r(arg, ",", &save); flag;
	     flag = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (!strcmp(flag, known[i].name))
				break;
		if (i == sizeof(known) / sizeof(known[0]))
			return fail_with(f, EXIT_USAGE,
					 "invalid scheduler flag `%s'", flag);
		if (known[i].sched && strcmp(sched, known[i].sched))
			return fail_with(f, EXIT_USAGE,
					 "incompatible scheduler flag `%s'",
					 flag);
		*flags |= known[i].bit;
	}
	return 0;
}

/* Scanning ---------------------------------------------------------------- */
