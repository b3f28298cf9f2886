/* The scoring configuration file: JSON read with cJSON, every value checked,
 * every fault reported with its JSON path. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/cli.h"
#include "csm/date.h"
#include "csm/exit.h"
#include "csm/import.h"
#include "csm/text.h"

#define CONFIG_MAX_BYTES (1 << 20)

struct cfg_err {
    char *buf;
    size_t len;
};

static int bad(struct cfg_err *e, const char *path, const char *what)
{
    snprintf(e->buf, e->len, "%s: %s", path, what);
    return 65;
}

/* Reads an integer member in [min, max] when present. */
static int get_int(const cJSON *obj, const char *key, const char *path, int min, int max, int *out,
                   struct cfg_err *e)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it)
        return 0;
    char p[160], what[80];
    snprintf(p, sizeof p, "%s%s%s", path, *path ? "." : "", key);
    if (!cJSON_IsNumber(it) || it->valuedouble != floor(it->valuedouble) || it->valuedouble < min ||
        it->valuedouble > max) {
        snprintf(what, sizeof what, "must be a whole number from %d to %d", min, max);
        return bad(e, p, what);
    }
    *out = (int)it->valuedouble;
    return 0;
}

static int get_money(const cJSON *obj, const char *key, const char *path, int64_t *cents, struct cfg_err *e)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it)
        return 0;
    char p[160];
    snprintf(p, sizeof p, "%s%s%s", path, *path ? "." : "", key);
    if (!cJSON_IsNumber(it) || it->valuedouble < 0 || it->valuedouble > 1e13)
        return bad(e, p, "must be an amount (a number, 0 or more)");
    *cents = (int64_t)llround(it->valuedouble * 100);
    return 0;
}

static int check_keys(const cJSON *obj, const char *path, const char *const *known, struct cfg_err *e)
{
    for (const cJSON *it = obj->child; it; it = it->next) {
        bool ok = false;
        for (int i = 0; known[i]; i++)
            if (strcmp(it->string, known[i]) == 0)
                ok = true;
        if (!ok) {
            char p[200];
            snprintf(p, sizeof p, "%s%s%s", path, *path ? "." : "", it->string);
            return bad(e, p, "unknown setting (see csm config for the known ones)");
        }
    }
    return 0;
}

static bool valid_key(const char *s)
{
    if (!*s || strlen(s) >= MODEL_NAME_MAX)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

/* An optional short text member. */
static int get_text(const cJSON *obj, const char *key, const char *path, char *out, size_t len, struct cfg_err *e)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it)
        return 0;
    char p[260], what[64];
    snprintf(p, sizeof p, "%s.%s", path, key);
    if (!cJSON_IsString(it) || !*it->valuestring || strlen(it->valuestring) >= len || !text_clean(it->valuestring)) {
        snprintf(what, sizeof what, "must be a text of 1 to %zu bytes", len - 1);
        return bad(e, p, what);
    }
    snprintf(out, len, "%s", it->valuestring);
    return 0;
}

static const char *const role_names[] = {"other", "usage", "satisfaction", "support", "sponsor", "outcomes"};

static int role_parse(const char *s)
{
    for (int i = 0; i < (int)(sizeof role_names / sizeof role_names[0]); i++)
        if (strcmp(s, role_names[i]) == 0)
            return i;
    return -1;
}

