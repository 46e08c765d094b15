// SPDX-License-Identifier: GPL-2.0
/*
 * Malformed and odd packets at a virtual service, written whole (Ethernet
 * header up) to a packet socket, so that nothing in the sender's stack
 * mends them: IP checksums, lengths and header lengths arrive as made.
 * Every packet comes from a source address of its own (SOURCE + i), so
 * that no two share a connection unless a class means them to.
 *
 *   pktfuzz -i IFACE -m MAC [-6] [-s SOURCE] [-P SPORT] [-n N] [-r SEED]
 *	     CLASS ADDR PORT tcp|udp
 *	Sends N packets (or N groups, see below) of CLASS to ADDR:PORT
 *	through IFACE to MAC (the director) and prints how many it sent.
 *	-P: every flow from source port SPORT (default: random ones).
 *	-6: IPv6 (ADDR and SOURCE are IPv6 addresses; SOURCE + i adds i
 *	to the last 32 bits), where the classes below read with IPv6's
 *	names: ICMPv6 for ICMP, the hop limit for the TTL, extension
 *	headers for options; ipcsum is IPv4's only.
 *
 * Classes, and what the director must do with them:
 *   trunc    transport header cut short, ports still there: a drop
 *	      counted as malformed
 *   badlen   TCP data offset under 5, or UDP length under 8 or past the
 *	      packet: malformed
 *   flags    one TCP segment with flags i % 256 from a new client: a
 *	      connection if SYN without RST, else counted as nonsyn_miss
 *	      and left to the director's own stack
 *   inconn   a SYN, then all 256 flag combinations in that connection:
 *	      257 packets forwarded (a connection's packets pass whatever
 *	      their flags; a SYN after a RST starts it again)
 *   ipcsum   a bad IP header checksum: the director's IP layer drops it
 *	      (InCsumErrors)
 *   iphdr    IP version not 4, header length under 5, total length
 *	      shorter than the header or longer than the frame: the IP
 *	      layer (InHdrErrors, InTruncatedPkts).  IPv6: version not 6,
 *	      a multicast source, payload length past the frame (the same
 *	      counters, Ip6 for Ip)
 *   opts     a new flow's first packet with IP options (NOPs, a
 *	      timestamp): forwarded.  IPv6: behind a hop-by-hop options
 *	      header and a destination options one (PadN): forwarded
 *   frag     a UDP datagram or TCP SYN in three fragments (IPv6: two,
 *	      the first holding the whole transport header, as RFC 8200
 *	      wants): reassembled by the director's IP layer (IPv6:
 *	      nf_defrag_ipv6), forwarded once
 *   lonefrag a first fragment whose rest never comes: held by the IP
 *	      layer until its reassembly time-out
 *   empty    UDP with no payload, TCP SYN with no options: forwarded
 *   ttl      a new flow's first packet with TTL 0 or 1: a connection,
 *	      then a drop (ttl_expired) with ICMP time exceeded
 *   icmpconn a flow's first packet, then an ICMP error (destination
 *	      unreachable, source quench, time exceeded; IPv6: port
 *	      unreachable, packet too big, time exceeded, parameter
 *	      problem) quoting what the VIP sent back on it: both forwarded
 *   icmpcsum the same with a bad ICMP checksum: the first forwarded, the
 *	      error dropped (checksum)
 *   icmpnone an ICMP error quoting a connection that does not exist, or
 *	      a quote cut short: left to the director's own stack
 *   icmponly a port unreachable quoting what the VIP sent back on a flow,
 *	      without the flow's first packet (with -P, a flow the client
 *	      made): forwarded if the flow has a connection
 *   random   a valid IP header over random TCP, UDP or ICMP bytes of a
 *	      random length: anything but a crash
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/icmp6.h>
#include <netinet/ip6.h>
#include <netinet/ip_icmp.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <linux/if_packet.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "csum.h"

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

/* ---- one frame ------------------------------------------------------ */

