package marcmap

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"iter"
	"os"
	"runtime"
	"sync/atomic"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/encode/mrk"
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
	Kind        = view.Kind
)

// The kinds of record (Leader.Kind, from leader/06), for one import.
const (
	Bibliographic  = view.Bibliographic
	Authority      = view.Authority
	Holdings       = view.Holdings
	Classification = view.Classification
	Community      = view.Community
)

// Options configure a Reader. The zero value detects the format, reads
// leniently and yields UTF-8.
type Options struct {
	// Format is the input format; FormatAuto (the zero value) detects it
	// from the content, with the file name as a hint (see DetectFormat).
	Format Format
	// Strict stops at the first bad record (it becomes the error that ends
	// the iteration) instead of reporting it and going on. It also checks
	// every record's character data (iso2709.CheckCharset: invalid UTF-8,
	// MARC-8 that cannot be decoded, UTF-8 declared MARC-8) and stops at
	// the first fault, at the cost of decoding MARC-8 records (see
	// NoCharsetCheck). A leader that MARC 21 readers normalise
	// (view.RepairLeader) is not a fault.
	Strict bool
	// NoCharsetCheck skips the strict mode's check of character data.
	NoCharsetCheck bool
	// Raw yields records as stored: MARC-8 records (leader/09 blank) keep
	// their MARC-8 bytes. By default they are converted to UTF-8, with
	// leader/09 'a', as pymarc does.
	Raw bool
	// Keep makes every record an independent copy (Record.Clone), valid
	// after the next record and after Close, at the cost of one allocation
	// per record. By default records are views valid until Close (mapped
	// ISO 2709 in UTF-8) or until the next record (anything converted or
	// read from a stream).
	Keep bool
	// MaxRecordLen bounds a record's length in ISO 2709 input (0: the
	// scanner's default, 4 MiB).
	MaxRecordLen int
	// Offset skips the first Offset items of the input (records good or
	// bad, counted as Index counts them), and Limit, when above 0, stops
	// after Limit items: yaz-marcdump's -O and -L. Skipped items are not
	// reported (in strict mode a bad record among them still stops the
	// reading, as it stops every reading); reading stops at the limit
	// without reading further. With either set, ForEach, Encode and
	// EncodeItems read on one goroutine. Negative values mean 0.
	Offset, Limit int
}

// source is what every format's reader offers.
type source interface {
	Scan() bool
	Record() view.Record
	Err() error
	Index() int
}

// Reader reads records of any format marcmap knows: ISO 2709 (a file is
// memory-mapped and its records are zero-copy views), MARCXML,
// MARC-in-JSON and MRK. Every format yields the same view.Record and the
// same *view.RecordError. Use one Reader per goroutine; ForEach and Encode
// use every core themselves.
type Reader struct {
	opts   Options
	format Format
	name   string
	src    source
	scan   *scan.Scanner // ISO 2709 input, else nil
	m      *mmapio.Mapping
	closer io.Closer
	count  *countingReader // stream input, else nil
	in     io.Reader       // the buffered stream, else nil
	mapped *mmapio.Mapping // a mapped file in another format
	// inPlace: the mapped file is MARCXML or MARC-in-JSON, read in place
	// (no copy); consumed is how far, for Pos.
	inPlace  bool
	consumed atomic.Int64

	started bool // Scan was called: ForEach and Encode cannot start over

	rec  view.Record
	err  error
	conv []byte // the current record converted to UTF-8
	seen int    // items passed on within the Offset/Limit window
}

