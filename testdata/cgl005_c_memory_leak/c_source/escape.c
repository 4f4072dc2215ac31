#include <stdlib.h>
#include <string.h>

// Compiled with the package; cgolint reads these bodies for the prototypes
// the Go file declares (opencontainers/runc's nsenter escape.c).

// Takes ownership of str: returns it unchanged, or frees it and returns a new buffer.
char *escape_json_string(char *str)
{
	if (strchr(str, '"') == NULL)
		return str;
	char *out = malloc(2 * strlen(str) + 1);
	char *o = out;
	for (char *p = str; *p; p++) {
		if (*p == '"')
			*o++ = '\\';
		*o++ = *p;
	}
	*o = '\0';
	free(str);
	return out;
}

// Only reads what it is given.
size_t quoted_length(const char *str)
{
	size_t n = 2;
	for (const char *p = str; *p; p++)
		n += (*p == '"') ? 2 : 1;
	return n;
}
