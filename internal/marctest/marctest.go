package marctest

import (
	"fmt"
	"strings"
)

// Leader is a typical leader for a UTF-8 book record; Build fills in the
// record length and base address.
const Leader = "00000nam a2200000 a 4500"

// Build assembles a well-formed record. fields alternate tag and content;
// in content, '$' stands for the subfield delimiter 0x1F and "{dollar}" for
// a literal '$'. A field's content
// is written as given, so a data field starts with its two indicators.
func Build(leader string, fields ...string) []byte {
	var dir, data strings.Builder
	for i := 0; i+1 < len(fields); i += 2 {
		content := strings.ReplaceAll(fields[i+1], "$", "\x1f")
		content = strings.ReplaceAll(content, "{dollar}", "$") + "\x1e"
		fmt.Fprintf(&dir, "%s%04d%05d", fields[i], len(content), data.Len())
		data.WriteString(content)
	}
	dir.WriteString("\x1e")
	base := 24 + dir.Len()
	total := base + data.Len() + 1
	l := []byte(leader)
	copy(l[0:5], fmt.Sprintf("%05d", total%100000))
	copy(l[12:17], fmt.Sprintf("%05d", base%100000))
	return []byte(string(l) + dir.String() + data.String() + "\x1d")
}

// Book returns a small bibliographic record whose 001 is id.
func Book(id, title, author string) []byte {
	return Build(Leader,
		"001", id,
		"005", "20240101120000.0",
		"008", "240101s2024    xxu           000 0 eng d",
		"100", "1 $a"+author,
		"245", "10$a"+title+" /$c"+author+".",
		"650", " 0$aTest records.",
	)
}
