/*
 * loadgen: a 9P load generator for comparing servers. It negotiates 9P2000.L (or 9P2000),
 * attaches, walks to one file, opens it for reads, then keeps DEPTH requests outstanding on
 * each of NCONN connections (Tread of COUNT bytes cycling through the file, or Tgetattr)
 * for a warm-up and then a timed window, and prints one JSON line with what the window saw
 * (and, as allOps, every request answered from the first to the last).
 * One thread, blocking sockets (poll() when there is more than one connection), buffers
 * allocated once: the client stays cheap next to any server it drives.
 *
 *   loadgen -s HOST:PORT -f PATH -o read|getattr [-a ANAME] [-u UNAME] [-N N_UNAME]
 *           [-V 9P2000.L|9P2000] [-m MSIZE] [-c COUNT] [-d DEPTH] [-n NCONN] [-w WARMUP_S] [-t SECONDS]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum {
	Tlopen = 12, Tgetattr = 24, Rgetattr = 25, Rlerror = 7,
	Tversion = 100, Tattach = 104, Rattach = 105, Rerror = 107,
	Twalk = 110, Rwalk = 111, Topen = 112, Ropen = 113, Tread = 116, Rread = 117, Tclunk = 120, Rclunk = 121,
	Rversion = 101, Rlopen = 13,
	NOTAG = 0xffff, IOHDRSZ = 24, MAXCONN = 64, MAXDEPTH = 256, MAXWALK = 16,
	HDRKEEP = 64,
};
#define NOFID 0xffffffffu
#define NONUNAME 0xffffffffu
#define GETATTR_BASIC 0x7ffull

struct conn {
	int fd;
	uint64_t offset;          /* next Tread offset */
	int outstanding;
	/* reply parser state: bytes of the current frame seen so far and its size */
	uint32_t got, size;
	uint8_t hdr[HDRKEEP];     /* first bytes of the current frame */
	uint8_t out[MAXDEPTH * 32];
	size_t nout;
};

static const char *addr = NULL, *aname = "", *uname = "root", *version = "9P2000.L", *path = NULL, *op = NULL;
static uint32_t msize = 65536 + IOHDRSZ, count = 65536, n_uname = NONUNAME;
static int depth = 1, nconn = 1, dotl = 1, isread = 1;
static double warmup = 0.3, seconds = 1.0;
static uint64_t fsize;        /* size of the file, from Rgetattr (reads cycle within it) */
static uint32_t fid_file = 1;

static struct conn conns[MAXCONN];
static uint8_t *rxbuf;        /* one receive buffer for every connection */
static size_t rxcap;
static uint64_t ops, bytes, shorts;

static void die(const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	fputs("loadgen: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static double now(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cputime(void) {
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static void put16(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v); put16(p + 2, v >> 16); }
static void put64(uint8_t *p, uint64_t v) { put32(p, (uint32_t)v); put32(p + 4, (uint32_t)(v >> 32)); }
static uint16_t get16(const uint8_t *p) { return p[0] | p[1] << 8; }
static uint32_t get32(const uint8_t *p) { return get16(p) | (uint32_t)get16(p + 2) << 16; }
static uint64_t get64(const uint8_t *p) { return get32(p) | (uint64_t)get32(p + 4) << 32; }

/* A message under construction in a caller's buffer. */
struct msg { uint8_t *b; size_t n; };
static void m_begin(struct msg *m, uint8_t *b, uint8_t type, uint16_t tag) { m->b = b; m->n = 7; b[4] = type; put16(b + 5, tag); }
static void m_8(struct msg *m, uint8_t v) { m->b[m->n++] = v; }
static void m_16(struct msg *m, uint16_t v) { put16(m->b + m->n, v); m->n += 2; }
static void m_32(struct msg *m, uint32_t v) { put32(m->b + m->n, v); m->n += 4; }
static void m_64(struct msg *m, uint64_t v) { put64(m->b + m->n, v); m->n += 8; }
static void m_str(struct msg *m, const char *s) { size_t l = strlen(s); m_16(m, l); memcpy(m->b + m->n, s, l); m->n += l; }
static size_t m_end(struct msg *m) { put32(m->b, m->n); return m->n; }

static void sendall(int fd, const uint8_t *b, size_t n) {
	while (n > 0) {
		ssize_t w = send(fd, b, n, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR) continue;
			die("send: %s", strerror(errno));
		}
		b += w;
		n -= w;
	}
}

