// SPDX-License-Identifier: GPL-2.0
/*
 * Many flows' first packets at a virtual service, from one process on
 * one CPU, so that order-dependent schedulers see them in order.  Raw IP:
 * the sources are made up (172.16.0.0/12), nobody answers them, and the
 * scheduler tests read the director's table and counters instead.
 *
 *   flows [-p udp|syn|ack|fin|rst[,...]] [-r ROUNDS] [-n N] [-k PORTS]
 *	 [-s SOURCE] [-b PORT] [-c CPU] [-w MS] ADDR PORT
 *	Flow i comes from address SOURCE + i / PORTS (default 172.16.0.1)
 *	and port PORT + i % PORTS (defaults 1 and 10000): one address per
 *	flow by default, or PORTS flows per address.  -p: a UDP datagram
 *	(default), a TCP SYN, or a bare TCP ACK, as a second director's
 *	flows arrive after a fail-over; or a FIN (with ACK) or an RST, to
 *	move connections the same flows made through their states.  Given
 *	a list, each flow gets one packet of each kind in turn (all N flows
 *	the first, then all the second, ...), and -r repeats the list
 *	ROUNDS times (default 1).  -c: the CPU to send from (default 0).
 *	Exits 0 when every packet was sent; with -w, when every flow was
 *	also answered with a TCP RST from ADDR:PORT within MS milliseconds
 *	(the sources must then be this host's, for the answers to come back).
 *	An IPv6 ADDR sends IPv6 packets, from SOURCE (default fd00:16::1)
 *	plus i / PORTS in its last 32 bits; -w is IPv4's only.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip6.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "csum.h"

enum { P_UDP, P_SYN, P_ACK, P_FIN, P_RST };

static int usage(void)
{
	fprintf(stderr,
		"usage: flows [-p udp|syn|ack|fin|rst[,...]] [-r ROUNDS] [-n N] [-k PORTS] [-s SOURCE] [-b PORT] [-c CPU] [-w MS] ADDR PORT\n");
	return 2;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Wait up to @ms for a RST from @dst to each of the @n flows (sources
 * @src + i / @per, ports @base + i % @per), read from raw socket @rfd.
 * Returns how many flows were answered.
 */
static unsigned long wait_rsts(int rfd, const struct sockaddr_in *dst,
			       struct in_addr src, unsigned long n,
			       unsigned long per, unsigned int base, long ms)
{
	long end = now_ms() + ms;
	unsigned long got = 0;
	char *seen = calloc(n, 1);

	if (!seen)
		return 0;
	while (got < n) {
		struct pollfd pfd = { .fd = rfd, .events = POLLIN };
		uint8_t buf[256];
		struct iphdr *iph = (struct iphdr *)buf;
		struct tcphdr *th;
		unsigned long a, q, i;
		long left = end - now_ms();
		ssize_t len;

		if (left <= 0 || poll(&pfd, 1, left) <= 0)
			break;
		len = recv(rfd, buf, sizeof(buf), 0);
		if (len < (ssize_t)sizeof(*iph) ||
		    len < iph->ihl * 4 + (ssize_t)sizeof(*th))
			continue;
		th = (struct tcphdr *)(buf + iph->ihl * 4);
		if (!th->rst || iph->saddr != dst->sin_addr.s_addr ||
		    th->source != dst->sin_port)
			continue;
		a = ntohl(iph->daddr) - ntohl(src.s_addr);
		q = ntohs(th->dest) - base;
		i = a * per + q;
		if (q >= per || i >= n || seen[i])
			continue;
		seen[i] = 1;
		got++;
	}
	free(seen);
	return got;
}

