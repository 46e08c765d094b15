// SPDX-License-Identifier: GPL-2.0
/*
 * Many TCP connections at once, from one process, for the data-path
 * tests (socat would need a process per connection).
 *
 *   tcpmany serve PORT NAME
 *	Accept connections; greet each with "NAME\n" and echo what it
 *	sends until it closes.
 *   tcpmany connect ADDR PORT N
 *	Open N connections to ADDR:PORT, all at once.  On each, read the
 *	greeting, send 64 bytes of its own and read them back.  Then print
 *	how many each server greeted, and "ready", and hold every
 *	connection open until standard input ends; then close them all.
 *	Exit 0 when every connection greeted and echoed its own bytes.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sockutil.h"

#define PAYLOAD	64
#define NAMELEN	16

static int serve(int port, const char *name)
{
	struct epoll_event ev = { .events = EPOLLIN };
	char greeting[NAMELEN + 2];
	int lfd, ep;

	snprintf(greeting, sizeof(greeting), "%s\n", name);
	ep = listen_epoll(port, SOCK_STREAM, &lfd);
	if (ep < 0) {
		perror("tcpmany: listen");
		return 1;
	}
	for (;;) {
		struct epoll_event evs[64];
		int n = epoll_wait(ep, evs, 64, -1), i;

		for (i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			char buf[4096];
			ssize_t r;

			if (fd == lfd) {
				int c = accept(lfd, NULL, NULL);

				if (c < 0)
					continue;
				if (write(c, greeting, strlen(greeting)) < 0) {
					close(c);
					continue;
				}
				ev.data.fd = c;
				epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
				continue;
			}
			r = read(fd, buf, sizeof(buf));
			if (r <= 0 || write(fd, buf, r) != r)
				close(fd);
		}
	}
}

/* Read exactly @len bytes, waiting up to 20 s for each. */
static int read_full(int fd, char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t r;

		if (poll(&p, 1, 20000) != 1)
			return -1;
		r = read(fd, buf + got, len - got);
		if (r <= 0)
			return -1;
		got += r;
	}
	return 0;
}

static int connect_many(const char *addr, int port, int n)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons(port) };
	int *fds = calloc(n, sizeof(*fds));
	int i, bad = 0, rs1 = 0, rs2 = 0, other = 0;
	char line[64];

	if (!fds || inet_pton(AF_INET, addr, &sa.sin_addr) != 1)
		return 2;
	/* All the handshakes first, so that all are open at once. */
	for (i = 0; i < n; i++) {
		fds[i] = socket(AF_INET, SOCK_STREAM, 0);
		if (fds[i] < 0 ||
		    connect(fds[i], (struct sockaddr *)&sa, sizeof(sa))) {
			fprintf(stderr, "tcpmany: connection %d: %s\n", i,
				strerror(errno));
			return 1;
		}
	}
	for (i = 0; i < n; i++) {
		char name[NAMELEN + 2] = "", out[PAYLOAD], in[PAYLOAD];
		size_t k = 0;

		/* The greeting, byte by byte up to its newline. */
		while (k < sizeof(name) - 1 &&
		       !read_full(fds[i], name + k, 1) && name[k] != '\n')
			k++;
		name[k] = '\0';
		memset(out, 'a' + i % 26, sizeof(out));
		snprintf(out, sizeof(out), "connection %d", i);
		if (write(fds[i], out, sizeof(out)) != sizeof(out) ||
		    read_full(fds[i], in, sizeof(in)) ||
		    memcmp(in, out, sizeof(in))) {
			fprintf(stderr, "tcpmany: connection %d: no echo\n",
				i);
			bad++;
		}
		if (!strcmp(name, "rs1"))
			rs1++;
		else if (!strcmp(name, "rs2"))
			rs2++;
		else
			other++;
	}
	printf("rs1 %d\nrs2 %d\nother %d\nready\n", rs1, rs2, other);
	fflush(stdout);
	while (fgets(line, sizeof(line), stdin))
		;
	for (i = 0; i < n; i++)
		close(fds[i]);
	return bad || other ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "serve"))
		return serve(atoi(argv[2]), argv[3]);
	if (argc == 5 && !strcmp(argv[1], "connect"))
		return connect_many(argv[2], atoi(argv[3]), atoi(argv[4]));
	fprintf(stderr, "usage: tcpmany serve PORT NAME | "
		"tcpmany connect ADDR PORT N\n");
	return 2;
}
