package cfield

/*
typedef struct handle handle;
int open_handle(handle **out);
void set_user(void **slot);
*/
import "C"

import "unsafe"

type conn struct {
	name string
}

type stmt struct {
	conn   *conn
	handle *C.handle
	user   unsafe.Pointer
}

// Negative: a pointer to a field covers only that field's memory (cmd/cgo),
// here a C pointer; the Go pointer is in the sibling field (crawshaw/sqlite's
// Conn.prepare, runtime-confirmed in rt_field_address_ok).
func OpenStmt(c *conn) *stmt {
	s := &stmt{conn: c}
	C.open_handle(&s.handle)
	return s
}

func OpenStmtAssigned(c *conn) *stmt {
	s := &stmt{}
	s.conn = c
	C.open_handle(&s.handle)
	return s
}

// Positive: the field passed is the one set to a Go pointer.
func SetUser(c *conn) *stmt {
	s := &stmt{}
	s.user = unsafe.Pointer(c)
	C.set_user(&s.user) // want CGL004 "`C.set_user` receives `s.user` \(unsafe.Pointer\), Go memory whose `s.user` was set to the Go pointer"
	return s
}

func SetUserLiteral(c *conn) *stmt {
	s := &stmt{user: unsafe.Pointer(c)}
	C.set_user(&s.user) // want CGL004 "`C.set_user` receives `s.user` \(unsafe.Pointer\), Go memory whose `user` was set to the Go pointer"
	return s
}
