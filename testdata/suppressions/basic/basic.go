package basic

import "C"

func f( { //cgolint:ignore CGL000 a broken line kept on purpose
}

func g() {
	_ = 1 //cgolint:ignore CGL000 nothing here // want CGL100 "unused suppression"
}

//cgolint:ignore CGL000 // want CGL100 "unused"
func h() {}

func i( { /* want CGL101 "gives no reason" */ //nolint:cgolint
}

func j( { //nolint:errcheck // want CGL000
}
