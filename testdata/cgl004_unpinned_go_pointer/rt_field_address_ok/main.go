// A pointer to one field of a Go struct: cmd/cgo counts only the memory of
// that field, here a C pointer, not the struct's other fields. The sibling
// `conn` holds a Go pointer to a struct with a string, and the call is
// still legal (crawshaw/sqlite's Conn.prepare passing `&stmt.stmt`).
// Passing the whole struct is reported (see rt_struct_arg); a pointer to
// a field that holds the Go pointer is too (fields). A field of a field
// held by value (`&p.st.stmt`) is memory of its own as well, and so is a
// promoted field (`&t.stmt` of an embedded Stmt, msteinert/pam's `&t.handle`).
//
// runtime: ok
package main

/*
typedef struct sqlite3_stmt { int x; } sqlite3_stmt;
static sqlite3_stmt the_stmt;
static int prepare(const char *q, sqlite3_stmt **out) { *out = &the_stmt; return 0; }
*/
import "C"

import "fmt"

type Conn struct {
	file string
}

type Stmt struct {
	conn *Conn
	stmt *C.sqlite3_stmt
}

func (conn *Conn) prepare() *Stmt {
	stmt := &Stmt{conn: conn}
	C.prepare(nil, &stmt.stmt)
	return stmt
}

type Prepared struct {
	label string
	st    Stmt
}

func (conn *Conn) prepareNested() *Prepared {
	p := &Prepared{label: "q", st: Stmt{conn: conn}}
	C.prepare(nil, &p.st.stmt)
	return p
}

type Tx struct {
	Stmt
	label string
}

func (conn *Conn) begin() *Tx {
	t := &Tx{Stmt: Stmt{conn: conn}, label: "tx"}
	C.prepare(nil, &t.stmt)
	return t
}

func main() {
	c := &Conn{file: "x"}
	s := c.prepare()
	p := c.prepareNested()
	t := c.begin()
	fmt.Println("ok", s.stmt != nil, p.st.stmt != nil, t.stmt != nil)
}
