// Command measure runs a command and prints its wall time and peak
// resident memory, and a rate when told how many items it made:
//
//	go run ./scripts/measure -n 10000 -unit letters -- bin/appeal generate ...
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"time"
)

func main() {
	n := flag.Int("n", 0, "items the command makes, for the rate")
	unit := flag.String("unit", "items", "what the items are")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: measure [-n N -unit NAME] -- command args...")
		os.Exit(2)
	}
	cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(1)
	}
	rss := peakRSS(cmd.ProcessState)
	line := fmt.Sprintf("%.2f s, peak RSS %s", elapsed.Seconds(), rss)
	if *n > 0 {
		line = fmt.Sprintf("%d %s in %s: %.0f %s/s", *n, *unit, line, float64(*n)/elapsed.Seconds(), *unit)
	}
	fmt.Println(line)
}
