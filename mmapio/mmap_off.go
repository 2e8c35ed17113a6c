//go:build nommap || !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package mmapio

import (
	"errors"
	"os"
)

var errNoMmap = errors.New("mmap not available")

func mapFile(*os.File, int) (*Mapping, error) { return nil, errNoMmap }
