package scan

import (
	"errors"
	"io"
	"iter"

	"github.com/marcmap/marcmap/view"
)

// DefaultMaxRecordLen bounds a record when Options.MaxRecordLen is 0. It is
// four times the largest record seen in real files (a 1,096,887-byte
// HathiTrust record).
const DefaultMaxRecordLen = 4 << 20

// Options configure a Scanner. The zero value is lenient scanning with the
// default record bound.
type Options struct {
	// Strict makes the first bad record stop the scan: Scan returns false
	// and Err returns the *view.RecordError. Records are parsed with
	// view.Parse. When false (lenient), records are parsed with
	// view.ParseLenient, each bad record is reported and scanning goes on.
	Strict bool
	// MaxRecordLen bounds a record's length, terminator included; 0 means
	// DefaultMaxRecordLen. It also bounds the stream scanner's buffer.
	MaxRecordLen int
}

func (o Options) max() int {
	if o.MaxRecordLen <= 0 {
		return DefaultMaxRecordLen
	}
	return o.MaxRecordLen
}

// item is one framed piece of input waiting to be reported.
type item struct {
	raw  []byte
	off  int64
	kind kind
}

// Scanner reads records from a byte slice ([New]) or an io.Reader
// ([NewReader]). Use one Scanner per goroutine.
type Scanner struct {
	opts Options
	max  int

	// input window: data[pos:] is unread; data[0] is at input offset base.
	data []byte
	pos  int
	base int64
	r    io.Reader // nil when scanning a slice
	eof  bool      // r is exhausted (always true for a slice)
	drop bool      // discarding the rest of an overlong record
	// searched counts the unread bytes already searched for a record
	// terminator in vain, so short reads do not search them again.
	searched int

	pend    item // second half of a split candidate
	hasPend bool

	// the current item
	rec  view.Record
	raw  []byte
	off  int64
	idx  int
	iErr error

	noIndex bool // a chunk whose first index is unknown: Index is -1

	fatal error
	done  bool
}

// New returns a Scanner over data; records alias data (zero copy).
func New(data []byte, opts Options) *Scanner {
	return &Scanner{opts: opts, max: opts.max(), data: data, eof: true, idx: -1}
}

// NewReader returns a Scanner that reads r through a buffer bounded by
// about MaxRecordLen plus one read block. Records alias the buffer and are
// valid until the next call to Scan.
func NewReader(r io.Reader, opts Options) *Scanner {
	return &Scanner{opts: opts, max: opts.max(), r: r, idx: -1}
}

const readBlock = 64 << 10

// fill reads more input into the window, first dropping the consumed part.
// The window never grows past max+2*readBlock: frame asks for more input only
// while fewer than max unread bytes are buffered.
func (s *Scanner) fill() error {
	if s.pos > 0 && (cap(s.data)-len(s.data) < readBlock/2 || s.pos == len(s.data)) {
		n := copy(s.data, s.data[s.pos:])
		s.base += int64(s.pos)
		s.data = s.data[:n]
		s.pos = 0
	}
	if limit := s.max + 2*readBlock; cap(s.data)-len(s.data) < readBlock/2 && cap(s.data) < limit {
		nb := make([]byte, len(s.data), min(2*cap(s.data)+readBlock, limit))
		copy(nb, s.data)
		s.data = nb
	}
	for range 100 {
		n, err := s.r.Read(s.data[len(s.data):cap(s.data)])
		s.data = s.data[:len(s.data)+n]
		if errors.Is(err, io.EOF) {
			s.eof = true
			return nil
		}
		if err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
	}
	return io.ErrNoProgress
}

// next frames the next item from the input.
func (s *Scanner) next() (item, error) {
	for {
		if s.drop {
			// Discard through the next record terminator.
			rest := s.data[s.pos:]
			if t := indexRT(rest); t >= 0 {
				s.pos += t + 1
				s.drop = false
				continue
			}
			s.pos = len(s.data)
			if s.eof {
				s.drop = false
				return item{kind: inputEnd}, nil
			}
			if err := s.fill(); err != nil {
				return item{}, err
			}
			continue
		}
		skip, n, k := frame(s.data[s.pos:], s.eof, s.max, s.searched)
		s.pos += skip
		s.searched = 0
		if k == needMore {
			s.searched = len(s.data) - s.pos // holds no record terminator
			if err := s.fill(); err != nil {
				return item{}, err
			}
			continue
		}
		start := s.pos
		s.pos += n
		if k == candTooLong {
			if s.r == nil {
				// A mapping can report the whole overlong item.
				if t := indexRT(s.data[s.pos:]); t >= 0 {
					s.pos += t + 1
				} else {
					s.pos = len(s.data)
				}
			} else {
				s.drop = true
			}
		}
		it := item{raw: s.data[start:s.pos:s.pos], off: s.base + int64(start), kind: k}
		return it, nil
	}
}