// Open opens the named file. A regular file is memory-mapped (read into
// memory where it cannot be): ISO 2709 records are then zero-copy views,
// MARCXML and MARC-in-JSON are parsed in place (no copy, and no bound on
// a record's length), and MRK is streamed from the mapping. Anything else
// (a named pipe, a device) is read as a stream, as NewReader does.
func Open(path string, opts Options) (*Reader, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, &os.PathError{Op: "open", Path: path, Err: errors.New("is a directory")}
	}
	if !st.Mode().IsRegular() {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		r, err := newReader(f, path, opts)
		if err != nil {
			f.Close()
			return nil, err
		}
		r.closer = f
		return r, nil
	}
	m, err := mmapio.Open(path)
	if err != nil {
		return nil, err
	}
	data := m.Bytes()
	format := opts.Format
	if format == FormatAuto {
		format = DetectFormat(path, data[:min(len(data), 512)])
	}
	if format == ISO2709 {
		r := &Reader{opts: opts, format: format, name: path, m: m}
		r.scan = scan.New(data, opts.scanOptions())
		r.src = r.scan
		return r, nil
	}
	o := opts
	o.Format = format
	switch format {
	case MARCXML:
		r := &Reader{opts: o, format: format, name: path, mapped: m, inPlace: true}
		r.src = marcxml.NewBytesReader(data, marcxml.Options{Strict: o.Strict})
		return r, nil
	case MARCJSON:
		r := &Reader{opts: o, format: format, name: path, mapped: m, inPlace: true}
		r.src = marcjson.NewBytesReader(data, marcjson.Options{Strict: o.Strict})
		return r, nil
	}
	r, err := newReader(bytes.NewReader(data), path, o)
	if err != nil {
		m.Close()
		return nil, err
	}
	r.mapped = m
	return r, nil
}

// NewReader returns a Reader on a stream (standard input, a pipe, a
// decompressor), detecting the format from its first bytes unless
// opts.Format is set. Records are valid until the next one (see
// Options.Keep). Close does not close r.
func NewReader(r io.Reader, opts Options) (*Reader, error) { return newReader(r, "", opts) }

func newReader(in io.Reader, name string, opts Options) (*Reader, error) {
	cr := &countingReader{r: in}
	br := bufio.NewReaderSize(cr, 64<<10)
	format := opts.Format
	if format == FormatAuto {
		head, err := br.Peek(512)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, err
		}
		format = DetectFormat(name, head)
	}
	r := &Reader{opts: opts, format: format, name: name, count: cr, in: br}
	switch format {
	case ISO2709:
		r.scan = scan.NewReader(br, opts.scanOptions())
		r.src = r.scan
	case MARCXML:
		r.src = marcxml.NewReader(br, marcxml.Options{Strict: opts.Strict})
	case MARCJSON:
		r.src = marcjson.NewReader(br, marcjson.Options{Strict: opts.Strict})
	case MRK:
		r.src = mrk.NewReader(br, mrk.Options{Strict: opts.Strict})
	default:
		return nil, errors.New("marcmap: unknown input format " + format.String())
	}
	return r, nil
}

func (o Options) scanOptions() scan.Options {
	return scan.Options{Strict: o.Strict, MaxRecordLen: o.MaxRecordLen}
}

