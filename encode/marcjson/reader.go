package marcjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"strconv"
	"unicode/utf8"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/readerstate"
	"github.com/marcmap/marcmap/internal/window"
	"github.com/marcmap/marcmap/view"
)

// Reader reads MARC-in-JSON records from a stream (objects one per line or
// one after another, or a top-level array of objects). An object that is
// not a MARC-in-JSON record is an error naming the record and its byte
// offset; in lenient mode (the default) the Reader skips it. JSON that is
// not well-formed stops the reader. Use one Reader per goroutine.
//
// The Reader parses by hand, in one pass over a buffer that holds at least
// the current object (on a stream at most 16 MB: a longer value is an
// error; NewBytesReader reads in place with no such bound). Objects
// of the usual shape — "leader" then "fields", strings without surrogate
// escapes — are built into the record as they are read; any other value
// (other keys or key order, duplicate keys, null, numbers, JSON that is not
// well-formed) goes through encoding/json, so that both read every input
// alike.
type Reader struct {
	st readerstate.State
	w  *window.W
	valueParser
	unparsed bool    // see Unparsed
	elem     Element // the current unparsed object
	elemOK   bool
	off      int64
	inArray  bool
	started  bool
	first    bool // no element of the array read yet
	part     bool // a part that is not the last: see NewPartReader
	clean    bool // the part ended where a value ends
}

const maxValue = 16 << 20 // the longest top-level value the Reader holds

// NewReader returns a Reader on r. Options.Strict makes the first bad
// record stop it.
func NewReader(r io.Reader, o Options) *Reader {
	rd := &Reader{w: window.New(r, maxValue)}
	rd.valueParser.init(o.Strict)
	rd.st.Init(o.Strict)
	return rd
}

// NewBytesReader returns a Reader on the whole input in memory, a mapped
// file say: it parses data in place, with no copy and no bound on a
// value's length, and the Raw of an unparsed Element is a slice of data.
// data must not change while the Reader or such an Element is in use.
func NewBytesReader(data []byte, o Options) *Reader {
	rd := &Reader{w: window.Bytes(data)}
	rd.valueParser.init(o.Strict)
	rd.st.Init(o.Strict)
	return rd
}

// Consumed returns how many bytes of the input the Reader has read past,
// for progress reports.
func (r *Reader) Consumed() int64 { return r.w.Offset(r.w.Pos) }

// NewPartReader returns a Reader on data[start:end], a part of the
// MARC-in-JSON document data (all of it in memory), so that goroutines can
// read one document a part each: the first part starts at 0, any other
// where a value starts, and inArray says whether the document is a JSON
// array (see InArray). Offsets and indexes in errors are those of data
// and of the part. A part other than the last (last false) is expected to
// end where a value ends (in an array, after the comma that follows it):
// the Reader then stops there without an error and Clean reports true; a
// part cut anywhere else ends with the error its end causes. Reading the
// parts one after another, each from where the one before ended cleanly,
// gives what a Reader on the whole of data gives.
func NewPartReader(data []byte, start, end int, inArray, last bool, o Options) *Reader {
	rd := NewBytesReader(data[start:end], o)
	rd.w.Base = int64(start)
	rd.part = !last
	if start > 0 {
		rd.started, rd.inArray, rd.first = true, inArray, true
	}
	return rd
}

// Clean reports whether a part Reader (see NewPartReader) stopped where a
// value ends, at the end of its part.
func (r *Reader) Clean() bool { return r.clean }

// InArray reports whether the MARC-in-JSON document data is a JSON array
// (its first byte after byte order marks and white space is '[').
func InArray(data []byte) bool {
	rd := NewBytesReader(data, Options{})
	rd.skipBOMs()
	c, ok := rd.peek()
	return ok && c == '['
}

// partEnd stops a part Reader that has run out of input where a value may
// start: cleanly.
func (r *Reader) partEnd() bool {
	r.clean = true
	return r.st.Stop(nil)
}

