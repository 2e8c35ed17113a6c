package encode

import (
	"bufio"
	"errors"
	"io"

	"github.com/marcmap/marcmap/view"
)

// Format is what an output format gives a writer of records. The Options
// type of each format package implements it.
type Format interface {
	// Append appends one record's encoding to dst. An error about the
	// record is a *view.RecordError; dst is then returned unchanged.
	Append(dst []byte, r view.Record) ([]byte, error)
	// AppendHeader appends what comes before the first record.
	AppendHeader(dst []byte) []byte
	// AppendFooter appends what comes after the last record.
	AppendFooter(dst []byte) []byte
	// Separator returns what goes between two records ("" for most
	// formats).
	Separator() string
}

// Encoder writes records in one format to an io.Writer through a buffer:
// the header before the first record (or at Close, so that no records
// still make a valid document), the separator between records, and the
// footer at Close. Use one per goroutine.
type Encoder struct {
	w       *bufio.Writer
	f       Format
	buf     []byte
	n       int
	started bool
	closed  bool
	err     error // sticky write error
}

// NewEncoder returns an Encoder writing f to w.
func NewEncoder(w io.Writer, f Format) *Encoder {
	return &Encoder{w: bufio.NewWriterSize(w, 256<<10), f: f}
}

// ErrClosed is returned by Encode after Close.
var ErrClosed = errors.New("encode: encoder closed")

// Encode writes one record. An error about the record (a
// *view.RecordError, such as MARC-8 that cannot be converted in strict
// mode) writes nothing and leaves the Encoder usable; a write error is
// sticky.
func (e *Encoder) Encode(r view.Record) error {
	if e.err != nil {
		return e.err
	}
	if e.closed {
		return ErrClosed
	}
	e.buf = e.buf[:0]
	if !e.started {
		e.started = true
		e.buf = e.f.AppendHeader(e.buf)
	}
	mark := len(e.buf)
	if e.n > 0 {
		e.buf = append(e.buf, e.f.Separator()...)
	}
	out, err := e.f.Append(e.buf, r)
	if err != nil {
		e.buf = e.buf[:mark]
		if mark > 0 {
			e.write(e.buf)
		}
		return err
	}
	e.buf = out
	e.n++
	return e.write(e.buf)
}

func (e *Encoder) write(p []byte) error {
	if _, err := e.w.Write(p); err != nil {
		e.err = err
	}
	return e.err
}

// Count returns the number of records written.
func (e *Encoder) Count() int { return e.n }

// Close writes the footer (and the header, if no record came) and flushes
// the buffer. It does not close the underlying writer. It is idempotent.
func (e *Encoder) Close() error {
	if e.closed || e.err != nil {
		return e.err
	}
	e.closed = true
	e.buf = e.buf[:0]
	if !e.started {
		e.started = true
		e.buf = e.f.AppendHeader(e.buf)
	}
	e.buf = e.f.AppendFooter(e.buf)
	if e.write(e.buf) != nil {
		return e.err
	}
	if err := e.w.Flush(); err != nil {
		e.err = err
	}
	return e.err
}
