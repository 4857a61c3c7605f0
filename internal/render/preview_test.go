package render

import (
	"strings"
	"testing"
	"time"

	"appeal/internal/casefile"
)

// TestPieceIsWhatTheLetterPrints: a piece rendered for a letter's Data is
// the letter's own text, so the preview shows translators what letters say.
func TestPieceIsWhatTheLetterPrints(t *testing.T) {
	r := newRenderer(t)
	c, err := casefile.LoadFile("testdata/cases/one-prisoner.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "ru", "kk"} {
		for _, rc := range c.Recipients {
			in := Input{Case: c, Recipient: rc, Lang: lang, Date: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC), SameText: true}
			l, err := r.Letter(in)
			if err != nil {
				t.Fatal(err)
			}
			d, err := r.Data(in)
			if err != nil {
				t.Fatal(err)
			}
			subject, err := r.Piece(lang, "subject-1", d)
			if err != nil {
				t.Fatal(err)
			}
			if subject != l.Subject {
				t.Errorf("%s/%s: subject-1 = %q, the letter's subject %q", lang, rc.ID, subject, l.Subject)
			}
			request, err := r.Piece(lang, "request-1", d)
			if err != nil {
				t.Fatal(err)
			}
			if last := l.Body[len(l.Body)-1].Text; last != request {
				t.Errorf("%s/%s: request-1 = %q, the letter's last paragraph %q", lang, rc.ID, request, last)
			}
		}
	}
	if _, err := r.Piece("ru", "subject-99", Data{}); err == nil || !strings.Contains(err.Error(), `no piece "subject-99"`) {
		t.Errorf("unknown piece: err = %v", err)
	}
}

// TestPreviewRows: a piece that differs by role or by sender gets a row
// for each; one that does not, a single row.
func TestPreviewRows(t *testing.T) {
	r := newRenderer(t)
	c, err := casefile.LoadFile("testdata/cases/one-prisoner.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := &casefile.Sender{Name: "Jane Doe", City: casefile.Text{"": "Leeds"}, Country: "GB"}
	p, err := r.Preview(PreviewInput{Case: c, CaseName: "test", Sender: s, Lang: "ru", Against: "en", Date: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string][]string{}
	var order []string
	for _, sec := range p.Sections {
		order = append(order, sec.Heading)
		for _, row := range sec.Rows {
			labels[sec.Heading] = append(labels[sec.Heading], row.Label)
		}
	}
	for piece, want := range map[string]string{
		"subject-1": "",
		"opening-1": "with sender|no sender",
		"lead-in":   "role to|role copy, embassy",
		"request-1": "role to|role copy|role embassy",
	} {
		if got := strings.Join(labels[piece], "|"); got != want {
			t.Errorf("%s: rows %q, want %q", piece, got, want)
		}
	}
	if got := strings.Join(order[:4], " "); got != "subject-1 subject-2 subject-3 opening-1" {
		t.Errorf("order starts %q", got)
	}
}
