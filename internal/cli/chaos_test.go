//go:build unix

package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"appeal/internal/batch"
	"appeal/internal/output"
	"appeal/internal/pdftest"
)

// TestChaos runs a batch of PDF letters and interrupts it at random
// moments, with SIGKILL and with Ctrl-C, starts two runs at once, and
// finishes it; then every letter on disk must be a whole PDF that qpdf
// accepts, listed once in the manifest with its checksum, and no
// temporary file may be left. The moments are random, the seed logged.
func TestChaos(t *testing.T) {
	t.Parallel() // its own processes and folder
	pdftest.Need(t, "qpdf")
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rnd := rand.New(rand.NewPCG(seed, 1))
	dir := t.TempDir()
	writersFile := writeWriters(t, dir, 120)
	out := filepath.Join(dir, "out")
	args := []string{"generate", "../../cases/ua-115-16.yaml", "--writers", writersFile, "--lang", "ru",
		"--out", out, "--date", "2017-02-10", "--combined", filepath.Join(dir, "print.pdf"), "--volume", "50"}
	for round, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGINT, syscall.SIGKILL, syscall.SIGINT, syscall.SIGKILL} {
		cmd, stderr := appeal(t, args...)
		// Once the run holds the folder's lock it listens for signals (a
		// Ctrl-C before appeal has started is the shell's business).
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if data, err := os.ReadFile(filepath.Join(out, batch.LockName)); err == nil && strings.Contains(string(data), fmt.Sprintf("process %d ", cmd.Process.Pid)) {
				break
			}
		}
		time.Sleep(time.Duration(rnd.IntN(200)) * time.Millisecond)
		cmd.Process.Signal(sig)
		code, _ := exitStatus(t, cmd, time.Now())
		t.Logf("round %d: %v, exit %d, %d letters", round+1, sig, code, letters(t, out))
		if sig == syscall.SIGINT && code != 130 && code != 0 {
			t.Errorf("round %d: Ctrl-C gave exit %d: %s", round+1, code, stderr)
		}
	}
	// Two runs at once: one writes, the other refuses.
	a, aErr := appeal(t, args...)
	b, bErr := appeal(t, args...)
	codeA, _ := exitStatus(t, a, time.Now())
	codeB, _ := exitStatus(t, b, time.Now())
	if codeA+codeB != 1 || !strings.Contains(aErr.String()+bErr.String(), "another appeal is writing to this folder") {
		t.Errorf("two runs at once: exits %d and %d\n%s\n%s", codeA, codeB, aErr, bErr)
	}
	// The last run finishes whatever is left.
	last, lastErr := appeal(t, args...)
	if code, _ := exitStatus(t, last, time.Now()); code != 0 {
		t.Fatalf("last run: exit %d: %s", code, lastErr)
	}
	checkBatch(t, out, 360)
	for _, v := range []string{"print-001.pdf", "print-008.pdf"} {
		pdftest.Check(t, filepath.Join(dir, v))
	}
}

// TestFullDisk runs a batch into a 1 MiB file system: it fails with a
// message, and what it leaves is whole and listed; with room again, the
// same command finishes it. It needs root to mount the file system.
func TestFullDisk(t *testing.T) {
	t.Parallel() // its own processes and file system
	pdftest.Need(t, "qpdf")
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root (CI runs as root)")
	}
	dir := t.TempDir()
	disk := filepath.Join(dir, "disk")
	os.Mkdir(disk, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	defer exec.Command("umount", disk).Run()
	writersFile := writeWriters(t, dir, 60)
	out := filepath.Join(disk, "out")
	args := []string{"generate", "../../cases/ua-115-16.yaml", "--writers", writersFile, "--lang", "ru", "--out", out, "--date", "2017-02-10"}
	cmd, stderr := appeal(t, args...)
	code, _ := exitStatus(t, cmd, time.Now())
	if code != 1 || !strings.Contains(stderr.String(), "no space left on device") {
		t.Fatalf("full disk: exit %d: %s", code, stderr)
	}
	got := letters(t, out)
	t.Logf("the disk took %d letters", got)
	checkBatch(t, out, got)
	// Room again: the same command finishes the batch.
	if err := exec.Command("mount", "-o", "remount,size=64m", disk).Run(); err != nil {
		t.Fatal(err)
	}
	cmd, stderr = appeal(t, args...)
	if code, _ := exitStatus(t, cmd, time.Now()); code != 0 {
		t.Fatalf("with room: exit %d: %s", code, stderr)
	}
	checkBatch(t, out, 180)
}

// checkBatch checks a batch's output folder: want letters, each a whole
// PDF that qpdf accepts, listed in the manifest with its checksum, and no
// temporary file.
func checkBatch(t *testing.T, out string, want int) {
	t.Helper()
	rows, err := batch.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	got := files(t, out)
	if len(got) != want {
		t.Errorf("%d letters, want %d", len(got), want)
	}
	for _, f := range got {
		row, ok := rows[f]
		if !ok {
			t.Errorf("%s is not in the manifest", f)
			continue
		}
		p := filepath.Join(out, filepath.FromSlash(f))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != row.SHA256 {
			t.Errorf("%s: checksum differs from the manifest", f)
		}
		pdftest.Check(t, p)
	}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && output.IsTemp(d.Name()) {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}