static void recvall(int fd, uint8_t *b, size_t n) {
	while (n > 0) {
		ssize_t r = recv(fd, b, n, 0);
		if (r == 0) die("server closed the connection");
		if (r < 0) {
			if (errno == EINTR) continue;
			die("recv: %s", errno == EAGAIN ? "no reply within 10 s" : strerror(errno));
		}
		b += r;
		n -= r;
	}
}

static void explain(const uint8_t *r, uint32_t size, const char *what) {
	if (r[4] == Rlerror && size >= 11) die("%s: Rlerror errno %u", what, get32(r + 7));
	if (r[4] == Rerror && size >= 9) {
		uint16_t l = get16(r + 7);
		if (9u + l > size) l = size - 9;
		die("%s: Rerror %.*s", what, (int)l, (const char *)r + 9);
	}
	die("%s: unexpected reply type %u", what, r[4]);
}

/* One request and its reply, during setup; the reply lands in rxbuf. */
static uint32_t rpc(int fd, struct msg *m, uint8_t want, const char *what) {
	sendall(fd, m->b, m_end(m));
	recvall(fd, rxbuf, 4);
	uint32_t size = get32(rxbuf);
	if (size < 7 || size > rxcap) die("%s: bad reply size %u", what, size);
	recvall(fd, rxbuf + 4, size - 4);
	if (rxbuf[4] != want) explain(rxbuf, size, what);
	return size;
}

static int dial(void) {
	char host[256];
	const char *colon = strrchr(addr, ':');
	if (!colon || colon == addr || (size_t)(colon - addr) >= sizeof host) die("bad address %s (want HOST:PORT)", addr);
	memcpy(host, addr, colon - addr);
	host[colon - addr] = 0;
	char *e;
	long port = strtol(colon + 1, &e, 10);
	if (*e != 0 || port < 1 || port > 65535) die("bad port in %s", addr);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) die("bad IPv4 address %s", host);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0) die("socket: %s", strerror(errno));
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) die("connect %s: %s", addr, strerror(errno));
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	struct timeval tv = { .tv_sec = 10 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	return fd;
}

/* version, attach, walk to PATH, open it (reads) and learn its size; returns the negotiated msize. */
static uint32_t setup(struct conn *c) {
	uint8_t b[8192];
	struct msg m;
	c->fd = dial();

	m_begin(&m, b, Tversion, NOTAG);
	m_32(&m, msize);
	m_str(&m, version);
	uint32_t n = rpc(c->fd, &m, Rversion, "Tversion");
	uint32_t got = get32(rxbuf + 7);
	uint16_t vl = get16(rxbuf + 11);
	if (n < 13u + vl || vl != strlen(version) || memcmp(rxbuf + 13, version, vl) != 0)
		die("server does not speak %s (answered %.*s)", version, (int)(n >= 13u + vl ? vl : 0), (const char *)rxbuf + 13);

	m_begin(&m, b, Tattach, 0);
	m_32(&m, 0);
	m_32(&m, NOFID);
	m_str(&m, uname);
	m_str(&m, aname);
	if (dotl) m_32(&m, n_uname);
	rpc(c->fd, &m, Rattach, "Tattach");

	char copy[1024], *names[MAXWALK], *save = NULL;
	int nw = 0;
	if (strlen(path) >= sizeof copy) die("path too long");
	strcpy(copy, path);
	for (char *s = strtok_r(copy, "/", &save); s; s = strtok_r(NULL, "/", &save)) {
		if (nw == MAXWALK) die("path has more than %d elements", MAXWALK);
		names[nw++] = s;
	}
	m_begin(&m, b, Twalk, 0);
	m_32(&m, 0);
	m_32(&m, fid_file);
	m_16(&m, nw);
	for (int i = 0; i < nw; i++) m_str(&m, names[i]);
	rpc(c->fd, &m, Rwalk, "Twalk");
	if (get16(rxbuf + 7) != nw) die("Twalk %s: only %u of %d elements exist", path, get16(rxbuf + 7), nw);

	if (dotl) {
		m_begin(&m, b, Tgetattr, 0);
		m_32(&m, fid_file);
		m_64(&m, GETATTR_BASIC);
		rpc(c->fd, &m, Rgetattr, "Tgetattr");
		/* valid[8] qid[13] mode[4] uid[4] gid[4] nlink[8] rdev[8] size[8] */
		fsize = get64(rxbuf + 7 + 8 + 13 + 4 + 4 + 4 + 8 + 8);
	}
	if (isread) {
		if (dotl) {
			m_begin(&m, b, Tlopen, 0);
			m_32(&m, fid_file);
			m_32(&m, 0); /* O_RDONLY */
			rpc(c->fd, &m, Rlopen, "Tlopen");
		} else {
			m_begin(&m, b, Topen, 0);
			m_32(&m, fid_file);
			m_8(&m, 0); /* OREAD */
			rpc(c->fd, &m, Ropen, "Topen");
		}
	}
	return got;
}

