package marcxml

import (
	"bytes"
	"errors"
	"io"
	"iter"
	"unicode"
	"unicode/utf8"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/readerstate"
	"github.com/marcmap/marcmap/internal/window"
	"github.com/marcmap/marcmap/view"
)

// Reader reads records from MARCXML, streaming: a file of millions of
// records is never held in memory as one tree. It takes <record> elements
// anywhere (in a <collection> or alone, prefixed or not, in the MARC21 slim
// namespace or none) and builds each into an ISO 2709 record, so everything
// downstream works the same whatever the input format.
//
// A record with a structural fault (no tag attribute, a tag that is not
// three characters, an indicator or code that is not one character, a
// leader that is not 24 characters) is an error naming the record and the
// input line; in lenient mode (the default) the Reader skips it and goes
// on. Records come out in UTF-8 with leader/09 set to 'a', since XML text
// is Unicode whatever the leader said. Lenient mode also reads C0 control
// characters XML forbids as U+FFFD, a one-character indicator or code
// outside ASCII (which cannot be one ISO 2709 byte) as '?', and a leader of
// 24 characters with some outside ASCII with blanks there (each reported,
// see Repair). XML that is otherwise not well-formed stops the reader.
//
// The Reader parses by hand, in one pass over a buffer that holds at least
// the current record: on a stream, up to 16 MB (a longer record, or other
// construct, is an error that ends the reading, so that memory stays
// bounded); NewBytesReader reads in place with no such bound. A record
// of the usual shape (leader, controlfield, datafield and subfield
// elements; entities, character references, CDATA and comments in their
// text) is built as it is read. Anything else goes through encoding/xml's
// rules: a record of another shape (or with a fault) is read by itself
// through them, and the rest of a document from a construct outside the
// records that the parser leaves alone (a DOCTYPE, an encoding other than
// UTF-8, a processing instruction other than the XML declaration, an end
// tag that does not match) is read through them to the end, so that every
// input reads as encoding/xml reads it. Use one Reader per goroutine.
type Reader struct {
	st      readerstate.State
	w       *window.W
	o       Options
	tok     *tokenReader // the rest of the document, through encoding/xml
	tokIdx  int          // records before tok's first
	tokLine int          // add to tok's lines
	tokOff  int64        // input offset of tok's first byte, less the start tags put before it
	tokRead *byteCount   // bytes tok has read (before its control-character filter)
	elemParser
	line     int
	unparsed bool    // see Unparsed
	elem     Element // the current unparsed element
	elemOK   bool
	open     [][]byte // start tags of the open elements outside records
	element  bool     // an element was seen: the input is XML
	loose    bool     // text was seen outside any element
	part     bool     // a part that is not the last: see NewPartReader
	partOpen [][]byte // the open elements a part ends cleanly with
	clean    bool     // the part ended between two records
}

const maxRecord = 16 << 20 // the longest record (or other item) the Reader holds

// NewReader returns a Reader on r. Options.Strict makes the first bad
// record stop it.
func NewReader(r io.Reader, o Options) *Reader {
	rd := &Reader{w: window.New(r, maxRecord), o: o}
	rd.elemParser.o = o
	rd.st.Init(o.Strict)
	return rd
}

// NewBytesReader returns a Reader on the whole input in memory, a mapped
// file say: it parses data in place, with no copy and no bound on a
// record's length, and the Raw of an unparsed Element is a slice of data.
// data must not change while the Reader or such an Element is in use.
func NewBytesReader(data []byte, o Options) *Reader {
	rd := &Reader{w: window.Bytes(data), o: o}
	rd.elemParser.o = o
	rd.st.Init(o.Strict)
	return rd
}

// Prolog is what a part of a document (see NewPartReader) starts with:
// the elements open around the records, and the name of their start tags.
type Prolog struct {
	open  [][]byte
	loose bool
	start []byte // "<" and the first record's qualified name
}

// ReadProlog reads data, a MARCXML document, up to its first record
// element. It returns false when the document is not read in parts: no
// record element, or a document read through encoding/xml (a DOCTYPE, an
// encoding other than UTF-8).
func ReadProlog(data []byte, o Options) (Prolog, bool) {
	rd := NewBytesReader(data, o)
	rd.Unparsed(true)
	if !rd.Scan() || rd.tok != nil || !rd.elemOK || !rd.elem.record {
		return Prolog{}, false
	}
	c := cursor{p: rd.elem.Raw}
	t := c.tag()
	if c.st != parsed || len(t.name) == 0 {
		return Prolog{}, false
	}
	return Prolog{open: rd.open, loose: rd.loose, start: append([]byte{'<'}, t.name...)}, true
}

// Cut returns the first place at or after from where a record element's
// start tag begins (as the first record's is named), or -1: where a part
// may start.
func (p Prolog) Cut(data []byte, from int) int {
	for from < len(data) {
		k := bytes.Index(data[from:], p.start)
		if k < 0 {
			return -1
		}
		at := from + k
		if e := at + len(p.start); e < len(data) && (isSpace(data[e]) || data[e] == '>' || data[e] == '/') {
			return at
		}
		from = at + 1
	}
	return -1
}

