// SPDX-License-Identifier: GPL-2.0
/*
 * Counters and rates.  The packet path adds to per-CPU counters; readers
 * sum them.  Every two seconds the estimator folds the change since its
 * last run into a moving average, as IPVS's estimator does: the new
 * average moves a quarter of the way towards the last two seconds' rate,
 * which makes a window of about eight seconds.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/percpu.h>
#include <linux/string.h>

#include "ipvs_lite.h"

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

static void ipvl_est_work(struct work_struct *work)
{
	struct ipvl_net *in = container_of(to_delayed_work(work),
					   struct ipvl_net, est_work);
	struct ipvl_service *svc;
	struct ipvl_dest *dest;

	rcu_read_lock();
	list_for_each_entry_rcu(svc, &in->services, list) {
		ipvl_est_one(&svc->stats);
		list_for_each_entry_rcu(dest, &svc->dests, list)
			ipvl_est_one(&dest->stats);
	}
	rcu_read_unlock();
	queue_delayed_work(system_long_wq, &in->est_work, IPVL_EST_PERIOD);
}

void ipvl_est_start(struct ipvl_net *in)
{
	INIT_DELAYED_WORK(&in->est_work, ipvl_est_work);
	queue_delayed_work(system_long_wq, &in->est_work, IPVL_EST_PERIOD);
}

void ipvl_est_stop(struct ipvl_net *in)
{
	cancel_delayed_work_sync(&in->est_work);
}
