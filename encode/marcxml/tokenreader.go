package marcxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"iter"
	"strconv"
	"unicode/utf8"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/readerstate"
	"github.com/marcmap/marcmap/view"
)

// tokenReader reads MARCXML through encoding/xml's tokens: the Reader's
// way for a whole document the hand-written parser leaves alone (a DOCTYPE,
// an encoding other than UTF-8) and for a record of unusual shape.
type tokenReader struct {
	st     readerstate.State
	d      *xml.Decoder
	strict bool
	b      iso2709.Builder
	buf    []byte
	text   []byte
	line   int

	element bool // an element was seen: the input is XML
	loose   bool // text was seen outside any element
}

func newTokenReader(r io.Reader, o Options) *tokenReader {
	rd := &tokenReader{strict: o.Strict}
	rd.st.Init(o.Strict)
	rd.d = xml.NewDecoder(&ctlFilter{r: r, strict: o.Strict})
	rd.d.Strict = true
	return rd
}

// oneByte returns the byte an indicator or subfield code stands for. ISO
// 2709 holds one byte there; a single character outside ASCII becomes '?'
// in lenient mode and is an error in strict mode.
func (r *tokenReader) oneByte(s string) (byte, bool) {
	if len(s) == 1 {
		return s[0], true
	}
	if !r.strict && utf8.RuneCountInString(s) == 1 {
		r.st.Repaired("indicator or subfield code " + strconv.Quote(s) + " is not one ASCII byte: read as '?'")
		return '?', true
	}
	return 0, false
}

// syntaxError reports XML that is not well-formed, which ends the
// document: encoding/xml cannot resynchronise.
func (r *tokenReader) syntaxError(err error) *view.RecordError {
	line, _ := r.d.InputPos()
	msg := "unexpected end of input"
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg, line = "XML: "+se.Msg, se.Line
	} else if !errors.Is(err, io.ErrUnexpectedEOF) {
		msg = err.Error()
	}
	idx := r.st.Index()
	if r.line == 0 {
		idx = -1
	}
	return &view.RecordError{Offset: -1, Index: idx, Line: line, Pos: -1, Err: view.Detail(view.ErrSyntax, msg)}
}

// isSyntax reports whether err ends the document.
func isSyntax(err error) bool {
	var se *xml.SyntaxError
	return errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF)
}

// Scan advances to the next record (or, in lenient mode, bad record). It
// returns false at the end of input or on a fatal error (see Err).
func (r *tokenReader) Scan() bool {
	if r.st.Done() {
		return false
	}
	r.st.Clear()
	for {
		tok, err := r.d.Token()
		if err == io.EOF {
			if r.loose && !r.element {
				line, _ := r.d.InputPos()
				return r.st.Stop(&view.RecordError{Offset: -1, Index: -1, Line: line, Pos: -1,
					Err: view.Detail(view.ErrSyntax, "text but no XML element: the input is not MARCXML")})
			}
			return r.st.Stop(nil)
		}
		if err != nil {
			var se *xml.SyntaxError
			if !errors.As(err, &se) {
				return r.st.Stop(err) // an I/O error
			}
			return r.st.Stop(r.syntaxError(err))
		}
		if cd, ok := tok.(xml.CharData); ok && !r.element && len(bytes.TrimSpace(cd)) > 0 {
			r.loose = true
		}
		se, ok := tok.(xml.StartElement)
		if ok {
			r.element = true
		}
		if ok && outsideRecord(se.Name.Local) {
			// A field with no record around it: a bad item, reported.
			line, _ := r.d.InputPos()
			r.line = line
			if _, err := r.readText(); err != nil {
				return r.st.Stop(r.syntaxError(err))
			}
			return r.st.Bad(&view.RecordError{Offset: -1, Index: r.st.Next(), Line: line, Pos: -1,
				Err: view.Detail(errOutside, "<"+se.Name.Local+">")})
		}
		if !ok || se.Name.Local != "record" {
			continue
		}
		r.st.Next()
		r.line, _ = r.d.InputPos()
		rec, err := r.readRecord()
		if err != nil {
			if isSyntax(err) {
				return r.st.Stop(r.syntaxError(err))
			}
			var re *view.RecordError
			if !errors.As(err, &re) {
				if !errors.Is(err, view.ErrLeader) && !errors.Is(err, view.ErrField) {
					return r.st.Stop(err) // an I/O error inside the record
				}
				re = &view.RecordError{Pos: -1, Err: err}
			}
			re.Index, re.Offset, re.Line = r.st.Index(), -1, r.line
			return r.st.Bad(re)
		}
		return r.st.Good(rec)
	}
}

// Records returns an iterator over the records, as scan.Scanner's: each
// bad record is yielded as (zero Record, *view.RecordError), a fatal error
// last.
func (r *tokenReader) Records() iter.Seq2[view.Record, error] { return r.st.Records(r.Scan) }

// Record returns the current record, the zero Record for a bad one. It is
// valid until the next Scan; use Record.Clone to keep it.
func (r *tokenReader) Record() view.Record { return r.st.Record() }

// Index returns the index of the current record, counting from 0.
func (r *tokenReader) Index() int { return r.st.Index() }

