package marc8_test

import (
	"fmt"

	"github.com/marcmap/marcmap/marc8"
)

func ExampleAppendDecode() {
	// MARC-8 writes a combining mark before its letter: 0xE8 is the umlaut.
	fmt.Printf("%s\n", marc8.AppendDecode(nil, []byte("Bront\xe8e")))
	// Output:
	// Brontë
}

func ExampleDecoder_AppendDecode() {
	d := marc8.Decoder{Strict: true}
	_, err := d.AppendDecode(nil, []byte("a\x1b(Zb")) // an unknown escape sequence
	fmt.Println(err != nil)
	// Output:
	// true
}

func ExampleAppendEncode() {
	fmt.Printf("%q\n", marc8.AppendEncode(nil, []byte("Brontë")))
	// Output:
	// "Bront\xe8e"
}
