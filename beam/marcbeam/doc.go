// Package marcbeam reads MARC 21 files in Apache Beam pipelines (Go SDK),
// so that one program runs on one machine (the prism runner, in process)
// or on Dataflow, Flink or Spark for files beyond one machine.
//
// Read is a splittable source: each ISO 2709 file is split into byte
// ranges (BlockSize, then further by the runner as it balances work), and
// each range reads the records that start in it, cut where scan.Boundary
// cuts (after a record terminator, before a plausible leader) — the rule
// marcmap's parallel reader uses on one machine. Every record of a file is
// read exactly once across ranges, including records that straddle a
// range's end and broken records, which go to the rejects output with
// their file and byte offset. Records flow as their raw ISO 2709 bytes.
//
// Transforms: Convert (to ISO 2709, UTF-8 ISO 2709, MARCXML, MARC-in-JSON,
// MRK, Dublin Core or MODS), Filter (by field spec, package spec),
// CountByType (by leader/06), RejectLines. beam/examples/convert is a
// whole pipeline.
//
// Record numbers within a file are not known to a range (the ranges
// before it would have to be counted): records and rejects carry their
// byte offset instead, and errors name it.
//
// This module has its own go.mod: the core marcmap module does not depend
// on Beam.
package marcbeam
