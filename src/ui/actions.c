/* The one table of actions, made from the list in include/csm/ui_actions.h:
 * dispatch, the status bar, the help screen and the man page's KEYS
 * section (tests/unit/test_keys.c checks that the page is current). */
#include <stdio.h>
#include <string.h>

#include "screens.h"

const struct action_def ui_actions[] = {
#define UI_ACTION_ENTRY(id, name, where, flags, key_label, label, help, man, ...) \
    {A_##id, name, where, flags, key_label, label, help, man, {__VA_ARGS__}},
    UI_ACTIONS(UI_ACTION_ENTRY)
#undef UI_ACTION_ENTRY
};
const int ui_nactions = (int)(sizeof ui_actions / sizeof ui_actions[0]);

_Static_assert(sizeof ui_actions / sizeof ui_actions[0] == A_COUNT - 1, "one entry an action, in the enum's order");

const struct action_def *ui_action(enum action a) { return a > A_NONE && a < A_COUNT ? &ui_actions[a - 1] : NULL; }

static int screens_of(unsigned where)
{
    int n = 0;
    for (; where; where &= where - 1)
        n++;
    return n;
}

enum action ui_action_for_key_in(int key, unsigned where)
{
    if (key == 0)
        return A_NONE;
    enum action best = A_NONE;
    int best_n = 0;
    for (int i = 0; i < ui_nactions; i++) {
        const struct action_def *d = &ui_actions[i];
        if (!(d->where & where))
            continue;
        for (int k = 0; k < UI_ACTION_KEYS && d->keys[k]; k++)
            if (d->keys[k] == key && (best == A_NONE || screens_of(d->where) < best_n)) {
                best = d->action;
                best_n = screens_of(d->where);
            }
    }
    return best;
}

const char *ui_action_key(enum action a, char *buf, size_t len)
{
    const struct action_def *d = ui_action(a);
    const char *label = d ? d->key_label : "";
    size_t n = strcspn(label, "/");
    if (n == 0) /* the key is "/" itself */
        n = strlen(label) ? 1 : 0;
    snprintf(buf, len, "%.*s", (int)n, label);
    return buf;
}

int ui_action_groups(unsigned *where, int max)
{
    int n = 0;
    for (int i = 0; i < ui_nactions && n < max; i++) {
        bool seen = false;
        for (int k = 0; k < n; k++)
            seen = seen || where[k] == ui_actions[i].where;
        if (!seen)
            where[n++] = ui_actions[i].where;
    }
    return n;
}

void ui_where_title(unsigned where, char *buf, size_t len)
{
    static const struct { unsigned bit; const char *name; } names[] = {
        {UI_IN_PORTFOLIO, "portfolio"}, {UI_IN_ACCOUNT, "account"}, {UI_IN_FLAGS, "flags"},
        {UI_IN_RENEWALS, "renewals"}, {UI_IN_HELP, "help"}, {UI_IN_PLAN, "plan"},
        {UI_IN_IMPORTS, "imports"}};
    if (where == UI_ALL) {
        snprintf(buf, len, "Everywhere");
        return;
    }
    if (where == UI_IN_PROMPT) { /* the actions that open one */
        char s[16], e[16], a[16], i[16];
        snprintf(buf, len, "In a prompt (%s search, %s edit, %s note, %s import)", ui_action_key(A_SEARCH, s, sizeof s),
                 ui_action_key(A_EDIT, e, sizeof e), ui_action_key(A_NOTE, a, sizeof a),
                 ui_action_key(A_IMPORT_FILE, i, sizeof i));
        return;
    }
    if (where == UI_IN_QUESTION) {
        snprintf(buf, len, "At a question on the status line (undo? import?)");
        return;
    }
    char list[96] = "";
    size_t o = 0;
    for (size_t k = 0; k < sizeof names / sizeof names[0] && o < sizeof list; k++)
        if (where & names[k].bit)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
                                  o ? (where & ~((names[k].bit << 1) - 1) ? ", " : " and ") : "", names[k].name);
    snprintf(buf, len, "On the %s screen%s", list, screens_of(where) > 1 ? "s" : "");
}

/* ---- the man page's KEYS section ---- */

/* Text for roff: backslashes, leading dots and quotes escaped, the arrows
 * and apostrophes as roff names them. */
static void roff_text(FILE *f, const char *s)
{
    static const struct { const char *utf8, *roff; } glyph[] = {
        {"\xe2\x86\x91", "\\(ua"}, {"\xe2\x86\x93", "\\(da"}, {"'", "\\(aq"}, {"\\", "\\e"}};
    if (*s == '.')
        fputs("\\&", f);
    while (*s) {
        size_t k = 0;
        for (; k < sizeof glyph / sizeof glyph[0]; k++)
            if (strncmp(s, glyph[k].utf8, strlen(glyph[k].utf8)) == 0)
                break;
        if (k < sizeof glyph / sizeof glyph[0]) {
            fputs(glyph[k].roff, f);
            s += strlen(glyph[k].utf8);
        } else {
            fputc(*s++, f);
        }
    }
}

void ui_keys_man(FILE *f)
{
    unsigned groups[32];
    int ngroups = ui_action_groups(groups, 32);
    for (int g = 0; g < ngroups; g++) {
        unsigned where = groups[g];
        char title[128];
        ui_where_title(where, title, sizeof title);
        fputs(".PP\n", f);
        roff_text(f, title);
        fputs(":\n.TP 14\n", f);
        bool first = true;
        for (int j = 0; j < ui_nactions; j++) {
            const struct action_def *d = &ui_actions[j];
            if (d->where != where)
                continue;
            if (!first)
                fputs(".TP\n", f);
            first = false;
            fputs(".B ", f);
            roff_text(f, d->key_label);
            fputc('\n', f);
            roff_text(f, d->help);
            if (d->man)
                fprintf(f, "%s%s", d->man[0] == ';' ? "" : " ", d->man); /* roff already */
            if (d->flags & UA_WRITES)
                fputs("; not with \\fB\\-\\-read\\-only\\fR", f);
            fputc('\n', f);
        }
    }
}
