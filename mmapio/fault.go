package mmapio

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// ErrFault is wrapped by the error Guard returns when reading mapped memory
// faulted, typically because the file was truncated while mapped.
var ErrFault = errors.New("mmapio: fault reading mapped memory (file truncated while mapped?)")

// FaultError reports a memory fault caught by Guard.
type FaultError struct {
	Addr uintptr // the faulting address
}

func (e *FaultError) Error() string { return fmt.Sprintf("%v at address %#x", ErrFault, e.Addr) }
func (e *FaultError) Unwrap() error { return ErrFault }

// IsFault reports whether v, a value recovered from a panic, is a memory
// fault (with debug.SetPanicOnFault on), and returns it as an error.
func IsFault(v any) (*FaultError, bool) {
	if f, ok := v.(interface{ Addr() uintptr }); ok {
		if _, isErr := v.(error); isErr {
			return &FaultError{Addr: f.Addr()}, true
		}
	}
	return nil, false
}

// Guard calls fn with debug.SetPanicOnFault on for the calling goroutine,
// and turns a memory fault inside fn into a *FaultError instead of a crash
// (SIGBUS on a truncated mapping kills the process otherwise). Other
// panics go on. Use it around whole loops the caller owns; faults in other
// goroutines are not covered: each goroutine that reads a mapping needs its
// own Guard.
func Guard(fn func()) (err error) {
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if v := recover(); v != nil {
			fe, ok := IsFault(v)
			if !ok {
				panic(v)
			}
			err = fe
		}
	}()
	fn()
	return nil
}
