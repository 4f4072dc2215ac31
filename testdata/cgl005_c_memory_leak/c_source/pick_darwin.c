#include <stdio.h>

void pick(char *name) { puts(name); }