type countingReader struct {
	r io.Reader
	n atomic.Int64 // read by Pos from the goroutines of a text input's Encode
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// Format returns the input format (detected, or as given).
func (r *Reader) Format() Format { return r.format }

// Scan advances to the next record or, in lenient mode, bad record
// (Err is then its *view.RecordError). It returns false at the end of the
// input or on a fatal error, which Err then returns. A mapped file
// truncated under the Reader ends it with an error wrapping
// mmapio.ErrFault.
func (r *Reader) Scan() bool {
	r.started = true
	r.rec, r.err = view.Record{}, nil
	if !r.next() {
		r.err = r.src.Err()
		return false
	}
	if r.err = r.src.Err(); r.err != nil {
		return true
	}
	r.rec = r.src.Record()
	if err := r.strictCharset(r.rec, r.Index(), r.Offset(), r.Line()); err != nil {
		r.rec, r.err = view.Record{}, err
		r.src = doneSource{err: err}
		return false
	}
	if l := r.rec.Leader(); !l.IsUnicode() && !r.opts.Raw {
		var err error
		r.conv, err = iso2709.Options{Strict: r.opts.Strict, Charset: iso2709.UTF8, Overlong: true}.Append(r.conv[:0], r.rec)
		if err == nil {
			r.rec, err = iso2709.View(r.conv)
		}
		if err != nil {
			r.rec = view.Record{}
			var re *view.RecordError
			if errors.As(err, &re) {
				re.Index, re.Offset = r.Index(), r.Offset()
			}
			r.err = err
			if r.opts.Strict {
				if re != nil {
					re.Stop = true
				}
				r.src = doneSource{err: err}
				return false
			}
			return true
		}
	}
	if r.opts.Keep {
		r.rec = r.rec.Clone()
	}
	return true
}

// next advances the format's reader to the next item inside the
// Offset/Limit window.
func (r *Reader) next() bool {
	if r.opts.Limit > 0 && r.seen >= r.opts.Limit {
		r.src = doneSource{} // the window is read: the end, not an error
		return false
	}
	for r.next1() {
		if r.src.Index() >= r.opts.Offset {
			r.seen++
			return true
		}
	}
	return false
}

// next1 advances the format's reader, turning a fault in a mapped file
// (truncated under us) into the error that ends the reading.
func (r *Reader) next1() bool {
	if r.m == nil && r.mapped == nil {
		return r.src.Scan()
	}
	var ok bool
	if ferr := mmapio.Guard(func() { ok = r.src.Scan() }); ferr != nil {
		r.src = doneSource{err: ferr}
		return false
	}
	if c, is := r.src.(interface{ Consumed() int64 }); is && r.inPlace {
		r.consumed.Store(c.Consumed())
	}
	return ok
}

// doneSource is what a Reader reads after a fatal error.
type doneSource struct{ err error }

func (d doneSource) Scan() bool          { return false }
func (d doneSource) Record() view.Record { return view.Record{} }
func (d doneSource) Err() error          { return d.err }
func (d doneSource) Index() int          { return -1 }

// Record returns the current record (the zero Record for a bad one). See
// Options.Raw and Options.Keep for its encoding and lifetime.
func (r *Reader) Record() Record { return r.rec }

// Err returns the current bad record's *view.RecordError while Scan
// returns true, and the error that stopped the Reader after it returns
// false (nil at the end of the input).
func (r *Reader) Err() error { return r.err }

// Index returns the index of the current item, counting good and bad
// records from 0.
func (r *Reader) Index() int { return r.src.Index() }

// Offset returns the byte offset of the current item in the input when
// the format knows it (ISO 2709, MARC-in-JSON), else -1.
func (r *Reader) Offset() int64 {
	switch s := r.src.(type) {
	case *scan.Scanner:
		return s.Offset()
	case *marcjson.Reader:
		return s.Offset()
	}
	return -1
}

// Line returns the line where the current item starts in text formats
// (MARCXML, MRK), else 0.
func (r *Reader) Line() int {
	switch s := r.src.(type) {
	case *marcxml.Reader:
		return s.Line()
	case *mrk.Reader:
		return s.Line()
	}
	return 0
}

// Repair returns what the reader of a text format repaired in the current
// record (the record then has view.RepairText), or "".
func (r *Reader) Repair() string {
	if s, ok := r.src.(interface{ Repair() string }); ok {
		return s.Repair()
	}
	return ""
}

// Raw returns the bytes of the current item as they are in ISO 2709
// input (a bad record's too, to save it aside), and nil for other formats.
// Valid as the Record is.
func (r *Reader) Raw() []byte {
	if s, ok := r.src.(*scan.Scanner); ok {
		return s.Raw()
	}
	return nil
}

// Pos returns how many bytes of the input have been read or scanned, for
// progress reports.
func (r *Reader) Pos() int64 {
	if r.count != nil {
		return r.count.n.Load()
	}
	if r.inPlace {
		return r.consumed.Load()
	}
	if s, ok := r.src.(*scan.Scanner); ok && s.Offset() >= 0 {
		return s.Offset() + int64(len(s.Raw()))
	}
	return 0
}

// Size returns the input's size when it is a file, else -1.
func (r *Reader) Size() int64 {
	if r.m != nil {
		return int64(r.m.Len())
	}
	if r.mapped != nil {
		return int64(r.mapped.Len())
	}
	if f, ok := r.closer.(*os.File); ok {
		if st, err := f.Stat(); err == nil {
			return st.Size()
		}
	}
	return -1
}

// Records returns an iterator over the records: each bad record is
// yielded as (zero Record, *view.RecordError) and the reading goes on; an
// error that stops the Reader (a fault, an I/O error, XML that is not
// well-formed, a bad record in strict mode) is yielded last.
func (r *Reader) Records() iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		for r.Scan() {
			if !yield(r.rec, r.err) {
				return
			}
		}
		if r.err != nil {
			yield(Record{}, r.err)
		}
	}
}

