// SPDX-License-Identifier: GPL-2.0
/*
 * TCP: IPVS's state machine and the timeouts of each state (the states
 * that count as active are proto.h's, inline for the packet path).  A
 * connection's state changes under its lock (conn.c); the tables here
 * are constant.
 */
#include <linux/tcp.h>

#include "ipvs_lite.h"
#include "conn.h"
#include "proto.h"

/* Packets of a direction, as IPVS's TCP state tables index them. */
enum { IPVL_DIR_INPUT, IPVL_DIR_OUTPUT, IPVL_DIR_INPUT_ONLY, IPVL_DIR_MAX };
/* TCP events, in IPVS's order of precedence: RST, then SYN, FIN, ACK. */
enum { IPVL_EV_SYN, IPVL_EV_FIN, IPVL_EV_ACK, IPVL_EV_RST, IPVL_EV_MAX };

#define SNO IPVS_LITE_S_NONE
#define SES IPVS_LITE_S_ESTABLISHED
#define SSS IPVS_LITE_S_SYN_SENT
#define SSR IPVS_LITE_S_SYN_RECV
#define SFW IPVS_LITE_S_FIN_WAIT
#define STW IPVS_LITE_S_TIME_WAIT
#define SCL IPVS_LITE_S_CLOSE
#define SCW IPVS_LITE_S_CLOSE_WAIT
#define SLA IPVS_LITE_S_LAST_ACK
#define SLI IPVS_LITE_S_LISTEN
#define SSA IPVS_LITE_S_SYNACK

/*
 * IPVS's TCP state tables: the next state by direction, event and current
 * state.  INPUT_ONLY is for DR and TUN connections, whose replies the
 * director never sees: a client's FIN there means the server's side is
 * closing too.
 */
static const u8 ipvl_tcp_states[IPVL_DIR_MAX][IPVL_EV_MAX][SSA + 1] = {
	[IPVL_DIR_INPUT] = {
/*	       SNO  SES  SSS  SSR  SFW  STW  SCL  SCW  SLA  SLI  SSA */
/* syn */   { SSR, SES, SES, SSR, SSR, SSR, SSR, SSR, SSR, SSR, SSR },
/* fin */   { SCL, SCW, SSS, STW, STW, STW, SCL, SCW, SLA, SLI, STW },
/* ack */   { SES, SES, SSS, SES, SFW, STW, SCL, SCW, SCL, SLI, SES },
/* rst */   { SCL, SCL, SCL, SSR, SCL, SCL, SCL, SCL, SLA, SLI, SSR },
	},
	[IPVL_DIR_OUTPUT] = {
/* syn */   { SSS, SES, SSS, SSR, SSS, SSS, SSS, SSS, SSS, SLI, SSR },
/* fin */   { STW, SFW, SSS, STW, SFW, STW, SCL, STW, SLA, SLI, STW },
/* ack */   { SES, SES, SSS, SES, SFW, STW, SCL, SCW, SLA, SES, SES },
/* rst */   { SCL, SCL, SSS, SCL, SCL, STW, SCL, SCL, SCL, SCL, SCL },
	},
	[IPVL_DIR_INPUT_ONLY] = {
/* syn */   { SSR, SES, SES, SSR, SSR, SSR, SSR, SSR, SSR, SSR, SSR },
/* fin */   { SCL, SFW, SSS, STW, SFW, STW, SCL, SCW, SLA, SLI, STW },
/* ack */   { SES, SES, SSS, SES, SFW, STW, SCL, SCW, SCL, SLI, SES },
/* rst */   { SCL, SCL, SCL, SSR, SCL, SCL, SCL, SCL, SLA, SLI, SCL },
	},
};

/*
 * IPVS's default timeouts, seconds.  ESTABLISHED and FIN_WAIT are --set's
 * and come from &ipvl_net.timeouts instead (see ipvl_tcp_timeout()).
 */
static const u16 ipvl_tcp_timeouts[SSA + 1] = {
	[SNO] = 2, [SSS] = 2 * 60, [SSR] = 60, [STW] = 2 * 60, [SCL] = 10,
	[SCW] = 60, [SLA] = 30, [SLI] = 2 * 60, [SSA] = 2 * 60,
};

/* How long a connection may stay in TCP state @state, in jiffies. */
unsigned long ipvl_tcp_timeout(const struct ipvl_net *in, u8 state)
{
	u32 secs;

	switch (state) {
	case SES:
		secs = READ_ONCE(in->timeouts.tcp);
		break;
	case SFW:
		secs = READ_ONCE(in->timeouts.tcp_fin);
		break;
	default:
		secs = ipvl_tcp_timeouts[state];
	}
	return (unsigned long)secs * HZ;
}

static int ipvl_tcp_event(const struct tcphdr *th)
{
	if (th->rst)
		return IPVL_EV_RST;
	if (th->syn)
		return IPVL_EV_SYN;
	if (th->fin)
		return IPVL_EV_FIN;
	if (th->ack)
		return IPVL_EV_ACK;
	return -1;
}

/*
 * The state TCP segment @th moves @cp to; @reply: it came from the real
 * server.  A connection made for DR or TUN starts in INPUT_ONLY's table,
 * until a reply shows its replies pass the director after all: that
 * clears NOOUTPUT for good.  @cp->lock held, @cp not dead.
 */
u8 ipvl_tcp_next_state(struct ipvl_conn *cp, bool reply,
		       const struct tcphdr *th)
{
	int event = ipvl_tcp_event(th);
	int dir = reply ? IPVL_DIR_OUTPUT : IPVL_DIR_INPUT;

	lockdep_assert_held(&cp->lock);

	if (event < 0 || cp->state > SSA)
		return cp->state;
	if (cp->flags & IPVL_CONN_F_NOOUTPUT) {
		if (reply)
			cp->flags &= ~IPVL_CONN_F_NOOUTPUT;
		else
			dir = IPVL_DIR_INPUT_ONLY;
	}
	return ipvl_tcp_states[dir][event][cp->state];
}
