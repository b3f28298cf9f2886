#ifndef CSM_CLI_COMMON_H
#define CSM_CLI_COMMON_H

/* What the commands share: option parsing, the store, CSV and JSON writing.
 * Private to src/cli/. */

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>

#include "csm/book.h"
#include "csm/cli.h"
#include "csm/csvout.h"
#include "csm/plan.h"
#include "csm/store.h"

struct opt {
    const char *name;   /* "--format" */
    bool takes_value;
    const char **value; /* where the value goes */
    bool *flag;         /* for options without a value */
};

/* Splits cli->argv into the options in `opts` and positional arguments
 * (*pos, to free). Returns 0, or 2 after printing why. */
int parse_opts(struct cli *cli, const char *cmd, const struct opt *opts, char ***pos, int *npos);
/* parse_opts for a command that takes options only: 0, or 2 after saying
 * why (an unknown option, a missing value, or an argument). */
int parse_no_args(struct cli *cli, const char *cmd, const struct opt *opts);
/* Checks --format against the allowed words; 2 after a message when wrong. */
int check_format(const char *cmd, const char *fmt, const char *const *allowed);
/* Opens the database for reading or writing; prints why on failure. */
int open_store(struct cli *cli, bool write, struct store **st);
/* Opens the database and loads the book as of the as-of day (later
 * snapshots left out); prints why on failure. */
int load_book(struct cli *cli, bool history, struct store **st, struct book *b);
/* What a report starts with: the book with its history as of the as-of
 * day, and the output (stdout, or the file written atomically). 0, or an
 * exit status after saying why, with nothing left open. */
int open_report(struct cli *cli, const char *output, struct store **st, struct book *b, FILE **f);
/* The same with every snapshot, later ones too: the whole database. */
int open_report_all(struct cli *cli, const char *output, struct store **st, struct book *b, FILE **f);
/* --owner NAME: keeps the accounts of that owner only (book_keep_owner:
 * case and accents folded), saying so when none is; no owner keeps them
 * all. 0, or 2 after saying why. */
int keep_owner(struct book *b, const char *owner);
/* "no account named 'harbor view'": and up to three names of the book it
 * may have meant (the name's words within theirs, case and accents aside). */
void cli_no_account(const struct book *b, const char *name);
/* Closes what open_report opened: rc when it is an error, else the
 * output's own status. */
int close_report(struct store *st, struct book *b, FILE *f, const char *output, int rc);
/* True when colours may be written to f (a terminal, NO_COLOR unset). */
bool use_color(FILE *f);
/* True when standard output is a terminal (table by default, else csv). */
bool isatty_stdout(void);
const char *ansi(int color);
void json_date(cJSON *o, const char *key, int day);
void json_str(cJSON *o, const char *key, const char *v);
void json_tenths(cJSON *o, const char *key, int tenths);
void json_tri(cJSON *o, const char *key, int v);
void json_real(cJSON *o, const char *key, double v);
/* A number, or null when it is not known. */
void json_num(cJSON *o, const char *key, bool known, double v);
/* The contract's account object, plus extras. */
cJSON *account_json(const struct book *b, size_t i);
/* Prints and frees the JSON tree. */
int print_json(FILE *f, cJSON *root);
/* A JSON array written one element at a time, so that a million accounts
 * never sit in memory as one tree: begin, then items (each freed), then end. */
void json_stream_begin(FILE *f);
int json_stream_item(FILE *f, cJSON *item, bool first);
void json_stream_end(FILE *f, bool empty);
/* Writing JSON text straight out, for the streams of a big book (a million
 * cJSON objects cost a million trees of allocations). The bytes are those
 * cJSON_PrintUnformatted writes for the same values. */
void json_put_string(FILE *f, const char *s);
/* A number as cJSON prints it, or null when not known. */
void json_put_number(FILE *f, bool known, double v);

#endif