static int fd, ifindex, v6;
static uint8_t dmac[6], smac[6];
static unsigned long sent;

/* An address of either family: v6 says which. */
struct addr {
	uint32_t in;
	struct in6_addr in6;
};

/* @a plus @i: IPv4's whole address, IPv6's last 32 bits. */
static struct addr addr_plus(const struct addr *a, uint32_t i)
{
	struct addr r = *a;
	uint32_t low;

	r.in = htonl(ntohl(a->in) + i);
	memcpy(&low, &a->in6.s6_addr[12], 4);
	low = htonl(ntohl(low) + i);
	memcpy(&r.in6.s6_addr[12], &low, 4);
	return r;
}

struct frame {
	uint8_t buf[2048];
	struct iphdr *iph;	/* one of these two */
	struct ip6_hdr *ip6h;
	uint8_t *l4;		/* after the IP header and its options */
	size_t len;		/* of the frame so far */
};

/*
 * IPv6's header, and @optlen bytes of extension headers after it: a
 * hop-by-hop options header, then destination options ones, 8 bytes each
 * and padded (PadN).  With @proto IPPROTO_FRAGMENT, a fragment header
 * is the caller's to write at l4.
 */
static void frame_init6(struct frame *f, const struct addr *saddr,
			const struct addr *daddr, int proto, size_t optlen)
{
	uint8_t *nexthdr, *o;
	size_t i;

	f->ip6h->ip6_flow = htonl(6u << 28);
	f->ip6h->ip6_hlim = 64;
	f->ip6h->ip6_src = saddr->in6;
	f->ip6h->ip6_dst = daddr->in6;
	nexthdr = &f->ip6h->ip6_nxt;
	o = (uint8_t *)(f->ip6h + 1);
	for (i = 0; i < optlen / 8; i++, o += 8) {
		*nexthdr = i ? IPPROTO_DSTOPTS : IPPROTO_HOPOPTS;
		nexthdr = &o[0];
		o[1] = 0;	/* 8 bytes */
		o[2] = 1;	/* PadN, of the 4 bytes left */
		o[3] = 4;
	}
	*nexthdr = proto;
	f->l4 = o;
	f->len = f->l4 - f->buf;
}

static void frame_init(struct frame *f, const struct addr *saddr,
		       const struct addr *daddr, int proto, size_t optlen)
{
	struct ether_header *eh = (void *)f->buf;

	memset(f->buf, 0, sizeof(f->buf));
	memcpy(eh->ether_dhost, dmac, 6);
	memcpy(eh->ether_shost, smac, 6);
	eh->ether_type = htons(v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IP);
	f->iph = NULL;
	f->ip6h = NULL;
	if (v6) {
		f->ip6h = (void *)(eh + 1);
		frame_init6(f, saddr, daddr, proto, optlen);
		return;
	}
	f->iph = (void *)(eh + 1);
	f->iph->version = 4;
	f->iph->ihl = 5 + optlen / 4;
	f->iph->ttl = 64;
	f->iph->id = htons(rnd());
	f->iph->protocol = proto;
	f->iph->saddr = saddr->in;
	f->iph->daddr = daddr->in;
	f->l4 = (uint8_t *)f->iph + f->iph->ihl * 4;
	f->len = f->l4 - f->buf;
}

/*
 * The IP header's length fields and checksum, for @l4len bytes (IPv6:
 * the payload length, extension headers included).
 */
static void frame_ip(struct frame *f, size_t l4len)
{
	f->len = f->l4 - f->buf + l4len;
	if (f->ip6h) {
		f->ip6h->ip6_plen = htons(f->len - sizeof(struct ether_header) -
					  sizeof(*f->ip6h));
		return;
	}
	f->iph->tot_len = htons(f->len - sizeof(struct ether_header));
	f->iph->check = 0;
	f->iph->check = csum_fold(csum_add(0, f->iph, f->iph->ihl * 4));
}

