// Package malformed generates a deterministic corpus of broken ISO 2709
// input by mutating good records, for the reliability tests: every case is
// three records whose middle one is damaged, so a reader must report the
// damage and still return the two good neighbours.
package malformed