int main(int argc, char **argv)
{
	unsigned long n = 1, per = 1, rounds = 1, i, j;
	int protos[16] = { P_UDP }, nproto = 1;
	char *kind;
	struct sockaddr_in dst = { .sin_family = AF_INET };
	struct sockaddr_in6 dst6 = { .sin6_family = AF_INET6 };
	unsigned int base = 10000, cpu = 0;
	int fd, rfd = -1, opt, v6 = 0;
	const char *src_arg = NULL;
	struct in6_addr src6;
	struct in_addr src;
	int proto = P_UDP;
	cpu_set_t cpus;
	long wait = -1;

	inet_pton(AF_INET, "172.16.0.1", &src);
	while ((opt = getopt(argc, argv, "p:r:n:k:s:b:c:w:")) != -1) {
		switch (opt) {
		case 'p':
			nproto = 0;
			for (kind = strtok(optarg, ","); kind;
			     kind = strtok(NULL, ",")) {
				if (nproto == 16)
					return usage();
				protos[nproto++] =
					!strcmp(kind, "syn") ? P_SYN :
					!strcmp(kind, "ack") ? P_ACK :
					!strcmp(kind, "fin") ? P_FIN :
					!strcmp(kind, "rst") ? P_RST : P_UDP;
			}
			if (!nproto)
				return usage();
			break;
		case 'r':
			rounds = strtoul(optarg, NULL, 0);
			break;
		case 'n':
			n = strtoul(optarg, NULL, 0);
			break;
		case 'k':
			per = strtoul(optarg, NULL, 0);
			break;
		case 's':
			src_arg = optarg;
			break;
		case 'b':
			base = strtoul(optarg, NULL, 0);
			break;
		case 'c':
			cpu = strtoul(optarg, NULL, 0);
			break;
		case 'w':
			wait = strtol(optarg, NULL, 0);
			break;
		default:
			return usage();
		}
	}
	if (argc - optind != 2 || !per)
		return usage();
	if (inet_pton(AF_INET6, argv[optind], &dst6.sin6_addr) == 1) {
		v6 = 1;
		inet_pton(AF_INET6, "fd00:16::1", &src6);
		if (wait >= 0 ||
		    (src_arg && inet_pton(AF_INET6, src_arg, &src6) != 1))
			return usage();
	} else if (inet_pton(AF_INET, argv[optind], &dst.sin_addr) != 1 ||
		   (src_arg && inet_pton(AF_INET, src_arg, &src) != 1)) {
		return usage();
	}
	dst.sin_port = htons(atoi(argv[optind + 1]));
	dst6.sin6_port = 0;

	/* One CPU: the packets reach the hook in the order they are sent. */
	CPU_ZERO(&cpus);
	CPU_SET(cpu, &cpus);
	if (sched_setaffinity(0, sizeof(cpus), &cpus) < 0) {
		perror("sched_setaffinity");
		return 1;
	}

	/* IPPROTO_RAW: the header is ours, in either family. */
	fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_RAW, IPPROTO_RAW);
	/* Opened first: a copy of every TCP segment that arrives after. */
	if (wait >= 0)
		rfd = socket(AF_INET, SOCK_RAW, IPPROTO_TCP);
	if (fd < 0 || (wait >= 0 && rfd < 0)) {
		perror("socket");
		return 1;
	}
	for (j = 0; j < n * nproto * rounds; j++) {
		uint8_t pkt[sizeof(struct ip6_hdr) + sizeof(struct tcphdr) + 8];
		size_t hlen = v6 ? sizeof(struct ip6_hdr) : sizeof(struct iphdr);
		struct ip6_hdr *ip6h = (struct ip6_hdr *)pkt;
		struct iphdr *iph = (struct iphdr *)pkt;
		void *l4 = pkt + hlen;
		uint16_t check;
		size_t l4len;
		int l4proto;
		ssize_t sent;

		i = j % n;
		proto = protos[j / n % nproto];

		memset(pkt, 0, sizeof(pkt));
		if (proto == P_UDP) {
			struct udphdr *uh = l4;

			l4len = sizeof(*uh) + 8;
			l4proto = IPPROTO_UDP;
			uh->source = htons(base + i % per);
			uh->dest = dst.sin_port;
			uh->len = htons(l4len);
			memcpy(uh + 1, "flowflow", 8);
		} else {
			struct tcphdr *th = l4;

			l4len = sizeof(*th);
			l4proto = IPPROTO_TCP;
			th->source = htons(base + i % per);
			th->dest = dst.sin_port;
			th->seq = htonl(i * 2654435761u);
			th->doff = 5;
			th->window = htons(65535);
			if (proto == P_SYN) {
				th->syn = 1;
			} else if (proto == P_RST) {
				th->rst = 1;
			} else {
				th->fin = proto == P_FIN;
				th->ack = 1;
				th->ack_seq = htonl(1);
			}
		}
		if (v6) {
			uint32_t low;

			ip6h->ip6_flow = htonl(6u << 28);
			ip6h->ip6_plen = htons(l4len);
			ip6h->ip6_nxt = l4proto;
			ip6h->ip6_hlim = 64;
			ip6h->ip6_src = src6;
			memcpy(&low, &src6.s6_addr[12], 4);
			low = htonl(ntohl(low) + i / per);
			memcpy(&ip6h->ip6_src.s6_addr[12], &low, 4);
			ip6h->ip6_dst = dst6.sin6_addr;
		} else {
			iph->version = 4;
			iph->ihl = 5;
			iph->ttl = 64;
			iph->protocol = l4proto;
			iph->saddr = htonl(ntohl(src.s_addr) + i / per);
			iph->daddr = dst.sin_addr.s_addr;
			iph->tot_len = htons(hlen + l4len);
		}
		if (v6)
			check = l4_csum6(&ip6h->ip6_src, &ip6h->ip6_dst, l4,
					 l4len, l4proto);
		else
			check = l4_csum(iph, l4, l4len, l4proto);
		if (l4proto == IPPROTO_UDP)
			((struct udphdr *)l4)->check = check ?: 0xffff;
		else
			((struct tcphdr *)l4)->check = check;
		if (v6)
			sent = sendto(fd, pkt, hlen + l4len, 0,
				      (struct sockaddr *)&dst6, sizeof(dst6));
		else
			sent = sendto(fd, pkt, hlen + l4len, 0,
				      (struct sockaddr *)&dst, sizeof(dst));
		if (sent < 0) {
			/* A full queue: let the director catch up. */
			if (errno == ENOBUFS) {
				usleep(1000);
				j--;
				continue;
			}
			perror("sendto");
			return 1;
		}
	}
	if (wait >= 0) {
		unsigned long got = wait_rsts(rfd, &dst, src, n, per, base,
					      wait);

		if (got < n) {
			fprintf(stderr, "flows: %lu of %lu answered with RST\n",
				got, n);
			return 1;
		}
	}
	return 0;
}