/* The sum over the pseudo-header of @f's family and @len bytes at @l4. */
static uint16_t frame_l4_csum(const struct frame *f, const void *l4,
			      size_t len, int proto)
{
	if (f->ip6h)
		return l4_csum6(&f->ip6h->ip6_src, &f->ip6h->ip6_dst, l4, len,
				proto);
	return l4_csum(f->iph, l4, len, proto);
}

static void frame_send(struct frame *f)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET,
				   .sll_ifindex = ifindex, .sll_halen = 6 };
	size_t len = f->len < 60 ? 60 : f->len;	/* Ethernet's minimum */

	memcpy(sll.sll_addr, dmac, 6);
	while (sendto(fd, f->buf, len, 0, (struct sockaddr *)&sll,
		      sizeof(sll)) < 0) {
		if (errno != ENOBUFS) {
			perror("pktfuzz: sendto");
			exit(1);
		}
		usleep(1000);
	}
	sent++;
}

/* A TCP segment (@flags) or UDP datagram with @plen bytes of payload. */
static size_t put_l4(struct frame *f, int proto, uint16_t sport,
		     uint16_t dport, uint8_t flags, size_t plen)
{
	size_t i, l4len;

	if (proto == IPPROTO_TCP) {
		struct tcphdr *th = (void *)f->l4;

		th->source = htons(sport);
		th->dest = htons(dport);
		th->seq = htonl(rnd());
		th->ack_seq = htonl(rnd());
		th->doff = 5;
		((uint8_t *)th)[13] = flags;
		th->window = htons(65535);
		l4len = sizeof(*th) + plen;
	} else {
		struct udphdr *uh = (void *)f->l4;

		uh->source = htons(sport);
		uh->dest = htons(dport);
		l4len = sizeof(*uh) + plen;
		uh->len = htons(l4len);
	}
	for (i = l4len - plen; i < l4len; i++)
		f->l4[i] = 'a' + i % 26;
	return l4len;
}

static void fix_l4_csum(struct frame *f, int proto, size_t l4len)
{
	if (proto == IPPROTO_TCP) {
		struct tcphdr *th = (void *)f->l4;

		th->check = 0;
		th->check = frame_l4_csum(f, th, l4len, proto);
	} else {
		struct udphdr *uh = (void *)f->l4;

		uh->check = 0;
		uh->check = frame_l4_csum(f, uh, l4len, proto) ?: 0xffff;
	}
}

/*
 * An ICMPv6 error from @src to @dst quoting @q (@qlen bytes of it), of a
 * random type, or port unreachable with @unreach.
 */
static void icmp6_error(const struct addr *src, const struct addr *dst,
			const uint8_t *q, size_t qlen, int bad_csum,
			int unreach)
{
	static const uint8_t types[][2] = {
		{ ICMP6_DST_UNREACH, ICMP6_DST_UNREACH_NOPORT },
		{ ICMP6_PACKET_TOO_BIG, 0 },
		{ ICMP6_TIME_EXCEEDED, ICMP6_TIME_EXCEED_TRANSIT },
		{ ICMP6_PARAM_PROB, ICMP6_PARAMPROB_HEADER },
	};
	struct icmp6_hdr *ih;
	struct frame f;
	unsigned int t = unreach ? 0 : rnd() % 4;

	frame_init(&f, src, dst, IPPROTO_ICMPV6, 0);
	ih = (void *)f.l4;
	ih->icmp6_type = types[t][0];
	ih->icmp6_code = types[t][1];
	if (ih->icmp6_type == ICMP6_PACKET_TOO_BIG)
		ih->icmp6_mtu = htonl(1280 + rnd() % 200);
	memcpy(ih + 1, q, qlen);
	ih->icmp6_cksum = frame_l4_csum(&f, ih, sizeof(*ih) + qlen,
					IPPROTO_ICMPV6);
	if (bad_csum)
		ih->icmp6_cksum ^= htons(1 + rnd() % 0xfffe);
	frame_ip(&f, sizeof(*ih) + qlen);
	frame_send(&f);
}

