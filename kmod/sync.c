// SPDX-License-Identifier: GPL-2.0
/*
 * The sync daemons' lives: starting and stopping a master or a backup in
 * a namespace, with IPVS's defaults and checks, and their sockets.  The
 * rules of locking and lifetime are in sync.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/in.h>
#include <linux/inetdevice.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/swap.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "ipvs_lite.h"
#include "dest.h"
#include "service.h"
#include "sync.h"
#include "sync_wire.h"

void ipvl_sync_net_init(struct ipvl_sync *s)
{
	mutex_init(&s->mutex);
	s->sysctl.threshold[0] = 3;
	s->sysctl.threshold[1] = 50;
	s->sysctl.retries = 0;
	s->sysctl.ports = 1;
	s->sysctl.qlen_max = max(nr_free_buffer_pages() / 32, 1UL);
	s->sysctl.version = IPVL_SYNC_VERSION;
}

/* Sockets ---------------------------------------------------------------- */

static int ipvl_sock_set(struct socket *sock, int level, int opt,
			 const void *val, unsigned int len)
{
	if (level == SOL_SOCKET)
		return sock_setsockopt(sock, level, opt,
				       KERNEL_SOCKPTR((void *)val), len);
	return sock->ops->setsockopt(sock, level, opt,
				     KERNEL_SOCKPTR((void *)val), len);
}

static int ipvl_sock_set_int(struct socket *sock, int level, int opt,
			     int val)
{
	return ipvl_sock_set(sock, level, opt, &val, sizeof(val));
}

/* The group's address at sync port @id, as a socket address. */
int ipvl_sync_sockaddr(const struct ipvl_sync_cfg *c, int id,
		       struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (c->af == AF_INET6) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(c->port + id);
		sin6->sin6_addr = c->group.in6;
		return sizeof(*sin6);
	}
	((struct sockaddr_in *)ss)->sin_family = AF_INET;
	((struct sockaddr_in *)ss)->sin_port = htons(c->port + id);
	((struct sockaddr_in *)ss)->sin_addr.s_addr = c->group.ip;
	return sizeof(struct sockaddr_in);
}

/* A master's socket: multicast out of the interface, to the group. */
static int ipvl_sync_sock_send(struct ipvl_net *in, struct socket *sock,
			       const struct ipvl_sync_cfg *c,
			       struct net_device *dev, int id)
{
	struct sockaddr_storage ss;
	int len, ret;

	if (c->af == AF_INET6) {
		ret = ipvl_sock_set_int(sock, SOL_IPV6, IPV6_MULTICAST_IF,
					dev->ifindex) ?:
		      ipvl_sock_set_int(sock, SOL_IPV6, IPV6_MULTICAST_LOOP,
					0) ?:
		      ipvl_sock_set_int(sock, SOL_IPV6, IPV6_MULTICAST_HOPS,
					c->ttl) ?:
		      ipvl_sock_set_int(sock, SOL_IPV6, IPV6_MTU_DISCOVER,
					IPV6_PMTUDISC_DONT);
	} else {
		struct ip_mreqn mreq = { .imr_ifindex = dev->ifindex };
		struct sockaddr_in sin = { .sin_family = AF_INET };

		ret = ipvl_sock_set(sock, SOL_IP, IP_MULTICAST_IF, &mreq,
				    sizeof(mreq)) ?:
		      ipvl_sock_set_int(sock, SOL_IP, IP_MULTICAST_LOOP, 0) ?:
		      ipvl_sock_set_int(sock, SOL_IP, IP_MULTICAST_TTL,
					c->ttl) ?:
		      ipvl_sock_set_int(sock, SOL_IP, IP_MTU_DISCOVER,
					IP_PMTUDISC_DONT);
		if (ret)
			return ret;
		/* From the interface's address, as IPVS sends. */
		sin.sin_addr.s_addr = inet_select_addr(dev, 0,
						       RT_SCOPE_UNIVERSE);
		ret = kernel_bind(sock, (struct sockaddr *)&sin, sizeof(sin));
	}
	if (ret)
		return ret;
	if (READ_ONCE(in->sync.sysctl.sock_size) > 0)
		ipvl_sock_set_int(sock, SOL_SOCKET, SO_SNDBUF,
				  READ_ONCE(in->sync.sysctl.sock_size));
	len = ipvl_sync_sockaddr(c, id, &ss);
	return kernel_connect(sock, (struct sockaddr *)&ss, len, 0);
}

