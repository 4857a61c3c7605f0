//go:build unix

package main

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
)

// peakRSS is the peak resident memory of a finished process.
func peakRSS(ps *os.ProcessState) string {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return "unknown"
	}
	kib := float64(ru.Maxrss) // Linux and the BSDs report KiB
	if runtime.GOOS == "darwin" {
		kib /= 1024 // macOS reports bytes
	}
	return fmt.Sprintf("%.0f MiB", kib/1024)
}
