//go:build !nommap && (linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package mmapio

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestGuardTruncatedMapping maps a file, truncates it, and reads the
// mapping inside Guard: the SIGBUS becomes an error.
func TestGuardTruncatedMapping(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.mrc")
	if err := os.WriteFile(p, bytes.Repeat([]byte("x"), 1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if !m.Mapped() {
		t.Skip("not mapped")
	}
	if err := os.Truncate(p, 0); err != nil {
		t.Fatal(err)
	}
	var n int
	err = Guard(func() { n = bytes.Count(m.Bytes(), []byte{0x1d}) })
	if !errors.Is(err, ErrFault) {
		t.Fatalf("err = %v (count %d), want a fault", err, n)
	}
	// other panics pass through
	defer func() {
		if v := recover(); v != "boom" {
			t.Fatalf("recovered %v", v)
		}
	}()
	Guard(func() { panic("boom") })
}