/* A backup's socket: bound to the group's port on the interface, joined. */
static int ipvl_sync_sock_recv(struct ipvl_net *in, struct socket *sock,
			       const struct ipvl_sync_cfg *c,
			       struct net_device *dev, int id)
{
	struct sockaddr_storage ss;
	int len, ret;

	sock->sk->sk_reuse = SK_CAN_REUSE;
	if (READ_ONCE(in->sync.sysctl.sock_size) > 0)
		ipvl_sock_set_int(sock, SOL_SOCKET, SO_RCVBUF,
				  READ_ONCE(in->sync.sysctl.sock_size));
	/* A backup's requests (sync_recv.c) are not for itself. */
	ret = ipvl_sock_set_int(sock, c->af == AF_INET6 ? SOL_IPV6 : SOL_IP,
				c->af == AF_INET6 ? IPV6_MULTICAST_LOOP :
						    IP_MULTICAST_LOOP, 0);
	if (ret)
		return ret;
	ret = sock_bindtoindex(sock->sk, dev->ifindex, true);
	if (ret)
		return ret;
	len = ipvl_sync_sockaddr(c, id, &ss);
	ret = kernel_bind(sock, (struct sockaddr *)&ss, len);
	if (ret)
		return ret;
	if (c->af == AF_INET6) {
		struct ipv6_mreq mreq = {
			.ipv6mr_multiaddr = c->group.in6,
			.ipv6mr_ifindex = dev->ifindex,
		};

		return ipvl_sock_set(sock, SOL_IPV6, IPV6_ADD_MEMBERSHIP,
				     &mreq, sizeof(mreq));
	} else {
		struct ip_mreqn mreq = {
			.imr_multiaddr.s_addr = c->group.ip,
			.imr_ifindex = dev->ifindex,
		};

		return ipvl_sock_set(sock, SOL_IP, IP_ADD_MEMBERSHIP, &mreq,
				     sizeof(mreq));
	}
}

/*
 * Sync port @id's socket in @in for configuration @c, sending (@send) or
 * receiving.  Process context, no lock held that the multicast calls
 * take (they take RTNL).
 */
int ipvl_sync_sock_open(struct ipvl_net *in, const struct ipvl_sync_cfg *c,
			int id, bool send, struct socket **sockp)
{
	struct net_device *dev;
	struct socket *sock;
	int ret;

	dev = dev_get_by_name(in->net, c->ifname);
	if (!dev)
		return -ENODEV;
	ret = sock_create_kern(in->net, c->af, SOCK_DGRAM, IPPROTO_UDP, &sock);
	if (ret)
		goto out;
	ret = send ? ipvl_sync_sock_send(in, sock, c, dev, id) :
		     ipvl_sync_sock_recv(in, sock, c, dev, id);
	if (ret) {
		sock_release(sock);
		goto out;
	}
	*sockp = sock;
out:
	dev_put(dev);
	return ret;
}

/*
 * A socket that wakes @work when it has data: sk_user_data names the
 * work, under sk_callback_lock, which the callback reads under too.
 */
static void ipvl_sync_data_ready(struct sock *sk)
{
	struct work_struct *work;

	read_lock_bh(&sk->sk_callback_lock);
	work = sk->sk_user_data;
	if (work)
		queue_work(system_unbound_wq, work);
	read_unlock_bh(&sk->sk_callback_lock);
}

/* Wake @work on @sock's data; its own callback is kept in *@saved. */
void ipvl_sync_watch(struct socket *sock, struct work_struct *work,
		     struct ipvl_sync_saved *saved)
{
	struct sock *sk = sock->sk;

	write_lock_bh(&sk->sk_callback_lock);
	saved->data_ready = sk->sk_data_ready;
	sk->sk_user_data = work;
	sk->sk_data_ready = ipvl_sync_data_ready;
	write_unlock_bh(&sk->sk_callback_lock);
	/* What came before the callback was set. */
	queue_work(system_unbound_wq, work);
}

