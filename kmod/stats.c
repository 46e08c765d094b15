// SPDX-License-Identifier: GPL-2.0
/*
 * Counters and rates.  The packet path adds to per-CPU counters; readers
 * sum them.  Every two seconds the estimator folds each stats' change
 * since its last estimation into a moving average, as IPVS's estimator
 * does: the new average moves a quarter of the way towards the last two
 * seconds' rate, which makes a window of about eight seconds.
 *
 * The estimator is bounded in what one run does, whatever the number of
 * services and real servers, as IPVS's since Linux 6.2 (ip_vs_est.c:
 * kthreads visiting chains of estimators tick by tick):
 *   - each namespace's stats are spread over IPVL_EST_SLOTS slots, lists
 *     under &ipvl_est.mutex; a slot is visited once per period, at its
 *     tick, so that every stats is estimated two seconds after its
 *     previous estimation;
 *   - one work run estimates at most one batch of a slot, a bounded
 *     number of per-CPU counter reads (ipvl_est_batch()), under the
 *     mutex, then requeues itself for the slot's next batch (the
 *     workqueue reschedules between runs) or sleeps until the next
 *     non-empty slot's tick.  No RCU read section: the mutex keeps every
 *     stats on the lists alive (service.c and dest.c remove a stats
 *     under it before freeing it after a grace period), and moves the
 *     cursor off one that goes;
 *   - a slot is filled up to one batch before the next is used, so that
 *     a small namespace costs one wake-up per period.
 * The work runs on an unbound workqueue of its own, "ipvs_lite_est", which
 * sysfs exposes (/sys/devices/virtual/workqueue/ipvs_lite_est: nice,
 * cpumask), as IPVS's est_nice and est_cpulist sysctls.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/string.h>

#include "ipvs_lite.h"

/* Rate estimates are kept scaled, as IPVS's: rates << 10, bytes << 5. */
#define IPVL_EST_SHIFT		10
#define IPVL_EST_BYTES_SHIFT	5

#define IPVL_EST_PERIOD		(2 * HZ)

int ipvl_stats_init(struct ipvl_stats *s)
{
	int cpu;

	s->cpu = alloc_percpu_gfp(struct ipvl_cpu_stats, GFP_KERNEL_ACCOUNT);
	if (!s->cpu)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(s->cpu, cpu)->syncp);
	spin_lock_init(&s->lock);
	memset(&s->zero, 0, sizeof(s->zero));
	memset(&s->last, 0, sizeof(s->last));
	memset(&s->rate, 0, sizeof(s->rate));
	INIT_LIST_HEAD(&s->est_node);
	return 0;
}

void ipvl_stats_free(struct ipvl_stats *s)
{
	free_percpu(s->cpu);
	s->cpu = NULL;
}

static void ipvl_stats_sum(const struct ipvl_stats *s,
			   struct ipvl_counters *sum)
{
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct ipvl_cpu_stats *c = per_cpu_ptr(s->cpu, cpu);
		u64 conns, inpkts, outpkts, inbytes, outbytes;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&c->syncp);
			conns = u64_stats_read(&c->conns);
			inpkts = u64_stats_read(&c->inpkts);
			outpkts = u64_stats_read(&c->outpkts);
			inbytes = u64_stats_read(&c->inbytes);
			outbytes = u64_stats_read(&c->outbytes);
		} while (u64_stats_fetch_retry(&c->syncp, start));
		sum->conns += conns;
		sum->inpkts += inpkts;
		sum->outpkts += outpkts;
		sum->inbytes += inbytes;
		sum->outbytes += outbytes;
	}
}

/* Counters since the last ZERO, and rates per second, unscaled. */
void ipvl_stats_read(struct ipvl_stats *s, struct ipvl_counters *sum,
		     struct ipvl_counters *rate)
{
	const u64 round = (1 << IPVL_EST_SHIFT) - 1;
	const u64 round_b = (1 << IPVL_EST_BYTES_SHIFT) - 1;
	struct ipvl_counters now;

