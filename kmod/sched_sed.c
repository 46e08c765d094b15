// SPDX-License-Identifier: GPL-2.0
/*
 * Shortest expected delay: the usable destination where a new connection
 * would wait least, (active + 1) / weight (ipvl_sched_sed_pick()).
 */
#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "service.h"

static struct ipvl_dest *ipvl_sed_schedule(struct ipvl_service *svc,
					   void *priv,
					   const struct ipvl_tuple *t)
{
	return ipvl_sched_sed_pick(svc, false);
}

const struct ipvl_scheduler ipvl_sched_sed = {
	.name = "sed",
	.schedule = ipvl_sed_schedule,
};
