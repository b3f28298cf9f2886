/* --skip-bad: the rejected rows, each as it was read plus its reason. The
 * file is written as every output is (outfile.h): privately, then renamed
 * into place, never over the database, never over an earlier rejects file
 * unless the user says --force. The cells are written as they were read,
 * with the input's delimiter, so that the corrected file imports back. */
#include "import_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <csv.h>

#include "csm/exit.h"

int rejects_check(const char *path, const char *db, bool replace, char *err, size_t errlen)
{
    char target[4096];
    int fd;
    bool exists, regular;
    if (!outfile_resolve(path, target, sizeof target, &fd, &exists, &regular)) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return EX_IOERR;
    }
    if (outfile_is_database(path, db)) {
        snprintf(err, errlen, "%s is the database itself (or its -wal, -shm or -journal file): name another file "
                 "with --rejects FILE", path);
        return EX_CANTCREAT;
    }
    if (exists && regular && !replace) {
        snprintf(err, errlen, "%s exists already: add --force to replace it, or name another file with --rejects FILE",
                 path);
        return EX_CANTCREAT;
    }
    return 0;
}

/* A cell as it was read, quoted by libcsv's own writer when it must be: a corrected
 * rejects file imports back, so nothing is added to it, not even the
 * apostrophe csm's reports put before a formula. */
static void raw_cell(FILE *f, char delimiter, const char *s, size_t len)
{
    bool plain = len == 0 || (s[0] != ' ' && s[len - 1] != ' ');
    for (size_t i = 0; i < len && plain; i++)
        plain = s[i] != delimiter && s[i] != '"' && s[i] != '\r' && s[i] != '\n' && s[i] != '\0';
    if (plain)
        fwrite(s, 1, len, f);
    else
        csv_fwrite(f, s, len);
}

int rejects_open(struct rejects *r, const char *path, const char *db, bool replace, char delimiter, char *const *cols,
                 int ncols, char *err, size_t errlen)
{
    int rc = rejects_check(path, db, replace, err, errlen);
    if (!rc)
        rc = outfile_open(&r->out, path, db, replace, err, errlen);
    if (rc)
        return rc;
    r->delimiter = delimiter ? delimiter : ',';
    for (int c = 0; c < ncols; c++) {
        raw_cell(r->out.f, r->delimiter, cols[c], strlen(cols[c]));
        fputc(r->delimiter, r->out.f);
    }
    fputs("reason\r\n", r->out.f);
    return 0;
}

void rejects_write(struct rejects *r, const struct csv_row *row, int ncols, const char *reason)
{
    for (int c = 0; c < ncols; c++) {
        if ((size_t)c < row->n)
            raw_cell(r->out.f, r->delimiter, row->field[c], row->len[c]);
        fputc(r->delimiter, r->out.f);
    }
    char text[1200];
    snprintf(text, sizeof text, "line %ld: %s", row->line, reason);
    raw_cell(r->out.f, r->delimiter, text, strlen(text));
    fputs("\r\n", r->out.f);
}

int rejects_finish(struct rejects *r, bool keep, char *err, size_t errlen)
{
    return outfile_close(&r->out, keep, err, errlen);
}
