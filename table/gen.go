package table

//go:generate go run ./internal/gendefs -in ../../shared/reference/avram/marc-bibliographic.json -name bibliographic -out defs_bibliographic.go
