/* --skip-bad: the rejected rows, each as it was read plus its reason, in a
 * private file written beside the input and renamed into place at the end. */
#include "import_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csm/csvout.h"

bool rejects_open(struct rejects *r, const char *path, char *const *cols, int ncols)
{
    snprintf(r->path, sizeof r->path, "%s", path);
    snprintf(r->tmp, sizeof r->tmp, "%s.XXXXXX", path);
    int fd = mkstemp(r->tmp);
    if (fd < 0 || !(r->f = fdopen(fd, "w"))) {
        int err = errno;
        if (fd >= 0) {
            close(fd);
            unlink(r->tmp);
        }
        r->tmp[0] = '\0';
        errno = err;
        return false;
    }
    fchmod(fd, 0600);
    for (int c = 0; c < ncols; c++) {
        csv_cell(r->f, cols[c], true);
        fputc(',', r->f);
    }
    fputs("reason\r\n", r->f);
    return true;
}

void rejects_write(struct rejects *r, const struct csv_row *row, int ncols, const char *reason)
{
    for (int c = 0; c < ncols; c++) {
        csv_cell(r->f, (size_t)c < row->n ? row->field[c] : "", true);
        fputc(',', r->f);
    }
    char text[320];
    snprintf(text, sizeof text, "line %ld: %s", row->line, reason);
    csv_cell(r->f, text, true);
    fputs("\r\n", r->f);
}

bool rejects_finish(struct rejects *r, bool keep)
{
    if (!r->f)
        return true;
    int err = 0;
    if (ferror(r->f))
        err = errno ? errno : EIO;
    if (fclose(r->f) != 0 && !err)
        err = errno;
    r->f = NULL;
    if (keep && !err && rename(r->tmp, r->path) != 0)
        err = errno;
    if (!keep || err)
        unlink(r->tmp);
    errno = err;
    return !err;
}
