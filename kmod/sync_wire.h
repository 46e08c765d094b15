/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: the IPVS connection synchronisation protocol on the wire, as
 * the kernel's ip_vs sends and reads it (net/netfilter/ipvs/ip_vs_sync.c
 * is the reference).  One UDP datagram is a message: a header and
 * nr_conns entries.  Everything is in network order; nothing is aligned
 * but the v1 entries, to 4 bytes.
 *
 * Version 1: a header whose first byte is 0 (so that a version 0 reader,
 * taking it for its count, reads no entry), then entries of
 * IPVL_SYNC_V4_LEN or IPVL_SYNC_V6_LEN bytes with their options (type,
 * length, data), each padded to 4 bytes.  Version 0 (read only): IPv4
 * entries of fixed size, 24 bytes more with sequence data.
 */
#ifndef _IPVL_SYNC_WIRE_H
#define _IPVL_SYNC_WIRE_H

#include <linux/in6.h>
#include <linux/types.h>
#ifdef IPVL_HAVE_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#define IPVL_SYNC_GROUP		htonl(0xe0000051)	/* 224.0.0.81 */
#define IPVL_SYNC_PORT		8848
#define IPVL_SYNC_VERSION	1

struct ipvl_sync_hdr_v0 {
	u8 nr_conns;
	u8 syncid;
	__be16 size;
};

struct ipvl_sync_hdr {
	u8 reserved;		/* 0 */
	u8 syncid;
	__be16 size;		/* of the whole message */
	u8 nr_conns;
	s8 version;		/* IPVL_SYNC_VERSION */
	__be16 spare;		/* 0 */
};

/*
 * ipvs-lite's own message, not IPVS's: a backup asks the masters for
 * their whole table (sync_recv.c, sync_send.c).  A version 1 header of
 * no entry whose spare field is IPVL_SYNC_REQUEST: ip_vs reads it as a
 * version 0 message of no entry (its first byte), and does nothing.
 */
#define IPVL_SYNC_REQUEST	htons(0x4c52)

/* The sequence data of an entry (IPVS's FTP helper's; read, never used). */
struct ipvl_sync_seq {
	__be32 init_seq;
	__be32 delta;
	__be32 previous_delta;
};

#define IPVL_SYNC_SEQ_LEN	(2 * sizeof(struct ipvl_sync_seq))

struct ipvl_sync_conn_v0 {
	u8 reserved;
	u8 protocol;
	__be16 cport;
	__be16 vport;
	__be16 dport;
	__be32 caddr;
	__be32 vaddr;
	__be32 daddr;
	__be16 flags;
	__be16 state;
	/* IPVL_SYNC_SEQ_LEN bytes of sequence data with IP_VS_CONN_F_SEQ_MASK */
};

/* The part of a v1 entry common to both families. */
struct ipvl_sync_conn {
	u8 type;		/* IPVL_SYNC_TYPE_INET6, or 0 */
	u8 protocol;
	__be16 ver_size;	/* version << 12 | size with options */
	__be32 flags;		/* IP_VS_CONN_F_* */
	__be16 state;
	__be16 cport;
	__be16 vport;
	__be16 dport;
	__be32 fwmark;
	__be32 timeout;		/* seconds */
	/* caddr, vaddr, daddr: 4 or 16 bytes each; then the options */
} __packed;

#define IPVL_SYNC_TYPE_INET6	0x01
#define IPVL_SYNC_VER_SHIFT	12
#define IPVL_SYNC_SIZE_MASK	0x0fff

#define IPVL_SYNC_V4_LEN	(sizeof(struct ipvl_sync_conn) + 3 * 4)
#define IPVL_SYNC_V6_LEN	(sizeof(struct ipvl_sync_conn) + 3 * 16)

/* Options of a v1 entry; an unknown one without the PARAM bit is fatal. */
#define IPVL_SYNC_OPT_SEQ	1
#define IPVL_SYNC_OPT_PE_DATA	2
#define IPVL_SYNC_OPT_PE_NAME	3
#define IPVL_SYNC_OPT_PARAM	0x40	/* IPVS's 1 << (7 - 1) */

/* Lengths IPVS bounds its persistence engine's options to. */
#define IPVL_SYNC_PE_DATA_MAX	255
#define IPVL_SYNC_PE_NAME_MAX	16

/* IPVS's template states on the wire. */
#define IPVL_SYNC_TPL_NONE	0
#define IPVL_SYNC_TPL_ASSURED	1
#define IPVL_SYNC_TPL_MAX	2

/* The number of TCP states on the wire; UDP has one, 0. */
#define IPVL_SYNC_TCP_STATES	11

#endif /* _IPVL_SYNC_WIRE_H */
