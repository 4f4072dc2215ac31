//go:build !linux

package protos

import "errors"

func checkSig(sig []byte) error {
	if len(sig) != 32 {
		return errors.New("bad signature size")
	}
	return nil
}

func checkSigLax(sig []byte) error {
	if len(sig) != 32 {
		return errors.New("bad signature size")
	}
	return nil
}