/*
 * An ICMP error from @src to @dst quoting @q (@qlen bytes of it), of a
 * random type, or port unreachable with @unreach.
 */
static void icmp_error(const struct addr *src, const struct addr *dst,
		       const uint8_t *q, size_t qlen, int bad_csum,
		       int unreach)
{
	static const uint8_t types[][2] = {
		{ ICMP_DEST_UNREACH, ICMP_PORT_UNREACH },
		{ ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED },
		{ ICMP_SOURCE_QUENCH, 0 },
		{ ICMP_TIME_EXCEEDED, ICMP_EXC_TTL },
	};
	struct icmphdr *ih;
	struct frame f;
	unsigned int t = unreach ? 0 : rnd() % 4;

	if (v6)
		return icmp6_error(src, dst, q, qlen, bad_csum, unreach);
	frame_init(&f, src, dst, IPPROTO_ICMP, 0);
	ih = (void *)f.l4;
	ih->type = types[t][0];
	ih->code = types[t][1];
	if (ih->code == ICMP_FRAG_NEEDED)
		ih->un.frag.mtu = htons(576 + rnd() % 900);
	memcpy(ih + 1, q, qlen);
	ih->checksum = csum_fold(csum_add(0, ih, sizeof(*ih) + qlen));
	if (bad_csum)
		ih->checksum ^= htons(1 + rnd() % 0xfffe);
	frame_ip(&f, sizeof(*ih) + qlen);
	frame_send(&f);
}

/*
 * What the VIP (@vip:@vport) sent back to @client:@cport on a flow, as
 * an ICMP error quotes it: its IP header and first 8 bytes.
 */
static size_t quote(uint8_t *q, int proto, const struct addr *vip,
		    uint16_t vport, const struct addr *client, uint16_t cport)
{
	size_t iplen = v6 ? sizeof(struct ip6_hdr) : sizeof(struct iphdr);
	struct frame f;
	size_t l4len;

	frame_init(&f, vip, client, proto, 0);
	l4len = put_l4(&f, proto, vport, cport, TH_SYN | TH_ACK, 0);
	frame_ip(&f, l4len);
	fix_l4_csum(&f, proto, l4len);
	memcpy(q, f.buf + sizeof(struct ether_header), iplen + 8);
	return iplen + 8;
}

/* ---- the classes ---------------------------------------------------- */

/* A flow: its addresses, ports and protocol, and its number. */
struct flow {
	struct addr src, dst;
	uint16_t sport, dport;
	int proto;
	unsigned long i;
};

/* A TCP SYN or UDP datagram with @plen bytes, whole and correct. */
static void plain(struct frame *f, const struct flow *fl, size_t optlen,
		  size_t plen)
{
	size_t l4len;

	frame_init(f, &fl->src, &fl->dst, fl->proto, optlen);
	l4len = put_l4(f, fl->proto, fl->sport, fl->dport, TH_SYN, plen);
	frame_ip(f, l4len);
	fix_l4_csum(f, fl->proto, l4len);
}

/* A new flow's first packet: a SYN or a datagram, whole and correct. */
static void send_opener(const struct flow *fl)
{
	struct frame f;

	plain(&f, fl, 0, 8);
	frame_send(&f);
}

static void send_trunc(const struct flow *fl)
{
	struct frame f;
	size_t l4len;

	/* Ports, and less than the rest of the header. */
	frame_init(&f, &fl->src, &fl->dst, fl->proto, 0);
	l4len = put_l4(&f, fl->proto, fl->sport, fl->dport, TH_SYN, 0);
	frame_ip(&f, 4 + rnd() % (l4len - 4));
	frame_send(&f);
}

