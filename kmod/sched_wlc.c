// SPDX-License-Identifier: GPL-2.0
/*
 * Weighted least connection, ipvsadm's default: the usable destination
 * with the smallest overhead per unit of weight (ipvl_sched_wlc_pick()).
 */
#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "service.h"

static struct ipvl_dest *ipvl_wlc_schedule(struct ipvl_service *svc,
					   void *priv,
					   const struct ipvl_tuple *t)
{
	return ipvl_sched_wlc_pick(svc);
}

const struct ipvl_scheduler ipvl_sched_wlc = {
	.name = "wlc",
	.schedule = ipvl_wlc_schedule,
};
