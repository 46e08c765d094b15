// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/ip_vs_conn, registered only with compat_ipvs=1: the stock
 * ipvsadm lists connections from this file (there is no netlink command
 * for it in IPVS), so that is where ipvs-lite must put them when it stands
 * in for ip_vs.  The format is ip_vs's, byte for byte.
 *
 * The walk is the connection table's rhashtable walk, a stretch at a time
 * between stop() and start(), under RCU: reading the file takes no lock
 * the packet path needs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/proc_fs.h>
#include <linux/rhashtable.h>
#include <linux/seq_file.h>

#include "ipvs_lite.h"
#include "conn.h"

/**
 * struct ipvl_conn_seq - a reader of the file
 * @in: the namespace's state (the file goes before it does, and
 *	remove_proc_entry() closes readers first)
 * @iter: where the walk is
 * @walking: @iter is entered
 */
struct ipvl_conn_seq {
	struct ipvl_net *in;
	struct rhashtable_iter iter;
	bool walking;
};

static void *ipvl_conn_seq_skip_err(struct rhashtable_iter *iter, void *obj)
{
	/* A resize restarts the walk in the new table: carry on. */
	while (IS_ERR(obj) && PTR_ERR(obj) == -EAGAIN)
		obj = rhashtable_walk_next(iter);
	return IS_ERR(obj) ? NULL : obj;
}

static void *ipvl_conn_seq_start(struct seq_file *seq, loff_t *pos)
	__acquires(RCU)
{
	struct ipvl_conn_seq *s = seq->private;

	if (!*pos || !s->walking) {
		if (s->walking)
			rhashtable_walk_exit(&s->iter);
		rhashtable_walk_enter(&s->in->conn_in_ht, &s->iter);
		s->walking = true;
	}
	rhashtable_walk_start(&s->iter);
	if (!*pos)
		return SEQ_START_TOKEN;
	/* The entry next() gave last: not shown yet. */
	return ipvl_conn_seq_skip_err(&s->iter,
				      rhashtable_walk_peek(&s->iter));
}

static void *ipvl_conn_seq_next(struct seq_file *seq, void *v, loff_t *pos)
{
	struct ipvl_conn_seq *s = seq->private;

	++*pos;
	return ipvl_conn_seq_skip_err(&s->iter,
				      rhashtable_walk_next(&s->iter));
}

static void ipvl_conn_seq_stop(struct seq_file *seq, void *v)
	__releases(RCU)
{
	struct ipvl_conn_seq *s = seq->private;

	rhashtable_walk_stop(&s->iter);
}

/* As ip_vs names them; a firewall-mark service's templates are "IP". */
static const char *ipvl_proto_name(u8 protocol)
{
	switch (protocol) {
	case IPPROTO_TCP:
		return "TCP";
	case IPPROTO_UDP:
		return "UDP";
	default:
		return "IP";
	}
}

static int ipvl_conn_seq_show(struct seq_file *seq, void *v)
{
	const struct ipvl_conn *cp = v;
	long left;

	if (v == SEQ_START_TOKEN) {
		seq_puts(seq,
			 "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n");
		return 0;
	}
	left = (long)(READ_ONCE(cp->expires) - jiffies);
	if (left < 0)
		left = 0;
	if (cp->af == AF_INET)
		seq_printf(seq, "%-3s %08X %04X %08X %04X %08X %04X %-11s %7lu\n",
			   ipvl_proto_name(cp->protocol),
			   ntohl(cp->caddr.ip), ntohs(cp->cport),
			   ntohl(cp->vaddr.ip), ntohs(cp->vport),
			   ntohl(cp->daddr.ip), ntohs(cp->dport),
			   ipvl_state_names[READ_ONCE(cp->state)], left / HZ);
	else
		seq_printf(seq, "%-3s %pI6 %04X %pI6 %04X %pI6 %04X %-11s %7lu\n",
			   ipvl_proto_name(cp->protocol),
			   &cp->caddr.in6, ntohs(cp->cport),
			   &cp->vaddr.in6, ntohs(cp->vport),
			   &cp->daddr.in6, ntohs(cp->dport),
			   ipvl_state_names[READ_ONCE(cp->state)], left / HZ);
	return 0;
}

static const struct seq_operations ipvl_conn_seq_ops = {
	.start = ipvl_conn_seq_start,
	.next = ipvl_conn_seq_next,
	.stop = ipvl_conn_seq_stop,
	.show = ipvl_conn_seq_show,
};

/* seq_release_private() frees the private part; the walk goes first. */
static int ipvl_conn_seq_release(struct inode *inode, struct file *file)
{
	struct seq_file *seq = file->private_data;
	struct ipvl_conn_seq *s = seq->private;

	if (s->walking)
		rhashtable_walk_exit(&s->iter);
	return seq_release_private(inode, file);
}

static int ipvl_conn_seq_open(struct inode *inode, struct file *file)
{
	struct ipvl_conn_seq *s;

	s = __seq_open_private(file, &ipvl_conn_seq_ops, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->in = pde_data(inode);
	return 0;
}

static const struct proc_ops ipvl_conn_proc_ops = {
	.proc_open = ipvl_conn_seq_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = ipvl_conn_seq_release,
};

static int __net_init ipvl_procfs_net_init(struct net *net)
{
	if (!proc_create_data("ip_vs_conn", 0440, net->proc_net,
			      &ipvl_conn_proc_ops, ipvl_net(net)))
		return -ENOMEM;
	return 0;
}

static void __net_exit ipvl_procfs_net_exit(struct net *net)
{
	remove_proc_entry("ip_vs_conn", net->proc_net);
}

/* After ipvl_net's own: a namespace's file comes after its state. */
static struct pernet_operations ipvl_procfs_net_ops = {
	.init = ipvl_procfs_net_init,
	.exit = ipvl_procfs_net_exit,
};

/*
 * Called once the family is registered as "IPVS": that succeeding means
 * the kernel's ip_vs is not loaded, so the name in /proc is free.
 */
int __init ipvl_procfs_init(void)
{
	return register_pernet_subsys(&ipvl_procfs_net_ops);
}

void ipvl_procfs_exit(void)
{
	unregister_pernet_subsys(&ipvl_procfs_net_ops);
}
