package marcxml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/internal/window"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

type source interface {
	Scan() bool
	Record() view.Record
	Err() error
	Repair() string
	Line() int
}

// events lists what a reader yields, one line per item: the record bytes,
// repair and line, or the error's kind, index, line and fatality.
func events(s source) []string {
	var out []string
	kind := func(err error) string {
		for _, k := range []error{view.ErrSyntax, view.ErrLeader, view.ErrField, view.ErrTooLong} {
			if errors.Is(err, k) {
				return k.Error()
			}
		}
		return "other: " + err.Error()
	}
	where := func(err error) string {
		var re *view.RecordError
		if errors.As(err, &re) {
			return fmt.Sprintf("%d line %d", re.Index, re.Line)
		}
		return "-"
	}
	for s.Scan() {
		if err := s.Err(); err != nil {
			out = append(out, fmt.Sprintf("bad %s %s", where(err), kind(err)))
			continue
		}
		out = append(out, fmt.Sprintf("good %q %q line %d", s.Record().Bytes(), s.Repair(), s.Line()))
	}
	if err := s.Err(); err != nil {
		out = append(out, fmt.Sprintf("stop %s %s", where(err), kind(err)))
	}
	return out
}

// unparsed reads like a Reader, but through an unparsed Reader whose
// elements an ElementParser builds, as package marcmap's workers do.
type unparsed struct {
	*Reader
	p      *ElementParser
	rec    view.Record
	err    error
	repair string
	stop   error
}

func newUnparsed(r io.Reader, o Options) *unparsed { return unparse(NewReader(r, o), o) }

func unparse(rd *Reader, o Options) *unparsed {
	u := &unparsed{Reader: rd, p: NewElementParser(o)}
	u.Reader.Unparsed(true)
	return u
}

func (u *unparsed) Scan() bool {
	u.err = nil
	if u.stop != nil || !u.Reader.Scan() {
		return false
	}
	e, ok := u.Element()
	if !ok {
		u.rec, u.err, u.repair = u.Reader.Record(), u.Reader.Err(), u.Reader.Repair()
		return true
	}
	rec, repair, err, fatal := u.p.Parse(e)
	if fatal {
		u.stop = err
		return false
	}
	if repair != "" && err == nil {
		rec = rec.WithRepairs(view.RepairText)
	}
	u.rec, u.err, u.repair = rec, err, repair
	return true
}

func (u *unparsed) Record() view.Record { return u.rec }
func (u *unparsed) Repair() string      { return u.repair }
func (u *unparsed) Err() error {
	if u.stop != nil {
		return u.stop
	}
	if u.err != nil {
		return u.err
	}
	return u.Reader.Err()
}

// agree reads doc with the hand-written Reader (parsing itself, and
// unparsed with an ElementParser; on a stream and in place, NewBytesReader)
// and with encoding/xml's tokens, lenient and strict, and reports the first
// difference. Reading in place must leave doc as it was.
func agree(doc []byte, wrap func(io.Reader) io.Reader) error {
	for _, strict := range []bool{false, true} {
		o := Options{Strict: strict}
		got := events(NewReader(wrap(bytes.NewReader(doc)), o))
		want := events(newTokenReader(bytes.NewReader(doc), o))
		if err := diff(got, want); err != nil {
			return fmt.Errorf("strict %v, %w", strict, err)
		}
		if err := diff(events(newUnparsed(wrap(bytes.NewReader(doc)), o)), want); err != nil {
			return fmt.Errorf("unparsed, strict %v, %w", strict, err)
		}
		in := bytes.Clone(doc)
		if err := diff(events(NewBytesReader(in, o)), want); err != nil {
			return fmt.Errorf("in place, strict %v, %w", strict, err)
		}
		if err := diff(events(unparse(NewBytesReader(in, o), o)), want); err != nil {
			return fmt.Errorf("in place unparsed, strict %v, %w", strict, err)
		}
		if !bytes.Equal(in, doc) {
			return fmt.Errorf("in place, strict %v: the input was changed", strict)
		}
	}
	return nil
}

func diff(got, want []string) error {
	for i := range max(len(got), len(want)) {
		g, w := "(none)", "(none)"
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Errorf("item %d:\n got  %.300s\n want %.300s", i, g, w)
		}
	}
	return nil
}

func same(r io.Reader) io.Reader { return r }

