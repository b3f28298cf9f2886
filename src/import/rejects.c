/* --skip-bad: the rejected rows, each as it was read plus its reason. The
 * file is written as every output is (outfile.h): privately, then renamed
 * into place, never over the database, never over an earlier rejects file
 * unless the user says --force. */
#include "import_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "csm/csvout.h"
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

int rejects_open(struct rejects *r, const char *path, const char *db, bool replace, char *const *cols, int ncols,
                 char *err, size_t errlen)
{
    int rc = rejects_check(path, db, replace, err, errlen);
    if (!rc)
        rc = outfile_open(&r->out, path, db, replace, err, errlen);
    if (rc)
        return rc;
    for (int c = 0; c < ncols; c++) {
        csv_cell(r->out.f, cols[c], true);
        fputc(',', r->out.f);
    }
    fputs("reason\r\n", r->out.f);
    return 0;
}

void rejects_write(struct rejects *r, const struct csv_row *row, int ncols, const char *reason)
{
    for (int c = 0; c < ncols; c++) {
        csv_cell(r->out.f, (size_t)c < row->n ? row->field[c] : "", true);
        fputc(',', r->out.f);
    }
    char text[320];
    snprintf(text, sizeof text, "line %ld: %s", row->line, reason);
    csv_cell(r->out.f, text, true);
    fputs("\r\n", r->out.f);
}

int rejects_finish(struct rejects *r, bool keep, char *err, size_t errlen)
{
    return outfile_close(&r->out, keep, err, errlen);
}
