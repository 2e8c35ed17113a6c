package marcjson

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"iter"

	"github.com/marcmap/marcmap/view"
)

// refReader is the encoding/json reader the hand-written one replaced,
// kept as the differential oracle: both must read every input alike.
type refReader struct {
	Reader
	br      *bufio.Reader
	esc     *ctlEscaper
	skipped int64 // bytes skipped before the decoder's first byte
	d       *json.Decoder
	inArray bool
	started bool
}

func newRefReader(r io.Reader, o Options) *refReader {
	esc := &ctlEscaper{r: r, strict: o.Strict}
	br := bufio.NewReaderSize(esc, 64<<10)
	rd := &refReader{br: br, esc: esc, d: json.NewDecoder(br)}
	rd.valueParser.init(o.Strict)
	rd.st.Init(o.Strict)
	return rd
}

// syntaxError reports JSON that is not well-formed, which ends the stream.
func (r *refReader) syntaxError(err error, idx int) error {
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

// Scan advances to the next record (or, in lenient mode, bad record). It
// returns false at the end of input or on a fatal error (see Err).
func (r *refReader) Scan() bool {
	if r.st.Done() {
		return false
	}
	r.st.Clear()
	r.rs.Clear()
	if !r.started {
		r.started = true
		isArray, err := r.firstIsArray()
		if err != nil {
			return r.st.Stop(r.syntaxError(err, -1))
		}
		r.inArray = isArray
	}
	if !r.d.More() {
		// Two fixes to the reader as it was: a stray '}' or ']' between
		// objects ended the stream silently, and an array without its ']'
		// ended with a bare io.EOF.
		if !r.inArray {
			if _, err := r.d.Token(); err != io.EOF {
				return r.st.Stop(r.syntaxError(err, r.st.Index()+1))
			}
		}
		if r.inArray {
			if _, err := r.d.Token(); err != nil { // the closing ]
				if err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
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
		if err == io.EOF && !r.inArray { // (fixed: "[{}," ended cleanly)
			return r.st.Stop(nil)
		}
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
			idx = -1
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
	r.noteRepair()
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
func (r *refReader) Records() iter.Seq2[view.Record, error] { return r.st.Records(r.Scan) }

// firstIsArray skips leading white space (and a UTF-8 byte order mark)
// and reports whether the stream is an array, consuming its '['.
func (r *refReader) firstIsArray() (bool, error) {
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
			r.br.UnreadByte() // (fixed: UnreadByte after Peek failed on a lone 0xEF)
			if b, err := r.br.Peek(3); err == nil && b[1] == 0xBB && b[2] == 0xBF {
				r.br.Discard(3)
				r.skipped += 2
				continue
			}
			r.skipped--
			return false, nil
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

// ctlEscaper passes JSON through, replacing raw control characters inside
// strings (illegal in JSON, but written by some tools: pymarc's and marc4j's
// test files hold raw newlines in values) with \u00XX escapes. It tracks
// only whether it is inside a string, so it streams.
type ctlEscaper struct {
	r        io.Reader
	strict   bool    // pass control characters through: the JSON decoder rejects them
	emitted  int64   // bytes of output made before the current batch
	marks    []int64 // output offsets of the escapes made, for the reader to report
	inString bool
	escaped  bool   // the previous byte was a backslash inside a string
	pending  []byte // escape text not yet returned
	obuf     []byte
	buf      [4096]byte
}

func (c *ctlEscaper) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(c.pending) > 0 {
			k := copy(p[n:], c.pending)
			c.pending = c.pending[k:]
			n += k
			continue
		}
		if n > 0 {
			return n, nil
		}
		m, err := c.r.Read(c.buf[:min(len(c.buf), len(p))])
		if m == 0 {
			return 0, err
		}
		out := c.obuf[:0]
		for _, b := range c.buf[:m] {
			switch {
			case c.inString && c.escaped:
				c.escaped = false
			case c.inString && b == '\\':
				c.escaped = true
			case b == '"':
				c.inString = !c.inString
			case c.inString && b < 0x20 && !c.strict:
				c.marks = append(c.marks, c.emitted+int64(len(out)))
				out = append(out, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
				continue
			}
			out = append(out, b)
		}
		c.emitted += int64(len(out))
		c.pending, c.obuf = out, out
		if err != nil && len(c.pending) == 0 {
			return n, err
		}
	}
	return n, nil
}
