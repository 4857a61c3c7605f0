package render

import (
	"strings"
	"testing"
	"time"

	"appeal/internal/casefile"
)

// TestFrenchSpacing: French typography puts a narrow no-break space
// before ; ! ? and a no-break space before : and inside « », in place of
// a typed space or where there was none, but not inside a word, a number
// or an address.
func TestFrenchSpacing(t *testing.T) {
	const n, f = "\u00a0", "\u202f"
	tests := []struct{ in, want string }{
		{"Objet : appel", "Objet" + n + ": appel"},
		{"Objet: appel", "Objet" + n + ": appel"},
		{"Objet\u00a0: appel", "Objet" + n + ": appel"},
		{"Pourriez-vous ? Merci !", "Pourriez-vous" + f + "? Merci" + f + "!"},
		{"une hépatite C; selon sa famille", "une hépatite C" + f + "; selon sa famille"},
		{"vraiment ?!", "vraiment" + f + "?!"},
		{"les « élections locales ».", "les «" + n + "élections locales" + n + "»."},
		{"les «élections locales».", "les «" + n + "élections locales" + n + "»."},
		{"à 14:30, voir https://amnesty.fr/?id=2 et le ratio 3:1",
			"à 14:30, voir https://amnesty.fr/?id=2 et le ratio 3:1"},
		{": début", ": début"},
	}
	for _, tt := range tests {
		if got := frenchSpacing(tt.in); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
	r := newRenderer(t)
	loc, _ := r.Locale("fr")
	for _, tt := range []struct{ in, want string }{
		// straight quotes become guillemets, then take their spaces
		{`une publication sur les "élections locales".`, "une publication sur les «" + n + "élections locales" + n + "»."},
		{`à quelque 1 500 km (art. 174 et 400) : c'est loin !`, "à" + n + "quelque 1" + n + "500" + n + "km (art." + n + "174" + n + "et 400)" + n + ": c’est loin" + f + "!"},
		{`le 1er mars 2017, M. Assanov`, "le 1er" + n + "mars" + n + "2017, M." + n + "Assanov"},
	} {
		if got := loc.Typography.set(tt.in); got != tt.want {
			t.Errorf("fr %q: got %q, want %q", tt.in, got, tt.want)
		}
	}
	// Other languages keep their punctuation as typed.
	en, _ := r.Locale("en")
	if got := en.Typography.set("Note: why?"); got != "Note: why?" {
		t.Errorf("en: got %q", got)
	}
}

// TestFirstDay: French writes the first of a month as an ordinal.
func TestFirstDay(t *testing.T) {
	r := newRenderer(t)
	loc, _ := r.Locale("fr")
	for date, want := range map[string]string{
		"2017-03-01": "1er mars 2017",
		"2017-03-14": "14 mars 2017",
		"2017-02-10": "10 février 2017",
		"2016-08-21": "21 août 2016",
	} {
		d, _ := time.Parse(time.DateOnly, date)
		if got := loc.FormatDate(d); got != want {
			t.Errorf("%s: got %q, want %q", date, got, want)
		}
	}
	en, _ := r.Locale("en")
	if got := en.FormatDate(time.Date(2017, 3, 1, 0, 0, 0, 0, time.UTC)); got != "1 March 2017" {
		t.Errorf("en: got %q", got)
	}
}

// TestClosingRepeatsSalutation: a French closing repeats the salutation's
// form of address, derived or given by the case, and an office addressed
// as "Madame, Monsieur" gets its own formula.
func TestClosingRepeatsSalutation(t *testing.T) {
	r := newRenderer(t)
	c, err := casefile.Load("t.yaml", strings.NewReader(`reference: UA 1/26
title: {fr: T}
facts: {fr: Des faits.}
demands: [{fr: La libération d'Anna Ivanova.}]
prisoners: [{name: {fr: Anna Ivanova}, gender: female}]
recipients:
  - {id: minister, title: {fr: Ministre de l'Intérieur}, short_title: {fr: Ministre}, gender: female, address: [1 Street, Astana], country: KZ}
  - {id: ambassador, role: embassy, title: {fr: Ambassadeur}, gender: male, address: [1 Street, London], country: GB}
  - {id: ambassador2, role: embassy, title: {fr: Ambassadeur}, gender: male, salutation: {fr: "Excellence,"}, address: [1 Street, London], country: GB}
  - {id: high, title: {fr: Haut-Commissaire}, gender: male, address: [1 Street, Astana], country: KZ}
  - {id: office, role: copy, organisation: {fr: Bureau}, address: [1 Street, Astana], country: KZ}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"minister":    {"Madame la Ministre,", "Je vous prie d’agréer, Madame la Ministre, l’expression de ma haute considération."},
		"ambassador":  {"Monsieur l’Ambassadeur,", "Je vous prie d’agréer, Monsieur l’Ambassadeur, l’expression de ma haute considération."},
		"ambassador2": {"Excellence,", "Je vous prie d’agréer, Excellence, l’expression de ma haute considération."},
		"high":        {"Monsieur le Haut-Commissaire,", "Je vous prie d’agréer, Monsieur le Haut-Commissaire, l’expression de ma haute considération."},
		"office":      {"Madame, Monsieur,", "Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations distinguées."},
	}
	for _, rc := range c.Recipients {
		l, err := r.Letter(Input{Case: c, Recipient: rc, Lang: "fr", Date: time.Date(2017, 3, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if w := want[rc.ID]; l.Salutation != w[0] || l.Closing != w[1] {
			t.Errorf("%s: got %q … %q, want %q … %q", rc.ID, l.Salutation, l.Closing, w[0], w[1])
		}
		if rc.ID == "minister" && l.Date != "Le 1er\u00a0mars\u00a02017" {
			t.Errorf("date %q", l.Date)
		}
	}
}
