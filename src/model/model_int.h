/* What the rules of src/model share: private to the folder. */
#ifndef CSM_MODEL_INT_H
#define CSM_MODEL_INT_H

#include "csm/model.h"

/* Whole score of component i (rounded half up), or -1 without data or
 * without such a component (i < 0). */
static inline int comp_score(const struct account *a, int i)
{
    return i < 0 || a->score[i] == SCORE_NONE ? -1 : (a->score[i] + 5) / 10;
}

/* The highest usage (tenths) in the usage drop's window before the latest
 * snapshot, and its day; -1 without one. */
int usage_peak(const struct scoring *s, const struct account *a, int *peak_day);

/* The KPI's change since the baseline in percent of it; false when either
 * is unknown or the baseline is not above 0. */
bool kpi_change_pct(const struct account *a, double *pct);

/* True when the renewal is known and within the amber months (or passed). */
static inline bool near_renewal(const struct scoring *s, const struct verdict *v)
{
    return v->months != MONTHS_UNKNOWN && v->months <= s->month_bands.amber_max;
}

/* The churn flag's signals (reasons) and points; true when they make a flag. */
bool churn_signals(const struct scoring *s, const struct account *a, const struct verdict *v, struct flag *f,
                   int *points);
/* Severity and risk score of a churn flag from its points. */
void churn_weigh(const struct scoring *s, const struct account *a, const struct verdict *v,
                 const struct book_context *ctx, int points, struct flag *f);
/* The readiness rules: a flag of the kind, or the first rule failed. */
int expansion_check(const struct scoring *s, const struct account *a, const struct verdict *v,
                    const struct flag *churn, struct flag *f);
int advocacy_check(const struct scoring *s, const struct account *a, const struct verdict *v, int as_of,
                   const struct flag *churn, struct flag *f);

#endif