/* Clunks the file and the root so that servers see a tidy end. */
static void finish(struct conn *c) {
	uint8_t b[64];
	struct msg m;
	for (uint32_t fid = fid_file + 1; fid-- > 0;) {
		m_begin(&m, b, Tclunk, 0);
		m_32(&m, fid);
		rpc(c->fd, &m, Rclunk, "Tclunk");
	}
}

/* Appends the next request with TAG to the connection's output. */
static void queue(struct conn *c, uint16_t tag) {
	struct msg m;
	if (isread) {
		if (c->offset + count > fsize) c->offset = 0;
		m_begin(&m, c->out + c->nout, Tread, tag);
		m_32(&m, fid_file);
		m_64(&m, c->offset);
		m_32(&m, count);
		c->offset += count;
	} else {
		m_begin(&m, c->out + c->nout, Tgetattr, tag);
		m_32(&m, fid_file);
		m_64(&m, GETATTR_BASIC);
	}
	c->nout += m_end(&m);
	c->outstanding++;
}

static void flush_out(struct conn *c) {
	if (c->nout) sendall(c->fd, c->out, c->nout);
	c->nout = 0;
}

/* A whole reply has arrived on C (its first bytes are in c->hdr). */
static void reply(struct conn *c, int more) {
	uint8_t want = isread ? Rread : Rgetattr;
	if (c->hdr[4] != want) explain(c->hdr, c->size < HDRKEEP ? c->size : HDRKEEP, isread ? "Tread" : "Tgetattr");
	ops++;
	if (isread) {
		uint32_t got = c->size - 11;
		bytes += got;
		if (got != count) shorts++;
	}
	c->outstanding--;
	if (more) queue(c, get16(c->hdr + 5));
}

/* Reads what is available on C (blocking if WAIT) and handles every reply completed. */
static void pump(struct conn *c, int wait, int more) {
	ssize_t r = recv(c->fd, rxbuf, rxcap, wait ? 0 : MSG_DONTWAIT);
	if (r == 0) die("server closed the connection");
	if (r < 0) {
		if (errno == EINTR || (!wait && (errno == EAGAIN || errno == EWOULDBLOCK))) return;
		die("recv: %s", errno == EAGAIN ? "no reply within 10 s" : strerror(errno));
	}
	const uint8_t *p = rxbuf, *end = rxbuf + r;
	while (p < end) {
		if (c->got < 4 || (c->got < HDRKEEP && c->got < c->size)) {
			/* still collecting the frame's first bytes */
			uint32_t want = c->got < 4 ? 4 : (c->size < HDRKEEP ? c->size : HDRKEEP);
			uint32_t take = want - c->got;
			if (take > (size_t)(end - p)) take = end - p;
			memcpy(c->hdr + c->got, p, take);
			c->got += take;
			p += take;
			if (c->got == 4) {
				c->size = get32(c->hdr);
				if (c->size < 7 || c->size > msize) die("bad reply size %u", c->size);
			}
		} else {
			uint32_t take = c->size - c->got;
			if (take > (size_t)(end - p)) take = end - p;
			c->got += take;
			p += take;
		}
		if (c->got >= 4 && c->got == c->size) {
			reply(c, more);
			c->got = 0;
			c->size = 0;
		}
	}
	flush_out(c);
}

static void usage(void) {
	fputs("usage: loadgen -s HOST:PORT -f PATH -o read|getattr [-a ANAME] [-u UNAME] [-N N_UNAME]\n"
	      "               [-V 9P2000.L|9P2000] [-m MSIZE] [-c COUNT] [-d DEPTH] [-n NCONN] [-w WARMUP_S] [-t SECONDS]\n", stderr);
	exit(2);
}

