/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the C tests' TCP servers share: a socket listening on every
 * address, watched by a new epoll set.
 */
#ifndef IPVL_TESTS_SOCKUTIL_H
#define IPVL_TESTS_SOCKUTIL_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

/* An epoll set with the listener (of @type, on @port) in it, or -1. */
static inline int listen_epoll(int port, int type, int *lfd)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons(port) };
	struct epoll_event ev = { .events = EPOLLIN };
	int one = 1, ep;

	*lfd = socket(AF_INET, type, 0);
	if (*lfd < 0)
		return -1;
	setsockopt(*lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(*lfd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(*lfd, 4096))
		return -1;
	ep = epoll_create1(0);
	ev.data.fd = *lfd;
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, *lfd, &ev))
		return -1;
	return ep;
}

#endif
