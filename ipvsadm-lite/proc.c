// SPDX-License-Identifier: GPL-2.0
/*
 * -c on the kernel's ip_vs (--family IPVS): its connections are not in
 * the family, but in /proc/net/ip_vs_conn, which ipvsadm reads.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>

#include "command.h"
#include "print.h"
#include "proc.h"

/* The kernel's ip_vs lists connections in /proc; ipvsadm reads it. */
int list_proc_conns(unsigned int format, struct failure *f)
{
	const char *path = "/proc/net/ip_vs_conn";
	char line[512];
	FILE *in = fopen(path, "r");

	if (!in)
		return fail_with(f, 1, "cannot open file %s", path);
	if (!fgets(line, sizeof(line), in)) {
		fclose(in);
		return fail_with(f, 1, "unexpected input from %s", path);
	}
	print_conn_title();
	while (fgets(line, sizeof(line), in)) {
		char proto[8], c[64], v[64], d[64], state[16], cs[80], vs[80],
		     ds[80], exp[16];
		unsigned int cport, vport, dport, expires;
		struct in_addr ca, va, da;

		if (sscanf(line, "%7s %63s %X %63s %X %63s %X %15s %u", proto,
			   c, &cport, v, &vport, d, &dport, state,
			   &expires) != 9)
			continue;
		ca.s_addr = htonl(strtoul(c, NULL, 16));
		va.s_addr = htonl(strtoul(v, NULL, 16));
		da.s_addr = htonl(strtoul(d, NULL, 16));
		snprintf(cs, sizeof(cs), "%s:%u", inet_ntoa(ca), cport);
		snprintf(vs, sizeof(vs), "%s:%u", inet_ntoa(va), vport);
		snprintf(ds, sizeof(ds), "%s:%u", inet_ntoa(da), dport);
		snprintf(exp, sizeof(exp), "%02u:%02u", expires / 60,
			 expires % 60);
		print_conn_line(proto, exp, state, cs, vs, ds);
	}
	fclose(in);
	(void)format;
	return 0;
}