// peek skips white space and returns the next byte, false at the end of
// input.
func (r *Reader) peek() (byte, bool) {
	for {
		for r.w.Pos < len(r.w.In) {
			switch c := r.w.In[r.w.Pos]; c {
			case ' ', '\t', '\n', '\r':
				r.w.Pos++
			default:
				return c, true
			}
		}
		if !r.w.Fill(1) {
			return 0, false
		}
	}
}

// fatal stops the Reader on JSON that is not well-formed at input offset
// off (or, with a read error pending, on that error).
func (r *Reader) fatal(off int64, idx int, msg string) bool {
	if r.w.Err != nil {
		return r.st.Stop(r.w.Err)
	}
	if r.w.TooBig {
		msg = "a value longer than 16 MB"
	}
	return r.st.Stop(&view.RecordError{Offset: off, Index: idx, Pos: -1, Err: view.Detail(view.ErrSyntax, "JSON: "+msg)})
}

// Scan advances to the next record (or, in lenient mode, bad record). It
// returns false at the end of input or on a fatal error (see Err).
func (r *Reader) Scan() bool {
	if r.st.Done() {
		return false
	}
	r.st.Clear()
	r.rs.Clear()
	r.elemOK = false
	if !r.started {
		r.started = true
		r.skipBOMs()
		if c, ok := r.peek(); ok && c == '[' {
			r.inArray, r.first = true, true
			r.w.Pos++
		}
	}
	c, ok := r.peek()
	if r.inArray {
		if !ok {
			if r.part && r.first && r.w.Pos > 0 {
				return r.partEnd() // (nothing in this part but the array's start)
			}
			return r.fatal(r.w.Offset(r.w.Pos), -1, "unexpected end of input")
		}
		if c == '}' {
			return r.fatal(r.w.Offset(r.w.Pos), -1, "invalid character '}' in array")
		}
		if c == ']' {
			r.w.Pos++
			if _, more := r.peek(); more {
				return r.fatal(r.w.Offset(r.w.Pos), -1, "data after the array")
			}
			return r.st.Stop(r.w.Err)
		}
		if !r.first {
			if c != ',' {
				return r.fatal(r.w.Offset(r.w.Pos), r.st.Index()+1, "invalid character "+quoteChar(c)+" after array element")
			}
			r.w.Pos++
			if c, ok = r.peek(); !ok {
				if r.part {
					return r.partEnd() // after a comma
				}
				return r.fatal(r.w.Offset(r.w.Pos), -1, "unexpected end of input")
			}
		}
		r.first = false
	} else if !ok {
		if r.part && r.st.Index() >= 0 {
			return r.partEnd() // after a value
		}
		return r.st.Stop(r.w.Err)
	}
	switch c {
	case ',', ':', ']', '}':
		return r.fatal(r.w.Offset(r.w.Pos), r.st.Index()+1, "invalid character "+quoteChar(c)+" looking for beginning of value")
	}
	idx := r.st.Next()
	r.off = r.w.Offset(r.w.Pos)
	if r.unparsed && c == '{' {
		for atEOF := r.w.EOF; ; atEOF = r.w.EOF {
			if n, st := valueEnd(r.w.In[r.w.Pos:], r.w.EOF); st == parsed {
				r.elem, r.elemOK = Element{Raw: r.w.In[r.w.Pos : r.w.Pos+n : r.w.Pos+n], Index: idx, Offset: r.off}, true
				r.w.Pos += n
				return r.st.Good(view.Record{})
			}
			if !r.w.More() && (atEOF || !r.w.EOF || r.w.Err != nil || r.w.TooBig) {
				break // slow names the fault
			}
		}
	}
	for {
		n, st := r.parseRecord(r.w.In[r.w.Pos:])
		switch st {
		case parsed:
			r.w.Pos += n
			rec, err := r.finish()
			r.noteRepair()
			if err != nil {
				return r.bad(idx, err)
			}
			return r.st.Good(rec)
		case short:
			if r.w.More() {
				continue
			}
		}
		r.rs.Clear() // what the fast path noted: slow notes it again
		return r.slow(idx)
	}
}

