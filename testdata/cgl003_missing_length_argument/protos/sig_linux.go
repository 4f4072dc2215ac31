package protos

import "errors"

// One declaration per platform (sig_other.go), each checking the size.
func checkSig(sig []byte) error {
	if len(sig) != 32 {
		return errors.New("bad signature size")
	}
	return nil
}

// One per platform too, but this one only checks for emptiness.
func checkSigLax(sig []byte) error {
	if len(sig) == 0 {
		return errors.New("empty signature")
	}
	return nil
}
