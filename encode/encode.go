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
	// record is a *view.RecordError made for this call (callers fill in
	// its Index and Offset, from several goroutines at once, so it must
	// not be shared); dst is then returned unchanged. ErrSkip (dst
	// unchanged) writes nothing for the record, with no separator: a
	// filter's way to leave a record out.
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

// ErrSkip, returned by a Format's Append with dst unchanged, leaves the
// record out: the Encoder, package parallel and marcmap's Reader write
// nothing for it (no separator either) and count it neither as written
// nor as bad. Filters wrap a Format to return it.
var ErrSkip = errors.New("encode: record left out")

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
		if errors.Is(err, ErrSkip) {
			return e.err
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

// Flush writes the records buffered so far to the underlying writer,
// without the footer: what a reader that stopped at a fatal error had
// read is not lost.
func (e *Encoder) Flush() error {
	if e.err != nil {
		return e.err
	}
	if err := e.w.Flush(); err != nil {
		e.err = err
	}
	return e.err
}

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

// Document writes one document in format f from several inputs whose
// records are encoded separately (by an Encoder, parallel.Encode or
// marcmap's Reader.Encode): the header once, the separator between the
// last record of one input and the first of the next, and the footer at
// Close. Empty inputs leave no trace. Use one per goroutine.
type Document struct {
	w       io.Writer
	f       Format
	started bool // the header is written
	body    bool // a record is written
	closed  bool
}

// NewDocument returns a Document writing f to w.
func NewDocument(w io.Writer, f Format) *Document { return &Document{w: w, f: f} }

// Part returns where to encode the next input's records: a Format that
// writes no header and no footer, and a writer that puts the header (first
// of all) and the separator (after earlier records) before the input's
// first bytes. Use a Part for one input at a time.
func (d *Document) Part() (io.Writer, Format) { return &partWriter{d: d}, part{d.f} }

type part struct{ Format }

func (part) AppendHeader(dst []byte) []byte { return dst }
func (part) AppendFooter(dst []byte) []byte { return dst }

// partWriter writes one part; its first bytes are a record's.
type partWriter struct {
	d     *Document
	wrote bool
}

func (p *partWriter) Write(b []byte) (int, error) {
	d := p.d
	if len(b) == 0 {
		return 0, nil
	}
	if !p.wrote {
		p.wrote = true
		var pre []byte
		if !d.started {
			pre = d.f.AppendHeader(pre)
			d.started = true
		}
		if d.body {
			pre = append(pre, d.f.Separator()...)
		}
		if len(pre) > 0 {
			if _, err := d.w.Write(pre); err != nil {
				return 0, err
			}
		}
	}
	n, err := d.w.Write(b)
	if n > 0 {
		d.body = true
	}
	return n, err
}

// Close writes the header if nothing was written, and the footer. It does
// not close the underlying writer. It is idempotent.
func (d *Document) Close() error {
	if d.closed {
		return nil
	}
	d.closed = true
	var b []byte
	if !d.started {
		b = d.f.AppendHeader(b)
		d.started = true
	}
	b = d.f.AppendFooter(b)
	if len(b) == 0 {
		return nil
	}
	_, err := d.w.Write(b)
	return err
}
