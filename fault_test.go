//go:build !nommap && (linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package marcmap_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/mmapio"
	"github.com/marcmap/marcmap/parallel"
	"github.com/marcmap/marcmap/scan"
)

// TestTruncatedWhileMapped: a file truncated while mapped makes the scan
// end with an mmapio.ErrFault error, not a SIGBUS crash.
func TestTruncatedWhileMapped(t *testing.T) {
	p := filepath.Join(t.TempDir(), "records.mrc")
	data := bytes.Repeat(marctest.Sample(), 400) // about 1.2 MB
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := marcmap.Open(p, marcmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !f.Mapped() {
		t.Skip("not mapped")
	}
	n := 0
	var last error
	for _, err := range f.Records() {
		if err != nil {
			last = err
			continue
		}
		n++
		if n == 10 {
			if err := os.Truncate(p, 4096); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !errors.Is(last, mmapio.ErrFault) {
		t.Fatalf("after %d records: last error %v, want mmapio.ErrFault", n, last)
	}
	t.Logf("%d records read before the fault was reported: %v", n, last)
}

// TestTruncatedWhileMappedText: MARCXML and MARC-in-JSON files are parsed
// in place; truncated under the reader, reading record by record and
// encoding on two workers end with mmapio.ErrFault, not a crash.
func TestTruncatedWhileMappedText(t *testing.T) {
	for _, format := range []marcmap.Format{marcmap.MARCXML, marcmap.MARCJSON} {
		var doc bytes.Buffer
		if format == marcmap.MARCXML {
			doc.WriteString("<collection>\n")
		}
		for range 400 {
			for r, err := range scan.New(marctest.Sample(), scan.Options{}).Records() {
				if err != nil {
					t.Fatal(err)
				}
				var out []byte
				if format == marcmap.MARCXML {
					out, err = marcxml.Append(nil, r)
				} else {
					out, err = marcjson.Append(nil, r)
				}
				if err != nil {
					t.Fatal(err)
				}
				doc.Write(out)
			}
		}
		if format == marcmap.MARCXML {
			doc.WriteString("</collection>\n")
		}
		p := filepath.Join(t.TempDir(), "records")
		for _, encodeAll := range []bool{false, true} {
			if err := os.WriteFile(p, doc.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := marcmap.Open(p, marcmap.Options{Format: format})
			if err != nil {
				t.Fatal(err)
			}
			var last error
			n := 0
			if encodeAll {
				if err := os.Truncate(p, 4096); err != nil {
					t.Fatal(err)
				}
				last = f.Encode(context.Background(), io.Discard, parallel.Options{Workers: 2}, iso2709.Options{})
			} else {
				for _, err := range f.Records() {
					if err != nil {
						last = err
						continue
					}
					if n++; n == 10 {
						if err := os.Truncate(p, 4096); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			f.Close()
			if !errors.Is(last, mmapio.ErrFault) {
				t.Errorf("%v, encode %v: after %d records: last error %v, want mmapio.ErrFault", format, encodeAll, n, last)
			}
		}
	}
}
