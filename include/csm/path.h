#ifndef CSM_PATH_H
#define CSM_PATH_H

/* Where csm keeps its files, following the XDG base directory rules. */

#include <stdbool.h>
#include <stddef.h>

/* $CSM_DB, else $XDG_DATA_HOME/csm/portfolio.db, else ~/.local/share/csm/portfolio.db.
 * Returns false when neither XDG_DATA_HOME nor HOME is set. */
bool path_default_db(char *buf, size_t len);
/* $CSM_CONFIG, else $XDG_CONFIG_HOME/csm/config.json, else ~/.config/csm/config.json. */
bool path_default_config(char *buf, size_t len);
/* Creates the folder that holds `file` and its missing parents, new ones with
 * mode 0700. Returns 0, or an errno value. */
int path_make_parent(const char *file);
/* The last component of a path, for messages. */
const char *path_base(const char *path);

#endif
