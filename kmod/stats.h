/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipvs-lite: the counters and rate estimates of services and real servers
 * (stats.c).
 *
 * Lifetime: a stats is part of its service or destination.  While that is
 * in the tables, the stats is on one of its namespace's estimator lists
 * (&ipvl_est.slot); removal takes it off under &ipvl_est.mutex before the
 * grace period that frees it, and the estimator reaches stats only under
 * that mutex.  The packet path writes this CPU's counters without a lock.
 */
#ifndef _IPVL_STATS_H
#define _IPVL_STATS_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>

struct ipvl_net;

/** struct ipvl_counters - totals of one stats: what IPVS_STATS_ATTR_* show */
struct ipvl_counters {
	u64 conns;
	u64 inpkts;
	u64 outpkts;
	u64 inbytes;
	u64 outbytes;
};

/** struct ipvl_cpu_stats - one CPU's counters, written by the packet path */
struct ipvl_cpu_stats {
	u64_stats_t conns;
	u64_stats_t inpkts;
	u64_stats_t outpkts;
	u64_stats_t inbytes;
	u64_stats_t outbytes;
	struct u64_stats_sync syncp;
};

/**
 * struct ipvl_stats - counters and rate estimates of a service or destination
 * @cpu: per-CPU counters
 * @lock: protects @zero, @last and @rate
 * @zero: the totals when the counters were last zeroed
 * @last: the totals at the previous estimation
 * @rate: the estimated rates per second, scaled (stats.c: IPVL_EST_SHIFT)
 * @est_node: in one of its namespace's &ipvl_est.slot lists while its
 *	service or destination is in the tables (under &ipvl_est.mutex)
 * @est_slot: which one (under &ipvl_est.mutex)
 */
struct ipvl_stats {
	struct ipvl_cpu_stats __percpu *cpu;
	spinlock_t lock;		/* protects zero, last, rate */
	struct ipvl_counters zero;
	struct ipvl_counters last;
	struct ipvl_counters rate;
	struct list_head est_node;
	unsigned int est_slot;
};

/*
 * The estimator's slots: each is visited once per two-second period, a
 * tick (period / IPVL_EST_SLOTS) after the one before (stats.c).
 */
#define IPVL_EST_SLOTS		50

/**
 * struct ipvl_est - the rate estimator of one namespace
 * @mutex: protects all below but @work; taken after config_mutex, before
 *	any &ipvl_stats.lock
 * @slot: the namespace's stats, spread over the period's ticks
 * @count: the length of each @slot list
 * @cur: the slot being visited, or the next to be
 * @cursor: in @slot[@cur], the next stats to estimate (the list head when
 *	the slot is done); NULL until its tick starts.  Removing the stats
 *	it points to moves it on
 * @base: jiffies when the current period's slot 0 was due
 * @work: one run estimates at most one batch of @slot[@cur]
 */
struct ipvl_est {
	struct mutex mutex;		/* see above */
	struct list_head slot[IPVL_EST_SLOTS];
	unsigned int count[IPVL_EST_SLOTS];
	unsigned int cur;
	struct list_head *cursor;
	unsigned long base;
	struct delayed_work work;
};

int ipvl_stats_init(struct ipvl_stats *s);
void ipvl_stats_free(struct ipvl_stats *s);
void ipvl_stats_read(struct ipvl_stats *s, struct ipvl_counters *sum,
		     struct ipvl_counters *rate);
void ipvl_stats_zero(struct ipvl_stats *s);
int ipvl_est_init(void);
void ipvl_est_exit(void);
void ipvl_est_start(struct ipvl_net *in);
void ipvl_est_add(struct ipvl_net *in, struct ipvl_stats *s);
void ipvl_est_del(struct ipvl_net *in, struct ipvl_stats *s);

void ipvl_est_stop(struct ipvl_net *in);

/* Packet path (softirq): a packet of @len bytes towards a real server. */
static inline void ipvl_stats_in(struct ipvl_stats *s, unsigned int len,
				 bool new_conn)
{
	struct ipvl_cpu_stats *c = this_cpu_ptr(s->cpu);

	u64_stats_update_begin(&c->syncp);
	if (new_conn)
		u64_stats_inc(&c->conns);
	u64_stats_inc(&c->inpkts);
	u64_stats_add(&c->inbytes, len);
	u64_stats_update_end(&c->syncp);
}

/* ... and one from a real server. */
static inline void ipvl_stats_out(struct ipvl_stats *s, unsigned int len)
{
	struct ipvl_cpu_stats *c = this_cpu_ptr(s->cpu);

	u64_stats_update_begin(&c->syncp);
	u64_stats_inc(&c->outpkts);
	u64_stats_add(&c->outbytes, len);
	u64_stats_update_end(&c->syncp);
}

#endif /* _IPVL_STATS_H */