static void send_badlen(const struct flow *fl)
{
	struct frame f;
	size_t l4len;

	frame_init(&f, &fl->src, &fl->dst, fl->proto, 0);
	l4len = put_l4(&f, fl->proto, fl->sport, fl->dport, TH_SYN, 8);
	if (fl->proto == IPPROTO_TCP) {
		((struct tcphdr *)f.l4)->doff = rnd() % 5;
	} else {
		uint16_t bad = rnd() % 2 ? rnd() % 8 : l4len + 1 + rnd() % 100;

		((struct udphdr *)f.l4)->len = htons(bad);
	}
	frame_ip(&f, l4len);
	fix_l4_csum(&f, fl->proto, l4len);
	frame_send(&f);
}

/* A TCP segment of flags @flags and @plen bytes in @fl's flow. */
static void send_tcp(const struct flow *fl, uint8_t flags, size_t plen)
{
	struct frame f;
	size_t l4len;

	frame_init(&f, &fl->src, &fl->dst, IPPROTO_TCP, 0);
	l4len = put_l4(&f, IPPROTO_TCP, fl->sport, fl->dport, flags, plen);
	frame_ip(&f, l4len);
	fix_l4_csum(&f, IPPROTO_TCP, l4len);
	frame_send(&f);
}

static void send_inconn(const struct flow *fl)
{
	unsigned int flags;

	send_tcp(fl, TH_SYN, 8);
	for (flags = 0; flags < 256; flags++)
		send_tcp(fl, flags, flags & 1 ? 0 : 16);
}

static void send_iphdr6(const struct flow *fl)
{
	struct frame f;

	plain(&f, fl, 0, 8);
	switch (fl->i % 3) {
	case 0:
		f.ip6h->ip6_flow = htonl((rnd() % 2 ? 4u : 15u) << 28);
		break;
	case 1:
		f.ip6h->ip6_src.s6_addr[0] = 0xff;
		break;
	case 2:
		f.ip6h->ip6_plen = htons(ntohs(f.ip6h->ip6_plen) + 1 +
					 rnd() % 1000);
		break;
	}
	frame_send(&f);
}

static void send_iphdr(const struct flow *fl)
{
	struct frame f;

	if (v6)
		return send_iphdr6(fl);
	plain(&f, fl, 0, 8);
	switch (fl->i % 4) {
	case 0:
		f.iph->version = rnd() % 2 ? 6 : 15;
		break;
	case 1:
		f.iph->ihl = rnd() % 5;
		break;
	case 2:
		f.iph->tot_len = htons(rnd() % 20);
		break;
	case 3:
		/* Past the frame, padding included. */
		f.iph->tot_len = htons((f.len < 60 ? 60 : f.len) - 14 + 1 +
				       rnd() % 1000);
		break;
	}
	f.iph->check = 0;
	f.iph->check = csum_fold(csum_add(0, f.iph, 20));
	frame_send(&f);
}

static void send_opts(const struct flow *fl)
{
	struct frame f;
	uint8_t *o;

	if (v6) {
		/* Hop-by-hop options alone, or followed by destination ones. */
		plain(&f, fl, fl->i % 2 ? 8 : 16, 8);
		frame_send(&f);
		return;
	}
	plain(&f, fl, 12, 8);
	o = (uint8_t *)(f.iph + 1);
	if (fl->i % 2) {
		memset(o, IPOPT_NOP, 12);
	} else {	/* a timestamp with room for two */
		memset(o, 0, 12);
		o[0] = IPOPT_TS;
		o[1] = 12;
		o[2] = 5;
		o[3] = IPOPT_TS_TSONLY;
	}
	/* The options changed: the header's checksum again. */
	frame_ip(&f, f.len - (f.l4 - f.buf));
	frame_send(&f);
}

/*
 * @fl's packet in fragments of @part bytes (a multiple of 8), only the
 * first if @lone.
 */
