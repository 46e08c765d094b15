/* SPDX-License-Identifier: GPL-2.0 */
/* values.c: one option's argument, read as ipvsadm reads it. */
#ifndef IPVSADM_LITE_VALUES_H
#define IPVSADM_LITE_VALUES_H

#include <stdint.h>

struct daemon;
struct failure;
struct svc;

/* What parse_service() found. */
#define SERVICE_ADDR	1
#define SERVICE_PORT	2

long string_to_number(const char *s, long min, long max);
int parse_timeout(const char *s, int min, int max, uint32_t *out,
		  struct failure *f);
int parse_fwmark(const char *s, uint32_t *out, struct failure *f);
int parse_service(const char *arg, struct svc *svc);
int parse_netmask(const char *arg, uint32_t *mask);
int parse_mcast_group(const char *arg, struct daemon *dm, struct failure *f);
int parse_sched_flags(const char *sched, char *arg, uint32_t *flags,
		      struct failure *f);

#endif
