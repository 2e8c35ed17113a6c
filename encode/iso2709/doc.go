// Package iso2709 writes MARC 21 records in ISO 2709 form.
//
// A [Builder] makes a record from a leader and fields, or starts from a
// view.Record to edit one, and computes the directory, the base address and
// the record length. [Append], [Options.Append] and the Encoder of
// [NewEncoder] write records, copying well-formed ones as they are and
// rebuilding repaired ones so that what is written is always well-formed.
// [Options] follow the contract of package encode.
//
// # Editing
//
// [Builder.ResetFrom] loads a record; the Builder then has pymarc's verbs
// under Go names: [Builder.AddField] and [Builder.AddDataField] (pymarc's
// add_field), [Builder.AddFieldOrdered] and [Builder.AddDataFieldOrdered]
// (add_ordered_field), [Builder.InsertField], [Builder.SetField] (replace),
// [Builder.DeleteField] and [Builder.RemoveFields] by tag pattern ("9XX",
// remove_fields), [Builder.SetIndicators], [Builder.AddSubfield],
// [Builder.SetSubfield] and [Builder.RemoveSubfields] (add_subfield,
// subfield assignment, delete_subfield), [Builder.SetLeaderAt], and
// [Builder.Fields] to find the fields to change. [Builder.Record] gives
// the result back as a view; [Builder.Append] as bytes. Fields that were
// not changed are copied byte for byte.
//
// # Character encodings
//
// [Options].Charset converts whole records between MARC-8 and UTF-8 as they
// are written (leader/09 set to match), and [WithUTF8] gives the UTF-8 form
// of a record to the encoders of text formats. Both go through one
// conversion, strict or lenient as Options.Strict says: in strict mode MARC-8
// that cannot be decoded is a *view.RecordError wrapping view.ErrCharset
// (with the field and byte position), in lenient mode it becomes U+FFFD. A
// record whose leader/09 declares MARC-8 but whose text is valid UTF-8 with
// non-ASCII characters and no escape sequences (a common mislabelling:
// MARC-8 text is valid UTF-8 only in rare sequences, such as an ANSEL
// special character at 0xC0-0xC8 followed by one at 0xA1-0xBF, since a
// MARC-8 combining mark comes before an ASCII letter) is reported in
// strict mode and taken as UTF-8 in lenient mode, leader/09 corrected, so
// it never comes out as mojibake. Lenient mode does not flag that
// relabelling on the record.
//
// # Limits
//
// ISO 2709 has five digits for the record length and field starting
// positions and four for field lengths. By default a record over 99,999
// bytes or a field over 9,999 bytes (terminator included) is an error
// wrapping view.ErrTooLong: never a corrupt leader, never a dropped field.
// Setting [Builder].Overlong (or [Options].Overlong for records a
// conversion makes longer) writes such records anyway, with every length
// or position slot too narrow for its value filled with zeros, the
// convention of ruby-marc's allow_oversized; scan and view.ParseLenient read
// them back by their terminators. Other tools cap the slots at 99999
// (HathiTrust dumps); marcmap reads those too but does not write them.
//
// # Concurrency
//
// A Builder or an Encoder is not safe for concurrent use; use one per
// goroutine. Append, Options.Append and WithUTF8 are safe for concurrent
// use.
package iso2709
