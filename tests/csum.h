/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Internet checksum, for the C tests that write packets whole
 * (tests/flows.c, tests/pktfuzz.c).
 */
#ifndef IPVL_TESTS_CSUM_H
#define IPVL_TESTS_CSUM_H

#include <arpa/inet.h>
#include <netinet/ip.h>
#include <stddef.h>
#include <stdint.h>

/* @sum plus @len bytes at @data, as 16-bit big-endian words. */
static inline uint32_t csum_add(uint32_t sum, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += p[len - 1] << 8;
	return sum;
}

/* The checksum field for @sum, in network order. */
static inline uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum & 0xffff);
}

/* The transport checksum over the IPv4 pseudo-header and @len bytes. */
static inline uint16_t l4_csum(const struct iphdr *iph, const void *l4,
			       size_t len, int proto)
{
	uint32_t sum = csum_add(0, &iph->saddr, 8);

	sum += proto + len;
	return csum_fold(csum_add(sum, l4, len));
}

/* The transport checksum over the IPv6 pseudo-header and @len bytes. */
static inline uint16_t l4_csum6(const struct in6_addr *saddr,
				const struct in6_addr *daddr, const void *l4,
				size_t len, int proto)
{
	uint32_t sum = csum_add(0, saddr, 16);

	sum = csum_add(sum, daddr, 16);
	sum += proto + len;
	return csum_fold(csum_add(sum, l4, len));
}

#endif