// skipBOMs skips white space and UTF-8 byte order marks at the start.
func (r *Reader) skipBOMs() {
	for {
		if _, ok := r.peek(); !ok {
			return
		}
		if len(r.w.In)-r.w.Pos < 3 {
			r.w.Fill(3)
		}
		if p := r.w.In[r.w.Pos:]; len(p) < 3 || p[0] != 0xEF || p[1] != 0xBB || p[2] != 0xBF {
			return
		}
		r.w.Pos += 3
	}
}

func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

func (r *Reader) bad(idx int, err error) bool {
	var re *view.RecordError
	if !errors.As(err, &re) {
		re = &view.RecordError{Pos: -1, Err: err}
	}
	re.Index, re.Offset = idx, r.off
	return r.st.Bad(re)
}

// finish writes the record built in r.b.
func (r *valueParser) finish() (view.Record, error) {
	var err error
	r.buf, err = r.b.Append(r.buf[:0])
	if err != nil {
		return view.Record{}, err
	}
	return iso2709.View(r.buf)
}

// slow reads the value at in[pos:] through encoding/json: its extent
// first, then its syntax, then build.
func (r *Reader) slow(idx int) bool {
	var end int
	for atEOF := r.w.EOF; ; atEOF = r.w.EOF {
		n, st := valueEnd(r.w.In[r.w.Pos:], r.w.EOF)
		if st == parsed {
			end = n
			break
		}
		if !r.w.More() && (atEOF || !r.w.EOF || r.w.Err != nil || r.w.TooBig) {
			// No end within reach (a brace missing, the end of input):
			// encoding/json finds the first fault in what is here.
			if r.w.Err == nil {
				text := r.w.In[r.w.Pos:]
				if e, n := escapeControls(nil, text); n > 0 && !r.strict {
					text = e // (offsets past an escape move by 5)
				}
				d := json.NewDecoder(bytes.NewReader(text))
				var v json.RawMessage
				var se *json.SyntaxError
				if err := d.Decode(&v); errors.As(err, &se) {
					at := min(max(se.Offset-1, 0), int64(len(r.w.In)-r.w.Pos)) // (within the input)
					return r.st.Stop(&view.RecordError{Offset: r.off + at, Index: idx, Pos: -1, Err: view.Detail(view.ErrSyntax, "JSON: "+se.Error())})
				}
			}
			return r.fatal(r.w.Offset(len(r.w.In)), idx, "unexpected end of input")
		}
	}
	raw := r.w.In[r.w.Pos : r.w.Pos+end]
	if c := raw[0]; c != '{' && c != '[' && c != '"' {
		// A bare word or number: where it ends is encoding/json's stream
		// rule ("00" is two values).
		d := json.NewDecoder(bytes.NewReader(raw))
		var v json.RawMessage
		if d.Decode(&v) == nil {
			end = int(d.InputOffset())
			raw = raw[:end]
		}
	}
	r.w.Pos += end
	rec, err, fatal := r.value(raw, idx, r.off)
	r.noteRepair()
	switch {
	case fatal:
		return r.st.Stop(err)
	case err != nil:
		return r.bad(idx, err)
	}
	return r.st.Good(rec)
}

// noteRepair passes what the value parser repaired to the reader's state.
func (r *Reader) noteRepair() {
	if n := r.rs.Repair(); n != "" {
		r.st.Repaired(n)
	}
}

// Unparsed makes Scan find each object without building it: Element then
// returns it, Record the zero Record, and an ElementParser builds it, on
// any goroutine. This is how package marcmap reads MARC-in-JSON on several
// cores: one goroutine finds the objects (a fraction of the work), others
// build them. Building every element of an unparsed Reader in order gives
// exactly what the Reader gives parsing them itself. Set it before the
// first Scan.
func (r *Reader) Unparsed(on bool) { r.unparsed = on }

