package marcjson

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/view"
)

// Reader reads MARC-in-JSON records from a stream (objects one per line or
// one after another, or a top-level array of objects). An object that is
// not a MARC-in-JSON record is an error naming the record and its byte
// offset; in lenient mode (the default) the Reader skips it. JSON that is
// not well-formed stops the reader. Use one Reader per goroutine.
type Reader struct {
	// Strict makes the first bad record stop the reader.
	Strict bool

	br      *bufio.Reader
	skipped int64 // bytes skipped before the decoder's first byte
	d       *json.Decoder
	b       iso2709.Builder
	buf     []byte
	rec     view.Record
	idx     int
	off     int64
	inArray bool
	started bool
	iErr    error
	fatal   error
	done    bool
}

// NewReader returns a Reader on r.
func NewReader(r io.Reader) *Reader {
	br := bufio.NewReaderSize(&ctlEscaper{r: r}, 64<<10)
	d := json.NewDecoder(br)
	return &Reader{br: br, d: d, idx: -1}
}

// RecordError is a fault in one MARC-in-JSON record.
type RecordError struct {
	Index  int   // record index, from 0
	Offset int64 // byte offset of the object in the input
	Err    error
}

func (e *RecordError) Error() string {
	return fmt.Sprintf("marcjson: record %d at offset %d: %v", e.Index, e.Offset, e.Err)
}
func (e *RecordError) Unwrap() error { return e.Err }

type jsonRecord struct {
	Leader *string                      `json:"leader"`
	Fields []map[string]json.RawMessage `json:"fields"`
}

type jsonDataField struct {
	Ind1      *string             `json:"ind1"`
	Ind2      *string             `json:"ind2"`
	Subfields []map[string]string `json:"subfields"`
}

// Scan advances to the next record (or, in lenient mode, bad record).
func (r *Reader) Scan() bool {
	if r.done {
		return false
	}
	r.rec, r.iErr = view.Record{}, nil
	if !r.started {
		r.started = true
		isArray, err := r.firstIsArray()
		if err != nil {
			return r.stop(err)
		}
		r.inArray = isArray
	}
	if !r.d.More() {
		if r.inArray {
			if _, err := r.d.Token(); err != nil { // the closing ]
				return r.stop(err)
			}
			if _, err := r.d.Token(); err != io.EOF {
				return r.stop(fmt.Errorf("marcjson: data after the array at offset %d", r.d.InputOffset()))
			}
		}
		r.done = true
		return false
	}
	r.idx++
	r.off = r.skipped + r.d.InputOffset()
	var raw json.RawMessage
	if err := r.d.Decode(&raw); err != nil {
		if err == io.EOF {
			r.done = true
			return false
		}
		return r.stop(fmt.Errorf("marcjson: record %d at offset %d: %w", r.idx, r.off, err))
	}
	rec, err := r.build(raw)
	if err != nil {
		re := &RecordError{Index: r.idx, Offset: r.off, Err: err}
		if r.Strict {
			return r.stop(re)
		}
		r.iErr = re
		return true
	}
	r.rec = rec
	return true
}

// firstIsArray skips leading white space (and a UTF-8 byte order mark)
// and reports whether the stream is an array, consuming its '['.
func (r *Reader) firstIsArray() (bool, error) {
	for {
		c, err := r.br.ReadByte()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		r.skipped++
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case 0xEF: // byte order mark EF BB BF
			if b, err := r.br.Peek(2); err == nil && b[0] == 0xBB && b[1] == 0xBF {
				r.br.Discard(2)
				r.skipped += 2
				continue
			}
		}
		r.skipped--
		if err := r.br.UnreadByte(); err != nil {
			return false, err
		}
		if c != '[' {
			return false, nil
		}
		_, err = r.d.Token()
		return true, err
	}
}

func (r *Reader) stop(err error) bool {
	r.done, r.fatal = true, err
	return false
}

var (
	errNoLeader = errors.New("no leader of 24 ASCII characters")
	errField    = errors.New("a field object must hold exactly one tag")
	errTag      = errors.New("tag is not three characters")
	errData     = errors.New("data field needs ind1, ind2 and subfields")
	errCode     = errors.New("subfield code is not one character")
	errInd      = errors.New("indicator is not one character")
)

// oneByte returns the byte an indicator or subfield code stands for. ISO
// 2709 holds one byte there; a single character outside ASCII (yaz writes
// Latin-1 indicators of broken records as such) becomes '?' in lenient
// mode and is an error in strict mode.
func (r *Reader) oneByte(s string) (byte, bool) {
	if len(s) == 1 {
		return s[0], true
	}
	if !r.Strict && utf8.RuneCountInString(s) == 1 {
		return '?', true
	}
	return 0, false
}

func (r *Reader) build(raw json.RawMessage) (view.Record, error) {
	var jr jsonRecord
	if err := json.Unmarshal(raw, &jr); err != nil {
		return view.Record{}, err
	}
	if jr.Leader == nil || len(*jr.Leader) != view.LeaderLen || !ascii(*jr.Leader) {
		return view.Record{}, errNoLeader
	}
	// JSON strings are Unicode whatever leader/09 says (pymarc keeps a
	// MARC-8 record's blank there): the record is UTF-8 now.
	l := view.Leader([]byte(*jr.Leader))
	l[9] = 'a'
	r.b.Reset(l)
	r.b.Overlong = true
	var content []byte
	for _, f := range jr.Fields {
		if len(f) != 1 {
			return view.Record{}, errField
		}
		for tag, v := range f {
			if len(tag) != 3 {
				return view.Record{}, errTag
			}
			var s string
			if err := json.Unmarshal(v, &s); err == nil {
				r.b.AddField(tag, []byte(s))
				continue
			}
			var df jsonDataField
			if err := json.Unmarshal(v, &df); err != nil || df.Ind1 == nil || df.Ind2 == nil {
				return view.Record{}, errData
			}
			i1, ok1 := r.oneByte(*df.Ind1)
			i2, ok2 := r.oneByte(*df.Ind2)
			if !ok1 || !ok2 {
				return view.Record{}, errInd
			}
			content = append(content[:0], i1, i2)
			for _, sf := range df.Subfields {
				if len(sf) != 1 {
					return view.Record{}, errCode
				}
				for code, val := range sf {
					c, ok := r.oneByte(code)
					if !ok {
						return view.Record{}, errCode
					}
					content = append(content, view.SubfieldDelimiter, c)
					content = append(content, val...)
				}
			}
			r.b.AddField(tag, content)
		}
	}
	var err error
	r.buf, err = r.b.Append(r.buf[:0])
	if err != nil {
		return view.Record{}, err
	}
	return iso2709.View(r.buf)
}

// Record returns the current record, the zero Record for a bad one; valid
// until the next Scan.
func (r *Reader) Record() view.Record { return r.rec }

// Index returns the index of the current record, from 0.
func (r *Reader) Index() int { return r.idx }

// Offset returns the byte offset of the current record's object.
func (r *Reader) Offset() int64 { return r.off }

// Err returns the current bad record's error while Scan returns true, and
// the error that stopped the reader after it returns false (nil at the end
// of input).
func (r *Reader) Err() error {
	if r.done {
		return r.fatal
	}
	return r.iErr
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