static void send_frags(const struct flow *fl, size_t part, int lone)
{
	uint32_t id = rnd();
	struct frame whole, f;
	size_t off, total;

	plain(&whole, fl, 0, 24);
	total = whole.len - (whole.l4 - whole.buf);
	for (off = 0; off < total; off += part) {
		size_t this = total - off < part ? total - off : part;
		int more = off + this < total;

		if (v6) {
			struct ip6_frag *fh;

			frame_init(&f, &fl->src, &fl->dst, IPPROTO_FRAGMENT, 0);
			fh = (void *)f.l4;
			fh->ip6f_nxt = fl->proto;
			fh->ip6f_offlg = htons(off) | (more ? IP6F_MORE_FRAG : 0);
			fh->ip6f_ident = id;
			memcpy(fh + 1, whole.l4 + off, this);
			frame_ip(&f, sizeof(*fh) + this);
		} else {
			frame_init(&f, &fl->src, &fl->dst, fl->proto, 0);
			f.iph->id = id;
			memcpy(f.l4, whole.l4 + off, this);
			f.iph->frag_off = htons(off / 8 | (more ? IP_MF : 0));
			frame_ip(&f, this);
		}
		frame_send(&f);
		if (lone)
			break;
	}
}

static void send_ttl(const struct flow *fl)
{
	struct frame f;

	plain(&f, fl, 0, 8);
	if (v6) {
		f.ip6h->ip6_hlim = fl->i % 2;
	} else {
		f.iph->ttl = fl->i % 2;
		frame_ip(&f, f.len - (f.l4 - f.buf));
	}
	frame_send(&f);
}

static void send_random(const struct flow *fl)
{
	static const int protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP };
	/* IPv6's: what follows may be extension headers of random bytes. */
	static const int protos6[] = { IPPROTO_TCP, IPPROTO_UDP,
				       IPPROTO_ICMPV6, IPPROTO_HOPOPTS,
				       IPPROTO_DSTOPTS, IPPROTO_ROUTING,
				       IPPROTO_FRAGMENT };
	struct frame f;
	size_t j, l4len;
	int proto;

	proto = v6 ? protos6[rnd() % 7] : protos[rnd() % 3];
	frame_init(&f, &fl->src, &fl->dst, proto, 0);
	l4len = rnd() % 200;
	for (j = 0; j < l4len; j++)
		f.l4[j] = rnd();
	/* Aimed at the service half the time. */
	if (rnd() % 2 && l4len >= 4) {
		f.l4[2] = fl->dport >> 8;
		f.l4[3] = fl->dport & 0xff;
	}
	frame_ip(&f, l4len);
	frame_send(&f);
}

/* @fl's packet, or group, of class @cls: 0, or -1 if none is so named. */
static int send_class(const char *cls, const struct flow *fl)
{
	struct frame f;
	uint8_t q[64];
	size_t ql;

	if (!strcmp(cls, "trunc")) {
		send_trunc(fl);
	} else if (!strcmp(cls, "badlen")) {
		send_badlen(fl);
	} else if (!strcmp(cls, "flags")) {
		send_tcp(fl, fl->i % 256, 0);
	} else if (!strcmp(cls, "inconn")) {
		send_inconn(fl);
	} else if (!strcmp(cls, "ipcsum") && !v6) {
		plain(&f, fl, 0, 8);
		f.iph->check ^= htons(1 + rnd() % 0xfffe);
		frame_send(&f);
	} else if (!strcmp(cls, "iphdr")) {
		send_iphdr(fl);
	} else if (!strcmp(cls, "opts")) {
		send_opts(fl);
	} else if (!strcmp(cls, "frag") || !strcmp(cls, "lonefrag")) {
		send_frags(fl, v6 ? 24 : 16, !strcmp(cls, "lonefrag"));
	} else if (!strcmp(cls, "empty")) {
		plain(&f, fl, 0, 0);
		frame_send(&f);
	} else if (!strcmp(cls, "ttl")) {
		send_ttl(fl);
	} else if (!strcmp(cls, "icmpconn") || !strcmp(cls, "icmpcsum")) {
		send_opener(fl);
		ql = quote(q, fl->proto, &fl->dst, fl->dport, &fl->src,
			   fl->sport);
		icmp_error(&fl->src, &fl->dst, q, ql, !strcmp(cls, "icmpcsum"),
			   0);
	} else if (!strcmp(cls, "icmpnone")) {
		ql = quote(q, fl->proto, &fl->dst, fl->dport, &fl->src,
			   fl->sport);
		/* Cut short now and then: no ports to look up. */
		icmp_error(&fl->src, &fl->dst, q, rnd() % 3 ? ql : rnd() % ql,
			   0, 0);
	} else if (!strcmp(cls, "icmponly")) {
		ql = quote(q, fl->proto, &fl->dst, fl->dport, &fl->src,
			   fl->sport);
		icmp_error(&fl->src, &fl->dst, q, ql, 0, 1);
	} else if (!strcmp(cls, "random")) {
		send_random(fl);
	} else {
		return -1;
	}
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: pktfuzz -i IFACE -m MAC [-6] [-s SOURCE] [-P SPORT] [-n N] [-r SEED] CLASS ADDR PORT tcp|udp\n");
	return 2;
}