// Element is an object an unparsed Reader found.
type Element struct {
	Raw    []byte // the object, '{' to '}'
	Index  int    // the item's index
	Offset int64  // its byte offset in the input
}

// Element returns the current item's unparsed object, valid until the
// next Scan; false when the item is a record already built or a bad
// record.
func (r *Reader) Element() (Element, bool) { return r.elem, r.elemOK }

// ElementParser builds the objects of an unparsed Reader. Use one per
// goroutine.
type ElementParser struct{ p valueParser }

// Release drops the buffers a record of megabytes made the ElementParser
// grow; call it when the last record Parse returned is no longer used, so
// that an idle ElementParser holds little.
func (ep *ElementParser) Release() { ep.p.shrink() }

// NewElementParser returns an ElementParser for a Reader with options o.
func NewElementParser(o Options) *ElementParser {
	ep := &ElementParser{}
	ep.p.init(o.Strict)
	return ep
}

// Parse builds e: the record (valid until the next Parse) and what was
// repaired, or the item's error: a bad record, or with fatal set JSON that
// is not well-formed, which ends the input (the Reader would have stopped
// there). A bad record ends the input too in strict mode.
func (ep *ElementParser) Parse(e Element) (rec view.Record, repair string, err error, fatal bool) {
	p := &ep.p
	p.rs.Clear()
	if n, st := p.parseRecord(e.Raw); st == parsed && n == len(e.Raw) {
		rec, err = p.finish()
	} else {
		p.rs.Clear()
		rec, err, fatal = p.value(e.Raw, e.Index, e.Offset)
	}
	if err != nil && !fatal {
		var re *view.RecordError
		if !errors.As(err, &re) {
			re = &view.RecordError{Pos: -1, Err: err}
		}
		re.Index, re.Offset = e.Index, e.Offset
		re.Stop = p.strict
		err, fatal = re, p.strict
	}
	return rec, p.rs.Repair(), err, fatal
}

// valueParser builds records from MARC-in-JSON objects: the Reader's own,
// and one per goroutine of an unparsed Reader's objects.
type valueParser struct {
	strict  bool
	rs      readerstate.State // for leader reading and repair notes
	b       iso2709.Builder
	buf     []byte // the current record
	content []byte // a data field's content
	str     []byte // the current decoded string
	esc     []byte // a value with its raw control characters escaped
}

// shrink drops the buffers a record of megabytes grew.
func (p *valueParser) shrink() {
	const keep = 1 << 20
	if cap(p.buf) > keep || cap(p.content) > keep || cap(p.str) > keep || cap(p.esc) > keep {
		p.buf, p.content, p.str, p.esc = nil, nil, nil, nil
		p.b = iso2709.Builder{}
	}
}

func (p *valueParser) init(strict bool) {
	p.strict = strict
	p.rs.Init(strict)
}

// value reads raw, one JSON value at input offset off, through
// encoding/json: its syntax (an error ends the input: fatal), then build.
func (p *valueParser) value(raw []byte, idx int, off int64) (view.Record, error, bool) {
	end := len(raw)
	if !p.strict {
		var n int
		if p.esc, n = escapeControls(p.esc[:0], raw); n > 0 {
			raw = p.esc
			p.rs.Repaired(repairControl)
		}
	}
	var v json.RawMessage
	if err := json.Unmarshal(raw, &v); err != nil {
		msg := err.Error()
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off += min(max(se.Offset-1, 0), int64(end)) // the byte at fault
		}
		return view.Record{}, &view.RecordError{Offset: off, Index: idx, Pos: -1, Stop: true, Err: view.Detail(view.ErrSyntax, "JSON: "+msg)}, true
	}
	rec, err := p.build(raw)
	return rec, err, false
}

const repairControl = "raw control character inside a JSON string (not JSON): read as if escaped"

