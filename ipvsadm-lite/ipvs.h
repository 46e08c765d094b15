/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IPVSADM_LITE_IPVS_H
#define IPVSADM_LITE_IPVS_H

#include <stdbool.h>
#include <stdint.h>

#include "command.h"
#include "objects.h"

struct nl_ctx;

/* ipvs.c: the family's commands. */
struct ipvs_info {
	uint32_t version;
	uint32_t conn_tab_size;
};

int ipvs_get_info(struct nl_ctx *nl, struct ipvs_info *info);
int ipvs_get_timeouts(struct nl_ctx *nl, struct timeouts *t);
int ipvs_set_timeouts(struct nl_ctx *nl, const struct timeouts *t);
int ipvs_get_services(struct nl_ctx *nl, struct svc **svcs, int *n);
int ipvs_get_service(struct nl_ctx *nl, struct svc *svc);
int ipvs_get_dests(struct nl_ctx *nl, struct svc *svc);
int ipvs_service_cmd(struct nl_ctx *nl, enum cmd cmd, const struct svc *svc);
int ipvs_dest_cmd(struct nl_ctx *nl, enum cmd cmd, const struct svc *svc,
		  const struct dest *dest);
int ipvs_zero(struct nl_ctx *nl, const struct svc *svc);
int ipvs_flush(struct nl_ctx *nl);
const char *ipvs_strerror(enum cmd cmd, bool listing, int err);
int ipvs_get_conns(struct nl_ctx *nl, const struct command *c,
		   struct conn **conns, int *n);
int ipvs_get_status(struct nl_ctx *nl, struct status *st);
int ipvs_set_conn_max(struct nl_ctx *nl, uint32_t conn_max);
int ipvs_daemon_cmd(struct nl_ctx *nl, enum cmd cmd, const struct daemon *dm);
int ipvs_get_daemons(struct nl_ctx *nl, struct daemon **daemons, int *n);
extern const char *const state_names[IPVS_LITE_S_MAX];
extern const char *const drop_names[IPVS_LITE_DROP_MAX];
extern const char *const sync_names[IPVS_LITE_SYNC_MAX];
void free_services(struct svc *svcs, int n);

#endif
