#include <string.h>
#include "names.h"

// Compiled with the package: cgolint reads these bodies for the prototypes
// of names.h.
int lookup(const char *key) { return (int)strlen(key); }
void fill(char *out) { memset(out, 'x', 16); }
void write_name(const char *p, size_t n) { (void)p; (void)n; }
