package marcbeam

import (
	"errors"
	"fmt"
	"io"

	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// Item is one item of a range: a good record (Err empty) or a bad one.
type Item struct {
	Offset int64  // byte offset in the file
	Raw    []byte // the item's bytes (a good record's ISO 2709 record)
	Err    string // why the item is a bad record, with its offset
}

// window holds the bytes of a file from base on, read as needed.
type window struct {
	r    io.Reader
	base int64
	data []byte
	eof  bool
}

// more reads at least n more bytes, or to the end of the file.
func (w *window) more(n int) error {
	if w.eof {
		return nil
	}
	want := len(w.data) + n
	if cap(w.data) < want {
		d := make([]byte, len(w.data), want+want/2)
		copy(d, w.data)
		w.data = d
	}
	for len(w.data) < want && !w.eof {
		k, err := w.r.Read(w.data[len(w.data):cap(w.data)])
		w.data = w.data[:len(w.data)+k]
		if errors.Is(err, io.EOF) {
			w.eof = true
		} else if err != nil {
			return err
		}
	}
	return nil
}

// MaxPiece bounds the bytes a reader looks through for the next record
// boundary (or a text unit's end): a file with no plausible boundary
// within it (a compressed or other non-MARC file matched by the glob, a
// MARCXML record element never closed) fails with an error instead of
// being held in memory whole. Records are at most 99,999 bytes.
const MaxPiece = 64 << 20

// errNoBoundary is the error for such a file.
func errNoBoundary(off int64) error {
	return fmt.Errorf("no record boundary within %d MB after offset %d: not an ISO 2709, MARCXML or MARC-in-JSON file?", MaxPiece>>20, off)
}

// boundary returns scan.Boundary of the file at absolute offset at
// (at >= w.base+1, or 0), reading until the window holds what decides
// it: the bytes after the terminator found, up to a leader's length or
// the end of the file.
func (w *window) boundary(at int64) (int64, error) {
	if at <= 0 {
		return 0, nil
	}
	for {
		rel := int(at - w.base)
		if rel > len(w.data) && !w.eof {
			if err := w.more(rel - len(w.data) + 64<<10); err != nil {
				return 0, err
			}
			continue
		}
		b := scan.Boundary(w.data, min(rel, len(w.data)))
		if w.eof || scan.BoundaryDecided(w.data, b) {
			return w.base + int64(b), nil
		}
		if len(w.data)-rel > MaxPiece {
			return 0, errNoBoundary(at)
		}
		if err := w.more(64 << 10); err != nil {
			return 0, err
		}
	}
}

// drop forgets the window's bytes before offset keep-1, so that it holds
// about one record: what is left is copied down (a little, since the
// window is read 64 KB at a time).
func (w *window) drop(keep int64) {
	if n := int(keep - 1 - w.base); n > 1<<20 {
		w.data = w.data[:copy(w.data, w.data[n:])]
		w.base += int64(n)
	}
}

// readRange reads the items of a file (r positioned at offset start-1, or
// 0 for start 0) that start in the pieces from scan.Boundary(start) to the
// first boundary at or after end: the rule scan.Chunks cuts by, so that
// the ranges of a file together give each item of a sequential scan
// exactly once. Before each piece it calls claim with the piece's offset
// and stops when claim returns false (a runner may end the range early:
// the next range then starts at that very boundary). The window holds
// about a piece at a time.
func readRange(r io.Reader, start, end int64, opts scan.Options, claim func(off int64) bool, emit func(Item)) error {
	w := &window{r: r, base: max(start-1, 0)}
	cur, err := w.boundary(start)
	if err != nil {
		return err
	}
	for cur < end {
		if int(cur-w.base) >= len(w.data) {
			if err := w.more(64 << 10); err != nil {
				return err
			}
			if int(cur-w.base) >= len(w.data) {
				return nil // the end of the file
			}
		}
		next, err := w.boundary(cur + 1)
		if err != nil {
			return err
		}
		if !claim(cur) {
			return nil
		}
		lo, hi := int(cur-w.base), int(next-w.base)
		c := scan.Chunk{Data: w.data[lo:hi:hi], Offset: cur, Index: -1}
		s := scan.NewChunk(c, opts)
		for s.Scan() {
			emitItem(s, emit)
		}
		if err := s.Err(); err != nil {
			emitItem(s, emit)
		}
		cur = next
		w.drop(cur)
	}
	return nil
}

func emitItem(s *scan.Scanner, emit func(Item)) {
	it := Item{Offset: s.Offset(), Raw: append([]byte(nil), s.Raw()...)}
	if err := s.Err(); err != nil {
		it.Err = err.Error()
	} else if r := s.Record(); r.Len() > 0 {
		it.Raw = append(it.Raw[:0], r.Bytes()...)
	}
	emit(it)
}

// parse reads an item's bytes back as a record, with the repairs the
// scanner made.
func parse(raw []byte) (view.Record, error) {
	r, err := view.Parse(raw)
	if err != nil {
		r, err = view.ParseLenient(raw)
	}
	return r, err
}
