package empty

// #include "empty.h"
import "C"

// `switch v := x.(type)` declares a v of its own in each case: a check or
// an assignment in one case says nothing of another's (database/sql
// drivers bind their arguments this way).

var placeholder = []byte{0}

func BindArgs(args []any) (sum int) {
	for _, arg := range args {
		switch v := arg.(type) {
		case string:
			if len(v) == 0 {
				continue
			}
			b := []byte(v)
			sum += int(C.checksum((*C.uchar)(&b[0]), C.size_t(len(b))))
		case []byte:
			n := len(v)
			if n == 0 {
				v = placeholder
			}
			sum += int(C.checksum((*C.uchar)(&v[0]), C.size_t(n)))
		}
	}
	return sum
}

func BindUnchecked(arg any) int {
	switch v := arg.(type) {
	case string:
		if len(v) == 0 {
			return 0
		}
	case []byte:
		return int(C.checksum((*C.uchar)(&v[0]), C.size_t(len(v)))) // want CGL002 "when v is empty"
	}
	return -1
}

func BindNilChecked(arg any) int {
	switch v := arg.(type) {
	case []byte:
		if v == nil {
			return 0
		}
		return int(C.checksum((*C.uchar)(&v[0]), C.size_t(len(v)))) // want CGL002 "when v is empty"
	}
	return -1
}