// TestReadersAgree: the hand-written reader yields what encoding/xml's
// tokens yield (records, repairs, lines, bad records, where it stops) on
// the corpus's MARCXML files, on our conversion of every corpus ISO 2709
// file, and on shapes it leaves to encoding/xml; also read a byte at a
// time.
func TestReadersAgree(t *testing.T) {
	docs := map[string][]byte{}
	for _, cf := range marctest.Corpus(t, "marcxml") {
		d, err := os.ReadFile(cf.Path)
		if err != nil {
			t.Fatal(err)
		}
		docs[cf.Name] = d
	}
	for _, cf := range marctest.Corpus(t, "iso2709") {
		d, err := os.ReadFile(cf.Path)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		enc := NewEncoder(&buf, Options{})
		for r, err := range scan.New(d, scan.Options{}).Records() {
			if err == nil {
				enc.Encode(r)
			}
		}
		enc.Close()
		docs[cf.Name+" converted"] = buf.Bytes()
	}
	one := `<record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">x1</controlfield><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Moby</subfield></datafield></record>`
	rep := func(old, new string) []byte { return []byte(strings.Replace(one, old, new, 1)) }
	coll := func(s string) []byte {
		return []byte("<?xml version=\"1.0\"?>\n<marc:collection xmlns:marc=\"" + Namespace + "\">\n" + s + "\n</marc:collection>\n")
	}
	for name, d := range map[string][]byte{
		"plain":                []byte(one),
		"prefixed":             coll(strings.ReplaceAll(strings.ReplaceAll(one, "<", "<marc:"), "<marc:/", "</marc:")),
		"entities":             rep("Moby", "&lt;&gt;&amp;&apos;&quot;&#233;&#xE9;&#x1F600;"),
		"bad entity":           rep("Moby", "&nbsp;"),
		"no semicolon":         rep("Moby", "&amp x"),
		"char ref to control":  rep("Moby", "&#1;"),
		"cdata":                rep("Moby", "<![CDATA[a<b&c]]>d"),
		"comment in text":      rep("Moby", "Mo<!-- x -->by"),
		"comment double dash":  rep("Moby", "<!-- a -- b -->"),
		"crlf":                 rep("Moby", "a\r\nb\rc"),
		"control character":    rep("Moby", "a\x01b"),
		"invalid UTF-8":        rep("Moby", "a\xffb"),
		"U+FFFE":               rep("Moby", "a\uFFFEb"),
		"]]> in text":          rep("Moby", "a]]>b"),
		"nested element":       rep("Moby", "a<i>b</i>"),
		"other element":        rep("<datafield", "<foo/><datafield"),
		"no ind2":              rep(` ind2="0"`, ""),
		"empty indicator":      rep(`ind1="1"`, `ind1=""`),
		"long indicator":       rep(`ind1="1"`, `ind1="12"`),
		"Latin-1 indicator":    rep(`ind1="1"`, `ind1="é"`),
		"no code":              rep(` code="a"`, ""),
		"empty code":           rep(`code="a"`, `code=""`),
		"two tags":             rep(`tag="245"`, `tag="245" tag="246"`),
		"tag with entity":      rep(`tag="245"`, `tag="&#50;45"`),
		"short tag":            rep(`tag="245"`, `tag="24"`),
		"single quotes":        rep(`tag="245"`, `tag='245'`),
		"spaces in tags":       rep(`<subfield code="a">`, "<subfield \n code = \"a\" >"),
		"no leader":            rep("<leader>00000nam a2200000 a 4500</leader>", ""),
		"short leader":         rep("00000nam a2200000 a 4500", "00000nam"),
		"leader with nbsp":     rep("00000nam a2200000 a 4500", "00000nam\u00a0a2200000\u00a0a\u00a04500"),
		"empty record":         []byte("<record/>"),
		"empty controlfield":   rep(`<controlfield tag="001">x1</controlfield>`, `<controlfield tag="001"/>`),
		"mismatched end":       rep("</subfield>", "</subfeld>"),
		"wrong prefix end":     rep("</record>", "</m:record>"),
		"field outside":        []byte(`<collection><datafield tag="245" ind1=" " ind2=" "><subfield code="a">x</subfield></datafield>` + one + `</collection>`),
		"doctype":              append([]byte(`<?xml version="1.0"?><!DOCTYPE collection [<!ENTITY x "y">]>`), coll(one)...),
		"latin-1 declared":     append([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?>`), one...),
		"version 1.1":          append([]byte(`<?xml version="1.1"?>`), one...),
		"processing instr":     append([]byte(`<?xml-stylesheet href="x"?>`), one...),
		"pi in record":         rep("<leader>", "<?x y?><leader>"),
		"stray end tag":        append([]byte("</collection>"), one...),
		"unclosed collection":  []byte("<collection>" + one),
		"text only":            []byte("hello"),
		"text then record":     []byte("hello " + one),
		"space entity only":    []byte("&#32;"),
		"cut":                  []byte(one[:len(one)/2]),
		"cut in entity":        rep("Moby", "&am"),
		"two documents":        append(coll(one), coll(one)...),
		"unquoted attribute":   rep(`tag="245"`, `tag=245`),
		"attribute no value":   rep(`tag="245"`, `tag`),
		"lt in attribute":      rep(`code="a"`, `code="<"`),
		"three colons":         []byte(`<a:b:c>` + one + `</a:b:c>`),
		"digit name":           []byte(`<1a>` + one),
		"many attributes":      []byte(`<collection a="1" b="2" c="3" d="4" e="5" f="6" g="7" h="8" i="9">` + one + `</collection>`),
		"record in record":     rep("<leader>", "<record><leader>"),
		"text in record":       rep("<leader>", "junk<leader>"),
		"text in datafield":    rep(`<subfield`, `junk<subfield`),
		"bom":                  append([]byte("\xef\xbb\xbf"), coll(one)...),
		"bare ampersand":       []byte("<a>&</a>"),
		"empty record first":   coll("<record/>\n" + one + "\n" + one),
		"empty prefixed first": coll("<marc:record xmlns:marc=\"" + Namespace + "\"/>\n" + one + "\n" + one),
		"record, no content":   coll("<record></record>\n" + one + "\n" + one),
		"record in record 2":   coll(strings.Replace(one, "</record>", one+"</record>", 1) + "\n" + one + "\n" + one),
		"missing end record":   coll(strings.Replace(one, "</record>", "", 1) + "\n" + one),
		"gt in attribute":      rep(`code="a"`, `code="a" x="</record>"`),
	} {
		docs[name] = d
	}
	for name, d := range docs {
		if err := agree(d, same); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if len(d) < 1<<20 {
			if err := agree(d, iotest.OneByteReader); err != nil {
				t.Errorf("%s, a byte at a time: %v", name, err)
			}
		}
	}
}

// TestLongItems: white space between records longer than the window is
// read as encoding/xml reads it (the records after it too); a record or a
// comment longer than the window ends a stream with an error, so that
// memory stays bounded, and is read in place as encoding/xml reads it.
func TestLongItems(t *testing.T) {
	one := `<record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">x1</controlfield></record>`
	big := `<record><leader>00000nam a2200000 a 4500</leader><datafield tag="500" ind1=" " ind2=" "><subfield code="a">` + strings.Repeat("x", maxRecord+window.ReadSize) + `</subfield></datafield></record>`
	for name, doc := range map[string]string{
		"white space":  "<collection>" + one + strings.Repeat(" ", maxRecord+10) + one + one + "</collection>",
		"long record":  "<collection>" + one + big + one + "</collection>",
		"long comment": "<collection>" + one + "<!--" + strings.Repeat("x", maxRecord+window.ReadSize) + "-->" + one + one + "</collection>",
	} {
		want := events(newTokenReader(strings.NewReader(doc), Options{}))
		for way, s := range map[string]source{
			"stream":             NewReader(strings.NewReader(doc), Options{}),
			"stream, unparsed":   newUnparsed(strings.NewReader(doc), Options{}),
			"in place":           NewBytesReader([]byte(doc), Options{}),
			"in place, unparsed": unparse(NewBytesReader([]byte(doc), Options{}), Options{}),
		} {
			got := events(s)
			if name != "white space" && strings.HasPrefix(way, "stream") {
				// A stream's items are bounded: the first record, then
				// the error that ends the reading.
				err := s.Err()
				if len(got) != 2 || got[0] != want[0] || err == nil || !strings.Contains(err.Error(), "longer than 16 MB") {
					t.Errorf("%s (%s): %.200q, err %v; want the first record, then an error", name, way, got, err)
				}
				continue
			}
			if len(got) != 3 || strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s (%s): %d items, want 3 as encoding/xml: %.200q", name, way, len(got), got)
			}
		}
	}
}

// TestInPlaceElements: an unparsed in-place Reader's elements end where
// they end (appending to one cannot write into the input), and Consumed
// counts the input's bytes, also after encoding/xml took over (a DOCTYPE;
// control characters that its filter reads as three bytes each).
func TestInPlaceElements(t *testing.T) {
	one := `<record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">x1</controlfield></record>`
	doc := []byte("<collection>" + one + one + "</collection>")
	rd := NewBytesReader(doc, Options{})
	rd.Unparsed(true)
	n := 0
	for rd.Scan() {
		e, ok := rd.Element()
		if !ok || string(e.Raw) != one || cap(e.Raw) != len(e.Raw) {
			t.Fatalf("element %q (cap %d, ok %v)", e.Raw, cap(e.Raw), ok)
		}
		n++
	}
	if n != 2 || rd.Err() != nil {
		t.Fatalf("%d elements, %v", n, rd.Err())
	}
	doc = []byte("<!DOCTYPE collection>\n<collection>" + strings.Replace(one, "x1", strings.Repeat("\x01", 1000), 1) + "</collection>")
	rd = NewBytesReader(doc, Options{})
	for rd.Scan() {
		if c := rd.Consumed(); c > int64(len(doc)) {
			t.Fatalf("Consumed %d of %d bytes", c, len(doc))
		}
	}
	if c := rd.Consumed(); rd.Err() != nil || c != int64(len(doc)) {
		t.Fatalf("Consumed %d of %d bytes at the end, err %v", c, len(doc), rd.Err())
	}
}

// FuzzReadersAgree: on any input the two readers agree.
func FuzzReadersAgree(f *testing.F) {
	f.Add([]byte(`<record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">x&amp;1</controlfield><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Mo<![CDATA[b]]>y</subfield></datafield></record>`))
	f.Add([]byte("<?xml version=\"1.0\"?>\n<collection><!-- c --><record><leader>00000nam a2200000 a 4500</leader></record>\r\n</collection>"))
	f.Fuzz(func(t *testing.T, doc []byte) {
		if err := agree(doc, same); err != nil {
			t.Fatal(err)
		}
	})
}
