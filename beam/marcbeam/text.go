package marcbeam

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/view"
)

// A unit is one record of a text format: a line of MARC-in-JSON, a
// record element of MARCXML. unitAt finds where the first unit that
// starts at or after at begins, and unitEnd where the unit at start ends.

// lineStart returns the start of the first line at or after at: 0, or
// right after a line feed at or after at-1 (textio's rule); -1 when the
// window ends first.
func lineStart(data []byte, at int) int {
	if at <= 0 {
		return 0
	}
	if i := bytes.IndexByte(data[at-1:], '\n'); i >= 0 {
		return at + i
	}
	return -1
}

// recordTag returns the offset of the first MARCXML record start tag
// (<record or <prefix:record, followed by white space, '>' or '/') at or
// after at in data, and the element's qualified name; -1 when none is
// found in data.
func recordTag(data []byte, at int) (int, []byte) {
	for i := at; i < len(data); {
		k := bytes.IndexByte(data[i:], '<')
		if k < 0 {
			return -1, nil
		}
		p := i + k + 1
		q := p
		for q < len(data) && isNameByte(data[q]) {
			q++
		}
		name := data[p:q]
		local := name
		if c := bytes.LastIndexByte(name, ':'); c >= 0 {
			local = name[c+1:]
		}
		if string(local) == "record" && q < len(data) && (data[q] == '>' || data[q] == '/' || data[q] == ' ' || data[q] == '\t' || data[q] == '\n' || data[q] == '\r') {
			return i + k, name
		}
		i = p
	}
	return -1, nil
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ':' || c == '_' || c == '-' || c == '.' || c >= 0x80
}

// recordEnd returns the end of the record element named name that starts
// at start (after its end tag), or -1 when data ends first.
func recordEnd(data []byte, start int, name []byte) int {
	end := append(append([]byte("</"), name...), '>')
	// A record element holds no other record element: the first end tag
	// of its name closes it. <record/> closes at once.
	gt := bytes.IndexByte(data[start:], '>')
	if gt < 0 {
		return -1
	}
	if data[start+gt-1] == '/' {
		return start + gt + 1
	}
	k := bytes.Index(data[start:], end)
	if k < 0 {
		return -1
	}
	return start + k + len(end)
}

// textSource says how to cut and read a text file: MARC-in-JSON lines, or
// MARCXML record elements inside the document's root element.
type textSource struct {
	xml           bool
	root, rootEnd []byte // MARCXML: the root's start tag and end tag
}

// unitStart returns the first unit start at or after at in the window,
// reading more as needed; the window's end (its file's length) when none.
func (ts *textSource) unitStart(w *window, at int64) (int64, error) {
	if at < w.base {
		at = w.base
	}
	for {
		rel := int(at - w.base)
		if rel > len(w.data) {
			if w.eof {
				return w.base + int64(len(w.data)), nil
			}
			if err := w.more(rel - len(w.data) + 64<<10); err != nil {
				return 0, err
			}
			continue
		}
		var s int
		if ts.xml {
			s, _ = recordTag(w.data, rel)
			// A tag cut by the window's end is not decided yet.
			if s >= 0 && s+len("<record>")+64 > len(w.data) && !w.eof {
				s = -1
			}
		} else {
			s = lineStart(w.data, rel)
		}
		if s >= 0 && s <= len(w.data) {
			return w.base + int64(s), nil
		}
		if w.eof {
			return w.base + int64(len(w.data)), nil
		}
		if len(w.data)-rel > MaxPiece {
			return 0, errNoBoundary(at)
		}
		if err := w.more(64 << 10); err != nil {
			return 0, err
		}
	}
}

// unitEnd returns where the unit at start ends.
func (ts *textSource) unitEnd(w *window, start int64) (int64, error) {
	for {
		rel := int(start - w.base)
		var e int
		if ts.xml {
			_, name := recordTag(w.data, rel)
			e = -1
			if name != nil {
				e = recordEnd(w.data, rel, name)
			}
		} else if k := bytes.IndexByte(w.data[rel:], '\n'); k >= 0 {
			e = rel + k + 1
		} else {
			e = -1
		}
		if e >= 0 {
			return w.base + int64(e), nil
		}
		if w.eof {
			return w.base + int64(len(w.data)), nil
		}
		if len(w.data)-rel > MaxPiece {
			return 0, errNoBoundary(start)
		}
		if err := w.more(64 << 10); err != nil {
			return 0, err
		}
	}
}