static int parse_model(const cJSON *obj, const char *name, struct health_model *m, struct cfg_err *e)
{
    int rc;
    char path[128];
    snprintf(path, sizeof path, "models.%s", name);
    if (!cJSON_IsObject(obj))
        return bad(e, path, "must be an object with \"components\"");
    static const char *const known[] = {"components", NULL};
    if (check_keys(obj, path, known, e))
        return 65;
    const cJSON *comps = cJSON_GetObjectItemCaseSensitive(obj, "components");
    char p[200];
    snprintf(p, sizeof p, "%s.components", path);
    if (!cJSON_IsArray(comps) || cJSON_GetArraySize(comps) == 0)
        return bad(e, p, "must be a non-empty list of components");
    if (cJSON_GetArraySize(comps) > MODEL_MAX_COMPONENTS) {
        char what[64];
        snprintf(what, sizeof what, "at most %d components", MODEL_MAX_COMPONENTS);
        return bad(e, p, what);
    }
    memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", name);
    int i = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, comps) {
        char cp[220], fp[260];
        snprintf(cp, sizeof cp, "%s[%d]", p, i);
        if (!cJSON_IsObject(c))
            return bad(e, cp, "must be an object with \"key\" and \"weight\"");
        static const char *const ck[] = {"key", "label", "weight", "aliases", "role", "description", "weak",
                                         "strong", NULL};
        if (check_keys(c, cp, ck, e))
            return 65;
        struct component *k = &m->comp[i];
        const cJSON *key = cJSON_GetObjectItemCaseSensitive(c, "key");
        snprintf(fp, sizeof fp, "%s.key", cp);
        if (!cJSON_IsString(key) || !valid_key(key->valuestring))
            return bad(e, fp, "must be a short name of lower-case letters, digits and '_'");
        for (int j = 0; j < i; j++)
            if (strcmp(m->comp[j].key, key->valuestring) == 0)
                return bad(e, fp, "names the same component twice");
        /* A component is matched to columns before the import's fields, so
         * one keyed "acv" would take the ACV column: the importer's own
         * list of fields and header names says which keys are taken. */
        const char *field = import_field_named(key->valuestring);
        if (field || strcmp(key->valuestring, "ignore") == 0) {
            char what[240];
            if (!field)
                snprintf(what, sizeof what, "'ignore' is --map's word for a column left out: choose another key");
            else
                snprintf(what, sizeof what, "'%s' names the import field %s: a component keyed so would take its "
                         "column; choose another key (csm import --fields lists the fields)", key->valuestring, field);
            return bad(e, fp, what);
        }
        snprintf(k->key, sizeof k->key, "%s", key->valuestring);
        const cJSON *label = cJSON_GetObjectItemCaseSensitive(c, "label");
        snprintf(fp, sizeof fp, "%s.label", cp);
        if (label && (!cJSON_IsString(label) || !*label->valuestring || strlen(label->valuestring) >= MODEL_NAME_MAX))
            return bad(e, fp, "must be a short text");
        snprintf(k->label, sizeof k->label, "%s", label ? label->valuestring : key->valuestring);
        const cJSON *w = cJSON_GetObjectItemCaseSensitive(c, "weight");
        snprintf(fp, sizeof fp, "%s.weight", cp);
        if (!cJSON_IsNumber(w) || !(w->valuedouble > 0) || w->valuedouble > 1000)
            return bad(e, fp, "must be a positive number");
        k->weight = w->valuedouble;
        const cJSON *al = cJSON_GetObjectItemCaseSensitive(c, "aliases");
        if (al) {
            snprintf(fp, sizeof fp, "%s.aliases", cp);
            if (!cJSON_IsArray(al))
                return bad(e, fp, "must be a list of header names");
            const cJSON *a;
            size_t o = 0;
            cJSON_ArrayForEach(a, al) {
                if (!cJSON_IsString(a) || strchr(a->valuestring, '|'))
                    return bad(e, fp, "must be a list of header names");
                size_t n = strlen(a->valuestring);
                if (o + n + 2 >= sizeof k->aliases)
                    return bad(e, fp, "too many or too long");
                o += (size_t)snprintf(k->aliases + o, sizeof k->aliases - o, "%s%s", o ? "|" : "", a->valuestring);
            }
        }
        if ((rc = get_text(c, "description", cp, k->description, sizeof k->description, e)) ||
            (rc = get_text(c, "weak", cp, k->weak, sizeof k->weak, e)) ||
            (rc = get_text(c, "strong", cp, k->strong, sizeof k->strong, e)))
            return rc;
        const cJSON *role = cJSON_GetObjectItemCaseSensitive(c, "role");
        if (role) {
            snprintf(fp, sizeof fp, "%s.role", cp);
            k->role = cJSON_IsString(role) ? role_parse(role->valuestring) : -1;
            if (k->role < 0)
                return bad(e, fp, "must be usage, satisfaction, support, sponsor, outcomes or other");
            for (int j = 0; j < i && k->role != ROLE_OTHER; j++)
                if (m->comp[j].role == k->role)
                    return bad(e, fp, "another component already has this role");
        }
        i++;
    }
    m->ncomp = i;
    model_complete(m);
    return 0;
}