// Scan advances to the next item: a record, or in lenient mode a bad
// record. It returns false at the end of input or on a fatal error; after
// that it keeps returning false.
func (s *Scanner) Scan() bool {
	if s.done {
		return false
	}
	s.rec, s.raw, s.iErr = view.Record{}, nil, nil
	var it item
	if s.hasPend {
		it, s.hasPend = s.pend, false
	} else {
		var err error
		it, err = s.next()
		if err != nil {
			return s.stop(err)
		}
	}
	if it.kind == inputEnd {
		return s.stop(nil)
	}
	if !s.noIndex {
		s.idx++
	}
	s.raw, s.off = it.raw, it.off
	rec, err := s.decode(it)
	if err != nil {
		var re *view.RecordError
		if errors.As(err, &re) {
			re.Index, re.Offset = s.idx, s.off
		}
		if s.opts.Strict {
			if re != nil {
				re.Stop = true
			}
			return s.stop(err)
		}
		s.iErr = err
		return true
	}
	s.rec = rec
	return true
}

func (s *Scanner) stop(err error) bool {
	s.done = true
	s.fatal = err
	s.rec, s.iErr = view.Record{}, nil
	if err == nil {
		s.raw = nil
	}
	return false
}

// decode parses one framed item, splitting off a trailing good record when
// the item is not a record itself.
func (s *Scanner) decode(it item) (view.Record, error) {
	// An overlong item keeps its leading spaces: a stream holds only its
	// first bytes, so it could not look past them.
	if it.kind != candTooLong {
		if k := leadingSpaces(it.raw, !s.opts.Strict); k > 0 {
			it.raw, it.off = it.raw[k:], it.off+int64(k)
			s.raw, s.off = it.raw, it.off
		}
	}
	switch it.kind {
	case candTooLong:
		return view.Record{}, &view.RecordError{Offset: it.off, Index: s.idx, Err: errTooLong(s.max)}
	case candTail:
		rec, err := view.ParseLenient(it.raw)
		if err != nil {
			return view.Record{}, &view.RecordError{Pos: len(it.raw), Err: view.ErrTruncated}
		}
		if s.opts.Strict {
			return view.Record{}, &view.RecordError{Pos: len(it.raw), Err: view.ErrTerminator}
		}
		return rec, nil
	}
	rec, err := view.Parse(it.raw)
	if err == nil || s.opts.Strict {
		return rec, err
	}
	if p := innerStart(it.raw); p >= 0 {
		s.pend = item{raw: it.raw[p:], off: it.off + int64(p), kind: candRecord}
		s.hasPend = true
		it.raw = it.raw[:p:p]
		s.raw = it.raw
		if rec, lerr := view.ParseLenient(it.raw); lerr == nil {
			return rec, nil
		}
		_, err = view.Parse(it.raw)
		return view.Record{}, err
	}
	if rec, lerr := view.ParseLenient(it.raw); lerr == nil {
		return rec, nil
	}
	return view.Record{}, err
}

// Record returns the current record. It is the zero Record when the current
// item is a bad record. It aliases the input: for New, valid as long as
// the slice; for NewReader, until the next Scan.
func (s *Scanner) Record() view.Record { return s.rec }

// Raw returns the bytes of the current item, good or bad, without the
// padding around it. For an overlong record read by NewReader it holds only
// the first MaxRecordLen bytes. Same lifetime as Record.
func (s *Scanner) Raw() []byte { return s.raw }

// Offset returns the input offset of the current item's first byte.
func (s *Scanner) Offset() int64 { return s.off }

// Index returns the index of the current item, counting good and bad
// records from 0.
func (s *Scanner) Index() int { return s.idx }

// Err returns, while Scan returns true, the *view.RecordError of the current
// item when it is a bad record (nil for a good one); after Scan returns
// false, the error that stopped the scan (nil at the end of input). The
// final value does not change on further calls.
func (s *Scanner) Err() error {
	if s.done {
		return s.fatal
	}
	return s.iErr
}

// Records iterates over the items: (record, nil) for each record, and
// (zero Record, *view.RecordError) for each bad one in lenient mode; a fatal
// error comes last.
func (s *Scanner) Records() iter.Seq2[view.Record, error] {
	return func(yield func(view.Record, error) bool) { s.records(yield) }
}

func (s *Scanner) records(yield func(view.Record, error) bool) {
	for s.Scan() {
		if !yield(s.rec, s.iErr) {
			return
		}
	}
	if s.fatal != nil {
		yield(view.Record{}, s.fatal)
	}
}

// AppendRecords scans up to n more items and appends the good records to
// dst, for callers that hand batches to their own workers. It returns the
// extended slice and the number of items consumed (good and bad; bad ones
// are skipped, as Records reports them, so use Scan to see them). It stops
// early at the end of input or on a fatal error (see Err). Records from a
// NewReader scanner are cloned, since its buffer is reused; records from a
// New scanner alias the input.
func (s *Scanner) AppendRecords(dst []view.Record, n int) ([]view.Record, int) {
	items := 0
	for items < n && s.Scan() {
		items++
		if s.iErr != nil {
			continue
		}
		r := s.rec
		if s.r != nil {
			r = r.Clone()
		}
		dst = append(dst, r)
	}
	return dst, items
}
