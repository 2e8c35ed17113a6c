// Package readerstate is the state every record reader of a text format
// (MARCXML, MARC-in-JSON, MRK) keeps, with the methods they share: the
// current record or bad record, its index, the sticky fatal error, and the
// Records iterator. A reader keeps a State in an unexported field, calls
// Init, Clear, Next, Good, Bad and Stop from its Scan, and forwards
// Record, Index, Err and Records.
package readerstate
