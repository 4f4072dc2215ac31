#include <stddef.h>

static const void *kept;

static inline void keep(const void *p) { kept = p; }
static inline void release(void) { kept = NULL; }
static inline void digest(unsigned char *out);
static inline void digest(unsigned char *out) {
	for (int i = 0; i < 32; i++) out[i] = (unsigned char)i;
}
static inline void digest_n(unsigned char *out, size_t n) {
	for (size_t i = 0; i < n && i < 32; i++) out[i] = (unsigned char)i;
}
