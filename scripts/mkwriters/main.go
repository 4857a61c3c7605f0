// Command mkwriters writes a writers file of N fictional writers to
// standard output, for benchmarks: go run ./scripts/mkwriters 2500 > writers.csv
package main

import (
	"fmt"
	"os"
	"strconv"

	"appeal/internal/writers/writerstest"
)

func main() {
	n := 2500
	if len(os.Args) > 1 {
		var err error
		if n, err = strconv.Atoi(os.Args[1]); err != nil || n < 1 {
			fmt.Fprintln(os.Stderr, "usage: mkwriters N")
			os.Exit(2)
		}
	}
	if err := writerstest.CSV(os.Stdout, n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
