/* csm set and the interface's edits: one attribute value read as an import reads it. */
#include "import_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/text.h"

bool import_parse_attribute(const struct health_model *m, const char *key, char *value, int as_of,
                            struct account *a, unsigned *fields, const char **why)
{
    const struct attribute_options o = {.as_of = as_of, .date_format = DATE_AUTO, .from_cli = false};
    return import_read_attribute(m, key, value, &o, a, fields, why);
}

bool import_read_attribute(const struct health_model *m, const char *key, char *value, const struct attribute_options *o,
                           struct account *a, unsigned *fields, const char **why)
{
    int f = field_by_name(m, key);
    if (f < 0 || f >= F_COMPONENT || f == F_NAME || f == F_TREND || f == F_HEALTH || f == F_RENEWAL_MONTHS ||
        f == F_MRR || f == F_CUSTOMER_SINCE || f == F_SNAPSHOT_DATE) {
        *why = "is not an attribute that can be set";
        return false;
    }
    int months = INT32_MIN;
    if (!text_clean(value)) {
        *why = "holds control characters or is not valid UTF-8";
        return false;
    }
    value_trim(value);
    if (value_is_no_data(value)) {
        *why = "has no value";
        return false;
    }
    struct value_ctx vc = value_defaults;
    vc.as_of = o->as_of;
    vc.advice = o->from_cli ? ADVICE_SET : ADVICE_EDIT;
    if (o->date_format == DATE_MDY || o->date_format == DATE_DMY) {
        vc.date_format = o->date_format;
        vc.date_source = DATE_FROM_OPTION;
    }
    if (!value_read(&vc, f, value, a, fields, &months, why))
        return false;
    if (f == F_TERM)
        *fields |= SF_TERM;
    return true;
}

bool import_clear_attribute(const char *key, struct account *a, unsigned *fields)
{
    if (strcmp(key, "external_id") == 0) {
        free(a->external_id);
        a->external_id = NULL;
        *fields |= SF_EXTERNAL_ID;
    } else if (strcmp(key, "owner") == 0) {
        free(a->owner);
        a->owner = NULL;
        *fields |= SF_OWNER;
    } else if (strcmp(key, "segment") == 0) {
        a->segment = SEG_NONE;
        *fields |= SF_SEGMENT;
    } else if (strcmp(key, "nps") == 0) {
        a->nps = -1;
        *fields |= SF_NPS;
    } else if (strcmp(key, "msa_restricted") == 0) {
        a->msa_restricted = TRI_UNKNOWN;
        *fields |= SF_MSA;
    } else if (strcmp(key, "anonymized_ok") == 0) {
        a->anonymized_ok = TRI_UNKNOWN;
        *fields |= SF_ANON;
    } else if (strcmp(key, "kpi_baseline") == 0) {
        a->kpi_baseline = NAN;
        *fields |= SF_KPI_BASE;
    } else if (strcmp(key, "kpi_current") == 0) {
        a->kpi_current = NAN;
        *fields |= SF_KPI_CUR;
    } else if (strcmp(key, "last_advocacy_ask") == 0) {
        a->last_advocacy_ask = DATE_NONE;
        *fields |= SF_LAST_ASK;
    } else if (strcmp(key, "pulse") == 0) {
        a->pulse = BAND_NONE;
        *fields |= SF_PULSE;
    } else if (strcmp(key, "term_years") == 0) {
        a->term_years = -1;
        *fields |= SF_TERM;
    } else if (strcmp(key, "acv") == 0) {
        a->acv_cents = -1;
        *fields |= SF_ACV;
    } else if (strcmp(key, "renewal_date") == 0) {
        a->renewal = DATE_NONE;
        *fields |= SF_RENEWAL;
    } else {
        return false;
    }
    return true;
}
