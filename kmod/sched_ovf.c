// SPDX-License-Identifier: GPL-2.0
/*
 * Weighted overflow: the usable destination of the highest weight whose
 * active connections do not exceed its weight; when it is full the next
 * highest takes the overflow.  The weight is a connection count here, so
 * it suits TCP: UDP entries are never active.
 */
#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "service.h"

static struct ipvl_dest *ipvl_ovf_schedule(struct ipvl_service *svc,
					   void *priv,
					   const struct ipvl_tuple *t)
{
	return ipvl_sched_heaviest(svc, true);
}

const struct ipvl_scheduler ipvl_sched_ovf = {
	.name = "ovf",
	.schedule = ipvl_ovf_schedule,
};
