// SPDX-License-Identifier: GPL-2.0
/*
 * Malformed and odd packets at a virtual service, written whole (Ethernet
 * header up) to a packet socket, so that nothing in the sender's stack
 * mends them: IP checksums, lengths and header lengths arrive as made.
 * Every packet comes from a source address of its own (SOURCE + i), so
 * that no two share a connection unless a class means them to.
 *
 *   pktfuzz -i IFACE -m MAC [-s SOURCE] [-P SPORT] [-n N] [-r SEED] CLASS
 *	     ADDR PORT tcp|udp
 *	Sends N packets (or N groups, see below) of CLASS to ADDR:PORT
 *	through IFACE to MAC (the director) and prints how many it sent.
 *	-P: every flow from source port SPORT (default: random ones).
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
 *	      layer (InHdrErrors, InTruncatedPkts)
 *   opts     a new flow's first packet with IP options (NOPs, a
 *	      timestamp): forwarded
 *   frag     a UDP datagram or TCP SYN in three fragments: reassembled
 *	      by the director's IP layer, forwarded once
 *   lonefrag a first fragment whose rest never comes: held by the IP
 *	      layer until its reassembly time-out
 *   empty    UDP with no payload, TCP SYN with no options: forwarded
 *   ttl      a new flow's first packet with TTL 0 or 1: a connection,
 *	      then a drop (ttl_expired) with ICMP time exceeded
 *   icmpconn a flow's first packet, then an ICMP error (destination
 *	      unreachable, source quench, time exceeded) quoting what the
 *	      VIP sent back on it: both forwarded
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

static int fd, ifindex;
static uint8_t dmac[6], smac[6];
static unsigned long sent;

struct frame {
	uint8_t buf[2048];
	struct iphdr *iph;
	uint8_t *l4;		/* after the IP header and its options */
	size_t len;		/* of the frame so far */
};

static void frame_init(struct frame *f, uint32_t saddr, uint32_t daddr,
		       int proto, size_t optlen)
{
	struct ether_header *eh = (void *)f->buf;

	memset(f->buf, 0, sizeof(f->buf));
	memcpy(eh->ether_dhost, dmac, 6);
	memcpy(eh->ether_shost, smac, 6);
	eh->ether_type = htons(ETHERTYPE_IP);
	f->iph = (void *)(eh + 1);
	f->iph->version = 4;
	f->iph->ihl = 5 + optlen / 4;
	f->iph->ttl = 64;
	f->iph->id = htons(rnd());
	f->iph->protocol = proto;
	f->iph->saddr = saddr;
	f->iph->daddr = daddr;
	f->l4 = (uint8_t *)f->iph + f->iph->ihl * 4;
	f->len = f->l4 - f->buf;
}

/* The IP header's length fields and checksum, for @l4len bytes. */
static void frame_ip(struct frame *f, size_t l4len)
{
	f->len = f->l4 - f->buf + l4len;
	f->iph->tot_len = htons(f->len - sizeof(struct ether_header));
	f->iph->check = 0;
	f->iph->check = csum_fold(csum_add(0, f->iph, f->iph->ihl * 4));
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
		th->check = l4_csum(f->iph, th, l4len, proto);
	} else {
		struct udphdr *uh = (void *)f->l4;

		uh->check = 0;
		uh->check = l4_csum(f->iph, uh, l4len, proto) ?: 0xffff;
	}
}

/* A new flow's first packet: a SYN or a datagram, whole and correct. */
static void opener(int proto, uint32_t src, uint32_t dst, uint16_t sport,
		   uint16_t dport)
{
	struct frame f;
	size_t l4len;

	frame_init(&f, src, dst, proto, 0);
	l4len = put_l4(&f, proto, sport, dport, TH_SYN, 8);
	frame_ip(&f, l4len);
	fix_l4_csum(&f, proto, l4len);
	frame_send(&f);
}

/*
 * An ICMP error from @src to @dst quoting @q (@qlen bytes of it), of a
 * random type, or port unreachable with @unreach.
 */
