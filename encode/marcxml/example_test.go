package marcxml_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

func ExampleAppend() {
	r, _ := view.Parse(marctest.Build(marctest.Leader, "001", "x1", "245", "10$aMoby Dick /$cHerman Melville."))
	out, err := marcxml.Append(nil, r)
	if err != nil {
		fmt.Println(err)
		return
	}
	os.Stdout.Write(out)
	// Output:
	// <record>
	//   <leader>00087nam a2200049 a 4500</leader>
	//   <controlfield tag="001">x1</controlfield>
	//   <datafield tag="245" ind1="1" ind2="0">
	//     <subfield code="a">Moby Dick /</subfield>
	//     <subfield code="c">Herman Melville.</subfield>
	//   </datafield>
	// </record>
}

func ExampleNewReader() {
	doc := `<collection xmlns="http://www.loc.gov/MARC21/slim">
<record><leader>00000nam a2200000 a 4500</leader>
<datafield tag="245" ind1="0" ind2="0"><subfield code="a">Walden</subfield></datafield></record>
<record><leader>short</leader></record>
</collection>`
	rd := marcxml.NewReader(strings.NewReader(doc), marcxml.Options{})
	for r, err := range rd.Records() {
		if err != nil {
			fmt.Println("bad:", err)
			continue
		}
		t, _ := r.Field("245")
		a, _ := t.Subfield('a')
		fmt.Printf("%s\n", a)
	}
	// Output:
	// Walden
	// bad: marc: record 1 at line 4: bad leader: leader is not 24 ASCII characters
}