// escapeControls appends raw to dst with each raw control character
// inside a string written as a \u00XX escape, and returns the count.
func escapeControls(dst, raw []byte) ([]byte, int) {
	n := 0
	inString, escaped := false, false
	for i, b := range raw {
		switch {
		case inString && escaped:
			escaped = false
		case inString && b == '\\':
			escaped = true
		case b == '"':
			inString = !inString
		case inString && b < 0x20:
			if n == 0 {
				dst = append(dst, raw[:i]...)
			}
			n++
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			continue
		}
		if n > 0 {
			dst = append(dst, b)
		}
	}
	return dst, n
}

type status uint8

const (
	parsed status = iota // a whole value read
	short                // the buffer ends inside the value
	other                // not the usual shape: read through encoding/json
)

// valueEnd returns the length of the JSON value at the start of p (whose
// first byte is not white space), judged by its brackets and strings
// alone: encoding/json checks the rest.
func valueEnd(p []byte, eof bool) (int, status) {
	if len(p) == 0 {
		return 0, short
	}
	switch p[0] {
	case '"':
		if i := stringEnd(p, 0); i > 0 {
			return i, parsed
		}
		return 0, short
	case '{', '[':
		depth := 0
		for i := 0; i < len(p); i++ {
			switch p[i] {
			case '"':
				e := stringEnd(p, i)
				if e < 0 {
					return 0, short
				}
				i = e - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1, parsed
				}
			}
		}
		return 0, short
	}
	for i, c := range p {
		switch c {
		case ' ', '\t', '\n', '\r', ',', ']', '}', '{', '[', '"', ':':
			return max(i, 1), parsed
		}
	}
	if eof {
		return len(p), parsed
	}
	return 0, short
}

// stringEnd returns the index after the string starting at p[i], or -1
// when p ends first. It jumps from quote to quote (bytes.IndexByte), a
// quote ending the string unless an odd run of backslashes precedes it.
func stringEnd(p []byte, i int) int {
	// Most strings of a record are short (codes, tags, indicators): a
	// loop over the first bytes beats the call.
	for j := i + 1; j < min(len(p), i+24); j++ {
		switch p[j] {
		case '"':
			return j + 1
		case '\\':
			goto long
		}
	}
long:
	for i++; ; {
		k := bytes.IndexByte(p[i:], '"')
		if k < 0 {
			return -1
		}
		j := i + k
		n := 0
		for b := j - 1; b >= i && p[b] == '\\'; b-- {
			n++
		}
		if n%2 == 0 {
			return j + 1
		}
		i = j + 1
	}
}

// plain marks the string bytes copied as they are: not '"', '\\', a
// control character or a byte outside ASCII.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// cursor is the fast path's position in one value.
type cursor struct {
	p   []byte
	i   int
	st  status // short or other once a step fails
	ctl bool   // a raw control character was read in a string
}

func (c *cursor) fail(st status) bool {
	if c.st == parsed {
		c.st = st
	}
	return false
}

// ws skips white space and reports whether a byte follows.
func (c *cursor) ws() bool {
	for ; c.i < len(c.p); c.i++ {
		switch c.p[c.i] {
		case ' ', '\t', '\n', '\r':
		default:
			return true
		}
	}
	return c.fail(short)
}

// expect consumes the byte b after white space.
func (c *cursor) expect(b byte) bool {
	if !c.ws() {
		return false
	}
	if c.p[c.i] != b {
		return c.fail(other)
	}
	c.i++
	return true
}

// next consumes ',' (true) or the closing byte (false) after white space.
func (c *cursor) next(closing byte) (more bool) {
	if !c.ws() {
		return false
	}
	switch c.p[c.i] {
	case ',':
		c.i++
		return true
	case closing:
		c.i++
		return false
	}
	return c.fail(other)
}

// key reads an object key without escapes or bytes outside ASCII, and its
// colon.
func (c *cursor) key() []byte {
	if !c.expect('"') {
		return nil
	}
	start := c.i
	for ; c.i < len(c.p); c.i++ {
		b := c.p[c.i]
		if b == '"' {
			k := c.p[start:c.i]
			c.i++
			if !c.expect(':') {
				return nil
			}
			return k
		}
		if !plain[b] {
			c.fail(other)
			return nil
		}
	}
	c.fail(short)
	return nil
}

