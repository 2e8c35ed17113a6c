package scan_test

import (
	"bytes"
	"fmt"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
)

func ExampleScanner() {
	data := bytes.Join([][]byte{
		marctest.Book("b1", "First", "One"),
		[]byte("\x1d"), // a stray terminator: one bad record
		marctest.Book("b2", "Second", "Two"),
		[]byte("\r\n"), // padding between records is skipped
	}, nil)
	s := scan.New(data, scan.Options{}) // lenient
	for s.Scan() {
		if err := s.Err(); err != nil {
			fmt.Printf("#%d at %d: bad: %v\n", s.Index(), s.Offset(), err)
			continue
		}
		id, _ := s.Record().Field("001")
		fmt.Printf("#%d at %d: %s\n", s.Index(), s.Offset(), id.Data())
	}
	fmt.Println("end:", s.Err())
	// Output:
	// #0 at 0: b1
	// #1 at 203: bad: marc: record 1 at offset 203, byte 0: bad leader: record shorter than leader and terminators
	// #2 at 204: b2
	// end: <nil>
}
