// Package view gives lazy, zero-copy views of MARC 21 records in ISO 2709
// form.
//
// [Parse] checks a record's framing once — the leader digits, the base
// address, every directory entry, every field terminator, and that no two
// fields overlap — without allocating. Unused bytes between fields are
// allowed: a consistent directory is trusted, and read as it says. After
// that the [Record] accessors cannot fail or index out of range: the
// leader, fields and subfields are read on demand straight from the input
// bytes. Subfield content is not validated; a malformed run of
// subfields yields what is there.
//
// The structural bytes are 0x1D (record terminator), 0x1E (field terminator)
// and 0x1F (subfield delimiter). MARC 21 fixes the directory entry map at
// 4500 and uses two indicators and one-byte subfield codes; Parse assumes
// these values whatever leader/10-11 and leader/20-23 say, as yaz, marc4j and
// pymarc do for MARC 21 data.
//
// # Strict and lenient parsing
//
// [Parse] accepts only records whose framing is consistent. [ParseLenient]
// first tries Parse and, when that fails, applies the repairs real files need,
// each reported by [Record.Repairs]:
//
//   - [RepairLength]: leader/00-04 is not the record's length (non-numeric,
//     wrong, 99999 or 00000 for records over 99,999 bytes); the length of the
//     slice, found by the record terminator, is trusted.
//   - [RepairTerminator]: the record terminator is missing (the last record of
//     a file); the record ends at the end of the slice.
//   - [RepairBaseAddress]: leader/12-16 does not point just past the directory;
//     the directory ends at its field terminator. Or the base address is right
//     and the directory consistent, but the byte that ends the directory is
//     not a field terminator (marc-perl's baddir.usmarc has 0x1F there).
//   - [RepairFields]: directory lengths or starting positions disagree with
//     the field terminators (edited records, or starting positions capped at
//     99999 in records over 99,999 bytes); when the data area holds exactly one
//     field terminator per directory entry and ends with one, fields are read
//     in directory order, each ending at its terminator.
//
// One repair is also made by Parse, since it concerns no framing:
//
//   - [RepairLeader]: leader/10-11 and 20-23 are not "22" and "4500", the
//     values every MARC 21 reader (this one too) reads records by (a blank
//     at 23 after "450" is legal), or a leader byte is not printable ASCII.
//     [Record.Leader] gives the leader as MARC 21 readers take it ("22",
//     "4500", blanks for the bytes XML and most tools cannot carry), and
//     every writer writes that; [Record.Bytes] keeps the bytes as stored.
//
// When all else fails, one more repair rebuilds the record in new memory:
//
//   - [RepairDirectory]: the directory mixes 12-byte entries with wider
//     ones (a five-digit length for a field over 9,999 bytes, a six-digit
//     start past 99,999: exporter conventions marc4j reads), or its first entry has 11 bytes because its
//     00X tag lost a '0' (before a control field: marc4j's
//     pride-and-prejudice-with-many-errors.mrc), and every entry's length
//     and start match the field terminators. The record is rebuilt with
//     12-byte entries (a number too long for its digits zero-filled, read
//     by terminators; a record over 99,999 bytes gets length 00000 and
//     [RepairLength]); it does not alias the input, unlike every other
//     record.
//
// A repaired record must still be plausible MARC: at least one field, and
// every tag three ASCII letters or digits; random bytes that end in a record
// terminator are not "repaired" into a record. Anything else is rejected
// with a [*RecordError].
//
// # Lifetimes
//
// A Record, its Fields and every slice they hand out alias the bytes given to
// Parse. They stay valid as long as those bytes do: until the mapping is
// closed for a memory-mapped file, until the next Scan for a stream scanner.
// Use [Record.Clone] to keep a record longer. Every slice handed out is
// capacity-clipped, so appending to it copies instead of writing into the
// input.
//
// # Concurrency
//
// A Record is an immutable value: it is safe for concurrent reads by any
// number of goroutines.
//
// # Security
//
// Parse never allocates from a length read in the input and never reads
// outside the slice it is given; malformed input returns an error, never a
// panic.
package view
