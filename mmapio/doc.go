// Package mmapio gives read-only access to a whole file as a []byte, by
// memory-mapping it (github.com/edsrzf/mmap-go) where the platform allows and
// the file is a regular, non-empty file, and by reading it otherwise (pipes,
// character devices, platforms without mmap, or the nommap build tag).
//
// # Lifetimes
//
// Bytes aliases the mapping. Every slice taken from it — records, fields,
// subfield values — is valid only until Close. Close is explicit and never
// run by a finalizer: the garbage collector cannot see slices into a mapping,
// so unmapping behind their back would turn a later read into a fault.
// Reading a slice after Close faults (SIGSEGV); copy what you keep.
//
// # Hazards
//
// A file truncated by another process while it is mapped raises SIGBUS on
// the next read of a page past the new end. The Go runtime turns that into
// a crash unless the reading goroutine has called debug.SetPanicOnFault(true),
// in which case it is a recoverable panic. [Guard] does that for a function
// and returns a [*FaultError] (errors.Is [ErrFault]); marcmap.Reader.Scan,
// package parallel and the marcmap command use it, so a truncated file ends
// the scan with an error. Goroutines of your own that read records from a mapping need their
// own Guard. Map only files that are not written to while you read them, or
// read them through a stream instead.
//
// # Concurrency
//
// A Mapping's bytes may be read by any number of goroutines at once. Close
// must not race with readers.
package mmapio
