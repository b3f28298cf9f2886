/* The writer: checked rows go to the store on a second thread. */
#include "import_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/text.h"

static void *writer_run(void *arg)
{
    struct writer *w = arg;
    for (;;) {
        pthread_mutex_lock(&w->mu);
        while (w->head == w->tail && !w->done)
            pthread_cond_wait(&w->changed, &w->mu);
        if (w->head == w->tail) {
            pthread_mutex_unlock(&w->mu);
            return NULL;
        }
        struct put_item *batch = w->slot[w->tail % PUT_SLOTS];
        size_t n = w->count[w->tail % PUT_SLOTS];
        pthread_mutex_unlock(&w->mu);
        for (size_t k = 0; k < n; k++) {
            if (!w->rc) {
                enum store_put how;
                long long id;
                int rc = store_put_account(w->st, w->m, &batch[k].a, batch[k].fields, w->snap, batch[k].day,
                                           w->import_id, &how, &id);
                if (rc) {
                    w->rc = rc;
                    w->bad_line = batch[k].line;
                    snprintf(w->err, sizeof w->err, "%s", store_error(w->st));
                } else if (w->outcomes) {
                    outcomes_add(w->outcomes, id, how);
                } else {
                    w->count_of[how]++;
                }
            }
            account_free(&batch[k].a);
        }
        free(batch);
        pthread_mutex_lock(&w->mu);
        w->tail++;
        w->failed = w->rc != 0;
        pthread_cond_broadcast(&w->changed);
        pthread_mutex_unlock(&w->mu);
    }
}

bool writer_start(struct writer *w, struct store *st, const struct health_model *m, unsigned snap,
                  long long import_id)
{
    memset(w, 0, sizeof *w);
    w->st = st;
    w->m = m;
    w->snap = snap;
    w->import_id = import_id;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->changed, NULL);
    if (pthread_create(&w->thread, NULL, writer_run, w) != 0) {
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->changed);
        return false;
    }
    return true;
}

static void writer_flush(struct writer *w)
{
    if (!w->ncur)
        return;
    pthread_mutex_lock(&w->mu);
    while (w->head - w->tail == PUT_SLOTS)
        pthread_cond_wait(&w->changed, &w->mu);
    w->slot[w->head % PUT_SLOTS] = w->cur;
    w->count[w->head % PUT_SLOTS] = w->ncur;
    w->head++;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->mu);
    w->cur = NULL;
    w->ncur = 0;
}

bool writer_put(struct writer *w, struct account *a, unsigned fields, int day, long line)
{
    if (!w->cur)
        w->cur = xmalloc(PUT_BATCH * sizeof *w->cur);
    w->cur[w->ncur++] = (struct put_item){*a, fields, day, line};
    account_init(a); /* moved: the caller's copy owns nothing now */
    if (w->ncur == PUT_BATCH)
        writer_flush(w);
    pthread_mutex_lock(&w->mu);
    bool failed = w->failed;
    pthread_mutex_unlock(&w->mu);
    return !failed;
}

int writer_finish(struct writer *w)
{
    writer_flush(w);
    pthread_mutex_lock(&w->mu);
    w->done = true;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->changed);
    return w->rc;
}


void outcomes_add(struct put_outcomes *o, long long id, int how)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 1024;
        o->v = xrealloc(o->v, o->cap * sizeof *o->v);
    }
    o->v[o->n++] = (struct put_outcome){id, how};
}

static int by_id(const void *x, const void *y)
{
    const struct put_outcome *a = x, *b = y;
    return a->id < b->id ? -1 : a->id > b->id;
}

void outcomes_count(struct put_outcomes *o, int *count)
{
    if (o->n)
        qsort(o->v, o->n, sizeof *o->v, by_id);
    for (size_t i = 0, j; i < o->n; i = j) {
        bool created = false, updated = false, history = false;
        for (j = i; j < o->n && o->v[j].id == o->v[i].id; j++) {
            created |= o->v[j].how == PUT_CREATED;
            updated |= o->v[j].how == PUT_UPDATED;
            history |= o->v[j].how == PUT_HISTORY;
        }
        count[created ? PUT_CREATED : updated ? PUT_UPDATED : history ? PUT_HISTORY : PUT_UNCHANGED]++;
    }
}

void outcomes_free(struct put_outcomes *o)
{
    free(o->v);
    memset(o, 0, sizeof *o);
}
