// Command diskfloor writes N files of SIZE bytes into a new folder as a
// batch writes its letters (output.WriteFast: a temporary file, then a
// rename; as many workers as a batch uses) and prints the rate, so that make bench shows
// how fast the disk alone lets a batch go:
//
//	go run ./scripts/diskfloor -n 10002 -size 20877 DIR
package main

import (
	"appeal/internal/output"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"
)

func main() {
	n := flag.Int("n", 10000, "files to write")
	size := flag.Int("size", 20000, "bytes per file")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: diskfloor [-n N] [-size BYTES] DIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "diskfloor:", err)
		os.Exit(1)
	}
	data := make([]byte, *size)
	for i := range data {
		data[i] = byte(i * 7919) // not all zeros, as a PDF is not
	}
	next := make(chan int)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	start := time.Now()
	for range 4 * runtime.GOMAXPROCS(0) { // as batch.Run
		wg.Go(func() {
			for i := range next {
				name := fmt.Sprintf("writer-%06d--01-recipient.pdf", i)
				if err := output.WriteFast(dir, output.File{Path: name, Data: data}); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for i := range *n {
		next <- i
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)
	select {
	case err := <-errs:
		fmt.Fprintln(os.Stderr, "diskfloor:", err)
		os.Exit(1)
	default:
	}
	fmt.Printf("%d files of %d bytes in %.2f s: %.0f files/s\n", *n, *size, elapsed.Seconds(), float64(*n)/elapsed.Seconds())
}
