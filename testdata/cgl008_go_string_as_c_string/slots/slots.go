// Go string bytes passed as a `const char *` next to an integer that is not
// their length (an option, a column index), and struct fields of type
// string; look-alikes where a length is passed or the field holds a NUL.
package slots

/*
#include <stddef.h>

int setopt_str(int opt, const char *val);
int bind_text_z(int i, const char *z);
void log_msg(const char *m);
void set_key(const char *k);
void set_label(const char *l);

int bind_text(int i, const char *z, int n);
int put_any(int, const char *s);
int count_spaces(const char *begin, const char *end);
int compare(const char *a, const char *b);

int has_prefix(const char *s, const char *prefix, size_t prefixlen);
int set_pair(const char *key, size_t key_len, const char *value, size_t value_len);
int strncmp_like(const char *s1, const char *s2, size_t n);
*/
import "C"

import "unsafe"

type Easy struct{ ua string }

func (e *Easy) SetUA(ua string) int {
	e.ua = ua
	if rc := C.setopt_str(1, (*C.char)(unsafe.Pointer(unsafe.StringData(e.ua)))); rc != 0 { // want CGL008 "the Go string e.ua to C.setopt_str"
		return int(rc)
	}
	return 0
}

func (e *Easy) Log() {
	C.log_msg((*C.char)(unsafe.Pointer(unsafe.StringData(e.ua)))) // want CGL008 "the Go string e.ua to C.log_msg"
}

func Option(ua string) int {
	return int(C.setopt_str(1, (*C.char)(unsafe.Pointer(unsafe.StringData(ua))))) // want CGL008 "the Go string ua to C.setopt_str"
}

func BindColumn(i int, v string) {
	if v == "" {
		return
	}
	C.bind_text_z(C.int(i), (*C.char)(unsafe.Pointer(&[]byte(v)[0]))) // want CGL008 "a copy of the bytes of v with no terminating 0 to C.bind_text_z"
}

// --- look-alikes --------------------------------------------------------------

type keyed struct{ key, label string }

func newKeyed(k string) *keyed {
	return &keyed{key: k + "\x00", label: makeLabel(k)}
}

func makeLabel(k string) string { return k + "\x00" }

func (k *keyed) Use() {
	C.set_key((*C.char)(unsafe.Pointer(unsafe.StringData(k.key))))     // every store into `key` ends in a NUL
	C.set_label((*C.char)(unsafe.Pointer(unsafe.StringData(k.label)))) // a store this rule cannot follow
}

func BindCounted(i int, v string) {
	C.bind_text(C.int(i), (*C.char)(unsafe.Pointer(unsafe.StringData(v))), C.int(len(v))) // the length is passed
}

func PutAny(x int, s string) {
	C.put_any(C.int(x), (*C.char)(unsafe.Pointer(unsafe.StringData(s)))) // an unnamed, neutral slot: trusted
}

func CountSpaces(s string) int {
	begin := (*C.char)(unsafe.Pointer(unsafe.StringData(s)))
	end := (*C.char)(unsafe.Add(unsafe.Pointer(begin), len(s)))
	return int(C.count_spaces(begin, end)) // a begin/end pair: the end pointer bounds the bytes
}

// Two string parameters, neither named like an end: both read as C strings.
func Compare(a string) int {
	return int(C.compare((*C.char)(unsafe.Pointer(unsafe.StringData(a))), nil)) // want CGL008 "the Go string a to C.compare"
}

// Look-alikes: each string has its own length, or one length bounds both.
func SetPair(k, v string) int {
	return int(C.set_pair((*C.char)(unsafe.Pointer(unsafe.StringData(k))), C.size_t(len(k)),
		(*C.char)(unsafe.Pointer(unsafe.StringData(v))), C.size_t(len(v))))
}

func HasPrefix(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	return C.strncmp_like((*C.char)(unsafe.Pointer(unsafe.StringData(s))),
		(*C.char)(unsafe.Pointer(unsafe.StringData(prefix))), C.size_t(len(prefix))) == 0
}

// A prototype only: a length beside the second string may bound the first
// too (strncmp's contract), whatever its name.
func HasPrefixNamed(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	return C.has_prefix((*C.char)(unsafe.Pointer(unsafe.StringData(s))),
		(*C.char)(unsafe.Pointer(unsafe.StringData(prefix))), C.size_t(len(prefix))) == 1
}
