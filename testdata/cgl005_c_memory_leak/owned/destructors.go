package owned

/*
#include <stdlib.h>
typedef void (*destroy_fn)(void *);
void cfree(void *p);
// Declared only (the library's code is not in sight), with SQLite's and
// glib's contracts: the callee keeps the data and calls destroy on it.
int bind_text(int col, const char *s, int n, destroy_fn destroy);
void set_data_full(void *object, const char *key, void *data, destroy_fn destroy);
void duckdb_free(void *p);
int extract(const char *query);
int compare_ints(const void *a, const void *b);
void on_click(void *data);
void on_delete_event(void *data);
void string_dtor(void *text);
void freeBuffer(void *text);
void window_delete_event_cb(void *data);
long connect_data(void *object, const char *signal, void *handler, void *data, destroy_fn destroy, int flags);
extern const void *kCFAllocatorNull;
typedef const void *StringRef;
StringRef StringCreateWithCStringNoCopy(void *alloc, const char *s, int encoding, void *dealloc);
*/
import "C"

import "unsafe"

// Negative: the text is handed to the call with the function that frees it
// (crawshaw/sqlite's BindText and ResultText): the callee owns it, and a
// free after the call would free what it still uses.
func BindFreed(v string) C.int {
	cv := C.CString(v)
	return C.bind_text(1, cv, C.int(len(v)), (*[0]byte)(C.free))
}

func BindWrapped(v string) C.int {
	return C.bind_text(1, C.CString(v), C.int(len(v)), (*[0]byte)(unsafe.Pointer(C.cfree)))
}

func BindThroughVariable(v string) C.int {
	var free *[0]byte
	var cv *C.char
	if len(v) != 0 {
		cv = C.CString(v)
		free = (*[0]byte)(C.cfree)
	}
	return C.bind_text(1, cv, C.int(len(v)), free)
}

// Negative: a CoreFoundation-style NoCopy constructor keeps the buffer for
// the object it returns (rjeczalik/notify).
func NewString(s string) C.StringRef {
	return C.StringCreateWithCStringNoCopy(nil, C.CString(s), 0, nil)
}

// Positive: no destructor is given, so the caller still owns the text.
func BindStatic(v string) C.int {
	cv := C.CString(v) // want CGL005 "`cv` holds C memory from C.CString that is never freed"
	return C.bind_text(1, cv, C.int(len(v)), nil)
}

// Positive: only the data beside the destructor is taken over; the key is
// copied (g_object_set_data_full), so its C string leaks.
func SetData(object unsafe.Pointer, key, value string) {
	ckey := C.CString(key) // want CGL005 "`ckey` holds C memory from C.CString that is never freed"
	C.set_data_full(object, ckey, unsafe.Pointer(C.CString(value)), (*[0]byte)(C.free))
}

// Negative: freed by a library's own deallocator (marcboeker/go-duckdb).
func Extract(query string) C.int {
	cQuery := C.CString(query)
	defer C.duckdb_free(unsafe.Pointer(cQuery))
	return C.extract(cQuery)
}

// Positive: a C function given beside the memory that is no release (a
// comparator, a signal handler) does not take it over.
func SortInts(n int) {
	buf := C.malloc(C.size_t(4 * n)) // want CGL005 "`buf` holds C memory from C.malloc that is never freed"
	C.qsort(buf, C.size_t(n), 4, (*[0]byte)(C.compare_ints))
}

func Connect(object unsafe.Pointer, signal string) {
	csig := C.CString(signal) // want CGL005 "`csig` holds C memory from C.CString that is never freed"
	C.connect_data(object, csig, unsafe.Pointer((*[0]byte)(C.on_click)), nil, nil, 0)
}

// Positive: kCFAllocatorNull leaves the buffer to the caller.
func NewStringKept(s string) C.StringRef {
	cs := C.CString(s) // want CGL005 "`cs` holds C memory from C.CString that is never freed"
	return C.StringCreateWithCStringNoCopy(nil, cs, 0, C.kCFAllocatorNull)
}

// Positive: on one path the destructor is nil, and the caller keeps the text.
func BindMaybeCopied(v string, copied bool) C.int {
	free := (*[0]byte)(C.free)
	if copied {
		free = nil
	}
	cv := C.CString(v) // want CGL005 "`cv` holds C memory from C.CString that is never freed"
	return C.bind_text(1, cv, C.int(len(v)), free)
}

// Negative: a release function by another name, and a destructor declared
// with var.
func BindDtor(v string) C.int {
	cv := C.CString(v)
	return C.bind_text(1, cv, C.int(len(v)), (*[0]byte)(C.string_dtor))
}

func BindVarDestructor(v string) C.int {
	var free = (*[0]byte)(C.free)
	cv := C.CString(v)
	return C.bind_text(1, cv, C.int(len(v)), free)
}

// Positive: a handler named for the delete event is no release.
func ConnectDelete(object unsafe.Pointer, signal string) {
	csig := C.CString(signal) // want CGL005 "`csig` holds C memory from C.CString that is never freed"
	C.connect_data(object, csig, unsafe.Pointer((*[0]byte)(C.on_delete_event)), nil, nil, 0)
}

// Positive: the destructor is set apart from the allocation, on one path.
func BindIfOwned(v string, owned bool) C.int {
	var free *[0]byte
	if owned {
		free = (*[0]byte)(C.free)
	}
	cv := C.CString(v) // want CGL005 "`cv` holds C memory from C.CString that is never freed"
	return C.bind_text(1, cv, C.int(len(v)), free)
}

// Positive: kCFAllocatorNull through a conversion still leaves the buffer to the caller.
func NewStringKeptConverted(s string) C.StringRef {
	cs := C.CString(s) // want CGL005 "`cs` holds C memory from C.CString that is never freed"
	return C.StringCreateWithCStringNoCopy(nil, cs, 0, unsafe.Pointer(C.kCFAllocatorNull))
}

// Negative: a camelCase release; a destructor from a var group; one set in
// the block of the call.
func BindCamel(v string) C.int {
	cv := C.CString(v)
	return C.bind_text(1, cv, C.int(len(v)), (*[0]byte)(C.freeBuffer))
}

var (
	textRelease = (*[0]byte)(C.free)
)

func BindPackageDestructor(v string) C.int {
	var release = textRelease
	cv := C.CString(v) // want CGL005 "`cv` holds C memory from C.CString that is never freed"
	return C.bind_text(1, cv, C.int(len(v)), release)
}

func BindGrouped(v string) C.int {
	var (
		release = (*[0]byte)(C.free)
	)
	cv := C.CString(v)
	return C.bind_text(1, cv, C.int(len(v)), release)
}

func BindInBranch(v string, copied bool) C.int {
	cv := C.CString(v)
	if !copied {
		release := (*[0]byte)(C.free)
		return C.bind_text(1, cv, C.int(len(v)), release)
	}
	defer C.free(unsafe.Pointer(cv))
	return C.bind_text(1, cv, C.int(len(v)), nil)
}

// Positive: a release word in the middle names an event, not a release.
func ConnectDeleteEvent(object unsafe.Pointer, signal string) {
	csig := C.CString(signal) // want CGL005 "`csig` holds C memory from C.CString that is never freed"
	C.connect_data(object, csig, unsafe.Pointer((*[0]byte)(C.window_delete_event_cb)), nil, nil, 0)
}
