package importer

import (
	"strings"
	"testing"
)

func TestRepeatedRecipientMerged(t *testing.T) {
	text := "UA 12/24\n\nPLEASE WRITE TO:\n\nGovernor Nathan Deal:\nFax: 001 (404) 657-7332\n\nGovernor Nathan Deal\nEmail: governor@example.gov\n"
	res, err := Import(text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	y := string(res.YAML)
	if res.Recipients != 1 || !strings.Contains(y, "governor@example.gov") || !strings.Contains(y, "657-7332") || !strings.Contains(y, "lists this recipient twice (lines 5 and 8)") {
		t.Errorf("got %d recipients:\n%s", res.Recipients, y)
	}
}

func TestBlockCutOffAtEndMarked(t *testing.T) {
	text := "UA 12/24\n\nPLEASE WRITE TO:\n\nMinister of Justice Mr Ivan Petrov\nFax: +7 495 000 00 00\n\nAnd copies to:\nEmbassy of the Russian Federation\nH.E. Mr Andrei Kel"
	res, err := Import(text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if y := string(res.YAML); strings.Count(y, "it may be cut off") != 1 {
		t.Errorf("want the last block marked cut off once:\n%s", y)
	}
}

func TestRecipientOnlyInRunningText(t *testing.T) {
	text := "Libérez Taner Kilic\n\nPétition à l'attention d'Abdulhamit Gül, ministre de la Justice de la République de Turquie\n"
	res, err := Import(text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	y := string(res.YAML)
	for _, want := range []string{"name: {fr: Abdulhamit Gül}", "title: {fr: ministre de la Justice de la République de Turquie}", "only in its running text (line 3)"} {
		if !strings.Contains(y, want) {
			t.Errorf("no %q in:\n%s", want, y)
		}
	}
}
