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
 *   loadgen echo PORT
 *	Accept connections and echo what they send until they close.
 *   loadgen stream ADDR PORT CONC EXCHANGES [TOTAL [PAUSE_MS]]
 *	Keep CONC connections to ADDR:PORT (a loadgen echo), each a connect,
 *	then EXCHANGES requests of REQ bytes of their own, each response
 *	compared byte for byte, then our close; EXCHANGES 0: until the end.
 *	PAUSE_MS paces them: a pause after each round of answers read, so
 *	that the streams leave the CPUs to what they run beside.
 *	Ends after TOTAL connections, or on SIGUSR1 (connections in flight
 *	finish their exchange), and prints
 *	    conns N exchanges X errors E stalled S
 *	A connection that makes no progress for 10 s is stalled, and an
 *	error.  Exits 1 if any connection failed.
 *   loadgen now
 *	CLOCK_MONOTONIC in nanoseconds, for timing a command.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
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
	unsigned int done;	/* exchanges (stream) */
	uint64_t last;		/* progress (stream), ns */
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

/* A connection on its way: its descriptor, or -1. */
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
	conns[fd].done = 0;
	conns[fd].last = now_ns();
	ev.data.fd = fd;
	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	return fd;
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
			if (start(ep, &sa, seq++) < 0)
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

static int echo(int port)
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
			char buf[4096];
			ssize_t r;

			if (fd == lfd) {
				while ((c = accept4(lfd, NULL, NULL,
						    SOCK_NONBLOCK)) >= 0) {
					ev.data.fd = c;
					epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
				}
				continue;
			}
			r = read(fd, buf, sizeof(buf));
			if (r < 0 && errno == EAGAIN)
				continue;
			/* Small exchanges: the socket buffer takes them. */
			if (r <= 0 || write(fd, buf, r) != r)
				close(fd);
		}
	}
}

static volatile sig_atomic_t stop;

static void on_usr1(int sig)
{
	(void)sig;
	stop = 1;
}

/* Send connection @fd's next request. */
static int stream_send(int ep, int fd)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };
	struct conn *k = &conns[fd];
	char want[REQ];

	k->got = 0;
	request(want, k->seq + k->done);
	if (write(fd, want, REQ) != REQ)
		return -1;
	return epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

static int stream(const char *addr, int port, int conc,
		  unsigned int exchanges, unsigned long total,
		  unsigned int pause_ms)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons(port) };
	unsigned long done = 0, xch = 0, errors = 0, stalled = 0;
	int ep, i, fd, inflight = 0, maxfd = 0;
	unsigned int seq = 0;

	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1 || conc < 1)
		return 2;
	signal(SIGUSR1, on_usr1);
	ep = epoll_create1(0);
	for (;;) {
		struct epoll_event evs[64];
		uint64_t t;
		int n;

		while (!stop && inflight < conc) {
			if (total && seq >> 16 == total) {
				stop = 1;
				break;
			}
			fd = start(ep, &sa, seq);
			seq += 1u << 16;
			if (fd < 0) {
				errors++;
				break;
			}
			if (fd > maxfd)
				maxfd = fd;
			inflight++;
		}
		if (!inflight)
			break;
		n = epoll_wait(ep, evs, 64, 1000);
		for (i = 0; i < n; i++) {
			struct conn *k;
			int r = 0;

			fd = evs[i].data.fd;
			k = &conns[fd];
			k->last = now_ns();
			if (evs[i].events & EPOLLOUT) {
				int err = 0;
				socklen_t len = sizeof(err);

				getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
				r = err ? -1 : stream_send(ep, fd);
			} else {
				char want[REQ];
				ssize_t got = read(fd, k->buf + k->got,
						   REQ + 1 - k->got);

				if (got < 0 && errno == EAGAIN)
					continue;
				if (got <= 0 || k->got + got > REQ) {
					r = -1;
				} else if ((k->got += got) == REQ) {
					request(want, k->seq + k->done);
					if (memcmp(k->buf, want, REQ)) {
						r = -1;
					} else {
						xch++;
						k->done++;
						if (stop || (exchanges &&
							     k->done == exchanges))
							r = 1;
						else
							r = stream_send(ep, fd);
					}
				}
			}
			if (!r)
				continue;
			if (r > 0)
				done++;
			else
				errors++;
			close(fd);
			k->last = 0;
			inflight--;
		}
		if (pause_ms && n > 0)
			usleep(pause_ms * 1000);
		/* Connections that stopped moving. */
		t = now_ns();
		for (fd = 0; fd <= maxfd; fd++) {
			if (!conns[fd].last ||
			    t - conns[fd].last < 10000000000ull)
				continue;
			stalled++;
			errors++;
			conns[fd].last = 0;
			close(fd);
			inflight--;
		}
	}
	printf("conns %lu exchanges %lu errors %lu stalled %lu\n", done, xch,
	       errors, stalled);
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
	if (argc == 3 && !strcmp(argv[1], "echo"))
		return echo(atoi(argv[2]));
	if (argc >= 6 && argc <= 8 && !strcmp(argv[1], "stream"))
		return stream(argv[2], atoi(argv[3]), atoi(argv[4]),
			      strtoul(argv[5], NULL, 0),
			      argc >= 7 ? strtoul(argv[6], NULL, 0) : 0,
			      argc == 8 ? strtoul(argv[7], NULL, 0) : 0);
	fprintf(stderr, "usage: loadgen serve PORT | loadgen echo PORT | "
		"loadgen tcp ADDR PORT SECONDS CONC |\n"
		"       loadgen stream ADDR PORT CONC EXCHANGES [TOTAL [PAUSE_MS]] |\n"
		"       loadgen now\n");
	return 2;
}
