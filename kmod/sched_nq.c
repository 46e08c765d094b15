// SPDX-License-Identifier: GPL-2.0
/*
 * Never queue: an idle destination (no active connection) at once, the
 * first one in the list; otherwise as sed.
 */
#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "service.h"

static struct ipvl_dest *ipvl_nq_schedule(struct ipvl_service *svc,
					  void *priv,
					  const struct ipvl_tuple *t)
{
	return ipvl_sched_sed_pick(svc, true);
}

const struct ipvl_scheduler ipvl_sched_nq = {
	.name = "nq",
	.schedule = ipvl_nq_schedule,
};
