// SPDX-License-Identifier: GPL-2.0
/*
 * One UDP request and its answer, ended as soon as the answer is whole:
 * socat's client waits a fixed time after its input ends, and under the
 * debug kernel a server's answer can take longer than that.
 *
 *   udpask [-w MS] [-s SPORT] ADDR PORT BYTES <request >answer
 *	Sends stdin (at most 65507 bytes) as one datagram to ADDR:PORT
 *	(IPv4 or IPv6), from source port SPORT if given, and copies the datagrams that come back to stdout
 *	until BYTES bytes have come.  Exits 0 then; 1 when MS milliseconds
 *	(default 5000) pass without a datagram, or an ICMP error refuses
 *	the request.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int usage(void)
{
	fprintf(stderr, "usage: udpask [-w MS] [-s SPORT] ADDR PORT BYTES\n");
	return 2;
}

static int connect_to(const char *addr, const char *port, int sport)
{
	struct addrinfo hints = {
		.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV,
		.ai_socktype = SOCK_DGRAM,
	};
	struct addrinfo *ai;
	int fd, err;

	err = getaddrinfo(addr, port, &hints, &ai);
	if (err) {
		fprintf(stderr, "udpask: %s: %s\n", addr, gai_strerror(err));
		return -1;
	}
	fd = socket(ai->ai_family, SOCK_DGRAM, 0);
	if (fd >= 0 && sport) {
		struct sockaddr_storage ss = { .ss_family = ai->ai_family };

		/* The port sits at the same offset in sockaddr_in and _in6. */
		((struct sockaddr_in *)&ss)->sin_port = htons(sport);
		if (bind(fd, (struct sockaddr *)&ss, ai->ai_addrlen) < 0) {
			perror("udpask: bind");
			close(fd);
			fd = -1;
		}
	}
	if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
		perror("udpask: socket");
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(ai);
	return fd;
}

int main(int argc, char **argv)
{
	static char buf[65536];
	size_t want, got = 0, len = 0;
	int fd, opt, sport = 0, wait_ms = 5000;
	ssize_t n;

	while ((opt = getopt(argc, argv, "s:w:")) != -1) {
		if (opt == 's')
			sport = atoi(optarg);
		else if (opt == 'w')
			wait_ms = atoi(optarg);
		else
			return usage();
	}
	if (argc - optind != 3 || wait_ms <= 0)
		return usage();
	want = strtoul(argv[optind + 2], NULL, 10);

	while (len < 65507 && (n = read(0, buf + len, 65507 - len)) > 0)
		len += n;
	fd = connect_to(argv[optind], argv[optind + 1], sport);
	if (fd < 0)
		return 1;
	if (send(fd, buf, len, 0) != (ssize_t)len) {
		perror("udpask: send");
		return 1;
	}
	while (got < want) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		if (poll(&p, 1, wait_ms) != 1) {
			fprintf(stderr, "udpask: %zu of %zu bytes in time\n",
				got, want);
			return 1;
		}
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			fprintf(stderr, "udpask: %s\n", strerror(errno));
			return 1;
		}
		if (fwrite(buf, 1, n, stdout) != (size_t)n)
			return 1;
		got += n;
	}
	return fflush(stdout) ? 1 : 0;
}