static int parse_bands(const cJSON *obj, const char *path, struct band_limits *b, int max, struct cfg_err *e)
{
    if (!obj)
        return 0;
    if (!cJSON_IsObject(obj))
        return bad(e, path, "must be an object with \"red_max\" and \"amber_max\"");
    static const char *const known[] = {"red_max", "amber_max", NULL};
    if (check_keys(obj, path, known, e) || get_int(obj, "red_max", path, 0, max, &b->red_max, e) ||
        get_int(obj, "amber_max", path, 0, max, &b->amber_max, e))
        return 65;
    if (b->amber_max < b->red_max) {
        char p[160];
        snprintf(p, sizeof p, "%s.amber_max", path);
        return bad(e, p, "must not be below red_max");
    }
    return 0;
}

/* A key given twice in one object would be read once and the other copy
 * silently ignored: refuse it, with its path. */
static int unique_keys(const cJSON *obj, const char *path, struct cfg_err *e)
{
    int index = 0;
    if (cJSON_GetArraySize(obj) > 4096) /* keeps the check below quick on any file */
        return bad(e, *path ? path : "(top)", "has more than 4096 members");
    for (const cJSON *it = obj->child; it; it = it->next, index++) {
        char p[256];
        if (cJSON_IsObject(obj))
            snprintf(p, sizeof p, "%s%s%s", path, *path ? "." : "", it->string);
        else
            snprintf(p, sizeof p, "%s[%d]", path, index);
        if (cJSON_IsObject(obj))
            for (const cJSON *before = obj->child; before != it; before = before->next)
                if (strcmp(before->string, it->string) == 0)
                    return bad(e, p, "is given twice (only one can count)");
        if ((cJSON_IsObject(it) || cJSON_IsArray(it)) && unique_keys(it, p, e))
            return EX_DATAERR;
    }
    return 0;
}

/* "12-25": a day off every year, as month * 100 + day. */
static bool holiday_parse(const char *t, int *out)
{
    int m, d;
    char tail;
    if (strlen(t) != 5 || sscanf(t, "%2d-%2d%c", &m, &d, &tail) != 2 || t[2] != '-' || m < 1 || m > 12 || d < 1 ||
        d > date_days_in_month(2028, m)) /* a leap year: 29 February may be a day off */
        return false;
    *out = m * 100 + d;
    return true;
}

static int parse_holidays(const cJSON *list, struct plan_settings *p, struct cfg_err *e)
{
    if (!cJSON_IsArray(list))
        return bad(e, "plan.holidays", "must be a list of days off, \"MM-DD\"");
    p->nholidays = 0;
    int i = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, list) {
        char path[64];
        snprintf(path, sizeof path, "plan.holidays[%d]", i++);
        if (p->nholidays == PLAN_MAX_HOLIDAYS)
            return bad(e, path, "too many days off (at most 32)");
        if (!cJSON_IsString(it) || !holiday_parse(it->valuestring, &p->holiday[p->nholidays]))
            return bad(e, path, "must be a day of the year, \"MM-DD\" (\"12-25\")");
        p->nholidays++;
    }
    return 0;
}

/* The product's words: short texts the plan puts in its sentences. */
static const struct {
    const char *key;
    size_t offset;
} product_keys[] = {
    {"name", offsetof(struct product_words, name)},
    {"usage", offsetof(struct product_words, usage)},
    {"value", offsetof(struct product_words, value)},
    {"growth", offsetof(struct product_words, growth)},
};

static int parse_product(const cJSON *root, struct product_words *pw, struct cfg_err *e)
{
    const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, "product");
    if (!obj)
        return 0;
    if (!cJSON_IsObject(obj))
        return bad(e, "product", "must be an object of words: name, usage, value, growth");
    for (const cJSON *it = obj->child; it; it = it->next) {
        char path[200];
        snprintf(path, sizeof path, "product.%s", it->string);
        size_t k = 0;
        while (k < sizeof product_keys / sizeof product_keys[0] && strcmp(product_keys[k].key, it->string) != 0)
            k++;
        if (k == sizeof product_keys / sizeof product_keys[0])
            return bad(e, path, "unknown key (name, usage, value or growth)");
        if (!cJSON_IsString(it))
            return bad(e, path, "must be a string");
        if (strlen(it->valuestring) >= PRODUCT_WORDS_MAX)
            return bad(e, path, "too long (a phrase, under 160 bytes)");
        if (!text_clean(it->valuestring))
            return bad(e, path, "must be UTF-8 text without control characters");
        snprintf((char *)pw + product_keys[k].offset, PRODUCT_WORDS_MAX, "%s", it->valuestring);
    }
    return 0;
}

