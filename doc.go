// Package marcmap reads MARC 21 records fast and without copying, in any
// of the formats libraries exchange them in: ISO 2709 (binary MARC,
// memory-mapped and read as zero-copy views), MARCXML, MARC-in-JSON and
// MARCMaker text.
//
//	f, err := marcmap.Open("records.mrc", marcmap.Options{})
//	if err != nil { ... }
//	defer f.Close()
//	for r, err := range f.Records() {
//		if err != nil { log.Print(err); continue } // a bad record; the reading goes on
//		if t, ok := r.Field("245"); ok {
//			a, _ := t.Subfield('a')
//			fmt.Printf("%s\n", a)
//		}
//	}
//
// [Open] and [NewReader] detect the format from the content (see
// [DetectFormat]) unless [Options].Format says it, and every format gives
// the same view.Record and the same error type, *view.RecordError (aliased
// here as [RecordError]), wrapping the view sentinels: errors.Is(err,
// view.ErrLeader) works whatever the input. Records come out in UTF-8:
// MARC-8 records are converted (leader/09 becomes 'a') into a buffer the
// Reader reuses; UTF-8 records are untouched views. Options.Raw keeps the
// bytes as stored.
//
// [Reader.ForEach], [Reader.Encode] and [Reader.EncodeItems] do the work on
// every core for ISO 2709 input (package parallel), with output in input
// order; other formats are read on the calling goroutine, with the same
// results.
//
// The packages underneath can be used directly: view (records), scan
// (scanners over slices and streams), mmapio (mapping), parallel, encode
// and its format packages (writing, and reading the text formats), marc8
// (MARC-8 text).
//
// # Lifetimes
//
// A record is a view. From a mapped ISO 2709 file, a UTF-8 record and
// every slice it hands out point into the mapping and are valid until
// Close. A record converted from MARC-8, or read from a stream or a text
// format, is valid until the next record. Set Options.Keep, or call
// Record.Clone, to keep records longer: that is needed whenever records
// are stored (a slice, a map, a channel) rather than used in the loop.
//
// # Errors
//
// A bad record is a *RecordError with its index and byte offset (or line,
// for MARCXML and MRK): in lenient mode (the default) it is reported and
// the reading goes on; [RecordError.Fatal] reports an error the Reader
// could not go on after (XML or JSON that is not well-formed, strict
// mode). I/O errors and mmapio.ErrFault (a mapped file truncated under the
// Reader) end the reading too.
//
// # Concurrency
//
// A Reader is used by one goroutine; ForEach and Encode use every core
// themselves. Close must not race with them.
package marcmap
