// Package encode holds the contract every output format of marcmap keeps,
// and the one streaming Encoder they share.
//
// Each format lives in its own package below this one (iso2709, marcxml,
// marcjson, mrk) and offers the same shape:
//
//   - Options, whose zero value is the default, with Strict (a record whose
//     MARC-8 cannot be converted is an error wrapping view.ErrCharset,
//     instead of carrying U+FFFD) and the format's own knobs;
//   - Append(dst, r) and Options.Append(dst, r): one record's encoding
//     appended to dst, safe for concurrent use, allocation-free on the hot
//     path when dst has room;
//   - Options.AppendHeader, Options.AppendFooter and Options.Separator: what
//     a container format (a MARCXML collection, a JSON array) writes before
//     the first record, after the last and between two records;
//   - NewEncoder(w, opts), an *Encoder that writes a stream of records.
//
// Options of every format satisfy [Format], so code that writes records
// (the command line, package parallel) needs no knowledge of any format.
//
// # Concurrency
//
// Append and the Options methods are safe for concurrent use. An Encoder
// is not: use one per goroutine.
package encode
