package main

import (
	"errors"
	"strconv"
	"strings"
	"sync"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/view"
)

// leaderPatch is one -set-leader POS=CHARS.
type leaderPatch struct {
	pos   int
	chars string
}

func parseLeaderPatch(v string) (leaderPatch, error) {
	pos, chars, ok := strings.Cut(v, "=")
	n, err := strconv.Atoi(pos)
	switch {
	case !ok || err != nil || chars == "":
		return leaderPatch{}, errors.New("want POS=CHARS, like 9=a or 17=7")
	case n < 5 || n+len(chars) > view.LeaderLen || n < 17 && n+len(chars) > 12:
		return leaderPatch{}, errors.New("positions 5-11 and 17-23 only: 0-4 (length) and 12-16 (base address) are computed")
	}
	for i := 0; i < len(chars); i++ {
		if chars[i] < 0x20 || chars[i] >= 0x7F {
			return leaderPatch{}, errors.New("leader characters must be printable ASCII")
		}
	}
	return leaderPatch{n, chars}, nil
}

// leaderPatched writes records with leader positions replaced.
type leaderPatched struct {
	encode.Format
	patches []leaderPatch
}

var patchBufs = sync.Pool{New: func() any { return new([]byte) }}

func (lp leaderPatched) Append(dst []byte, r view.Record) ([]byte, error) {
	bp := patchBufs.Get().(*[]byte)
	defer patchBufs.Put(bp)
	b := append((*bp)[:0], r.Bytes()...)
	*bp = b
	if len(b) < view.LeaderLen {
		return lp.Format.Append(dst, r)
	}
	l := r.Leader() // as read: a repaired leader normalised
	copy(b, l[:])
	for _, p := range lp.patches {
		copy(b[p.pos:], p.chars)
	}
	pr, err := view.ParseLenient(b)
	if err != nil {
		return dst, err
	}
	return lp.Format.Append(dst, pr)
}
