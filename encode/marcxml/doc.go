// Package marcxml writes records as MARCXML, the Library of Congress
// "MARC21 slim" schema (namespace http://www.loc.gov/MARC21/slim), and reads
// MARCXML back into records.
//
// # Writing
//
// [Append] writes one <record> element; an [Encoder] ([NewEncoder]) writes a
// whole <collection> document; [Options] follow the contract of package
// encode. Records in MARC-8 (leader/09 not 'a') are converted to UTF-8
// first (leniently unless Options.Strict, see package marc8) and written
// with leader/09 'a' and the recomputed length. Escaping is written by hand:
// & < > " ' become entity references, and CR becomes &#13; (XML parsers
// would read a raw CR as LF).
//
// Characters XML 1.0 forbids — C0 controls other than tab, LF and CR, the
// noncharacters U+FFFE and U+FFFF — and bytes that are not valid UTF-8 are
// written as U+FFFD, so the output is always well-formed; the replacement
// is visible rather than silent. Subfield text before the first delimiter
// of a data field (malformed input) is written as a subfield with code
// "?". Indicators and codes are written as they are, escaped, so a record
// whose indicators are not digits, lowercase letters or blanks gives
// well-formed MARCXML that the schema rejects; [Options].SchemaValid trades
// that fidelity for validity.
//
// # Concurrency
//
// An Encoder is not safe for concurrent use. Append is.
package marcxml
