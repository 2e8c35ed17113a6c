package marcmap

import (
	"iter"

	"github.com/marcmap/marcmap/mmapio"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// Aliases so the common case needs one import.
type (
	Record      = view.Record
	Field       = view.Field
	Leader      = view.Leader
	Tag         = view.Tag
	RecordError = view.RecordError
)

// File is an open MARC file.
type File struct {
	m *mmapio.Mapping
}

// Open maps the named file (or reads it when it cannot be mapped).
func Open(path string) (*File, error) {
	m, err := mmapio.Open(path)
	if err != nil {
		return nil, err
	}
	return &File{m: m}, nil
}

// Records iterates over the file's records in lenient mode: each bad record
// is yielded as (zero Record, *RecordError) and the scan goes on.
func (f *File) Records() iter.Seq2[Record, error] {
	return scan.New(f.m.Bytes(), scan.Options{}).Records()
}

// Scanner returns a new scanner over the file with the given options.
func (f *File) Scanner(opts scan.Options) *scan.Scanner {
	return scan.New(f.m.Bytes(), opts)
}

// Bytes returns the file's contents; valid until Close.
func (f *File) Bytes() []byte { return f.m.Bytes() }

// Mapped reports whether the file is memory-mapped.
func (f *File) Mapped() bool { return f.m.Mapped() }

// Close releases the file. Records from it must not be used afterwards. It
// is idempotent.
func (f *File) Close() error { return f.m.Close() }
