// Command benchcold runs a command N times, one after the other, and
// prints the median, fastest and slowest wall time of a run: what a cold
// start costs, for the command that writes one letter.
//
//	go run ./scripts/benchcold -n 21 -- bin/appeal generate ...
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"time"
)

func main() {
	n := flag.Int("n", 21, "runs")
	flag.Parse()
	if flag.NArg() == 0 || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: benchcold [-n N] -- command args...")
		os.Exit(2)
	}
	times := make([]time.Duration, *n)
	for i := range times {
		cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "benchcold:", err)
			os.Exit(1)
		}
		times[i] = time.Since(start)
	}
	slices.Sort(times)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	fmt.Printf("median %.1f ms over %d runs (%.1f to %.1f ms)\n", ms(times[len(times)/2]), *n, ms(times[0]), ms(times[len(times)-1]))
}