// Err returns the current bad record's *view.RecordError while Scan
// returns true, and the error that stopped the Reader after it returns
// false (nil at the end of input).
func (r *tokenReader) Err() error { return r.st.Err() }

// Repair returns what lenient reading repaired in the current record (a
// datafield without indicators, an element that is not a subfield, a code
// that is not one ASCII byte), or "". The record then has
// view.RepairText.
func (r *tokenReader) Repair() string { return r.st.Repair() }

// Line returns the input line where the current record starts.
func (r *tokenReader) Line() int { return r.line }

var (
	errLeader   = view.Detail(view.ErrLeader, "leader is not 24 ASCII characters")
	errNoLeader = view.Detail(view.ErrLeader, "record has no leader")
	errTag      = view.Detail(view.ErrField, "field without a three-character tag attribute")
	errInd      = view.Detail(view.ErrField, "indicator is not one character")
	errCode     = view.Detail(view.ErrField, "subfield code is not one character")
	errNoInd    = view.Detail(view.ErrField, "datafield without ind1 or ind2")
	errElement  = view.Detail(view.ErrField, "datafield holds an element that is not a subfield")
	errOutside  = view.Detail(view.ErrField, "field or leader outside any <record>")
)

func attr(se xml.StartElement, name string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// readRecord reads up to the end of the current <record> element.
func (r *tokenReader) readRecord() (view.Record, error) {
	r.b.Reset(view.Leader{})
	r.b.Overlong = true
	var fault error
	depth := 0
	haveLeader := false
	for {
		tok, err := r.d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return view.Record{}, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if depth == 0 {
				if fault == nil && !haveLeader {
					fault = errNoLeader
				}
				if fault != nil {
					return view.Record{}, fault
				}
				var err error
				r.buf, err = r.b.Append(r.buf[:0])
				if err != nil {
					return view.Record{}, err
				}
				return iso2709.View(r.buf)
			}
			depth--
		case xml.StartElement:
			switch t.Name.Local {
			case "leader":
				text, err := r.readText()
				if err != nil {
					return view.Record{}, err
				}
				l, ok := r.st.Leader(string(text))
				if !ok {
					fault = firstErr(fault, errLeader)
					continue
				}
				// The text is Unicode whatever leader/09 says (pymarc keeps
				// a MARC-8 record's blank there): the record is UTF-8 now.
				l[9] = 'a'
				r.b.SetLeader(l)
				haveLeader = true
			case "controlfield":
				tag, _ := attr(t, "tag")
				text, err := r.readText()
				if err != nil {
					return view.Record{}, err
				}
				if len(tag) != 3 {
					fault = firstErr(fault, errTag)
					continue
				}
				r.b.AddField(tag, text)
			case "datafield":
				if err := r.readDataField(t); err != nil {
					if isSyntax(err) {
						return view.Record{}, err
					}
					fault = firstErr(fault, err)
				}
			default:
				depth++
			}
		}
	}
}

// outsideRecord reports whether an element is one that belongs in a
// <record>.
func outsideRecord(name string) bool {
	return name == "datafield" || name == "controlfield" || name == "leader" || name == "subfield"
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// readText returns the character data of the current element and consumes
// its end tag.
func (r *tokenReader) readText() ([]byte, error) {
	r.text = r.text[:0]
	depth := 0
	for {
		tok, err := r.d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if depth == 0 {
				r.text = append(r.text, t...)
			}
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return r.text, nil
			}
			depth--
		}
	}
}

func (r *tokenReader) readDataField(se xml.StartElement) error {
	tag, _ := attr(se, "tag")
	ind1, ok1 := attr(se, "ind1")
	ind2, ok2 := attr(se, "ind2")
	var fault error
	if len(tag) != 3 {
		fault = errTag
	}
	if !ok1 || !ok2 {
		// The schema requires both attributes: strict mode rejects the
		// record, lenient mode reads blanks and reports the repair.
		if r.strict {
			fault = firstErr(fault, errNoInd)
		}
		r.st.Repaired("datafield " + tag + " without ind1 or ind2: read as blank")
	}
	if !ok1 || ind1 == "" {
		ind1 = " "
	}
	if !ok2 || ind2 == "" {
		ind2 = " "
	}
	i1, ok1 := r.oneByte(ind1)
	i2, ok2 := r.oneByte(ind2)
	if !ok1 || !ok2 {
		fault = firstErr(fault, errInd)
	}
	var content bytes.Buffer
	content.WriteByte(i1)
	content.WriteByte(i2)
	for {
		tok, err := r.d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "subfield" {
				if _, err := r.readText(); err != nil {
					return err
				}
				if r.strict {
					fault = firstErr(fault, errElement)
				}
				r.st.Repaired("element <" + t.Name.Local + "> in datafield " + tag + " is not a subfield: dropped")
				continue
			}
			code, _ := attr(t, "code")
			text, err := r.readText()
			if err != nil {
				return err
			}
			c, ok := r.oneByte(code)
			if !ok {
				fault = firstErr(fault, errCode)
				continue
			}
			content.WriteByte(view.SubfieldDelimiter)
			content.WriteByte(c)
			content.Write(text)
		case xml.EndElement:
			if fault != nil {
				return fault
			}
			r.b.AddField(tag, content.Bytes())
			return nil
		}
	}
}