static void icmp_error(uint32_t src, uint32_t dst, const uint8_t *q,
		       size_t qlen, int bad_csum, int unreach)
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
static size_t quote(uint8_t *q, int proto, uint32_t vip, uint16_t vport,
		    uint32_t client, uint16_t cport)
{
	struct frame f;
	size_t l4len;

	frame_init(&f, vip, client, proto, 0);
	l4len = put_l4(&f, proto, vport, cport, TH_SYN | TH_ACK, 0);
	frame_ip(&f, l4len);
	fix_l4_csum(&f, proto, l4len);
	memcpy(q, f.iph, 28);
	return 28;
}

/* ---- the classes ---------------------------------------------------- */

static int usage(void)
{
	fprintf(stderr, "usage: pktfuzz -i IFACE -m MAC [-s SOURCE] [-P SPORT] [-n N] [-r SEED] CLASS ADDR PORT tcp|udp\n");
	return 2;
}

int main(int argc, char **argv)
{
	uint32_t src = htonl(0xac140001), dst;	/* 172.20.0.1 */
	const char *ifname = NULL, *cls;
	unsigned long n = 100, i;
	struct ifreq ifr;
	cpu_set_t cpus;
	uint16_t port, fixed_sport = 0;
	int opt, proto;

	while ((opt = getopt(argc, argv, "i:m:s:P:n:r:")) != -1) {
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
		case 's':
			if (inet_pton(AF_INET, optarg, &src) != 1)
				return usage();
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
	if (!ifname || argc - optind != 4 ||
	    inet_pton(AF_INET, argv[optind + 1], &dst) != 1)
		return usage();
	cls = argv[optind];
	port = atoi(argv[optind + 2]);
	proto = !strcmp(argv[optind + 3], "tcp") ? IPPROTO_TCP : IPPROTO_UDP;

	fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_IP));
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
		uint32_t s = htonl(ntohl(src) + i);
		uint16_t sport = 1024 + rnd() % 60000;
		struct frame f;
		size_t l4len;
		uint8_t q[64];

		if (fixed_sport)
			sport = fixed_sport;

		if (!strcmp(cls, "trunc")) {
			/* Ports, and less than the rest of the header. */
			frame_init(&f, s, dst, proto, 0);
			l4len = put_l4(&f, proto, sport, port, TH_SYN, 0);
			frame_ip(&f, 4 + rnd() % (l4len - 4));
			frame_send(&f);
		} else if (!strcmp(cls, "badlen")) {
			frame_init(&f, s, dst, proto, 0);
			l4len = put_l4(&f, proto, sport, port, TH_SYN, 8);
			if (proto == IPPROTO_TCP) {
				((struct tcphdr *)f.l4)->doff = rnd() % 5;
			} else {
				uint16_t bad = rnd() % 2 ? rnd() % 8 :
					       l4len + 1 + rnd() % 100;

				((struct udphdr *)f.l4)->len = htons(bad);
			}
			frame_ip(&f, l4len);
			fix_l4_csum(&f, proto, l4len);
			frame_send(&f);
		} else if (!strcmp(cls, "flags")) {
			frame_init(&f, s, dst, IPPROTO_TCP, 0);
			l4len = put_l4(&f, IPPROTO_TCP, sport, port, i % 256, 0);
			frame_ip(&f, l4len);
			fix_l4_csum(&f, IPPROTO_TCP, l4len);
			frame_send(&f);
		} else if (!strcmp(cls, "inconn")) {
			unsigned int fl;

			opener(IPPROTO_TCP, s, dst, sport, port);
			for (fl = 0; fl < 256; fl++) {
				frame_init(&f, s, dst, IPPROTO_TCP, 0);
				l4len = put_l4(&f, IPPROTO_TCP, sport, port, fl,
					       fl & 1 ? 0 : 16);
				frame_ip(&f, l4len);
				fix_l4_csum(&f, IPPROTO_TCP, l4len);
				frame_send(&f);
			}
		} else if (!strcmp(cls, "ipcsum")) {
			frame_init(&f, s, dst, proto, 0);
			l4len = put_l4(&f, proto, sport, port, TH_SYN, 8);
			frame_ip(&f, l4len);
			fix_l4_csum(&f, proto, l4len);
			f.iph->check ^= htons(1 + rnd() % 0xfffe);
			frame_send(&f);
		} else if (!strcmp(cls, "iphdr")) {
			frame_init(&f, s, dst, proto, 0);
			l4len = put_l4(&f, proto, sport, port, TH_SYN, 8);
			frame_ip(&f, l4len);
			fix_l4_csum(&f, proto, l4len);
			switch (i % 4) {
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
				f.iph->tot_len = htons((f.len < 60 ? 60 : f.len) -
						       14 + 1 + rnd() % 1000);
				break;
			}
			f.iph->check = 0;
			f.iph->check = csum_fold(csum_add(0, f.iph, 20));
			frame_send(&f);
		} else if (!strcmp(cls, "opts")) {
			uint8_t *o;

			frame_init(&f, s, dst, proto, 12);
			o = (uint8_t *)(f.iph + 1);
			if (i % 2) {
				memset(o, IPOPT_NOP, 12);
			} else {	/* a timestamp with room for two */
				o[0] = IPOPT_TS;
				o[1] = 12;
				o[2] = 5;
				o[3] = IPOPT_TS_TSONLY;
			}
			l4len = put_l4(&f, proto, sport, port, TH_SYN, 8);
			frame_ip(&f, l4len);
			fix_l4_csum(&f, proto, l4len);
			frame_send(&f);
		} else if (!strcmp(cls, "frag") || !strcmp(cls, "lonefrag")) {
			struct frame whole;
			size_t off, part = 16, total;

			frame_init(&whole, s, dst, proto, 0);
			l4len = put_l4(&whole, proto, sport, port, TH_SYN, 24);
			frame_ip(&whole, l4len);
			fix_l4_csum(&whole, proto, l4len);
			total = l4len;
			for (off = 0; off < total; off += part) {
				size_t this = total - off < part ?
					      total - off : part;

				frame_init(&f, s, dst, proto, 0);
				f.iph->id = whole.iph->id;
				memcpy(f.l4, whole.l4 + off, this);
				f.iph->frag_off = htons(off / 8 |
					(off + this < total ? IP_MF : 0));
				frame_ip(&f, this);
				frame_send(&f);
				if (!strcmp(cls, "lonefrag"))
					break;
			}
		} else if (!strcmp(cls, "empty")) {
			frame_init(&f, s, dst, proto, 0);
			l4len = put_l4(&f, proto, sport, port, TH_SYN, 0);
			frame_ip(&f, l4len);
			fix_l4_csum(&f, proto, l4len);
			frame_send(&f);
		} else if (!strcmp(cls, "ttl")) {
			frame_init(&f, s, dst, proto, 0);
			f.iph->ttl = i % 2;
			l4len = put_l4(&f, proto, sport, port, TH_SYN, 8);
			frame_ip(&f, l4len);
			fix_l4_csum(&f, proto, l4len);
			frame_send(&f);
		} else if (!strcmp(cls, "icmpconn") ||
			   !strcmp(cls, "icmpcsum")) {
			opener(proto, s, dst, sport, port);
			icmp_error(s, dst, q, quote(q, proto, dst, port, s, sport),
				   !strcmp(cls, "icmpcsum"), 0);
		} else if (!strcmp(cls, "icmpnone")) {
			size_t ql = quote(q, proto, dst, port, s, sport);

			/* Cut short now and then: no ports to look up. */
			icmp_error(s, dst, q, rnd() % 3 ? ql : rnd() % ql, 0, 0);
		} else if (!strcmp(cls, "icmponly")) {
			icmp_error(s, dst, q, quote(q, proto, dst, port, s, sport),
				   0, 1);
		} else if (!strcmp(cls, "random")) {
			static const int protos[] = { IPPROTO_TCP, IPPROTO_UDP,
						      IPPROTO_ICMP };
			size_t j;

			frame_init(&f, s, dst, protos[rnd() % 3], 0);
			l4len = rnd() % 200;
			for (j = 0; j < l4len; j++)
				f.l4[j] = rnd();
			/* Aimed at the service half the time. */
			if (rnd() % 2 && l4len >= 4) {
				f.l4[2] = port >> 8;
				f.l4[3] = port & 0xff;
			}
			frame_ip(&f, l4len);
			frame_send(&f);
		} else {
			return usage();
		}
	}
	printf("%lu\n", sent);
	return 0;
}
