package batch

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVolumes(t *testing.T) {
	tests := []struct {
		n, size int
		want    string
	}{
		{5, 10, "out/print.pdf[0:5]"},
		{10, 10, "out/print.pdf[0:10]"},
		{25, 10, "out/print-001.pdf[0:10] out/print-002.pdf[10:20] out/print-003.pdf[20:25]"},
		{3, 0, "out/print.pdf[0:3]"},
	}
	for _, tt := range tests {
		names, bounds := Volumes("out/print.pdf", tt.n, tt.size)
		var got []string
		for i := range names {
			got = append(got, fmt.Sprintf("%s[%d:%d]", names[i], bounds[i][0], bounds[i][1]))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("Volumes(%d, %d) = %v, want %s", tt.n, tt.size, got, tt.want)
		}
	}
}

// TestManifestSurvivesATornRow: a process killed while writing a row
// leaves half a line; the rows before it still count and the next run
// starts on a fresh line.
func TestManifestSurvivesATornRow(t *testing.T) {
	dir := t.TempDir()
	m, err := openManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := Row{File: "c/en/a.pdf", Case: "UA 1", Recipient: "a", Writer: "Jane, \"JD\" Doe", Language: "en", Pages: 1, SHA256: "aa", Source: "s"}
	if err := m.add(a.record()); err != nil {
		t.Fatal(err)
	}
	m.close()
	f, _ := os.OpenFile(filepath.Join(dir, ManifestName), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`c/en/b.pdf,UA 1,b,"Torn`)
	f.Close()

	rows, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows["c/en/a.pdf"] != a {
		t.Fatalf("got %+v", rows)
	}
	m, err = openManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	b := a
	b.File = "c/en/b.pdf"
	m.add(b.record())
	m.close()
	rows, err = ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := rows["c/en/b.pdf"]; !ok {
		t.Errorf("row after the torn one lost: %+v", rows)
	}
	if err := compactManifest(dir, []string{"c/en/b.pdf"}, rows); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "c/en/b.pdf,") || !strings.HasPrefix(lines[2], "c/en/a.pdf,") {
		t.Errorf("compacted manifest:\n%s", data)
	}
}

// TestManifestDefusesFormulas checks that cells a spreadsheet would run as
// formulas are written so they are not, and read back as they were; and
// that a writer's name of a megabyte does not stop the manifest being read.
func TestManifestDefusesFormulas(t *testing.T) {
	names := []string{"=HYPERLINK(\"http://x\",\"y\")", "+1 555", "-Jane", "@SUM(A1)", "'quoted", "''=x", "Jane Doe", strings.Repeat("Долгое имя ", 100_000)}
	dir := t.TempDir()
	m, err := openManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	var want []Row
	for i, n := range names {
		r := Row{File: fmt.Sprintf("c/en/%d.pdf", i), Case: "UA 1", Recipient: "a", Writer: n, Language: "en", Pages: 1, SHA256: "aa", Source: "s"}
		want = append(want, r)
		if err := m.add(r.record()); err != nil {
			t.Fatal(err)
		}
	}
	m.close()
	data, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	for _, line := range strings.Split(string(data), "\n") {
		rec, err := csv.NewReader(strings.NewReader(line)).Read()
		if err != nil {
			continue
		}
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %.40q starts like a formula", cell)
			}
		}
	}
	rows, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range want {
		r.Writer = strings.Join(strings.Fields(r.Writer), " ")
		if got := rows[r.File]; got != r {
			t.Errorf("read back %.60q, want %.60q", got.Writer, r.Writer)
		}
	}
}

func TestManifestLinkRefused(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "elsewhere.csv")
	if err := os.Symlink(target, filepath.Join(dir, ManifestName)); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if _, err := openManifest(dir); err == nil || !strings.Contains(err.Error(), "not a plain file") {
		t.Fatalf("got %v", err)
	}
	if _, err := os.Stat(target); err == nil {
		t.Error("the manifest was written through the link")
	}
}
