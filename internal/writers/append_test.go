package writers

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"appeal/internal/casefile"
)

func TestAppenderReadsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "writers.csv")
	a, err := OpenAppender(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []Writer{
		{Sender: casefile.Sender{Name: "Claire Dubois", Address: []string{"8 rue des Lilas", "Appartement 4B"}, Postcode: "69003", City: casefile.Text{"": "Lyon"}, Country: "FR", Language: "fr"}, Note: `Notre groupe, "Lyon", suit ce cas.`},
		{Sender: casefile.Sender{Name: "Айгерим Садыкова", Address: []string{"пр. Абая, 52"}, City: casefile.Text{"": "Алматы"}, Country: "KZ", Email: "a@example.com"}},
	}
	for _, w := range want {
		if st, err := a.Put("", w); err != nil || st != Added {
			t.Fatal(st, err)
		}
	}
	a.Close()
	got := loadFile(t, path)
	if len(got.Writers) != len(want) {
		t.Fatalf("read %d writers, want %d", len(got.Writers), len(want))
	}
	for i := range want {
		g, w := got.Writers[i], want[i]
		if fmt.Sprint(g.Sender, g.Note) != fmt.Sprint(w.Sender, w.Note) {
			t.Errorf("row %d: got %+v %q, want %+v %q", i, g.Sender, g.Note, w.Sender, w.Note)
		}
	}
}

func TestAppenderConcurrentRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "writers.csv")
	a, err := OpenAppender(path)
	if err != nil {
		t.Fatal(err)
	}
	const n = 40
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			note := strings.Repeat(fmt.Sprintf("note %d ", i), 100)
			if _, err := a.Put(fmt.Sprint(i), Writer{Sender: casefile.Sender{Name: fmt.Sprintf("Writer %d", i), City: casefile.Text{"": "Berlin"}, Country: "DE"}, Note: note}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	a.Close()
	got := loadFile(t, path)
	if len(got.Writers) != n {
		t.Fatalf("read %d writers, want %d", len(got.Writers), n)
	}
}

func TestAppenderDefusesAndContinues(t *testing.T) {
	path := filepath.Join(t.TempDir(), "writers.csv")
	os.WriteFile(path, []byte("name,address,postcode,city,region,country,language,email,note\nA,,,Berlin,,DE,,,x"), 0o600)
	a, err := OpenAppender(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Put("", Writer{Sender: casefile.Sender{Name: "=HYPERLINK(1)", City: casefile.Text{"": "Bonn"}, Country: "DE"}, To: []string{"minister"}}); err != nil {
		t.Fatal(err)
	}
	a.Close()
	data, _ := os.ReadFile(path)
	// The file from before the "to" column gets it, for every row.
	want := "name,address,postcode,city,region,country,language,email,note,to,case\nA,,,Berlin,,DE,,,x,,\n'=HYPERLINK(1),,,Bonn,,DE,,,,minister,\n"
	if string(data) != want {
		t.Errorf("file is\n%s\nwant\n%s", data, want)
	}
	// Load takes the apostrophe off again.
	got := loadFile(t, path)
	if n := got.Writers[1].Sender.Name; n != "=HYPERLINK(1)" {
		t.Errorf("name read back as %q", n)
	}
	if to := got.Writers[1].To; len(to) != 1 || to[0] != "minister" {
		t.Errorf("to read back as %q", to)
	}
}

func TestAppenderRefusesOtherColumns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "writers.csv")
	os.WriteFile(path, []byte("name;city;country\nA;Berlin;DE\n"), 0o600)
	if _, err := OpenAppender(path); err == nil || !strings.Contains(err.Error(), "other columns") {
		t.Errorf("err = %v", err)
	}
}

func TestAppenderOneRowPerWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "writers.csv")
	jane := Writer{Sender: casefile.Sender{Name: "Jane Doe", Address: []string{"1 High St"}, City: casefile.Text{"": "Bonn"}, Country: "DE"}, To: []string{"a", "b"}}
	read := func() []Writer { return loadFile(t, path).Writers }
	a, _ := OpenAppender(path)
	put := func(visit string, w Writer, want Status) {
		t.Helper()
		if st, err := a.Put(visit, w); st != want || err != nil {
			t.Fatalf("Put: %v, %v; want %v", st, err, want)
		}
	}
	put("v1", jane, Added)
	put("v1", jane, Unchanged)
	// She corrects her address in the same visit: her row changes.
	jane.Sender.Address = []string{"11 High St"}
	put("v1", jane, Updated)
	// She changes her note and recipients from another browser: the
	// same person (name, address), her row again.
	jane.Note, jane.To = "A sentence of mine.", []string{"b"}
	put("v2", jane, Updated)
	bob := Writer{Sender: casefile.Sender{Name: "Bob Roe", City: casefile.Text{"": "Köln"}, Country: "DE"}}
	put("v3", bob, Added)
	a.Close()
	got := read()
	if len(got) != 2 || got[0].Sender.Address[0] != "11 High St" || got[0].Note != jane.Note || fmt.Sprint(got[0].To) != "[b]" || got[1].Sender.Name != "Bob Roe" {
		t.Fatalf("file holds %+v", got)
	}

	// A restarted server knows her; the organiser's edits in between
	// (Bob taken out) are kept.
	a, err := OpenAppender(path)
	if err != nil {
		t.Fatal(err)
	}
	put("v9", jane, Unchanged)
	data, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Split(string(data), "Bob Roe")[0]), 0o600)
	carl := Writer{Sender: casefile.Sender{Name: "Carl Poe", City: casefile.Text{"": "Bonn"}, Country: "DE"}}
	put("v4", carl, Added)
	a.Close()
	if got := read(); len(got) != 2 || got[1].Sender.Name != "Carl Poe" {
		t.Errorf("after the organiser's edit: %+v", got)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
}

// loadFile reads the writers file at path with Load.
func loadFile(t *testing.T, path string) *File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := Load(path, f)
	if err != nil {
		t.Fatal(err)
	}
	return got
}
