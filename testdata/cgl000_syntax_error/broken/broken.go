package broken

import "C"

func ok() int { return 1 }

func bad( { // want CGL000 "syntax error"
}

func alsoOk() int { return 2 }
