#include "csm/progress.h"

#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "csm/text.h"

#define REDRAW_NS 200000000LL /* five times a second */

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

void progress_start(struct progress *p, const char *unit, const char *fmt, ...)
{
    memset(p, 0, sizeof *p);
    if (!isatty(STDERR_FILENO))
        return;
    struct winsize ws;
    p->cols = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col : 80;
    if (p->cols < 20)
        return; /* no room for a line worth reading */
    if (p->cols > 300)
        p->cols = 300;
    va_list ap;
    va_start(ap, fmt);
    text_vformat_safe(p->what, sizeof p->what, fmt, ap);
    va_end(ap);
    p->out = stderr;
    p->unit = unit;
    p->start_ns = now_ns();
}

/* 1234567 as "1,234,567". */
static void grouped(long long v, char *buf, size_t len)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%lld", v < 0 ? 0 : v);
    size_t o = 0;
    for (int i = 0; i < n && o + 2 < len; i++) {
        if (i && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

static void draw(struct progress *p, const char *stage, long long t)
{
    char line[400], count[32], rate[32];
    double secs = (double)(t - p->start_ns) / 1e9;
    if (p->unit) {
        grouped(p->count, count, sizeof count);
        int o = snprintf(line, sizeof line, "csm: %s: %s %s", p->what, count, p->unit);
        if (p->whole > 0 && o < (int)sizeof line) {
            long long pct = p->part >= p->whole ? 100 : p->part * 100 / p->whole;
            o += snprintf(line + o, sizeof line - (size_t)o, ", %lld%%", pct);
        }
        if (stage && o < (int)sizeof line)
            snprintf(line + o, sizeof line - (size_t)o, ": %s", stage);
        else if (secs >= 0.1 && o < (int)sizeof line) {
            grouped((long long)((double)p->count / secs), rate, sizeof rate);
            snprintf(line + o, sizeof line - (size_t)o, ", %s %s/s", rate, p->unit);
        }
    } else {
        snprintf(line, sizeof line, "csm: %s: %.0f s%s%s", p->what, secs, stage ? ": " : "", stage ? stage : "");
    }
    /* Cut or padded to the width less one: a line that wrapped could not
     * be redrawn in place, and the padding covers a longer one before. */
    char fit[1700];
    text_fit(line, p->cols - 1, false, fit, sizeof fit);
    fprintf(p->out, "\r%s\r", fit);
    fflush(p->out);
    p->shown = true;
    p->next_ns = t + REDRAW_NS;
}

void progress_update(struct progress *p, long long count, long long part, long long whole)
{
    if (!p->out)
        return;
    p->count = count;
    p->part = part;
    p->whole = whole;
    long long t = now_ns();
    if (t >= p->next_ns)
        draw(p, NULL, t);
}

void progress_stage(struct progress *p, const char *stage)
{
    if (p->out)
        draw(p, stage, now_ns());
}

void progress_clear(struct progress *p)
{
    if (!p->out || !p->shown)
        return;
    fprintf(p->out, "\r%*s\r", p->cols - 1, "");
    fflush(p->out);
    p->shown = false;
    p->next_ns = 0; /* drawn again at the next report */
}

void progress_end(struct progress *p)
{
    progress_clear(p);
    p->out = NULL;
}
