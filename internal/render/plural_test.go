package render

import (
	"testing"

	xlanguage "golang.org/x/text/language"
)

// TestPlural pins the CLDR plural rules the templates' plural uses.
func TestPlural(t *testing.T) {
	ru := []string{"узник", "узника", "узников"}
	tests := []struct {
		lang  string
		words []string
		want  map[int]string
	}{
		{"ru", ru, map[int]string{1: "узник", 2: "узника", 4: "узника", 5: "узников", 11: "узников", 21: "узник", 22: "узника", 25: "узников", 0: "узников"}},
		{"fr", []string{"prisonnier", "prisonniers"}, map[int]string{0: "prisonnier", 1: "prisonnier", 2: "prisonniers"}},
		{"en", []string{"prisoner", "prisoners"}, map[int]string{0: "prisoners", 1: "prisoner", 2: "prisoners", 21: "prisoners"}},
		{"kk", []string{"тұтқын", "тұтқын"}, map[int]string{1: "тұтқын", 2: "тұтқын"}},
		{"de", []string{"Gefangener", "Gefangene"}, map[int]string{1: "Gefangener", 3: "Gefangene"}},
		{"es", []string{"preso", "presos"}, map[int]string{1: "preso", 2: "presos"}},
		// CLDR ar: zero 0; one 1; two 2; few n%100 in 3..10; many n%100 in
		// 11..99; other 100, 101, 102, 1000 …
		{"ar", []string{"zero", "one", "two", "few", "many", "other"}, map[int]string{
			0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many",
			100: "other", 101: "other", 102: "other", 103: "few", 111: "many", 1000: "other"}},
		// CLDR fa: one for 0 and 1, other for the rest.
		{"fa", []string{"زندانی", "زندانیان"}, map[int]string{
			0: "زندانی", 1: "زندانی", 2: "زندانیان", 3: "زندانیان", 10: "زندانیان", 11: "زندانیان",
			99: "زندانیان", 100: "زندانیان", 101: "زندانیان", 102: "زندانیان"}},
	}
	for _, tt := range tests {
		tag := xlanguage.MustParse(tt.lang)
		for n, want := range tt.want {
			if got := pluralWord(tag, n, tt.words); got != want {
				t.Errorf("%s %d: got %q, want %q", tt.lang, n, got, want)
			}
		}
	}
	// In a template.
	r := newRenderer(t)
	l := r.langs["ru"]
	tmpl, err := l.tmpl.Clone()
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err = tmpl.New("x").Parse(`{{plural .Count "узник" "узника" "узников"}}`)
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int]string{1: "узник", 3: "узника", 5: "узников"} {
		s, err := execute(tmpl, "x", Data{Count: n})
		if err != nil || s != want {
			t.Errorf("template, %d: %q, %v; want %q", n, s, err, want)
		}
	}
}