/* The settings of one group ("flags", "risk", "plan") from the table of them. */
static int parse_settings(const cJSON *root, const char *group, struct scoring *s, struct cfg_err *e)
{
    const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, group);
    if (!obj)
        return 0;
    if (!cJSON_IsObject(obj))
        return bad(e, group, "must be an object");
    for (const cJSON *it = obj->child; it; it = it->next) {
        if (!strcmp(group, "plan") && !strcmp(it->string, "holidays")) {
            int rc = parse_holidays(it, &s->plan, e);
            if (rc)
                return rc;
            continue;
        }
        const struct threshold_def *d = NULL;
        for (int i = 0; i < threshold_count && !d; i++)
            if (strcmp(threshold_defs[i].group, group) == 0 && strcmp(threshold_defs[i].key, it->string) == 0)
                d = &threshold_defs[i];
        char p[200];
        snprintf(p, sizeof p, "%s.%s", group, it->string);
        if (!d)
            return bad(e, p, "unknown setting (see csm config for the known ones)");
        int rc = get_int(obj, d->key, group, d->min, d->max, (int *)((char *)s + d->offset), e);
        if (rc)
            return rc;
    }
    return 0;
}

int config_parse(const char *text, struct scoring *out, char *err, size_t errlen)
{
    struct cfg_err e = {err, errlen};
    struct scoring s;
    scoring_defaults(&s);
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(text, &end, false);
    const char *at = root ? end : cJSON_GetErrorPtr();
    while (root && at && (*at == ' ' || *at == '\t' || *at == '\n' || *at == '\r'))
        at++;
    if (!root || (at && *at)) {
        int line = 1;
        for (const char *p = text; at && p < at && *p; p++)
            line += *p == '\n';
        snprintf(err, errlen, "line %d: %s", line, root ? "text after the end of the JSON" : "not valid JSON");
        cJSON_Delete(root);
        return EX_DATAERR;
    }
    int rc = 0;
    if ((rc = unique_keys(root, "", &e)))
        goto out;
    if (!cJSON_IsObject(root)) {
        rc = bad(&e, "(top)", "must be a JSON object");
        goto out;
    }
    static const char *const known[] = {"model", "models", "bands", "coverage_min_pct", "segments", "trend",
                                        "health_target", "flags", "risk", "plan", "product", NULL};
    if ((rc = check_keys(root, "", known, &e)))
        goto out;
    /* Models first, so "model" can name one of them. */
    struct health_model custom[8];
    int ncustom = 0;
    const cJSON *models = cJSON_GetObjectItemCaseSensitive(root, "models");
    if (models) {
        if (!cJSON_IsObject(models)) {
            rc = bad(&e, "models", "must be an object of named models");
            goto out;
        }
        const cJSON *m;
        cJSON_ArrayForEach(m, models) {
            if (ncustom == 8) {
                rc = bad(&e, "models", "at most 8 models");
                goto out;
            }
            if (!valid_key(m->string)) {
                char p[160];
                snprintf(p, sizeof p, "models.%s", m->string);
                rc = bad(&e, p, "a model name is lower-case letters, digits and '_'");
                goto out;
            }
            if ((rc = parse_model(m, m->string, &custom[ncustom], &e)))
                goto out;
            ncustom++;
        }
    }
    const cJSON *model = cJSON_GetObjectItemCaseSensitive(root, "model");
    if (model) {
        if (!cJSON_IsString(model)) {
            rc = bad(&e, "model", "must be the name of a model");
            goto out;
        }
        const struct health_model *found = NULL;
        for (int i = 0; i < ncustom; i++)
            if (strcmp(custom[i].name, model->valuestring) == 0)
                found = &custom[i];
        if (!found)
            found = model_builtin(model->valuestring);
        if (!found) {
            rc = bad(&e, "model", "names no model: use dashboard, playbook or one defined under models");
            goto out;
        }
        s.model = *found;
    }
    const cJSON *bands = cJSON_GetObjectItemCaseSensitive(root, "bands");
    if (bands) {
        static const char *const bk[] = {"score", "months", NULL};
        if (!cJSON_IsObject(bands)) {
            rc = bad(&e, "bands", "must be an object with \"score\" and \"months\"");
            goto out;
        }
        if ((rc = check_keys(bands, "bands", bk, &e)) ||
            (rc = parse_bands(cJSON_GetObjectItemCaseSensitive(bands, "score"), "bands.score", &s.score_bands, 100, &e)) ||
            (rc = parse_bands(cJSON_GetObjectItemCaseSensitive(bands, "months"), "bands.months", &s.month_bands, 120, &e)))
            goto out;
    }
    if ((rc = get_int(root, "coverage_min_pct", "", 0, 100, &s.min_coverage_pct, &e)) ||
        (rc = get_int(root, "health_target", "", 0, 100, &s.health_target, &e)))
        goto out;
    const cJSON *seg = cJSON_GetObjectItemCaseSensitive(root, "segments");
    if (seg) {
        static const char *const sk[] = {"enterprise_min", "midmarket_min", NULL};
        if (!cJSON_IsObject(seg)) {
            rc = bad(&e, "segments", "must be an object");
            goto out;
        }
        if ((rc = check_keys(seg, "segments", sk, &e)) ||
            (rc = get_money(seg, "enterprise_min", "segments", &s.enterprise_min_cents, &e)) ||
            (rc = get_money(seg, "midmarket_min", "segments", &s.midmarket_min_cents, &e)))
            goto out;
        if (s.midmarket_min_cents > s.enterprise_min_cents) {
            rc = bad(&e, "segments.midmarket_min", "must not be above enterprise_min");
            goto out;
        }
    }
    const cJSON *trend = cJSON_GetObjectItemCaseSensitive(root, "trend");
    if (trend) {
        static const char *const tk[] = {"dead_band", "snapshots", NULL};
        if (!cJSON_IsObject(trend)) {
            rc = bad(&e, "trend", "must be an object");
            goto out;
        }
        if ((rc = check_keys(trend, "trend", tk, &e)) ||
            (rc = get_int(trend, "dead_band", "trend", 0, 100, &s.trend_dead_band, &e)) ||
            (rc = get_int(trend, "snapshots", "trend", 2, 100, &s.trend_snapshots, &e)))
            goto out;
    }
    if ((rc = parse_settings(root, "flags", &s, &e)) || (rc = parse_settings(root, "risk", &s, &e)) ||
        (rc = parse_settings(root, "plan", &s, &e)) || (rc = parse_product(root, &s.product, &e)))
        goto out;
    if (s.flags.risk_medium_from > s.flags.risk_high_from) {
        rc = bad(&e, "risk.medium_from", "must not be above high_from");
        goto out;
    }
    if (s.flags.detractor_max_nps >= s.flags.advocacy_min_nps) {
        rc = bad(&e, "flags.detractor_max_nps", "must be below advocacy_min_nps");
        goto out;
    }
    *out = s;
out:
    cJSON_Delete(root);
    return rc;
}

