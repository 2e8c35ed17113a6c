package iso2709

import (
	"bufio"
	"io"

	"github.com/marcmap/marcmap/view"
)

// Append appends r in ISO 2709 form to dst. A well-formed record is copied
// as it is; a record read with repairs (r.Repairs() != 0) is rebuilt so that
// its leader and directory are right — with Builder.Overlong when it is
// over 99,999 bytes already, so such a record (a HathiTrust dump's) is
// written in the zero-filled convention rather than refused. Append
// allocates only when rebuilding.
func Append(dst []byte, r view.Record) ([]byte, error) {
	if r.Repairs() == 0 {
		return append(dst, r.Bytes()...), nil
	}
	var b Builder
	b.ResetFrom(r)
	b.Overlong = r.Len() > maxRecordLen
	return b.Append(dst)
}

// Writer writes records to an io.Writer through a buffer. Call Flush when
// done.
type Writer struct {
	w   *bufio.Writer
	b   Builder
	buf []byte
}

// NewWriter returns a Writer on w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriterSize(w, 256<<10)} }

// Write writes one record like Append.
func (w *Writer) Write(r view.Record) error {
	if r.Repairs() == 0 {
		_, err := w.w.Write(r.Bytes())
		return err
	}
	w.b.ResetFrom(r)
	w.b.Overlong = r.Len() > maxRecordLen
	return w.WriteBuilder(&w.b)
}

// WriteBuilder writes the record a Builder holds.
func (w *Writer) WriteBuilder(b *Builder) error {
	var err error
	w.buf, err = b.Append(w.buf[:0])
	if err != nil {
		return err
	}
	_, err = w.w.Write(w.buf)
	return err
}

// Flush writes buffered data to the underlying writer.
func (w *Writer) Flush() error { return w.w.Flush() }

// View parses a record a Builder wrote: strictly, or leniently when it is
// over 99,999 bytes (written with Builder.Overlong, so its length and
// positions are zero-filled).
func View(b []byte) (view.Record, error) {
	if len(b) > maxRecordLen {
		return view.ParseLenient(b)
	}
	return view.Parse(b)
}
