// Package marctest builds small ISO 2709 records by hand for tests. It
// depends on nothing else in the module, so every package's tests can use
// it.
package marctest