int config_load(struct cli *cli)
{
    scoring_defaults(&cli->scoring);
    if (!cli->config_path[0])
        return 0;
    FILE *f = fopen(cli->config_path, "rb");
    if (!f) {
        if (errno == ENOENT && !cli->config_explicit)
            return 0;
        cli_error("cannot open the configuration %s: %s", cli->config_path, strerror(errno));
        return 66;
    }
    char *text = xmalloc(CONFIG_MAX_BYTES + 1);
    size_t n = fread(text, 1, CONFIG_MAX_BYTES + 1, f);
    bool err = ferror(f);
    fclose(f);
    if (err) {
        free(text);
        cli_error("cannot read the configuration %s", cli->config_path);
        return 66;
    }
    if (n > CONFIG_MAX_BYTES) {
        free(text);
        cli_error("%s: the configuration is larger than 1 MiB", cli->config_path);
        return 65;
    }
    text[n] = '\0';
    if (strlen(text) != n) {
        free(text);
        cli_error("%s: the configuration contains a NUL byte", cli->config_path);
        return 65;
    }
    char msg[512];
    int rc = config_parse(text, &cli->scoring, msg, sizeof msg);
    free(text);
    if (rc)
        cli_error("%s: %s", cli->config_path, msg);
    return rc;
}

