// Package marc8 converts between MARC-8, the character encoding of most
// MARC 21 records (leader/09 blank), and UTF-8.
//
// The mapping tables are generated (go generate) from the Library of
// Congress code tables, codetables.xml, by internal/gentables; they cover
// every set of those tables: Basic and Extended Latin (ASCII, ANSEL), Greek
// symbols, subscripts, superscripts, Basic and Extended Greek, Basic and
// Extended Cyrillic, Basic Hebrew, Basic and Extended Arabic, and the
// three-byte East Asian set (EACC). The generator also adds six EACC codes
// that real RLIN/OCLC records use and the LoC table lacks (0x21203D "…",
// 0x212040 "“", 0x7F2014 "—", 0x7F2019 "’", 0x7F2020 "”", 0x7F2122 "™"),
// for decoding only, as MARC::Charset and pymarc do.
//
// # Decoding
//
// [Decoder.AppendDecode] decodes the content of one field. The escape state
// starts from the defaults (G0 ASCII, G1 ANSEL) at each field and carries
// across subfields. It knows technique 1 (ESC g, b, p for Greek symbols,
// subscripts and superscripts, ESC s back to ASCII) and the ISO 2022
// designations (ESC ( , for G0; ESC ) - for G1; ESC $ for the multi-byte
// EACC, with an optional '!' intermediate). High-bit bytes are looked up in
// the set designated into G1 with the high bit cleared. Combining marks,
// which precede their base character in MARC-8, are moved after it (several
// keep their order). The ligature and double tilde are written in MARC-8 as
// two halves (EB ... EC, FA ... FB); the first half becomes U+0361 or
// U+0360 after the first character and the second half is dropped, as the
// LoC table prefers and yaz and MARC::Charset do (pymarc gives the
// deprecated half marks U+FE20-FE23). The controls 88, 89, 8D and 8E become
// U+0098, U+009C, U+200D and U+200C.
//
// A subfield delimiter is kept and the ASCII byte after it is copied as the
// subfield code, whatever set G0 holds. If an escape sequence directly
// after the delimiter switches G0 away from ASCII (broken data), the code
// is the first character decoded from it, so nothing is lost.
//
// # Normalisation
//
// Output is NFC by default (golang.org/x/text/unicode/norm); set
// [Decoder].Form to NFD for decomposed text. yaz and MARC::Charset return
// decomposed text and pymarc NFC.
//
// # Bad input
//
// In lenient mode (the zero Decoder, and the CLI's default) an undefined
// code, a C0 control other than ESC and the separators, a truncated
// multi-byte character, or a byte of an unknown set becomes U+FFFD; an
// unknown escape sequence loses its ESC byte and the bytes after it are read
// as text; a combining mark with no base character (at the end of a
// subfield or field) is dropped. In Strict mode each of these is an *Error
// with the byte position, and record conversion (iso2709.Options with
// Charset UTF8, and every encoder of a text format) wraps it in a
// *view.RecordError (errors.Is view.ErrCharset) with the field's tag and the
// position in the record. Nothing panics.
//
// One repair is made in lenient mode: some systems wrote the Cyrillic
// capital E (0x7C in Basic Cyrillic) as 0x1F right after ESC ( N; an escape
// directly before a subfield delimiter is otherwise pointless, so that 0x1F
// is read as Э (marc4j's permissive reader repairs the same data).
//
// # Encoding
//
// [Encoder.AppendEncode] writes UTF-8 as MARC-8. Characters MARC-8 holds
// precomposed (Arabic alef with madda, kana with voicing marks) are written
// as such; others are decomposed and their combining marks written before
// the base. Basic sets are designated
// into G0 (ESC ( F; ESC $ 1 for EACC), extended ones into G1 (ESC ) F),
// the technique 1 sets with ESC g/b/p and ESC s. G0 returns to ASCII
// before every subfield delimiter and at the end of the field; G1 returns
// to ANSEL at the end of the field. A character with no MARC-8 equivalent
// is written as the MARC 21 numeric character reference "&#xXXXX;" (as
// yaz and marc4j do); [CanEncode] tells whether a text needs any. The
// decoder does not turn such references back into characters.
//
// # Disagreements with yaz
//
// Against yaz-marcdump's UTF-8 conversions in ../shared/golden (test
// TestGoldenYaz), fields differ only where the input is broken and we
// decided otherwise, each checked against the LoC tables:
//
//   - A control field holding subfield delimiters (camel.usmarc 007): yaz
//     turns it into a data field and loses $a; we keep it as it is.
//   - A combining mark with no base at the end of a subfield
//     (record_set_045.mrc 700 $4): yaz drops the whole subfield, we drop
//     only the mark.
//   - Cyrillic capital E written as 0x1F (cyrillic_capital_e.mrc): we repair
//     it (see above); yaz starts a subfield there.
//   - Bytes that are not MARC-8 characters (form feeds, 0xFD inside an EACC
//     run, in yaz/marc12.marc): U+FFFD here, silently dropped by yaz.
//
// # Concurrency
//
// A Decoder or Encoder keeps scratch buffers: use one per goroutine. The
// package functions AppendDecode and AppendEncode are safe for concurrent
// use.
package marc8
