//go:build !nommap && (linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package marcmap_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/mmapio"
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
