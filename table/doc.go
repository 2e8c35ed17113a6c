// Package table turns MARC records into rows of a table for analytics
// engines (DuckDB, Spark, pandas): CSV, TSV and JSON Lines here, Apache
// Parquet in the sub-package table/parquet (the only one that imports a
// Parquet library). `marcmap table` is the command-line front end.
//
// # Columns
//
// A [Schema] has two metadata columns, record (the record's index in its
// input, from 0, bad records counted, as marcmap numbers records
// everywhere) and byte_offset (its byte offset in the input; null when
// the input format has none, as MARCXML), plus file (the input's name)
// when [Schema.File] is set, then its value columns:
//
//   - With rules (field specs, package spec): one column per rule and
//     subfield code, named "F" and the rule with other characters than
//     letters and digits made "_": 245a gives F245a, 650av gives F650a and
//     F650v, 500 gives F500 (whole fields), LDR[6] FLDR_6, 008[35-37]
//     F008_35_37. A column's values are the rule's values as marcmap
//     fields prints them: one per field, its selected subfields joined by
//     a space, in record order.
//   - Without rules: one column per field of the MARC 21 definitions
//     (FLDR, F001 ... F887 for bibliographic records), with the field's
//     text (its subfields joined by a space, as pymarc's value() and
//     marctable give it: indicators and subfield codes are not kept; use
//     rules for those), and Fother: every field the definitions do not
//     define (local 9XX, obsolete or misspelt tags) as a whole MRK line
//     (tag, indicators, $codes, with $ { } \ in the data escaped as dump
//     escapes them), so that no field is dropped.
//
// Two columns with one name (rules 245a and 245abc both give F245a) are
// told apart by a suffix: F245a, F245a_2.
//
// A column is a list when the definitions say its field or its subfield
// repeats, when the field or subfield is not defined (undefined counts as
// repeatable), or when its rule can select several fields (a wildcard, a
// range, several alternatives). Otherwise it holds one string or nothing;
// a record that repeats a non-repeatable field keeps every value, joined
// by [ListSeparator] (a line break: MARC data has none).
//
// # Definitions
//
// [Bibliographic] is generated (go generate) from the Library of Congress
// MARC 21 Bibliographic definitions in Avram JSON
// (../shared/reference/avram, as marctable uses them) with the fields it
// lacks (linking entries 760-787, holdings fields 841-878) from the LoC
// field list; [Authority] and
// [Holdings] from Avram JSON made from the LoC field lists
// (internal/gendefs/README.md). Classification and community information
// records have no definitions of their own: their fields are tabled by
// the definitions chosen (undefined ones count as repeatable).
//
// # Formats
//
// CSV and TSV (RFC 4180 quoting, with a comma or a tab between cells:
// DuckDB's read_csv, pandas and Spark read both) have a header line; a
// list is written
// as a JSON array of strings (DuckDB: from_json(F650a, '["VARCHAR"]')), an
// empty list as an empty cell. JSON Lines has one object per record: a
// list is an array, another column a string or null. Parquet: see
// table/parquet. Every format holds UTF-8: bytes that are not UTF-8 (a
// broken record read leniently) become U+FFFD.
//
// # Use
//
//	s, err := table.NewSchema([]string{"245a", "650av"}, table.Bibliographic)
//	w := table.NewTextWriter(out, s, table.CSV) // or parquet.NewWriter(out, s, parquet.Options{})
//	var row table.Row
//	for r, err := range f.Records() { // r in UTF-8: convert MARC-8 first (iso2709.WithUTF8)
//		s.Fill(&row, r)
//		row.Record = ...
//		w.Write(&row)
//	}
//	w.Close()
//
// A Schema is safe for concurrent use; each goroutine fills its own Row.
// Row.AppendBinary and Row.UnmarshalBinary carry rows between goroutines
// (marcmap table fills rows on every core and writes them in order).
package table
