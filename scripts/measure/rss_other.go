//go:build !unix

package main

import "os"

// peakRSS is not known where the system does not report it.
func peakRSS(*os.ProcessState) string { return "unknown" }
