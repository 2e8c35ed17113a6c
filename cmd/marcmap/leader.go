package main

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

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
	end := n + len(chars) - 1
	switch {
	case !ok || err != nil || chars == "" || pos == "" || pos[0] < '0' || pos[0] > '9':
		return leaderPatch{}, errors.New("want POS=CHARS, like 9=a or 17=7")
	case !(n >= 5 && end <= 9 || n >= 17 && end <= 19):
		return leaderPatch{}, errors.New("positions 5-9 and 17-19 only: 0-4 and 12-16 are computed, and 10-11 and 20-23 are fixed by MARC 21 (\"22\", \"4500\")")
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
	if b[9] == 'a' && !l.IsUnicode() && !utf8.Valid(b[view.LeaderLen:]) {
		// Relabelling MARC-8 as UTF-8 would make every writer replace its
		// diacritics: the record is reported instead.
		return dst, &view.RecordError{Offset: -1, Index: -1, Pos: 9,
			Err: view.Detail(view.ErrCharset, "-set-leader 9=a on a record whose data is not UTF-8 (MARC-8? -to-utf8 converts it)")}
	}
	pr, err := view.ParseLenient(b)
	if err != nil {
		return dst, err
	}
	return lp.Format.Append(dst, pr)
}
