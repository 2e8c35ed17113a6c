// Package bib gives the accessors of bibliographic records that pymarc
// users know (record.title, record.isbn, record.subjects ...), on
// view.Record, with pymarc's semantics: the same fields and subfields,
// taken in the same order, joined the same way, punctuation kept.
//
//	bib.Title(r)      // 245 $a + " " + the first $b
//	bib.ISBN(r)       // the first 020 $a, digits only; ISBNs gives them all
//	for f := range bib.Subjects(r) { fmt.Println(f.Format()) } // "Whaling -- Fiction."
//
// Each function documents pymarc's choice it follows: Author takes the
// first 100, else 110, else 111, whatever their order in the record;
// Publisher and PubYear take the first 260, or 264 with second indicator
// 1, in record order; Title takes only the first $b. Where pymarc returns
// None these return "" (or an empty iterator). pymarc's lists of fields
// (Subjects, Notes ...) are iterators here, which do not allocate;
// view.Field.Format gives pymarc's format_field text of each, and
// view.Field.Value its value(). TrimPunct strips the ISBD punctuation that
// pymarc keeps. ISBNs (every 020 $a) has no pymarc counterpart.
//
// A test compares every accessor with pymarc 5.3.1's rules (restated in
// the test) applied to pymarc's own parse of the golden records of
// ../shared/golden (28 corpus files, 303 records, 5,151 values); they
// agree apart from 13 values where pymarc decodes MARC-8 ligature halves
// to U+FE20-FE23 (the golden README's quirk 2).
//
// The functions read the bytes as they are: read records through the root
// package (UTF-8 by default) for text; a MARC-8 view gives MARC-8 bytes.
//
// # Concurrency
//
// Every function is safe for concurrent use on the same record.
package bib