static cJSON *model_json(const struct health_model *m)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *comps = cJSON_AddArrayToObject(o, "components");
    for (int i = 0; i < m->ncomp; i++) {
        cJSON *c = cJSON_CreateObject();
        cJSON_AddStringToObject(c, "key", m->comp[i].key);
        cJSON_AddStringToObject(c, "label", m->comp[i].label);
        cJSON_AddNumberToObject(c, "weight", m->comp[i].weight);
        cJSON_AddStringToObject(c, "role", role_names[m->comp[i].role]);
        cJSON_AddStringToObject(c, "description", m->comp[i].description);
        cJSON_AddStringToObject(c, "weak", m->comp[i].weak);
        cJSON_AddStringToObject(c, "strong", m->comp[i].strong);
        cJSON *al = cJSON_AddArrayToObject(c, "aliases");
        char buf[sizeof m->comp[i].aliases];
        snprintf(buf, sizeof buf, "%s", m->comp[i].aliases);
        for (char *save = NULL, *t = strtok_r(buf, "|", &save); t; t = strtok_r(NULL, "|", &save))
            cJSON_AddItemToArray(al, cJSON_CreateString(t));
        cJSON_AddItemToArray(comps, c);
    }
    return o;
}

static void add_bands(cJSON *o, const char *name, const struct band_limits *b)
{
    cJSON *x = cJSON_AddObjectToObject(o, name);
    cJSON_AddNumberToObject(x, "red_max", b->red_max);
    cJSON_AddNumberToObject(x, "amber_max", b->amber_max);
}

char *config_to_json(const struct scoring *s)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "model", s->model.name);
    cJSON *models = cJSON_AddObjectToObject(root, "models");
    cJSON_AddItemToObject(models, s->model.name, model_json(&s->model));
    static const char *const builtins[] = {"dashboard", "playbook"};
    for (int i = 0; i < 2; i++)
        if (strcmp(builtins[i], s->model.name) != 0)
            cJSON_AddItemToObject(models, builtins[i], model_json(model_builtin(builtins[i])));
    cJSON *bands = cJSON_AddObjectToObject(root, "bands");
    add_bands(bands, "score", &s->score_bands);
    add_bands(bands, "months", &s->month_bands);
    cJSON_AddNumberToObject(root, "coverage_min_pct", s->min_coverage_pct);
    cJSON *seg = cJSON_AddObjectToObject(root, "segments");
    cJSON_AddNumberToObject(seg, "enterprise_min", (double)s->enterprise_min_cents / 100.0);
    cJSON_AddNumberToObject(seg, "midmarket_min", (double)s->midmarket_min_cents / 100.0);
    cJSON *trend = cJSON_AddObjectToObject(root, "trend");
    cJSON_AddNumberToObject(trend, "dead_band", s->trend_dead_band);
    cJSON_AddNumberToObject(trend, "snapshots", s->trend_snapshots);
    cJSON_AddNumberToObject(root, "health_target", s->health_target);
    static const char *const groups[] = {"flags", "risk", "plan"};
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        cJSON *obj = cJSON_AddObjectToObject(root, groups[g]);
        for (int i = 0; i < threshold_count; i++) {
            const struct threshold_def *d = &threshold_defs[i];
            if (strcmp(d->group, groups[g]) == 0)
                cJSON_AddNumberToObject(obj, d->key, *(const int *)((const char *)s + d->offset));
        }
        if (strcmp(groups[g], "plan") == 0) {
            cJSON *days = cJSON_AddArrayToObject(obj, "holidays");
            for (int i = 0; i < s->plan.nholidays; i++) {
                char day[8];
                snprintf(day, sizeof day, "%02d-%02d", s->plan.holiday[i] / 100 % 100, s->plan.holiday[i] % 100);
                cJSON_AddItemToArray(days, cJSON_CreateString(day));
            }
        }
    }
    cJSON *product = cJSON_AddObjectToObject(root, "product");
    for (size_t k = 0; k < sizeof product_keys / sizeof product_keys[0]; k++)
        cJSON_AddStringToObject(product, product_keys[k].key, (const char *)&s->product + product_keys[k].offset);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}
