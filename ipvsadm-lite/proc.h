/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IPVSADM_LITE_PROC_H
#define IPVSADM_LITE_PROC_H

struct failure;

/* proc.c: ip_vs's connections, from /proc/net/ip_vs_conn, listed. */
int list_proc_conns(unsigned int format, struct failure *f);

#endif
