// Package marcmap reads MARC 21 records in ISO 2709 files fast and without
// copying: the file is memory-mapped, split into records by the record
// terminator, and each record is a lazy view whose fields and subfields are
// read on demand.
//
//	f, err := marcmap.Open("records.mrc")
//	if err != nil { ... }
//	defer f.Close()
//	for r, err := range f.Records() {
//		if err != nil { log.Print(err); continue } // a bad record; the scan goes on
//		if t, ok := r.Field("245"); ok {
//			a, _ := t.Subfield('a')
//			fmt.Printf("%s\n", a)
//		}
//	}
//
// The packages underneath can be used directly: view (records), scan
// (scanners over slices and streams), mmapio (mapping), encode/iso2709
// (writing).
//
// # Lifetimes
//
// Records and every slice they hand out point into the mapping and are valid
// until Close. Use Record.Clone, or copy the bytes, to keep anything longer.
//
// # Concurrency
//
// A File may be read by several goroutines, each with its own Scanner; Close
// must not race with them.
package marcmap
