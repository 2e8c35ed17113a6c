// Package dublincore writes MARC 21 records as OAI Dublin Core
// (<oai_dc:dc>), element by element as the Library of Congress stylesheet
// MARC21slim2OAIDC.xsl makes it from MARCXML, in its order: title (245
// $abfghk), creator (100, 110, 111, 700, 710, 711, 720), type (from
// leader/06 and 07, then each 655), publisher (260 $ab), date (each 260
// $c), language (008/35-37), description (the first $a of each 5XX but
// 506, 530, 540 and 546), subject (600, 610, 611, 630, 650, 653: $abcdq,
// each tag in turn), coverage (662, 752), relation (530, then the 76X-78X
// linking entries $ot), identifier (856 $u, then 020 $a as URN:ISBN:),
// rights (506 $a, then 540 $a). Empty elements are written as the
// stylesheet writes them (<dc:language/> for a record without 008).
// [Append], [Options] and [NewEncoder] follow the contract of package
// encode; records in MARC-8 are converted to UTF-8 first, as the
// stylesheet sees UTF-8 MARCXML.
//
// # Equal to the stylesheet
//
// Two choices make the output what xsltproc gives on marcmap's own
// (indented) MARCXML: where the stylesheet takes a field's text (creator,
// the 655 type) it joins the text nodes of the field, which in indented
// MARCXML hold the line breaks between subfields; here the subfields are
// joined by one space (on MARCXML with no white space between subfields
// the stylesheet runs them together, "Fedorov, A. V.(Andreĭ
// Venediktovich)"; marcmap writes the space whatever the input's layout).
// And 008/35-37 counts characters, as XPath's substring does, not bytes.
//
// Measured: `go test -run 'Golden|Live' -v ./encode/dublincore`. Against
// the golden files (xsltproc on yaz's MARCXML of 18 corpus files), 267 of
// 268 records are equal after canonicalisation (white space collapsed,
// NFC); the other differs because yaz dropped a subfield of its input (a
// $4 ending in a dangling MARC-8 mark, golden README quirk 5). Run live
// with xsltproc on marcmap's MARCXML of every ISO 2709 corpus file, all
// 4,091 records are equal.
//
// # Concurrency
//
// Append and the Options methods are safe for concurrent use; an Encoder
// is not.
package dublincore
