#include <stdio.h>

void note(char *text) { puts(text); }
