// SPDX-License-Identifier: GPL-2.0
/*
 * Whose memory a namespace's tables are: the memory cgroup of the task
 * that created the namespace, so that a director in a container (or in
 * an unprivileged user's namespace, admin.c) is bounded by its cgroup's
 * memory.max and the host is not.
 *
 * The initial namespace, and a namespace created in the root cgroup,
 * charge nothing, and their packet path allocates as before (GFP_ATOMIC).
 * A charged namespace's allocations are made with __GFP_ACCOUNT inside
 * ipvl_charge_begin() and ipvl_charge_end(): by its configuration
 * commands (the family's pre_doit and post_doit) and by its packet path
 * (the LOCAL_IN hook: connections, templates, locality entries, routes).
 * Those of the packet path run in softirq, where the task they interrupt
 * is nobody's business: without the scope they would charge nothing, or
 * that task.  They use GFP_NOWAIT rather than GFP_ATOMIC, which would
 * push the cgroup past its limit (__GFP_HIGH forces the charge): at the
 * limit a new connection is refused and counted as nomem.
 *
 * A namespace that existed when the module was loaded is charged to the
 * loader's cgroup (its creator is not known any more).  The connection
 * tables' bucket arrays are the kernel's rhashtable's, resized by its
 * worker, and charge nothing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/memcontrol.h>
#include <linux/sched.h>

#include "ipvs_lite.h"

/* Namespace creation: in the creator's task. */
void ipvl_memcg_init(struct ipvl_net *in)
{
#ifdef CONFIG_MEMCG
	struct mem_cgroup *memcg;

	if (in->net == &init_net)
		return;
	memcg = get_mem_cgroup_from_mm(current->mm);
	/* The root has no limit: nothing to charge to. */
	if (memcg && !memcg->css.parent) {
		mem_cgroup_put(memcg);
		memcg = NULL;
	}
	in->memcg = memcg;
#endif
}

/* Namespace teardown: nothing of it allocates any more. */
void ipvl_memcg_exit(struct ipvl_net *in)
{
	mem_cgroup_put(in->memcg);
	in->memcg = NULL;
}
