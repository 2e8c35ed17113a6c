// Command marcmap counts, dumps, validates and converts MARC 21 records in
// ISO 2709, MARCXML, MARC-in-JSON and MARCMaker (.mrk) form.
//
//	marcmap count FILE...
//	marcmap dump [-raw] FILE...
//	marcmap validate [-rejects FILE] FILE...
//	marcmap convert [-to FORMAT] [-to-utf8|-to-marc8] [-o OUT] IN... (or IN OUT)
//
// Run "marcmap -h" for every flag and the exit statuses. The commands are
// thin: each is one file over the driver (driver.go), which opens the
// inputs with marcmap.Open, writes outputs under a temporary name and
// renames them on success, refuses an output that is an input, and reports
// bad records the same way for every -workers.
package main