/*
 * Undo ipvl_sync_watch(), then release @sock: nothing queues @work once
 * the callback is restored, and @work has finished when this returns.
 */
void ipvl_sync_unwatch(struct socket *sock, struct work_struct *work,
		       const struct ipvl_sync_saved *saved)
{
	struct sock *sk = sock->sk;

	write_lock_bh(&sk->sk_callback_lock);
	if (sk->sk_user_data == work) {
		sk->sk_user_data = NULL;
		sk->sk_data_ready = saved->data_ready;
	}
	write_unlock_bh(&sk->sk_callback_lock);
	cancel_work_sync(work);
	sock_release(sock);
}

/* Starting and stopping ---------------------------------------------------- */

/* Does any real server have another family than its service's? */
static bool ipvl_sync_mixed_dests(struct ipvl_net *in)
{
	struct ipvl_service *svc;
	struct ipvl_dest *dest;

	lockdep_assert_held(&in->config_mutex);
	list_for_each_entry(svc, &in->services, list)
		list_for_each_entry(dest, &svc->dests, list)
			if (dest->af != svc->key.af)
				return true;
	return false;
}

/* Mark @state as starting, unless the real servers forbid it. */
static int ipvl_sync_reserve(struct ipvl_net *in, u32 state,
			     struct netlink_ext_ack *extack)
{
	int ret = 0;

	mutex_lock(&in->config_mutex);
	if (ipvl_sync_mixed_dests(in)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "a real server has another address family than its service: the sync protocol cannot carry its connections");
		ret = -EINVAL;
	} else {
		WRITE_ONCE(in->sync.active, in->sync.active | state);
	}
	mutex_unlock(&in->config_mutex);
	return ret;
}

static void ipvl_sync_release(struct ipvl_net *in, u32 state)
{
	mutex_lock(&in->config_mutex);
	WRITE_ONCE(in->sync.active, in->sync.active & ~state);
	mutex_unlock(&in->config_mutex);
}

/* IPVS's defaults and bounds for what the command left out. */
static int ipvl_sync_cfg_fill(struct ipvl_net *in, u32 state,
			      struct ipvl_sync_cfg *c,
			      struct netlink_ext_ack *extack)
{
	unsigned int hlen, mtu;
	struct net_device *dev;

	if (c->af == AF_UNSPEC) {
		c->af = AF_INET;
		c->group.ip = IPVL_SYNC_GROUP;
	}
	if (!c->port)
		c->port = IPVL_SYNC_PORT;
	if (!c->ttl)
		c->ttl = 1;
	dev = dev_get_by_name(in->net, c->ifname);
	if (!dev) {
		NL_SET_ERR_MSG_MOD(extack, "no such multicast interface");
		return -ENODEV;
	}
	mtu = dev->mtu;
	c->ifindex = dev->ifindex;
	dev_put(dev);
	hlen = (c->af == AF_INET6 ? sizeof(struct ipv6hdr) :
				    sizeof(struct iphdr)) +
	       sizeof(struct udphdr);
	/* As IPVS: a backup reads what its link carries, 1500 at least. */
	if (state == IP_VS_STATE_BACKUP)
		c->maxlen = c->maxlen ? clamp_t(unsigned int, c->maxlen, 1024,
						65535 - hlen) :
					clamp(mtu, 1500U, 65535U) - hlen;
	else
		c->maxlen = c->maxlen ? clamp_t(unsigned int, c->maxlen, 1,
						65535 - hlen) :
					1500 - hlen;
	return 0;
}

static const char *ipvl_sync_name(u32 state)
{
	return state == IP_VS_STATE_MASTER ? "master" : "backup";
}

/* The number of sync ports: both daemons of a namespace have the same. */
static unsigned int ipvl_sync_ports(struct ipvl_net *in)
{
	return clamp(READ_ONCE(in->sync.sysctl.ports), 1,
		     IPVL_SYNC_PORTS_MAX);
}

/*
 * NEW_DAEMON: start the master (IP_VS_STATE_MASTER) or the backup
 * (IP_VS_STATE_BACKUP: the policy's range) with @c, IPVS's defaults
 * filled in.
 */
