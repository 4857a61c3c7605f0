package batch

import (
	"errors"
	"strings"
	"testing"
)

func TestLockIsExclusive(t *testing.T) {
	dir := t.TempDir()
	unlock, err := Lock(dir, "appeal generate first")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Lock(dir, "appeal generate second")
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "appeal generate first") {
		t.Fatalf("second lock: %v", err)
	}
	unlock()
	unlock2, err := Lock(dir, "appeal generate third")
	if err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	unlock2()
}
