// Package mrk writes and reads MARCMaker text (.mrk), the line format
// MarcEdit users edit:
//
//	=LDR  00570cam\a2200193\i\4500
//	=001  mm0000001
//	=245  10$aMoby Dick, or, The whale /$cby Herman Melville.
//
// followed by a blank line after each record. Blanks in the leader, in
// control fields and in indicators are written as '\'; the subfield
// delimiter is '$'. As MarcEdit does, a literal '$' is written {dollar},
// '{' and '}' as {lcub} and {rcub}, and a literal '\' as {bsol} (in
// subfield text too, where MARCMaker-compatible readers may take a bare
// '\' for a blank; the Reader reads both). A line feed or carriage return,
// which would end the line, is written {x0A} or {x0D}: marcmap's Reader
// decodes them, other readers keep them as text. Records in MARC-8 are
// converted to UTF-8 first (package marc8), so output is UTF-8 text (what
// MarcEdit calls .mrk8), unless [Options].Raw asks for MARC-8 as
// MARCBreaker writes it (.mrk): every byte outside printable ASCII as its
// character mnemonic ({acute}, {Lstrok}, {esc}) or as {XX} in hex.
// [Append], [Options] and [NewEncoder] follow the contract of package
// encode.
//
// The Reader takes LF or CR/LF line ends, a UTF-8 byte order mark, leaders
// written with spaces or '\', and the mnemonics: those above, {XX} for
// any byte but 1D-1F, and the Library of Congress's MARCMaker names of the
// ANSEL characters ({acute}, {uml} or {diaer}, {Lstrok} ...), which
// MarcEdit writes too. In a MARC-8 record (leader/09 blank) they become
// the MARC-8 bytes; in a UTF-8 record the characters, with a combining
// mark, written before its letter as in MARC-8, moved after it and the
// field normalised to NFC. marc4j's brkrtest.mrk and brkrtest.mrk8 read
// to the very bytes of its brkrtest.mrc and brkrtest_UTF8.mrc. Other
// {name} strings are kept as text.
//
// # Concurrency
//
// Append and the Options methods are safe for concurrent use; an Encoder
// or a Reader is not: use one per goroutine.
package mrk
