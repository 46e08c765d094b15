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
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
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
	unsigned int base = 10000, cpu = 0;
	int fd, rfd = -1, opt;
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
			if (inet_pton(AF_INET, optarg, &src) != 1)
				return usage();
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
	if (argc - optind != 2 || !per ||
	    inet_pton(AF_INET, argv[optind], &dst.sin_addr) != 1)
		return usage();
	dst.sin_port = htons(atoi(argv[optind + 1]));

	/* One CPU: the packets reach the hook in the order they are sent. */
	CPU_ZERO(&cpus);
	CPU_SET(cpu, &cpus);
	if (sched_setaffinity(0, sizeof(cpus), &cpus) < 0) {
		perror("sched_setaffinity");
		return 1;
	}

	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	/* Opened first: a copy of every TCP segment that arrives after. */
	if (wait >= 0)
		rfd = socket(AF_INET, SOCK_RAW, IPPROTO_TCP);
	if (fd < 0 || (wait >= 0 && rfd < 0)) {
		perror("socket");
		return 1;
	}
	for (j = 0; j < n * nproto * rounds; j++) {
		uint8_t pkt[sizeof(struct iphdr) + sizeof(struct tcphdr) + 8];
		struct iphdr *iph = (struct iphdr *)pkt;
		void *l4 = pkt + sizeof(*iph);
		size_t l4len;

		i = j % n;
		proto = protos[j / n % nproto];

		memset(pkt, 0, sizeof(pkt));
		iph->version = 4;
		iph->ihl = 5;
		iph->ttl = 64;
		iph->saddr = htonl(ntohl(src.s_addr) + i / per);
		iph->daddr = dst.sin_addr.s_addr;
		if (proto == P_UDP) {
			struct udphdr *uh = l4;

			l4len = sizeof(*uh) + 8;
			iph->protocol = IPPROTO_UDP;
			uh->source = htons(base + i % per);
			uh->dest = dst.sin_port;
			uh->len = htons(l4len);
			memcpy(uh + 1, "flowflow", 8);
			uh->check = l4_csum(iph, uh, l4len,
					    IPPROTO_UDP) ?: 0xffff;
		} else {
			struct tcphdr *th = l4;

			l4len = sizeof(*th);
			iph->protocol = IPPROTO_TCP;
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
			th->check = l4_csum(iph, th, l4len, IPPROTO_TCP);
		}
		iph->tot_len = htons(sizeof(*iph) + l4len);
		if (sendto(fd, pkt, sizeof(*iph) + l4len, 0,
			   (struct sockaddr *)&dst, sizeof(dst)) < 0) {
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
