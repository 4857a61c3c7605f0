//go:build unix

package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"appeal/internal/batch"
	"appeal/internal/output"
)

// appeal starts the test binary as appeal with args (see TestMain).
func appeal(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "APPEAL_RUN_MAIN=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

// exitStatus waits for cmd and returns its exit status and how long it
// took after since.
func exitStatus(t *testing.T, cmd *exec.Cmd, since time.Time) (int, time.Duration) {
	t.Helper()
	err := cmd.Wait()
	took := time.Since(since)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), took
}

// TestSignalsWhileReading: validate reading a FIFO that no one writes to
// blocks in the open; Ctrl-C and SIGTERM still end it, with 130 and 143,
// and a second Ctrl-C ends it at once.
func TestSignalsWhileReading(t *testing.T) {
	tests := []struct {
		name    string
		signals []syscall.Signal
		want    int
		within  time.Duration
	}{
		{"SIGINT", []syscall.Signal{syscall.SIGINT}, 130, grace + time.Second},
		{"SIGTERM", []syscall.Signal{syscall.SIGTERM}, 143, grace + time.Second},
		{"second SIGINT", []syscall.Signal{syscall.SIGINT, syscall.SIGINT}, 130, grace / 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel() // each waits on its own process: a second apiece
			fifo := filepath.Join(t.TempDir(), "case.yaml")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skip("no FIFOs here:", err)
			}
			cmd, stderr := appeal(t, "validate", fifo)
			time.Sleep(600 * time.Millisecond) // let it start and block in the open
			start := time.Now()
			for _, s := range tt.signals {
				cmd.Process.Signal(s)
				time.Sleep(50 * time.Millisecond)
			}
			code, took := exitStatus(t, cmd, start)
			if code != tt.want {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.want, stderr)
			}
			if took > tt.within {
				t.Errorf("took %v to stop, want at most %v", took, tt.within)
			}
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("stderr does not say it was interrupted: %q", stderr)
			}
		})
	}
}

// TestSignalDuringBatch interrupts a batch with Ctrl-C: it stops
// promptly with 130, every letter on disk is whole and listed, and no
// temporary file is left.
func TestSignalDuringBatch(t *testing.T) {
	dir := t.TempDir()
	writersFile := writeWriters(t, dir, 3000)
	out := filepath.Join(dir, "out")
	cmd, stderr := appeal(t, "generate", "../../cases/ua-115-16.yaml", "--writers", writersFile, "--lang", "ru",
		"--to", "to", "--out", out, "--date", "2017-02-10")
	deadline := time.Now().Add(time.Minute)
	for letters(t, out) < 30 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	start := time.Now()
	cmd.Process.Signal(syscall.SIGINT)
	code, took := exitStatus(t, cmd, start)
	if code != 130 {
		t.Fatalf("exit %d, want 130; stderr: %s", code, stderr)
	}
	if took > grace {
		t.Errorf("took %v to stop", took)
	}
	rows, err := batch.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	got := files(t, out)
	if len(got) == 0 || len(got) >= 6000 {
		t.Fatalf("%d letters after the interruption", len(got))
	}
	for _, f := range got {
		if _, ok := rows[f]; !ok {
			t.Errorf("%s is on disk but not in the manifest", f)
		}
	}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && output.IsTemp(d.Name()) {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
	if !strings.Contains(stderr.String(), "run the same command again") {
		t.Errorf("stderr: %s", stderr)
	}
}

// TestTwoBatchesAtOnce starts a batch and, while it runs, the same batch
// again into the same folder: the second refuses, naming the first, and
// the first finishes with every file matching its manifest row.
func TestTwoBatchesAtOnce(t *testing.T) {
	dir := t.TempDir()
	writersFile := writeWriters(t, dir, 600)
	out := filepath.Join(dir, "out")
	args := []string{"generate", "../../cases/ua-115-16.yaml", "--writers", writersFile, "--lang", "ru", "--to", "to", "--out", out, "--date", "2017-02-10"}
	first, firstErr := appeal(t, args...)
	deadline := time.Now().Add(time.Minute)
	for letters(t, out) < 10 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	second, secondErr := appeal(t, args...)
	code, _ := exitStatus(t, second, time.Now())
	if code != 1 || !strings.Contains(secondErr.String(), "another appeal is writing to this folder") || !strings.Contains(secondErr.String(), "appeal generate") {
		t.Errorf("second run: exit %d, stderr %s", code, secondErr)
	}
	if code, _ := exitStatus(t, first, time.Now()); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, firstErr)
	}
	rows, err := batch.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	got := files(t, out)
	if len(got) != 1200 || len(rows) != 1200 {
		t.Errorf("%d files, %d manifest rows, want 1200 each", len(got), len(rows))
	}
}
