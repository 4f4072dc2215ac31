package keeps

/*
#include <stdlib.h>
#include <string.h>
// sqlite3_prepare_v2's pzTail: a pointer into the SQL, written to the caller's out-parameter.
static int prepare_sql(const char *sql, int n, const char **tail) {
	const char *semi = memchr(sql, ';', n);
	*tail = semi ? semi + 1 : sql + n;
	return 0;
}
// zmq_msg_init_data: the data goes into a message struct, which goes to C again.
typedef struct { void *data; size_t size; } message;
static int message_init(message *m, void *data, size_t size) { m->data = data; m->size = size; return 0; }
*/
import "C"

import "unsafe"

// A pointer C stores only through an out-parameter lands where the caller
// points it: in a Go variable the garbage collector sees it, in C memory
// C keeps it.

func restOfSQL(q string) uintptr {
	if q == "" {
		return 0
	}
	var tail *C.char
	base := unsafe.StringData(q)
	C.prepare_sql((*C.char)(unsafe.Pointer(base)), C.int(len(q)), &tail)
	return uintptr(unsafe.Pointer(tail)) - uintptr(unsafe.Pointer(base))
}

func restIntoCMemory(q []byte) {
	if len(q) == 0 {
		return
	}
	tail := (**C.char)(C.malloc(C.size_t(unsafe.Sizeof(uintptr(0)))))
	defer C.free(unsafe.Pointer(tail))
	C.prepare_sql((*C.char)(unsafe.Pointer(&q[0])), C.int(len(q)), tail) // want CGL004 "`C.prepare_sql` keeps its `sql` argument"
}

func messageOfGoBytes(b []byte) C.message {
	var m C.message
	if len(b) == 0 {
		return m
	}
	C.message_init(&m, unsafe.Pointer(&b[0]), C.size_t(len(b))) // want CGL004 "`C.message_init` keeps its `data` argument"
	return m
}
