package mmapio

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Mapping is a file's bytes, mapped or read. See the package documentation
// for lifetimes.
type Mapping struct {
	data   []byte
	unmap  func() error // nil when the bytes were read
	closed bool
}

// Open maps the named file, or reads it when it cannot be mapped (not a
// regular file, empty, or mapping unsupported). Open("-") is not special:
// use ReadAll(os.Stdin) for standard input.
func Open(name string) (*Mapping, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.Mode().IsRegular() && fi.Size() > 0 {
		if int64(int(fi.Size())) != fi.Size() {
			return nil, fmt.Errorf("mmapio: %s: file of %d bytes is too large for this platform", name, fi.Size())
		}
		if m, err := mapFile(f, int(fi.Size())); err == nil {
			return m, nil
		} else if !errors.Is(err, errNoMmap) {
			return nil, fmt.Errorf("mmapio: mapping %s: %w", name, err)
		}
	}
	return ReadAll(f)
}

// ReadAll reads r to the end into memory and returns it as a Mapping whose
// Mapped method reports false.
func ReadAll(r io.Reader) (*Mapping, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return &Mapping{data: b[:len(b):len(b)]}, nil
}

// Bytes returns the file's contents. Do not write to them: a mapping is
// read-only and writing faults. Valid until Close.
func (m *Mapping) Bytes() []byte { return m.data }

// Len returns the length of the file in bytes.
func (m *Mapping) Len() int { return len(m.data) }

// Mapped reports whether the bytes are memory-mapped (false when they were
// read).
func (m *Mapping) Mapped() bool { return m.unmap != nil }

// Close releases the mapping. It is idempotent; after it, Bytes returns nil.
func (m *Mapping) Close() error {
	if m.closed {
		return nil
	}
	m.closed = true
	m.data = nil
	if m.unmap != nil {
		err := m.unmap()
		m.unmap = nil
		return err
	}
	return nil
}
