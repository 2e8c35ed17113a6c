// Package holdings reads MARC 21 holdings records (leader/06 u, v, x or
// y): the location (852), the captions and patterns (853-855) paired with
// their enumeration and chronology (863-865), and the textual holdings
// (866-868).
//
// # Concurrency
//
// Every function is safe for concurrent use on the same record.
package holdings
