package batch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"appeal/internal/casefile"
	"appeal/internal/letter"
	"appeal/internal/pdf"
	"appeal/internal/pdftest"
	"appeal/internal/render"
	"appeal/templates"
)

// TestPrintSetBytes: the in-memory print set holds every letter in plan
// order, and one envelope per letter in the same order.
func TestPrintSetBytes(t *testing.T) {
	pdftest.Need(t, "pdftotext", "qpdf")
	c, err := casefile.LoadFile("../../cases/ua-115-16.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	w := &casefile.Sender{Name: "Jane Writer", Address: []string{"1 High Street"}, Postcode: "M1 1AA", City: casefile.Text{"": "Manchester"}, Country: "GB"}
	sel, _ := letter.Select(c, nil)
	plan := letter.Plan(c, sel, w, letter.Choice{Lang: "en", Region: "GB"})
	o := Options{Date: time.Date(2017, 3, 1, 0, 0, 0, 0, time.UTC)}
	ps := PrintSet{Combined: "letters.pdf", Envelopes: "envelopes.pdf", Envelope: pdf.DL}
	got, err := ps.Bytes(r, c, plan, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d files, want 2", len(got))
	}
	dir := t.TempDir()
	for i, name := range []string{"letters.pdf", "envelopes.pdf"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, got[i], 0o600); err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, path)
		text := pdftest.Text(t, path, 0, 0)
		at := 0
		for _, l := range plan {
			name, _ := l.Recipient.Name.In("en")
			i := strings.Index(text[at:], name)
			if i < 0 {
				t.Errorf("%s: %s missing or out of order", path, name)
				continue
			}
			at += i
		}
	}
	if n := pdftest.Pages(t, filepath.Join(dir, "envelopes.pdf")); n != len(plan) {
		t.Errorf("envelopes: %d pages, want %d", n, len(plan))
	}
	if none, err := (PrintSet{}).Bytes(r, c, plan, o); none != nil || err != nil {
		t.Errorf("empty set: %v, %v", none, err)
	}
}
