// Package window is the bounded input buffer the text-format readers
// (MARC-in-JSON, MARCXML) parse in place: it holds the unread input from
// the current item on, grows to hold one item of up to a set size, and
// counts lines for positions in errors.
package window

import (
	"bytes"
	"io"
)

// ReadSize is the smallest read.
const ReadSize = 64 << 10

// W is the buffer. In[Pos:] is the unread input, which starts at input
// offset Base+Pos. A parser reads from In[Pos:], and when it runs past the
// end calls More and starts the item again.
type W struct {
	In     []byte
	Pos    int
	Base   int64
	EOF    bool  // the source has no more
	Err    error // the source's error other than io.EOF
	TooBig bool  // an item did not fit in Max bytes
	Max    int

	src   io.Reader
	lpos  int // In[:lpos] is counted in lines
	lines int // newlines before In[lpos]
}

// New returns a window on src that holds items of up to max bytes.
func New(src io.Reader, max int) *W { return &W{src: src, Max: max} }

// Bytes returns a window on the whole input in memory (a mapped file): In
// is data itself, nothing is copied, and an item may be of any length.
// Slices of In stay valid as long as data does.
func Bytes(data []byte) *W {
	return &W{In: data, EOF: true, src: bytes.NewReader(nil), Max: max(len(data), 1)}
}

// Fill reads more input, keeping In[Pos:] (moved to the front), until at
// least want bytes are unread or no more can come. It returns false when
// it added nothing: the end of input, a read error, or unread input of Max
// bytes already.
func (w *W) Fill(want int) bool {
	if w.EOF {
		return false
	}
	if w.Pos > 0 {
		w.Line(w.Pos)
		n := copy(w.In, w.In[w.Pos:])
		w.In = w.In[:n]
		w.Base += int64(w.Pos)
		w.lpos -= w.Pos
		w.Pos = 0
	}
	want = min(max(want, len(w.In)+1), w.Max+1)
	if len(w.In) >= want {
		w.TooBig = true
		return false
	}
	if c := max(want, ReadSize); cap(w.In) < c {
		in := make([]byte, len(w.In), min(max(c, 2*cap(w.In)), w.Max+ReadSize))
		copy(in, w.In)
		w.In = in
	}
	added := false
	for zero := 0; len(w.In) < want && zero < 100; {
		n, err := w.src.Read(w.In[len(w.In):cap(w.In)])
		w.In = w.In[:len(w.In)+n]
		if n > 0 {
			added, zero = true, 0
		} else {
			zero++
		}
		if err != nil {
			w.EOF = true
			if err != io.EOF {
				w.Err = err
			}
			return added
		}
	}
	if !added {
		w.EOF, w.Err = true, io.ErrNoProgress
	}
	return added
}

// More reads more input for an item that ran past the end of In: twice
// what is unread, so that restarts from the start of an item stay few
// however small the source's reads.
func (w *W) More() bool { return w.Fill(2 * (len(w.In) - w.Pos)) }

// Offset returns the input offset of In[p].
func (w *W) Offset(p int) int64 { return w.Base + int64(p) }

// Line returns the line (from 1) of In[p], p >= Pos.
func (w *W) Line(p int) int {
	if p >= w.lpos {
		w.lines += bytes.Count(w.In[w.lpos:p], nl)
	} else {
		w.lines -= bytes.Count(w.In[p:w.lpos], nl)
	}
	w.lpos = p
	return w.lines + 1
}

var nl = []byte{'\n'}

// Src returns the source, for a reader that hands the rest of the input
// (In[Pos:], then Src) to another parser.
func (w *W) Src() io.Reader { return w.src }