/* @str as an address of the family asked, into @a. */
static int addr_parse(const char *str, struct addr *a)
{
	memset(a, 0, sizeof(*a));
	if (v6)
		return inet_pton(AF_INET6, str, &a->in6) == 1 ? 0 : -1;
	return inet_pton(AF_INET, str, &a->in) == 1 ? 0 : -1;
}

int main(int argc, char **argv)
{
	const char *ifname = NULL, *srcname = NULL, *cls;
	unsigned long n = 100, i;
	uint16_t fixed_sport = 0;
	struct addr src, dst;
	struct ifreq ifr;
	cpu_set_t cpus;
	int opt;

	while ((opt = getopt(argc, argv, "i:m:6s:P:n:r:")) != -1) {
		switch (opt) {
		case 'i':
			ifname = optarg;
			break;
		case 'm':
			if (sscanf(optarg, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx",
				   &dmac[0], &dmac[1], &dmac[2], &dmac[3],
				   &dmac[4], &dmac[5]) != 6)
				return usage();
			break;
		case '6':
			v6 = 1;
			break;
		case 's':
			srcname = optarg;
			break;
		case 'P':
			fixed_sport = atoi(optarg);
			break;
		case 'n':
			n = strtoul(optarg, NULL, 0);
			break;
		case 'r':
			rng ^= strtoull(optarg, NULL, 0) * 0x9e3779b97f4a7c15ull;
			break;
		default:
			return usage();
		}
	}
	if (!srcname)
		srcname = v6 ? "fd77::1" : "172.20.0.1";
	if (!ifname || argc - optind != 4 || addr_parse(srcname, &src) ||
	    addr_parse(argv[optind + 1], &dst))
		return usage();
	cls = argv[optind];

	fd = socket(AF_PACKET, SOCK_RAW, htons(v6 ? ETH_P_IPV6 : ETH_P_IP));
	if (fd < 0) {
		perror("pktfuzz: socket");
		return 1;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr)) {
		perror("pktfuzz: SIOCGIFHWADDR");
		return 1;
	}
	memcpy(smac, ifr.ifr_hwaddr.sa_data, 6);
	ifindex = if_nametoindex(ifname);
	/*
	 * One CPU: every hop queues in order on its backlog, so a packet
	 * sent later (the tests' fence) arrives later everywhere.
	 */
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	sched_setaffinity(0, sizeof(cpus), &cpus);

	for (i = 0; i < n; i++) {
		struct flow fl = {
			.src = addr_plus(&src, i),
			.dst = dst,
			.sport = 1024 + rnd() % 60000,
			.dport = atoi(argv[optind + 2]),
			.proto = !strcmp(argv[optind + 3], "tcp") ?
				 IPPROTO_TCP : IPPROTO_UDP,
			.i = i,
		};

		if (fixed_sport)
			fl.sport = fixed_sport;
		if (send_class(cls, &fl))
			return usage();
	}
	printf("%lu\n", sent);
	return 0;
}