// ErrStarted is returned by ForEach, Encode and EncodeItems on a Reader
// that Scan (or Records) has already read from, or that one of them
// already ran on: they read the whole input and cannot start over.
var ErrStarted = errors.New("marcmap: the Reader was already read; ForEach, Encode and EncodeItems read a whole input once")

// begin marks the Reader as read by ForEach, Encode or EncodeItems.
func (r *Reader) begin() error {
	if r.started {
		return ErrStarted
	}
	r.started = true
	return nil
}

// parallelSource returns the input as a source for package parallel when
// the records can be read on all cores (ISO 2709 input), else false.
func (r *Reader) parallelSource() (parallel.Source, bool) {
	if r.scan == nil || r.opts.Offset > 0 || r.opts.Limit > 0 {
		return parallel.Source{}, false
	}
	if r.m != nil {
		return parallel.Bytes(r.m.Bytes()), true
	}
	// A stream: the scanner has not read yet, so its input is the
	// buffered reader it was given.
	return parallel.Stream(r.in), true
}

// ForEach calls fn for every record on all cores (ISO 2709 input), in any
// order, with the record's index in the input; other formats are read on
// this goroutine. Records are as Scan gives them (UTF-8 unless
// Options.Raw) and valid during fn only. Bad records go to
// o.BadRecord; o.Scan is set from the Reader's options. With Options.Keep
// each record is a copy. It reads the whole input once: on a Reader
// already read from it returns ErrStarted.
func (r *Reader) ForEach(ctx context.Context, o parallel.Options, fn func(index int, rec Record) error) error {
	if err := r.begin(); err != nil {
		return err
	}
	o.Scan = r.opts.scanOptions()
	keep := fn
	if r.opts.Keep {
		keep = func(i int, rec Record) error { return fn(i, rec.Clone()) }
	}
	if r.opts.Strict && !r.opts.NoCharsetCheck {
		k := keep
		keep = func(i int, rec Record) error {
			if err := r.strictCharset(rec, -1, -1, 0); err != nil {
				return err // ForEach fills in the index and offset
			}
			return k(i, rec)
		}
	}
	each := keep
	if !r.opts.Raw {
		each = func(i int, rec Record) error {
			if l := rec.Leader(); l.IsUnicode() {
				return keep(i, rec)
			}
			var err error
			if cerr := iso2709.WithUTF8(rec, r.opts.Strict, func(u view.Record) { err = keep(i, u) }); cerr != nil {
				return cerr
			}
			return err
		}
	}
	if src, ok := r.parallelSource(); ok {
		return parallel.ForEach(ctx, src, o, each)
	}
	err := readAll(ctx, r.Scan, func() error {
		if err := r.Err(); err != nil {
			if o.BadRecord != nil {
				return o.BadRecord(err, r.Raw())
			}
			return nil
		}
		return fn(r.Index(), r.rec)
	})
	if err != nil {
		return err
	}
	return r.Err()
}

// readAll calls body after each successful next, checking ctx every 1024
// items: the loop of the sequential paths of ForEach, Encode and
// EncodeItems. It returns the first error of body or ctx.
func readAll(ctx context.Context, next func() bool, body func() error) error {
	for n := 1; next(); n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := body(); err != nil {
			return err
		}
	}
	return nil
}

