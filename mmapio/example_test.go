package mmapio_test

import (
	"bytes"
	"fmt"

	"github.com/marcmap/marcmap/mmapio"
)

func ExampleOpen() {
	m, err := mmapio.Open("../testdata/sample.mrc")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer m.Close()
	// Bytes is valid until Close; a read fallback gives the same bytes.
	fmt.Println(m.Len(), bytes.Count(m.Bytes(), []byte{0x1d}))
	// Output:
	// 2792 5
}