	ipvl_stats_sum(s, &now);
	spin_lock_bh(&s->lock);
	sum->conns = now.conns - s->zero.conns;
	sum->inpkts = now.inpkts - s->zero.inpkts;
	sum->outpkts = now.outpkts - s->zero.outpkts;
	sum->inbytes = now.inbytes - s->zero.inbytes;
	sum->outbytes = now.outbytes - s->zero.outbytes;
	rate->conns = (s->rate.conns + round) >> IPVL_EST_SHIFT;
	rate->inpkts = (s->rate.inpkts + round) >> IPVL_EST_SHIFT;
	rate->outpkts = (s->rate.outpkts + round) >> IPVL_EST_SHIFT;
	rate->inbytes = (s->rate.inbytes + round_b) >> IPVL_EST_BYTES_SHIFT;
	rate->outbytes = (s->rate.outbytes + round_b) >> IPVL_EST_BYTES_SHIFT;
	spin_unlock_bh(&s->lock);
}

void ipvl_stats_zero(struct ipvl_stats *s)
{
	struct ipvl_counters now;

	ipvl_stats_sum(s, &now);
	spin_lock_bh(&s->lock);
	s->zero = now;
	s->last = now;
	memset(&s->rate, 0, sizeof(s->rate));
	spin_unlock_bh(&s->lock);
}

/*
 * avg += (rate - avg) / 4, where rate is @delta over the two-second
 * period, scaled by 2^@shift: so @delta << (@shift - 1).
 */
static void ipvl_est_fold(u64 *avg, u64 delta, unsigned int shift)
{
	u64 rate = delta << (shift - 1);

	*avg += (s64)(rate - *avg) >> 2;
}

static void ipvl_est_one(struct ipvl_stats *s)
{
	struct ipvl_counters now;

	ipvl_stats_sum(s, &now);
	spin_lock_bh(&s->lock);
	ipvl_est_fold(&s->rate.conns, now.conns - s->last.conns,
		      IPVL_EST_SHIFT);
	ipvl_est_fold(&s->rate.inpkts, now.inpkts - s->last.inpkts,
		      IPVL_EST_SHIFT);
	ipvl_est_fold(&s->rate.outpkts, now.outpkts - s->last.outpkts,
		      IPVL_EST_SHIFT);
	ipvl_est_fold(&s->rate.inbytes, now.inbytes - s->last.inbytes,
		      IPVL_EST_BYTES_SHIFT);
	ipvl_est_fold(&s->rate.outbytes, now.outbytes - s->last.outbytes,
		      IPVL_EST_BYTES_SHIFT);
	s->last = now;
	spin_unlock_bh(&s->lock);
}

/*
 * Stats estimated per batch: 512 per-CPU counter reads, so the batch
 * shrinks as possible CPUs grow.  Also how full a slot is filled before
 * the next one is used.
 */
#define IPVL_EST_BATCH_READS	512

static unsigned int ipvl_est_batch(void)
{
	return max(1U, IPVL_EST_BATCH_READS / num_possible_cpus());
}

static struct workqueue_struct *ipvl_est_wq;

/* When slot @k of the current period is due. */
static unsigned long ipvl_est_due(const struct ipvl_est *est, unsigned int k)
{
	return est->base + k * IPVL_EST_PERIOD / IPVL_EST_SLOTS;
}

/*
 * The current slot's tick starts.  Late by more than a tick (the work
 * could not keep up, or the system was busy): the period starts again
 * from now, so that no slot is visited twice within less than a period
 * to catch up.
 */
static void ipvl_est_tick_start(struct ipvl_est *est)
{
	unsigned long due = ipvl_est_due(est, est->cur), now = jiffies;

	lockdep_assert_held(&est->mutex);

	if (time_after(now, due + IPVL_EST_PERIOD / IPVL_EST_SLOTS))
		est->base += now - due;
	est->cursor = est->slot[est->cur].next;
}

/*
 * The current slot is done: move to the next slot with stats in it (the
 * same one, a period on, if it is the only one, or if there is none) and
 * return how long until its tick.
 */