// Encode writes every record to w in format f (marcxml.Options{},
// iso2709.Options{Charset: iso2709.UTF8}, ...), with f's header, separator
// and footer, in input order: on all cores for ISO 2709 input (see
// parallel.Encode) and for MARCXML and MARC-in-JSON files, cut into parts
// that each worker reads whole; for other input this goroutine reads and
// the others encode (with o.Workers 1, Offset or Limit this goroutine
// does both); the output is the same in every case. Records are passed to
// f as stored (f converts MARC-8 as its options say). A record f cannot
// encode is a bad record, as in parallel.Encode. On a Reader already read
// from it returns ErrStarted.
func (r *Reader) Encode(ctx context.Context, w io.Writer, o parallel.Options, f encode.Format) error {
	if err := r.begin(); err != nil {
		return err
	}
	o.Scan = r.opts.scanOptions()
	if r.opts.Strict && !r.opts.NoCharsetCheck {
		f = charsetChecked{f}
	}
	if src, ok := r.parallelSource(); ok {
		return parallel.Encode(ctx, w, src, o, f)
	}
	if o.Workers != 1 && runtime.GOMAXPROCS(0) > 1 && r.opts.Offset == 0 && r.opts.Limit == 0 {
		if r.inPlace {
			// A file is read in parts where it can be (textparts.go).
			data := r.mapped.Bytes()
			var cuts []int
			var pf partFormat
			if ferr := mmapio.Guard(func() {
				switch r.format {
				case MARCJSON:
					if cuts = mijCuts(data); cuts != nil {
						pf = mijParts(data, marcjson.InArray(data), marcjson.Options{Strict: r.opts.Strict})
					}
				case MARCXML:
					o := marcxml.Options{Strict: r.opts.Strict}
					if p, ok := marcxml.ReadProlog(data, o); ok {
						if cuts = xmlCuts(data, p); cuts != nil {
							pf = xmlParts(data, p, o)
						}
					}
				}
			}); ferr != nil {
				return ferr
			}
			if cuts != nil {
				return r.encodeParts(ctx, w, o, f, data, cuts, pf)
			}
		}
		return r.encodeText(ctx, w, o, f)
	}
	enc := encode.NewEncoder(w, f)
	if err := r.encodeEach(ctx, enc, o); err != nil {
		enc.Flush() // what was read before the error is written
		return err
	}
	return enc.Close()
}

func (r *Reader) encodeEach(ctx context.Context, enc *encode.Encoder, o parallel.Options) error {
	err := readAll(ctx, r.next, func() error {
		err := r.src.Err()
		if err == nil {
			n := enc.Count()
			err = enc.Encode(r.src.Record())
			if o.Written != nil && enc.Count() > n { // (not a record the format skipped)
				o.Written(1)
			}
			var re *view.RecordError
			if errors.As(err, &re) {
				re.Index, re.Offset, re.Line = r.Index(), r.Offset(), r.Line()
				if r.opts.Strict {
					re.Stop = true
					return err
				}
			} else if err != nil {
				return err
			}
		}
		if err != nil && o.BadRecord != nil {
			return o.BadRecord(err, r.Raw())
		}
		return nil
	})
	if err != nil {
		return err
	}
	return r.src.Err()
}

// Bytes returns the mapped contents of an ISO 2709 file, else nil; valid
// until Close.
func (r *Reader) Bytes() []byte {
	if r.m == nil {
		return nil
	}
	return r.m.Bytes()
}

// Mapped reports whether the input is a memory-mapped file (of any
// format; Bytes has the contents of an ISO 2709 one).
func (r *Reader) Mapped() bool {
	return r.m != nil && r.m.Mapped() || r.mapped != nil && r.mapped.Mapped()
}

// ErrClosed is what a Reader reads after Close.
var ErrClosed = errors.New("marcmap: Reader closed")

