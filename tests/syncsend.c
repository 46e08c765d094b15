// SPDX-License-Identifier: GPL-2.0
/*
 * Datagrams to the sync daemons' multicast group, byte for byte as given:
 * the messages a master would send, and the malformed ones it would not.
 *
 *   syncsend IFNAME GROUP PORT HEX...
 *	Sends each HEX (pairs of hex digits, no separators) as one UDP
 *	datagram to GROUP:PORT (IPv4 or IPv6) out of IFNAME, with TTL 1.
 *	Exits 0 once all are sent; 1 on an error, 2 on a bad argument.
 */
#define _GNU_SOURCE
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int usage(void)
{
	fprintf(stderr, "usage: syncsend IFNAME GROUP PORT HEX...\n");
	return 2;
}

/* @hex into @buf; its length, or -1 if it is not pairs of hex digits. */
static int unhex(const char *hex, unsigned char *buf, size_t room)
{
	size_t n = strlen(hex), i;

	if (n % 2 || n / 2 > room)
		return -1;
	for (i = 0; i < n / 2; i++) {
		char pair[3] = { hex[2 * i], hex[2 * i + 1], 0 };
		char *end;

		buf[i] = strtoul(pair, &end, 16);
		if (*end)
			return -1;
	}
	return n / 2;
}

int main(int argc, char **argv)
{
	struct addrinfo hints = {
		.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV,
		.ai_socktype = SOCK_DGRAM,
	};
	static unsigned char buf[65536];
	struct addrinfo *ai;
	int fd, i, ifindex, one = 1;

	if (argc < 5)
		return usage();
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex || getaddrinfo(argv[2], argv[3], &hints, &ai))
		return usage();
	fd = socket(ai->ai_family, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	if (ai->ai_family == AF_INET6) {
		if (setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &ifindex,
			       sizeof(ifindex)) ||
		    setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &one,
			       sizeof(one))) {
			perror("setsockopt");
			return 1;
		}
	} else {
		struct ip_mreqn mreq = { .imr_ifindex = ifindex };

		if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &mreq,
			       sizeof(mreq)) ||
		    setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &one,
			       sizeof(one))) {
			perror("setsockopt");
			return 1;
		}
	}
	for (i = 4; i < argc; i++) {
		int len = unhex(argv[i], buf, sizeof(buf));

		if (len < 0)
			return usage();
		if (sendto(fd, buf, len, 0, ai->ai_addr, ai->ai_addrlen) != len) {
			perror("sendto");
			return 1;
		}
	}
	freeaddrinfo(ai);
	close(fd);
	return 0;
}
