/* libFuzzer harness for the configuration parser: any text; a config it
 * accepts must make sense (weights positive, bands in order). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csm/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct scoring s;
    char err[512];
    if (config_parse(text, &s, err, sizeof err) == 0) {
        if (s.model.ncomp < 1 || s.model.ncomp > MODEL_MAX_COMPONENTS)
            abort();
        for (int i = 0; i < s.model.ncomp; i++)
            if (!(s.model.comp[i].weight > 0))
                abort();
        if (s.score_bands.amber_max < s.score_bands.red_max || s.month_bands.amber_max < s.month_bands.red_max)
            abort();
        char *back = config_to_json(&s);
        struct scoring again;
        if (config_parse(back, &again, err, sizeof err) != 0)
            abort(); /* what csm config prints must read back */
        free(back);
    }
    free(text);
    return 0;
}
