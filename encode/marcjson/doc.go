// Package marcjson writes and reads MARC-in-JSON, the JSON form of MARC 21
// records shared by pymarc, yaz, ruby-marc and MARC::File::MiJ:
//
//	{"leader":"...","fields":[{"001":"..."},{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"..."}]}}]}
//
// # Writing
//
// [Append] writes one record as one JSON object and a newline. An
// [Encoder] ([NewEncoder]) writes a stream: by default one object per line
// (NDJSON, what pymarc writes), or a JSON array ([Options].Array); Options
// follow the contract of package encode. Records in MARC-8 are
// converted to UTF-8 first (see package marc8). Escaping is written by
// hand: '"', '\\' and control characters are escaped, bytes that are not
// valid UTF-8 become U+FFFD. Subfield text before the first delimiter of a
// data field (malformed input) is written under the code "?".
//
// # Reading
//
// A [Reader] reads objects one at a time from a stream: one per line, one
// after the other (as yaz writes them), or the elements of a top-level
// array. Each becomes an ISO 2709 record, in UTF-8 with leader/09 set to
// 'a' (JSON text is Unicode whatever the leader said). Raw control characters inside
// strings (not JSON, but found in pymarc's and marc4j's files) are
// accepted. An indicator or subfield code that is one character outside
// ASCII cannot be one ISO 2709 byte: lenient mode stores '?', strict mode
// rejects the record.
//
// # Concurrency
//
// Encoders and Readers are not safe for concurrent use. Append is.
package marcjson
