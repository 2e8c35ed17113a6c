//go:build !unix

package marcmap_test

import "errors"

func mkfifo(string) error { return errors.New("not supported") }