// str reads a string value, decoded, into dst.
func (c *cursor) str(dst []byte, strict bool) ([]byte, bool) {
	if !c.expect('"') {
		return dst, false
	}
	p, i := c.p, c.i
	start := i
	for i < len(p) {
		b := p[i]
		if plain[b] {
			i++
			continue
		}
		switch {
		case b == '"':
			c.i = i + 1
			return append(dst, p[start:i]...), true
		case b == '\\':
			dst = append(dst, p[start:i]...)
			if i+1 >= len(p) {
				return dst, c.fail(short)
			}
			var e byte
			switch p[i+1] {
			case '"', '\\', '/':
				e = p[i+1]
			case 'b':
				e = '\b'
			case 'f':
				e = '\f'
			case 'n':
				e = '\n'
			case 'r':
				e = '\r'
			case 't':
				e = '\t'
			case 'u':
				if i+6 > len(p) {
					return dst, c.fail(short)
				}
				v := 0
				for _, h := range p[i+2 : i+6] {
					switch {
					case '0' <= h && h <= '9':
						h -= '0'
					case 'a' <= h && h <= 'f':
						h -= 'a' - 10
					case 'A' <= h && h <= 'F':
						h -= 'A' - 10
					default:
						return dst, c.fail(other)
					}
					v = v<<4 | int(h)
				}
				if 0xD800 <= v && v < 0xE000 {
					return dst, c.fail(other) // surrogates: encoding/json's rules
				}
				dst = utf8.AppendRune(dst, rune(v))
				i += 6
				start = i
				continue
			default:
				return dst, c.fail(other)
			}
			dst = append(dst, e)
			i += 2
			start = i
		case b < 0x20:
			if strict {
				return dst, c.fail(other)
			}
			c.ctl = true
			i++
		default:
			if !utf8.FullRune(p[i:]) {
				return dst, c.fail(short)
			}
			ru, size := utf8.DecodeRune(p[i:])
			if ru == utf8.RuneError && size == 1 {
				return dst, c.fail(other) // encoding/json makes it U+FFFD
			}
			i += size
		}
	}
	return dst, c.fail(short)
}

// oneASCII reads a one-byte ASCII string value (indicator).
func (c *cursor) oneASCII(r *valueParser) (byte, bool) {
	var ok bool
	r.str, ok = c.str(r.str[:0], r.strict)
	if !ok {
		return 0, false
	}
	if len(r.str) != 1 || r.str[0] >= 0x80 {
		return 0, c.fail(other)
	}
	return r.str[0], true
}

// parseRecord reads the usual record object at the start of p into r.b,
// returning its length; short when p ends inside it, other when it is not
// of the usual shape.
func (r *valueParser) parseRecord(p []byte) (int, status) {
	c := &cursor{p: p}
	if !c.expect('{') {
		return 0, c.st
	}
	seenLeader, seenFields := false, false
	for more := true; more; more = c.next('}') {
		k := c.key()
		if k == nil {
			return 0, c.st
		}
		switch string(k) {
		case "leader":
			if seenLeader {
				return 0, other
			}
			var ok bool
			if r.str, ok = c.str(r.str[:0], r.strict); !ok {
				return 0, c.st
			}
			if len(r.str) != view.LeaderLen {
				return 0, other
			}
			var l view.Leader
			for i, b := range r.str {
				if b >= 0x80 {
					return 0, other
				}
				l[i] = b
			}
			// JSON strings are Unicode whatever leader/09 says (pymarc
			// keeps a MARC-8 record's blank there): the record is UTF-8 now.
			l[9] = 'a'
			r.b.Reset(l)
			r.b.Overlong = true
			seenLeader = true
		case "fields":
			if !seenLeader || seenFields {
				return 0, other
			}
			if !r.fields(c) {
				return 0, c.st
			}
			seenFields = true
		default:
			return 0, other
		}
	}
	if c.st != parsed {
		return 0, c.st
	}
	if !seenFields {
		return 0, other
	}
	if c.ctl {
		r.rs.Repaired(repairControl)
	}
	return c.i, parsed
}

