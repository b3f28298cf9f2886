/* What the snapshot history says: the trend and the usage drop. */
#include "csm/model.h"

#include "csm/date.h"
#include "model_int.h"

int trend_from_history(const struct scoring *s, const struct account *a)
{
    if (a->nhist < 2)
        return TREND_LEVEL;
    int from = a->nhist - s->trend_snapshots;
    if (from < 0)
        from = 0;
    int last = health_compute(s, account_hist(a, a->nhist - 1), NULL);
    if (last < 0)
        return TREND_LEVEL;
    /* Against the window's peak and trough, not only its first snapshot:
     * 30 -> 90 -> 30 fell 60 points, though it ends where it began. */
    int peak = -1, trough = 101;
    for (int i = from; i < a->nhist - 1; i++) {
        int h = health_compute(s, account_hist(a, i), NULL);
        if (h < 0)
            continue;
        if (h > peak)
            peak = h;
        if (h < trough)
            trough = h;
    }
    if (peak < 0)
        return TREND_LEVEL;
    if (peak - last > s->trend_dead_band)
        return TREND_DOWN;
    if (last - trough > s->trend_dead_band)
        return TREND_UP;
    return TREND_LEVEL;
}

int health_fall(const struct scoring *s, const struct account *a)
{
    if (a->nhist < 2)
        return 0;
    int from = a->nhist - s->trend_snapshots;
    if (from < 0)
        from = 0;
    int last = health_compute(s, account_hist(a, a->nhist - 1), NULL), peak = -1;
    for (int i = from; i < a->nhist - 1; i++) {
        int h = health_compute(s, account_hist(a, i), NULL);
        if (h > peak)
            peak = h;
    }
    return last >= 0 && peak > last ? peak - last : 0;
}

/* The earliest day of the usage drop's window: the playbook's 30 days,
 * stretched by the grace days so that a monthly export (28 to 31 days
 * apart) falls inside it. */
static int window_start(const struct scoring *s, int last_day)
{
    return last_day - s->flags.usage_drop_days - s->flags.usage_drop_grace_days;
}

int usage_peak(const struct scoring *s, const struct account *a, int *peak_day)
{
    int u = model_role(&s->model, ROLE_USAGE);
    *peak_day = DATE_NONE;
    if (a->nhist < 2 || u < 0)
        return -1;
    int from = window_start(s, a->hist_day[a->nhist - 1]);
    int peak = -1;
    for (int i = a->nhist - 2; i >= 0 && a->hist_day[i] >= from; i--)
        if (account_hist(a, i)[u] > peak) {
            peak = account_hist(a, i)[u];
            *peak_day = a->hist_day[i];
        }
    return peak;
}

int usage_drop_pct(const struct scoring *s, const struct account *a)
{
    int u = model_role(&s->model, ROLE_USAGE), day;
    int peak = usage_peak(s, a, &day);
    if (peak <= 0)
        return 0;
    int cur = account_hist(a, a->nhist - 1)[u];
    if (cur == SCORE_NONE || cur >= peak)
        return 0;
    return (int)(((long)(peak - cur) * 100 + peak / 2) / peak);
}
