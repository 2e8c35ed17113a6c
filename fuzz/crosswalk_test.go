package fuzz

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/dublincore"
	"github.com/marcmap/marcmap/encode/mods"
	"github.com/marcmap/marcmap/internal/malformed"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
)

// wellFormed checks that one record's crosswalk output, wrapped in the
// format's header and footer, is a well-formed XML document with one
// record element.
func wellFormed(f encode.Format, rec []byte) error {
	doc := f.AppendHeader(nil)
	doc = append(doc, rec...)
	doc = f.AppendFooter(doc)
	d := xml.NewDecoder(bytes.NewReader(doc))
	depth, records := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("not well-formed XML: %v\n%s", err, doc)
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 1 {
				records++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if records != 1 {
		return fmt.Errorf("%d record elements, want 1\n%s", records, doc)
	}
	return nil
}

// FuzzCrosswalks: every record the lenient scanner finds becomes one
// well-formed Dublin Core and one well-formed MODS record, with no error
// (what cannot be decoded becomes U+FFFD) and no panic.
func FuzzCrosswalks(f *testing.F) {
	f.Add(marctest.Sample())
	for _, c := range malformed.Cases(1)[:6] {
		f.Add(c.Data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for r, err := range scan.New(data, scan.Options{}).Records() {
			if err != nil {
				continue
			}
			for _, fm := range []encode.Format{dublincore.Options{}, mods.Options{}} {
				out, err := fm.Append(nil, r)
				if err != nil {
					t.Fatalf("%T: %v", fm, err)
				}
				if err := wellFormed(fm, out); err != nil {
					t.Fatalf("%T: %v", fm, err)
				}
			}
		}
	})
}
