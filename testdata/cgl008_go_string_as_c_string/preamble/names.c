#include <string.h>
#include "names.h"

int lookup(const char *key) { return key[0]; }
void fill(char *out) { out[0] = 'x'; }
void write_name(const char *p, size_t n) { (void)p; (void)n; }
