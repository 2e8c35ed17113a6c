// Command gentables writes the MARC-8 mapping tables (../../tables.go) from
// the Library of Congress code tables (codetables.xml). Run it through
// go generate in package marc8.
package main
