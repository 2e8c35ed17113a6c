package marcjson

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"strconv"
	"unicode/utf8"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/readerstate"
	"github.com/marcmap/marcmap/view"
)

// Reader reads MARC-in-JSON records from a stream (objects one per line or
// one after another, or a top-level array of objects). An object that is
// not a MARC-in-JSON record is an error naming the record and its byte
// offset; in lenient mode (the default) the Reader skips it. JSON that is
// not well-formed stops the reader. Use one Reader per goroutine.
type Reader struct {
	st      readerstate.State
	br      *bufio.Reader
	esc     *ctlEscaper
	skipped int64 // bytes skipped before the decoder's first byte
	d       *json.Decoder
	strict  bool
	b       iso2709.Builder
	buf     []byte
	off     int64
	inArray bool
	started bool
}

// NewReader returns a Reader on r. Options.Strict makes the first bad
// record stop it.
func NewReader(r io.Reader, o Options) *Reader {
	esc := &ctlEscaper{r: r, strict: o.Strict}
	br := bufio.NewReaderSize(esc, 64<<10)
	rd := &Reader{br: br, esc: esc, d: json.NewDecoder(br), strict: o.Strict}
	rd.st.Init(o.Strict)
	return rd
}

// syntaxError reports JSON that is not well-formed, which ends the stream.
func (r *Reader) syntaxError(err error, idx int) error {
	var se *json.SyntaxError
	msg := "JSON: "
	off := r.skipped + r.d.InputOffset()
	switch {
	case errors.As(err, &se):
		msg += se.Error()
		off = r.skipped + se.Offset
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg += "unexpected end of input"
	default:
		return err // an I/O error
	}
	return &view.RecordError{Offset: off, Index: idx, Pos: -1, Err: view.Detail(view.ErrSyntax, msg)}
}

type jsonRecord struct {
	Leader *string                      `json:"leader"`
	Fields []map[string]json.RawMessage `json:"fields"`
}

type jsonDataField struct {
	Ind1      *string             `json:"ind1"`
	Ind2      *string             `json:"ind2"`
	Subfields []map[string]string `json:"subfields"`
}

// Scan advances to the next record (or, in lenient mode, bad record). It
// returns false at the end of input or on a fatal error (see Err).
func (r *Reader) Scan() bool {
	if r.st.Done() {
		return false
	}
	r.st.Clear()
	if !r.started {
		r.started = true
		isArray, err := r.firstIsArray()
		if err != nil {
			return r.st.Stop(r.syntaxError(err, -1))
		}
		r.inArray = isArray
	}
	if !r.d.More() {
		if r.inArray {
			if _, err := r.d.Token(); err != nil { // the closing ]
				return r.st.Stop(r.syntaxError(err, -1))
			}
			if _, err := r.d.Token(); err != io.EOF {
				return r.st.Stop(&view.RecordError{Offset: r.skipped + r.d.InputOffset(), Index: -1, Pos: -1, Err: view.Detail(view.ErrSyntax, "data after the array")})
			}
		}
		return r.st.Stop(nil)
	}
	idx := r.st.Next()
	r.off = r.skipped + r.d.InputOffset()
	var raw json.RawMessage
	if err := r.d.Decode(&raw); err != nil {
		if err == io.EOF {
			return r.st.Stop(nil)
		}
		return r.st.Stop(r.syntaxError(err, idx))
	}
	// Raw control characters the escaper turned into \u escapes inside
	// this object are a repair to report.
	end := r.skipped + r.d.InputOffset()
	marks := r.esc.marks
	for len(marks) > 0 && marks[0] < end {
		if marks[0] >= r.off {
			r.st.Repaired("raw control character inside a JSON string (not JSON): read as if escaped")
		}
		marks = marks[1:]
	}
	r.esc.marks = append(r.esc.marks[:0], marks...)
	rec, err := r.build(raw)
	if err != nil {
		var re *view.RecordError
		if !errors.As(err, &re) {
			re = &view.RecordError{Pos: -1, Err: err}
		}
		re.Index, re.Offset = idx, r.off
		return r.st.Bad(re)
	}
	return r.st.Good(rec)
}

// Records returns an iterator over the records, as scan.Scanner's: each
// bad record is yielded as (zero Record, *view.RecordError), a fatal error
// last.
func (r *Reader) Records() iter.Seq2[view.Record, error] { return r.st.Records(r.Scan) }

// Record returns the current record, the zero Record for a bad one. It is
// valid until the next Scan; use Record.Clone to keep it.
func (r *Reader) Record() view.Record { return r.st.Record() }

// Index returns the index of the current record, counting from 0.
func (r *Reader) Index() int { return r.st.Index() }

// Err returns the current bad record's *view.RecordError while Scan
// returns true, and the error that stopped the Reader after it returns
// false (nil at the end of input).
func (r *Reader) Err() error { return r.st.Err() }

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

var (
	errRecord   = view.Detail(view.ErrField, `not a MARC-in-JSON record: want an object with "leader" (a string) and "fields" (an array of objects)`)
	errNoLeader = view.Detail(view.ErrLeader, "no leader of 24 ASCII characters")
	errField    = view.Detail(view.ErrField, "a field object must hold exactly one tag")
	errTag      = view.Detail(view.ErrField, "tag is not three characters")
	errData     = view.Detail(view.ErrField, `a field's value must be a string (control field) or an object with "ind1", "ind2" and "subfields" (an array of one-code objects with string values)`)
	errCode     = view.Detail(view.ErrField, "subfield code is not one character")
	errInd      = view.Detail(view.ErrField, "indicator is not one character")
)

// oneByte returns the byte an indicator or subfield code stands for. ISO
// 2709 holds one byte there; a single character outside ASCII (yaz writes
// Latin-1 indicators of broken records as such) becomes '?' in lenient
// mode and is an error in strict mode.
func (r *Reader) oneByte(s string) (byte, bool) {
	if len(s) == 1 {
		return s[0], true
	}
	if !r.strict && utf8.RuneCountInString(s) == 1 {
		r.st.Repaired("indicator or subfield code " + strconv.Quote(s) + " is not one ASCII byte: read as '?'")
		return '?', true
	}
	return 0, false
}

func (r *Reader) build(raw json.RawMessage) (view.Record, error) {
	var jr jsonRecord
	if err := json.Unmarshal(raw, &jr); err != nil {
		return view.Record{}, errRecord
	}
	if jr.Leader == nil {
		return view.Record{}, errNoLeader
	}
	l, ok := r.st.Leader(*jr.Leader)
	if !ok {
		return view.Record{}, errNoLeader
	}
	// JSON strings are Unicode whatever leader/09 says (pymarc keeps a
	// MARC-8 record's blank there): the record is UTF-8 now.
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

// Repair returns what lenient reading repaired in the current record (raw
// control characters inside strings, a code that is not one ASCII byte),
// or "". The record then has view.RepairText.
func (r *Reader) Repair() string { return r.st.Repair() }

// Offset returns the byte offset of the current record's object.
func (r *Reader) Offset() int64 { return r.off }
