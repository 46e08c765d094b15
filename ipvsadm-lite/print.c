// SPDX-License-Identifier: GPL-2.0
/* Output in ipvsadm 1.31's formats. */
#include <stdio.h>

#include "ipvsadm-lite.h"

void print_timeouts(const struct ipvs_timeouts *t)
{
	printf("Timeout (tcp tcpfin udp): %u %u %u\n", t->tcp, t->tcp_fin,
	       t->udp);
}

void print_version_line(const struct ipvs_info *info)
{
	printf("IP Virtual Server version %u.%u.%u (size=%u)\n",
	       (info->version >> 16) & 0xff, (info->version >> 8) & 0xff,
	       info->version & 0xff, info->conn_tab_size);
}
