package output

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"UA 115/16", "ua-115-16"},
		{"../../etc/passwd", "etc-passwd"},
		{"..", "x"},
		{".", "x"},
		{"", "x"},
		{"a\x00b\nc\td", "a-b-c-d"},
		{`C:\Windows\system32`, "c-windows-system32"},
		{"Żółć & Łódź", "zolc-lodz"},
		{"Бас прокурор", "bas-prokuror"},
		{"Қазақстан Әділет", "qazaqstan-adilet"},
		{"مریم رضایی", "mrim-rzaii"},
		{"غلامحسین محسنی اژه‌ای", "ghlamhsin-mhsni-azhh-ai"},
		{"نرجس محمدي", "nrjs-mhmdi"},
		{"رئیس ۱۴۰۵", "riis-1405"},
		{"prosecutor_general", "prosecutor_general"},
		{"---a---", "a"},
		{strings.Repeat("ab", 100), strings.Repeat("ab", 32)},
	}
	for _, tt := range tests {
		if got := Slug(tt.in, "x"); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSlug(f *testing.F) {
	f.Add("UA 115/16")
	f.Add("../..")
	f.Add("CON")
	f.Add("Lpt1")
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s, "x")
		if got == "" || got == "." || got == ".." || len(got) > 64 || strings.ContainsAny(got, "/\\.\x00") || reserved(got) {
			t.Fatalf("Slug(%q) = %q", s, got)
		}
	})
}

func TestCheckAndWrite(t *testing.T) {
	dir := t.TempDir()
	files := []File{{Path: filepath.Join("a", "1.txt"), Data: []byte("one")}, {Path: filepath.Join("a", "2.txt"), Data: []byte("two")}}
	if err := Check(dir, files, false); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, files[0]); err != nil {
		t.Fatal(err)
	}
	err := Check(dir, files, false)
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "1.txt; use --force to overwrite it") {
		t.Errorf("got %v", err)
	}
	if err := Check(dir, files, true); err != nil {
		t.Errorf("force: %v", err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "a", "1.txt"))
	if err != nil || string(got) != "one" {
		t.Errorf("got %q, %v", got, err)
	}
	// No temporary file is left behind.
	entries, _ := os.ReadDir(filepath.Join(dir, "a"))
	if len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}

// TestWriteAllIsAllOrNothing makes the last of four files fail (its folder
// cannot be made: a file stands in its way) and checks that none of the
// four appears and no temporary file is left.
func TestWriteAllIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "blocker"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := []File{
		{Path: filepath.Join("ua", "01.txt"), Data: []byte("one")},
		{Path: filepath.Join("ua", "02.txt"), Data: []byte("two")},
		{Path: filepath.Join("ua", "03.txt"), Data: []byte("three")},
		{Path: filepath.Join("blocker", "04.txt"), Data: []byte("four")},
	}
	if err := WriteAll(context.Background(), dir, files); err == nil {
		t.Fatal("no error for a file that cannot be written")
	}
	var left []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "blocker" {
			left = append(left, p)
		}
		return nil
	})
	if len(left) > 0 {
		t.Errorf("files left after a failed WriteAll: %v", left)
	}
	// The same files without the blocker are all written.
	files[3].Path = filepath.Join("ua", "04.txt")
	if err := WriteAll(context.Background(), dir, files); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if data, err := os.ReadFile(filepath.Join(dir, f.Path)); err != nil || string(data) != string(f.Data) {
			t.Errorf("%s: %q, %v", f.Path, data, err)
		}
	}
}

func TestSlugAvoidsDeviceNames(t *testing.T) {
	for in, want := range map[string]string{"CON": "con_", "nul": "nul_", "Com1": "com1_", "LPT9": "lpt9_", "console": "console", "com10": "com10", "Aux.": "aux_"} {
		if got := Slug(in, "x"); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
