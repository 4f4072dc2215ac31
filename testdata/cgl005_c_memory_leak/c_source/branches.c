#include <stdio.h>
#include <stdlib.h>

// Two definitions under #if: which one builds is not known from the source.
#ifdef _WIN32
void drop(char *name) { free(name); }
#else
void drop(char *name) { puts(name); }
#endif

// A static function is never the preamble's log_line (that one is defined
// in a file cgolint does not read).
static void log_line(char *line) { free(line); }
void log_twice(char *line) { log_line(line); }
