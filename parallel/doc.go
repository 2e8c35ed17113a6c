// Package parallel reads and encodes ISO 2709 input on all cores, with
// output in input order and memory bounded whatever the input's size.
//
// One pipeline serves both kinds of input ([Source]): a slice ([Bytes],
// typically a mapped file) is cut into chunks on record boundaries
// (scan.Chunks), and a first pass counts each chunk's items on all cores so
// that every record gets the index a sequential scan would give it; a
// stream ([Stream]) is read in blocks of about [BlockSize] bytes cut after a
// record terminator, counted as they are read. Workers scan the chunks and
// append their output to pooled buffers; the calling goroutine writes the
// outputs in input order. At most 2×Workers chunks are in flight.
//
// [ForEach] calls back for every record; [Encode] writes every record in an
// encode.Format (header, separators, footer: the same bytes as an
// encode.Encoder); [EncodeItems] writes what a callback makes of every
// item, bad ones included (a validation report). The API takes callbacks
// and a context, never channels.
//
// # Errors
//
// Bad records go to Options.BadRecord in input order, from the calling
// goroutine, so reports and rejects files are the same for any number of
// workers. In strict mode the bad record with the lowest index ends the
// work and is returned, as a sequential scan would. The first other error
// in input order (a callback's, a write's, the context's) stops the work.
//
// # Concurrency
//
// ForEach and Encode call fn or Append from several goroutines at once, in
// no particular order. Records passed to callbacks alias the input: a
// mapping's records stay valid as long as it does, a stream's only during
// the callback. Each worker guards its reads with mmapio.Guard, so a mapped
// file truncated under it ends the call with an error wrapping
// mmapio.ErrFault.
package parallel
