// SPDX-License-Identifier: GPL-2.0
/*
 * Weighted fail-over: every new connection to the usable destination of
 * the highest weight, the first of equals.  The others stand by until it
 * is quiesced, overloaded or removed.
 */
#include "ipvs_lite.h"
#include "dest.h"
#include "sched.h"
#include "sched_lib.h"
#include "service.h"

static struct ipvl_dest *ipvl_fo_schedule(struct ipvl_service *svc,
					  void *priv,
					  const struct ipvl_tuple *t)
{
	return ipvl_sched_heaviest(svc, false);
}

const struct ipvl_scheduler ipvl_sched_fo = {
	.name = "fo",
	.schedule = ipvl_fo_schedule,
};
