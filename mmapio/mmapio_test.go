package mmapio

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestOpenRegularFile(t *testing.T) {
	want := bytes.Repeat([]byte("0123456789"), 10000)
	p := filepath.Join(t.TempDir(), "f.mrc")
	if err := os.WriteFile(p, want, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(m.Bytes(), want) || m.Len() != len(want) {
		t.Fatal("contents differ")
	}
	if m.Mapped() != mmapBuilt {
		t.Fatalf("Mapped() = %v, want %v for this build", m.Mapped(), mmapBuilt)
	}
	if cap(m.Bytes()) != len(want) {
		t.Fatal("Bytes not capacity-clipped")
	}
	for range 2 {
		if err := m.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if m.Bytes() != nil || m.Len() != 0 {
		t.Fatal("bytes still visible after Close")
	}
}

func TestOpenEmptyFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "empty.mrc")
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if m.Len() != 0 || m.Mapped() {
		t.Fatalf("Len %d Mapped %v", m.Len(), m.Mapped())
	}
}

func TestOpenMissing(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "nope")); !os.IsNotExist(err) {
		t.Fatalf("err = %v", err)
	}
}

func TestOpenPipeFallsBack(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Skip("no pipes:", err)
	}
	go func() {
		w.Write([]byte("piped bytes"))
		w.Close()
	}()
	defer r.Close()
	// /dev/fd names the pipe on Linux and the BSDs.
	name := filepath.Join("/dev/fd", itoa(int(r.Fd())))
	if _, err := os.Stat(name); err != nil {
		t.Skip("no /dev/fd on this platform")
	}
	m, err := Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if m.Mapped() || string(m.Bytes()) != "piped bytes" {
		t.Fatalf("Mapped %v, bytes %q", m.Mapped(), m.Bytes())
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestReadAll(t *testing.T) {
	m, err := ReadAll(bytes.NewReader([]byte("abc")))
	if err != nil {
		t.Fatal(err)
	}
	if m.Mapped() || string(m.Bytes()) != "abc" {
		t.Fatal("ReadAll wrong")
	}
	m.Close()
	m.Close()
}
