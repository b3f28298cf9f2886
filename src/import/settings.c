/* The settings an export is read with (date order, --map, delimiter),
 * remembered after a successful import by its header line, and reused
 * the next time the same export comes: a weekly file needs no flags. */
#include "import_int.h"

#include <cjson/cJSON.h>
#include <sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/text.h"

static const char *order_text(int order)
{
    return order == DATE_MDY ? "M/D/YYYY" : order == DATE_DMY ? "D/M/YYYY" : "";
}

/* The --map options as JSON text: [["Kunde", "name"], ...]. */
static char *maps_json(const struct import_map *maps, int n)
{
    if (!n)
        return NULL;
    cJSON *arr = cJSON_CreateArray();
    for (int i = 0; i < n; i++) {
        cJSON *pair = cJSON_CreateArray();
        cJSON_AddItemToArray(pair, cJSON_CreateString(maps[i].header));
        cJSON_AddItemToArray(pair, cJSON_CreateString(maps[i].field));
        cJSON_AddItemToArray(arr, pair);
    }
    char *text = cJSON_PrintUnformatted(arr);
    cJSON_Delete(arr);
    return text;
}

/* The stored maps back as --map options; what is not a pair of texts is
 * left out (a hand-edited database). */
static void maps_parse(struct remembered *r, const char *json)
{
    cJSON *arr = json ? cJSON_Parse(json) : NULL;
    int n = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
    if (n > IMPORT_MAX_MAPS)
        n = IMPORT_MAX_MAPS;
    r->maps = n ? xcalloc((size_t)n, sizeof *r->maps) : NULL;
    r->texts = n ? xcalloc((size_t)n * 2, sizeof *r->texts) : NULL;
    for (int i = 0; i < n; i++) {
        cJSON *pair = cJSON_GetArrayItem(arr, i);
        cJSON *h = cJSON_GetArrayItem(pair, 0), *f = cJSON_GetArrayItem(pair, 1);
        if (!cJSON_IsString(h) || !cJSON_IsString(f))
            continue;
        r->texts[2 * r->nmaps] = xstrdup(h->valuestring);
        r->texts[2 * r->nmaps + 1] = xstrdup(f->valuestring);
        r->maps[r->nmaps] = (struct import_map){r->texts[2 * r->nmaps], r->texts[2 * r->nmaps + 1]};
        r->nmaps++;
    }
    cJSON_Delete(arr);
}

int remembered_load(struct remembered *r, struct store *st, const char *line, size_t len)
{
    memset(r, 0, sizeof *r);
    char *copy = xmalloc(len + 1);
    memcpy(copy, line, len);
    copy[len] = '\0';
    SHA256Data((const uint8_t *)copy, len, r->key);
    /* Kept for people (the settings' row says which export it was). */
    snprintf(r->header, sizeof r->header, "%s", copy);
    free(copy);
    r->keyed = true;
    int rc = store_get_settings(st, r->key, &r->set);
    if (rc < 0)
        return 0;
    if (rc)
        return rc;
    r->found = true;
    maps_parse(r, r->set.maps);
    if (strcmp(r->set.date_format, "M/D/YYYY") == 0)
        r->date_format = DATE_MDY;
    else if (strcmp(r->set.date_format, "D/M/YYYY") == 0)
        r->date_format = DATE_DMY;
    return 0;
}

void remembered_describe(char delimiter, int date_format, const struct import_map *maps, int nmaps, char *out,
                         size_t len)
{
    size_t o = 0;
    out[0] = '\0';
    if (date_format)
        o += (size_t)snprintf(out + o, len - o, "--date-format %s", order_text(date_format));
    if (delimiter && o < len)
        o += (size_t)snprintf(out + o, len - o, delimiter == '\t' ? "%s--delimiter tab" : "%s--delimiter '%c'",
                              o ? ", " : "", delimiter);
    for (int i = 0; i < nmaps && o < len; i++)
        o += (size_t)snprintf(out + o, len - o, "%s--map '%s=%s'", o ? ", " : "", maps[i].header, maps[i].field);
}

int remembered_save(struct store *st, const struct remembered *r, char delimiter, int date_format,
                    const struct import_map *maps, int nmaps, long long import_id)
{
    if (!r->keyed || (!delimiter && !date_format && !nmaps && !r->found))
        return 0; /* nothing said, nothing to remember */
    struct export_settings set;
    memset(&set, 0, sizeof set);
    set.delimiter = delimiter;
    snprintf(set.date_format, sizeof set.date_format, "%s", order_text(date_format));
    set.maps = maps_json(maps, nmaps);
    set.import_id = import_id;
    int rc = store_put_settings(st, r->key, r->header, &set);
    free(set.maps);
    return rc;
}

void remembered_free(struct remembered *r)
{
    for (int i = 0; i < 2 * r->nmaps; i++)
        free(r->texts[i]);
    free(r->texts);
    free(r->maps);
    store_free_settings(&r->set);
    memset(r, 0, sizeof *r);
}
