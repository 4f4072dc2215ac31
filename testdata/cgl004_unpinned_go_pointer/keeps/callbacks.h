#include <stdint.h>

typedef void (*callback_fn)(void *ctx, int event);

struct listener { callback_fn fn; void *ctx; };

static struct listener listeners[8];
static int nlisteners;

/* Keeps ctx: stored in a global table, used when an event fires. */
static inline void add_listener(callback_fn fn, void *ctx) {
	listeners[nlisteners].fn = fn;
	listeners[nlisteners].ctx = ctx;
	nlisteners++;
}
