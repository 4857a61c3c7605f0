//go:build !unix

package pdf_test

import "time"

// cpuTime is not measured where getrusage does not exist: the benchmarks
// then report no CPU time per letter.
func cpuTime() time.Duration { return 0 }