// fields reads the "fields" array into r.b.
func (r *valueParser) fields(c *cursor) bool {
	if !c.expect('[') || !c.ws() {
		return false
	}
	if c.p[c.i] == ']' {
		c.i++
		return true
	}
	for more := true; more; more = c.next(']') {
		if !c.expect('{') {
			return false
		}
		tag := c.key()
		if tag == nil {
			return false
		}
		if len(tag) != 3 || !c.ws() {
			return c.fail(other)
		}
		switch c.p[c.i] {
		case '"':
			var ok bool
			if r.str, ok = c.str(r.str[:0], r.strict); !ok {
				return false
			}
			r.b.AddField(string(tag), r.str)
		case '{':
			if !r.dataField(c, tag) {
				return false
			}
		default:
			return c.fail(other)
		}
		if !c.expect('}') {
			return false
		}
	}
	return c.st == parsed
}

// dataField reads a data field's object ("ind1", "ind2" and "subfields",
// in any order, each once) into r.b.
func (r *valueParser) dataField(c *cursor, tag []byte) bool {
	c.i++ // '{'
	r.content = append(r.content[:0], 0, 0)
	var have [3]bool
	for more := true; more; more = c.next('}') {
		k := c.key()
		if k == nil {
			return false
		}
		switch string(k) {
		case "ind1", "ind2":
			n := k[3] - '1'
			if have[n] {
				return c.fail(other)
			}
			b, ok := c.oneASCII(r)
			if !ok {
				return false
			}
			r.content[n], have[n] = b, true
		case "subfields":
			if have[2] {
				return c.fail(other)
			}
			have[2] = true
			if !r.subfields(c) {
				return false
			}
		default:
			return c.fail(other)
		}
	}
	if c.st != parsed || !have[0] || !have[1] {
		return c.fail(other)
	}
	r.b.AddField(string(tag), r.content)
	return true
}

// subfields reads a "subfields" array of one-code objects onto r.content.
func (r *valueParser) subfields(c *cursor) bool {
	if !c.expect('[') || !c.ws() {
		return false
	}
	if c.p[c.i] == ']' {
		c.i++
		return true
	}
	for more := true; more; more = c.next(']') {
		if !c.expect('{') {
			return false
		}
		k := c.key()
		if k == nil {
			return false
		}
		if len(k) != 1 {
			return c.fail(other)
		}
		r.content = append(r.content, view.SubfieldDelimiter, k[0])
		var ok bool
		if r.content, ok = c.str(r.content, r.strict); !ok {
			return false
		}
		if !c.expect('}') {
			return false
		}
	}
	return c.st == parsed
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

type jsonRecord struct {
	Leader *string                      `json:"leader"`
	Fields []map[string]json.RawMessage `json:"fields"`
}

type jsonDataField struct {
	Ind1      *string             `json:"ind1"`
	Ind2      *string             `json:"ind2"`
	Subfields []map[string]string `json:"subfields"`
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
func (r *valueParser) oneByte(s string) (byte, bool) {
	if len(s) == 1 {
		return s[0], true
	}
	if !r.strict && utf8.RuneCountInString(s) == 1 {
		r.rs.Repaired("indicator or subfield code " + strconv.Quote(s) + " is not one ASCII byte: read as '?'")
		return '?', true
	}
	return 0, false
}

func (r *valueParser) build(raw json.RawMessage) (view.Record, error) {
	var jr jsonRecord
	if err := json.Unmarshal(raw, &jr); err != nil {
		return view.Record{}, errRecord
	}
	if jr.Leader == nil {
		return view.Record{}, errNoLeader
	}
	l, ok := r.rs.Leader(*jr.Leader)
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
