//go:build !unix && !windows

package batch

import "os"

// Where the system has no file locks (Plan 9, WebAssembly), batches are
// not guarded against each other.
func lockFile(*os.File) error   { return nil }
func unlockFile(*os.File) error { return nil }
