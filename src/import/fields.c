/* The fields a column can hold, and matching a file's headers to them. */
#include "import_int.h"

#include <string.h>

/* The fields a column can hold, and the header names CS tools use for them.
 * Headers are compared on letters and digits only, without regard to case. */
static const struct field_def {
    const char *name;
    const char *aliases;
    const char *help;
    int holds;  /* the field it fills in another unit (MRR: acv), else itself (0 here) */
} field_defs[F_COUNT] = {
    [F_NAME] = {"name", "name|client|customer|account|account name|company|company name|customer name|client name|"
                "organization|organisation|account name customer", "the account's name (required)", 0},
    [F_EXTERNAL_ID] = {"external_id", "external id|account id|customer id|crm id|id",
                       "the account's id in the CS platform or CRM", 0},
    [F_SEGMENT] = {"segment", "segment|tier|customer segment", "enterprise, mid-market or smb", 0},
    [F_OWNER] = {"owner", "owner|csm|account owner|csm name|csm owner|customer success manager", "the account's CSM",
                 0},
    [F_TERM] = {"term_years", "term|tenure|term years|years as customer|customer years",
                "whole years as a customer", 0},
    [F_ACV] = {"acv", "acv|arr|annual contract value|contract value|total contract amount|annual recurring revenue",
               "annual contract value, an amount", 0},
    [F_RENEWAL_MONTHS] = {"renewal_months", "renewal|months to renewal|renewal months|renewal in months|months until renewal",
                          "months until renewal, counted from --as-of", 0},
    [F_RENEWAL_DATE] = {"renewal_date", "renewal date|next renewal date|contract end date|contract end|renewal on",
                        "the renewal date", 0},
    [F_TREND] = {"trend", "trend|health trend|direction", "up, level or down (improving, stable, declining)", 0},
    [F_HEALTH] = {"health", "health|health score|overall score|current score|overall health|customer health score|"
                  "customer health", "the export's own health score (compared with the computed one)", 0},
    [F_NPS] = {"nps", "nps|net promoter score|nps score", "0 to 10", 0},
    [F_MSA] = {"msa_restricted", "msa restricted|msa restriction|logo restricted",
               "yes/no: the contract forbids public use of the name", 0},
    [F_ANON] = {"anonymized_ok", "anonymized ok|anonymised ok|anonymous ok|anonymized story ok",
                "yes/no: an anonymised story is acceptable", 0},
    [F_KPI_BASE] = {"kpi_baseline", "kpi baseline|baseline kpi", "the KPI at onboarding, a number", 0},
    [F_KPI_CUR] = {"kpi_current", "kpi current|current kpi", "the KPI now, a number (higher is better)", 0},
    [F_LAST_ASK] = {"last_advocacy_ask", "last advocacy ask|last ask|last reference ask",
                    "date of the last case-study or reference request", 0},
    [F_PULSE] = {"pulse", "pulse|csm pulse", "red, amber or green: the CSM's own judgement", 0},
    [F_MRR] = {"mrr", "mrr|monthly recurring revenue|monthly revenue",
               "monthly recurring revenue, an amount: times 12 it is the acv", F_ACV},
    [F_CUSTOMER_SINCE] = {"customer_since", "customer since|client since|customer start date|"
                          "first contract date", "a date: the whole years from it to --as-of are the term_years",
                          F_TERM},
    [F_SNAPSHOT_DATE] = {"snapshot_date", "snapshot date|snapshot day|score date",
                         "the day of the row's scores (an account may have a row a day), not after --as-of", 0},
};

int import_field_count(void) { return F_COUNT; }
const char *import_field_name(int i) { return i >= 0 && i < F_COUNT ? field_defs[i].name : NULL; }
const char *import_field_help(int i) { return i >= 0 && i < F_COUNT ? field_defs[i].help : NULL; }

void field_key(const char *s, char *out, size_t len)
{
    size_t o = 0;
    for (; *s && o + 1 < len; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 'A' && c <= 'Z')
            out[o++] = (char)(c + 32);
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
            out[o++] = (char)c;
    }
    out[o] = '\0';
}

/* True when key equals one of the '|'-separated names (after header_key). */
static bool matches_alias(const char *key, const char *aliases)
{
    char one[64], k[64];
    while (*aliases) {
        const char *bar = strchr(aliases, '|');
        size_t n = bar ? (size_t)(bar - aliases) : strlen(aliases);
        if (n < sizeof one) {
            memcpy(one, aliases, n);
            one[n] = '\0';
            field_key(one, k, sizeof k);
            if (strcmp(k, key) == 0)
                return true;
        }
        aliases += n;
        if (*aliases == '|')
            aliases++;
    }
    return false;
}

int field_by_name(const struct health_model *m, const char *name)
{
    char key[64], k2[64];
    field_key(name, key, sizeof key);
    if (strcmp(key, "ignore") == 0)
        return F_IGNORE;
    for (int f = 0; f < F_COUNT; f++) {
        field_key(field_defs[f].name, k2, sizeof k2);
        if (strcmp(k2, key) == 0)
            return f;
    }
    for (int i = 0; i < m->ncomp; i++) {
        field_key(m->comp[i].key, k2, sizeof k2);
        if (strcmp(k2, key) == 0)
            return F_COMPONENT + i;
    }
    return -2;
}

int field_by_header(const struct health_model *m, const char *header)
{
    char key[256];
    field_key(header, key, sizeof key);
    if (!*key)
        return F_IGNORE;
    for (int i = 0; i < m->ncomp; i++) {
        char k2[64];
        field_key(m->comp[i].key, k2, sizeof k2);
        if (strcmp(k2, key) == 0 || matches_alias(key, m->comp[i].label))
            return F_COMPONENT + i;
    }
    for (int f = 0; f < F_COUNT; f++)
        if (matches_alias(key, field_defs[f].aliases))
            return f;
    for (int i = 0; i < m->ncomp; i++)
        if (matches_alias(key, m->comp[i].aliases))
            return F_COMPONENT + i;
    /* "Usage Score", "Support Score": a component's word with "score" after it. */
    size_t n = strlen(key);
    if (n > 5 && strcmp(key + n - 5, "score") == 0) {
        key[n - 5] = '\0';
        for (int i = 0; i < m->ncomp; i++) {
            char k2[64];
            field_key(m->comp[i].key, k2, sizeof k2);
            if (strcmp(k2, key) == 0 || matches_alias(key, m->comp[i].label) || matches_alias(key, m->comp[i].aliases))
                return F_COMPONENT + i;
        }
    }
    return F_IGNORE;
}

int field_holds(int f)
{
    return f >= 0 && f < F_COUNT && field_defs[f].holds ? field_defs[f].holds : f;
}

const char *import_field_named(const char *word)
{
    char key[64];
    field_key(word, key, sizeof key);
    if (!*key)
        return NULL;
    for (int f = 0; f < F_COUNT; f++) {
        char k2[64];
        field_key(field_defs[f].name, k2, sizeof k2);
        if (strcmp(k2, key) == 0 || matches_alias(key, field_defs[f].aliases))
            return field_defs[f].name;
    }
    return NULL;
}

const char *field_label(const struct health_model *m, int f)
{
    if (f >= F_COMPONENT)
        return m->comp[f - F_COMPONENT].label;
    return field_defs[f].name;
}
