package render

import (
	"strings"
	"testing"

	"appeal/internal/casefile"
)

func TestDateline(t *testing.T) {
	dl := Dateline{Place: "{city}, le {date}", Alone: "Le {date}"}
	if got := dl.line("1er mars 2017", "Bruxelles"); got != "Bruxelles, le 1er mars 2017" {
		t.Errorf("with a town: %q", got)
	}
	if got := dl.line("1er mars 2017", ""); got != "Le 1er mars 2017" {
		t.Errorf("without: %q", got)
	}
	if got := (Dateline{}).line("1 March 2017", "Leeds"); got != "1 March 2017" {
		t.Errorf("none: %q", got)
	}
}

func TestLcfirstOnly(t *testing.T) {
	de := lcfirstFunc([]string{"die", "bis", "sich"})["lcfirst"].(func(string) string)
	any := lcfirstFunc(nil)["lcfirst"].(func(string) string)
	for _, tt := range []struct {
		f       func(string) string
		in, out string
	}{
		{de, "Aigul Nurlanova umgehend freizulassen.", "Aigul Nurlanova umgehend freizulassen."},
		{de, "Die Gefangenen freizulassen.", "die Gefangenen freizulassen."},
		{de, "Bis zu ihrer Freilassung …", "bis zu ihrer Freilassung …"},
		{de, "Gefangene freizulassen.", "Gefangene freizulassen."},
		{any, "Release her.", "release her."},
		{any, "Освободить её.", "освободить её."},
	} {
		if got := tt.f(tt.in); got != tt.out {
			t.Errorf("lcfirst(%q) = %q, want %q", tt.in, got, tt.out)
		}
	}
}

// TestSalutationEnd: a case's own salutation ends as the language's do
// (German and English with a comma, Russian with "!", Spanish with ":").
func TestSalutationEnd(t *testing.T) {
	r := newRenderer(t)
	y := `reference: UA 1/26
languages: [de, ru]
prisoners: [{name: Anna Ivanova}]
facts: {de: Tatsachen., ru: Факты.}
demands: [{de: Die Gefangene freizulassen., ru: Освободить её.}]
recipients:
  - id: ombudsman
    name: {de: Askar Shakirov, ru: Аскар Шакиров}
    gender: male
    addressee: {ru: [Уполномоченному, г-ну А. Ш. Шакирову]}
    address: [1 Street, Astana]
    country: KZ
    salutation: {de: Sehr geehrter Herr Shakirov, ru: Уважаемый Аскар Шакирович!}
`
	c, err := casefile.Load("c.yaml", strings.NewReader(y))
	if err != nil {
		t.Fatal(err)
	}
	de, ru := r.Check(c, "de").Error(), r.Check(c, "ru").Error()
	if want := `recipients[0].salutation.de: a German salutation ends with ",", as in "Sehr geehrter Herr …,": add it`; !strings.Contains(de, want) {
		t.Errorf("de: %s\nwant %s", de, want)
	}
	if strings.Contains(ru, "salutation") {
		t.Errorf("ru: %s", ru)
	}
	for lang, want := range map[string]string{"en": ",", "de": ",", "ru": "!", "kk": "!", "es": ":", "fr": ","} {
		loc, _ := r.Locale(lang)
		if got := loc.Salutation.End(); got != want {
			t.Errorf("%s salutations end with %q, want %q", lang, got, want)
		}
	}
}
