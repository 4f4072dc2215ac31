#include <stdio.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

// An old copy, compiled out, freed its argument; the one that builds reads it.
#if 0
void shout(char *text) { free(text); }
#endif
void shout(char *text) { puts(text); }

#ifdef __cplusplus
}
#endif
