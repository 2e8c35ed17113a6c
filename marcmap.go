package marcmap

import (
	"context"
	"io"
	"iter"
	"runtime/debug"

	"github.com/marcmap/marcmap/mmapio"
	"github.com/marcmap/marcmap/parallel"
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
// is yielded as (zero Record, *RecordError) and the scan goes on. If the
// file is truncated while mapped, the scan ends with an error wrapping
// mmapio.ErrFault instead of the process dying of SIGBUS; a fault while the
// loop body reads a record becomes a runtime panic in the body (see
// mmapio.Guard to protect your own goroutines).
func (f *File) Records() iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		s := scan.New(f.m.Bytes(), scan.Options{})
		old := debug.SetPanicOnFault(true)
		defer debug.SetPanicOnFault(old)
		for {
			ok, err := guardedScan(s)
			if err != nil {
				yield(Record{}, err)
				return
			}
			if !ok {
				break
			}
			if !yield(s.Record(), s.Err()) {
				return
			}
		}
		if err := s.Err(); err != nil {
			yield(Record{}, err)
		}
	}
}

// guardedScan calls s.Scan, turning a memory fault into an error.
func guardedScan(s *scan.Scanner) (ok bool, err error) {
	defer func() {
		if v := recover(); v != nil {
			fe, isFault := mmapio.IsFault(v)
			if !isFault {
				panic(v)
			}
			err = fe
		}
	}()
	return s.Scan(), nil
}

// Scanner returns a new scanner over the file with the given options.
func (f *File) Scanner(opts scan.Options) *scan.Scanner {
	return scan.New(f.m.Bytes(), opts)
}

// ForEach calls fn for every record on all cores, in any order, with the
// record's index in the file; see parallel.ForEach.
func (f *File) ForEach(ctx context.Context, opts parallel.Options, fn func(index int, r Record) error) error {
	return parallel.ForEach(ctx, f.m.Bytes(), opts, fn)
}

// Encode encodes every record with appendFn (marcxml.Append,
// marcjson.Append, ...) on all cores and writes the output to w in file
// order; see parallel.Encode.
func (f *File) Encode(ctx context.Context, w io.Writer, opts parallel.Options, appendFn parallel.AppendFunc) error {
	return parallel.Encode(ctx, w, f.m.Bytes(), opts, appendFn)
}

// Bytes returns the file's contents; valid until Close.
func (f *File) Bytes() []byte { return f.m.Bytes() }

// Mapped reports whether the file is memory-mapped.
func (f *File) Mapped() bool { return f.m.Mapped() }

// Close releases the file. Records from it must not be used afterwards. It
// is idempotent.
func (f *File) Close() error { return f.m.Close() }
