package freed

/*
#include <stdlib.h>
#include <string.h>

typedef void (*destructor_fn)(void *);
static char last_text[64];
// sqlite3_result_text's contract: the text is copied, then xDel(z) runs.
static void result_text(const char *z, destructor_fn xDel) {
	strncpy(last_text, z, sizeof last_text - 1);
	if (xDel) xDel((void *)z);
}
// go-sqlite3's helpers: one hands the string over with free as its
// destructor, the other with none (the caller keeps it).
static inline void result_text_owned(char *s) { result_text(s, &free); }
static inline void result_text_cast(char *s) { result_text(s, (destructor_fn)free); }
static inline void result_text_copied(char *s) { result_text(s, NULL); }
// Only the data beside the destructor is taken over: the key is copied
// (g_object_set_data_full), and a local named free is no destructor.
static char *last_key;
static void set_data_full(const char *key, void *data, destructor_fn destroy) {
	free(last_key);
	last_key = strdup(key);
	if (destroy) destroy(data);
}
static void attach(char *key, char *data) { set_data_full(key, data, free); }
static int notes;
static void note(void *p, int flag) { (void)p; notes += flag; }
static void account(char *s) { int free = 1; note(s, free); }
// The destructor before the data it is for (set_owned(ctx, free, data)).
static void set_owned(void *ctx, destructor_fn destroy, void *data) { (void)ctx; destroy(data); }
static void give(char *data) { set_owned(NULL, free, data); }
*/
import "C"

// A wrapper that passes the pointer beside `free` as its destructor hands
// the memory over: the callee frees it.

func ResultOwned(v string) {
	C.result_text_owned(C.CString(v))
}

func ResultCast(v string) {
	C.result_text_cast(C.CString(v))
}

func ResultCopied(v string) {
	C.result_text_copied(C.CString(v)) // want CGL005 "the result of C.CString passed straight to C.result_text_copied is never freed"
}

func Attach(k, v string) {
	key := C.CString(k) // want CGL005 "`key` holds C memory from C.CString that is never freed"
	C.attach(key, C.CString(v))
}

func Account(v string) {
	C.account(C.CString(v)) // want CGL005 "passed straight to C.account is never freed"
}

func Give(v string) {
	C.give(C.CString(v))
}