// NewPartReader returns a Reader on data[start:end], a part of the MARCXML
// document data (all of it in memory), so that goroutines can read one
// document a part each: the first part starts at 0, any other where a
// record element starts (Prolog.Cut). Indexes in errors are the part's,
// -1 naming the record before the part's first (as the whole document's
// Reader names the last record for an error between records); lines are
// the part's, line 1 the one start is on. A part other than the last
// (last false) is expected to end between two records: the Reader then
// stops there without an error and Clean reports true; a part cut
// anywhere else ends with the error its end causes. Reading the parts
// one after another, each from where the one before ended cleanly, gives
// what a Reader on the whole of data gives.
func NewPartReader(data []byte, start, end int, p Prolog, last bool, o Options) *Reader {
	rd := NewBytesReader(data[start:end], o)
	rd.part, rd.partOpen = !last, p.open
	if start > 0 {
		rd.open = append([][]byte(nil), p.open...)
		rd.element, rd.loose = true, p.loose
		rd.line = 1 // (records came before: see syntax)
	}
	return rd
}

// Clean reports whether a part Reader (see NewPartReader) stopped between
// two records at the end of its part.
func (r *Reader) Clean() bool { return r.clean }

// Consumed returns how many bytes of the input the Reader has read past,
// for progress reports.
func (r *Reader) Consumed() int64 {
	if r.w != nil {
		return r.w.Offset(r.w.Pos)
	}
	if r.tok != nil {
		return max(r.tokOff+r.tokRead.n, 0)
	}
	return 0
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

// Repair returns what lenient reading repaired in the current record (a
// datafield without indicators, an element that is not a subfield, a code
// that is not one ASCII byte), or "". The record then has
// view.RepairText.
func (r *Reader) Repair() string { return r.st.Repair() }

// Line returns the input line where the current record starts.
func (r *Reader) Line() int { return r.line }

type status uint8

const (
	parsed status = iota // a whole item read
	short                // the buffer ends inside the item
	other                // not the usual shape: encoding/xml's way
)

// Scan advances to the next record (or, in lenient mode, bad record). It
// returns false at the end of input or on a fatal error (see Err).
func (r *Reader) Scan() bool {
	if r.st.Done() {
		return false
	}
	r.st.Clear()
	r.elemOK = false
	if r.tok != nil {
		return r.fromTok()
	}
	w := r.w
	for {
		// Text up to the next tag.
		c := cursor{p: w.In, i: w.Pos, strict: r.o.Strict, track: !r.element}
		_, nonSpace := c.chars(nil, false)
		c.track = false
		if c.st == short {
			// Text read so far is done with (white space between records
			// does not fill the window).
			if nonSpace && !r.element {
				r.loose = true
			}
			w.Pos = c.i
		}
		if r.retry(c.st) {
			continue // (a failed More moved the buffer too: start again)
		}
		if c.st == other {
			return r.resume()
		}
		if nonSpace && !r.element {
			r.loose = true
		}
		w.Pos = c.i
		if c.i >= len(c.p) {
			return r.end()
		}
		if c.st == short {
			return r.resume() // cut inside a reference or CDATA section
		}
		// A tag: c.p[c.i] == '<'.
		item := c.i
		t := c.tag()
		startEnd := c.tagEnd
		if r.retry(c.st) {
			continue
		}
		if c.st != parsed {
			return r.resume()
		}
		switch t.kind {
		case tagComment, tagPI:
			w.Pos = c.i
			continue
		case tagEnd:
			n := len(r.open)
			if n == 0 || !bytes.Equal(startName(r.open[n-1]), t.name) {
				return r.resume()
			}
			r.open = r.open[:n-1]
			w.Pos = c.i
			continue
		}
		r.element = true
		switch local := localName(t.name); {
		case r.unparsed && (string(local) == "record" || outsideRecord(string(local))):
			idx := r.st.Next()
			r.line = w.Line(startEnd)
			isRecord := string(local) == "record" // (before elementEnd moves the buffer under local)
			end, ok := r.elementEnd()
			if !ok {
				return r.tooLong()
			}
			r.elem = Element{Raw: w.In[w.Pos:end:end], Index: idx, Line: r.line, first: w.Line(w.Pos), record: isRecord}
			r.elemOK = true
			w.Pos = end
			return r.st.Good(view.Record{})
		case string(local) == "record":
			r.b.Reset(view.Leader{})
			r.b.Overlong = true
			st := other // <record/>: no leader, a fault encoding/xml's way names
			if !t.empty {
				st = r.record(&c, t.name)
			}
			if r.retry(st) {
				continue
			}
			idx := r.st.Next()
			r.line = w.Line(startEnd)
			if st != parsed {
				return r.fragment(idx)
			}
			w.Pos = c.i
			rec, err := r.finish()
			if err != nil {
				return r.bad(idx, err)
			}
			return r.st.Good(rec)
		case outsideRecord(string(local)):
			idx := r.st.Next()
			r.line = w.Line(startEnd)
			return r.fragment(idx)
		}
		if !t.empty {
			r.open = append(r.open, bytes.Clone(c.p[item:c.i]))
		}
		w.Pos = c.i
	}
}

// retry reports whether an item cut short by the end of the buffer is to
// be read again from its start: after reading more, or, when nothing more
// came, once more to see the end of input with the buffer as it is now.
func (r *Reader) retry(st status) bool {
	w := r.w
	if st != short || w.EOF || w.TooBig {
		return false
	}
	w.More()
	return true
}

func sameTags(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// startName returns the name in a start tag.
func startName(tag []byte) []byte {
	i := 1
	for i < len(tag) && isNameByte(tag[i]) {
		i++
	}
	return tag[1:i]
}

// tooLong handles the current item when the window cannot hold it (or
// reading failed).
func (r *Reader) tooLong() bool {
	if r.w.Err != nil {
		return r.st.Stop(r.w.Err)
	}
	return r.resume()
}

// end is the end of input outside any record.
func (r *Reader) end() bool {
	w := r.w
	if w.Err != nil {
		return r.st.Stop(w.Err)
	}
	if w.TooBig {
		return r.resume() // (a construct longer than the window: an error)
	}
	if r.part && sameTags(r.open, r.partOpen) {
		r.clean = true
		return r.st.Stop(nil)
	}
	if len(r.open) > 0 {
		return r.st.Stop(r.syntax(w.Line(len(w.In)), "XML: unexpected EOF"))
	}
	if r.loose && !r.element {
		return r.st.Stop(&view.RecordError{Offset: -1, Index: -1, Line: w.Line(len(w.In)), Pos: -1,
			Err: view.Detail(view.ErrSyntax, "text but no XML element: the input is not MARCXML")})
	}
	return r.st.Stop(nil)
}

func (r *Reader) syntax(line int, msg string) *view.RecordError {
	idx := r.st.Index()
	if r.line == 0 {
		idx = -1
	}
	return &view.RecordError{Offset: -1, Index: idx, Line: line, Pos: -1, Err: view.Detail(view.ErrSyntax, msg)}
}

func (r *Reader) bad(idx int, err error) bool {
	var re *view.RecordError
	if !errors.As(err, &re) {
		re = &view.RecordError{Pos: -1, Err: err}
	}
	re.Index, re.Offset, re.Line = idx, -1, r.line
	return r.st.Bad(re)
}

func (r *elemParser) finish() (view.Record, error) {
	var err error
	r.buf, err = r.b.Append(r.buf[:0])
	if err != nil {
		return view.Record{}, err
	}
	return iso2709.View(r.buf)
}

// resume reads the rest of the document, from w.Pos, through encoding/xml,
// after the start tags of the elements open there.
func (r *Reader) resume() bool {
	w := r.w
	if w.TooBig {
		// A stream's items are bounded (see Reader): encoding/xml, which
		// has none, is not given the rest. (In place there is no window
		// to outgrow.)
		return r.st.Stop(r.syntax(w.Line(w.Pos), "a record or other item longer than 16 MB"))
	}
	var prefix []byte
	for _, s := range r.open {
		prefix = append(prefix, s...)
	}
	lineAt := w.Line(w.Pos)
	r.tokLine = lineAt - 1 - bytes.Count(prefix, []byte{'\n'})
	r.tokOff = w.Offset(w.Pos) - int64(len(prefix))
	// The window is not used again: the rest of it is read in place.
	src := io.MultiReader(bytes.NewReader(prefix), bytes.NewReader(w.In[w.Pos:]))
	if !w.EOF {
		src = io.MultiReader(src, w.Src())
	} else if w.Err != nil {
		src = io.MultiReader(src, errReader{w.Err})
	}
	r.tokRead = &byteCount{r: src}
	r.tok = newTokenReader(r.tokRead, r.o)
	r.tok.element, r.tok.loose = r.element, r.loose
	r.tokIdx = r.st.Index() + 1
	r.w = nil
	return r.fromTok()
}

type errReader struct{ err error }

// byteCount counts the bytes read through it.
type byteCount struct {
	r io.Reader
	n int64
}

func (c *byteCount) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// fromTok passes on tok's next item, with its index and line in the
// whole input.
func (r *Reader) fromTok() bool {
	t := r.tok
	if !t.Scan() {
		err := shift(t.Err(), r.tokIdx, r.tokLine)
		var re *view.RecordError
		if errors.As(err, &re) && re.Index < 0 && r.line != 0 {
			re.Index = r.st.Index() // as syntax names the last record
		}
		return r.st.Stop(err)
	}
	r.st.Next()
	r.line = t.Line() + r.tokLine
	if s := t.Repair(); s != "" {
		r.st.Repaired(s)
	}
	if err := t.Err(); err != nil {
		return r.st.Bad(shift(err, r.tokIdx, r.tokLine).(*view.RecordError))
	}
	return r.st.Good(t.Record())
}

// shift moves a RecordError of a part of the input to its place in the
// whole.
func shift(err error, idx, line int) error {
	var re *view.RecordError
	if !errors.As(err, &re) {
		return err
	}
	c := *re
	if c.Index >= 0 {
		c.Index += idx
	}
	if c.Line > 0 {
		c.Line += line
	}
	return &c
}

// fragment reads the element that starts at In[Pos] by itself through
// encoding/xml: a record of unusual shape, or a field outside any record.
func (r *Reader) fragment(idx int) bool {
	w := r.w
	end, ok := r.elementEnd()
	if !ok {
		return r.tooLong()
	}
	first := w.Line(w.Pos)
	raw := w.In[w.Pos:end]
	w.Pos = end
	rec, repair, err, fatal := r.elemParser.fragment(raw, idx, r.line, first)
	if repair != "" {
		r.st.Repaired(repair)
	}
	switch {
	case fatal:
		return r.st.Stop(err)
	case err != nil:
		return r.st.Bad(err.(*view.RecordError))
	}
	return r.st.Good(rec)
}

// elementEnd returns the end of the element that starts at In[Pos] (the
// end of input when it is not closed), reading more as needed; false when
// the window cannot hold it or the input fails.
func (r *Reader) elementEnd() (int, bool) {
	w := r.w
	for {
		c := cursor{p: w.In, i: w.Pos}
		c.elementEnd()
		if c.st == parsed {
			return c.i, true
		}
		if !w.More() {
			if w.TooBig || w.Err != nil {
				return 0, false
			}
			return len(w.In), true // to the end: encoding/xml names the fault
		}
	}
}

// Unparsed makes Scan find each <record> element (and each field outside
// any record) without building it: Element then returns it, Record the
// zero Record, and an ElementParser builds it, on any goroutine. This is
// how package marcmap reads MARCXML on several cores: one goroutine finds
// the elements (a fraction of the work), others build them. Building
// every element of an unparsed Reader in order gives exactly what the
// Reader gives parsing them itself. Set it before the first Scan.
func (r *Reader) Unparsed(on bool) { r.unparsed = on }

// Element is a record element an unparsed Reader found.
type Element struct {
	Raw    []byte // the element, '<' to '>' (to the end of input when not closed)
	Index  int    // the item's index
	Line   int    // the line where its start tag ends (Reader.Line)
	first  int    // the line of its '<'
	record bool   // a <record>, not a field outside any record
}

// Element returns the current item's unparsed element, valid until the
// next Scan; false when the item is a record already built (a document
// read through encoding/xml) or a bad record.
func (r *Reader) Element() (Element, bool) { return r.elem, r.elemOK }

// ElementParser builds the elements of an unparsed Reader. Use one per
// goroutine.
type ElementParser struct{ p elemParser }

// Release drops the buffers a record of megabytes made the ElementParser
// grow; call it when the last record Parse returned is no longer used, so
// that an idle ElementParser holds little.
func (ep *ElementParser) Release() { ep.p.shrink() }

// NewElementParser returns an ElementParser for a Reader with options o.
func NewElementParser(o Options) *ElementParser { return &ElementParser{elemParser{o: o}} }

// Parse builds e: the record (valid until the next Parse) and what was
// repaired, or the item's error: a bad record, or with fatal set XML that
// is not well-formed, which ends the document (the Reader would have
// stopped there). A bad record ends the document too in strict mode.
func (ep *ElementParser) Parse(e Element) (rec view.Record, repair string, err error, fatal bool) {
	p := &ep.p
	if e.record {
		c := cursor{p: e.Raw, strict: p.o.Strict}
		if t := c.tag(); c.st == parsed && !t.empty {
			p.b.Reset(view.Leader{})
			p.b.Overlong = true
			if p.record(&c, t.name) == parsed && c.i == len(e.Raw) {
				rec, err := p.finish()
				if err != nil {
					var re *view.RecordError
					if !errors.As(err, &re) {
						re = &view.RecordError{Pos: -1, Err: err}
					}
					re.Index, re.Offset, re.Line = e.Index, -1, e.Line
					re.Stop = p.o.Strict
					return view.Record{}, "", re, p.o.Strict
				}
				return rec, "", nil, false
			}
		}
	}
	rec, repair, err, fatal = p.fragment(e.Raw, e.Index, e.Line, e.first)
	if err != nil && p.o.Strict {
		err.(*view.RecordError).Stop = true
		fatal = true
	}
	return rec, repair, err, fatal
}

// elemParser builds records from <record> elements: the Reader's own, and
// one per goroutine of an unparsed Reader's records (see Unparsed).
type elemParser struct {
	o       Options
	b       iso2709.Builder
	buf     []byte
	text    []byte
	content []byte
}

// shrink drops the buffers a record of megabytes grew.
func (p *elemParser) shrink() {
	const keep = 1 << 20
	if cap(p.buf) > keep || cap(p.text) > keep || cap(p.content) > keep {
		p.buf, p.text, p.content = nil, nil, nil
		p.b = iso2709.Builder{}
	}
}

// fragment reads raw, one element (a record, or a field outside any
// record) through encoding/xml: the record, or its error (a bad record,
// or with fatal set XML that ends the document), and what was repaired.
// idx is the item's index, line and first the lines of its start tag's
// end and of its '<'.
func (p *elemParser) fragment(raw []byte, idx, line, first int) (rec view.Record, repair string, err error, fatal bool) {
	t := newTokenReader(bytes.NewReader(raw), p.o)
	if !t.Scan() {
		err := t.Err()
		if err == nil {
			err = &view.RecordError{Offset: -1, Index: 0, Line: 1, Pos: -1, Err: view.Detail(view.ErrSyntax, "XML: unexpected EOF")}
		}
		err = shift(err, idx, first-1)
		var re *view.RecordError
		if errors.As(err, &re) && re.Index < 0 {
			re.Index = idx - 1 // a field outside records: as syntax names the last item
		}
		return view.Record{}, "", err, true
	}
	repair = t.Repair()
	if err := t.Err(); err != nil {
		var re *view.RecordError
		errors.As(shift(err, idx, first-1), &re)
		re.Line = line
		return view.Record{}, repair, re, false
	}
	p.buf = append(p.buf[:0], t.Record().Bytes()...)
	rec, err = iso2709.View(p.buf)
	if err != nil {
		var re *view.RecordError
		if !errors.As(err, &re) {
			re = &view.RecordError{Pos: -1, Err: err}
		}
		re.Index, re.Offset, re.Line = idx, -1, line
		return view.Record{}, repair, re, false
	}
	return rec, repair, nil, false
}

// cursor is the hand-written parser's position in the buffer.
type cursor struct {
	p      []byte
	i      int
	st     status
	strict bool
	track  bool // chars tells white space from other text
	tagEnd int  // index after the last tag's '>'
	attrs  [8]attrSpan
	nattr  int // -1: more than fit
}

type attrSpan struct{ local, value []byte }

func (c *cursor) fail(st status) bool {
	if c.st == parsed {
		c.st = st
	}
	return false
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

func isNameByte(b byte) bool {
	return 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || '0' <= b && b <= '9' ||
		b == '_' || b == ':' || b == '.' || b == '-'
}

// textByte marks the bytes character data copies as they are.
var textByte = func() (t [256]bool) {
	for b := 0x20; b < 0x80; b++ {
		t[b] = b != '<' && b != '&' && b != ']'
	}
	t['\t'], t['\n'] = true, true
	return t
}()

// attrByte marks the bytes an attribute value holds on the fast path.
var attrByte = func() (t [256]bool) {
	t = textByte
	t[']'], t['\t'], t['\n'] = true, false, false
	return t
}()

// localName is a tag's name without its prefix, as encoding/xml splits
// it.
func localName(name []byte) []byte {
	if k := bytes.IndexByte(name, ':'); k > 0 && k < len(name)-1 {
		return name[k+1:]
	}
	return name
}

// name reads an XML name of ASCII name bytes (at most one colon).
func (c *cursor) name() []byte {
	p, i := c.p, c.i
	if i >= len(p) {
		c.fail(short)
		return nil
	}
	if b := p[i]; !('A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || b == '_' || b == ':') {
		c.fail(other)
		return nil
	}
	colons := 0
	for ; i < len(p) && isNameByte(p[i]); i++ {
		if p[i] == ':' {
			colons++
		}
	}
	if i >= len(p) {
		c.fail(short)
		return nil
	}
	if p[i] >= utf8.RuneSelf || colons > 1 {
		c.fail(other)
		return nil
	}
	n := p[c.i:i]
	c.i = i
	return n
}

func (c *cursor) space() bool {
	for ; c.i < len(c.p); c.i++ {
		if !isSpace(c.p[c.i]) {
			return true
		}
	}
	return c.fail(short)
}

type tagKind uint8

const (
	tagStart tagKind = iota
	tagEnd
	tagComment
	tagPI
)

type tagInfo struct {
	kind  tagKind
	name  []byte
	empty bool // <x/>
}

// tag reads the markup at c.p[c.i] == '<' (not CDATA, which chars reads):
// a start or end tag, a comment, or the XML declaration.
func (c *cursor) tag() (t tagInfo) {
	p := c.p
	start := c.i
	if start+1 >= len(p) {
		c.fail(short)
		return
	}
	switch p[start+1] {
	case '/':
		c.i += 2
		t.kind, t.name = tagEnd, c.name()
		if t.name == nil || !c.space() {
			return
		}
		if p[c.i] != '>' {
			c.fail(other)
			return
		}
		c.i++
		c.tagEnd = c.i
		return
	case '?':
		end := bytes.Index(p[start+2:], []byte("?>"))
		if end < 0 {
			c.fail(short)
			return
		}
		end += 2
		body := p[start+2 : start+end]
		if !bytes.HasPrefix(body, []byte("xml ")) || !declOK(body) {
			c.fail(other)
			return
		}
		t.kind = tagPI
		c.i = start + end + 2
		return
	case '!':
		if len(p)-start < 4 {
			c.fail(short)
			return
		}
		if p[start+2] != '-' || p[start+3] != '-' {
			c.fail(other)
			return
		}
		k := bytes.Index(p[start+4:], []byte("--"))
		if k < 0 || start+4+k+2 >= len(p) {
			c.fail(short)
			return
		}
		if p[start+4+k+2] != '>' || !textOK(p[start+4:start+4+k]) {
			c.fail(other)
			return
		}
		t.kind = tagComment
		c.i = start + 4 + k + 3
		return
	}
	c.i++
	t.name = c.name()
	if t.name == nil {
		return
	}
	c.nattr = 0
	for {
		if !c.space() {
			return
		}
		switch p[c.i] {
		case '>':
			c.i++
			c.tagEnd = c.i
			return
		case '/':
			if c.i+1 >= len(p) {
				c.fail(short)
				return
			}
			if p[c.i+1] != '>' {
				c.fail(other)
				return
			}
			c.i += 2
			c.tagEnd = c.i
			t.empty = true
			return
		}
		an := c.name()
		if an == nil || !c.space() {
			return
		}
		if p[c.i] != '=' {
			c.fail(other)
			return
		}
		c.i++
		if !c.space() {
			return
		}
		q := p[c.i]
		if q != '"' && q != '\'' {
			c.fail(other)
			return
		}
		// Values are short (a tag, an indicator, a code): one loop finds
		// the quote and checks the bytes.
		vs := c.i + 1
		e := vs
		for e < len(p) && p[e] != q && attrByte[p[e]] {
			e++
		}
		if e == len(p) || p[e] != q {
			if e == len(p) || bytes.IndexByte(p[e:], q) < 0 {
				c.fail(short) // no end within reach
			} else {
				// '<', '&', control characters, line ends and tabs, bytes
				// outside ASCII: encoding/xml's way.
				c.fail(other)
			}
			return
		}
		v := p[vs:e]
		c.i = e + 1
		if c.nattr >= 0 && c.nattr < len(c.attrs) {
			c.attrs[c.nattr] = attrSpan{localName(an), v}
			c.nattr++
		} else {
			c.nattr = -1
		}
	}
}

// attr returns the value of the attribute whose local name is name, false
// when there is none or more than one, or too many attributes to tell.
func (c *cursor) attr(name string) ([]byte, bool) {
	if c.nattr < 0 {
		return nil, false
	}
	var v []byte
	found := false
	for _, a := range c.attrs[:c.nattr] {
		if string(a.local) == name {
			if found {
				return nil, false
			}
			v, found = a.value, true
		}
	}
	return v, found
}

// declOK reports whether an XML declaration's body ("xml version=...")
// is one the parser reads: version 1.0, encoding UTF-8 or none, nothing
// outside ASCII.
func declOK(body []byte) bool {
	if !textOK(body) {
		return false
	}
	val := func(key string) (string, bool) {
		k := bytes.Index(body, []byte(key))
		if k < 0 {
			return "", false
		}
		rest := bytes.TrimLeft(body[k+len(key):], " \t\r\n")
		if len(rest) == 0 || rest[0] != '=' {
			return "", true
		}
		rest = bytes.TrimLeft(rest[1:], " \t\r\n")
		if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
			return "", true
		}
		e := bytes.IndexByte(rest[1:], rest[0])
		if e < 0 {
			return "", true
		}
		return string(rest[1 : 1+e]), true
	}
	if v, ok := val("version"); ok && v != "1.0" {
		return false
	}
	if v, ok := val("encoding"); ok && !bytes.EqualFold([]byte(v), []byte("utf-8")) {
		return false
	}
	return true
}

// textOK reports whether b holds only ASCII characters XML allows.
func textOK(b []byte) bool {
	for _, x := range b {
		if x >= utf8.RuneSelf || x < 0x20 && !isSpace(x) {
			return false
		}
	}
	return true
}

// chars reads character data (text, references, CDATA sections and
// comments) up to the next tag, appending the text to dst when keep is
// set. nonSpace reports text other than white space, when c.track is set
// (outside records, where it tells text from XML).
func (c *cursor) chars(dst []byte, keep bool) (out []byte, nonSpace bool) {
	p, i := c.p, c.i
	start := i
	flush := func(end int) {
		if keep {
			dst = append(dst, p[start:end]...)
		}
		if c.track && !nonSpace && len(bytes.TrimSpace(p[start:end])) > 0 {
			nonSpace = true // (Unicode white space, as the token reader's test)
		}
	}
	for i < len(p) {
		b := p[i]
		if textByte[b] {
			i++
			continue
		}
		switch {
		case b == '<':
			if i+1 >= len(p) {
				flush(i)
				c.i = i
				c.fail(short)
				return dst, nonSpace
			}
			if p[i+1] == '!' {
				if len(p)-i < 9 {
					flush(i)
					c.i = i
					c.fail(short)
					return dst, nonSpace
				}
				if bytes.HasPrefix(p[i:], []byte("<![CDATA[")) {
					flush(i)
					k := bytes.Index(p[i+9:], []byte("]]>"))
					if k < 0 {
						c.i = i
						c.fail(short)
						return dst, nonSpace
					}
					start = i + 9
					i = start + k
					if !c.cdataOK(p[start:i]) {
						return dst, nonSpace
					}
					flush(i)
					i += 3
					start = i
					continue
				}
			}
			flush(i)
			c.i = i
			return dst, nonSpace
		case b == '&':
			flush(i)
			k := bytes.IndexByte(p[i:min(i+12, len(p))], ';')
			if k < 0 {
				c.i = i
				if len(p)-i < 12 {
					c.fail(short)
				} else {
					c.fail(other)
				}
				return dst, nonSpace
			}
			ru, ok := entity(p[i+1 : i+k])
			if !ok {
				c.i = i
				c.fail(other)
				return dst, nonSpace
			}
			if keep {
				dst = utf8.AppendRune(dst, ru)
			}
			if !unicode.IsSpace(ru) {
				nonSpace = true
			}
			i += k + 1
			start = i
		case b == ']':
			if len(p)-i < 3 {
				flush(i)
				c.i = i
				c.fail(short)
				return dst, nonSpace
			}
			if p[i+1] == ']' && p[i+2] == '>' {
				c.i = i
				c.fail(other)
				return dst, nonSpace
			}
			i++
		case b == '\r':
			// encoding/xml reads "\r\n" and a lone '\r' as '\n'.
			flush(i)
			if i+1 >= len(p) {
				c.i = i
				c.fail(short)
				return dst, nonSpace
			}
			if keep {
				dst = append(dst, '\n')
			}
			i++
			if p[i] == '\n' {
				i++
			}
			start = i
		case b < 0x20:
			// A C0 control character XML forbids: lenient mode reads it as
			// U+FFFD, strict mode's error is encoding/xml's.
			if c.strict {
				c.i = i
				c.fail(other)
				return dst, nonSpace
			}
			flush(i)
			if keep {
				dst = append(dst, "\uFFFD"...)
			}
			nonSpace = true
			i++
			start = i
		default:
			if !utf8.FullRune(p[i:]) {
				flush(i)
				c.i = i
				c.fail(short)
				return dst, nonSpace
			}
			ru, n := utf8.DecodeRune(p[i:])
			if ru == utf8.RuneError && n == 1 || ru == 0xFFFE || ru == 0xFFFF {
				c.i = i
				c.fail(other)
				return dst, nonSpace
			}
			i += n
		}
	}
	flush(i)
	c.i = i
	c.fail(short)
	return dst, nonSpace
}

// cdataOK checks a CDATA section's text as chars checks text: the parser
// leaves line ends and control characters in it to encoding/xml.
func (c *cursor) cdataOK(b []byte) bool {
	for _, x := range b {
		if x == '\r' || x < 0x20 && !isSpace(x) {
			return c.fail(other)
		}
	}
	if !utf8.Valid(b) || bytes.Contains(b, []byte("\uFFFE")) || bytes.Contains(b, []byte("\uFFFF")) {
		return c.fail(other)
	}
	return true
}

// entity decodes a reference's name (between '&' and ';'): the five XML
// entities and character references to characters XML allows.
func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	digits, base := name[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || len(digits) > 6 {
		return 0, false
	}
	var v rune
	for _, d := range digits {
		switch {
		case '0' <= d && d <= '9':
			v = v*base + rune(d-'0')
		case base == 16 && 'a' <= d && d <= 'f':
			v = v*base + rune(d-'a'+10)
		case base == 16 && 'A' <= d && d <= 'F':
			v = v*base + rune(d-'A'+10)
		default:
			return 0, false
		}
	}
	ok := v == 0x9 || v == 0xA || v == 0xD || 0x20 <= v && v <= 0xD7FF ||
		0xE000 <= v && v <= 0xFFFD || 0x10000 <= v && v <= 0x10FFFF
	return v, ok
}

// elementEnd moves past the end of the element that starts at c.p[c.i]
// (its start tag, or itself when it is empty), following the tags inside
// it: an end tag that closes another element than the one open ends it
// there (encoding/xml then names that fault). Comments, CDATA sections,
// processing instructions and quoted attribute values are skipped, since
// their text may look like tags. Well-formedness is left to encoding/xml.
func (c *cursor) elementEnd() {
	p := c.p
	var stack [16][]byte
	open := stack[:0]
	name := func(i int) int {
		for i < len(p) && (isNameByte(p[i]) || p[i] >= utf8.RuneSelf) {
			i++
		}
		return i
	}
	for i := c.i; ; {
		k := bytes.IndexByte(p[i:], '<')
		if k < 0 {
			c.fail(short)
			return
		}
		i += k
		if len(p)-i < 9 {
			c.fail(short)
			return
		}
		skip := func(open, close string) bool {
			if !bytes.HasPrefix(p[i:], []byte(open)) {
				return false
			}
			if e := bytes.Index(p[i+len(open):], []byte(close)); e >= 0 {
				i += len(open) + e + len(close)
			} else {
				i = len(p)
			}
			return true
		}
		switch p[i+1] {
		case '!':
			if !skip("<!--", "-->") && !skip("<![CDATA[", "]]>") {
				skip("<!", ">")
			}
			continue
		case '?':
			skip("<?", "?>")
			continue
		case '/':
			n := name(i + 2)
			e := 0 // '>' right after the name, as a rule
			if n >= len(p) || p[n] != '>' {
				if e = bytes.IndexByte(p[n:], '>'); e < 0 {
					c.fail(short)
					return
				}
			}
			top := open[len(open)-1]
			open = open[:len(open)-1]
			if !bytes.Equal(top, p[i+2:n]) || len(open) == 0 {
				c.i = n + e + 1
				return
			}
			i = n + e + 1
			continue
		}
		n := name(i + 1)
		if n == i+1 {
			i++ // not a tag: encoding/xml names it
			continue
		}
		// The end of the start tag, past quoted values.
		j := n
		for j < len(p) && p[j] != '>' {
			if q := p[j]; q == '"' || q == '\'' {
				// (a loop: values are short)
				for j++; j < len(p) && p[j] != q; j++ {
				}
				if j == len(p) {
					break
				}
			}
			j++
		}
		if j >= len(p) {
			c.fail(short)
			return
		}
		if p[j-1] != '/' {
			open = append(open, p[i+1:n])
		} else if len(open) == 0 {
			c.i = j + 1 // the element is empty
			return
		}
		i = j + 1
	}
}

// elemText reads an element's text up to its end tag </name>.
func (c *cursor) elemText(dst []byte, name []byte) []byte {
	dst, _ = c.chars(dst, true)
	if c.st != parsed {
		return dst
	}
	t := c.tag()
	if c.st == parsed && (t.kind != tagEnd || !bytes.Equal(t.name, name)) {
		c.fail(other) // an element inside, or a comment: encoding/xml's way
	}
	return dst
}

// oneByte reads an indicator or code: one ASCII byte, or blank for an
// empty indicator.
func oneByte(v []byte, blank bool) (byte, bool) {
	if len(v) == 0 && blank {
		return ' ', true
	}
	if len(v) != 1 {
		return 0, false
	}
	return v[0], true
}

// record reads the content of a <record> element into r.b, up to and
// including its end tag; other when it is not of the usual shape or has a
// fault (encoding/xml's way then reads it and names the fault).
func (r *elemParser) record(c *cursor, name []byte) status {
	haveLeader := false
	for {
		if c.chars(nil, false); c.st != parsed {
			return c.st
		}
		t := c.tag()
		if c.st != parsed {
			return c.st
		}
		switch t.kind {
		case tagComment:
			continue
		case tagPI:
			return other
		case tagEnd:
			if !bytes.Equal(t.name, name) || !haveLeader {
				return other
			}
			return parsed
		}
		if t.empty {
			return other
		}
		switch string(localName(t.name)) {
		case "leader":
			r.text = c.elemText(r.text[:0], t.name)
			if c.st != parsed {
				return c.st
			}
			if len(r.text) != view.LeaderLen || !textOK(r.text) {
				return other
			}
			l := view.Leader(r.text)
			// The text is Unicode whatever leader/09 says (pymarc keeps a
			// MARC-8 record's blank there): the record is UTF-8 now.
			l[9] = 'a'
			r.b.SetLeader(l)
			haveLeader = true
		case "controlfield":
			tag, ok := c.attr("tag")
			if !ok || len(tag) != 3 {
				return other
			}
			var tg [3]byte
			copy(tg[:], tag)
			r.text = c.elemText(r.text[:0], t.name)
			if c.st != parsed {
				return c.st
			}
			r.b.AddField(string(tg[:]), r.text)
		case "datafield":
			if st := r.dataField(c, t.name); st != parsed {
				return st
			}
		default:
			return other
		}
	}
}

func (r *elemParser) dataField(c *cursor, name []byte) status {
	tag, ok := c.attr("tag")
	v1, ok1 := c.attr("ind1")
	v2, ok2 := c.attr("ind2")
	if !ok || !ok1 || !ok2 || len(tag) != 3 {
		return other
	}
	i1, ok1 := oneByte(v1, true)
	i2, ok2 := oneByte(v2, true)
	if !ok1 || !ok2 {
		return other
	}
	var tg [3]byte
	copy(tg[:], tag)
	r.content = append(r.content[:0], i1, i2)
	for {
		if c.chars(nil, false); c.st != parsed {
			return c.st
		}
		t := c.tag()
		if c.st != parsed {
			return c.st
		}
		switch t.kind {
		case tagComment:
			continue
		case tagPI:
			return other
		case tagEnd:
			if !bytes.Equal(t.name, name) {
				return other
			}
			r.b.AddField(string(tg[:]), r.content)
			return parsed
		}
		if t.empty || string(localName(t.name)) != "subfield" {
			return other
		}
		v, ok := c.attr("code")
		if !ok {
			return other
		}
		code, ok := oneByte(v, false)
		if !ok {
			return other
		}
		r.content = append(r.content, view.SubfieldDelimiter, code)
		r.content = c.elemText(r.content, t.name)
		if c.st != parsed {
			return c.st
		}
	}
}
