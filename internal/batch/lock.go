package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// LockName is the lock file a batch holds in its output folder.
const LockName = ".appeal.lock"

// ErrLocked says that another appeal is writing into the output folder.
var ErrLocked = errors.New("another appeal is writing to this folder")

// Lock takes the output folder dir for this process, so that two batches
// never write into one folder at once: their letters would no longer
// match the manifest. The lock is the operating system's on an open file
// (flock, LockFileEx), so it goes with the process however that ends. A
// second run gets ErrLocked, with the process and command that hold it.
// Unlock releases it.
//
// A folder Lock had to make is removed again by unlock if nothing was
// written into it, so that a run that fails leaves no trace.
func Lock(dir, command string) (unlock func(), err error) {
	_, statErr := os.Stat(dir)
	made := errors.Is(statErr, os.ErrNotExist)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, LockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		held, _ := os.ReadFile(path)
		f.Close()
		who := strings.TrimSpace(string(held))
		if who == "" {
			who = "another process"
		}
		return nil, fmt.Errorf("%w: %s (%s); wait for it to finish, or write to another --out", ErrLocked, filepath.Clean(dir), who)
	}
	f.Truncate(0)
	fmt.Fprintf(f, "process %s since %s: %s\n", strconv.Itoa(os.Getpid()), time.Now().Format("15:04:05"), command)
	return func() {
		f.Truncate(0)
		unlockFile(f)
		f.Close()
		if made {
			os.Remove(path)
			os.Remove(dir) // only when empty
		}
	}, nil
}
