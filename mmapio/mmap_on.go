//go:build !nommap && (linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package mmapio

import (
	"errors"
	"os"

	mmap "github.com/edsrzf/mmap-go"
)

var errNoMmap = errors.New("mmap not available")

func mapFile(f *os.File, size int) (*Mapping, error) {
	mm, err := mmap.MapRegion(f, size, mmap.RDONLY, 0, 0)
	if err != nil {
		return nil, err
	}
	b := []byte(mm)
	return &Mapping{data: b[:len(b):len(b)], unmap: mm.Unmap}, nil
}
