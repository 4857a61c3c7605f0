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
		if added, err := a.Append(w); err != nil || !added {
			t.Fatal(added, err)
		}
	}
	a.Close()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := Load(path, f)
	if err != nil {
		t.Fatal(err)
	}
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
			if _, err := a.Append(Writer{Sender: casefile.Sender{Name: fmt.Sprintf("Writer %d", i), City: casefile.Text{"": "Berlin"}, Country: "DE"}, Note: note}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	a.Close()
	f, _ := os.Open(path)
	defer f.Close()
	got, err := Load(path, f)
	if err != nil {
		t.Fatal(err)
	}
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
	if _, err := a.Append(Writer{Sender: casefile.Sender{Name: "=HYPERLINK(1)", City: casefile.Text{"": "Bonn"}, Country: "DE"}}); err != nil {
		t.Fatal(err)
	}
	a.Close()
	data, _ := os.ReadFile(path)
	if want := "x\n'=HYPERLINK(1),,,Bonn,,DE,,,\n"; !strings.HasSuffix(string(data), want) {
		t.Errorf("file ends %q, want %q", data, want)
	}
}

func TestAppenderRefusesOtherColumns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "writers.csv")
	os.WriteFile(path, []byte("name;city;country\nA;Berlin;DE\n"), 0o600)
	if _, err := OpenAppender(path); err == nil || !strings.Contains(err.Error(), "other columns") {
		t.Errorf("err = %v", err)
	}
}

func TestAppenderOncePerWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "writers.csv")
	jane := Writer{Sender: casefile.Sender{Name: "Jane Doe", City: casefile.Text{"": "Bonn"}, Country: "DE"}}
	a, _ := OpenAppender(path)
	if added, _ := a.Append(jane); !added {
		t.Fatal("first not added")
	}
	a.Close()
	a, err := OpenAppender(path) // a restarted server knows her too
	if err != nil {
		t.Fatal(err)
	}
	jane.Note = "changed her note"
	if added, err := a.Append(jane); added || err != nil {
		t.Errorf("second: added %v, %v", added, err)
	}
	a.Close()
}