static unsigned long ipvl_est_advance(struct ipvl_est *est)
{
	unsigned long due;
	unsigned int i;

	lockdep_assert_held(&est->mutex);

	est->cursor = NULL;
	for (i = 0; i < IPVL_EST_SLOTS; i++) {
		if (++est->cur == IPVL_EST_SLOTS) {
			est->cur = 0;
			est->base += IPVL_EST_PERIOD;
		}
		if (est->count[est->cur])
			break;
	}
	due = ipvl_est_due(est, est->cur);
	return time_after(due, jiffies) ? due - jiffies : 0;
}

static void ipvl_est_work(struct work_struct *work)
{
	struct ipvl_est *est = container_of(to_delayed_work(work),
					    struct ipvl_est, work);
	unsigned int n = ipvl_est_batch();
	struct list_head *head;
	unsigned long delay = 0;

	mutex_lock(&est->mutex);
	head = &est->slot[est->cur];
	if (!est->cursor)
		ipvl_est_tick_start(est);
	while (est->cursor != head && n--) {
		struct ipvl_stats *s = list_entry(est->cursor,
						  struct ipvl_stats, est_node);

		est->cursor = est->cursor->next;
		ipvl_est_one(s);
	}
	/* Done with the slot, or its next batch in a run of its own. */
	if (est->cursor == head)
		delay = ipvl_est_advance(est);
	mutex_unlock(&est->mutex);
	queue_delayed_work(ipvl_est_wq, &est->work, delay);
}

/*
 * Estimate @s from now on, in the first slot that has room for it (or
 * the emptiest): @s is the stats of a service or destination being added
 * to @in's tables.  A stats added to the slot being visited goes before
 * the cursor: its first estimation is at the slot's next tick.
 */
void ipvl_est_add(struct ipvl_net *in, struct ipvl_stats *s)
{
	unsigned int i, slot = 0, room = ipvl_est_batch();
	struct ipvl_est *est = &in->est;

	lockdep_assert_held(&in->config_mutex);

	mutex_lock(&est->mutex);
	for (i = 0; i < IPVL_EST_SLOTS; i++) {
		if (est->count[i] < room) {
			slot = i;
			break;
		}
		if (est->count[i] < est->count[slot])
			slot = i;
	}
	s->est_slot = slot;
	est->count[slot]++;
	list_add(&s->est_node, &est->slot[slot]);
	mutex_unlock(&est->mutex);
}

/*
 * Stop estimating @s: its service or destination is leaving @in's
 * tables, to be freed after a grace period.  Once this returns, the
 * estimator no longer reaches it.
 */
void ipvl_est_del(struct ipvl_net *in, struct ipvl_stats *s)
{
	struct ipvl_est *est = &in->est;

	lockdep_assert_held(&in->config_mutex);

	mutex_lock(&est->mutex);
	if (est->cursor == &s->est_node)
		est->cursor = s->est_node.next;
	list_del_init(&s->est_node);
	est->count[s->est_slot]--;
	mutex_unlock(&est->mutex);
}

void ipvl_est_start(struct ipvl_net *in)
{
	struct ipvl_est *est = &in->est;
	unsigned int i;

	mutex_init(&est->mutex);
	for (i = 0; i < IPVL_EST_SLOTS; i++) {
		INIT_LIST_HEAD(&est->slot[i]);
		est->count[i] = 0;
	}
	est->cur = 0;
	est->cursor = NULL;
	est->base = jiffies + IPVL_EST_PERIOD;
	INIT_DELAYED_WORK(&est->work, ipvl_est_work);
	queue_delayed_work(ipvl_est_wq, &est->work, IPVL_EST_PERIOD);
}

/* Every stats has been removed, or is about to be: no more runs. */
void ipvl_est_stop(struct ipvl_net *in)
{
	cancel_delayed_work_sync(&in->est.work);
}

/* The module's estimator workqueue, before any namespace starts. */
int __init ipvl_est_init(void)
{
	ipvl_est_wq = alloc_workqueue("ipvs_lite_est", WQ_UNBOUND | WQ_SYSFS,
				      0);
	return ipvl_est_wq ? 0 : -ENOMEM;
}

void ipvl_est_exit(void)
{
	destroy_workqueue(ipvl_est_wq);
}
