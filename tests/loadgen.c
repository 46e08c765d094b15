// SPDX-License-Identifier: GPL-2.0
/*
 * Load for the benchmark (tests/bench/bench.sh): short TCP connections,
 * and a clock.
 *
 *   loadgen serve PORT
 *	Accept connections; read a REQ-byte request from each, send it back
 *	as the response, and close.
 *   loadgen tcp ADDR PORT SECONDS CONC
 *	For SECONDS, keep CONC connections to ADDR:PORT in flight, each a
 *	connect, a REQ-byte request of its own, the response read whole and
 *	compared byte for byte, the server's close, and ours.  Prints
 *	    conns N errors E seconds S
 *	and exits 1 if any connection failed or answered wrongly.
 *   loadgen now
 *	CLOCK_MONOTONIC in nanoseconds, for timing a command.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "sockutil.h"

#define REQ	100
#define MAXFD	65536

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* Per descriptor: bytes read so far, and what the request was. */
struct conn {
	unsigned int got;
	unsigned int seq;
	char buf[REQ + 1];
};

static struct conn *conns;

static int serve(int port)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int lfd, ep;

	ep = listen_epoll(port, SOCK_STREAM | SOCK_NONBLOCK, &lfd);
	if (ep < 0) {
		perror("loadgen: listen");
		return 1;
	}
	for (;;) {
		struct epoll_event evs[64];
		int n = epoll_wait(ep, evs, 64, -1), i;

		for (i = 0; i < n; i++) {
			int fd = evs[i].data.fd, c;
			struct conn *k;
			ssize_t r;

			if (fd == lfd) {
				while ((c = accept4(lfd, NULL, NULL,
						    SOCK_NONBLOCK)) >= 0) {
					if (c >= MAXFD) {
						close(c);
						continue;
					}
					conns[c].got = 0;
					ev.data.fd = c;
					epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
				}
				continue;
			}
			k = &conns[fd];
			r = read(fd, k->buf + k->got, REQ - k->got);
			if (r < 0 && errno == EAGAIN)
				continue;
			if (r > 0) {
				k->got += r;
				if (k->got < REQ)
					continue;
				/* 100 bytes fit any socket buffer. */
				if (write(fd, k->buf, REQ) != REQ)
					perror("loadgen: write");
			}
			close(fd);
		}
	}
}

static void request(char *buf, unsigned int seq)
{
	unsigned int i;

	for (i = 0; i < REQ; i++)
		buf[i] = (char)(seq * 31 + i * 7);
	memcpy(buf, &seq, sizeof(seq));
}

static int start(int ep, const struct sockaddr_in *sa, unsigned int seq)
{
	struct epoll_event ev = { .events = EPOLLOUT };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	if (fd < 0 || fd >= MAXFD) {
		perror("loadgen: socket");
		exit(2);
	}
	if (connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) &&
	    errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	conns[fd].got = 0;
	conns[fd].seq = seq;
	ev.data.fd = fd;
	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	return 0;
}

/* One event on a client connection: 1 done, -1 failed, 0 not yet. */
static int step(int ep, int fd, uint32_t events)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };
	struct conn *k = &conns[fd];
	char want[REQ];
	ssize_t r;

	if (events & EPOLLOUT) {
		int err = 0;
		socklen_t len = sizeof(err);

		getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
		request(want, k->seq);
		if (err || write(fd, want, REQ) != REQ)
			return -1;
		epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
		return 0;
	}
	/* The response, then the server's close: it is the one to wait. */
	r = read(fd, k->buf + k->got, REQ + 1 - k->got);
	if (r < 0 && errno == EAGAIN)
		return 0;
	if (r < 0 || k->got + r > REQ)
		return -1;
	if (r > 0) {
		k->got += r;
		return 0;
	}
	request(want, k->seq);
	return k->got == REQ && !memcmp(k->buf, want, REQ) ? 1 : -1;
}

static int run(const char *addr, int port, double secs, int conc)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons(port) };
	unsigned long done = 0, errors = 0;
	uint64_t t0, end, t;
	unsigned int seq = 0;
	int ep, i, inflight = 0;

	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1 || conc < 1)
		return 2;
	ep = epoll_create1(0);
	t0 = now_ns();
	end = t0 + (uint64_t)(secs * 1e9);
	for (;;) {
		struct epoll_event evs[64];
		int n;

		t = now_ns();
		while (t < end && inflight < conc) {
			if (start(ep, &sa, seq++))
				errors++;
			else
				inflight++;
		}
		if (!inflight)
			break;
		n = epoll_wait(ep, evs, 64, 5000);
		if (n == 0) {
			fprintf(stderr, "loadgen: %d connections stalled\n",
				inflight);
			errors += inflight;
			break;
		}
		for (i = 0; i < n; i++) {
			int fd = evs[i].data.fd, r = step(ep, fd,
							 evs[i].events);

			if (!r)
				continue;
			if (r > 0)
				done++;
			else
				errors++;
			close(fd);
			inflight--;
		}
	}
	printf("conns %lu errors %lu seconds %.3f\n", done, errors,
	       (now_ns() - t0) / 1e9);
	return errors ? 1 : 0;
}

int main(int argc, char **argv)
{
	conns = calloc(MAXFD, sizeof(*conns));
	if (!conns)
		return 2;
	if (argc == 2 && !strcmp(argv[1], "now")) {
		printf("%llu\n", (unsigned long long)now_ns());
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "serve"))
		return serve(atoi(argv[2]));
	if (argc == 6 && !strcmp(argv[1], "tcp"))
		return run(argv[2], atoi(argv[3]), atof(argv[4]),
			   atoi(argv[5]));
	fprintf(stderr, "usage: loadgen serve PORT | "
		"loadgen tcp ADDR PORT SECONDS CONC | loadgen now\n");
	return 2;
}
