#ifndef CSM_OUTFILE_H
#define CSM_OUTFILE_H

/* The files csm writes for the user (--output, rejects files, backups):
 * never the database, never a link or a device replaced. A regular file
 * (or a new one) is written to a private temporary file beside it (mode
 * 0600) and renamed onto it when complete, so a reader never sees half of
 * it; a symbolic link is followed and the file it names is the one written.
 * Anything else (a FIFO, a terminal, /dev/null, /dev/stdout or another open
 * descriptor) is opened and written through: no temporary file, no rename. */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct outfile {
    FILE *f;
    bool through;        /* written in place, not renamed */
    char target[4096];   /* the file written, links followed */
    char tmp[4200];      /* the temporary file renamed onto target */
};

/* Where `path` writes: its links followed to the file they name (the name
 * a dangling link holds), *fd the descriptor when it names one
 * (/dev/stdout, /dev/fd/N, /proc/self/fd/N), else -1; *exists and *regular
 * say what is there. False with errno when it cannot be told. */
bool outfile_resolve(const char *path, char *target, size_t len, int *fd, bool *exists, bool *regular);

/* True when writing `path` would write the database `db` or one of its
 * -wal, -shm and -journal files: the same device and inode, or the same
 * name once links are followed. */
bool outfile_is_database(const char *path, const char *db);

/* Opens `path` for writing. `db` (or NULL) is the database it must not be;
 * without `replace` an existing regular file is not replaced. 0, or an
 * exit status with the reason in err: EX_CANTCREAT when the file may not
 * be written there, EX_IOERR when it cannot be. */
int outfile_open(struct outfile *o, const char *path, const char *db, bool replace, char *err, size_t errlen);

/* Finishes the file: with `keep` flushed, synced and renamed onto its
 * target (written through: flushed); without, the temporary file is
 * removed. 0, or EX_IOERR with the reason in err. */
int outfile_close(struct outfile *o, bool keep, char *err, size_t errlen);

#endif