int main(int argc, char **argv) {
	int ch;
	while ((ch = getopt(argc, argv, "s:a:u:N:V:f:o:m:c:d:n:w:t:")) != -1) {
		switch (ch) {
		case 's': addr = optarg; break;
		case 'a': aname = optarg; break;
		case 'u': uname = optarg; break;
		case 'N': n_uname = strtoul(optarg, NULL, 0); break;
		case 'V': version = optarg; break;
		case 'f': path = optarg; break;
		case 'o': op = optarg; break;
		case 'm': msize = strtoul(optarg, NULL, 0); break;
		case 'c': count = strtoul(optarg, NULL, 0); break;
		case 'd': depth = atoi(optarg); break;
		case 'n': nconn = atoi(optarg); break;
		case 'w': warmup = atof(optarg); break;
		case 't': seconds = atof(optarg); break;
		default: usage();
		}
	}
	if (!addr || !path || !op) usage();
	if (strcmp(op, "read") == 0) isread = 1;
	else if (strcmp(op, "getattr") == 0) isread = 0;
	else usage();
	if (strcmp(version, "9P2000.L") == 0) dotl = 1;
	else if (strcmp(version, "9P2000") == 0) dotl = 0;
	else die("unknown version %s", version);
	if (!dotl && !isread) die("getattr needs 9P2000.L");
	if (depth < 1 || depth > MAXDEPTH) die("depth must be 1..%d", MAXDEPTH);
	if (nconn < 1 || nconn > MAXCONN) die("connections must be 1..%d", MAXCONN);
	if (msize < 4096) die("msize below 4096");
	if (!(seconds > 0 && seconds <= 600) || !(warmup >= 0 && warmup <= 600)) die("bad duration");

	rxcap = msize > (1u << 20) ? msize : (1u << 20);
	rxbuf = malloc(rxcap);
	if (!rxbuf) die("out of memory");

	uint32_t got = 0;
	for (int i = 0; i < nconn; i++) {
		uint32_t g = setup(&conns[i]);
		if (i == 0 || g < got) got = g;
	}
	msize = got;
	if (isread) {
		if (count > msize - IOHDRSZ) count = msize - IOHDRSZ;
		if (!dotl) fsize = UINT64_MAX; /* 9P2000: not asked; read from offset 0 up */
		if (fsize < count) die("%s holds %llu bytes, fewer than one read of %u", path, (unsigned long long)fsize, count);
		if (!dotl) fsize = count; /* every read at offset 0 */
	}

	struct pollfd pfd[MAXCONN];
	for (int i = 0; i < nconn; i++) {
		pfd[i].fd = conns[i].fd;
		pfd[i].events = POLLIN;
		for (int t = 0; t < depth; t++) queue(&conns[i], t);
		flush_out(&conns[i]);
	}

	double start = now(), t0 = 0, t1 = 0, c0 = 0, c1 = 0;
	uint64_t ops0 = 0, bytes0 = 0, shorts0 = 0, ops1 = 0, bytes1 = 0, shorts1 = 0;
	int phase = 0; /* 0 warm-up, 1 measuring, 2 draining */
	for (;;) {
		double t = now();
		if (phase == 0 && t - start >= warmup) {
			phase = 1; t0 = t; c0 = cputime(); ops0 = ops; bytes0 = bytes; shorts0 = shorts;
		} else if (phase == 1 && t - t0 >= seconds) {
			phase = 2; t1 = t; c1 = cputime(); ops1 = ops; bytes1 = bytes; shorts1 = shorts;
		}
		int left = 0;
		for (int i = 0; i < nconn; i++) left += conns[i].outstanding;
		if (phase == 2 && left == 0) break;
		if (t - start > warmup + seconds + 30) die("replies still missing 30 s after the window closed");
		int more = phase < 2;
		if (nconn == 1) {
			pump(&conns[0], 1, more);
			continue;
		}
		int n = poll(pfd, nconn, 10000);
		if (n < 0 && errno != EINTR) die("poll: %s", strerror(errno));
		if (n == 0) die("no reply within 10 s");
		for (int i = 0; i < nconn && n > 0; i++) {
			if (pfd[i].revents == 0) continue;
			n--;
			if (pfd[i].revents & (POLLERR | POLLHUP | POLLNVAL) && !(pfd[i].revents & POLLIN)) die("connection %d failed", i);
			if (conns[i].outstanding > 0) pump(&conns[i], 0, more);
		}
	}
	for (int i = 0; i < nconn; i++) {
		finish(&conns[i]);
		close(conns[i].fd);
	}
	double secs = t1 - t0;
	printf("{\"ops\":%llu,\"bytes\":%llu,\"secs\":%.6f,\"msize\":%u,\"count\":%u,\"short\":%llu,\"clientCpu\":%.4f,\"allOps\":%llu}\n",
	       (unsigned long long)(ops1 - ops0), (unsigned long long)(bytes1 - bytes0), secs, msize, isread ? count : 0,
	       (unsigned long long)(shorts1 - shorts0), (c1 - c0) / secs, (unsigned long long)ops);
	return 0;
}
