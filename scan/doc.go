// Package scan splits ISO 2709 input into records.
//
// [New] scans a byte slice — typically a memory-mapped file — without
// copying: records alias the slice. [NewReader] scans an io.Reader (stdin,
// pipes, compressed streams) through a bounded buffer. Both produce the same
// records, indexes, offsets and errors for the same bytes. [SplitFunc]
// offers the same framing to a bufio.Scanner.
//
// # Framing
//
// A record ends at the record terminator 0x1D, found with bytes.IndexByte.
// The terminator is trusted over the leader's record length: real files have
// leaders that lie (wrong digits, 99999 or 00000 for records over 99,999
// bytes, lengths wrapped past 99999), while the terminator is written by the
// same code that writes the data. Each piece of input between terminators
// is then parsed with view.Parse (strict) or view.ParseLenient (lenient).
//
// # Lenient and strict modes
//
// In strict mode ([Options].Strict) the first bad record stops the scan with
// a *view.RecordError. In lenient mode, the default, each bad record is
// reported (Scan returns true, Record is zero, Err returns the
// *view.RecordError) and scanning resumes after the next record terminator,
// so no good neighbour is lost. What real files do, and what each mode does:
//
//   - NUL, LF, CR, ^Z (0x1A) or space between records, or after the last:
//     skipped as padding in both modes. Offsets point at the record's first
//     byte after the padding.
//   - A leader length that disagrees with the terminator, a non-numeric
//     leader length, or a record over 99,999 bytes whose leader says 99999,
//     00000 or a wrapped value: strict rejects (view.ErrLength or
//     view.ErrLeader); lenient repairs — the terminator gives the length
//     (view.RepairLength), and a base address or directory capped at 99999
//     is read by the field terminators (view.RepairBaseAddress,
//     view.RepairFields).
//   - Field lengths that disagree with the field terminators: strict rejects
//     (view.ErrField); lenient reads the fields by their terminators when
//     there is exactly one per directory entry (view.RepairFields), and
//     rejects the record otherwise.
//   - A piece of input that is not a record followed by a good record with
//     no terminator between them (a record that lost its terminator, or
//     garbage): lenient finds the good record inside by its leader length
//     and reports the piece before it separately, repaired if it is a record
//     missing only its terminator (view.RepairTerminator), bad otherwise.
//     Strict rejects the whole piece.
//   - A stray record terminator (two in a row): a one-byte bad record
//     (view.ErrLeader) in both modes; lenient goes on.
//   - A last record without terminator: lenient accepts it when it is whole
//     (view.RepairTerminator) and reports view.ErrTruncated when it is not
//     (a file cut short); strict reports view.ErrTruncated.
//   - No terminator within MaxRecordLen bytes: view.ErrTooLong; the scan
//     resumes after the next terminator.
//
// After the end of input, or a fatal error, Scan keeps returning false and
// Err keeps its value.
//
// # Lifetimes
//
// For [New], records alias the slice and live as long as it does. For
// [NewReader], records alias the scanner's buffer and are valid until the
// next Scan; use view.Record.Clone to keep one.
//
// # Concurrency
//
// A Scanner is not safe for concurrent use; use one per goroutine. The
// records of a New scanner may be handed to other goroutines.
//
// # Security
//
// Memory is bounded: the stream scanner's buffer never grows beyond about
// MaxRecordLen plus two read blocks, whatever the leaders claim. Malformed
// input yields errors, never panics.
package scan
