/* The segment's touch cadence, from the customer success playbook's
 * segments: an enterprise account meets for a quarterly business review, a
 * mid-market one for a semi-annual review, a small one is served digitally.
 * A touch is a note or a done activity; when the cadence has passed since
 * the last one, the account is due another. */
#include "csm/date.h"
#include "model_int.h"

int touch_cadence_days(const struct scoring *s, int segment)
{
    const struct flag_thresholds *t = &s->flags;
    switch (segment) {
    case SEG_ENT: return t->cadence_enterprise_days;
    case SEG_MID: return t->cadence_mid_market_days;
    default: return t->cadence_smb_days; /* segment_of gives a small account's when nothing tells */
    }
}

bool touch_is_due(const struct scoring *s, const struct account *a, int segment, int as_of)
{
    int cadence = touch_cadence_days(s, segment);
    if (cadence <= 0)
        return false;
    /* Nothing recorded: nothing says the account was ever reached. */
    return a->last_touch == DATE_NONE || as_of - a->last_touch >= cadence;
}