int ipvl_sync_start(struct ipvl_net *in, u32 state, struct ipvl_sync_cfg *c,
		    struct netlink_ext_ack *extack)
{
	struct ipvl_sync *s = &in->sync;
	unsigned int nports;
	int ret;

	mutex_lock(&s->mutex);
	if (s->active & state) {
		NL_SET_ERR_MSG_MOD(extack, "that sync daemon runs already");
		ret = -EEXIST;
		goto out;
	}
	ret = ipvl_sync_cfg_fill(in, state, c, extack);
	if (ret)
		goto out;
	/* Both daemons keep the ports the first one started with. */
	nports = s->active ? s->nports : ipvl_sync_ports(in);
	if (c->port + nports - 1 > U16_MAX) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the sync ports (port + sync_ports - 1) pass 65535");
		ret = -EINVAL;
		goto out;
	}
	ret = ipvl_sync_reserve(in, state, extack);
	if (ret)
		goto out;
	s->nports = nports;
	if (state == IP_VS_STATE_MASTER) {
		struct ipvl_sync_master *m;

		s->mcfg = *c;
		m = ipvl_sync_master_new(in, nports);
		ret = PTR_ERR_OR_ZERO(m);
		if (!ret)
			rcu_assign_pointer(s->master, m);
	} else {
		struct ipvl_sync_backup *b;

		s->bcfg = *c;
		b = ipvl_sync_backup_new(in, nports);
		ret = PTR_ERR_OR_ZERO(b);
		if (!ret)
			rcu_assign_pointer(s->backup, b);
	}
	if (ret) {
		NL_SET_ERR_MSG_MOD(extack,
				   "cannot open the sync sockets on the multicast interface");
		ipvl_sync_release(in, state);
		goto out;
	}
	pr_info("%s sync daemon started: interface %s, syncid %u, %u port(s)\n",
		ipvl_sync_name(state), c->ifname, c->syncid, nports);
out:
	mutex_unlock(&s->mutex);
	return ret;
}

static void ipvl_sync_stop_locked(struct ipvl_net *in, u32 state)
{
	struct ipvl_sync *s = &in->sync;

	lockdep_assert_held(&s->mutex);
	if (state == IP_VS_STATE_MASTER) {
		struct ipvl_sync_master *m;

		m = rcu_replace_pointer(s->master, NULL,
					lockdep_is_held(&s->mutex));
		/* No packet path is inside it after this. */
		synchronize_rcu();
		ipvl_sync_master_free(m);
	} else {
		struct ipvl_sync_backup *b;

		b = rcu_replace_pointer(s->backup, NULL,
					lockdep_is_held(&s->mutex));
		/* No device event is inside it after this. */
		synchronize_rcu();
		ipvl_sync_backup_free(b);
	}
	ipvl_sync_release(in, state);
	pr_info("%s sync daemon stopped\n", ipvl_sync_name(state));
}

/* DEL_DAEMON: @state as for ipvl_sync_start(). */
int ipvl_sync_stop(struct ipvl_net *in, u32 state,
		   struct netlink_ext_ack *extack)
{
	struct ipvl_sync *s = &in->sync;
	int ret = 0;

	mutex_lock(&s->mutex);
	if (s->active & state) {
		ipvl_sync_stop_locked(in, state);
	} else {
		NL_SET_ERR_MSG_MOD(extack, "that sync daemon does not run");
		ret = -ESRCH;
	}
	mutex_unlock(&s->mutex);
	return ret;
}

/* The namespace goes (its pre_exit): both daemons stop. */
void ipvl_sync_net_exit(struct ipvl_sync *s)
{
	struct ipvl_net *in = container_of(s, struct ipvl_net, sync);

	mutex_lock(&s->mutex);
	if (s->active & IP_VS_STATE_MASTER)
		ipvl_sync_stop_locked(in, IP_VS_STATE_MASTER);
	if (s->active & IP_VS_STATE_BACKUP)
		ipvl_sync_stop_locked(in, IP_VS_STATE_BACKUP);
	mutex_unlock(&s->mutex);
}
