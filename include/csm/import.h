#ifndef CSM_IMPORT_H
#define CSM_IMPORT_H

/* Health-score CSV exports into validated accounts, handed to the store in
 * one transaction per file: all of a file or none of it. */

#include <stdbool.h>
#include <stdio.h>

#include "csm/model.h"
#include "csm/store.h"

/* The fields a column can map to. Components come from the health model. */
enum import_field {
    F_IGNORE = -1,
    F_NAME, F_EXTERNAL_ID, F_SEGMENT, F_OWNER, F_TERM, F_ACV, F_RENEWAL_MONTHS,
    F_RENEWAL_DATE, F_TREND, F_HEALTH, F_NPS, F_MSA, F_ANON, F_KPI_BASE, F_KPI_CUR,
    F_LAST_ASK, F_PULSE,
    F_MRR,            /* monthly: x12 into acv */
    F_CUSTOMER_SINCE, /* a date: the whole years to the as-of day into term_years */
    F_SNAPSHOT_DATE,  /* the row's own day (csm export writes one row a snapshot) */
    F_COUNT,
    F_COMPONENT = 100 /* F_COMPONENT + i: the model's component i */
};

/* How slash dates are read. DATE_AUTO (not said): the order remembered
 * for the export, else the one each date column settles (any day above
 * 12 settles it: 13/5/2027 is day/month); a column that nothing settles
 * is refused. DATE_SETTLE: the same without what was remembered. */
enum import_date_format { DATE_AUTO, DATE_MDY, DATE_DMY, DATE_SETTLE };

struct import_map {
    const char *header;   /* as the user wrote it */
    const char *field;    /* a field name from import_fields(), or a component key */
};

struct import_options {
    const struct scoring *scoring;
    int as_of;                     /* the day the snapshot is dated */
    bool dry_run;
    const struct import_map *maps; /* --map HEADER=FIELD */
    int nmaps;
    int max_errors;                /* row errors printed before a count; 0: 20 */
    FILE *dry_out;                 /* with dry_run: one line an account */
    char delimiter;                /* 0: detect from the header line */
    int date_format;               /* enum import_date_format */
    bool skip_bad;                 /* import the good rows, write the bad ones to FILE.rejects.csv */
    const char *rejects;           /* with skip_bad: where the bad rows go (NULL: FILE.rejects.csv) */
    bool force;                    /* an existing rejects file may be replaced; a file imported before is read again */
    bool forget;                   /* what was remembered for the export is not used (what is used is remembered) */
    bool progress;                 /* a line of progress on standard error, when it is a terminal */
};

struct import_result {
    int rows;       /* data rows read */
    int created;
    int updated;
    int unchanged;  /* accounts the file leaves as they were */
    int history;    /* of the updated: an older export's day added to their history only */
    bool no_scores; /* the file has no score columns: no snapshot was written */
    int rejected;
    long long import_id;
    char rejects_path[4096]; /* with skip_bad and rejected rows: where they went */
    char remembered[512];    /* the settings reused from the export's last import, "" for none */
    /* An import in force read the same bytes: nothing was done (import_id 0). */
    long long before_id;
    char before_at[32];      /* when, the clock's time (UTC) */
    int before_as_of;
};

/* Imports one file: a regular file by path, or standard input as "-" (or
 * /dev/stdin). A file whose bytes an import in force read already changes
 * nothing (res->before_id says which; --force reads it again). The
 * settings it is read with are remembered for its header line and reused
 * for the next file with that header, unless said otherwise. Anything else named by path (a FIFO, a device, a folder)
 * is refused without blocking. Messages (row errors, notes) go to `msg` as
 * "csm: FILE:LINE: ...", made safe. Returns 0, 2 (--skip-bad reading
 * standard input without --rejects), 65 (bad data), 66 (cannot open, or
 * not a file), 73 (the rejects file may not be written there), 74 (store). */
int import_file(struct store *st, const char *path, const struct import_options *opt,
                struct import_result *res, FILE *msg);

/* Reads one attribute value as the importer would (field by its contract
 * key: "nps", "pulse", "renewal_date"...), as of day `as_of` (a last
 * advocacy ask may not come after it). Sets the value in *a (freeing a
 * string it replaces) and its bit in *fields; false with *why when the key
 * or the value is wrong. */
bool import_parse_attribute(const struct health_model *m, const char *key, char *value, int as_of,
                            struct account *a, unsigned *fields, const char **why);
/* How csm set reads a value: as of a day (a last advocacy ask may not
 * come after it), slash dates in an order (DATE_MDY, DATE_DMY; DATE_AUTO:
 * only those that settle themselves), the advice for the command line. */
struct attribute_options {
    int as_of;
    int date_format;
    bool from_cli;
};
/* import_parse_attribute with these options. */
bool import_read_attribute(const struct health_model *m, const char *key, char *value, const struct attribute_options *o,
                           struct account *a, unsigned *fields, const char **why);
/* Clears the attribute `key` (csm set key=); false when no attribute has that key. */
bool import_clear_attribute(const char *key, struct account *a, unsigned *fields);

/* Parses "M/D/YYYY", "D/M/YYYY" or "YYYY-MM-DD" (the default order) for --date-format. */
bool import_date_format_parse(const char *s, int *out);

/* The name and description of every mappable field (for --fields), in order. */
int import_field_count(void);
const char *import_field_name(int i);
const char *import_field_help(int i);
/* The field a word names as a header would (its name or one of its header
 * names: "acv", "ARR", "renewal"), or NULL: a model component may not take
 * such a key, or the component would take the field's column. */
const char *import_field_named(const char *word);

#endif