// Close releases the input (the mapping, or the file Open opened). Records
// from it must not be used afterwards, unless Options.Keep was set; Scan
// then ends with ErrClosed. It is idempotent.
func (r *Reader) Close() error {
	r.src = doneSource{err: ErrClosed}
	r.scan = nil
	var err error
	if r.m != nil {
		err = r.m.Close()
		r.m = nil
	}
	if r.mapped != nil {
		err = r.mapped.Close()
		r.mapped = nil
	}
	if r.closer != nil {
		if cerr := r.closer.Close(); err == nil {
			err = cerr
		}
		r.closer = nil
	}
	return err
}

// strictCharset checks a record's character data in strict mode (see
// iso2709.CheckCharset); the error is fatal and placed in the input.
func (r *Reader) strictCharset(rec Record, index int, offset int64, line int) error {
	if !r.opts.Strict || r.opts.NoCharsetCheck {
		return nil
	}
	err := iso2709.CheckCharset(rec)
	var re *view.RecordError
	if errors.As(err, &re) {
		re.Index, re.Offset, re.Line, re.Stop = index, offset, line, true
	}
	return err
}

// charsetChecked is a format whose Append first checks the record's
// character data (strict mode): a fault is the record's error.
type charsetChecked struct{ encode.Format }

func (c charsetChecked) Append(dst []byte, rec view.Record) ([]byte, error) {
	if err := iso2709.CheckCharset(rec); err != nil {
		return dst, err
	}
	return c.Format.Append(dst, rec)
}

// Item is one item of the input, good or bad, as EncodeItems shows it.
type Item struct {
	Index  int    // index in the input, counting good and bad records from 0
	Offset int64  // byte offset in the input, or -1 when the format does not say
	Line   int    // line in the input (MARCXML, MRK), or 0
	Record Record // the record as stored (the zero Record for a bad one)
	Err    error  // the bad record's *view.RecordError, or nil
	Raw    []byte // the item's bytes in ISO 2709 input, else nil
	Repair string // what a text format's reader repaired (view.RepairText), or ""
}

// EncodeItems writes to w, in input order, what fn appends for every item
// of the input, bad records included: the shape of a report (one line per
// bad or repaired record). ISO 2709 input is read on all cores; fn is then
// called from several goroutines at once and must only append to dst.
// Bad records also go to o.BadRecord. On a Reader already read from it
// returns ErrStarted.
func (r *Reader) EncodeItems(ctx context.Context, w io.Writer, o parallel.Options, fn func(dst []byte, it *Item) ([]byte, error)) error {
	if err := r.begin(); err != nil {
		return err
	}
	o.Scan = r.opts.scanOptions()
	if src, ok := r.parallelSource(); ok {
		return parallel.EncodeItems(ctx, w, src, o, func(dst []byte, s *scan.Scanner) ([]byte, error) {
			it := Item{Index: s.Index(), Offset: s.Offset(), Record: s.Record(), Err: s.Err(), Raw: s.Raw()}
			if it.Err == nil {
				if err := r.strictCharset(it.Record, it.Index, it.Offset, 0); err != nil {
					return dst, err
				}
			}
			return fn(dst, &it)
		})
	}
	var buf []byte
	err := readAll(ctx, r.next, func() error {
		it := Item{Index: r.Index(), Offset: r.Offset(), Line: r.Line(), Record: r.src.Record(), Err: r.src.Err(), Raw: r.Raw(), Repair: r.Repair()}
		if it.Err == nil {
			if err := r.strictCharset(it.Record, it.Index, it.Offset, it.Line); err != nil {
				return err
			}
		}
		if it.Err != nil && o.BadRecord != nil {
			if err := o.BadRecord(it.Err, it.Raw); err != nil {
				return err
			}
		}
		var err error
		if buf, err = fn(buf[:0], &it); err != nil {
			return err
		}
		_, err = w.Write(buf)
		return err
	})
	if err != nil {
		return err
	}
	return r.src.Err()
}
