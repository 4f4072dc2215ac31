package broken

import "C"

func ok() int { return 1 }

func bad( { // want CGL000 "syntax error"
}

func alsoOk() int { return 2 }

// new(expr) is valid Go 1.26 on its own line; the broken call below it is still reported.
func newerThenBroken() *int64 {
	limit := new(int64(64))
	println(limit // want CGL000 "syntax error"
	return limit
}