// readTextRange reads the units that start in [start, end) of a text
// file, r positioned at start-1 (0 for start 0), claiming each unit's
// offset, as readRange does for ISO 2709.
func (ts *textSource) readRange(r io.Reader, start, end int64, claim func(int64) bool, emit func(Item)) error {
	w := &window{r: r, base: max(start-1, 0)}
	cur, err := ts.unitStart(w, start)
	if err != nil {
		return err
	}
	for cur < end {
		if int(cur-w.base) >= len(w.data) && w.eof {
			break
		}
		e, err := ts.unitEnd(w, cur)
		if err != nil {
			return err
		}
		if e <= cur {
			break
		}
		if !claim(cur) {
			return nil
		}
		unit := w.data[cur-w.base : e-w.base]
		ts.emitUnit(unit, cur, emit)
		next, err := ts.unitStart(w, e)
		if err != nil {
			return err
		}
		cur = next
		w.drop(cur)
	}
	return nil
}

// emitUnit reads the records of one unit and emits them (or the unit as
// a bad record).
func (ts *textSource) emitUnit(unit []byte, off int64, emit func(Item)) {
	u := bytes.TrimSpace(unit)
	if !ts.xml {
		// A line of an array written one record per line: "[{...},",
		// "{...},", "{...}]".
		u = bytes.TrimSpace(bytes.TrimPrefix(u, []byte("[")))
		u = bytes.TrimSpace(bytes.TrimSuffix(u, []byte("]")))
		u = bytes.TrimSuffix(u, []byte(","))
		if len(u) == 0 {
			return
		}
	}
	var recs func(yield func(view.Record, error) bool)
	if ts.xml {
		doc := make([]byte, 0, len(ts.root)+len(u)+len(ts.rootEnd))
		doc = append(append(append(doc, ts.root...), u...), ts.rootEnd...)
		recs = marcxml.NewReader(bytes.NewReader(doc), marcxml.Options{}).Records()
	} else {
		recs = marcjson.NewReader(bytes.NewReader(u), marcjson.Options{}).Records()
	}
	for r, err := range recs {
		it := Item{Offset: off}
		if err == nil {
			it.Raw, err = iso2709.Options{}.Append(nil, r)
		}
		if err != nil {
			it.Err = err.Error()
			it.Raw = append([]byte(nil), unit...)
		}
		emit(it)
		if err != nil {
			return // the reader cannot go on after a syntax error
		}
	}
}

// kind of a file, from its first bytes.
type kind int

const (
	kindISO2709 kind = iota
	kindMARCXML
	kindMIJ
)

// sniff tells the format of a file from its first bytes: '<' MARCXML, '{'
// or '[' MARC-in-JSON, anything else ISO 2709.
func sniff(head []byte) kind {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 {
		return kindISO2709
	}
	switch head[0] {
	case '<':
		return kindMARCXML
	case '{', '[':
		return kindMIJ
	}
	return kindISO2709
}

// xmlRoot returns the start tag of a MARCXML document's root element and
// its end tag, to wrap each record element in: the root itself when it is
// a collection (its namespace declarations come with it), a MARC 21 slim
// collection when the root is a record.
func xmlRoot(head []byte) (root, rootEnd []byte) {
	for i := 0; i < len(head); i++ {
		if head[i] != '<' || i+1 >= len(head) || head[i+1] == '?' || head[i+1] == '!' {
			continue
		}
		q := i + 1
		for q < len(head) && isNameByte(head[q]) {
			q++
		}
		name := head[i+1 : q]
		local := name
		if c := bytes.LastIndexByte(name, ':'); c >= 0 {
			local = name[c+1:]
		}
		gt := bytes.IndexByte(head[q:], '>')
		if gt < 0 || string(local) == "record" {
			break
		}
		tag := head[i : q+gt+1]
		if bytes.HasSuffix(tag, []byte("/>")) {
			break
		}
		return append([]byte(nil), tag...), append(append([]byte("</"), name...), '>')
	}
	return []byte(`<collection xmlns="http://www.loc.gov/MARC21/slim">`), []byte("</collection>")
}

// ndjson reports whether a MARC-in-JSON file holds one record per line:
// its first line is a whole object (possibly inside an array, with a
// comma after it).
func ndjson(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for _, line := range bytes.Split(head, []byte("\n")) {
		l := bytes.TrimSpace(line)
		if len(l) == 0 || string(l) == "[" {
			continue
		}
		l = bytes.TrimSuffix(bytes.TrimPrefix(l, []byte("[")), []byte(","))
		l = bytes.TrimSuffix(l, []byte("]"))
		return len(l) > 1 && l[0] == '{' && l[len(l)-1] == '}' && json.Valid(l)
	}
	return false
}

// readWhole reads a MARC-in-JSON document that is not one record per line
// (an indented array): the range that starts at 0 reads it all, the
// others nothing. Offset is then the record's index in the document.
func readWhole(r io.Reader, start int64, claim func(int64) bool, emit func(Item)) error {
	if start > 0 || !claim(0) {
		return nil
	}
	i := int64(0)
	for rec, err := range marcjson.NewReader(r, marcjson.Options{}).Records() {
		it := Item{Offset: i}
		if err == nil {
			it.Raw, err = iso2709.Options{}.Append(nil, rec)
		}
		if err != nil {
			it.Err = err.Error()
		}
		emit(it)
		i++
	}
	return nil
}
