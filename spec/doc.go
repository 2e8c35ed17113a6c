// Package spec selects data from records with field specs in the style of
// traject and MARC::Spec: compiled once, evaluated on a view.Record with
// no allocation beyond the result.
//
//	s := spec.MustCompile("245abc")
//	for _, title := range s.Values(rec) { ... }     // one string per field
//	if spec.MustCompile("650a~history").Match(rec) { ... }
//
// # The language
//
// A spec is one or several alternatives separated by ':' ("100a:700a");
// values come in record order, whichever alternative selects them. Each
// alternative is a tag, then optionally an indicator filter, subfield
// codes or character positions, and a condition: TAG|I1I2|CODES~TEXT,
// TAG[FROM-TO]=TEXT.
//
//   - TAG is three letters or digits ("245", "FMT"); X, x or . match any
//     character ("6XX", "9.."), so a tag with a literal X cannot be named.
//     A range of numeric tags is written "600-699" (inclusive). LDR is
//     the leader.
//   - |I1I2| filters data fields by indicators: each a value, '*' for
//     any, '_' or '#' for a blank ("245|1*|a", "650|_0|").
//   - CODES are subfield codes, letters or digits ("245abc"): the values of those subfields,
//     in field order, repeated ones too. With no codes, every subfield of
//     a data field and the whole of a control field or the leader.
//   - [FROM-TO] or [POS] are character positions, counted from 0, of a
//     control field or the leader ("008[35-37]", "LDR[6]"). A field too
//     short for them all gives no value (as traject), never a part.
//   - A condition keeps only the fields where one of the selected values
//     satisfies it: ~TEXT contains TEXT, ASCII letters matched without
//     regard to case ("650a~history" matches "History."); =TEXT is equal
//     to TEXT; ~/RE/ matches the regular expression RE (Go's RE2 syntax;
//     add (?i) to ignore case). In TEXT a '\' escapes the next character,
//     so "\:" is a colon; in RE "\/" is a slash and other escapes are
//     RE2's ("\\" a backslash). A condition ends at ':' (the next
//     alternative) or the end.
//
// Substring and regular expressions were chosen together: a substring is
// what most filters need and costs no regular expression engine; RE2
// covers the rest in linear time.
//
// # Values
//
// [Spec.Each] yields every selected value with its field (no allocation);
// [Spec.Values] gives one string per field, the field's values joined by
// a space (as traject does for "245abc"); [Spec.AppendValues] writes them
// into a caller's buffer with separators of the caller's choice;
// [Spec.Fields] yields the fields; [Spec.Match] reports whether anything
// is selected. Values alias the record (see package view for lifetimes),
// except a repaired leader's, which are copies.
//
// Text is matched byte for byte, with no Unicode normalisation: read
// MARC-8 records through the root package (UTF-8, NFC by default) to match
// text with diacritics; a UTF-8 file that stores decomposed text ("o"
// then U+0301) matches only a spec written the same way.
//
// # Errors
//
// A bad spec gives an [*Error] with the byte position of the bad
// character; its message shows the spec with a caret under it.
//
// # Concurrency
//
// A compiled Spec is immutable and safe for concurrent use.
package spec
