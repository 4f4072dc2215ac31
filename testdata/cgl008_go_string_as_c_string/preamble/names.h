#include <stddef.h>

int lookup(const char *key);
void fill(char *out);
void write_name(const char *p, size_t n);
