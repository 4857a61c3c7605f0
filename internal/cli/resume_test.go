package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"io/fs"
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

// TestKilledBatchResumes runs a batch of 400 writers, kills it with
// SIGKILL part way, and runs the same command again: in the end every
// letter is there once, whole, and listed once in the manifest, and the
// second run did not redo what the first had finished. (A few hundred
// letters prove what 5,000 did: the kill lands among workers writing.)
func TestKilledBatchResumes(t *testing.T) {
	const n = 400
	dir := t.TempDir()
	writersFile := writeWriters(t, dir, n)
	out := filepath.Join(dir, "out")
	args := []string{"generate", "../../cases/ua-115-16.yaml", "--writers", writersFile, "--lang", "ru",
		"--to", "prosecutor-general", "--out", out, "--date", "2017-02-10", "--combined", filepath.Join(dir, "print.pdf"), "--volume", "100"}
	command := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "APPEAL_RUN_MAIN=1")
		return cmd
	}

	first := command()
	var firstErr bytes.Buffer
	first.Stderr = &firstErr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once some letters are written, well before the end.
	deadline := time.Now().Add(2 * time.Minute)
	for letters(t, out) < 50 {
		if time.Now().After(deadline) {
			first.Process.Kill()
			t.Fatalf("no letters after 2 minutes: %s", firstErr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	first.Process.Signal(syscall.SIGKILL)
	first.Wait()
	killedAt := letters(t, out)
	if killedAt >= n {
		t.Fatalf("the batch finished (%d letters) before it was killed", killedAt)
	}
	// Whatever the kill left: every letter file on disk is whole (the
	// renames are atomic) and listed in the manifest.
	rows, err := batch.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files(t, out) {
		if _, ok := rows[f]; !ok {
			t.Errorf("after the kill, %s is on disk but not in the manifest", f)
		}
	}

	second := command()
	var secondErr bytes.Buffer
	second.Stderr = &secondErr
	if err := second.Run(); err != nil {
		t.Fatalf("second run: %v\n%s", err, secondErr.String())
	}
	if !strings.Contains(secondErr.String(), "already done") {
		t.Errorf("second run redid everything: %s", secondErr.String())
	}

	got := files(t, out)
	if len(got) != n {
		t.Errorf("%d letter files, want %d", len(got), n)
	}
	f, err := os.Open(filepath.Join(out, batch.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != n+1 {
		t.Errorf("manifest has %d rows, want %d and a header", len(recs)-1, n)
	}
	seen := map[string]bool{}
	for _, rec := range recs[1:] {
		if seen[rec[0]] {
			t.Errorf("manifest lists %s twice", rec[0])
		}
		seen[rec[0]] = true
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rec[0])))
		if err != nil {
			t.Error(err)
			continue
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != rec[6] {
			t.Errorf("%s: checksum differs from the manifest", rec[0])
		}
		if !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
			t.Errorf("%s: not a whole PDF", rec[0])
		}
	}
	for _, v := range []string{"print-001.pdf", "print-004.pdf"} {
		if _, err := os.Stat(filepath.Join(dir, v)); err != nil {
			t.Errorf("combined volumes: %v", err)
		}
	}
	t.Logf("killed after %d letters; the second run: %s", killedAt, strings.TrimSpace(secondErr.String()))
}

// letters counts the letter files under out.
func letters(t *testing.T, out string) int { return len(files(t, out)) }

// files lists the letter files under out, relative, with forward slashes;
// temporary files left by the kill do not count.
func files(t *testing.T, out string) []string {
	var got []string
	filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".pdf") && !output.IsTemp(d.Name()) {
			rel, _ := filepath.Rel(out, path)
			got = append(got, filepath.ToSlash(rel))
		}
		return nil
	})
	return got
}
